#include "workloads/pairs.h"

#include <algorithm>
#include <array>

namespace mutuals::bench {
namespace {

struct Range {
  const char* name;
  std::uint32_t lo, hi;  // degree in [lo, hi)
};
constexpr std::array<Range, 5> kRanges = {{{"<10", 0, 10},
                                           {"10-99", 10, 100},
                                           {"100-999", 100, 1000},
                                           {"1000-9999", 1000, 10000},
                                           {">=10000", 10000, ~std::uint32_t{0}}}};

// The source vertex of adjacency entry e.
VertexId source_of(const Adjacency& g, std::uint64_t e) {
  auto it = std::upper_bound(g.offsets.begin(), g.offsets.end(), e);
  return static_cast<VertexId>(it - g.offsets.begin() - 1);
}

VertexId random_neighbor(const Adjacency& g, VertexId v, Rng& rng) {
  std::span<const VertexId> n = g.neighbors(v);
  return n.empty() ? kNoVertex : n[rng.below(n.size())];
}

// A random 2-hop member of v (not v), or kNoVertex after a few tries.
VertexId random_two_hop(const Adjacency& g, VertexId v, Rng& rng, bool exclude_connected) {
  for (int attempt = 0; attempt < 32; ++attempt) {
    VertexId w = random_neighbor(g, v, rng);
    if (w == kNoVertex) return kNoVertex;
    VertexId u = random_neighbor(g, w, rng);
    if (u == v || (exclude_connected && g.connected(v, u))) continue;
    return u;
  }
  return kNoVertex;
}

MemberPair member_pair(const Adjacency& g, VertexId a, VertexId b) {
  return {g.vertex_member[a], g.vertex_member[b]};
}

}  // namespace

std::vector<MemberPair> sample_pairs(const Adjacency& g, std::size_t n, std::uint64_t seed) {
  std::vector<MemberPair> out;
  if (g.entries() == 0) return out;
  out.reserve(n);
  Rng rng(seed);
  const std::size_t connected = n / 2 + n % 2;
  while (out.size() < connected) {
    std::uint64_t e = rng.below(g.entries());
    out.push_back(member_pair(g, source_of(g, e), g.targets[e]));
  }
  // Friends of friends; a graph of cliques has none, so give up after a
  // while and fill with connected pairs rather than loop forever.
  std::size_t misses = 0;
  while (out.size() < n) {
    std::uint64_t e = rng.below(g.entries());
    VertexId v = source_of(g, e);
    VertexId u = random_two_hop(g, v, rng, true);
    if (u == kNoVertex && ++misses < 64 * n + 1024) continue;
    out.push_back(u == kNoVertex ? member_pair(g, v, g.targets[e]) : member_pair(g, v, u));
  }
  return out;
}

std::vector<Page> sample_pages(const Adjacency& g, std::size_t pages, std::size_t page_size, std::uint64_t seed) {
  std::vector<Page> out;
  if (g.entries() == 0) return out;
  Rng rng(seed);
  out.resize(pages);
  for (Page& p : out) {
    VertexId v = source_of(g, rng.below(g.entries()));
    p.viewer = g.vertex_member[v];
    p.subjects.reserve(page_size);
    for (std::size_t i = 0; i < page_size; ++i) {
      VertexId s = i % 2 == 0 ? random_two_hop(g, v, rng, false) : kNoVertex;
      while (s == kNoVertex || s == v) s = static_cast<VertexId>(rng.below(g.vertices()));
      p.subjects.push_back(g.vertex_member[s]);
    }
  }
  return out;
}

std::vector<Page> pages_from_pairs(std::span<const MemberPair> pairs, std::size_t page_size) {
  std::vector<Page> out;
  for (const MemberPair& p : pairs) {
    if (out.empty() || out.back().viewer != p.viewer || out.back().subjects.size() >= page_size) {
      out.push_back({p.viewer, {}});
    }
    out.back().subjects.push_back(p.subject);
  }
  return out;
}

std::vector<DegreeBucket> sample_degree_buckets(const Adjacency& g, std::size_t per_bucket, std::uint64_t seed) {
  std::vector<DegreeBucket> out;
  Rng rng(seed);
  const std::uint32_t n = g.vertices();
  for (const Range& range : kRanges) {
    std::vector<VertexId> members;
    for (VertexId v = 0; v < n; ++v) {
      if (g.degree(v) >= range.lo && g.degree(v) < range.hi && g.degree(v) > 0) members.push_back(v);
    }
    if (members.empty()) continue;
    DegreeBucket b{range.name, {}};
    for (std::size_t i = 0; i < per_bucket; ++i) {
      VertexId u = members[rng.below(members.size())];
      VertexId v = kNoVertex;
      // Alternately a connection and a 2-hop member whose degree keeps the
      // pair in this bucket; a random lower-degree member if none is found.
      for (int attempt = 0; attempt < 16 && v == kNoVertex; ++attempt) {
        VertexId c = i % 2 == 0 ? random_neighbor(g, u, rng) : random_two_hop(g, u, rng, true);
        if (c != kNoVertex && c != u && g.degree(c) < range.hi) v = c;
      }
      while (v == kNoVertex || v == u || g.degree(v) >= range.hi) {
        v = static_cast<VertexId>(rng.below(n));
        if (n < 2) break;
      }
      if (v == u) break;
      b.pairs.push_back(member_pair(g, u, v));
    }
    if (!b.pairs.empty()) out.push_back(std::move(b));
  }

  // Median-degree pairs: both members at the median degree (of members with
  // any connection), 2-hop apart when such a pair can be found.
  std::vector<std::uint32_t> degrees;
  for (VertexId v = 0; v < n; ++v) {
    if (g.degree(v) > 0) degrees.push_back(g.degree(v));
  }
  if (!degrees.empty()) {
    std::nth_element(degrees.begin(), degrees.begin() + static_cast<std::ptrdiff_t>(degrees.size() / 2), degrees.end());
    const std::uint32_t med = degrees[degrees.size() / 2];
    std::vector<VertexId> members;
    for (VertexId v = 0; v < n; ++v) {
      if (g.degree(v) == med) members.push_back(v);
    }
    if (members.size() >= 2) {
      DegreeBucket b{"median-degree (" + std::to_string(med) + ")", {}};
      for (std::size_t i = 0; i < per_bucket; ++i) {
        VertexId u = members[rng.below(members.size())];
        VertexId v = kNoVertex;
        for (int attempt = 0; attempt < 32 && v == kNoVertex; ++attempt) {
          VertexId c = random_two_hop(g, u, rng, false);
          if (c != kNoVertex && g.degree(c) == med) v = c;
        }
        while (v == kNoVertex || v == u) v = members[rng.below(members.size())];
        b.pairs.push_back(member_pair(g, u, v));
      }
      out.push_back(std::move(b));
    }
  }

  // Two members at the cap; graphs without such members (real samples)
  // get the hundred highest-degree members instead.
  std::vector<VertexId> top;
  for (VertexId v = 0; v < n; ++v) {
    if (g.degree(v) >= kDegreeCap) top.push_back(v);
  }
  std::string name = "at-cap (>=" + std::to_string(kDegreeCap) + ")";
  if (top.size() < 2) {
    top.resize(n);
    for (VertexId v = 0; v < n; ++v) top[v] = v;
    std::size_t k = std::min<std::size_t>(100, n);
    std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(k), top.end(),
                      [&](VertexId a, VertexId b) { return g.degree(a) != g.degree(b) ? g.degree(a) > g.degree(b) : a < b; });
    top.resize(k);
    name = "top-" + std::to_string(k) + "-degree";
  }
  if (top.size() >= 2) {
    DegreeBucket b{name, {}};
    for (std::size_t i = 0; i < per_bucket; ++i) {
      VertexId u = top[rng.below(top.size())], v = u;
      while (v == u) v = top[rng.below(top.size())];
      b.pairs.push_back(member_pair(g, u, v));
    }
    out.push_back(std::move(b));
  }
  return out;
}

std::vector<DegreeBucket> bucket_pairs(const Adjacency& g, std::span<const MemberPair> pairs) {
  std::vector<DegreeBucket> buckets;
  for (const Range& r : kRanges) buckets.push_back({r.name, {}});
  for (const MemberPair& p : pairs) {
    VertexId a = g.find(p.viewer), b = g.find(p.subject);
    std::uint32_t d = std::max(a == kNoVertex ? 0 : g.degree(a), b == kNoVertex ? 0 : g.degree(b));
    for (std::size_t i = 0; i < kRanges.size(); ++i) {
      if (d < kRanges[i].hi) {
        buckets[i].pairs.push_back(p);
        break;
      }
    }
  }
  std::erase_if(buckets, [](const DegreeBucket& b) { return b.pairs.empty(); });
  return buckets;
}

}  // namespace mutuals::bench
