// What consent costs. Per query: Insights::shared_connections (member-id
// lookup, snapshot load, the §3 checks, then the kernel) against the bare
// kernel count on the same pre-resolved pairs; the difference is the
// door's price. Per change: one durable Insights::change, journal fsync
// included (real time, µs). Store: Slashdot with everyone consenting, built
// on the fly; pairs from W1's sampler, fixed seed.
#include <benchmark/benchmark.h>

#include <vector>

#include "kernels/intersect.h"
#include "store/store_data.h"
#include "support/bench_store.h"
#include "workloads/pairs.h"

namespace mutuals::bench {
namespace {

constexpr std::size_t kPairs = 4096;

struct Fixture {
  const BenchStore* s = nullptr;
  std::vector<MemberPair> members;
  std::vector<std::pair<VertexId, VertexId>> vertices;
};

const Fixture* fixture(benchmark::State& state) {
  static const Fixture f = [] {
    Fixture x;
    x.s = bench_store();
    if (x.s == nullptr) return x;
    x.members = sample_pairs(x.s->graph, kPairs, 13);
    for (const MemberPair& p : x.members) x.vertices.push_back({x.s->graph.find(p.viewer), x.s->graph.find(p.subject)});
    return x;
  }();
  if (f.s == nullptr) {
    state.SkipWithError("no bench store");
    return nullptr;
  }
  return &f;
}

std::uint64_t checked_sum(const Insights& insights, const std::vector<MemberPair>& pairs) {
  std::uint64_t sum = 0;
  for (const MemberPair& p : pairs) sum += insights.shared_connections(p.viewer, p.subject).count;
  return sum;
}

std::uint64_t bare_sum(const internal::StoreData& g, const std::vector<std::pair<VertexId, VertexId>>& pairs) {
  std::uint64_t sum = 0;
  for (auto [a, b] : pairs) {
    internal::CountSink sink;
    internal::intersect(g.neighbors(a), g.neighbors(b), internal::NoMask{}, sink);
    sum += sink.count;
  }
  return sum;
}

void BM_SharedConnectionsChecked(benchmark::State& state) {
  const Fixture* f = fixture(state);
  if (f == nullptr) return;
  if (checked_sum(*f->s->insights, f->members) != bare_sum(f->s->store->data(), f->vertices)) {
    state.SkipWithError("the consent-checked count differs from the bare kernel: does everyone consent?");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(checked_sum(*f->s->insights, f->members));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * f->members.size()));
}
BENCHMARK(BM_SharedConnectionsChecked)->ThreadRange(1, 2)->UseRealTime();

void BM_BareKernelCount(benchmark::State& state) {
  const Fixture* f = fixture(state);
  if (f == nullptr) return;
  const internal::StoreData& g = f->s->store->data();
  if (checked_sum(*f->s->insights, f->members) != bare_sum(g, f->vertices)) {
    state.SkipWithError("the consent-checked count differs from the bare kernel: does everyone consent?");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(bare_sum(g, f->vertices));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * f->vertices.size()));
}
BENCHMARK(BM_BareKernelCount)->ThreadRange(1, 2)->UseRealTime();

// One durable change: revoke, then grant, ms.calendar of one member (a
// category no query here depends on), alternately.
void BM_ConsentChangeDurable(benchmark::State& state) {
  const Fixture* f = fixture(state);
  if (f == nullptr) return;
  Insights& insights = *f->s->insights;
  ConsentChange c;
  c.member = f->members.front().viewer;
  c.category = Category::kMsCalendar;
  c.kind = ConsentChange::Kind::kRevoke;
  Result<ChangeResult> first = insights.change(c);
  if (!first.ok() || first->status != QueryStatus::kOk) {
    state.SkipWithError("the first change was refused");
    return;
  }
  bool grant = true;
  for (auto _ : state) {
    c.kind = grant ? ConsentChange::Kind::kGrant : ConsentChange::Kind::kRevoke;
    grant = !grant;
    Result<ChangeResult> r = insights.change(c);
    if (!r.ok()) {
      state.SkipWithError(r.status().message().c_str());
      break;
    }
  }
  c.kind = ConsentChange::Kind::kGrant;
  (void)insights.change(c);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ConsentChangeDurable)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
}  // namespace mutuals::bench
