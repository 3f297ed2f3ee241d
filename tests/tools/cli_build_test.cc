// `mutuals build` end to end: the build report, every vertex order, format
// variants of the edge list giving byte-identical stores, and what happens
// to an existing store when a rebuild succeeds or fails (DESIGN §4, §5).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/cli_runner.h"
#include "support/temp_dir.h"
#include "tools/cli_test_util.h"

namespace mutuals::testing {
namespace {

using Names = std::vector<std::string>;

// A tiny graph in most of the variants the edge loader accepts:
//
//      1 ──── 2          MAX = 18446744073709551615 (the largest member id)
//      │ ╲    │          2 2 is a self-loop (dropped, counted)
//      │  ╲   │          2,1 repeats 1,2 (collapsed, counted)
//     MAX ── 3
//
// shared(1, 3) = {2, MAX}; shared(MAX, 2) = {1, 3}.
constexpr char kTinyEdges[] =
    "# a tiny graph\n"
    "source,target,weight\n"
    "1,2,0.5\r\n"
    "2 3\n"
    "3\t1\n"
    "2,1\n"
    "2 2\n"
    "18446744073709551615 1\n"
    "18446744073709551615 3\n";
// 999 appears only here (visible, unlinked); 998 too, but hidden.
constexpr char kTinyConsent[] =
    "member,linked,visible,grants,rolled_out\n"
    "1,1,1,all,1\n"
    "2,1,1,all,\n"
    "3,1,1,all,1\n"
    "18446744073709551615,1,1,all,1\n"
    "999,0,1,none,1\n"
    "998,0,0,none,1\n";

CliResult query_json(const std::string& store, const std::string& viewer, const std::string& subject,
                     const std::string& limit = "5") {
  return run_cli({"query", store, "shared-connections", "--viewer", viewer, "--subject", subject, "--limit", limit,
                  "--json"});
}

std::string info_json(const std::string& store) {
  const CliResult r = run_cli({"info", store, "--json"});
  EXPECT_EQ(r.exit_code, 0) << r;
  return r.out;
}

// info --json with the store's own path (the only field that names where it is) blanked.
// The store's description without what differs between two identical
// stores: the path and how long the open took.
std::string info_json_without_path(const std::string& store) {
  nlohmann::json json = nlohmann::json::parse(info_json(store));
  EXPECT_EQ(json.value("store", ""), store);
  EXPECT_TRUE(json.contains("open_ms"));
  json.erase("store");
  json.erase("open_ms");
  return json.dump();
}

// Byte for byte, every file of the two store directories.
void expect_same_store(const std::string& a, const std::string& b) {
  const auto files_a = dir_snapshot(a), files_b = dir_snapshot(b);
  EXPECT_EQ(list_dir(a), list_dir(b));
  for (const auto& [name, bytes] : files_a) {
    const auto other = files_b.find(name);
    EXPECT_TRUE(other != files_b.end() && other->second == bytes) << a << " vs " << b << ": " << name << " differs";
  }
  EXPECT_EQ(info_json_without_path(a), info_json_without_path(b));
}

// A store directory holds at least its manifest and data file.
void expect_store_files(const std::string& store) {
  const Names names = list_dir(store);
  EXPECT_NE(std::find(names.begin(), names.end(), "manifest.mfb"), names.end()) << store;
  EXPECT_NE(std::find(names.begin(), names.end(), "data.bin"), names.end()) << store;
}

TEST(CliBuild, SampleGraphReportAndStoreLayout) {
  TempDir dir;
  const std::string store = dir.file("ego.store");
  const CliResult r =
      run_cli({"build", "--edges", ego_edges(), "--consent", sample_consent(), "--out", store});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(r.err, "") << "progress goes to stderr only when it is a terminal";
  // The report is for people: it names the store, the members and the connections.
  EXPECT_TRUE(says_in_order(r.out, {store, "4039", "88234"})) << r;
  // Only the store is left next to it: no temporary directory.
  EXPECT_EQ(list_dir(dir.path()), Names{"ego.store"});
  expect_store_files(store);
}

TEST(CliBuild, EveryOrderBuildsAndGivesIdenticalBatchAnswers) {
  TempDir dir;
  const std::string expected = read_file(expected_batch());
  for (const std::string order : {"none", "degree", "bfs", "rcm"}) {
    SCOPED_TRACE("--order " + order);
    const std::string store = dir.file(order + ".store");
    const CliResult built = run_cli(
        {"build", "--edges", ego_edges(), "--consent", sample_consent(), "--order", order, "--out", store});
    ASSERT_EQ(built.exit_code, 0) << built;
    EXPECT_TRUE(says_in_order(built.out, {order})) << built;
    const std::string json = info_json(store);
    EXPECT_NE(json.find("\"order\":\"" + order + "\""), std::string::npos) << json;
    EXPECT_EQ(json_number(json, "members"), kEgoMembers) << json;
    EXPECT_EQ(json_number(json, "entries"), kEgoEntries) << json;

    const std::string out = dir.file(order + ".csv");
    const CliResult batch = run_cli({"batch", store, "--pairs", sample_pairs(), "--out", out, "--limit", "5"});
    ASSERT_EQ(batch.exit_code, 0) << batch;
    EXPECT_TRUE(read_file(out) == expected) << "batch answers under --order " << order
                                            << " differ from expected_batch.csv";
    const CliResult q = query_json(store, "3553", "3835");
    EXPECT_EQ(q.out, "{\"status\":\"ok\",\"viewer\":3553,\"subject\":3835,\"count\":12,"
                     "\"items\":[3437,3442,3521,3599,3629]}\n")
        << q;
  }
}

TEST(CliBuild, GzAndPlainEdgesGiveIdenticalStores) {
  TempDir inputs, gz_dir, plain_dir;
  const std::string plain = inputs.write("facebook_combined.txt", gunzip_file(ego_edges()));
  ASSERT_TRUE(build_sample_store(gz_dir.file("s")));
  const CliResult r =
      run_cli({"build", "--edges", plain, "--consent", sample_consent(), "--out", plain_dir.file("s")});
  ASSERT_EQ(r.exit_code, 0) << r;
  expect_same_store(gz_dir.file("s"), plain_dir.file("s"));
}

// CRLF, a header line, comments, comma separators and extra columns change
// nothing about the graph, so they change nothing in the store.
TEST(CliBuild, EdgeFileVariantsGiveIdenticalStores) {
  TempDir inputs, base_dir, variant_dir;
  std::string variant = "% exported for a test\nsource,target,weight\r\n";
  std::size_t n = 0;
  for (const std::string& line : lines_of(gunzip_file(ego_edges()))) {
    if (line.empty()) continue;
    const std::vector<std::string> ids = split(line, ' ');
    ASSERT_EQ(ids.size(), 2u) << line;
    variant += (++n % 2 ? ids[0] + "," + ids[1] + ",1.0" : ids[0] + "\t" + ids[1]) + "\r\n";
    if (n % 10000 == 0) variant += "# a comment in the middle\r\n";
  }
  ASSERT_EQ(n, static_cast<std::size_t>(kEgoConnections));
  const std::string path = inputs.write_gz("variant.csv.gz", variant);
  ASSERT_TRUE(build_sample_store(base_dir.file("s")));
  const CliResult r = run_cli({"build", "--edges", path, "--consent", sample_consent(), "--out", variant_dir.file("s")});
  ASSERT_EQ(r.exit_code, 0) << r;
  expect_same_store(base_dir.file("s"), variant_dir.file("s"));
}

TEST(CliBuild, ThreadCountDoesNotChangeTheStore) {
  TempDir one, four;
  ASSERT_TRUE(build_sample_store(one.file("s"), {"--threads", "1"}));
  ASSERT_TRUE(build_sample_store(four.file("s"), {"--threads", "4"}));
  expect_same_store(one.file("s"), four.file("s"));
}

TEST(CliBuild, TinyGraphCountsSelfLoopsDuplicatesAndTheLargestId) {
  TempDir dir;
  const std::string store = dir.file("tiny.store");
  const CliResult r = run_cli({"build", "--edges", dir.write("tiny.txt", kTinyEdges), "--consent",
                               dir.write("consent.csv", kTinyConsent), "--out", store});
  ASSERT_EQ(r.exit_code, 0) << r;
  const std::string json = info_json(store);
  EXPECT_EQ(json_number(json, "members"), 6) << json;  // 1, 2, 3, MAX, and 998, 999 from consent only
  EXPECT_EQ(json_number(json, "connections"), 5) << json;
  EXPECT_EQ(json_number(json, "entries"), 10) << json;
  EXPECT_EQ(json_number(json, "self_loops"), 1) << json;
  EXPECT_EQ(json_number(json, "duplicates_dropped"), 1) << json;
  EXPECT_EQ(json_number(json, "consented_members"), 6) << json;

  EXPECT_EQ(query_json(store, "1", "3").out,
            "{\"status\":\"ok\",\"viewer\":1,\"subject\":3,\"count\":2,\"items\":[2,18446744073709551615]}\n");
  EXPECT_EQ(query_json(store, "18446744073709551615", "2").out,
            "{\"status\":\"ok\",\"viewer\":18446744073709551615,\"subject\":2,\"count\":2,\"items\":[1,3]}\n");
  // A member is known when it appears in any input (DESIGN §3): 999 is only in
  // the consent file, visible, and shares no one.
  EXPECT_EQ(query_json(store, "1", "999").out,
            "{\"status\":\"ok\",\"viewer\":1,\"subject\":999,\"count\":0,\"items\":[]}\n");
  // A hidden member answers exactly as an unknown one.
  EXPECT_EQ(query_json(store, "1", "998").out,
            "{\"status\":\"subject_unavailable\",\"viewer\":1,\"subject\":998,\"count\":0,\"items\":[]}\n");
  EXPECT_EQ(query_json(store, "1", "997").out,
            "{\"status\":\"subject_unavailable\",\"viewer\":1,\"subject\":997,\"count\":0,\"items\":[]}\n");
}

TEST(CliBuild, WithoutConsentEveryoneHasTheSecureDefaults) {
  TempDir dir;
  const std::string store = dir.file("s");
  const CliResult r = run_cli({"build", "--edges", ego_edges(), "--out", store});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(json_number(info_json(store), "consented_members"), 0);
  EXPECT_EQ(query_json(store, "3553", "3835").out,
            "{\"status\":\"viewer_not_linked\",\"viewer\":3553,\"subject\":3835,\"count\":0,\"items\":[]}\n");
}

TEST(CliBuild, IntoAnExistingEmptyDirectory) {
  TempDir dir;
  ASSERT_TRUE(std::filesystem::create_directory(dir.file("s")));
  ASSERT_TRUE(build_sample_store(dir.file("s")));
  EXPECT_EQ(list_dir(dir.path()), Names{"s"});
  EXPECT_EQ(json_number(info_json(dir.file("s")), "members"), kEgoMembers);
}

TEST(CliBuild, RebuildReplacesAnExistingStore) {
  TempDir dir, inputs;
  const std::string store = dir.file("s");
  ASSERT_TRUE(build_sample_store(store));
  ASSERT_EQ(query_json(store, "3553", "3835").out,
            "{\"status\":\"ok\",\"viewer\":3553,\"subject\":3835,\"count\":12,"
            "\"items\":[3437,3442,3521,3599,3629]}\n");

  const CliResult r = run_cli({"build", "--edges", inputs.write("tiny.txt", kTinyEdges), "--consent",
                               inputs.write("consent.csv", kTinyConsent), "--out", store});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(list_dir(dir.path()), Names{"s"}) << "the old store or a temporary directory was left behind";
  expect_store_files(store);
  const std::string json = info_json(store);
  EXPECT_EQ(json_number(json, "members"), 6) << json;
  EXPECT_EQ(json_number(json, "entries"), 10) << json;
  // 3553 is no member of the new graph (no consent record: not linked).
  EXPECT_EQ(query_json(store, "3553", "3835").out,
            "{\"status\":\"viewer_not_linked\",\"viewer\":3553,\"subject\":3835,\"count\":0,\"items\":[]}\n");
  EXPECT_EQ(query_json(store, "1", "3").out,
            "{\"status\":\"ok\",\"viewer\":1,\"subject\":3,\"count\":2,\"items\":[2,18446744073709551615]}\n");

  // And back again, with the same answers as the first build.
  ASSERT_TRUE(build_sample_store(store));
  EXPECT_EQ(list_dir(dir.path()), Names{"s"});
  EXPECT_EQ(query_json(store, "3553", "3835").out,
            "{\"status\":\"ok\",\"viewer\":3553,\"subject\":3835,\"count\":12,"
            "\"items\":[3437,3442,3521,3599,3629]}\n");
}

// A rebuild that fails on its input (edges, consent or options) leaves the
// old store byte for byte, still answering, and nothing beside it.
TEST(CliBuild, FailedRebuildKeepsTheOldStore) {
  TempDir dir, inputs;
  const std::string store = dir.file("s");
  ASSERT_TRUE(build_sample_store(store));
  const auto before = dir_snapshot(store);
  const std::string bad_edges = inputs.write("bad.txt", "1 2\n3 x\n");
  const std::string good_edges = inputs.write("tiny.txt", kTinyEdges);
  const std::string bad_consent = inputs.write("consent.csv", "member,linked,visible,grants\n1,2,1,all\n");
  const std::vector<std::vector<std::string>> failing = {
      {"build", "--edges", bad_edges, "--out", store},
      {"build", "--edges", good_edges, "--consent", bad_consent, "--out", store},
      {"build", "--edges", good_edges, "--order", "random", "--out", store},
      {"build", "--edges", inputs.file("missing.txt"), "--out", store},
  };
  for (const auto& args : failing) {
    const CliResult r = run_cli(args);
    SCOPED_TRACE(r.command);
    EXPECT_EQ(r.exit_code, 2) << r;
    EXPECT_EQ(list_dir(dir.path()), Names{"s"});
    EXPECT_TRUE(dir_snapshot(store) == before) << "the store's files changed";
    EXPECT_EQ(query_json(store, "3553", "3835").out,
              "{\"status\":\"ok\",\"viewer\":3553,\"subject\":3835,\"count\":12,"
              "\"items\":[3437,3442,3521,3599,3629]}\n");
  }
}

TEST(CliBuild, RefusesToReplaceWhatIsNotAStore) {
  TempDir dir, inputs;
  const std::string edges = inputs.write("tiny.txt", kTinyEdges);

  const std::string folder = dir.file("somebody's data");
  ASSERT_TRUE(std::filesystem::create_directory(folder));
  const std::string keep = folder + "/keep.txt";
  { std::ofstream(keep) << "precious\n"; }
  CliResult r = run_cli({"build", "--edges", edges, "--out", folder});
  EXPECT_EQ(r.exit_code, 2) << r;
  EXPECT_EQ(r.err, "mutuals build: " + folder + ": exists, is not empty and is not a mutuals store; refusing to "
                    "replace it\n");
  EXPECT_EQ(list_dir(folder), Names{"keep.txt"});
  EXPECT_EQ(read_file(keep), "precious\n");

  const std::string file = dir.write("a file", "not a directory\n");
  r = run_cli({"build", "--edges", edges, "--out", file});
  EXPECT_EQ(r.exit_code, 2) << r;
  EXPECT_EQ(r.err, "mutuals build: " + file + ": exists and is not a directory\n");
  EXPECT_EQ(read_file(file), "not a directory\n");
  EXPECT_EQ(list_dir(dir.path()), (Names{"a file", "somebody's data"}));
}

TEST(CliBuild, OutputInAMissingDirectoryIsBadInput) {
  TempDir dir, inputs;
  const CliResult r =
      run_cli({"build", "--edges", inputs.write("tiny.txt", kTinyEdges), "--out", dir.file("no/such/s")});
  EXPECT_EQ(r.exit_code, 2) << r;
  EXPECT_EQ(r.err, "mutuals build: " + dir.file("no/such") + ": no such directory\n");
  EXPECT_EQ(list_dir(dir.path()), Names{});
}

}  // namespace
}  // namespace mutuals::testing
