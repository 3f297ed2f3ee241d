// load_edges: separators, comments, the optional header, self-loops, and the
// exact text of every input error.
#include "mutuals/loaders/edges.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "support/temp_dir.h"

namespace mutuals::loaders {
namespace {

using mutuals::testing::TempDir;
using Pairs = std::vector<std::pair<MemberId, MemberId>>;

Pairs pairs_of(const EdgeList& list) {
  Pairs out;
  for (const auto& e : list.edges) out.emplace_back(e.a, e.b);
  return out;
}

EdgeList load_ok(const std::string& path) {
  auto list = load_edges(path);
  EXPECT_TRUE(list.ok()) << list.status().message();
  return list.ok() ? std::move(list).value() : EdgeList{};
}

// The error from loading `content`, with the file's path shown as FILE.
std::string error_of(const std::string& content) {
  TempDir dir;
  const std::string path = dir.write("edges.txt", content);
  auto result = load_edges(path);
  if (result.ok()) return "loaded without error";
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  std::string message = result.status().message();
  EXPECT_EQ(message.rfind(path, 0), 0u) << message;
  if (message.rfind(path, 0) == 0) message.replace(0, path.size(), "FILE");
  return message;
}

TEST(LoadEdges, WhitespaceCommaAndTabSeparators) {
  TempDir dir;
  const auto list = load_ok(dir.write("e.txt", "1 2\n3\t4\n5,6\n7, 8\n9 ,10\n11  \t 12\n"));
  EXPECT_EQ(pairs_of(list), (Pairs{{1, 2}, {3, 4}, {5, 6}, {7, 8}, {9, 10}, {11, 12}}));
  EXPECT_EQ(list.lines, 6u);
  EXPECT_EQ(list.self_loops, 0u);
}

TEST(LoadEdges, ExtraColumnsAreIgnored) {
  TempDir dir;
  const auto list = load_ok(dir.write("e.txt", "1 2 0.5 weight\n3,4,1700000000\n5\t6\tx\n"));
  EXPECT_EQ(pairs_of(list), (Pairs{{1, 2}, {3, 4}, {5, 6}}));
}

TEST(LoadEdges, SkipsCommentsAndBlankLines) {
  TempDir dir;
  const auto list = load_ok(dir.write("e.txt", "# SNAP export\n%%MatrixMarket\n\n   \n  # indented\n\t% tab\n1 2\n\n3 4\n"));
  EXPECT_EQ(pairs_of(list), (Pairs{{1, 2}, {3, 4}}));
  EXPECT_EQ(list.lines, 2u);
}

TEST(LoadEdges, LeadingWhitespaceBeforeIds) {
  TempDir dir;
  EXPECT_EQ(pairs_of(load_ok(dir.write("e.txt", "  1 2\n\t3,4\n"))), (Pairs{{1, 2}, {3, 4}}));
}

TEST(LoadEdges, SkipsOneHeaderLine) {
  TempDir dir;
  for (const char* header : {"source,target", "FromNodeId\tToNodeId", "id_1,id_2", "node_1 node_2 weight"}) {
    const auto list = load_ok(dir.write("e.txt", std::string(header) + "\n1 2\n"));
    EXPECT_EQ(pairs_of(list), (Pairs{{1, 2}})) << header;
    EXPECT_EQ(list.lines, 1u) << header;
  }
}

TEST(LoadEdges, HeaderMayFollowComments) {
  TempDir dir;
  const auto list = load_ok(dir.write("e.txt", "# Nodes: 3 Edges: 2\n# FromNodeId\tToNodeId\nsrc dst\n1 2\n2 3\n"));
  EXPECT_EQ(pairs_of(list), (Pairs{{1, 2}, {2, 3}}));
}

TEST(LoadEdges, SecondHeaderLineIsAnError) {
  const std::string message = error_of("source,target\nsource,target\n1 2\n");
  EXPECT_EQ(message, "FILE:2: member id 'source' is not a non-negative integer");
}

TEST(LoadEdges, NonNumericLineAfterDataIsAnError) {
  EXPECT_EQ(error_of("1 2\nsource,target\n"), "FILE:2: member id 'source' is not a non-negative integer");
}

TEST(LoadEdges, SelfLoopsAreDroppedAndCounted) {
  TempDir dir;
  const auto list = load_ok(dir.write("e.txt", "1 1\n1 2\n2 2\n3,3\n2 1\n"));
  EXPECT_EQ(pairs_of(list), (Pairs{{1, 2}, {2, 1}}));  // duplicates are the builder's business
  EXPECT_EQ(list.self_loops, 3u);
  EXPECT_EQ(list.lines, 5u);
}

TEST(LoadEdges, CrlfLineEnds) {
  TempDir dir;
  const auto list = load_ok(dir.write("e.txt", "source,target\r\n1,2\r\n3 4\r\n\r\n# c\r\n5\t6\r\n"));
  EXPECT_EQ(pairs_of(list), (Pairs{{1, 2}, {3, 4}, {5, 6}}));
}

TEST(LoadEdges, NoTrailingNewline) {
  TempDir dir;
  EXPECT_EQ(pairs_of(load_ok(dir.write("e.txt", "1 2\n3 4"))), (Pairs{{1, 2}, {3, 4}}));
}

TEST(LoadEdges, ReadsGzip) {
  TempDir dir;
  const auto list = load_ok(dir.write_gz("e.txt.gz", "# c\nsource target\n1 2\n3 3\n4,5"));
  EXPECT_EQ(pairs_of(list), (Pairs{{1, 2}, {4, 5}}));
  EXPECT_EQ(list.self_loops, 1u);
}

TEST(LoadEdges, EmptyAndCommentOnlyFilesHaveNoEdges) {
  TempDir dir;
  for (const char* content : {"", "# nothing\n", "source,target\n"}) {
    const auto list = load_ok(dir.write("e.txt", content));
    EXPECT_TRUE(list.edges.empty()) << content;
    EXPECT_EQ(list.lines, 0u) << content;
  }
}

TEST(LoadEdges, U64MaxIsAccepted) {
  TempDir dir;
  const auto list = load_ok(dir.write("e.txt", "18446744073709551615 0\n007 18446744073709551614\n"));
  EXPECT_EQ(pairs_of(list), (Pairs{{18446744073709551615u, 0}, {7, 18446744073709551614u}}));
}

TEST(LoadEdges, U64MaxPlusOneIsOutOfRange) {
  EXPECT_EQ(error_of("1 2\n1 18446744073709551616\n"),
            "FILE:2: member id '18446744073709551616' is out of range (max 18446744073709551615)");
}

TEST(LoadEdges, HugeFirstIdIsOutOfRangeNotAHeader) {
  EXPECT_EQ(error_of("99999999999999999999 1\n"),
            "FILE:1: member id '99999999999999999999' is out of range (max 18446744073709551615)");
}

TEST(LoadEdges, NegativeIdIsAnErrorEvenOnFirstLine) {
  EXPECT_EQ(error_of("-1 2\n"), "FILE:1: member id '-1' is not a non-negative integer");
  EXPECT_EQ(error_of("1 2\n3 -4\n"), "FILE:2: member id '-4' is not a non-negative integer");
  EXPECT_EQ(error_of("+1 2\n"), "FILE:1: member id '+1' is not a non-negative integer");
}

TEST(LoadEdges, NonNumericIdIsAnError) {
  EXPECT_EQ(error_of("1 2\n# c\nabc 3\n"), "FILE:3: member id 'abc' is not a non-negative integer");
  EXPECT_EQ(error_of("1 abc\n"), "FILE:1: member id 'abc' is not a non-negative integer");
  EXPECT_EQ(error_of("1 2\n12x 3\n"), "FILE:2: member id '12x' is not a non-negative integer");
  EXPECT_EQ(error_of("1 2\n1.5 3\n"), "FILE:2: member id '1.5' is not a non-negative integer");
}

TEST(LoadEdges, MissingIdsAreErrors) {
  EXPECT_EQ(error_of("1 2\n7\n"), "FILE:2: second member id missing");
  EXPECT_EQ(error_of("7  \n"), "FILE:1: second member id missing");
  EXPECT_EQ(error_of("1,,2\n"), "FILE:1: second member id missing");
  EXPECT_EQ(error_of("1,\n"), "FILE:1: second member id missing");
  EXPECT_EQ(error_of(",5\n"), "FILE:1: first member id missing");
}

TEST(LoadEdges, HeaderWithOneColumnThenShortDataLine) {
  EXPECT_EQ(error_of("nodes\n5\n"), "FILE:2: second member id missing");
}

TEST(LoadEdges, LongBadFieldIsQuotedShort) {
  const std::string junk(1000, 'z');
  EXPECT_EQ(error_of("1 2\n1 " + junk + "\n"),
            "FILE:2: member id '" + std::string(64, 'z') + "...' is not a non-negative integer");
}

TEST(LoadEdges, ErrorLineCountsCommentsAndBlankLines) {
  EXPECT_EQ(error_of("# a\n\nsrc dst\n1 2\r\n\r\n% b\n3 x\n"),
            "FILE:7: member id 'x' is not a non-negative integer");
}

TEST(LoadEdges, MissingFileIsNotFound) {
  TempDir dir;
  const std::string path = dir.file("absent.txt");
  auto list = load_edges(path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(list.status().message(), path + ": cannot open: No such file or directory");
}

TEST(LoadEdges, CorruptGzipIsAnError) {
  TempDir dir;
  dir.write_gz("e.gz", "1 2\n3 4\n");
  const std::string bytes = dir.read("e.gz");
  const std::string path = dir.write("cut.gz", bytes.substr(0, bytes.size() - 6));
  auto list = load_edges(path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(), path + ": corrupt gzip data: unexpected end of file");
}

}  // namespace
}  // namespace mutuals::loaders
