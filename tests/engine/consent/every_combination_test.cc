// Every combination of the consent inputs of shared-connections (DESIGN §3):
//   viewer linked (2) x each of the nine grants granted/revoked (512)
//   x viewer rolled out (2)                                  = 2,048 viewers
//   x subject visible (2) x visibility of each of three shared members (8)
//                                                            = 16 subjects
//   = 32,768 (viewer, subject) combinations, each with the exact status,
// count and items computed by an independent rule function below.
//
// The graph, drawn for one viewer V_i and one subject S_j (ids below):
//
//          A_j   B_j   C_j        A_j, B_j, C_j: the shared connections of
//         /   \ /   \ /   \       S_j with every viewer (their visibility is
//      V_i ─────────────── S_j    S_j's pattern); A_j─B_j also connected.
//       │   (V_i─S_j connected for about half the pairs: must not matter)
//      D_i                   E_j  D_i: V_i's alone; E_j: S_j's alone.
//
// The states reach the store two ways, which must agree with the rule and
// so with each other: (a) a consent file (DESIGN §5) at build; (b) a
// scrambled consent file at build, then durable changes through
// Insights::change_all and Insights::change (link or unlink, then grant or
// revoke each category, then show or hide), checked again after reopening
// (journal replay). Rollout is not a change (only a consent record sets it),
// so in (b) it comes from the build file too.
//
// Attributes outside the product (the viewer's own visibility, the subject's
// and shared members' link state and grants, E's visibility, the V─S edge)
// are set pseudo-randomly: the rule says they must not matter.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "mutuals/insights.h"
#include "mutuals/loaders/consent_file.h"
#include "mutuals/store.h"
#include "support/temp_dir.h"

namespace mutuals::testing {
namespace {

using K = ConsentChange::Kind;

constexpr std::uint32_t kViewers = 2 * 512 * 2;
constexpr std::uint32_t kSubjects = 2 * 8;
constexpr std::uint32_t kCombos = kViewers * kSubjects;
constexpr MemberId kViewerBase = 1'000'000;   // V_i = base + 2i, D_i = base + 2i + 1
constexpr MemberId kSubjectBase = 9'000'000;  // S_j = base + 8j, A/B/C = +1..+3, E_j = +4
constexpr MemberId kUnknown = 999'999'999'999ull;  // in no input

const char* const kCategoryNames[kCategoryCount] = {
    "li.profile", "li.interests", "li.subscriptions", "li.connections", "ms.profile",
    "ms.calendar", "ms.interests", "ms.subscriptions", "ms.contacts"};
constexpr int kLiConnectionsBit = 3;

MemberId viewer_id(std::uint32_t i) { return kViewerBase + 2 * MemberId{i}; }
MemberId d_id(std::uint32_t i) { return viewer_id(i) + 1; }
MemberId subject_id(std::uint32_t j) { return kSubjectBase + 8 * MemberId{j}; }
MemberId shared_id(std::uint32_t j, int k) { return subject_id(j) + 1 + static_cast<MemberId>(k); }
MemberId e_id(std::uint32_t j) { return subject_id(j) + 4; }

// Viewer i: bit 0 linked, bits 1..9 the nine grants, bit 10 rolled out.
struct Viewer {
  bool linked, rolled_out;
  std::uint16_t grants;
  bool visible;  // outside the product
};
Viewer viewer(std::uint32_t i) {
  std::mt19937_64 rng(i * 7919ull + 17);
  return {(i & 1) != 0, ((i >> 10) & 1) != 0, static_cast<std::uint16_t>((i >> 1) & 0x1FF), (rng() & 1) != 0};
}

// Subject j: bit 0 visible, bits 1..3 the visibility of A, B, C.
struct Subject {
  bool visible;
  bool shared_visible[3];
  // Outside the product.
  bool linked, e_visible;
  std::uint16_t grants, shared_grants[3];
  bool shared_linked[3];
};
Subject subject(std::uint32_t j) {
  Subject s{};
  s.visible = j & 1;
  for (int k = 0; k < 3; ++k) s.shared_visible[k] = (j >> (1 + k)) & 1;
  std::mt19937_64 rng(j * 104729ull + 3);
  s.linked = rng() & 1;
  s.e_visible = rng() & 1;
  s.grants = static_cast<std::uint16_t>(rng() & 0x1FF);
  for (int k = 0; k < 3; ++k) {
    s.shared_grants[k] = static_cast<std::uint16_t>(rng() & 0x1FF);
    s.shared_linked[k] = rng() & 1;
  }
  return s;
}

bool viewer_subject_connected(std::uint32_t i, std::uint32_t j) { return ((i * 2654435761u) ^ (j * 40503u)) & 4; }

// The rule of DESIGN §3, stated from the text.
struct Expected {
  QueryStatus status;
  std::vector<MemberId> items;  // all visible shared members, ascending
};

Expected rule(std::uint32_t i, std::uint32_t j) {
  const Viewer v = viewer(i);
  const Subject s = subject(j);
  if (!v.rolled_out) return {QueryStatus::kNotRolledOut, {}};
  if (!v.linked) return {QueryStatus::kViewerNotLinked, {}};
  if (!(v.grants & (1u << kLiConnectionsBit))) return {QueryStatus::kConsentMissing, {}};
  if (!s.visible) return {QueryStatus::kSubjectUnavailable, {}};
  Expected e{QueryStatus::kOk, {}};
  for (int k = 0; k < 3; ++k) {
    if (s.shared_visible[k]) e.items.push_back(shared_id(j, k));
  }
  return e;
}

std::vector<MemberEdge> graph_edges() {
  std::vector<MemberEdge> edges;
  for (std::uint32_t j = 0; j < kSubjects; ++j) {
    for (int k = 0; k < 3; ++k) edges.push_back({shared_id(j, k), subject_id(j)});
    edges.push_back({shared_id(j, 0), shared_id(j, 1)});
    edges.push_back({e_id(j), subject_id(j)});
  }
  for (std::uint32_t i = 0; i < kViewers; ++i) {
    edges.push_back({viewer_id(i), d_id(i)});
    for (std::uint32_t j = 0; j < kSubjects; ++j) {
      for (int k = 0; k < 3; ++k) edges.push_back({viewer_id(i), shared_id(j, k)});
      if (viewer_subject_connected(i, j)) edges.push_back({viewer_id(i), subject_id(j)});
    }
  }
  return edges;
}

std::string grants_text(std::uint16_t g) {
  if (g == 0x1FF) return "all";
  if (g == 0) return "none";
  std::string s;
  for (int c = 0; c < kCategoryCount; ++c) {
    if (g & (1u << c)) {
      if (!s.empty()) s += ';';
      s += kCategoryNames[c];
    }
  }
  return s;
}

std::string row(MemberId m, bool linked, bool visible, std::uint16_t grants, bool rolled_out) {
  std::string r = std::to_string(m);
  r += linked ? ",1," : ",0,";
  r += visible ? "1," : "0,";
  r += grants_text(grants);
  r += rolled_out ? ",1\n" : ",0\n";
  return r;
}

constexpr const char* kConsentHeader = "member,linked,visible,grants,rolled_out\n";

// The subject side of the consent file: the same in (a) and, before the
// changes, scrambled in (b).
std::string subject_rows(bool scrambled, std::mt19937_64& rng) {
  std::string csv;
  for (std::uint32_t j = 0; j < kSubjects; ++j) {
    const Subject s = subject(j);
    csv += row(subject_id(j), s.linked, scrambled ? (rng() & 1) : s.visible, s.grants, true);
    for (int k = 0; k < 3; ++k) {
      csv += row(shared_id(j, k), s.shared_linked[k], scrambled ? (rng() & 1) : s.shared_visible[k],
                 s.shared_grants[k], true);
    }
    csv += row(e_id(j), false, s.e_visible, 0, true);
  }
  return csv;
}

// (a): every member's target state as a consent file.
std::string target_consent_csv() {
  std::string csv = kConsentHeader;
  for (std::uint32_t i = 0; i < kViewers; ++i) {
    const Viewer v = viewer(i);
    csv += row(viewer_id(i), v.linked, v.visible, v.grants, v.rolled_out);
    csv += row(d_id(i), true, true, 0x1FF, true);
  }
  std::mt19937_64 unused(0);
  return csv + subject_rows(false, unused);
}

// (b): scrambled states (only the rollout is the target) and, by member,
// the changes that take each from there to its target.
struct Scrambled {
  std::string csv;
  std::vector<std::vector<ConsentChange>> viewer_changes;  // by viewer
  std::vector<ConsentChange> subject_changes;
};

Scrambled scrambled() {
  Scrambled s;
  std::mt19937_64 rng(99);
  s.csv = kConsentHeader;
  s.viewer_changes.resize(kViewers);
  auto set_visible = [](std::vector<ConsentChange>& out, MemberId m, bool to) {
    out.push_back({m, to ? K::kShow : K::kHide, std::nullopt, {}});
  };
  for (std::uint32_t i = 0; i < kViewers; ++i) {
    const Viewer v = viewer(i);
    auto& out = s.viewer_changes[i];
    const bool from_visible = rng() & 1;
    s.csv += row(viewer_id(i), rng() & 1, from_visible, static_cast<std::uint16_t>(rng() & 0x1FF), v.rolled_out);
    // Link or unlink (all grants or none), then fix each grant.
    out.push_back({viewer_id(i), v.linked ? K::kLink : K::kUnlink, std::nullopt, {}});
    const std::uint16_t after = v.linked ? 0x1FF : 0;
    for (int c = 0; c < kCategoryCount; ++c) {
      const bool want = v.grants & (1u << c), have = after & (1u << c);
      if (want != have) out.push_back({viewer_id(i), want ? K::kGrant : K::kRevoke, static_cast<Category>(c), {}});
    }
    if (from_visible != v.visible) set_visible(out, viewer_id(i), v.visible);
    // D_i has no record (hidden by default) and is shown by a change.
    set_visible(out, d_id(i), true);
  }
  s.csv += subject_rows(true, rng);
  for (std::uint32_t j = 0; j < kSubjects; ++j) {
    const Subject t = subject(j);
    set_visible(s.subject_changes, subject_id(j), t.visible);
    for (int k = 0; k < 3; ++k) set_visible(s.subject_changes, shared_id(j, k), t.shared_visible[k]);
  }
  return s;
}

std::string build(const TempDir& dir, const std::string& name, const std::string& csv,
                  const std::vector<MemberEdge>& edges) {
  const std::string consent_path = dir.write(name + ".consent.csv", csv);
  auto consent = loaders::load_consent(consent_path);
  if (!consent.ok()) throw std::runtime_error(consent.status().message());
  BuildInput in;
  in.edges = edges;
  in.consent = std::move(*consent);
  const std::string out = dir.file(name + ".store");
  auto r = build_store(std::move(in), out);
  if (!r.ok()) throw std::runtime_error(r.status().message());
  return out;
}

std::string describe(std::uint32_t i, std::uint32_t j) {
  const Viewer v = viewer(i);
  const Subject s = subject(j);
  char buffer[200];
  std::snprintf(buffer, sizeof buffer,
                "viewer %u (linked %d, grants 0x%03x, rolled_out %d) x subject %u (visible %d, shared visible "
                "%d%d%d)",
                i, v.linked, v.grants, v.rolled_out, j, s.visible, s.shared_visible[0], s.shared_visible[1],
                s.shared_visible[2]);
  return buffer;
}

// Checks every combination against the rule: limits 0, 1 and 10, one page
// per viewer (every subject, an unknown one and D_i) and one batch of all.
// Returns the number of combinations that failed.
int check_all(const Insights& insights, const std::string& label) {
  int failed = 0;
  std::vector<MemberPair> pairs;
  pairs.reserve(kCombos);
  for (std::uint32_t i = 0; i < kViewers; ++i) {
    for (std::uint32_t j = 0; j < kSubjects; ++j) pairs.push_back({viewer_id(i), subject_id(j)});
  }
  const std::vector<SharedConnections> batch = insights.shared_connections_batch(pairs, 10, 2);
  std::vector<SharedCount> counts(pairs.size(), SharedCount{QueryStatus::kNotYet, 99});
  EXPECT_TRUE(insights.shared_connection_counts(pairs, counts, 2).ok());
  std::vector<MemberId> page_subjects;
  for (std::uint32_t j = 0; j < kSubjects; ++j) page_subjects.push_back(subject_id(j));
  page_subjects.push_back(kUnknown);
  for (std::uint32_t i = 0; i < kViewers; ++i) {
    page_subjects.push_back(d_id(i));
    const std::vector<SharedConnections> page = insights.shared_connections_page(viewer_id(i), page_subjects, 10);
    std::vector<SharedCount> page_counts(page_subjects.size(), SharedCount{QueryStatus::kNotYet, 99});
    EXPECT_TRUE(insights.shared_connection_counts_page(viewer_id(i), page_subjects, page_counts).ok());
    for (std::size_t k = 0; k < page.size() && k < page_counts.size(); ++k) {
      if ((page_counts[k].status != page[k].status || page_counts[k].count != page[k].count) && ++failed <= 10) {
        ADD_FAILURE() << label << ": viewer " << i << " subject " << k << ": count page says "
                      << to_string(page_counts[k].status) << " " << page_counts[k].count << ", page says "
                      << to_string(page[k].status) << " " << page[k].count;
      }
    }
    page_subjects.pop_back();
    // An unknown subject reads as a hidden one; D_i is a visible connection
    // of V_i that shares nothing with it.
    const QueryStatus gate = rule(i, 1).status;  // subject 1: visible
    const bool page_ok = page.size() == kSubjects + 2 &&
                         page[kSubjects].status == (gate == QueryStatus::kOk ? QueryStatus::kSubjectUnavailable
                                                                             : gate) &&
                         page[kSubjects].count == 0 && page[kSubjects + 1].status == gate &&
                         page[kSubjects + 1].count == 0;
    if (!page_ok && ++failed <= 10) ADD_FAILURE() << label << ": viewer " << i << ": unknown or D_i subject wrong";
    for (std::uint32_t j = 0; j < kSubjects; ++j) {
      const Expected e = rule(i, j);
      const SharedConnections full = insights.shared_connections(viewer_id(i), subject_id(j), 10);
      const SharedConnections counted = insights.shared_connections(viewer_id(i), subject_id(j), 0);
      const SharedConnections first = insights.shared_connections(viewer_id(i), subject_id(j), 1);
      const SharedConnections& paged = page[j];
      const SharedConnections& batched = batch[i * kSubjects + j];
      const SharedCount& count_only = counts[i * kSubjects + j];
      const std::vector<MemberId> first_items(e.items.begin(), e.items.begin() + (e.items.empty() ? 0 : 1));
      const bool ok = full.status == e.status && full.count == e.items.size() && full.items == e.items &&
                      full.viewer == viewer_id(i) && full.subject == subject_id(j) && counted.status == e.status &&
                      counted.count == e.items.size() && counted.items.empty() && first.status == e.status &&
                      first.count == e.items.size() && first.items == first_items && paged.status == e.status &&
                      paged.count == e.items.size() && paged.items == e.items && batched.status == e.status &&
                      batched.count == e.items.size() && batched.items == e.items && count_only.status == e.status &&
                      count_only.count == e.items.size();
      if (!ok && ++failed <= 10) {
        ADD_FAILURE() << label << ": " << describe(i, j) << ": expected " << to_string(e.status) << " count "
                      << e.items.size() << "; got " << to_string(full.status) << " count " << full.count << " ("
                      << full.items.size() << " items), limit 0: " << to_string(counted.status) << " "
                      << counted.count << ", page: " << to_string(paged.status) << " " << paged.count
                      << ", batch: " << to_string(batched.status) << " " << batched.count
                      << ", counts: " << to_string(count_only.status) << " " << count_only.count;
      }
    }
  }
  return failed;
}

TEST(EveryCombination, SharedConnectionsFollowsTheRuleForEveryConsentState) {
  TempDir dir;
  const std::vector<MemberEdge> edges = graph_edges();

  // (a) The states in a consent file at build.
  const std::string a = build(dir, "file", target_consent_csv(), edges);
  {
    Result<Insights> insights = Insights::open(a);
    ASSERT_TRUE(insights.ok()) << insights.status().message();
    EXPECT_EQ(check_all(*insights, "consent file"), 0);
  }

  // (b) Scrambled at build, then durable changes: most viewers in large
  // groups, every 256th viewer and the subjects one change at a time.
  const Scrambled s = scrambled();
  const std::string b = build(dir, "changes", s.csv, edges);
  std::uint64_t version = 0;
  {
    Result<Insights> insights = Insights::open(b);
    ASSERT_TRUE(insights.ok()) << insights.status().message();
    std::vector<ConsentChange> grouped, singles = s.subject_changes;
    for (std::uint32_t i = 0; i < kViewers; ++i) {
      auto& to = i % 256 == 5 ? singles : grouped;
      to.insert(to.end(), s.viewer_changes[i].begin(), s.viewer_changes[i].end());
    }
    std::size_t acknowledged = 0;
    Result<std::vector<ChangeResult>> r = insights->change_all(grouped, [&](std::size_t n) { acknowledged = n; });
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(acknowledged, grouped.size());
    for (std::size_t k = 0; k < r->size(); ++k) {
      ASSERT_EQ((*r)[k].status, QueryStatus::kOk);
      ASSERT_EQ((*r)[k].version, k + 1);
    }
    version = grouped.size();
    for (const ConsentChange& change : singles) {
      Result<ChangeResult> one = insights->change(change);
      ASSERT_TRUE(one.ok()) << one.status().message();
      ASSERT_EQ(one->version, ++version);
    }
    EXPECT_EQ(insights->consent_version(), version);
    EXPECT_EQ(check_all(*insights, "durable changes"), 0);
  }
  {
    Result<Insights> reopened = Insights::open(b);
    ASSERT_TRUE(reopened.ok()) << reopened.status().message();
    EXPECT_EQ(reopened->consent_version(), version);
    EXPECT_EQ(check_all(*reopened, "durable changes, reopened"), 0);
  }
}

// The rule function itself, on combinations worked by hand, so that a bug
// in it cannot make both stores "agree" with a wrong expectation.
TEST(EveryCombination, RuleFunctionByHand) {
  auto v_of = [](bool linked, std::uint16_t grants, bool rolled_out) {
    return std::uint32_t(linked) | std::uint32_t(grants) << 1 | std::uint32_t(rolled_out) << 10;
  };
  auto s_of = [](bool visible, int shared_bits) { return std::uint32_t(visible) | std::uint32_t(shared_bits) << 1; };
  const std::uint32_t all = v_of(true, 0x1FF, true);
  EXPECT_EQ(rule(all, s_of(true, 0b101)).status, QueryStatus::kOk);
  const std::uint32_t a_and_c = s_of(true, 0b101);
  EXPECT_EQ(rule(all, a_and_c).items, (std::vector<MemberId>{shared_id(a_and_c, 0), shared_id(a_and_c, 2)}));
  EXPECT_EQ(rule(v_of(true, 1u << kLiConnectionsBit, true), s_of(true, 0b111)).items.size(), 3u);
  EXPECT_EQ(rule(v_of(true, 0x1FF & ~(1u << kLiConnectionsBit), true), s_of(true, 0b111)).status,
            QueryStatus::kConsentMissing);
  EXPECT_EQ(rule(v_of(false, 0, false), s_of(false, 0)).status, QueryStatus::kNotRolledOut);
  EXPECT_EQ(rule(v_of(true, 0x1FF, false), s_of(true, 0b111)).status, QueryStatus::kNotRolledOut);
  EXPECT_EQ(rule(v_of(false, 0x1FF, true), s_of(true, 0b111)).status, QueryStatus::kViewerNotLinked);
  EXPECT_EQ(rule(all, s_of(false, 0b111)).status, QueryStatus::kSubjectUnavailable);
  EXPECT_EQ(rule(all, s_of(true, 0)).status, QueryStatus::kOk);
  EXPECT_TRUE(rule(all, s_of(true, 0)).items.empty());
  EXPECT_EQ(grants_text(0x1FF), "all");
  EXPECT_EQ(grants_text(0), "none");
  EXPECT_EQ(grants_text(1u << kLiConnectionsBit | 1u << 8), "li.connections;ms.contacts");
  EXPECT_EQ(kCombos, 32768u);
}

}  // namespace
}  // namespace mutuals::testing
