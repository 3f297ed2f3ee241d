// `mutuals query STORE shared-connections` end to end on the sample store:
// the pairs of data-samples/sample/queries.txt (one per status of DESIGN §3),
// exact JSON (§5 "query --json") and text answers, --limit, and the privacy
// rules that a count must not break.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "support/cli_runner.h"
#include "support/temp_dir.h"
#include "tools/cli_test_util.h"

namespace mutuals::testing {
namespace {

CliResult query(const std::string& store, const std::string& viewer, const std::string& subject,
                std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"query", store, "shared-connections", "--viewer", viewer, "--subject", subject};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_cli(args);
}

std::string json_answer(const std::string& status, const std::string& viewer, const std::string& subject,
                        const std::string& count, const std::vector<std::string>& items) {
  return "{\"status\":\"" + status + "\",\"viewer\":" + viewer + ",\"subject\":" + subject + ",\"count\":" + count +
         ",\"items\":[" + join(items, ",") + "]}\n";
}

// expected_batch.csv (made by the independent Python oracle, --limit 5), by (viewer, subject).
std::map<std::pair<std::string, std::string>, CsvRow> oracle_rows() {
  std::map<std::pair<std::string, std::string>, CsvRow> rows;
  const std::vector<CsvRow> csv = csv_rows(read_file(expected_batch()));
  for (std::size_t i = 1; i < csv.size(); ++i) rows[{csv[i][0], csv[i][1]}] = csv[i];
  return rows;
}

std::vector<std::string> oracle_items(const CsvRow& row) {
  if (row.size() < 5 || row[4].empty()) return {};
  return split(row[4], ';');
}

TEST(CliQuery, KnownPairsGiveExactJson) {
  const std::string& store = sample_store();
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"3553", "3835"},
       R"({"status":"ok","viewer":3553,"subject":3835,"count":12,"items":[3437,3442,3521,3599,3629]})"},
      {{"644", "395"}, R"({"status":"ok","viewer":644,"subject":395,"count":6,"items":[414,422,553,601,620]})"},
      {{"1913", "1577"}, R"({"status":"not_rolled_out","viewer":1913,"subject":1577,"count":0,"items":[]})"},
      {{"3729", "3437"}, R"({"status":"viewer_not_linked","viewer":3729,"subject":3437,"count":0,"items":[]})"},
      {{"3084", "2929"}, R"({"status":"consent_missing","viewer":3084,"subject":2929,"count":0,"items":[]})"},
      {{"3448", "3800"}, R"({"status":"subject_unavailable","viewer":3448,"subject":3800,"count":0,"items":[]})"},
  };
  for (const auto& [pair, expected] : cases) {
    const CliResult r = query(store, pair[0], pair[1], {"--limit", "5", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r;
    EXPECT_EQ(r.out, expected + "\n") << r;
    EXPECT_EQ(r.err, "") << r;
  }
}

// Every line of queries.txt, as `make run` runs it, against the oracle's items.
TEST(CliQuery, SampleQueriesMatchTheOracle) {
  const std::string& store = sample_store();
  const auto oracle = oracle_rows();
  const std::vector<SampleQuery> queries = load_sample_queries();
  ASSERT_EQ(queries.size(), 8u);
  for (const SampleQuery& q : queries) {
    SCOPED_TRACE(q.viewer + " " + q.subject);
    const auto row = oracle.find({q.viewer, q.subject});
    ASSERT_NE(row, oracle.end()) << "queries.txt pair missing from expected_batch.csv";
    ASSERT_EQ(row->second[2], q.status);
    ASSERT_EQ(row->second[3], q.count);
    const CliResult r = query(store, q.viewer, q.subject, {"--limit", "5", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r;  // a consent refusal is a success with its status
    EXPECT_EQ(r.out, json_answer(q.status, q.viewer, q.subject, q.count, oracle_items(row->second))) << r;
  }
}

// Text is for people (no contract on its layout): it must say the pair, the
// status, the count and the items, in ascending order.
TEST(CliQuery, SampleQueriesAsText) {
  const std::string& store = sample_store();
  const auto oracle = oracle_rows();
  for (const SampleQuery& q : load_sample_queries()) {
    SCOPED_TRACE(q.viewer + " " + q.subject);
    const CliResult r = query(store, q.viewer, q.subject, {"--limit", "5"});
    EXPECT_EQ(r.exit_code, 0) << r;
    EXPECT_EQ(r.err, "") << r;
    for (const std::string& word : std::vector<std::string>{q.viewer, q.subject, q.status, q.count}) {
      EXPECT_TRUE(says_in_order(r.out, {word})) << "does not say " << word << "\n" << r;
    }
    EXPECT_TRUE(says_in_order(r.out, oracle_items(oracle.at({q.viewer, q.subject})))) << r;
    EXPECT_EQ(r.out.find('{'), std::string::npos) << "text, not JSON, without --json\n" << r;
  }
}

TEST(CliQuery, EveryStatusIsReachableThroughTheSample) {
  const std::string& store = sample_store();
  std::set<std::string> seen;
  for (const SampleQuery& q : load_sample_queries()) {
    const CliResult r = query(store, q.viewer, q.subject, {"--json"});
    ASSERT_EQ(r.exit_code, 0) << r;
    const auto start = r.out.find("\"status\":\"");
    ASSERT_NE(start, std::string::npos) << r;
    const std::string status = r.out.substr(start + 10, r.out.find('"', start + 10) - start - 10);
    EXPECT_EQ(status, q.status) << r;
    seen.insert(status);
  }
  EXPECT_EQ(seen, (std::set<std::string>{"ok", "not_rolled_out", "viewer_not_linked", "consent_missing",
                                          "subject_unavailable"}));
}

TEST(CliQuery, LimitTakesTheSmallestIds) {
  const std::string& store = sample_store();
  EXPECT_EQ(query(store, "3553", "3835", {"--limit", "2", "--json"}).out,
            json_answer("ok", "3553", "3835", "12", {"3437", "3442"}));
  EXPECT_EQ(query(store, "3553", "3835", {"--limit", "1", "--json"}).out,
            json_answer("ok", "3553", "3835", "12", {"3437"}));
  // More room than answers: all of them, the count unchanged.
  EXPECT_EQ(query(store, "3817", "3629", {"--limit", "100", "--json"}).out,
            json_answer("ok", "3817", "3629", "2", {"3437", "3496"}));
  // Without --limit the count is still exact.
  const CliResult r = query(store, "3553", "3835", {"--json"});
  EXPECT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(r.out.rfind(R"({"status":"ok","viewer":3553,"subject":3835,"count":12,)", 0), 0u) << r;
  const CliResult full = query(store, "3553", "3835", {"--limit", "1000", "--json"});
  const auto items_at = full.out.find("\"items\":[");
  ASSERT_NE(items_at, std::string::npos) << full;
  const std::string list = full.out.substr(items_at + 9, full.out.find(']', items_at) - items_at - 9);
  const std::vector<std::string> items = split(list, ',');
  EXPECT_EQ(items.size(), 12u) << full;
  std::vector<unsigned long long> ids;
  for (const auto& i : items) ids.push_back(std::stoull(i));
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end())) << full;
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << full;
}

// An unknown subject and a hidden one are indistinguishable (DESIGN §3).
TEST(CliQuery, UnknownAndHiddenSubjectsLookTheSame) {
  const std::string& store = sample_store();
  const CliResult hidden = query(store, "3448", "3800", {"--limit", "5", "--json"});
  const CliResult unknown = query(store, "3448", "999999999", {"--limit", "5", "--json"});
  EXPECT_EQ(hidden.exit_code, 0) << hidden;
  EXPECT_EQ(unknown.exit_code, 0) << unknown;
  EXPECT_EQ(hidden.out, json_answer("subject_unavailable", "3448", "3800", "0", {}));
  EXPECT_EQ(unknown.out, json_answer("subject_unavailable", "3448", "999999999", "0", {}));
  EXPECT_EQ(hidden.err, unknown.err);
}

// 3553 and 3835 have 14 connections in common; 2 are hidden in Microsoft
// apps, so the sample answer counts and lists 12. With everyone visible the
// same graph answers 14, and the 2 extra ids are exactly hidden members.
TEST(CliQuery, HiddenMembersAreNeverCounted) {
  TempDir dir;
  std::string everyone = "member,linked,visible,grants,rolled_out\n";
  for (int m = 0; m < kEgoMembers; ++m) everyone += std::to_string(m) + ",1,1,all,1\n";
  const std::string store = dir.file("visible.store");
  const CliResult built =
      run_cli({"build", "--edges", ego_edges(), "--consent", dir.write("everyone.csv", everyone), "--out", store});
  ASSERT_EQ(built.exit_code, 0) << built;

  auto items_of = [](const CliResult& r) {
    const auto at = r.out.find("\"items\":[");
    if (at == std::string::npos) return std::set<std::string>{};
    const std::string list = r.out.substr(at + 9, r.out.find(']', at) - at - 9);
    const std::vector<std::string> v = split(list, ',');
    return std::set<std::string>(v.begin(), v.end());
  };
  const CliResult all = query(store, "3553", "3835", {"--limit", "100", "--json"});
  const CliResult visible = query(sample_store(), "3553", "3835", {"--limit", "100", "--json"});
  ASSERT_EQ(json_number(all.out, "count"), 14) << all;
  ASSERT_EQ(json_number(visible.out, "count"), 12) << visible;
  const std::set<std::string> all_items = items_of(all), visible_items = items_of(visible);
  ASSERT_EQ(all_items.size(), 14u);
  ASSERT_EQ(visible_items.size(), 12u);
  EXPECT_TRUE(std::includes(all_items.begin(), all_items.end(), visible_items.begin(), visible_items.end()));

  // The two left out are hidden in the sample consent (visible 0, or no record).
  std::map<std::string, std::string> visibility;
  for (const CsvRow& row : csv_rows(read_file(sample_consent()))) {
    if (row.size() >= 3) visibility[row[0]] = row[2];
  }
  for (const std::string& id : all_items) {
    if (visible_items.count(id)) continue;
    const auto v = visibility.find(id);
    EXPECT_TRUE(v == visibility.end() || v->second == "0") << "member " << id << " is visible but was left out";
  }
}

// Shared connections are symmetric when both sides may ask: 644 and 395 are
// both linked with every grant and visible (sample/consent.csv).
TEST(CliQuery, BothDirectionsAgreeWhenBothMayAsk) {
  const std::string& store = sample_store();
  EXPECT_EQ(query(store, "644", "395", {"--limit", "5", "--json"}).out,
            json_answer("ok", "644", "395", "6", {"414", "422", "553", "601", "620"}));
  EXPECT_EQ(query(store, "395", "644", {"--limit", "5", "--json"}).out,
            json_answer("ok", "395", "644", "6", {"414", "422", "553", "601", "620"}));
  // 3835 is unlinked: as viewer it is refused, as subject it is answered.
  EXPECT_EQ(query(store, "3835", "3553", {"--limit", "5", "--json"}).out,
            json_answer("viewer_not_linked", "3835", "3553", "0", {}));
}

}  // namespace
}  // namespace mutuals::testing
