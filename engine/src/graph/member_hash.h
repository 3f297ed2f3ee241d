// The member index: member id -> dense vertex id in one probe, usually.
//
// An open-addressing table of u32 vertex ids (kNoVertex = empty), capacity
// a power of two at least twice the member count, multiplicative hashing and
// linear probing. A slot is confirmed against vertex_member[slot], so the
// table stores no member ids: 8 bytes a member. It replaced a binary search
// over the sorted ids, which cost ~17 dependent cache misses per lookup and
// dominated the per-pair time on real graphs.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "mutuals/types.h"

namespace mutuals::internal {

inline std::uint64_t member_hash_slot(MemberId m, std::uint64_t mask) {
  return ((m ^ (m >> 29)) * 0x9E3779B97F4A7C15ull >> 20) & mask;
}

inline VertexId member_hash_find(std::span<const std::uint32_t> slots, std::span<const MemberId> vertex_member,
                                 MemberId m) {
  const std::uint64_t mask = slots.size() - 1;
  for (std::uint64_t i = member_hash_slot(m, mask);; i = (i + 1) & mask) {
    VertexId v = slots[i];
    if (v == kNoVertex || vertex_member[v] == m) return v;
  }
}

std::vector<std::uint32_t> build_member_hash(std::span<const MemberId> vertex_member);

// Empty when every member is found at its vertex and every slot is sound.
std::string verify_member_hash(std::span<const std::uint32_t> slots, std::span<const MemberId> vertex_member);

}  // namespace mutuals::internal
