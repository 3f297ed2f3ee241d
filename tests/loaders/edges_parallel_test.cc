// The parallel edge-list loader (loaders/src/edges_parallel.h) against the
// streaming one: for tricky files (comments, a header after comments, BOM,
// CRLF, blank lines, self-loops, no final newline, bad lines anywhere) and
// random ones, at chunk sizes from 1 byte up, the same edges in the same
// order, the same counts, or the same error naming the same line. Then a
// file past the size where load_edges itself goes parallel.
#include "edges_parallel.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "mutuals/loaders/edges.h"
#include "support/temp_dir.h"

namespace mutuals::loaders {
namespace {

using mutuals::testing::TempDir;

std::string describe(const Result<EdgeList>& r) {
  if (!r.ok()) return "error: " + r.status().message();
  // Appends, not operator+ chains: GCC 12 misreads those as overlapping copies (-Wrestrict).
  std::string s = "lines ";
  s += std::to_string(r->lines);
  s += " self-loops ";
  s += std::to_string(r->self_loops);
  s += " [";
  for (MemberId m : r->self_loop_members) {
    s += std::to_string(m);
    s += ' ';
  }
  s += "] edges:";
  for (const MemberEdge& e : r->edges) {
    s += ' ';
    s += std::to_string(e.a);
    s += '-';
    s += std::to_string(e.b);
  }
  return s;
}

void expect_same(const std::string& content, const std::string& what) {
  TempDir dir;
  const std::string path = dir.write("edges.txt", content);
  const std::string want = describe(load_edges(path));  // small: streams
  for (std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{64}, std::size_t{1} << 20}) {
    EXPECT_EQ(describe(internal::load_edges_parallel(path, content, chunk)), want) << what << ", chunk " << chunk;
  }
}

TEST(LoadEdgesParallel, TrickyFilesMatchTheStreamingLoader) {
  const std::vector<std::string> files = {
      "1 2\n3 4\n",
      "1 2\n3 4",  // no final newline
      "# comment\n% other\n\nmember_a,member_b\n1,2\n2,3\n",
      "\xEF\xBB\xBFsource target\r\n5 6\r\n7 7\r\n8 9\r\n",
      "\xEF\xBB\xBF" "1 2\n",
      "a b\nc d\n",             // a second header line is an error
      "1 2\n3\n",               // second id missing
      "1 2\n\n\n# x\n,5\n",     // first id missing, after blank and comment lines
      "1 2\n-3 4\n",
      "18446744073709551616 1\n",
      "1 2\n3 x\n5 6\n7 y\n",   // the first of two bad lines
      "4 4\n4 4\n5 6\n",        // self-loops only counted
      "",
      "# only comments\n# here\n",
      "  1\t2  \n 3 ,  4\n",
      "18446744073709551615,18446744073709551614\n12345678901234567890 9\n",  // 20 digits, u64 max
      "1 18446744073709551616\n",                                             // max + 1
      "1 184467440737095516150\n",                                            // 21 digits
      "007 8\n9,10,11\n12\t13\tx\n",  // leading zeros, extra columns
      "1,2\r\n3,4\r",                  // a CR at the very end
      "1 +2\n",
      "5,6\n7,\n",
  };
  for (std::size_t i = 0; i < files.size(); ++i) expect_same(files[i], "file " + std::to_string(i));
}

TEST(LoadEdgesParallel, RandomFilesMatchTheStreamingLoader) {
  std::mt19937_64 rng(41);
  for (int trial = 0; trial < 40; ++trial) {
    std::string content = trial % 3 == 0 ? "# generated\nfrom,to\n" : "";
    const int lines = 1 + static_cast<int>(rng() % 300);
    const int bad = trial % 4 == 1 ? static_cast<int>(rng() % lines) : -1;
    for (int l = 0; l < lines; ++l) {
      switch (rng() % 12) {
        case 0: content += "\n"; break;
        case 1: content += "% note\n"; break;
        case 2: content += std::to_string(rng() % 50) + " " + std::to_string(rng() % 50) + "\r\n"; break;
        default: content += std::to_string(rng() % 50) + "," + std::to_string(rng() % 50) + "\n";
      }
      if (l == bad) content += "12 twelve\n";
    }
    expect_same(content, "random file " + std::to_string(trial));
  }
}

// Ids of every length from 1 to 21 digits (the parser takes digits eight
// at a time), with leading zeros, near 2^64, and digits cut by a separator
// or a line end anywhere in an eight-digit block.
TEST(LoadEdgesParallel, LongIdsMatchTheStreamingLoader) {
  std::mt19937_64 rng(43);
  auto id = [&] {
    switch (rng() % 6) {
      case 0: return std::to_string(rng() >> (rng() % 64));
      case 1: return std::string(rng() % 5, '0') + std::to_string(rng());
      case 2: return std::to_string(18446744073709551615ull - rng() % 3);
      case 3: return std::string("1844674407370955161") + std::to_string(rng() % 10);  // 2^64 - 6 to + 3
      case 4: return std::to_string(rng() % 100000000) + std::to_string(rng() % 100000000);
      default: return std::to_string(rng());
    }
  };
  for (int trial = 0; trial < 60; ++trial) {
    std::string content;
    const int lines = 1 + static_cast<int>(rng() % 200);
    for (int l = 0; l < lines; ++l) content += id() + (rng() % 2 ? "," : "\t") + id() + (rng() % 3 ? "\n" : "\r\n");
    if (trial % 5 == 4) content += id() + "9 " + id() + "\n";  // often 21 digits: an error, or a valid longer id
    expect_same(content, "long ids " + std::to_string(trial));
  }
}

TEST(LoadEdgesParallel, LargeFileGoesParallelWithTheSameAnswer) {
  // ~20 MB: past the 16 MiB where load_edges maps and splits the file.
  std::string content = "# big\n";
  std::mt19937_64 rng(42);
  std::uint64_t expected_edges = 0;
  while (content.size() < (std::size_t{20} << 20)) {
    const std::uint64_t a = rng() % 1000000000, b = rng() % 1000000000;
    content += std::to_string(a) + "\t" + std::to_string(b) + "\n";
    expected_edges += a != b;
  }
  content += "77 not-a-number\n";
  TempDir dir;
  const std::string path = dir.write("big.txt", content);
  Result<EdgeList> bad = load_edges(path);
  ASSERT_FALSE(bad.ok());
  const std::uint64_t last_line = static_cast<std::uint64_t>(std::count(content.begin(), content.end(), '\n'));
  EXPECT_EQ(bad.status().message(), path + ":" + std::to_string(last_line) +
                                        ": member id 'not-a-number' is not a non-negative integer");
  content.resize(content.size() - std::string("77 not-a-number\n").size());
  const std::string good_path = dir.write("good.txt", content);
  Result<EdgeList> good = load_edges(good_path);
  ASSERT_TRUE(good.ok()) << good.status().message();
  EXPECT_EQ(good->edges.size(), expected_edges);
  EXPECT_EQ(describe(good), describe(internal::load_edges_parallel(good_path, content, std::size_t{1} << 30)));
}

}  // namespace
}  // namespace mutuals::loaders
