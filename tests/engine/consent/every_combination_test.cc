// Every combination of the consent inputs of shared-connections (DESIGN §3):
//   viewer linked (2) x each of the nine grants granted/revoked (512)
//   x subject visible (2) x visibility of each of three shared members (8)
//   x viewer rolled out (2)  = 32,768 combinations,
// each on its own copy of a tiny hand-drawn gadget, with the exact status,
// count and items computed by an independent rule function below.
//
// One gadget (ids base+0..base+6):
//
//          A   B   C            A, B, C: shared by V and S (visibility varies)
//         /|\ /|\ /|\           D: V's alone (visible: never counted)
//        V─┼─┼─┼─┼─┼─S          E: S's alone (visible: never counted)
//        │  (V─S connected in half the gadgets: it must not matter)
//        D                 E
//
// The states reach the store two ways, which must agree with the rule and
// so with each other: (a) a consent file (DESIGN §5) at build; (b) a
// scrambled consent file at build, then durable changes through
// Insights::change_all / Insights::change (link or unlink, then grant or
// revoke each category, then show or hide) — checked again after reopening
// (journal replay). Rollout is not a change (only a consent record sets it),
// so in (b) it comes from the build file too.
//
// Attributes outside the product (the viewer's own visibility, the subject's
// and shared members' link state and grants, E's visibility) are set
// pseudo-randomly per gadget: the rule says they must not matter.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
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

constexpr std::uint32_t kCombos = 2 * 512 * 2 * 8 * 2;
constexpr MemberId kBase = 1'000'000;
constexpr MemberId kStride = 16;
constexpr MemberId kUnknown = 999'999'999'999ull;  // in no input

const char* const kCategoryNames[kCategoryCount] = {
    "li.profile", "li.interests", "li.subscriptions", "li.connections", "ms.profile",
    "ms.calendar", "ms.interests", "ms.subscriptions", "ms.contacts"};
constexpr int kLiConnectionsBit = 3;

struct Combo {
  bool linked, subject_visible, rolled_out;
  std::uint16_t grants;
  bool shared_visible[3];
  // Outside the product: must not matter.
  bool viewer_visible, subject_linked, connect_viewer_subject, e_visible;
  std::uint16_t subject_grants, shared_grants[3];
  bool shared_linked[3];
};

Combo combo(std::uint32_t c) {
  Combo k{};
  k.linked = c & 1;
  k.grants = static_cast<std::uint16_t>((c >> 1) & 0x1FF);
  k.subject_visible = (c >> 10) & 1;
  for (int i = 0; i < 3; ++i) k.shared_visible[i] = (c >> (11 + i)) & 1;
  k.rolled_out = (c >> 14) & 1;
  std::mt19937_64 rng(c * 7919ull + 17);
  k.viewer_visible = rng() & 1;
  k.subject_linked = rng() & 1;
  k.connect_viewer_subject = rng() & 1;
  k.e_visible = rng() & 1;
  k.subject_grants = static_cast<std::uint16_t>(rng() & 0x1FF);
  for (int i = 0; i < 3; ++i) {
    k.shared_grants[i] = static_cast<std::uint16_t>(rng() & 0x1FF);
    k.shared_linked[i] = rng() & 1;
  }
  return k;
}

MemberId viewer_of(std::uint32_t c) { return kBase + c * kStride; }
MemberId subject_of(std::uint32_t c) { return viewer_of(c) + 1; }
MemberId shared_of(std::uint32_t c, int i) { return viewer_of(c) + 2 + static_cast<MemberId>(i); }
MemberId d_of(std::uint32_t c) { return viewer_of(c) + 5; }
MemberId e_of(std::uint32_t c) { return viewer_of(c) + 6; }

// The rule of DESIGN §3, stated from the text.
struct Expected {
  QueryStatus status;
  std::vector<MemberId> items;  // all visible shared members, ascending
};

Expected rule(std::uint32_t c, const Combo& k) {
  if (!k.rolled_out) return {QueryStatus::kNotRolledOut, {}};
  if (!k.linked) return {QueryStatus::kViewerNotLinked, {}};
  if (!(k.grants & (1u << kLiConnectionsBit))) return {QueryStatus::kConsentMissing, {}};
  if (!k.subject_visible) return {QueryStatus::kSubjectUnavailable, {}};
  Expected e{QueryStatus::kOk, {}};
  for (int i = 0; i < 3; ++i) {
    if (k.shared_visible[i]) e.items.push_back(shared_of(c, i));
  }
  return e;
}

std::vector<MemberEdge> gadget_edges() {
  std::vector<MemberEdge> edges;
  for (std::uint32_t c = 0; c < kCombos; ++c) {
    const Combo k = combo(c);
    for (int i = 0; i < 3; ++i) {
      edges.push_back({viewer_of(c), shared_of(c, i)});
      edges.push_back({shared_of(c, i), subject_of(c)});
    }
    edges.push_back({viewer_of(c), d_of(c)});
    edges.push_back({e_of(c), subject_of(c)});
    edges.push_back({shared_of(c, 0), shared_of(c, 1)});
    if (k.connect_viewer_subject) edges.push_back({viewer_of(c), subject_of(c)});
  }
  return edges;
}

std::string grants_text(std::uint16_t g) {
  if (g == 0x1FF) return "all";
  if (g == 0) return "none";
  std::string s;
  for (int i = 0; i < kCategoryCount; ++i) {
    if (g & (1u << i)) s += (s.empty() ? "" : ";") + std::string(kCategoryNames[i]);
  }
  return s;
}

std::string row(MemberId m, bool linked, bool visible, std::uint16_t grants, bool rolled_out) {
  return std::to_string(m) + "," + (linked ? "1" : "0") + "," + (visible ? "1" : "0") + "," + grants_text(grants) +
         "," + (rolled_out ? "1" : "0") + "\n";
}

// (a): every member's target state as a consent file.
std::string target_consent_csv() {
  std::string csv = "member,linked,visible,grants,rolled_out\n";
  for (std::uint32_t c = 0; c < kCombos; ++c) {
    const Combo k = combo(c);
    csv += row(viewer_of(c), k.linked, k.viewer_visible, k.grants, k.rolled_out);
    csv += row(subject_of(c), k.subject_linked, k.subject_visible, k.subject_grants, true);
    for (int i = 0; i < 3; ++i) {
      csv += row(shared_of(c, i), k.shared_linked[i], k.shared_visible[i], k.shared_grants[i], true);
    }
    csv += row(d_of(c), true, true, 0x1FF, true);
    csv += row(e_of(c), false, k.e_visible, 0, true);
  }
  return csv;
}

// (b): scrambled states (only the rollout is the target), and the changes
// that take each member from there to its target.
struct Scrambled {
  std::string csv;
  std::vector<std::vector<ConsentChange>> changes;  // by combo
};

Scrambled scrambled() {
  Scrambled s;
  s.csv = "member,linked,visible,grants,rolled_out\n";
  s.changes.resize(kCombos);
  std::mt19937_64 rng(99);
  auto set_visible = [](std::vector<ConsentChange>& out, MemberId m, bool from, bool to, bool always) {
    if (from != to || always) out.push_back({m, to ? K::kShow : K::kHide, std::nullopt, {}});
  };
  for (std::uint32_t c = 0; c < kCombos; ++c) {
    const Combo k = combo(c);
    auto& out = s.changes[c];
    // The viewer: start anywhere, then link/unlink and fix each grant.
    const bool v_linked = rng() & 1, v_visible = rng() & 1;
    const auto v_grants = static_cast<std::uint16_t>(rng() & 0x1FF);
    s.csv += row(viewer_of(c), v_linked, v_visible, v_grants, k.rolled_out);
    out.push_back({viewer_of(c), k.linked ? K::kLink : K::kUnlink, std::nullopt, {}});
    const std::uint16_t after = k.linked ? 0x1FF : 0;
    for (int i = 0; i < kCategoryCount; ++i) {
      const bool want = k.grants & (1u << i), have = after & (1u << i);
      if (want != have) out.push_back({viewer_of(c), want ? K::kGrant : K::kRevoke, static_cast<Category>(i), {}});
    }
    set_visible(out, viewer_of(c), v_visible, k.viewer_visible, false);
    // The subject and the shared members: visibility (the rest stays scrambled).
    const bool s_visible = rng() & 1;
    s.csv += row(subject_of(c), rng() & 1, s_visible, static_cast<std::uint16_t>(rng() & 0x1FF), true);
    set_visible(out, subject_of(c), s_visible, k.subject_visible, c % 3 == 0);
    for (int i = 0; i < 3; ++i) {
      const bool x_visible = rng() & 1;
      s.csv += row(shared_of(c, i), rng() & 1, x_visible, static_cast<std::uint16_t>(rng() & 0x1FF), true);
      set_visible(out, shared_of(c, i), x_visible, k.shared_visible[i], false);
    }
    // D has no record (hidden by default) and is shown by a change; E has none and is left so.
    out.push_back({d_of(c), K::kShow, std::nullopt, {}});
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

std::string describe(std::uint32_t c) {
  const Combo k = combo(c);
  char buffer[200];
  std::snprintf(buffer, sizeof buffer,
                "combo %u: linked %d grants 0x%03x subject_visible %d shared_visible %d%d%d rolled_out %d", c,
                k.linked, k.grants, k.subject_visible, k.shared_visible[0], k.shared_visible[1],
                k.shared_visible[2], k.rolled_out);
  return buffer;
}

// Checks every combination against the rule, with limits 0, 1 and 10, a
// page and a batch. Returns the number of combinations that failed.
int check_all(const Insights& insights, const std::string& label) {
  int failed = 0;
  std::vector<MemberPair> pairs;
  pairs.reserve(kCombos);
  for (std::uint32_t c = 0; c < kCombos; ++c) pairs.push_back({viewer_of(c), subject_of(c)});
  const std::vector<SharedConnections> batch = insights.shared_connections_batch(pairs, 10, 2);
  for (std::uint32_t c = 0; c < kCombos; ++c) {
    const Expected e = rule(c, combo(c));
    const SharedConnections full = insights.shared_connections(viewer_of(c), subject_of(c), 10);
    const SharedConnections counted = insights.shared_connections(viewer_of(c), subject_of(c), 0);
    const SharedConnections first = insights.shared_connections(viewer_of(c), subject_of(c), 1);
    const MemberId page_subjects[] = {subject_of(c), kUnknown, d_of(c)};
    const std::vector<SharedConnections> page = insights.shared_connections_page(viewer_of(c), page_subjects, 10);
    const std::vector<MemberId> first_items(e.items.begin(), e.items.begin() + (e.items.empty() ? 0 : 1));
    // D is a visible connection of the viewer: available as a subject, and
    // shares nothing with it. An unknown subject reads as a hidden one.
    const QueryStatus viewer_gate = e.status == QueryStatus::kSubjectUnavailable ? QueryStatus::kOk : e.status;
    const bool ok = full.status == e.status && full.count == e.items.size() && full.items == e.items &&
                    full.viewer == viewer_of(c) && full.subject == subject_of(c) && counted.status == e.status &&
                    counted.count == e.items.size() && counted.items.empty() && first.status == e.status &&
                    first.count == e.items.size() && first.items == first_items && page.size() == 3 &&
                    page[0].status == e.status && page[0].items == e.items &&
                    page[1].status == (viewer_gate == QueryStatus::kOk ? QueryStatus::kSubjectUnavailable
                                                                        : viewer_gate) &&
                    page[1].count == 0 && page[2].status == viewer_gate && page[2].count == 0 &&
                    batch[c].status == e.status && batch[c].count == e.items.size() && batch[c].items == e.items;
    if (!ok && ++failed <= 10) {
      ADD_FAILURE() << label << ": " << describe(c) << ": expected " << to_string(e.status) << " count "
                    << e.items.size() << "; got " << to_string(full.status) << " count " << full.count << " ("
                    << full.items.size() << " items), limit 0: " << to_string(counted.status) << " "
                    << counted.count << ", page: " << to_string(page[0].status) << "/" << to_string(page[1].status)
                    << "/" << to_string(page[2].status) << ", batch: " << to_string(batch[c].status) << " "
                    << batch[c].count;
    }
  }
  return failed;
}

TEST(EveryCombination, SharedConnectionsFollowsTheRuleForEveryConsentState) {
  const auto t0 = std::chrono::steady_clock::now();
  auto lap = [&](const char* what) {
    std::printf("[ combos   ] %-28s %6.2f s\n", what,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  };
  TempDir dir;
  const std::vector<MemberEdge> edges = gadget_edges();

  // (a) The states in a consent file at build.
  const std::string a = build(dir, "file", target_consent_csv(), edges);
  {
    Result<Insights> insights = Insights::open(a);
    ASSERT_TRUE(insights.ok()) << insights.status().message();
    lap("built (a)");
    EXPECT_EQ(check_all(*insights, "consent file"), 0);
    lap("checked (a)");
  }

  // (b) Scrambled at build, then durable changes.
  const Scrambled s = scrambled();
  const std::string b = build(dir, "changes", s.csv, edges);
  lap("built (b)");
  std::uint64_t expected_version = 0;
  {
    Result<Insights> insights = Insights::open(b);
    ASSERT_TRUE(insights.ok()) << insights.status().message();
    // Most gadgets in large groups; every 1024th one change at a time.
    std::vector<ConsentChange> grouped;
    std::vector<std::uint32_t> singles;
    for (std::uint32_t c = 0; c < kCombos; ++c) {
      if (c % 1024 == 5) {
        singles.push_back(c);
      } else {
        grouped.insert(grouped.end(), s.changes[c].begin(), s.changes[c].end());
      }
    }
    std::size_t acknowledged = 0;
    Result<std::vector<ChangeResult>> r =
        insights->change_all(grouped, [&](std::size_t n) { acknowledged = n; });
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(acknowledged, grouped.size());
    for (std::size_t i = 0; i < r->size(); ++i) {
      ASSERT_EQ((*r)[i].status, QueryStatus::kOk);
      ASSERT_EQ((*r)[i].version, i + 1);
    }
    expected_version = grouped.size();
    for (std::uint32_t c : singles) {
      for (const ConsentChange& change : s.changes[c]) {
        Result<ChangeResult> one = insights->change(change);
        ASSERT_TRUE(one.ok()) << one.status().message();
        ASSERT_EQ(one->version, ++expected_version);
      }
    }
    EXPECT_EQ(insights->consent_version(), expected_version);
    lap("changed (b)");
    EXPECT_EQ(check_all(*insights, "durable changes"), 0);
    lap("checked (b)");
  }
  {
    Result<Insights> reopened = Insights::open(b);
    ASSERT_TRUE(reopened.ok()) << reopened.status().message();
    EXPECT_EQ(reopened->consent_version(), expected_version);
    lap("reopened (b)");
    EXPECT_EQ(check_all(*reopened, "durable changes, reopened"), 0);
    lap("checked (b) reopened");
  }
}

// The rule function itself, on a few combinations worked by hand, so that a
// bug in it cannot make both stores "agree" with a wrong expectation.
TEST(EveryCombination, RuleFunctionByHand) {
  auto c_of = [](bool linked, std::uint16_t grants, bool subject_visible, int shared_bits, bool rolled_out) {
    return std::uint32_t(linked) | std::uint32_t(grants) << 1 | std::uint32_t(subject_visible) << 10 |
           std::uint32_t(shared_bits) << 11 | std::uint32_t(rolled_out) << 14;
  };
  const std::uint32_t all_ok = c_of(true, 0x1FF, true, 0b101, true);
  EXPECT_EQ(rule(all_ok, combo(all_ok)).status, QueryStatus::kOk);
  EXPECT_EQ(rule(all_ok, combo(all_ok)).items, (std::vector<MemberId>{shared_of(all_ok, 0), shared_of(all_ok, 2)}));
  const std::uint32_t only_connections = c_of(true, 1u << kLiConnectionsBit, true, 0b111, true);
  EXPECT_EQ(rule(only_connections, combo(only_connections)).items.size(), 3u);
  const std::uint32_t missing = c_of(true, 0x1FF & ~(1u << kLiConnectionsBit), true, 0b111, true);
  EXPECT_EQ(rule(missing, combo(missing)).status, QueryStatus::kConsentMissing);
  const std::uint32_t not_rolled = c_of(false, 0, false, 0, false);
  EXPECT_EQ(rule(not_rolled, combo(not_rolled)).status, QueryStatus::kNotRolledOut);
  const std::uint32_t unlinked = c_of(false, 0x1FF, true, 0b111, true);
  EXPECT_EQ(rule(unlinked, combo(unlinked)).status, QueryStatus::kViewerNotLinked);
  const std::uint32_t hidden = c_of(true, 0x1FF, false, 0b111, true);
  EXPECT_EQ(rule(hidden, combo(hidden)).status, QueryStatus::kSubjectUnavailable);
  const std::uint32_t none_visible = c_of(true, 0x1FF, true, 0, true);
  EXPECT_EQ(rule(none_visible, combo(none_visible)).status, QueryStatus::kOk);
  EXPECT_TRUE(rule(none_visible, combo(none_visible)).items.empty());
  EXPECT_EQ(grants_text(0x1FF), "all");
  EXPECT_EQ(grants_text(0), "none");
  EXPECT_EQ(grants_text(1u << kLiConnectionsBit | 1u << 8), "li.connections;ms.contacts");
}

}  // namespace
}  // namespace mutuals::testing
