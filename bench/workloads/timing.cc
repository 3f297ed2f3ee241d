#include "workloads/timing.h"

#include <time.h>

#include <algorithm>
#include <cmath>

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

}  // namespace mutuals::bench
