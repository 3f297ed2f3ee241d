// `mutuals batch STORE --pairs FILE --out FILE` end to end on the sample
// store, against data-samples/sample/expected_batch.csv: the answers of an
// independent Python oracle (tools/samples/make_sample_inputs.py, plain sets,
// DESIGN §3) for sample/pairs.csv with --limit 5. Status, count and items
// must all match, row for row, in input order (DESIGN §5 "batch results").
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "support/cli_runner.h"
#include "support/temp_dir.h"
#include "tools/cli_test_util.h"

namespace mutuals::testing {
namespace {

using Names = std::vector<std::string>;

CliResult batch(const std::string& pairs, const std::string& out, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"batch", sample_store(), "--pairs", pairs, "--out", out};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_cli(args);
}

// Row-by-row comparison with readable failures: the first few differing rows
// are shown with their line numbers, then how many differ in all.
void expect_same_rows(const std::vector<CsvRow>& actual, const std::vector<CsvRow>& expected) {
  ASSERT_EQ(actual.size(), expected.size()) << "row count (header included)";
  std::size_t differing = 0;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    if (actual[i] == expected[i]) continue;
    if (++differing <= 5) {
      ADD_FAILURE() << "line " << i + 1 << ": got '" << join(actual[i], ",") << "', oracle says '"
                    << join(expected[i], ",") << "'";
    }
  }
  EXPECT_EQ(differing, 0u) << "rows that differ from the oracle";
}

std::vector<CsvRow> without_items(std::vector<CsvRow> rows) {
  for (CsvRow& row : rows) {
    if (row.size() == 5) row.pop_back();
  }
  return rows;
}

TEST(CliBatch, LimitFiveMatchesTheOracle) {
  TempDir dir;
  const std::string out = dir.file("batch.csv");
  const CliResult r = batch(sample_pairs(), out, {"--limit", "5"});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(list_dir(dir.path()), Names{"batch.csv"}) << "a partial file was left behind";
  const std::string text = read_file(out);
  const std::vector<CsvRow> rows = csv_rows(text);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], (CsvRow{"viewer", "subject", "status", "count", "items"}));
  expect_same_rows(rows, csv_rows(read_file(expected_batch())));
  EXPECT_TRUE(text == read_file(expected_batch())) << "not byte-identical to expected_batch.csv";
}

TEST(CliBatch, RowsFollowThePairsFileInOrder) {
  TempDir dir;
  const std::string out = dir.file("batch.csv");
  ASSERT_EQ(batch(sample_pairs(), out, {"--limit", "5"}).exit_code, 0);
  const std::vector<CsvRow> rows = csv_rows(read_file(out));
  const std::vector<CsvRow> pairs = csv_rows(read_file(sample_pairs()));
  ASSERT_EQ(rows.size(), pairs.size());
  ASSERT_EQ(pairs.size(), 2036u);  // header + 2,035 pairs
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_GE(rows[i].size(), 2u);
    ASSERT_EQ(CsvRow(rows[i].begin(), rows[i].begin() + 2), pairs[i]) << "line " << i + 1;
  }
}

TEST(CliBatch, WithoutLimitThereIsNoItemsColumn) {
  TempDir dir;
  const std::string out = dir.file("batch.csv");
  const CliResult r = batch(sample_pairs(), out);
  ASSERT_EQ(r.exit_code, 0) << r;
  const std::string text = read_file(out);
  EXPECT_EQ(text.substr(0, text.find('\n') + 1), "viewer,subject,status,count\n");
  const std::vector<CsvRow> rows = csv_rows(text);
  for (std::size_t i = 0; i < rows.size(); ++i) ASSERT_EQ(rows[i].size(), 4u) << "line " << i + 1;
  expect_same_rows(rows, without_items(csv_rows(read_file(expected_batch()))));
}

TEST(CliBatch, StatusMixOfTheSample) {
  TempDir dir;
  const std::string out = dir.file("batch.csv");
  ASSERT_EQ(batch(sample_pairs(), out).exit_code, 0);
  std::map<std::string, int> mix;
  const std::vector<CsvRow> rows = csv_rows(read_file(out));
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ++mix[rows[i][2]];
    if (rows[i][2] != "ok") {
      EXPECT_EQ(rows[i][3], "0") << "line " << i + 1 << ": count must be 0 unless ok";
    }
  }
  // data-samples/README.md
  EXPECT_EQ(mix, (std::map<std::string, int>{{"ok", 1315},
                                             {"viewer_not_linked", 349},
                                             {"subject_unavailable", 214},
                                             {"consent_missing", 125},
                                             {"not_rolled_out", 32}}));
}

// Reversed, with every pair twice in a row: answers follow the new order,
// on one thread and on several.
TEST(CliBatch, InputOrderIsKeptOnAnyThreadCount) {
  TempDir dir;
  const std::vector<CsvRow> pairs = csv_rows(read_file(sample_pairs()));
  const std::vector<CsvRow> oracle = csv_rows(read_file(expected_batch()));
  std::string shuffled = "viewer,subject\n";
  std::vector<CsvRow> expected = {oracle[0]};
  for (std::size_t i = pairs.size() - 1; i >= 1; --i) {
    for (int twice = 0; twice < 2; ++twice) {
      shuffled += join(pairs[i], ",") + "\n";
      expected.push_back(oracle[i]);
    }
  }
  const std::string path = dir.write("reversed.csv", shuffled);
  for (const std::string threads : {"1", "3", "0"}) {
    SCOPED_TRACE("--threads " + threads);
    const std::string out = dir.file("out-" + threads + ".csv");
    const CliResult r = batch(path, out, {"--limit", "5", "--threads", threads});
    ASSERT_EQ(r.exit_code, 0) << r;
    expect_same_rows(csv_rows(read_file(out)), expected);
  }
}

TEST(CliBatch, LimitZeroGivesAnEmptyItemsColumn) {
  TempDir dir;
  const std::string out = dir.file("batch.csv");
  ASSERT_EQ(batch(sample_pairs(), out, {"--limit", "0"}).exit_code, 0);
  std::vector<CsvRow> expected = csv_rows(read_file(expected_batch()));
  for (std::size_t i = 1; i < expected.size(); ++i) expected[i][4] = "";
  expect_same_rows(csv_rows(read_file(out)), expected);
}

TEST(CliBatch, ReplacesAnExistingOutputFile) {
  TempDir dir;
  const std::string out = dir.write("batch.csv", "stale results\n");
  const std::string pairs = dir.write("pairs.csv", "viewer,subject\n3553,3835\n1913,1577\n");
  const CliResult r = batch(pairs, out, {"--limit", "5"});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(read_file(out),
            "viewer,subject,status,count,items\n"
            "3553,3835,ok,12,3437;3442;3521;3599;3629\n"
            "1913,1577,not_rolled_out,0,\n");
  EXPECT_EQ(list_dir(dir.path()), (Names{"batch.csv", "pairs.csv"}));
}

TEST(CliBatch, EmptyPairsFileGivesTheHeaderOnly) {
  TempDir dir;
  const std::string pairs = dir.write("pairs.csv", "viewer,subject\n");
  CliResult r = batch(pairs, dir.file("a.csv"));
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(read_file(dir.file("a.csv")), "viewer,subject,status,count\n");
  r = batch(pairs, dir.file("b.csv"), {"--limit", "3"});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(read_file(dir.file("b.csv")), "viewer,subject,status,count,items\n");
}

TEST(CliBatch, BatchAgreesWithQuery) {
  TempDir dir;
  const std::string out = dir.file("batch.csv");
  ASSERT_EQ(batch(sample_pairs(), out, {"--limit", "5"}).exit_code, 0);
  const std::vector<CsvRow> rows = csv_rows(read_file(out));
  // A spread of rows, one of each status among them (rows 2..9 are queries.txt).
  for (std::size_t i : {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 100u, 1000u, 1500u, 2035u}) {
    const CsvRow& row = rows.at(i);
    const CliResult q = run_cli({"query", sample_store(), "shared-connections", "--viewer", row[0], "--subject",
                                 row[1], "--limit", "5", "--json"});
    ASSERT_EQ(q.exit_code, 0) << q;
    std::string items = row[4];
    std::replace(items.begin(), items.end(), ';', ',');
    EXPECT_EQ(q.out, "{\"status\":\"" + row[2] + "\",\"viewer\":" + row[0] + ",\"subject\":" + row[1] +
                         ",\"count\":" + row[3] + ",\"items\":[" + items + "]}\n")
        << "line " << i + 1;
  }
}

}  // namespace
}  // namespace mutuals::testing
