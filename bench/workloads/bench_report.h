// What one `mutuals bench` run measured, as a table for people and as the
// DESIGN §5 "bench --json" object:
//
//   {"workload": W, "threads": N, "members": M, "entries": E,
//    "methods": [{"name": "mutuals", "items_per_s": X, "p50_ns": P, "p99_ns": Q, "checksum": C}, ...],
//    ...extensions: "items", "seed", "repeat", "timer_overhead_ns", "ratios", "buckets"}
//
// The contract's keys come first and keep their meaning; extensions follow.
// p50_ns/p99_ns are per item (null where items are not timed one by one:
// all-edges). Per method, "seconds" is the median pass's wall time and
// "cpu_seconds" the process CPU time it used (cpu_seconds well under
// seconds × threads means the cores were shared with other work: distrust
// the run). Ratios are mutuals' items/s over each baseline's (> 1: mutuals
// is faster).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "mutuals/status.h"

namespace mutuals::bench {

using Json = nlohmann::ordered_json;

struct MethodResult {
  std::string name;
  double items_per_s = 0;
  std::optional<double> p50_ns, p99_ns;  // per item
  std::uint64_t checksum = 0;
  double seconds = 0;                    // median timed pass
  std::optional<std::uint64_t> bytes;    // the method's adjacency structure, where known
  Json extra = Json::object();           // workload-specific fields (page latency...)
};

struct BucketMethod {
  std::string name;
  double p50_ns = 0, p99_ns = 0;
  std::uint64_t checksum = 0;
  // Each pair answered once, untimed, just before its timed answer: the
  // latency with the pair's data in cache (p50_ns/p99_ns are as it comes).
  double warm_p50_ns = 0, warm_p99_ns = 0;
};

struct BucketResult {
  std::string name;
  std::uint64_t pairs = 0;
  std::vector<BucketMethod> methods;
};

struct BenchReport {
  std::string workload;
  int threads = 1;
  std::uint64_t members = 0;
  std::uint64_t entries = 0;
  std::uint64_t items = 0;  // items answered per pass, by every method
  std::vector<MethodResult> methods;  // "mutuals" first
  std::vector<BucketResult> buckets;  // latency only
  Json extra = Json::object();        // appended after the contract's keys
};

// The §5 object (plus extensions).
Json to_json(const BenchReport& r);

// The table: method, threads, items/s, p50, p99, checksum, mutuals over it;
// then, for latency, one block per degree bucket.
void print_table(std::ostream& out, const BenchReport& r);

// Ok when every method (and every bucket) agrees on the checksum; else a
// FailedPrecondition that names the two methods, their checksums, and then
// `explanation` (the likely cause).
Status check_checksums(const BenchReport& r, const std::string& explanation);

// The likely cause when the consent-checked API counts less than the
// baselines: a store where not everyone consents.
std::string consent_explanation();

}  // namespace mutuals::bench
