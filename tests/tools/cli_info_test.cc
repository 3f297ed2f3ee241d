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

// The value after the label of an aligned "label   value" line, or "" if absent.
std::string text_field(const std::string& text, const std::string& label) {
  for (const std::string& line : lines_of(text)) {
    if (line.size() <= label.size() || line.compare(0, label.size(), label) != 0 || line[label.size()] != ' ') continue;
    const auto value = line.find_first_not_of(' ', label.size());
    return value == std::string::npos ? "" : line.substr(value);
  }
  return "";
}

TEST(CliInfo, TextReportsTheSampleCounts) {
  const std::string& store = sample_store();
  const CliResult r = run_cli({"info", store});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(text_field(r.out, "store"), store) << r;
  EXPECT_EQ(text_field(r.out, "members"), "4039") << r;
  EXPECT_EQ(text_field(r.out, "connections"), "88234") << r;
  EXPECT_EQ(text_field(r.out, "entries"), "176468") << r;
  EXPECT_EQ(text_field(r.out, "order"), "bfs") << r;
  EXPECT_EQ(text_field(r.out, "self-loops"), "0 dropped at build") << r;
  EXPECT_EQ(text_field(r.out, "duplicates"), "0 dropped at build") << r;
  EXPECT_EQ(text_field(r.out, "consent records"), "3823") << r;
  const std::string adjacency = text_field(r.out, "adjacency bytes");
  ASSERT_FALSE(adjacency.empty()) << r;
  EXPECT_TRUE(std::all_of(adjacency.begin(), adjacency.end(), [](char c) { return c >= '0' && c <= '9'; })) << r;
  EXPECT_FALSE(text_field(r.out, "bytes per entry").empty()) << r;
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
  // Text and JSON agree.
  const CliResult text = run_cli({"info", store});
  EXPECT_NE(text.out.find("adjacency bytes  " + std::to_string(adjacency) + "\n"), std::string::npos) << text;
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
