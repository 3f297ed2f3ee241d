// Clocks and percentiles for the end-to-end bench.
//
// Latencies are nearest-rank percentiles of individually timed items
// (steady_clock around each one, so every sample includes one clock read,
// about timer_overhead_ns(); it is reported beside the results rather than
// subtracted). Throughput is items over the median wall time of R timed
// passes.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <vector>

namespace mutuals::bench {

inline std::uint64_t now_ns() {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
          .count());
}

struct Percentiles {
  double p50_ns = 0;
  double p99_ns = 0;
};

// Nearest-rank percentile (q in [0, 1]) of `sorted`, ascending; 0 when empty.
double percentile(std::span<const std::uint64_t> sorted, double q);

// p50 and p99 of `samples_ns` (sorted in place).
Percentiles percentiles(std::vector<std::uint64_t>& samples_ns);

// The median of `values` (reordered in place); 0 when empty.
double median(std::vector<double>& values);

// The cost of one steady_clock read pair, in ns (the median of many).
double timer_overhead_ns();

// One dependent load that misses every cache, in ns: a pointer chase over
// a random cycle of cache lines through `bytes` of memory (the median of a
// few passes). A query that must chase k such loads (hash slot, member
// record, adjacency) cannot answer cold in less than k times this.
double dependent_load_ns(std::size_t bytes = std::size_t{256} << 20);

// CPU time consumed by the whole process so far, in ns: beside wall time it
// shows when a run shared its cores with other work.
std::uint64_t process_cpu_ns();

// Seconds taken by f().
template <typename F>
double time_seconds(F&& f) {
  std::uint64_t t0 = now_ns();
  f();
  return static_cast<double>(now_ns() - t0) * 1e-9;
}

}  // namespace mutuals::bench
