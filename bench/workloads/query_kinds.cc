#include "workloads/query_kinds.h"

#include <functional>

#include "workloads/adjacency.h"
#include "workloads/pairs.h"
#include "workloads/timing.h"

namespace mutuals::bench {

nlohmann::ordered_json time_query_kinds(const Insights& insights, std::size_t items, std::uint64_t seed) {
  if (items == 0) items = 20000;
  const Adjacency g = decode_adjacency(insights.store(), 0);
  const std::vector<MemberPair> pairs = sample_pairs(g, items, seed);
  // A school per pair: one the viewer attended, else an arbitrary id.
  std::vector<std::uint64_t> schools(pairs.size(), 0);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    SharedFacets own = insights.shared_facets(FacetKind::kSchool, pairs[i].viewer, pairs[i].viewer);
    if (!own.items.empty()) schools[i] = own.items[i % own.items.size()].value;
  }
  std::uint64_t sink = 0;
  const std::vector<std::pair<std::string, std::function<void(std::size_t)>>> kinds = {
      {"shared-connections", [&](std::size_t i) { sink += insights.shared_connections(pairs[i].viewer, pairs[i].subject, 0).count; }},
      {"shared-connections --limit 10",
       [&](std::size_t i) { sink += insights.shared_connections(pairs[i].viewer, pairs[i].subject, 10).count; }},
      {"shared-schools",
       [&](std::size_t i) { sink += insights.shared_facets(FacetKind::kSchool, pairs[i].viewer, pairs[i].subject).count; }},
      {"connections-at --limit 10",
       [&](std::size_t i) { sink += insights.connections_at(pairs[i].viewer, schools[i], 10).count; }},
      {"distance", [&](std::size_t i) { sink += insights.distance(pairs[i].viewer, pairs[i].subject).degree.value_or(9); }},
      {"meeting (3 attendees)",
       [&](std::size_t i) {
         MemberId a[3] = {pairs[i].subject, pairs[(i + 1) % pairs.size()].subject, pairs[(i + 2) % pairs.size()].viewer};
         sink += insights.meeting(pairs[i].viewer, a, 5).attendees.size();
       }},
      {"suggest --include-2hop --limit 10",
       [&](std::size_t i) { sink += insights.suggest(pairs[i].viewer, 10, true).count; }},
  };
  nlohmann::ordered_json out = {{"workload", "queries"}, {"members", g.vertices()}, {"entries", g.entries()}};
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& [name, run] : kinds) {
    // suggest with friends of friends walks two hops: fewer items keep the run short.
    const std::size_t n = name.rfind("suggest", 0) == 0 ? std::min<std::size_t>(pairs.size(), 2000) : pairs.size();
    for (std::size_t i = 0; i < std::min<std::size_t>(n, 200); ++i) run(i);  // warm up
    std::vector<std::uint64_t> samples;
    samples.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      std::uint64_t t0 = now_ns();
      run(i);
      samples.push_back(now_ns() - t0);
    }
    Percentiles p = percentiles(samples);
    list.push_back({{"name", name}, {"p50_ns", p.p50_ns}, {"p99_ns", p.p99_ns}, {"items", n}});
  }
  out["kinds"] = list;
  out["checksum"] = sink;
  return out;
}

}  // namespace mutuals::bench
