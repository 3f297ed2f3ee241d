#include "workloads/timing.h"

#include <time.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace mutuals::bench {

double percentile(std::span<const std::uint64_t> sorted, double q) {
  if (sorted.empty()) return 0;
  std::size_t rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return static_cast<double>(sorted[rank - 1]);
}

Percentiles percentiles(std::vector<std::uint64_t>& samples_ns) {
  std::sort(samples_ns.begin(), samples_ns.end());
  return {percentile(samples_ns, 0.50), percentile(samples_ns, 0.99)};
}

double median(std::vector<double>& values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

std::uint64_t process_cpu_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<std::uint64_t>(ts.tv_nsec);
}

double timer_overhead_ns() {
  std::vector<std::uint64_t> samples(10001);
  for (std::uint64_t& s : samples) {
    std::uint64_t t0 = now_ns();
    s = now_ns() - t0;
  }
  return percentiles(samples).p50_ns;
}

double dependent_load_ns(std::size_t bytes) {
  // One u64 a 64-byte line: line k holds the index of the next line, and
  // the lines form a single random cycle (Sattolo), so prefetchers cannot
  // guess the next address and every step waits for the one before.
  constexpr std::size_t kStride = 8;
  const std::size_t lines = std::max<std::size_t>(2, bytes / 64);
  std::vector<std::uint64_t> memory(lines * kStride);
  std::vector<std::uint32_t> order(lines);
  std::iota(order.begin(), order.end(), 0u);
  std::mt19937_64 rng(1);
  for (std::size_t i = lines - 1; i > 0; --i) std::swap(order[i], order[rng() % i]);
  for (std::size_t i = 0; i < lines; ++i) memory[order[i] * kStride] = order[(i + 1) % lines];
  constexpr std::size_t kSteps = 1 << 20;
  std::vector<double> passes;
  std::uint64_t at = 0;
  for (int pass = 0; pass < 3; ++pass) {
    const std::uint64_t t0 = now_ns();
    for (std::size_t i = 0; i < kSteps; ++i) at = memory[at * kStride];
    passes.push_back(static_cast<double>(now_ns() - t0) / kSteps);
  }
  // `at` feeds the result so the chase cannot be dropped; it is < lines.
  return median(passes) + static_cast<double>(at >= lines);
}

}  // namespace mutuals::bench
