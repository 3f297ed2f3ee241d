// A random "world" for the insight cross-checks: a random graph with random
// consent (hidden members, members without a record, consent-only and
// self-loop-only members), random schools and employers (with and without
// years, some sharing value ids across the two kinds, some rows for members
// in no other input), and random consent changes applied to the engine and
// the oracle in step (contact imports, late members who first appear by a
// change, unlinks, revokes, hides...). Also the query samplers of every
// insight kind.
//
//   World w = make_world(testing::erdos_renyi(1000, 6, 1, IdStyle::kSmall), 7);
//   Oracle oracle(w.edges, w.consent, w.extras);
//   build_store(w.build_input(VertexOrder::kBfs), dir);
//   apply_in_step(insights, oracle, import_contacts(oracle, w, 8));
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "mutuals/insights.h"
#include "mutuals/store.h"
#include "support/oracle.h"
#include "support/random_graph.h"

namespace mutuals::testing {

struct World {
  std::string name;
  std::vector<MemberEdge> edges;
  std::vector<ConsentRecord> consent;
  OracleExtras extras;
  std::vector<MemberId> late;  // ids in no build input, made known later by changes

  BuildInput build_input(VertexOrder order) const {
    BuildInput in;
    in.edges = edges;
    in.consent = consent;
    in.extra_members = extras.extra_members;
    in.schools = extras.schools;
    in.employers = extras.employers;
    in.order = order;
    return in;
  }
};

inline MemberId fresh_id(std::mt19937_64& rng, const std::set<MemberId>& taken) {
  for (;;) {
    MemberId m = rng();
    if (!taken.count(m)) return m;
  }
}

// `school_values` small ids (0..n-1 shifted by first_value) or sparse ones;
// employers draw from an overlapping value range so the two kinds share ids.
inline World make_world(RandomGraph g, std::uint64_t seed, const ConsentMix& mix = {}, bool sparse_values = false) {
  World w;
  w.name = g.name;
  w.edges = std::move(g.edges);
  w.consent = random_consent(g.members, seed, mix);
  std::mt19937_64 rng(seed * 31 + 5);
  std::set<MemberId> taken(g.members.begin(), g.members.end());
  for (const ConsentRecord& r : w.consent) taken.insert(r.member);
  for (int k = 0; k < 3; ++k) {  // members known only from a self-loop line
    MemberId m = fresh_id(rng, taken);
    taken.insert(m);
    w.extras.extra_members.push_back(m);
  }
  FacetMix schools;
  schools.values = 12 + static_cast<std::uint32_t>(uniform(rng, 40));
  schools.sparse_values = sparse_values;
  schools.first_value = 100;
  schools.value_seed = seed;
  w.extras.schools = random_facets(g.members, seed + 1, schools);
  FacetMix employers = schools;
  employers.values = 8 + static_cast<std::uint32_t>(uniform(rng, 30));
  employers.first_value = 100 + schools.values / 2;  // half the school ids are employer ids too
  employers.with_rows = 0.5;
  employers.with_years = 0.4;
  w.extras.employers = random_facets(g.members, seed + 2, employers);
  for (const auto* rows : {&w.extras.schools, &w.extras.employers}) {
    for (const FacetRecord& r : *rows) taken.insert(r.member);
  }
  for (int k = 0; k < 4; ++k) {
    MemberId m = fresh_id(rng, taken);
    taken.insert(m);
    w.late.push_back(m);
  }
  return w;
}

// One change with the status the oracle expects from it.
struct Step {
  ConsentChange change;
  QueryStatus expected;
};

// Applies `steps` to the engine in one change_all, and checks each status
// against the oracle's (which already applied them while generating).
inline void apply_in_step(Insights& insights, const std::vector<Step>& steps) {
  std::vector<ConsentChange> changes;
  for (const Step& s : steps) changes.push_back(s.change);
  Result<std::vector<ChangeResult>> r = insights.change_all(changes);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->size(), steps.size());
  int failures = 0;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if ((*r)[i].status != steps[i].expected && ++failures <= 5) {
      ADD_FAILURE() << "change " << i << ": " << to_string(steps[i].change.kind) << " by member "
                    << steps[i].change.member << ": engine " << to_string((*r)[i].status) << ", oracle "
                    << to_string(steps[i].expected);
    }
  }
}

// Draws contact lists the way imports look: friends of friends, random
// members, connections (no suggestion), oneself, unknown ids, consent-only,
// facet-only and late members.
class ContactDrawer {
 public:
  ContactDrawer(const Oracle& oracle, const World& w, std::mt19937_64& rng) : o_(oracle), w_(w), rng_(rng) {
    for (const ConsentRecord& r : w.consent) {
      if (o_.neighbors(r.member).empty()) consent_only_.push_back(r.member);
    }
    for (const FacetRecord& r : w.extras.schools) {
      if (o_.neighbors(r.member).empty()) facet_only_.push_back(r.member);
    }
  }

  std::vector<MemberId> draw(MemberId member) {
    std::vector<MemberId> out;
    const auto& all = o_.member_ids();
    const std::size_t n = 1 + uniform(rng_, 8);
    for (std::size_t k = 0; k < n; ++k) {
      const std::uint64_t kind = uniform(rng_, 20);
      const auto& mine = o_.neighbors(member);
      if (kind < 8 && !mine.empty()) {  // a friend of a friend
        const auto& next = o_.neighbors(mine[uniform(rng_, mine.size())]);
        out.push_back(next[uniform(rng_, next.size())]);
      } else if (kind < 12) {
        out.push_back(all[uniform(rng_, all.size())]);
      } else if (kind < 14 && !mine.empty()) {
        out.push_back(mine[uniform(rng_, mine.size())]);
      } else if (kind == 14) {
        out.push_back(member);
      } else if (kind == 15) {
        out.push_back(rng_());  // unknown: not a member, never a candidate
      } else if (kind == 16 && !consent_only_.empty()) {
        out.push_back(consent_only_[uniform(rng_, consent_only_.size())]);
      } else if (kind == 17 && !facet_only_.empty()) {
        out.push_back(facet_only_[uniform(rng_, facet_only_.size())]);
      } else if (!w_.late.empty()) {
        out.push_back(w_.late[uniform(rng_, w_.late.size())]);
      }
    }
    if (!out.empty() && chance(rng_, 0.1)) out.push_back(out.front());  // a repeat in one list
    return out;
  }

 private:
  const Oracle& o_;
  const World& w_;
  std::mt19937_64& rng_;
  std::vector<MemberId> consent_only_, facet_only_;
};

// Round 1: late members arrive (link, show, or hide), then contact imports
// by about a third of the members, granted or not.
inline std::vector<Step> import_contacts(Oracle& oracle, const World& w, std::uint64_t seed) {
  using K = ConsentChange::Kind;
  std::mt19937_64 rng(seed);
  std::vector<Step> steps;
  auto add = [&](ConsentChange c) { steps.push_back({c, oracle.apply(c)}); };
  for (std::size_t k = 0; k < w.late.size(); ++k) {
    const MemberId m = w.late[k];
    if (k == w.late.size() - 1) {
      add({m, K::kHide, std::nullopt, {}});  // known, hidden, unlinked
      continue;
    }
    add({m, K::kLink, std::nullopt, {}});
    if (k % 2 == 0) add({m, K::kShow, std::nullopt, {}});
  }
  ContactDrawer drawer(oracle, w, rng);
  std::vector<MemberId> importers(w.late.begin(), w.late.empty() ? w.late.end() : w.late.end() - 1);
  for (MemberId m : oracle.member_ids()) {
    if (chance(rng, 0.35)) importers.push_back(m);
  }
  for (MemberId m : importers) {
    add({m, K::kImportContacts, std::nullopt, drawer.draw(m)});
    if (chance(rng, 0.2)) {
      add({m, K::kImportContacts, std::nullopt, drawer.draw(m)});  // a second import adds to the first
    }
  }
  return steps;
}

// Round 2: random changes by about a tenth of the members (and every late
// member): link, unlink, grant, revoke, show, hide, import, remove.
inline std::vector<Step> random_changes(Oracle& oracle, const World& w, std::uint64_t seed) {
  using K = ConsentChange::Kind;
  std::mt19937_64 rng(seed);
  std::vector<Step> steps;
  auto add = [&](ConsentChange c) { steps.push_back({c, oracle.apply(c)}); };
  ContactDrawer drawer(oracle, w, rng);
  std::vector<MemberId> who(w.late.begin(), w.late.end());
  for (MemberId m : oracle.member_ids()) {
    if (chance(rng, 0.1)) who.push_back(m);
  }
  for (MemberId m : who) {
    const std::uint64_t n = 1 + uniform(rng, 3);
    for (std::uint64_t k = 0; k < n; ++k) {
      const auto category = static_cast<Category>(uniform(rng, kCategoryCount));
      switch (uniform(rng, 9)) {
        case 0: add({m, K::kLink, std::nullopt, {}}); break;
        case 1: add({m, K::kUnlink, std::nullopt, {}}); break;
        case 2: add({m, K::kGrant, category, {}}); break;
        case 3: add({m, K::kRevoke, category, {}}); break;
        case 4: add({m, K::kShow, std::nullopt, {}}); break;
        case 5: add({m, K::kHide, std::nullopt, {}}); break;
        case 6: add({m, K::kRemoveContacts, std::nullopt, {}}); break;
        default:
          add({m, K::kImportContacts, std::nullopt, drawer.draw(m)});
          break;
      }
    }
  }
  return steps;
}

// --- Query samplers.

// Pairs of members who share a value of `kind` (so the answers have items).
inline std::vector<MemberPair> facet_pairs(const Oracle& o, FacetKind kind, std::size_t count,
                                           std::mt19937_64& rng) {
  std::vector<MemberPair> out;
  const std::vector<std::uint64_t> values = o.facet_values(kind);
  if (values.empty()) return out;
  std::vector<std::vector<MemberId>> members;
  for (std::uint64_t v : values) members.push_back(o.facet_members(kind, v));
  while (out.size() < count) {
    const auto& m = members[uniform(rng, members.size())];
    out.push_back({m[uniform(rng, m.size())], m[uniform(rng, m.size())]});
  }
  return out;
}

// Pairs at three hops or more: the end of a random walk of three steps.
inline std::vector<MemberPair> far_pairs(const Oracle& o, std::size_t count, std::mt19937_64& rng) {
  std::vector<MemberPair> out;
  std::vector<MemberId> with_edges;
  for (MemberId m : o.member_ids()) {
    if (!o.neighbors(m).empty()) with_edges.push_back(m);
  }
  if (with_edges.empty()) return out;
  for (std::size_t k = 0; k < count; ++k) {
    const MemberId v = with_edges[uniform(rng, with_edges.size())];
    MemberId at = v;
    const int steps = 3 + static_cast<int>(uniform(rng, 3));
    for (int s = 0; s < steps; ++s) {
      const auto& next = o.neighbors(at);
      at = next[uniform(rng, next.size())];
    }
    out.push_back({v, at});
  }
  return out;
}

// A school to ask connections-at about: mostly one of a connection's
// schools (a non-empty answer), else any school, an employer id, or an
// unknown id.
inline std::uint64_t school_for(const Oracle& o, MemberId viewer, const std::vector<std::uint64_t>& schools,
                                const std::vector<std::uint64_t>& employers, std::mt19937_64& rng) {
  const auto& mine = o.neighbors(viewer);
  const std::uint64_t kind = uniform(rng, 10);
  if (kind < 6 && !mine.empty()) {
    for (int attempt = 0; attempt < 6; ++attempt) {
      const auto& rows = o.facet_rows(FacetKind::kSchool, mine[uniform(rng, mine.size())]);
      if (!rows.empty()) return rows[uniform(rng, rows.size())].value;
    }
  }
  if (kind < 8 && !schools.empty()) return schools[uniform(rng, schools.size())];
  if (kind < 9 && !employers.empty()) return employers[uniform(rng, employers.size())];
  return rng();
}

}  // namespace mutuals::testing
