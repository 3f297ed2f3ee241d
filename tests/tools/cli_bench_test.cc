// mutuals bench (DESIGN §4, §5 "bench --json", §6): every workload runs the
// engine and the baselines on the same items and their checksums agree;
// --baselines picks baselines; a store where not everyone consents is
// refused with the reason; bad options are usage errors.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "support/cli_runner.h"
#include "support/temp_dir.h"
#include "tools/cli_test_util.h"

namespace mutuals::testing {
namespace {

// The ego-Facebook graph with every member linked, visible and granting all.
const std::string& consenting_store() {
  static const std::unique_ptr<TempDir> dir = std::make_unique<TempDir>();
  static const std::string path = [] {
    std::string consent = "member,linked,visible,grants,rolled_out\n";
    for (int m = 0; m < kEgoMembers; ++m) consent += std::to_string(m) + ",1,1,all,1\n";
    const std::string out = dir->file("all.store");
    const CliResult r = run_cli({"build", "--edges", ego_edges(), "--consent", dir->write("consent.csv", consent),
                                 "--out", out});
    if (r.exit_code != 0) throw std::runtime_error("cannot build the consenting store");
    return out;
  }();
  return path;
}

nlohmann::json bench_json(const std::string& workload, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"bench", consenting_store(), "--workload", workload, "--json",
                                   "--repeat",  "1",           "--items",    "2000"};
  args.insert(args.end(), extra.begin(), extra.end());
  const CliResult r = run_cli(args);
  EXPECT_EQ(r.exit_code, 0) << r;
  if (r.exit_code != 0) return nlohmann::json::object();
  return nlohmann::json::parse(r.out);
}

std::vector<std::string> method_names(const nlohmann::json& j) {
  std::vector<std::string> names;
  for (const auto& m : j.at("methods")) names.push_back(m.at("name").get<std::string>());
  return names;
}

TEST(CliBench, EveryWorkloadAgreesWithEveryBaseline) {
  for (const std::string workload : {"pairs", "viewer-batch", "latency", "all-edges"}) {
    SCOPED_TRACE(workload);
    const nlohmann::json j = bench_json(workload);
    ASSERT_TRUE(j.contains("methods"));
    EXPECT_EQ(j.at("workload"), workload);
    EXPECT_EQ(j.at("members"), kEgoMembers);
    EXPECT_EQ(j.at("entries"), kEgoEntries);
    EXPECT_EQ(method_names(j), (std::vector<std::string>{"mutuals", "csr-merge", "boost-graph", "croaring-unordered"}));
    std::set<std::uint64_t> checksums;
    for (const auto& m : j.at("methods")) {
      checksums.insert(m.at("checksum").get<std::uint64_t>());
      EXPECT_GT(m.at("items_per_s").get<double>(), 0.0) << m.dump();
    }
    EXPECT_EQ(checksums.size(), 1u) << j.dump();
    EXPECT_GT(*checksums.begin(), 0u);
  }
}

TEST(CliBench, LatencyReportsColdAndWarmPerBucketAndTheMemoryFloor) {
  const nlohmann::json j = bench_json("latency", {"--baselines", "csr-merge"});
  ASSERT_TRUE(j.contains("buckets")) << j.dump();
  ASSERT_FALSE(j.at("buckets").empty());
  for (const auto& b : j.at("buckets")) {
    for (const auto& m : b.at("methods")) {
      EXPECT_GT(m.at("p50_ns").get<double>(), 0.0) << m.dump();
      EXPECT_GT(m.at("warm_p50_ns").get<double>(), 0.0) << m.dump();
      EXPECT_GE(m.at("warm_p99_ns").get<double>(), m.at("warm_p50_ns").get<double>()) << m.dump();
    }
  }
  // A load that misses every cache takes tens to hundreds of ns on any machine.
  EXPECT_GT(j.at("dependent_load_ns").get<double>(), 10.0) << j.dump();
  EXPECT_LT(j.at("dependent_load_ns").get<double>(), 10000.0) << j.dump();
}

TEST(CliBench, BaselinesCanBeChosen) {
  const nlohmann::json j = bench_json("pairs", {"--baselines", "csr-merge"});
  EXPECT_EQ(method_names(j), (std::vector<std::string>{"mutuals", "csr-merge"}));
  const nlohmann::json all = bench_json("pairs", {"--baselines", "croaring-unordered,boost-graph"});
  EXPECT_EQ(method_names(all), (std::vector<std::string>{"mutuals", "boost-graph", "croaring-unordered"}));

  const CliResult bad = run_cli({"bench", consenting_store(), "--workload", "pairs", "--baselines", "duckdb"});
  EXPECT_EQ(bad.exit_code, 2) << bad;
  EXPECT_NE(bad.err.find("unknown baseline 'duckdb'"), std::string::npos) << bad;
}

TEST(CliBench, AStoreWhereNotEveryoneConsentsIsRefusedWithTheReason) {
  const CliResult r = run_cli({"bench", sample_store(), "--workload", "pairs", "--items", "1000", "--repeat", "1"});
  EXPECT_NE(r.exit_code, 0) << r;
  EXPECT_NE(r.err.find("checksums differ"), std::string::npos) << r;
}

TEST(CliBench, UnknownWorkloadIsAUsageError) {
  const CliResult r = run_cli({"bench", consenting_store(), "--workload", "everything"});
  EXPECT_EQ(r.exit_code, 2) << r;
  EXPECT_NE(r.err.find("'everything' is not one of"), std::string::npos) << r;
}

}  // namespace
}  // namespace mutuals::testing
