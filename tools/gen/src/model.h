// The generator's compact per-member model: communities, target degrees and,
// per community, a Chung-Lu sampler restricted to later members.
//
// Members are numbered 0..N-1 (the index; external ids are a mix of it). Each
// member has up to nine slots: its region (0), up to three school cohorts
// (1-3), up to three employer teams (4-6), its circle (7) and the whole
// network (8). A slot has a weight (the connections the member should get
// there) and lives in a partition, where members are listed by community and
// then by index, with a running total of weights. A member connects only to
// *later* members of the same community, in proportion to weight: drawing
// lambda = w_i * S_i / W_c times, where S_i is the weight after i and W_c the
// community's total, gives every pair {i, j} an expected w_i * w_j / W_c
// connections, each produced once, by its lower endpoint. Expected degree is
// then w_i (1 - w_i / W_c) summed over slots: Chung-Lu, streamable in index
// order. Circles are dense, so there each later member is decided in turn
// with probability min(1, w_i w_j / W_c) instead.
//
// A draw is a prefix-sum lookup: a guide table (one bucket per entry) finds
// the right entry in one or two probes, so a draw costs two or three cache
// misses even in the network-wide partition, and resolve() overlaps them.
//
// Memory: about 190 bytes a member (profile 36, target 4, slots 124, and the
// entries of its ~6 community memberships at 16 bytes plus 4 of guide), plus
// 8 bytes an entry while weighing.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "random.h"

namespace mutuals::gen::internal {

inline constexpr int kRegionSlot = 0;
inline constexpr int kFirstSchoolSlot = 1;
inline constexpr int kFirstEmployerSlot = 4;
inline constexpr int kCircleSlot = 7;
inline constexpr int kGlobalSlot = 8;
inline constexpr int kCommunitySlots = 8;  // every slot but the global one
inline constexpr int kSlots = 9;
inline constexpr int kMaxSchools = 3;
inline constexpr int kMaxEmployers = 3;
inline constexpr std::uint32_t kNone = ~std::uint32_t{0};

// Shares of a member's expected degree by slot kind; the rest (plus whatever
// does not fit in a small community) is network-wide. Inside communities:
// 85% (region, school cohorts, employer teams, and the circle, which lies
// inside the current employer).
inline constexpr double kRegionShare = 0.10;
inline constexpr double kSchoolShare = 0.10;
inline constexpr double kEmployerShare = 0.10;
inline constexpr double kCircleShare = 0.55;
// A slot weight never exceeds this fraction of the community's other members.
inline constexpr double kCommunityFill = 0.8;
// CCDF exponent of the target degrees: P(deg > k) ~ k^-1.2, density k^-2.2.
inline constexpr double kParetoAlpha = 1.2;
// Mean community sizes: regions ~50k, schools ~2k, employers ~500 members.
inline constexpr double kMembersPerRegion = 50000;
inline constexpr double kMembersPerSchool = 2000;
inline constexpr double kMembersPerEmployer = 500;
// School communities are cohorts (who started within the same 4 years), and
// employer communities are teams of about 80. Schools and employers as a
// whole are still what schools.csv and employers.csv name.
inline constexpr int kCohortYears = 4;
inline constexpr int kFirstCohortYear = 1960;
inline constexpr std::uint32_t kCohorts = 21;  // 1960-2043
inline constexpr double kMembersPerTeam = 80;
// Circles, where most triangles live (the idea of BTER, Seshadhri, Kolda and
// Pinar 2012): members of the same current employer with similar target
// degrees, in groups sized so that the circle share of the group's largest
// target fills the group to this density. A member whose circle holds a
// fraction f of its connections at density rho gets clustering of about
// f^2 rho from it alone, whatever N is. Circles are dense, so their pairs
// are decided one by one (Bernoulli), not drawn: Poisson draws would lose a
// quarter of a dense circle's connections to duplicates.
inline constexpr double kCircleDensity = 0.75;
inline constexpr std::uint32_t kMaxCircle = 4096;
// How a member's school (employer) share divides among 1, 2 or 3 of them:
// the first school weighs most, the latest employer weighs most.
inline constexpr double kSchoolSplit[3][3] = {{1, 0, 0}, {0.6, 0.4, 0}, {0.5, 0.3, 0.2}};
inline constexpr double kEmployerSplit[3][3] = {{1, 0, 0}, {0.4, 0.6, 0}, {0.2, 0.3, 0.5}};
// Probability that a school / employer is one of the member's region.
inline constexpr double kLocalSchool = 0.85;
inline constexpr double kLocalEmployer = 0.80;

enum PartitionKind {
  kRegionPartition = 0,
  kSchoolPartition,
  kEmployerPartition,
  kCirclePartition,
  kGlobalPartition,
  kPartitions
};

constexpr int partition_of(int slot) {
  return slot == kRegionSlot ? kRegionPartition
         : slot < kFirstEmployerSlot ? kSchoolPartition
         : slot < kCircleSlot ? kEmployerPartition
         : slot == kCircleSlot ? kCirclePartition
                               : kGlobalPartition;
}

// One member's place in a partition.
struct Entry {
  double end = 0;          // total weight of the entries up to and including this one
  std::uint32_t member = 0;
};

// Members of all communities of one kind, community after community.
struct Partition {
  std::vector<std::uint32_t> begin;  // community c is entries [begin[c], begin[c + 1])
  std::vector<Entry> entries;
  std::vector<std::uint32_t> guide;  // guide[b] = the first entry whose end > b * bucket
  double bucket = 1;

  // Total weight of the entries before q.
  double prefix(std::uint32_t q) const { return q ? entries[q - 1].end : 0.0; }
  // Turns per-entry weights (held in `end`) into running totals; builds the guide.
  void finish();
  std::size_t bucket_of(double target) const {
    const auto b = static_cast<std::size_t>(target / bucket);
    return b < guide.size() ? b : guide.size() - 1;
  }
  // The entry q in [lo, hi) with prefix(q) <= target < entries[q].end,
  // scanning from `from` (a guide entry, at or before the answer).
  std::uint32_t scan(double target, std::uint32_t from, std::uint32_t lo, std::uint32_t hi) const {
    std::uint32_t q = from < lo ? lo : from;
    if (q >= hi) q = hi - 1;
    while (q + 1 < hi && entries[q].end <= target) ++q;
    return q;
  }
};

// One draw to resolve: draw r of `member`'s slot, keyed by its slot key.
struct PickRequest {
  std::uint64_t key = 0;
  std::uint32_t member = 0;
  std::uint32_t r = 0;
  int slot = 0;
};

// The communities of one member (kNone where a slot is unused): its region,
// school cohorts, employer teams and circle.
struct Profile {
  std::uint32_t community[kCommunitySlots];
  std::uint8_t schools = 0;
  std::uint8_t employers = 0;
};

// What drawing a member's connections needs, together in memory.
struct Slots {
  std::uint32_t pos[kSlots];       // the member's entry in the slot's partition
  std::uint32_t end[kSlots];       // end of its community there
  std::uint32_t cum[kSlots + 1];   // draws before slot s (cum[kSlots] = all draws; none in the circle)
  // Probability that a closure walk through this member goes on: expected
  // draws / expected connections from earlier members, at most 1. Without
  // it, members late in index order (few draws of their own, many earlier
  // neighbours) would funnel closure onto their few later neighbours.
  float closure_accept = 1;
  // Expected later neighbours before deduplication (draws + circle): the
  // auxiliary variable of the mean-degree estimate.
  float expected_later = 0;
};

struct ModelParams {
  std::uint32_t members = 0;
  double avg_degree = 0;   // the mean slot weight total (before closure and losses)
  double weight_cap = 0;   // no member's target degree exceeds this
  std::uint64_t seed = 0;
};

class Model {
 public:
  // Builds everything in parallel (call inside the caller's task_arena);
  // deterministic for a given params whatever the thread count.
  static Model build(const ModelParams& params);
  // New target degrees with this mean (same members, communities, circles
  // and entry positions); cheaper than build().
  void reweigh(double avg_degree);

  // Resolves draws: out[x] is a later member of request x's community,
  // chosen in proportion to weight. Requests go through in batches whose
  // memory accesses are prefetched stage by stage, so their cache misses
  // overlap instead of following one another.
  void resolve(const PickRequest* requests, std::size_t count, std::uint32_t* out) const;
  // The key of member i's draws in a slot.
  std::uint64_t slot_key(std::uint32_t i, int slot) const {
    return stream_key(params.seed, Purpose::kPick, slot, i);
  }

  // The school or employer of a school-cohort or employer-team community.
  std::uint32_t facet_of(int slot, std::uint32_t community) const {
    return slot < kFirstEmployerSlot ? community / kCohorts : team_employer[community];
  }

  ModelParams params;
  std::uint32_t regions = 0, schools = 0, employers = 0, circles = 0;
  std::vector<std::uint32_t> team_employer;  // the employer of each team
  std::vector<Profile> profiles;
  std::vector<float> target;  // expected degree before closure
  std::vector<Slots> slots;
  std::array<Partition, kPartitions> partitions;
  double expected_later_total = 0;  // sum of Slots::expected_later

 private:
  // Slot weights from targets, prefix sums and guides, draw counts.
  void weigh();
};

}  // namespace mutuals::gen::internal
