// Resolving many members for many answers without waiting on each cache
// miss in turn. Each answer chases ~6 dependent misses (hash slot, member
// id, consent flags, adjacency offset, bitmap header, containers); a
// software pipeline over chunks of items fetches chunk c+4's hash slots,
// c+3's member checks and flags, c+2's offsets and c+1's blobs while chunk
// c is answered, so each level has a chunk's worth of work to arrive in.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>

#include "insights/insights_state.h"

namespace mutuals::internal {

// For items [begin, end): members_of(k) gives item k's members (an
// std::array<MemberId, kMembers>); answer(k, states) is called in item
// order with their resolved states (a const MemberState*, kMembers long).
template <std::size_t kMembers, typename MembersOf, typename Answer>
void resolve_pipelined(const StoreData& g, const ConsentSnapshot& consent, std::size_t begin, std::size_t end,
                       const MembersOf& members_of, const Answer& answer) {
  constexpr std::size_t kChunk = 8, kDepth = 4, kSlots = kDepth + 1;
  std::array<MemberState, kMembers> states[kSlots][kChunk];
  const std::size_t chunks = (end - begin + kChunk - 1) / kChunk;
  auto items = [&](std::size_t c, std::size_t& first, std::size_t& n) {
    first = begin + c * kChunk;
    n = c < chunks ? std::min(kChunk, end - first) : 0;
  };
  auto all_inside = [](const std::array<MemberState, kMembers>& s) {
    return std::all_of(s.begin(), s.end(), [](const MemberState& m) { return m.vertex != kNoVertex; });
  };
  for (std::size_t c = 0; c < chunks + kDepth; ++c) {
    std::size_t first, n;
    items(c, first, n);  // stage 1: hash slots
    for (std::size_t k = 0; k < n; ++k) {
      for (MemberId m : members_of(first + k)) g.prefetch_find(m);
    }
    if (c < 1) continue;
    items(c - 1, first, n);  // stage 2: member checks, consent flags
    for (std::size_t k = 0; k < n; ++k) {
      for (MemberId m : members_of(first + k)) {
        const VertexId home = g.home_vertex(m);
        g.prefetch_member_check(home);
        consent.prefetch(home);
      }
    }
    if (c < 2) continue;
    items(c - 2, first, n);  // stage 3: resolve, adjacency offsets
    auto* slot = states[(c - 2) % kSlots];
    for (std::size_t k = 0; k < n; ++k) {
      const auto members = members_of(first + k);
      for (std::size_t j = 0; j < kMembers; ++j) slot[k][j] = resolve(g, consent, members[j]);
      if (all_inside(slot[k])) {
        for (const MemberState& s : slot[k]) g.prefetch_neighbors(s.vertex);
      }
    }
    if (c < 3) continue;
    items(c - 3, first, n);  // stage 4: bitmap blobs
    slot = states[(c - 3) % kSlots];
    for (std::size_t k = 0; k < n; ++k) {
      if (all_inside(slot[k])) {
        for (const MemberState& s : slot[k]) g.prefetch_blob(s.vertex);
      }
    }
    if (c < kDepth) continue;
    items(c - kDepth, first, n);  // stage 5: answers
    slot = states[(c - kDepth) % kSlots];
    for (std::size_t k = 0; k < n; ++k) answer(first + k, slot[k].data());
  }
}

// One pair now (a single query): both members' chains advance side by
// side, and each level is fetched for the likely vertex (the one in the
// member's home slot) before the member check confirms it, so the
// offsets, consent flags and member check arrive together: three levels of
// misses deep instead of six one after another.
inline void resolve_pair_now(const StoreData& g, const ConsentSnapshot& consent, MemberId a, MemberId b,
                             MemberState& sa, MemberState& sb) {
  g.prefetch_find(a);
  g.prefetch_find(b);
  for (MemberId m : {a, b}) {
    const VertexId home = g.home_vertex(m);
    if (home == kNoVertex) continue;
    g.prefetch_member_check(home);
    consent.prefetch(home);
    g.prefetch_neighbors(home);
  }
  sa = resolve(g, consent, a);
  sb = resolve(g, consent, b);
  if (sa.vertex != kNoVertex && sb.vertex != kNoVertex) {
    g.prefetch_blob(sa.vertex);
    g.prefetch_blob(sb.vertex);
  }
}

}  // namespace mutuals::internal
