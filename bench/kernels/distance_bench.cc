// degree_of_separation (engine/src/kernels/distance.h): kProbe (walk the
// smaller side's neighbours, stop at the first meeting) against kTwoHopSet
// (build the dense 2-hop set of the viewer, probe the subject's
// neighbours), on uniformly random member pairs of the Slashdot store, fixed
// seed. Both methods must agree on every pair before anything is timed; the
// counters give the answer mix (most random pairs are 3 hops or more apart,
// which is where the two differ).
#include <benchmark/benchmark.h>

#include <optional>
#include <vector>

#include "kernels/distance.h"
#include "support/bench_store.h"
#include "workloads/pairs.h"

namespace mutuals::bench {
namespace {

constexpr std::size_t kPairs = 512;

struct Fixture {
  const BenchStore* s = nullptr;
  std::vector<std::pair<VertexId, VertexId>> pairs;
  int mix[5] = {0, 0, 0, 0, 0};  // 0..3, out of network
  bool agree = true;
};

const Fixture* fixture(benchmark::State& state) {
  static const Fixture f = [] {
    Fixture x;
    x.s = bench_store();
    if (x.s == nullptr) return x;
    const internal::StoreData& g = x.s->store->data();
    Rng rng(11);
    while (x.pairs.size() < kPairs) {
      VertexId a = static_cast<VertexId>(rng.below(g.members())), b = static_cast<VertexId>(rng.below(g.members()));
      if (a != b) x.pairs.push_back({a, b});
    }
    for (auto [a, b] : x.pairs) {
      std::optional<int> p = internal::degree_of_separation(g, a, b, internal::DistanceMethod::kProbe);
      std::optional<int> t = internal::degree_of_separation(g, a, b, internal::DistanceMethod::kTwoHopSet);
      x.agree = x.agree && p == t;
      ++x.mix[p ? *p : 4];
    }
    return x;
  }();
  if (f.s == nullptr) {
    state.SkipWithError("no bench store");
    return nullptr;
  }
  return &f;
}

void BM_DegreeOfSeparation(benchmark::State& state) {
  const Fixture* f = fixture(state);
  if (f == nullptr) return;
  if (!f->agree) {
    state.SkipWithError("kProbe and kTwoHopSet disagree");
    return;
  }
  const auto method = state.range(0) == 0 ? internal::DistanceMethod::kProbe : internal::DistanceMethod::kTwoHopSet;
  const internal::StoreData& g = f->s->store->data();
  for (auto _ : state) {
    for (auto [a, b] : f->pairs) benchmark::DoNotOptimize(internal::degree_of_separation(g, a, b, method));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * f->pairs.size()));
  state.SetLabel(state.range(0) == 0 ? "probe" : "two-hop-set");
  const char* names[5] = {"d0", "d1", "d2", "d3", "out"};
  for (int i = 0; i < 5; ++i) state.counters[names[i]] = f->mix[i];
}
BENCHMARK(BM_DegreeOfSeparation)->ArgName("two_hop_set")->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace mutuals::bench
