// `mutuals info STORE [--json]` end to end on the sample store (DESIGN §4;
// §5: `info --json` includes "members", "entries" and "adjacency_bytes").
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
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

TEST(CliInfo, JsonSectionsLieInsideDataBinWithoutOverlap) {
  const std::string& store = sample_store();
  const CliResult r = run_cli({"info", store, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r;
  std::vector<StoreSection> sections = store_sections(r.out);
  ASSERT_FALSE(sections.empty()) << r;
  std::sort(sections.begin(), sections.end(), [](const auto& a, const auto& b) { return a.offset < b.offset; });
  const std::uint64_t size = std::filesystem::file_size(store + "/data.bin");
  for (std::size_t i = 0; i < sections.size(); ++i) {
    SCOPED_TRACE(sections[i].name);
    EXPECT_LE(sections[i].offset + sections[i].bytes, size);
    if (i > 0) EXPECT_LE(sections[i - 1].offset + sections[i - 1].bytes, sections[i].offset);
  }
  EXPECT_TRUE(std::any_of(sections.begin(), sections.end(), [](const auto& s) { return s.name == "adjacency"; }));
}

TEST(CliInfo, LeavesTheStoreUntouched) {
  const std::string& store = sample_store();
  const std::string data = read_file(store + "/data.bin");
  const std::string manifest = read_file(store + "/manifest.mfb");
  ASSERT_EQ(run_cli({"info", store}).exit_code, 0);
  ASSERT_EQ(run_cli({"info", store, "--json"}).exit_code, 0);
  EXPECT_TRUE(read_file(store + "/data.bin") == data);
  EXPECT_TRUE(read_file(store + "/manifest.mfb") == manifest);
  EXPECT_EQ(list_dir(store), (std::vector<std::string>{"data.bin", "manifest.mfb"}));
}

TEST(CliInfo, AStorePathWithATrailingSlash) {
  const CliResult r = run_cli({"info", sample_store() + "/", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(json_number(r.out, "members"), kEgoMembers) << r;
}

}  // namespace
}  // namespace mutuals::testing
