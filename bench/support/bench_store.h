// The store the micro-benchmarks run on: built once per process, on the fly,
// from the Slashdot sample (data-samples/snap-soc-slashdot0902, or the edge
// list named by MUTUALS_BENCH_EDGES) into a temporary directory, with every
// member linked, visible and granting everything, so that the consent-
// checked API and the bare kernels count the same. Removed at exit.
#pragma once

#include <memory>
#include <string>

#include "mutuals/insights.h"
#include "mutuals/store.h"
#include "workloads/adjacency.h"

namespace mutuals::bench {

struct BenchStore {
  std::string dir;
  std::shared_ptr<const Store> store;
  Adjacency graph;            // the same adjacency as sorted lists
  std::unique_ptr<Insights> insights;
};

// nullptr when it could not be built; `error` then says why.
const BenchStore* bench_store(std::string* error = nullptr);

}  // namespace mutuals::bench
