// LineReader: line splitting across buffer refills, line ends, gzip, errors.
#include "mutuals/loaders/line_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace mutuals::loaders {
namespace {

using mutuals::testing::TempDir;

constexpr std::size_t kMiB = std::size_t{1} << 20;

struct ReadAll {
  std::vector<std::string> lines;
  std::uint64_t last_line_number = 0;
  Status status;
};

ReadAll read_all(const std::string& path) {
  ReadAll out;
  auto reader = LineReader::open(path);
  EXPECT_TRUE(reader.ok()) << reader.status().message();
  if (!reader.ok()) return out;
  while (auto line = (*reader)->next()) {
    out.lines.emplace_back(*line);
    EXPECT_EQ((*reader)->line_number(), out.lines.size());
  }
  out.last_line_number = (*reader)->line_number();
  out.status = (*reader)->status();
  return out;
}

TEST(LineReader, SplitsLfLines) {
  TempDir dir;
  const auto got = read_all(dir.write("a.txt", "one\ntwo\n\nfour\n"));
  EXPECT_TRUE(got.status.ok());
  EXPECT_EQ(got.lines, (std::vector<std::string>{"one", "two", "", "four"}));
  EXPECT_EQ(got.last_line_number, 4u);
}

TEST(LineReader, StripsCrlf) {
  TempDir dir;
  const auto got = read_all(dir.write("a.txt", "one\r\ntwo\r\n\r\nx\ry\r\n"));
  EXPECT_EQ(got.lines, (std::vector<std::string>{"one", "two", "", "x\ry"}));
}

TEST(LineReader, CountsFinalLineWithoutNewline) {
  TempDir dir;
  const auto got = read_all(dir.write("a.txt", "one\ntwo"));
  EXPECT_EQ(got.lines, (std::vector<std::string>{"one", "two"}));
  const auto crlf = read_all(dir.write("b.txt", "one\r\ntwo\r"));
  EXPECT_EQ(crlf.lines, (std::vector<std::string>{"one", "two"}));
}

TEST(LineReader, EmptyFileHasNoLines) {
  TempDir dir;
  const auto got = read_all(dir.write("a.txt", ""));
  EXPECT_TRUE(got.status.ok());
  EXPECT_TRUE(got.lines.empty());
  EXPECT_EQ(got.last_line_number, 0u);
}

TEST(LineReader, LoneNewlineIsOneEmptyLine) {
  TempDir dir;
  EXPECT_EQ(read_all(dir.write("a.txt", "\n")).lines, (std::vector<std::string>{""}));
}

TEST(LineReader, StripsByteOrderMarkOnFirstLineOnly) {
  TempDir dir;
  const auto got = read_all(dir.write("a.txt", "\xEF\xBB\xBFviewer,subject\n\xEF\xBB\xBFx\n"));
  EXPECT_EQ(got.lines, (std::vector<std::string>{"viewer,subject", "\xEF\xBB\xBFx"}));
}

TEST(LineReader, LineLongerThanBufferGrowsIt) {
  TempDir dir;
  const std::string long_line(3 * kMiB + 17, 'x');
  const auto got = read_all(dir.write("a.txt", "first\n" + long_line + "\nlast\n"));
  ASSERT_TRUE(got.status.ok());
  ASSERT_EQ(got.lines.size(), 3u);
  EXPECT_EQ(got.lines[0], "first");
  EXPECT_EQ(got.lines[1], long_line);
  EXPECT_EQ(got.lines[2], "last");
}

// A tiny gzip file gets a buffer sized for its compressed bytes; a line that
// inflates far beyond that must still come out whole.
TEST(LineReader, HighlyCompressedLongLineFromTinyGzip) {
  TempDir dir;
  const std::string long_line(200 * 1024 + 5, '7');
  const std::string path = dir.write_gz("a.txt.gz", long_line + "\n1 2\n");
  ASSERT_LT(dir.read("a.txt.gz").size(), 4096u);
  const auto got = read_all(path);
  ASSERT_TRUE(got.status.ok());
  ASSERT_EQ(got.lines.size(), 2u);
  EXPECT_EQ(got.lines[0], long_line);
  EXPECT_EQ(got.lines[1], "1 2");
}

TEST(LineReader, CrlfSplitAcrossRefillIsStripped) {
  // The first read fills exactly 1 MiB: put the '\r' last and the '\n' first.
  TempDir dir;
  const std::string first(kMiB - 1, 'a');
  const auto got = read_all(dir.write("a.txt", first + "\r\nb\r\n"));
  ASSERT_EQ(got.lines.size(), 2u);
  EXPECT_EQ(got.lines[0], first);
  EXPECT_EQ(got.lines[1], "b");
}

TEST(LineReader, ManyLinesAcrossRefillsKeepOrderAndNumbers) {
  TempDir dir;
  std::string content;
  for (int i = 0; i < 300000; ++i) content += std::to_string(i) + " " + std::to_string(i * 7) + "\n";
  ASSERT_GT(content.size(), 3 * kMiB);
  for (const std::string& path : {dir.write("a.txt", content), dir.write_gz("a.txt.gz", content)}) {
    const auto got = read_all(path);
    ASSERT_TRUE(got.status.ok()) << path;
    ASSERT_EQ(got.lines.size(), 300000u) << path;
    EXPECT_EQ(got.lines[0], "0 0");
    EXPECT_EQ(got.lines[123456], "123456 864192");
    EXPECT_EQ(got.lines.back(), "299999 2099993");
  }
}

TEST(LineReader, ReadsGzipTransparently) {
  TempDir dir;
  const auto got = read_all(dir.write_gz("a.txt.gz", "one\r\ntwo\nthree"));
  EXPECT_TRUE(got.status.ok());
  EXPECT_EQ(got.lines, (std::vector<std::string>{"one", "two", "three"}));
}

TEST(LineReader, MissingFileIsNotFound) {
  TempDir dir;
  const std::string path = dir.file("absent.txt");
  auto reader = LineReader::open(path);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(reader.status().message(), path + ": cannot open: No such file or directory");
}

// A directory given as an input file is bad usage (exit 2), said at open.
TEST(LineReader, DirectoryIsBadInputAtOpen) {
  TempDir dir;
  auto reader = LineReader::open(dir.path());
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(reader.status().message(), dir.path() + ": is a directory, not a file");
}

TEST(LineReader, TruncatedGzipIsAnError) {
  TempDir dir;
  std::string content;
  for (int i = 0; i < 20000; ++i) content += std::to_string(i) + "\n";
  dir.write_gz("full.gz", content);
  const std::string bytes = dir.read("full.gz");
  const std::string path = dir.write("cut.gz", bytes.substr(0, bytes.size() / 2));
  const auto got = read_all(path);
  EXPECT_EQ(got.status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(got.status.message(), path + ": corrupt gzip data: unexpected end of file");
  // The lines before the damage were delivered, but never a half line.
  ASSERT_FALSE(got.lines.empty());
  EXPECT_EQ(got.lines.back(), std::to_string(got.lines.size() - 1));
}

TEST(LineReader, GzipWithBadChecksumIsAnError) {
  TempDir dir;
  dir.write_gz("good.gz", "1 2\n3 4\n");
  std::string bytes = dir.read("good.gz");
  bytes[bytes.size() - 8] = static_cast<char>(bytes[bytes.size() - 8] ^ 0xff);  // first byte of the CRC-32
  const std::string path = dir.write("bad.gz", bytes);
  const auto got = read_all(path);
  EXPECT_EQ(got.status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(got.status.message(), path + ": corrupt gzip data: incorrect data check");
}

TEST(LineReader, NextAfterErrorStaysEnded) {
  TempDir dir;
  dir.write_gz("good.gz", "1 2\n");
  std::string bytes = dir.read("good.gz");
  auto reader = LineReader::open(dir.write("cut.gz", bytes.substr(0, bytes.size() - 4)));
  ASSERT_TRUE(reader.ok());
  while ((*reader)->next()) {
  }
  EXPECT_FALSE((*reader)->status().ok());
  EXPECT_FALSE((*reader)->next().has_value());
}

TEST(LineError, FormatsFileLineWhat) {
  const Status s = line_error("in/edges.txt", 12, "second member id missing");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "in/edges.txt:12: second member id missing");
}

}  // namespace
}  // namespace mutuals::loaders
