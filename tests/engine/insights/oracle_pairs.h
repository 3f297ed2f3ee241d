// Shared by the oracle cross-checks: query pairs drawn the way real traffic
// looks (connected pairs, friends of friends, random members, unknown ids,
// oneself), and the comparison of an engine answer with the oracle's.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "mutuals/insights.h"
#include "support/oracle.h"
#include "support/random_graph.h"

namespace mutuals::testing {

struct PairMix {
  double connected = 0.4;   // subject is a connection of the viewer
  double fof = 0.4;         // subject is a connection of a connection
  double random = 0.1;      // two random known members
  double unknown = 0.05;    // viewer, subject or both unknown
  // The rest: viewer == subject.
  double eligible_viewer = 0.5;  // how often the viewer is drawn from those the rules let through
};

// Members as the sampler sees them.
class PairSampler {
 public:
  PairSampler(const Oracle& oracle, std::uint64_t seed) : oracle_(oracle), rng_(seed) {
    for (MemberId m : oracle.member_ids()) {
      if (oracle.neighbors(m).empty()) continue;
      with_edges_.push_back(m);
      ConsentRecord c = oracle.consent(m);
      if (c.rolled_out && c.linked && (c.grants & grant_bit(Category::kLiConnections))) eligible_.push_back(m);
    }
  }

  std::vector<MemberPair> sample(std::size_t count, const PairMix& mix) {
    std::vector<MemberPair> out;
    out.reserve(count);
    while (out.size() < count) out.push_back(one(mix));
    return out;
  }

  MemberPair one(const PairMix& mix) {
    const auto& all = oracle_.member_ids();
    if (with_edges_.empty()) return {pick(all), pick(all)};
    const double x = double(rng_() >> 11) * 0x1.0p-53;
    if (x < mix.connected + mix.fof) {
      MemberId v = viewer(mix);
      MemberId b = pick(oracle_.neighbors(v));
      if (x < mix.connected) return {v, b};
      for (int attempt = 0; attempt < 8; ++attempt) {
        MemberId c = pick(oracle_.neighbors(b));
        if (c != v) return {v, c};
      }
      return {v, b};
    }
    if (x < mix.connected + mix.fof + mix.random) return {pick(all), pick(all)};
    if (x < mix.connected + mix.fof + mix.random + mix.unknown) {
      switch (rng_() % 3) {
        case 0: return {unknown(), pick(all)};
        case 1: return {viewer(mix), unknown()};
        default: return {unknown(), unknown()};
      }
    }
    MemberId self = viewer(mix);
    return {self, self};
  }

  std::size_t eligible() const { return eligible_.size(); }

 private:
  MemberId pick(const std::vector<MemberId>& from) { return from[rng_() % from.size()]; }
  MemberId viewer(const PairMix& mix) {
    if (!eligible_.empty() && double(rng_() >> 11) * 0x1.0p-53 < mix.eligible_viewer) return pick(eligible_);
    return pick(with_edges_);
  }
  MemberId unknown() {
    for (;;) {
      MemberId m = rng_();
      if (!oracle_.known(m)) return m;
    }
  }

  const Oracle& oracle_;
  std::mt19937_64 rng_;
  std::vector<MemberId> with_edges_;
  std::vector<MemberId> eligible_;
};

inline ::testing::AssertionResult same_answer(const SharedConnections& got, const OracleAnswer& want,
                                              MemberId viewer, MemberId subject) {
  auto fail = [&]() {
    return ::testing::AssertionFailure() << "viewer " << viewer << " subject " << subject << ": ";
  };
  if (got.viewer != viewer || got.subject != subject) {
    return fail() << "answer names viewer " << got.viewer << " subject " << got.subject;
  }
  if (got.status != want.status) {
    return fail() << "status " << to_string(got.status) << ", oracle " << to_string(want.status);
  }
  if (got.count != want.count) return fail() << "count " << got.count << ", oracle " << want.count;
  if (got.items != want.items) {
    ::testing::AssertionResult f = fail();
    f << "items differ (" << got.items.size() << " vs oracle " << want.items.size() << "):";
    for (std::size_t i = 0; i < std::max(got.items.size(), want.items.size()) && i < 8; ++i) {
      f << " [" << (i < got.items.size() ? std::to_string(got.items[i]) : "-") << " vs "
        << (i < want.items.size() ? std::to_string(want.items[i]) : "-") << "]";
    }
    return f;
  }
  return ::testing::AssertionSuccess();
}

inline ::testing::AssertionResult same_answer(const SharedConnections& a, const SharedConnections& b) {
  if (a.viewer == b.viewer && a.subject == b.subject && a.status == b.status && a.count == b.count &&
      a.items == b.items) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "viewer " << a.viewer << " subject " << a.subject << ": status "
                                       << to_string(a.status) << "/" << to_string(b.status) << " count " << a.count
                                       << "/" << b.count << " items " << a.items.size() << "/" << b.items.size();
}

}  // namespace mutuals::testing
