// Per-query latency of every insight kind (the `queries` workload): one query
// at a time, in process, consent check included, p50 and p99 a kind. Pairs
// are half connected, half friend-of-friend (sample_pairs); schools come from
// the viewer's own schools, so connections-at asks real questions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "mutuals/insights.h"

namespace mutuals::bench {

// {"workload": "queries", "members": M, "kinds": [{"name": K, "p50_ns": P, "p99_ns": Q, "items": N}, ...]}
nlohmann::ordered_json time_query_kinds(const Insights& insights, std::size_t items, std::uint64_t seed);

}  // namespace mutuals::bench
