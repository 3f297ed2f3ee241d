// load_pairs: the required header, id parsing and exact error texts.
#include "mutuals/loaders/pairs.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "support/temp_dir.h"

namespace mutuals::loaders {
namespace {

using mutuals::testing::TempDir;
using Pairs = std::vector<std::pair<MemberId, MemberId>>;

Pairs load_ok(const std::string& path) {
  auto pairs = load_pairs(path);
  EXPECT_TRUE(pairs.ok()) << pairs.status().message();
  Pairs out;
  if (pairs.ok()) {
    for (const auto& p : *pairs) out.emplace_back(p.viewer, p.subject);
  }
  return out;
}

// The error from loading `content`, with the file's path shown as FILE.
std::string error_of(const std::string& content) {
  TempDir dir;
  const std::string path = dir.write("pairs.csv", content);
  auto result = load_pairs(path);
  if (result.ok()) return "loaded without error";
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  std::string message = result.status().message();
  EXPECT_EQ(message.rfind(path, 0), 0u) << message;
  if (message.rfind(path, 0) == 0) message.replace(0, path.size(), "FILE");
  return message;
}

TEST(LoadPairs, KeepsFileOrderAndDuplicates) {
  TempDir dir;
  EXPECT_EQ(load_ok(dir.write("p.csv", "viewer,subject\n3,1\n1,3\n3,1\n2,2\n")), (Pairs{{3, 1}, {1, 3}, {3, 1}, {2, 2}}));
}

TEST(LoadPairs, CrlfSpacesCommentsNoTrailingNewline) {
  TempDir dir;
  EXPECT_EQ(load_ok(dir.write("p.csv", " viewer , subject \r\n# c\r\n\r\n 1 , 2 \r\n3,4")), (Pairs{{1, 2}, {3, 4}}));
}

TEST(LoadPairs, GzipAndU64Max) {
  TempDir dir;
  EXPECT_EQ(load_ok(dir.write_gz("p.csv.gz", "viewer,subject\n18446744073709551615,0\n")),
            (Pairs{{18446744073709551615u, 0}}));
}

TEST(LoadPairs, HeaderOnlyIsEmpty) {
  TempDir dir;
  EXPECT_TRUE(load_ok(dir.write("p.csv", "viewer,subject\n")).empty());
}

TEST(LoadPairs, HeaderIsRequired) {
  EXPECT_EQ(error_of("1,2\n"), "FILE:1: expected header 'viewer,subject', found '1,2'");
  EXPECT_EQ(error_of("subject,viewer\n1,2\n"),
            "FILE:1: expected header 'viewer,subject', found 'subject,viewer'");
  EXPECT_EQ(error_of("viewer subject\n"), "FILE:1: expected header 'viewer,subject', found 'viewer subject'");
  EXPECT_EQ(error_of("# only a comment\n"), "FILE:2: expected header 'viewer,subject', found end of file");
}

TEST(LoadPairs, WrongFieldCount) {
  EXPECT_EQ(error_of("viewer,subject\n1,2\n1\n"), "FILE:3: expected 2 fields (viewer,subject), found 1");
  EXPECT_EQ(error_of("viewer,subject\n1,2,3\n"), "FILE:2: expected 2 fields (viewer,subject), found 3");
}

TEST(LoadPairs, BadIdsNameTheirColumn) {
  EXPECT_EQ(error_of("viewer,subject\nv,2\n"), "FILE:2: viewer id 'v' is not a non-negative integer");
  EXPECT_EQ(error_of("viewer,subject\n1,\n"), "FILE:2: subject id '' is not a non-negative integer");
  EXPECT_EQ(error_of("viewer,subject\n1,-2\n"), "FILE:2: subject id '-2' is not a non-negative integer");
  EXPECT_EQ(error_of("viewer,subject\n1,2\n18446744073709551616,2\n"),
            "FILE:3: viewer id '18446744073709551616' is out of range (max 18446744073709551615)");
}

TEST(LoadPairs, MissingFileIsNotFound) {
  TempDir dir;
  auto pairs = load_pairs(dir.file("none.csv"));
  ASSERT_FALSE(pairs.ok());
  EXPECT_EQ(pairs.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(pairs.status().message(), dir.file("none.csv") + ": cannot open: No such file or directory");
}

}  // namespace
}  // namespace mutuals::loaders
