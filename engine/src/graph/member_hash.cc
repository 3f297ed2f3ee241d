#include "graph/member_hash.h"

#include <bit>

namespace mutuals::internal {

std::vector<std::uint32_t> build_member_hash(std::span<const MemberId> vertex_member) {
  std::uint64_t capacity = std::bit_ceil(std::max<std::uint64_t>(16, 2 * vertex_member.size()));
  std::vector<std::uint32_t> slots(capacity, kNoVertex);
  const std::uint64_t mask = capacity - 1;
  for (VertexId v = 0; v < vertex_member.size(); ++v) {
    std::uint64_t i = member_hash_slot(vertex_member[v], mask);
    while (slots[i] != kNoVertex) i = (i + 1) & mask;
    slots[i] = v;
  }
  return slots;
}

std::string verify_member_hash(std::span<const std::uint32_t> slots, std::span<const MemberId> vertex_member) {
  if (slots.size() < 2 * vertex_member.size() || !std::has_single_bit(slots.size())) {
    return "member hash of the wrong capacity";
  }
  std::uint64_t used = 0;
  for (std::uint32_t v : slots) {
    if (v == kNoVertex) continue;
    if (v >= vertex_member.size()) return "member hash slot beyond the member count";
    ++used;
  }
  if (used != vertex_member.size()) return "member hash holds the wrong number of members";
  for (VertexId v = 0; v < vertex_member.size(); ++v) {
    if (member_hash_find(slots, vertex_member, vertex_member[v]) != v) return "member hash misplaces a member";
  }
  return {};
}

}  // namespace mutuals::internal
