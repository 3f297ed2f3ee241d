// The end-to-end bench of DESIGN §6: one workload, answered by the
// consent-checked API ("mutuals") and by three baselines built in the same
// process from the same opened store ("csr-merge", "boost-graph",
// "croaring-unordered"), over the same items.
//
// Benchmarks check before they time: every method runs the items once
// untimed, the checksums (Σ of counts, wrapping) must agree, and only then
// are `repeat` timed passes made (methods interleaved), each re-checked.
// Throughput is items over the median pass; latency comes from items timed
// one by one. Baselines get member ids resolved to their own ids before the
// clock starts; the mutuals method pays id lookup and the consent check on
// every query, as a service would.
//
//   mutuals::bench::BenchOptions opt;
//   opt.workload = mutuals::bench::Workload::kPairs;
//   opt.threads = 2;
//   auto report = mutuals::bench::run_workload(*insights, opt);
//   if (report.ok()) mutuals::bench::print_table(std::cout, *report);
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mutuals/insights.h"
#include "mutuals/status.h"
#include "mutuals/types.h"
#include "workloads/bench_report.h"

namespace mutuals::bench {

enum class Workload { kPairs, kViewerBatch, kLatency, kAllEdges };

// "pairs", "viewer-batch", "latency", "all-edges"; nullopt otherwise.
std::optional<Workload> parse_workload(std::string_view name);
std::string_view to_string(Workload w);

inline constexpr std::uint64_t kDefaultPairs = 1'000'000;     // W1
inline constexpr std::size_t kPageSize = 1000;                // W1b subjects a viewer
inline constexpr std::uint64_t kDefaultPageItems = 1'000'000; // W1b: 1,000 pages
inline constexpr std::uint64_t kDefaultPerBucket = 5000;      // W2 pairs a degree bucket
inline constexpr std::size_t kLatencySample = 20000;          // W1 items timed one by one

struct BenchOptions {
  Workload workload = Workload::kPairs;
  int threads = 1;          // 0 = all cores
  std::uint64_t items = 0;  // 0 = the workload's default (pairs; subjects in all pages; pairs a bucket)
  std::uint64_t seed = 20090201;
  int repeat = 3;           // timed passes a method
  // From --pairs FILE: used instead of sampled pairs (pairs, latency) or
  // grouped by viewer into pages (viewer-batch).
  std::optional<std::vector<MemberPair>> pairs;
  // The baselines to run beside mutuals (csr-merge, boost-graph,
  // croaring-unordered); empty = all. Boost.Graph and CRoaring's heap form
  // take 15-60 bytes an entry: at ten million members they do not fit.
  std::vector<std::string> baselines;
  // Called with a short description at the start of each phase.
  std::function<void(const std::string&)> progress;
};

// Runs the workload. InvalidArgument for options that do not fit it;
// FailedPrecondition when the methods' checksums differ.
Result<BenchReport> run_workload(const Insights& insights, const BenchOptions& options);

}  // namespace mutuals::bench
