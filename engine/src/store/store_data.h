// The opened form of a store: a memory map plus typed views into it. No
// per-member heap objects: every view points into the map.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "common/files.h"
#include "common/touch.h"
#include "consent/consent_snapshot.h"
#include "facets/facet_view.h"
#include "mutuals/facets.h"
#include "graph/member_hash.h"
#include "graph/roaring_view.h"
#include "mutuals/store.h"
#include "store/manifest.h"

namespace mutuals::internal {

class StoreData {
 public:
  StoreInfo info;
  std::string dir;
  MappedFile file;
  std::span<const std::uint64_t> vertex_member;
  std::span<const std::uint64_t> member_sorted;
  std::span<const std::uint32_t> member_vertex;
  std::span<const std::uint32_t> member_hash;
  std::span<const std::uint32_t> adjacency_offsets;  // in 2-byte units: blobs are u16-granular
  std::span<const std::uint8_t> adjacency;
  // prefetch_blob touches a bitmap's first line instead of prefetching it:
  // set at open when the adjacency is larger than the last-level cache.
  bool touch_blobs = false;
  std::span<const MemberFlags> consent_flags;
  FacetView facets[kFacetKinds];
  const FacetView& facet(FacetKind k) const { return facets[static_cast<int>(k)]; }
  Manifest manifest;
  // The store directory as opened: a rebuild swaps in a new directory (a
  // new inode) at the same path, which consent writers must never touch.
  std::uint64_t dir_device = 0, dir_inode = 0;
  // Consent at open: the folded consent file plus every journal record.
  std::shared_ptr<const ConsentSnapshot> consent;
  std::uint64_t journal_base = 0;
  std::uint64_t journal_end = 0;  // offset just past the last record read
  bool journal_torn = false;      // a torn last record was found (and ignored)

  std::uint32_t members() const { return static_cast<std::uint32_t>(vertex_member.size()); }

  // kNoVertex when the member is unknown.
  VertexId find(MemberId m) const { return member_hash_find(member_hash, vertex_member, m); }

  // Prefetch hints for batched lookups, one level of the lookup chain each.
  void prefetch_find(MemberId m) const {
    __builtin_prefetch(member_hash.data() + member_hash_slot(m, member_hash.size() - 1));
  }
  // The vertex in m's home slot (a likely answer), after prefetch_find.
  VertexId home_vertex(MemberId m) const { return member_hash[member_hash_slot(m, member_hash.size() - 1)]; }
  void prefetch_member_check(VertexId home) const {
    if (home != kNoVertex) __builtin_prefetch(vertex_member.data() + home);
  }
  void prefetch_neighbors(VertexId v) const { __builtin_prefetch(adjacency_offsets.data() + v); }
  // The first four lines of v's bitmap (fewer when it is shorter): all of
  // an ordinary member's (degree ~100: ~250 bytes); two lines left W1b's
  // probes waiting on the rest (1.23 -> 1.31 M subjects/s on gen 1 M).
  // When the adjacency outgrows the caches, its pages outgrow the TLB too,
  // and the first line is touched, not prefetched (common/touch.h): that
  // walks the page table for the lines after it. W1b on gen 1 M, 1 thread:
  // 1.05-1.08 -> 1.35 M subjects/s; on soc-Slashdot0902 (2.6 MB) touching
  // cost W1 4%.
  void prefetch_blob(VertexId v) const {
    constexpr int kL = 4;
    const std::uint64_t begin = 2 * std::uint64_t(adjacency_offsets[v]), end = 2 * std::uint64_t(adjacency_offsets[v + 1]);
    const std::uint8_t* p = adjacency.data() + begin;
    const std::uint8_t* last = adjacency.data() + end;
    int i = 0;
    if (touch_blobs && p < last) touch(p + 64 * i++);
    for (; i < kL && p + 64 * i < last; ++i) __builtin_prefetch(p + 64 * i);
  }

  bool connected(VertexId a, VertexId b) const { return neighbors(a).contains(b); }

  BitmapView neighbors(VertexId v) const {
    std::uint64_t begin = 2 * std::uint64_t(adjacency_offsets[v]), end = 2 * std::uint64_t(adjacency_offsets[v + 1]);
    return BitmapView::parse(adjacency.data() + begin, end - begin);
  }
  std::span<const std::uint8_t> adjacency_blob(VertexId v) const {
    std::uint64_t begin = 2 * std::uint64_t(adjacency_offsets[v]), end = 2 * std::uint64_t(adjacency_offsets[v + 1]);
    return adjacency.subspan(begin, end - begin);
  }
};

}  // namespace mutuals::internal
