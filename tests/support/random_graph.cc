#include "support/random_graph.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_set>

namespace mutuals::testing {
namespace {

// Index -> member id for one generated graph.
std::vector<MemberId> make_ids(std::uint32_t n, IdStyle style, std::mt19937_64& rng) {
  std::vector<MemberId> ids(n);
  if (style == IdStyle::kSmall) {
    std::iota(ids.begin(), ids.end(), MemberId{0});
    return ids;
  }
  std::unordered_set<MemberId> used;
  used.reserve(2 * std::size_t(n));
  for (std::uint32_t i = 0; i < n; ++i) {
    MemberId m;
    do {
      m = rng();
    } while (!used.insert(m).second);
    ids[i] = m;
  }
  return ids;
}

// `k` distinct values of [0, n) other than `except`, by a partial shuffle.
std::vector<std::uint32_t> sample_distinct(std::uint32_t n, std::uint32_t k, std::uint32_t except,
                                           std::mt19937_64& rng) {
  std::vector<std::uint32_t> pool;
  pool.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (i != except) pool.push_back(i);
  }
  k = std::min<std::uint32_t>(k, static_cast<std::uint32_t>(pool.size()));
  for (std::uint32_t i = 0; i < k; ++i) {
    std::uint32_t j = i + static_cast<std::uint32_t>(uniform(rng, pool.size() - i));
    std::swap(pool[i], pool[j]);
  }
  pool.resize(k);
  return pool;
}

void add_random_pairs(std::uint32_t n, std::uint64_t count, std::mt19937_64& rng,
                      std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) {
  if (n < 2) return;
  for (std::uint64_t k = 0; k < count; ++k) {
    std::uint32_t a = static_cast<std::uint32_t>(uniform(rng, n));
    std::uint32_t b = static_cast<std::uint32_t>(uniform(rng, n));
    if (a != b) out.emplace_back(a, b);
  }
}

// Maps index pairs to member edges and appends ~2% duplicate or reversed
// copies (the builder must collapse them).
RandomGraph finish(std::string name, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs,
                   const std::vector<MemberId>& ids, std::mt19937_64& rng) {
  RandomGraph g;
  g.name = std::move(name);
  g.edges.reserve(pairs.size() + pairs.size() / 50 + 1);
  for (const auto& [a, b] : pairs) g.edges.push_back({ids[a], ids[b]});
  const std::size_t original = g.edges.size();
  for (std::size_t k = 0; k < original / 50; ++k) {
    MemberEdge e = g.edges[uniform(rng, original)];
    if (chance(rng, 0.5)) std::swap(e.a, e.b);
    g.edges.push_back(e);
  }
  g.members = members_of(g.edges);
  return g;
}

}  // namespace

std::uint64_t uniform(std::mt19937_64& rng, std::uint64_t n) {
  return rng() % n;  // the bias (n / 2^64) is irrelevant for tests; the result is portable
}

bool chance(std::mt19937_64& rng, double p) { return double(rng() >> 11) * 0x1.0p-53 < p; }

std::vector<MemberId> members_of(const std::vector<MemberEdge>& edges) {
  std::vector<MemberId> m;
  m.reserve(2 * edges.size());
  for (const MemberEdge& e : edges) {
    m.push_back(e.a);
    m.push_back(e.b);
  }
  std::sort(m.begin(), m.end());
  m.erase(std::unique(m.begin(), m.end()), m.end());
  return m;
}

RandomGraph erdos_renyi(std::uint32_t n, double avg_degree, std::uint64_t seed, IdStyle ids) {
  std::mt19937_64 rng(seed);
  std::vector<MemberId> id = make_ids(n, ids, rng);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  add_random_pairs(n, static_cast<std::uint64_t>(n * avg_degree / 2), rng, pairs);
  return finish("er-n" + std::to_string(n) + "-d" + std::to_string(int(avg_degree)), pairs, id, rng);
}

RandomGraph power_law(std::uint32_t n, double avg_degree, double exponent, std::uint32_t max_degree,
                      std::uint64_t seed, IdStyle ids) {
  std::mt19937_64 rng(seed);
  std::vector<MemberId> id = make_ids(n, ids, rng);
  // Chung–Lu: expected degree of i proportional to (i+1)^(-1/(exponent-1)).
  std::vector<double> weight(n);
  double sum = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    weight[i] = std::pow(double(i) + 1, -1.0 / (exponent - 1));
    sum += weight[i];
  }
  const double scale = n * avg_degree / sum;
  std::vector<double> cumulative(n);
  double total = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    total += std::min(weight[i] * scale, double(max_degree));
    cumulative[i] = total;
  }
  auto pick = [&] {
    double x = double(rng() >> 11) * 0x1.0p-53 * total;
    auto it = std::upper_bound(cumulative.begin(), cumulative.end(), x);
    return static_cast<std::uint32_t>(std::min<std::size_t>(it - cumulative.begin(), n - 1));
  };
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  const auto m = static_cast<std::uint64_t>(total / 2);
  for (std::uint64_t k = 0; k < m; ++k) {
    std::uint32_t a = pick(), b = pick();
    if (a != b) pairs.emplace_back(a, b);
  }
  return finish("powerlaw-n" + std::to_string(n) + "-d" + std::to_string(int(avg_degree)), pairs, id, rng);
}

RandomGraph hub_graph(std::uint32_t n, std::uint32_t hub_degree, double avg_degree, std::uint64_t seed,
                      IdStyle ids) {
  std::mt19937_64 rng(seed);
  std::vector<MemberId> id = make_ids(n, ids, rng);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  const std::uint32_t hub = static_cast<std::uint32_t>(uniform(rng, n));
  for (std::uint32_t u : sample_distinct(n, hub_degree, hub, rng)) pairs.emplace_back(hub, u);
  // The background leaves the hub alone: it keeps exactly hub_degree connections.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> background;
  add_random_pairs(n, static_cast<std::uint64_t>(n * avg_degree / 2), rng, background);
  for (const auto& e : background) {
    if (e.first != hub && e.second != hub) pairs.push_back(e);
  }
  return finish("hub" + std::to_string(hub_degree) + "-n" + std::to_string(n), pairs, id, rng);
}

RandomGraph dense_core(std::uint32_t n, std::uint32_t core, std::uint32_t core_degree, double avg_degree,
                       std::uint64_t seed, IdStyle ids) {
  std::mt19937_64 rng(seed);
  std::vector<MemberId> id = make_ids(n, ids, rng);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  for (std::uint32_t c = 0; c < core; ++c) {
    for (std::uint32_t u : sample_distinct(n, core_degree, c, rng)) pairs.emplace_back(c, u);
  }
  add_random_pairs(n, static_cast<std::uint64_t>(n * avg_degree / 2), rng, pairs);
  return finish("dense-n" + std::to_string(n) + "-core" + std::to_string(core) + "x" + std::to_string(core_degree),
                pairs, id, rng);
}

RandomGraph id_runs(std::uint32_t blocks, std::uint32_t block_size, std::uint32_t band, MemberId first_id,
                    std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const std::uint32_t band_members = std::max<std::uint32_t>(4 * band, 8);
  const std::uint32_t n = blocks * block_size + band_members;
  std::vector<MemberId> id(n);
  for (std::uint32_t i = 0; i < n; ++i) id[i] = first_id + i;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  for (std::uint32_t b = 0; b < blocks; ++b) {
    const std::uint32_t lo = b * block_size;
    for (std::uint32_t i = lo; i < lo + block_size; ++i) {
      for (std::uint32_t j = i + 1; j < lo + block_size; ++j) pairs.emplace_back(i, j);
    }
  }
  const std::uint32_t band_lo = blocks * block_size;
  for (std::uint32_t i = band_lo; i < n; ++i) {
    for (std::uint32_t j = i + 1; j <= i + band && j < n; ++j) pairs.emplace_back(i, j);
  }
  add_random_pairs(n, 3 * std::uint64_t(blocks) + 5, rng, pairs);
  return finish("runs-" + std::to_string(blocks) + "x" + std::to_string(block_size) + "-band" + std::to_string(band),
                pairs, id, rng);
}

RandomGraph mixed(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<RandomGraph> pieces;
  pieces.push_back(erdos_renyi(300, 6, rng(), IdStyle::kSmall));
  pieces.push_back(power_law(800, 8, 2.2, 300, rng(), IdStyle::kSparse64));
  // 12000 members so that the core's ~4500 neighbors are too scattered for
  // runs: bitset containers.
  pieces.push_back(dense_core(12000, 2, 4200 + static_cast<std::uint32_t>(uniform(rng, 800)), 1.5, rng(),
                              IdStyle::kSmall));
  pieces.push_back(id_runs(3, 80 + static_cast<std::uint32_t>(uniform(rng, 100)), 12, 0, rng()));
  // Disjoint small-id ranges: shift every small-id piece to its own block.
  const MemberId offsets[] = {1'000'000, 0, 2'000'000, (MemberId{1} << 40)};
  RandomGraph g;
  g.name = "mixed";
  std::vector<std::vector<MemberId>> piece_members;
  for (std::size_t p = 0; p < pieces.size(); ++p) {
    for (MemberEdge e : pieces[p].edges) {
      e.a += offsets[p];
      e.b += offsets[p];
      g.edges.push_back(e);
    }
    piece_members.push_back(members_of(std::vector<MemberEdge>(g.edges.end() - pieces[p].edges.size(), g.edges.end())));
  }
  // Bridges between pieces.
  for (int k = 0; k < 200; ++k) {
    std::size_t p = uniform(rng, pieces.size()), q = uniform(rng, pieces.size());
    if (p == q) continue;
    g.edges.push_back({piece_members[p][uniform(rng, piece_members[p].size())],
                       piece_members[q][uniform(rng, piece_members[q].size())]});
  }
  g.members = members_of(g.edges);
  return g;
}

std::vector<ConsentRecord> random_consent(const std::vector<MemberId>& members, std::uint64_t seed,
                                          const ConsentMix& mix) {
  std::mt19937_64 rng(seed);
  std::vector<ConsentRecord> out;
  out.reserve(members.size() + mix.extra_members);
  auto record = [&](MemberId m) {
    ConsentRecord r;
    r.member = m;
    r.linked = chance(rng, mix.linked);
    if (r.linked) {
      r.grants = chance(rng, mix.all_grants) ? kAllGrants : GrantSet(rng() & kAllGrants);
    } else if (chance(rng, 0.2)) {
      r.grants = GrantSet(rng() & kAllGrants);  // grants on file but unlinked: must not count
    }
    r.visible = !chance(rng, mix.hidden);
    r.rolled_out = !chance(rng, mix.not_rolled_out);
    return r;
  };
  for (MemberId m : members) {
    if (chance(rng, mix.no_record)) continue;
    out.push_back(record(m));
  }
  for (std::uint32_t k = 0; k < mix.extra_members; ++k) {
    MemberId m;
    do {
      m = rng();
    } while (std::binary_search(members.begin(), members.end(), m));
    out.push_back(record(m));
  }
  for (std::size_t i = out.size(); i > 1; --i) std::swap(out[i - 1], out[uniform(rng, i)]);
  return out;
}

std::vector<FacetRecord> random_facets(const std::vector<MemberId>& members, std::uint64_t seed,
                                       const FacetMix& mix) {
  std::mt19937_64 rng(seed);
  std::vector<std::uint64_t> pool(mix.values);
  std::mt19937_64 value_rng(mix.value_seed);
  for (std::uint32_t i = 0; i < mix.values; ++i) pool[i] = mix.sparse_values ? value_rng() : mix.first_value + i;
  auto value = [&] {
    const double u = double(rng() >> 11) * 0x1.0p-53;
    return pool[std::min<std::size_t>(static_cast<std::size_t>(u * u * mix.values), mix.values - 1)];
  };
  auto years = [&](FacetRecord& r) {
    if (!chance(rng, mix.with_years)) return;
    const auto start = static_cast<std::uint16_t>(1980 + uniform(rng, 40));
    const auto end = static_cast<std::uint16_t>(start + uniform(rng, 7));
    if (chance(rng, mix.one_year)) {
      if (chance(rng, 0.5)) {
        r.start_year = start;
      } else {
        r.end_year = end;
      }
    } else {
      r.start_year = start;
      r.end_year = end;
    }
  };
  std::vector<FacetRecord> out;
  auto rows_for = [&](MemberId m) {
    const std::uint64_t n = 1 + uniform(rng, mix.max_rows);
    for (std::uint64_t k = 0; k < n; ++k) {
      FacetRecord r;
      r.member = m;
      r.value = value();
      years(r);
      out.push_back(r);
      if (chance(rng, 0.05)) out.push_back(r);  // an exact duplicate
      if (chance(rng, mix.same_value_again)) {
        FacetRecord again;
        again.member = m;
        again.value = r.value;
        years(again);
        out.push_back(again);
      }
    }
  };
  for (MemberId m : members) {
    if (chance(rng, mix.with_rows)) rows_for(m);
  }
  for (std::uint32_t k = 0; k < mix.facet_only_members; ++k) {
    MemberId m;
    do {
      m = rng();
    } while (std::binary_search(members.begin(), members.end(), m));
    rows_for(m);
  }
  for (std::size_t i = out.size(); i > 1; --i) std::swap(out[i - 1], out[uniform(rng, i)]);
  return out;
}

}  // namespace mutuals::testing
