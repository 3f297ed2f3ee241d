// The intersection kernel (engine/src/kernels/intersect.h) over the
// BitmapViews of real pairs, against a scalar merge of the same pairs'
// sorted lists (the GAP baseline). Store: Slashdot, built on the fly
// (bench/support/bench_store.h). Pairs: W1's sampler, fixed seed; Arg 0 =
// connected pairs, 1 = friends of friends. Answers are checked before the
// timed loop; the parallel runs use real time.
#include <benchmark/benchmark.h>

#include <utility>
#include <vector>

#include "baselines/csr_merge.h"
#include "kernels/intersect.h"
#include "store/store_data.h"
#include "support/bench_store.h"
#include "workloads/pairs.h"

namespace mutuals::bench {
namespace {

constexpr std::size_t kPairs = 4096;

struct Fixture {
  const BenchStore* s = nullptr;
  std::vector<std::pair<VertexId, VertexId>> pairs[2];  // connected, friend-of-friend
  std::uint64_t expected[2] = {0, 0};
};

const Fixture* fixture(benchmark::State& state) {
  static const Fixture f = [] {
    Fixture x;
    x.s = bench_store();
    if (x.s == nullptr) return x;
    std::vector<MemberPair> pairs = sample_pairs(x.s->graph, 2 * kPairs, 7);
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      VertexId a = x.s->graph.find(pairs[i].viewer), b = x.s->graph.find(pairs[i].subject);
      x.pairs[i < kPairs ? 0 : 1].push_back({a, b});
    }
    for (int k = 0; k < 2; ++k) {
      for (auto [a, b] : x.pairs[k]) x.expected[k] += merge_count(x.s->graph.neighbors(a), x.s->graph.neighbors(b));
    }
    return x;
  }();
  if (f.s == nullptr) {
    std::string error;
    bench_store(&error);
    state.SkipWithError(("no bench store: " + error).c_str());
    return nullptr;
  }
  return &f;
}

std::uint64_t roaring_sum(const internal::StoreData& g, const std::vector<std::pair<VertexId, VertexId>>& pairs) {
  std::uint64_t sum = 0;
  for (auto [a, b] : pairs) {
    internal::CountSink sink;
    internal::intersect(g.neighbors(a), g.neighbors(b), internal::NoMask{}, sink);
    sum += sink.count;
  }
  return sum;
}

std::uint64_t merge_sum(const Adjacency& g, const std::vector<std::pair<VertexId, VertexId>>& pairs) {
  std::uint64_t sum = 0;
  for (auto [a, b] : pairs) sum += merge_count(g.neighbors(a), g.neighbors(b));
  return sum;
}

void BM_IntersectRoaring(benchmark::State& state) {
  const Fixture* f = fixture(state);
  if (f == nullptr) return;
  const auto& pairs = f->pairs[state.range(0)];
  const internal::StoreData& g = f->s->store->data();
  if (roaring_sum(g, pairs) != f->expected[state.range(0)]) {
    state.SkipWithError("intersect disagrees with the scalar merge");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(roaring_sum(g, pairs));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * pairs.size()));
  state.counters["shared_per_pair"] = benchmark::Counter(double(f->expected[state.range(0)]) / double(pairs.size()),
                                                         benchmark::Counter::kAvgThreads);
}
BENCHMARK(BM_IntersectRoaring)->ArgName("fof")->Arg(0)->Arg(1)->ThreadRange(1, 2)->UseRealTime();

void BM_ScalarMerge(benchmark::State& state) {
  const Fixture* f = fixture(state);
  if (f == nullptr) return;
  const auto& pairs = f->pairs[state.range(0)];
  if (merge_sum(f->s->graph, pairs) != f->expected[state.range(0)]) {
    state.SkipWithError("merge is not deterministic");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(merge_sum(f->s->graph, pairs));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * pairs.size()));
}
BENCHMARK(BM_ScalarMerge)->ArgName("fof")->Arg(0)->Arg(1)->ThreadRange(1, 2)->UseRealTime();

}  // namespace
}  // namespace mutuals::bench
