// `mutuals info STORE [--json]` end to end on the sample store (DESIGN §4;
// §5: `info --json` includes "members", "entries" and "adjacency_bytes").
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "support/cli_runner.h"
#include "tools/cli_test_util.h"

namespace mutuals::testing {
namespace {

// The text is for people (no contract on its layout): it must name the store
// and say its counts.
TEST(CliInfo, TextReportsTheSampleCounts) {
  const std::string& store = sample_store();
  const CliResult r = run_cli({"info", store});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(says_in_order(r.out, {store})) << r;
  for (const char* count : {"4039", "88234", "176468", "3823", "community"}) {
    EXPECT_TRUE(says_in_order(r.out, {count})) << "does not say " << count << "\n" << r;
  }
  const CliResult json = run_cli({"info", store, "--json"});
  const long long adjacency = json_number(json.out, "adjacency_bytes");
  EXPECT_TRUE(says_in_order(r.out, {std::to_string(adjacency)})) << "adjacency bytes " << adjacency << "\n" << r;
  EXPECT_EQ(r.out.find('{'), std::string::npos) << "text, not JSON, without --json\n" << r;
}

TEST(CliInfo, JsonHasTheContractFields) {
  const std::string& store = sample_store();
  const CliResult r = run_cli({"info", store, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(r.err, "");
  // One object on one line.
  ASSERT_GE(r.out.size(), 3u);
  EXPECT_EQ(r.out.front(), '{');
  EXPECT_EQ(r.out.substr(r.out.size() - 2), "}\n");
  EXPECT_EQ(lines_of(r.out).size(), 1u);
  EXPECT_NE(r.out.find("\"members\":4039"), std::string::npos) << r;
  EXPECT_NE(r.out.find("\"entries\":176468"), std::string::npos) << r;
  EXPECT_NE(r.out.find("\"connections\":88234"), std::string::npos) << r;
  EXPECT_NE(r.out.find("\"store\":\"" + store + "\""), std::string::npos) << r;
  const long long adjacency = json_number(r.out, "adjacency_bytes");
  EXPECT_GT(adjacency, 0) << r;
}

// The section table names each section once, and the adjacency bitmaps are
// part of what adjacency_bytes counts.
TEST(CliInfo, JsonSectionTable) {
  const std::string& store = sample_store();
  const CliResult r = run_cli({"info", store, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r;
  const std::vector<StoreSection> sections = store_sections(r.out);
  ASSERT_FALSE(sections.empty()) << r;
  std::set<std::string> names;
  std::uint64_t total = 0;
  for (const StoreSection& s : sections) {
    EXPECT_TRUE(names.insert(s.name).second) << "section '" << s.name << "' listed twice";
    total += s.bytes;
  }
  std::uint64_t on_disk = 0;
  for (const auto& [name, bytes] : dir_snapshot(store)) on_disk += bytes.size();
  EXPECT_LE(total, on_disk) << "sections add up to more than the store's files";
  const auto adjacency = std::find_if(sections.begin(), sections.end(), [](const auto& s) { return s.name == "adjacency"; });
  ASSERT_NE(adjacency, sections.end()) << r;
  EXPECT_GT(adjacency->bytes, 0u);
  EXPECT_GE(static_cast<std::uint64_t>(json_number(r.out, "adjacency_bytes")), adjacency->bytes) << r;
}

TEST(CliInfo, LeavesTheStoreUntouched) {
  const std::string& store = sample_store();
  const auto before = dir_snapshot(store);
  ASSERT_EQ(run_cli({"info", store}).exit_code, 0);
  ASSERT_EQ(run_cli({"info", store, "--json"}).exit_code, 0);
  EXPECT_TRUE(dir_snapshot(store) == before);
}

TEST(CliInfo, AStorePathWithATrailingSlash) {
  const CliResult r = run_cli({"info", sample_store() + "/", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(json_number(r.out, "members"), kEgoMembers) << r;
}

}  // namespace
}  // namespace mutuals::testing
