#include "graph/csr.h"

#include <tbb/parallel_for.h>
#include <tbb/parallel_scan.h>

#include <algorithm>
#include <atomic>

namespace mutuals::internal {
namespace {

void prefix_sum(std::vector<std::uint64_t>& counts_then_offsets) {
  std::uint64_t sum = 0;
  for (auto& c : counts_then_offsets) {
    std::uint64_t next = sum + c;
    c = sum;
    sum = next;
  }
}

}  // namespace

Csr csr_from_pairs(std::uint32_t n, std::span<const std::uint64_t> pairs) {
  Csr g;
  std::vector<std::atomic<std::uint32_t>> degree(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, pairs.size()), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      degree[pairs[i] >> 32].fetch_add(1, std::memory_order_relaxed);
      degree[pairs[i] & 0xFFFFFFFFu].fetch_add(1, std::memory_order_relaxed);
    }
  });
  g.offsets.resize(std::size_t(n) + 1);
  for (std::uint32_t v = 0; v < n; ++v) g.offsets[v] = degree[v].load(std::memory_order_relaxed);
  g.offsets[n] = 0;
  prefix_sum(g.offsets);
  g.targets.resize(g.offsets[n]);
  std::vector<std::atomic<std::uint64_t>> cursor(n);
  for (std::uint32_t v = 0; v < n; ++v) cursor[v].store(g.offsets[v], std::memory_order_relaxed);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, pairs.size()), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      std::uint32_t u = static_cast<std::uint32_t>(pairs[i] >> 32);
      std::uint32_t v = static_cast<std::uint32_t>(pairs[i] & 0xFFFFFFFFu);
      g.targets[cursor[u].fetch_add(1, std::memory_order_relaxed)] = v;
      g.targets[cursor[v].fetch_add(1, std::memory_order_relaxed)] = u;
    }
  });
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, n), [&](const auto& r) {
    for (std::uint32_t v = r.begin(); v != r.end(); ++v) {
      std::sort(g.targets.begin() + g.offsets[v], g.targets.begin() + g.offsets[v + 1]);
    }
  });
  return g;
}

Csr relabel(const Csr& g, std::span<const std::uint32_t> new_id) {
  const std::uint32_t n = g.vertices();
  Csr out;
  out.offsets.resize(std::size_t(n) + 1);
  for (std::uint32_t v = 0; v < n; ++v) out.offsets[new_id[v]] = g.degree(v);
  out.offsets[n] = 0;
  prefix_sum(out.offsets);
  out.targets.resize(g.targets.size());
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, n), [&](const auto& r) {
    for (std::uint32_t v = r.begin(); v != r.end(); ++v) {
      std::uint32_t* dst = out.targets.data() + out.offsets[new_id[v]];
      std::size_t k = 0;
      for (std::uint32_t u : g.neighbors(v)) dst[k++] = new_id[u];
      std::sort(dst, dst + k);
    }
  });
  return out;
}

}  // namespace mutuals::internal
