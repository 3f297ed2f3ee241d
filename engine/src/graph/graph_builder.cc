#include "graph/graph_builder.h"

#include <tbb/combinable.h>
#include <tbb/enumerable_thread_specific.h>

#include <algorithm>

#include "graph/csr.h"
#include "graph/dense_rule.h"
#include "graph/member_hash.h"
#include "graph/order.h"
#include "graph/roaring_view.h"
#include "graph/roaring_writer.h"
#include "graph/sort_ids.h"
#include "common/default_init_vector.h"
#include "common/parallel_loop.h"

namespace mutuals::internal {

VertexId BuiltGraph::find(MemberId m) const {
  auto it = std::lower_bound(member_sorted.begin(), member_sorted.end(), m);
  if (it == member_sorted.end() || *it != m) return kNoVertex;
  return member_vertex[static_cast<std::size_t>(it - member_sorted.begin())];
}

Result<BuiltGraph> build_graph(std::span<const MemberEdge> edges, std::span<const MemberId> extra_members,
                               VertexOrder order, const DenseRule& dense_rule) {
  BuiltGraph out;
  std::vector<MemberId>& ids = out.member_sorted;
  // Distinct member ids: sorting all 2 x edges endpoints was a quarter of the
  // build. Each thread first drops ids it has just seen (a direct-mapped
  // table of recent ids, so a member repeated on many lines is mostly kept
  // once; only ids the same thread surely kept are dropped) and keeps the
  // survivors in its own list; then the lists are joined and sorted.
  struct Seen {
    std::vector<MemberId> recent, kept;
  };
  tbb::enumerable_thread_specific<Seen> seen;
  constexpr std::size_t kRecentBits = 20;
  parallel_ranges<std::size_t>(0, edges.size(), 1 << 16, [&](const auto& r) {
    Seen& local = seen.local();
    if (local.recent.empty()) local.recent.assign(std::size_t{1} << kRecentBits, 0);
    auto keep = [&](MemberId m) {
      // Id 0 marks an empty slot, so it is always kept (unique() drops repeats).
      std::size_t slot = static_cast<std::size_t>((m * 0x9E3779B97F4A7C15ull) >> (64 - kRecentBits));
      if (m != 0 && local.recent[slot] == m) return;
      local.recent[slot] = m;
      local.kept.push_back(m);
    };
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      keep(edges[i].a);
      keep(edges[i].b);
    }
  });
  std::size_t total = extra_members.size();
  for (const Seen& local : seen) total += local.kept.size();
  ids.reserve(total);
  for (Seen& local : seen) {
    ids.insert(ids.end(), local.kept.begin(), local.kept.end());
    local = Seen{};
  }
  ids.insert(ids.end(), extra_members.begin(), extra_members.end());
  sort_ids(ids.data(), ids.size());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  ids.shrink_to_fit();
  // Container counts live in 15 bits of a bitmap's header: ids below 2^31.
  if (ids.size() >= (std::size_t{1} << 31)) {
    return InvalidArgument("too many members: " + std::to_string(ids.size()) + " (at most 2147483647)");
  }
  const auto n = static_cast<std::uint32_t>(ids.size());
  // Ids to dense indexes through the same hash the store uses: one or two
  // cache misses an endpoint where a binary search took ~20 (it was a third
  // of the build).
  const std::vector<std::uint32_t> index = build_member_hash(ids);
  auto dense = [&](MemberId m) { return static_cast<std::uint64_t>(member_hash_find(index, ids, m)); };

  DefaultInitVector<std::uint64_t> pairs(edges.size());
  parallel_ranges<std::size_t>(0, edges.size(), [&](const auto& r) {
    // Edge lists are usually grouped by their first member (one member's
    // connections, then the next's): a repeated first member reuses its id.
    MemberId last_a = edges[r.begin()].a;
    std::uint64_t last_u = dense(last_a);
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      // Two misses an endpoint: its hash slot (fetched 16 pairs ahead), then
      // the member id the slot's vertex holds (8 ahead, the slot now in cache).
      if (i + 16 < r.end()) {
        __builtin_prefetch(index.data() + member_hash_slot(edges[i + 16].a, index.size() - 1));
        __builtin_prefetch(index.data() + member_hash_slot(edges[i + 16].b, index.size() - 1));
      }
      if (i + 8 < r.end()) {
        for (MemberId m : {edges[i + 8].a, edges[i + 8].b}) {
          const std::uint32_t home = index[member_hash_slot(m, index.size() - 1)];
          if (home != kNoVertex) __builtin_prefetch(ids.data() + home);
        }
      }
      if (edges[i].a != last_a) {
        last_a = edges[i].a;
        last_u = dense(last_a);
      }
      std::uint64_t u = last_u, v = dense(edges[i].b);
      pairs[i] = u < v ? (u << 32 | v) : (v << 32 | u);
    }
  });
  // Self-loops are the loader's to count; any that reach here are dropped
  // (a member is never its own connection).
  pairs.erase(std::remove_if(pairs.begin(), pairs.end(), [](std::uint64_t p) { return (p >> 32) == (p & 0xFFFFFFFFu); }),
              pairs.end());
  std::uint64_t duplicates = 0;
  Csr sorted_graph = csr_from_pairs(n, pairs, &duplicates);
  out.connections = pairs.size() - duplicates;
  out.duplicates_dropped = duplicates;
  pairs.clear();
  pairs.shrink_to_fit();
  std::vector<std::uint32_t> new_id = compute_order(sorted_graph, order);
  Csr g = relabel(sorted_graph, new_id);
  sorted_graph = Csr{};

  out.vertex_member.resize(n);
  out.member_vertex = new_id;
  for (std::uint32_t t = 0; t < n; ++t) out.vertex_member[new_id[t]] = ids[t];

  std::vector<std::uint64_t> offsets(std::size_t(n) + 1, 0);
  tbb::combinable<DenseCandidates> candidates_local;
  parallel_ranges<std::uint32_t>(0, n, [&](const auto& r) {
    DenseCandidates& local = candidates_local.local();
    for (std::uint32_t v = r.begin(); v != r.end(); ++v) {
      offsets[v + 1] = serialized_bitmap_size(g.neighbors(v));
      count_dense_candidates(g.neighbors(v), local);
    }
  });
  std::uint64_t plain_bytes = 0;
  for (std::uint32_t v = 0; v < n; ++v) plain_bytes += offsets[v + 1];
  DenseCandidates candidates;
  candidates_local.combine_each([&](const DenseCandidates& local) { candidates.add(local); });
  const DenseChoice choice = choose_dense(candidates, plain_bytes + 4ull * (n + 1), dense_rule);
  out.dense_from = choice.dense_from;
  out.dense_containers = choice.containers;
  if (choice.containers > 0) {
    parallel_ranges<std::uint32_t>(0, n, [&](const auto& r) {
      for (std::uint32_t v = r.begin(); v != r.end(); ++v) {
        offsets[v + 1] = serialized_bitmap_size(g.neighbors(v), choice.dense_from);
      }
    });
  }
  for (std::uint32_t v = 0; v < n; ++v) offsets[v + 1] += offsets[v];
  if (offsets[n] / 2 > 0xFFFFFFFFull) {
    return InvalidArgument("adjacency of " + std::to_string(offsets[n]) + " bytes exceeds the 8 GiB a store holds");
  }
  out.adjacency.resize(offsets[n]);
  parallel_ranges<std::uint32_t>(0, n, [&](const auto& r) {
    for (std::uint32_t v = r.begin(); v != r.end(); ++v) {
      serialize_bitmap(g.neighbors(v), out.adjacency.data() + offsets[v], choice.dense_from);
    }
  });
  out.adjacency_offsets.resize(offsets.size());
  for (std::size_t v = 0; v < offsets.size(); ++v) out.adjacency_offsets[v] = static_cast<std::uint32_t>(offsets[v] / 2);
  return out;
}

}  // namespace mutuals::internal
