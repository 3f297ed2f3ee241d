// Building the model: communities per member, target degrees, circles,
// partitions and per-slot draw counts. Sums that feed later choices are taken
// over fixed chunks in a fixed order, and parallel loops write only what
// belongs to their own member or entry, so the model does not depend on the
// thread count.
#include "model.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "career.h"

namespace mutuals::gen::internal {
namespace {

constexpr std::uint32_t kChunk = 1u << 16;

template <typename Fn>
void for_members(std::uint32_t n, Fn fn) {
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, n, 4096), [&](const tbb::blocked_range<std::uint32_t>& r) {
    for (std::uint32_t i = r.begin(); i != r.end(); ++i) fn(i);
  });
}

// sum of f(i) over [0, n), the same bits whatever the thread count.
template <typename Fn>
double deterministic_sum(std::uint32_t n, Fn f) {
  const std::uint32_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<double> partial(chunks, 0.0);
  tbb::parallel_for(std::uint32_t{0}, chunks, [&](std::uint32_t c) {
    double s = 0;
    const std::uint32_t end = std::min<std::uint64_t>(n, std::uint64_t{c + 1} * kChunk);
    for (std::uint32_t i = c * kChunk; i < end; ++i) s += f(i);
    partial[c] = s;
  });
  return std::accumulate(partial.begin(), partial.end(), 0.0);
}

// Community counts by kind, and for each region the ranges of its own
// schools and employers, sized in proportion to the region.
struct Layout {
  std::uint32_t regions = 1;
  std::vector<std::uint32_t> school_begin, employer_begin;  // per region, R + 1 entries
};

std::vector<std::uint32_t> split_by_region(std::uint32_t regions, std::uint32_t total) {
  std::vector<std::uint32_t> begin(regions + 1, 0);
  for (std::uint32_t r = 0; r < regions; ++r) {
    const auto share = static_cast<std::uint32_t>(std::llround(total * zipf_share(regions, r)));
    begin[r + 1] = begin[r] + std::max<std::uint32_t>(1, share);
  }
  return begin;
}

Layout make_layout(std::uint32_t n) {
  auto count = [n](double per) {
    return static_cast<std::uint32_t>(std::max<long long>(1, std::llround(n / per)));
  };
  Layout l;
  l.regions = count(kMembersPerRegion);
  l.school_begin = split_by_region(l.regions, count(kMembersPerSchool));
  l.employer_begin = split_by_region(l.regions, count(kMembersPerEmployer));
  return l;
}

// Up to `want` distinct communities: mostly Zipf-ranked within the member's
// region's range [lo, hi), otherwise Zipf-ranked across all `total`.
int choose(std::uint64_t key, int want, double local, std::uint32_t lo, std::uint32_t hi, std::uint32_t total,
           std::uint32_t* out) {
  int have = 0;
  std::uint64_t n = 1;
  for (int k = 0; k < want; ++k) {
    for (int attempt = 0; attempt < 4; ++attempt) {
      const bool in_region = unit(draw(key, n++)) < local;
      const double u = unit(draw(key, n++));
      const std::uint32_t c = in_region ? lo + zipf_rank(hi - lo, u) : zipf_rank(total, u);
      if (std::find(out, out + have, c) == out + have) {
        out[have++] = c;
        break;
      }
    }
  }
  return have;
}

void assign_profiles(Model& m, const Layout& l) {
  const std::uint64_t seed = m.params.seed;
  m.profiles.resize(m.params.members);
  for_members(m.params.members, [&](std::uint32_t i) {
    Profile& p = m.profiles[i];
    std::fill(std::begin(p.community), std::end(p.community), kNone);
    const std::uint32_t region = zipf_rank(l.regions, unit(draw(stream_key(seed, Purpose::kRegion, i), 0)));
    p.community[kRegionSlot] = region;
    // 1-3 schools (50/35/15%), 1-3 employers (40/35/25%).
    const std::uint64_t sk = stream_key(seed, Purpose::kSchools, i);
    const double us = unit(draw(sk, 0));
    p.schools = static_cast<std::uint8_t>(choose(sk, us < 0.50 ? 1 : us < 0.85 ? 2 : 3, kLocalSchool,
                                                 l.school_begin[region], l.school_begin[region + 1],
                                                 l.school_begin.back(), &p.community[kFirstSchoolSlot]));
    const std::uint64_t ek = stream_key(seed, Purpose::kEmployers, i);
    const double ue = unit(draw(ek, 0));
    p.employers = static_cast<std::uint8_t>(choose(ek, ue < 0.40 ? 1 : ue < 0.75 ? 2 : 3, kLocalEmployer,
                                                   l.employer_begin[region], l.employer_begin[region + 1],
                                                   l.employer_begin.back(), &p.community[kFirstEmployerSlot]));
    // A school community is the cohort: school * kCohorts + start-year bucket.
    const Career career = make_career(seed, i, p.schools, p.employers);
    for (int k = 0; k < p.schools; ++k) {
      const int bucket = (career.schools[k].start - kFirstCohortYear) / kCohortYears;
      const auto cohort = static_cast<std::uint32_t>(std::clamp<int>(bucket, 0, kCohorts - 1));
      p.community[kFirstSchoolSlot + k] = p.community[kFirstSchoolSlot + k] * kCohorts + cohort;
    }
  });
  // An employer community is a team: employers split by size, members placed at random.
  std::vector<std::uint32_t> size(m.employers, 0);
  for (const Profile& p : m.profiles) {
    for (int k = 0; k < p.employers; ++k) ++size[p.community[kFirstEmployerSlot + k]];
  }
  std::vector<std::uint32_t> team_begin(m.employers + 1, 0);
  for (std::uint32_t e = 0; e < m.employers; ++e) {
    const auto teams = std::max<long long>(1, std::llround(size[e] / kMembersPerTeam));
    team_begin[e + 1] = team_begin[e] + static_cast<std::uint32_t>(teams);
  }
  m.team_employer.resize(team_begin.back());
  for (std::uint32_t e = 0; e < m.employers; ++e) {
    std::fill(m.team_employer.begin() + team_begin[e], m.team_employer.begin() + team_begin[e + 1], e);
  }
  for_members(m.params.members, [&](std::uint32_t i) {
    Profile& p = m.profiles[i];
    const std::uint64_t key = stream_key(seed, Purpose::kTeam, i);
    for (int k = 0; k < p.employers; ++k) {
      std::uint32_t& c = p.community[kFirstEmployerSlot + k];
      c = team_begin[c] + below(draw(key, k), team_begin[c + 1] - team_begin[c]);
    }
  });
}

// Target degrees: Pareto(alpha) draws scaled so that the capped mean is the
// requested one (bisection on the scale).
void assign_targets(Model& m) {
  const std::uint32_t n = m.params.members;
  const std::uint64_t seed = m.params.seed;
  std::vector<float> raw(n);
  for_members(n, [&](std::uint32_t i) {
    const double u = unit(draw(stream_key(seed, Purpose::kDegree, i), 0));
    raw[i] = static_cast<float>(std::pow(1.0 - u, -1.0 / kParetoAlpha));
  });
  const double cap = m.params.weight_cap;
  const double want = std::min(m.params.avg_degree, cap);
  double lo = 0, hi = cap;  // raw >= 1, so scale `cap` caps everyone: mean = cap >= want
  for (int iteration = 0; iteration < 60; ++iteration) {
    const double mid = 0.5 * (lo + hi);
    const double mean = deterministic_sum(n, [&](std::uint32_t i) { return std::min(mid * raw[i], cap); }) / n;
    (mean < want ? lo : hi) = mid;
  }
  const double scale = hi;
  m.target.resize(n);
  for_members(n, [&](std::uint32_t i) { m.target[i] = static_cast<float>(std::min(scale * raw[i], cap)); });
}

// Circles: per current employer, members by descending target, cut into
// groups of about circle-weight / density + 1 (BTER's affinity blocks).
void assign_circles(Model& m) {
  const std::uint32_t n = m.params.members;
  std::vector<std::uint32_t> employer(n);
  std::vector<std::uint32_t> begin(m.employers + 1, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    const Profile& p = m.profiles[i];
    employer[i] = m.team_employer[p.community[kFirstEmployerSlot + p.employers - 1]];
    ++begin[employer[i] + 1];
  }
  for (std::uint32_t e = 0; e < m.employers; ++e) begin[e + 1] += begin[e];
  std::vector<std::uint32_t> order(n);
  {
    std::vector<std::uint32_t> cursor(begin.begin(), begin.end() - 1);
    for (std::uint32_t i = 0; i < n; ++i) order[cursor[employer[i]]++] = i;
  }
  tbb::parallel_for(std::uint32_t{0}, m.employers, [&](std::uint32_t e) {
    std::sort(order.begin() + begin[e], order.begin() + begin[e + 1], [&](std::uint32_t a, std::uint32_t b) {
      return m.target[a] != m.target[b] ? m.target[a] > m.target[b] : a < b;
    });
  });
  std::uint32_t circles = 0;
  for (std::uint32_t e = 0; e < m.employers; ++e) {
    std::uint32_t at = begin[e];
    while (at < begin[e + 1]) {
      const std::uint32_t left = begin[e + 1] - at;
      const double want = kCircleShare * m.target[order[at]] / kCircleDensity + 1.0;
      auto size = static_cast<std::uint32_t>(std::min<double>({double(left), double(kMaxCircle),
                                                               std::max(2.0, std::round(want))}));
      if (left - size < 2) size = left;  // no circle of one
      for (std::uint32_t k = 0; k < size; ++k) m.profiles[order[at + k]].community[kCircleSlot] = circles;
      ++circles;
      at += size;
    }
  }
  m.circles = circles;
}

}  // namespace

void Partition::finish() {
  const std::size_t count = entries.size();
  double total = 0;
  for (std::size_t q = 0; q < count; ++q) entries[q].end = total += entries[q].end;
  const std::size_t buckets = std::max<std::size_t>(1, count);
  bucket = total > 0 ? total / static_cast<double>(buckets) : 1.0;
  guide.assign(buckets + 1, 0);
  std::size_t q = 0;
  for (std::size_t b = 0; b <= buckets; ++b) {
    const double v = static_cast<double>(b) * bucket;
    while (q + 1 < count && entries[q].end <= v) ++q;
    guide[b] = static_cast<std::uint32_t>(q);
  }
}

void Model::resolve(const PickRequest* requests, std::size_t count, std::uint32_t* out) const {
  constexpr std::size_t kBatch = 16;
  const Partition* part[kBatch];
  std::uint32_t lo[kBatch], hi[kBatch], from[kBatch];
  double target[kBatch];
  std::size_t bucket[kBatch];
  for (std::size_t base = 0; base < count; base += kBatch) {
    const PickRequest* req = requests + base;
    const std::size_t k = std::min(kBatch, count - base);
    for (std::size_t x = 0; x < k; ++x) {
      const Slots& s = slots[req[x].member];
      part[x] = &partitions[partition_of(req[x].slot)];
      lo[x] = s.pos[req[x].slot] + 1;
      hi[x] = s.end[req[x].slot];
      __builtin_prefetch(&part[x]->entries[lo[x] - 1]);
      __builtin_prefetch(&part[x]->entries[hi[x] - 1]);
    }
    for (std::size_t x = 0; x < k; ++x) {
      const double a = part[x]->entries[lo[x] - 1].end;
      const double b = part[x]->entries[hi[x] - 1].end;
      target[x] = a + unit(draw(req[x].key, req[x].r)) * (b - a);
      bucket[x] = part[x]->bucket_of(target[x]);
      __builtin_prefetch(&part[x]->guide[bucket[x]]);
    }
    for (std::size_t x = 0; x < k; ++x) {
      from[x] = std::max(part[x]->guide[bucket[x]], lo[x]);
      __builtin_prefetch(&part[x]->entries[std::min(from[x], hi[x] - 1)]);
    }
    for (std::size_t x = 0; x < k; ++x) {
      out[base + x] = part[x]->entries[part[x]->scan(target[x], from[x], lo[x], hi[x])].member;
    }
  }
}

Model Model::build(const ModelParams& params) {
  Model m;
  m.params = params;
  const std::uint32_t n = params.members;
  const Layout layout = make_layout(n);
  m.regions = layout.regions;
  m.schools = layout.school_begin.back();
  m.employers = layout.employer_begin.back();
  assign_profiles(m, layout);
  assign_targets(m);
  assign_circles(m);  // sized by these first targets, kept by reweigh()

  // Entries laid out community by community, members in index order inside
  // each: a serial pass, as it fixes every entry's position.
  const std::uint32_t communities[kGlobalPartition] = {
      m.regions, m.schools * kCohorts, static_cast<std::uint32_t>(m.team_employer.size()), m.circles};
  std::array<std::vector<std::uint32_t>, kGlobalPartition> cursor;
  for (int k = 0; k < kGlobalPartition; ++k) m.partitions[k].begin.assign(communities[k] + 1, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    for (int s = 0; s < kCommunitySlots; ++s) {
      const std::uint32_t c = m.profiles[i].community[s];
      if (c != kNone) ++m.partitions[partition_of(s)].begin[c + 1];
    }
  }
  for (int k = 0; k < kGlobalPartition; ++k) {
    Partition& p = m.partitions[k];
    for (std::uint32_t c = 0; c < communities[k]; ++c) p.begin[c + 1] += p.begin[c];
    p.entries.resize(p.begin.back());
    cursor[k].assign(p.begin.begin(), p.begin.end() - 1);
  }
  Partition& global = m.partitions[kGlobalPartition];
  global.begin = {0, n};
  global.entries.resize(n);
  m.slots.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    Slots& sl = m.slots[i];
    for (int s = 0; s < kCommunitySlots; ++s) {
      const std::uint32_t c = m.profiles[i].community[s];
      sl.pos[s] = sl.end[s] = kNone;
      if (c == kNone) continue;
      Partition& p = m.partitions[partition_of(s)];
      const std::uint32_t q = cursor[partition_of(s)][c]++;
      p.entries[q].member = i;
      sl.pos[s] = q;
      sl.end[s] = p.begin[c + 1];
    }
    global.entries[i].member = i;
    sl.pos[kGlobalSlot] = i;
    sl.end[kGlobalSlot] = n;
  }
  m.weigh();
  return m;
}

void Model::reweigh(double avg_degree) {
  params.avg_degree = avg_degree;
  assign_targets(*this);
  weigh();
}

void Model::weigh() {
  const std::uint32_t n = params.members;
  // Slot weights, written into each entry's `end` (made cumulative below).
  // Every entry belongs to one member, so members can go in parallel.
  for_members(n, [&](std::uint32_t i) {
    const Profile& prof = profiles[i];
    const Slots& sl = slots[i];
    const double t = target[i];
    double overflow = 0, placed = 0;
    for (int s = 0; s < kCommunitySlots; ++s) {
      if (sl.pos[s] == kNone) continue;
      const int k = partition_of(s);
      Partition& p = partitions[k];
      double w = k == kRegionPartition ? kRegionShare * t
                 : k == kSchoolPartition
                     ? kSchoolShare * t * kSchoolSplit[prof.schools - 1][s - kFirstSchoolSlot]
                 : k == kEmployerPartition
                     ? kEmployerShare * t * kEmployerSplit[prof.employers - 1][s - kFirstEmployerSlot]
                     : kCircleShare * t;
      placed += w;
      const std::uint32_t c = prof.community[s];
      const double fit = kCommunityFill * (p.begin[c + 1] - p.begin[c] - 1.0);
      if (w > fit) {
        overflow += w - fit;
        w = fit;
      }
      p.entries[sl.pos[s]].end = w;
    }
    partitions[kGlobalPartition].entries[i].end = std::max(0.0, t - placed) + overflow;
  });
  tbb::parallel_for(0, static_cast<int>(kPartitions), [&](int k) { partitions[k].finish(); });

  // Per entry, from the prefix sums in order: expected draws to later
  // members (lambda = w * weight after / community weight) and from earlier
  // ones. Sequential in the entries; each member then gathers its own.
  std::array<std::vector<float>, kPartitions> later, earlier;
  for (int k = 0; k < kPartitions; ++k) {
    const Partition& p = partitions[k];
    later[k].resize(p.entries.size());
    earlier[k].resize(p.entries.size());
    tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, static_cast<std::uint32_t>(p.entries.size()), 8192),
                      [&](const tbb::blocked_range<std::uint32_t>& r) {
                        auto c = static_cast<std::uint32_t>(
                            std::upper_bound(p.begin.begin(), p.begin.end(), r.begin()) - p.begin.begin() - 1);
                        for (std::uint32_t q = r.begin(); q != r.end(); ++q) {
                          while (p.begin[c + 1] <= q) ++c;
                          const double first = p.prefix(p.begin[c]);
                          const double total = p.prefix(p.begin[c + 1]) - first;
                          const double before = p.prefix(q);
                          const double w = p.entries[q].end - before;
                          const double after = p.prefix(p.begin[c + 1]) - p.entries[q].end;
                          later[k][q] = total > 0 ? static_cast<float>(w * after / total) : 0.0f;
                          earlier[k][q] = total > 0 ? static_cast<float>(w * (before - first) / total) : 0.0f;
                        }
                      });
  }
  const std::uint64_t seed = params.seed;
  for_members(n, [&](std::uint32_t i) {
    Slots& sl = slots[i];
    const std::uint64_t key = stream_key(seed, Purpose::kPickCount, i);
    sl.cum[0] = 0;
    double drawn = 0, received = 0, circle = 0;
    for (int s = 0; s < kSlots; ++s) {
      std::uint32_t count = 0;
      if (sl.pos[s] != kNone) {
        const int k = partition_of(s);
        const double lambda = later[k][sl.pos[s]];
        if (s == kCircleSlot) {
          circle = lambda;  // decided pair by pair, not drawn
        } else {
          drawn += lambda;
          received += earlier[k][sl.pos[s]];
          count = stochastic_round(lambda, draw(key, s));
        }
      }
      sl.cum[s + 1] = sl.cum[s] + count;
    }
    sl.closure_accept = received > drawn ? static_cast<float>(drawn / received) : 1.0f;
    sl.expected_later = static_cast<float>(circle + sl.cum[kSlots]);
  });
  expected_later_total = deterministic_sum(n, [&](std::uint32_t i) { return double(slots[i].expected_later); });
}

}  // namespace mutuals::gen::internal
