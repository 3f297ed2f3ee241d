#include "workloads/run_workload.h"

#include <tbb/combinable.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>

#include "baselines/boost_graph.h"
#include "kernels/simd/simd_level.h"
#include "baselines/croaring_unordered.h"
#include "baselines/csr_merge.h"
#include "workloads/adjacency.h"
#include "workloads/pairs.h"
#include "workloads/timing.h"

namespace mutuals::bench {
namespace {

// --- Items, resolved once (before any clock starts) into each method's ids.

struct IdPair {
  std::uint32_t a = kNoVertex;
  std::uint32_t b = kNoVertex;
};

struct PairItems {
  std::vector<MemberPair> members;
  std::vector<IdPair> vertices;  // store vertex ids: csr-merge, boost-graph
  std::vector<IdPair> ranks;     // member-id ranks: croaring-unordered
};

struct PageItems {
  std::vector<Page> pages;
  std::vector<std::uint32_t> viewer_vertex, viewer_rank;
  std::vector<std::vector<std::uint32_t>> subject_vertices, subject_ranks;
  std::uint64_t items = 0;
};

std::uint32_t rank_of(const Adjacency& g, VertexId v) { return v == kNoVertex ? kNoVertex : g.vertex_rank[v]; }

PairItems resolve_pairs(const Adjacency& g, std::vector<MemberPair> pairs) {
  PairItems items;
  items.members = std::move(pairs);
  items.vertices.reserve(items.members.size());
  items.ranks.reserve(items.members.size());
  for (const MemberPair& p : items.members) {
    VertexId a = g.find(p.viewer), b = g.find(p.subject);
    items.vertices.push_back({a, b});
    items.ranks.push_back({rank_of(g, a), rank_of(g, b)});
  }
  return items;
}

PageItems resolve_pages(const Adjacency& g, std::vector<Page> pages) {
  PageItems items;
  items.pages = std::move(pages);
  for (const Page& p : items.pages) {
    VertexId v = g.find(p.viewer);
    items.viewer_vertex.push_back(v);
    items.viewer_rank.push_back(rank_of(g, v));
    std::vector<std::uint32_t> vs, rs;
    for (MemberId s : p.subjects) {
      VertexId sv = g.find(s);
      vs.push_back(sv);
      rs.push_back(rank_of(g, sv));
    }
    items.subject_vertices.push_back(std::move(vs));
    items.subject_ranks.push_back(std::move(rs));
    items.items += p.subjects.size();
  }
  return items;
}

// Σ of f(begin, end) over blocked ranges of [0, n), on `threads` threads.
template <typename F>
std::uint64_t parallel_sum(std::size_t n, std::size_t grain, int threads, const F& f) {
  tbb::combinable<std::uint64_t> sums([] { return std::uint64_t{0}; });
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain),
                      [&](const tbb::blocked_range<std::size_t>& r) { sums.local() += f(r.begin(), r.end()); });
  });
  return sums.combine(std::plus<>{});
}

// --- The methods, behind one interface (dispatch per pass or per item; the
// inner loops are the methods' own).

class Method {
 public:
  virtual ~Method() = default;
  virtual std::string name() const = 0;
  // W1: every pair on `threads` threads, each answer stored as a batch's
  // would be; returns Σ counts.
  virtual std::uint64_t pairs(const PairItems& items, int threads) = 0;
  // W1 latency, W2: one pair.
  virtual std::uint64_t one(const PairItems& items, std::size_t i) const = 0;
  // W1b: one page; returns Σ counts.
  virtual std::uint64_t page(const PageItems& items, std::size_t p) const = 0;
  // W3: Σ over connections of their shared counts.
  virtual std::uint64_t all_edges(int threads) const = 0;
  virtual std::optional<std::uint64_t> bytes() const = 0;
};

class MutualsMethod final : public Method {
 public:
  explicit MutualsMethod(const Insights& insights) : insights_(insights) {}
  std::string name() const override { return "mutuals"; }
  // Counts through the count API into a buffer kept across passes, as the
  // baselines keep theirs.
  std::uint64_t pairs(const PairItems& items, int threads) override {
    answers_.resize(items.members.size());
    if (!insights_.shared_connection_counts(items.members, answers_, threads).ok()) return 0;
    std::uint64_t sum = 0;
    for (const SharedCount& a : answers_) sum += a.count;
    return sum;
  }
  std::uint64_t one(const PairItems& items, std::size_t i) const override {
    return insights_.shared_connections(items.members[i].viewer, items.members[i].subject).count;
  }
  std::uint64_t page(const PageItems& items, std::size_t p) const override {
    thread_local std::vector<SharedCount> answers;
    answers.resize(items.pages[p].subjects.size());
    if (!insights_.shared_connection_counts_page(items.pages[p].viewer, items.pages[p].subjects, answers).ok()) return 0;
    std::uint64_t sum = 0;
    for (const SharedCount& a : answers) sum += a.count;
    return sum;
  }
  std::uint64_t all_edges(int threads) const override {
    std::uint64_t sum = 0;
    insights_.all_edges_shared([&](MemberId, MemberId, std::uint64_t shared) { sum += shared; }, threads);
    return sum;
  }
  std::optional<std::uint64_t> bytes() const override { return insights_.store().info().adjacency_bytes; }

 private:
  const Insights& insights_;
  std::vector<SharedCount> answers_;
};

// A baseline over store vertex ids (kRanks false) or member-id ranks.
template <typename Baseline, bool kRanks>
class BaselineMethod final : public Method {
 public:
  BaselineMethod(std::string name, const Baseline& baseline) : name_(std::move(name)), baseline_(baseline) {}
  std::string name() const override { return name_; }
  std::uint64_t pairs(const PairItems& items, int threads) override {
    const std::vector<IdPair>& ids = kRanks ? items.ranks : items.vertices;
    answers_.resize(ids.size());
    return parallel_sum(ids.size(), 256, threads, [&](std::size_t begin, std::size_t end) {
      std::uint64_t sum = 0;
      for (std::size_t i = begin; i != end; ++i) {
        answers_[i] = baseline_.count(ids[i].a, ids[i].b);
        sum += answers_[i];
      }
      return sum;
    });
  }
  std::uint64_t one(const PairItems& items, std::size_t i) const override {
    const IdPair& p = kRanks ? items.ranks[i] : items.vertices[i];
    return baseline_.count(p.a, p.b);
  }
  std::uint64_t page(const PageItems& items, std::size_t p) const override {
    if constexpr (kRanks) {
      return baseline_.count_page(items.viewer_rank[p], items.subject_ranks[p]);
    } else {
      return baseline_.count_page(items.viewer_vertex[p], items.subject_vertices[p]);
    }
  }
  std::uint64_t all_edges(int threads) const override { return baseline_.all_edges(threads); }
  std::optional<std::uint64_t> bytes() const override {
    if constexpr (requires { baseline_.bytes(); }) {
      return baseline_.bytes();
    } else {
      return std::nullopt;
    }
  }

 private:
  std::string name_;
  const Baseline& baseline_;
  std::vector<std::uint64_t> answers_;
};

using Methods = std::vector<std::unique_ptr<Method>>;

// --- Check, then time.

// Why the mutuals method may count less: a tally of its statuses over the
// first pairs, appended to a checksum failure.
Status with_refusals(Status s, const Insights& insights, std::span<const MemberPair> pairs) {
  if (s.ok()) return s;
  std::map<std::string_view, std::uint64_t> tally;
  std::size_t n = std::min<std::size_t>(pairs.size(), 1000);
  for (std::size_t i = 0; i < n; ++i) {
    ++tally[to_string(insights.shared_connections(pairs[i].viewer, pairs[i].subject).status)];
  }
  std::string msg = s.message() + ". Statuses of the first " + std::to_string(n) + " pairs through the API:";
  for (const auto& [status, count] : tally) {
    msg += ' ';
    msg.append(status);
    msg += ' ';
    msg += std::to_string(count);
  }
  return {s.code(), msg};
}

// Runs pass(m) once a method untimed and checks the checksums agree; then
// `repeat` timed passes, methods interleaved, each re-checked. Fills
// report.methods (name, checksum, seconds, items/s, bytes).
Status check_then_time(const Methods& methods, int repeat, std::uint64_t items, const std::string& explanation,
                       const std::function<std::uint64_t(Method&, bool timed)>& pass, BenchReport& report) {
  report.methods.clear();
  for (const auto& m : methods) {
    MethodResult r;
    r.name = m->name();
    r.checksum = pass(*m, false);
    r.bytes = m->bytes();
    report.methods.push_back(std::move(r));
  }
  MUTUALS_RETURN_IF_ERROR(check_checksums(report, explanation));
  std::vector<std::vector<double>> seconds(methods.size()), cpu(methods.size());
  for (int rep = 0; rep < repeat; ++rep) {
    for (std::size_t k = 0; k < methods.size(); ++k) {
      std::uint64_t sum = 0;
      const std::uint64_t cpu0 = process_cpu_ns();
      seconds[k].push_back(time_seconds([&] { sum = pass(*methods[k], true); }));
      cpu[k].push_back(static_cast<double>(process_cpu_ns() - cpu0) * 1e-9);
      if (sum != report.methods[k].checksum) {
        return Internal(methods[k]->name() + ": checksum changed between passes (" +
                        std::to_string(report.methods[k].checksum) + ", then " + std::to_string(sum) + ")");
      }
    }
  }
  for (std::size_t k = 0; k < methods.size(); ++k) {
    report.methods[k].seconds = median(seconds[k]);
    report.methods[k].extra["cpu_seconds"] = median(cpu[k]);
    report.methods[k].items_per_s =
        report.methods[k].seconds > 0 ? static_cast<double>(items) / report.methods[k].seconds : 0;
  }
  return Status::Ok();
}

// Times items[indices] one at a time (threads querying concurrently when
// threads > 1); samples_ns[i] is index i's time. Returns Σ counts.
// With `warm`, each item is answered once untimed right before its timed
// answer.
std::uint64_t one_by_one(const Method& m, const PairItems& items, std::span<const std::size_t> indices, int threads,
                         std::vector<std::uint64_t>& samples_ns, bool warm = false) {
  samples_ns.resize(indices.size());
  return parallel_sum(indices.size(), 64, threads, [&](std::size_t begin, std::size_t end) {
    std::uint64_t sum = 0;
    for (std::size_t i = begin; i != end; ++i) {
      if (warm) {
        const std::uint64_t again = m.one(items, indices[i]);
        asm volatile("" : : "r"(again));  // keep the untimed answer
      }
      const std::uint64_t t0 = now_ns();
      sum += m.one(items, indices[i]);
      samples_ns[i] = now_ns() - t0;
    }
    return sum;
  });
}

// --- The workloads.

Status run_pairs(const Insights& insights, const Adjacency& g, const Methods& methods, const BenchOptions& o,
                 int threads, BenchReport& report) {
  if (o.progress) o.progress("sampling pairs");
  std::vector<MemberPair> pairs =
      o.pairs ? *o.pairs : sample_pairs(g, o.items > 0 ? o.items : kDefaultPairs, o.seed);
  if (pairs.empty()) return InvalidArgument("no pairs to answer (an empty pairs file, or a store without connections)");
  const PairItems items = resolve_pairs(g, std::move(pairs));
  report.items = items.members.size();
  if (o.progress) o.progress("pairs: checking, then timing " + std::to_string(report.items) + " pairs a pass");
  Status s = check_then_time(methods, o.repeat, report.items, consent_explanation(),
                             [&](Method& m, bool) { return m.pairs(items, threads); }, report);
  MUTUALS_RETURN_IF_ERROR(with_refusals(std::move(s), insights, items.members));

  // Per-item latency: a spread sample, one thread, one item at a time.
  if (o.progress) o.progress("pairs: per-item latency");
  const std::size_t k = std::min(kLatencySample, items.members.size());
  std::vector<std::size_t> sample(k);
  for (std::size_t i = 0; i < k; ++i) sample[i] = i * items.members.size() / k;
  BenchReport check;
  for (std::size_t m = 0; m < methods.size(); ++m) {
    std::vector<std::uint64_t> ns;
    one_by_one(*methods[m], items, sample, 1, ns);  // warm
    std::uint64_t sum = one_by_one(*methods[m], items, sample, 1, ns);
    Percentiles p = percentiles(ns);
    report.methods[m].p50_ns = p.p50_ns;
    report.methods[m].p99_ns = p.p99_ns;
    check.methods.push_back({methods[m]->name(), 0, {}, {}, sum});
  }
  MUTUALS_RETURN_IF_ERROR(check_checksums(check, "in the latency sample"));
  report.extra["latency_sample"] = k;
  return Status::Ok();
}

Status run_viewer_batch(const Insights& insights, const Adjacency& g, const Methods& methods, const BenchOptions& o,
                        int threads, BenchReport& report) {
  if (o.progress) o.progress("sampling pages");
  std::vector<Page> pages;
  if (o.pairs) {
    pages = pages_from_pairs(*o.pairs, kPageSize);
  } else {
    std::uint64_t items = o.items > 0 ? o.items : kDefaultPageItems;
    pages = sample_pages(g, (items + kPageSize - 1) / kPageSize, kPageSize, o.seed);
  }
  if (pages.empty()) return InvalidArgument("no pages to answer (an empty pairs file, or a store without connections)");
  const PageItems items = resolve_pages(g, std::move(pages));
  report.items = items.items;
  const std::size_t n = items.pages.size();
  std::vector<std::vector<std::uint64_t>> page_ns(methods.size());
  std::vector<std::uint64_t> current(n);
  if (o.progress) o.progress("viewer-batch: checking, then timing " + std::to_string(n) + " pages a pass");
  Status s = check_then_time(
      methods, o.repeat, report.items, consent_explanation(),
      [&](Method& m, bool timed) {
        std::uint64_t sum = parallel_sum(n, 1, threads, [&](std::size_t begin, std::size_t end) {
          std::uint64_t local = 0;
          for (std::size_t p = begin; p != end; ++p) {
            const std::uint64_t t0 = now_ns();
            local += m.page(items, p);
            current[p] = now_ns() - t0;
          }
          return local;
        });
        if (timed) {
          for (std::size_t i = 0; i < methods.size(); ++i) {
            if (methods[i].get() == &m) page_ns[i].insert(page_ns[i].end(), current.begin(), current.end());
          }
        }
        return sum;
      },
      report);
  std::vector<MemberPair> probe;
  for (const MemberId s2 : items.pages.front().subjects) probe.push_back({items.pages.front().viewer, s2});
  MUTUALS_RETURN_IF_ERROR(with_refusals(std::move(s), insights, probe));

  // Per item: each page's time over its subjects; per page as extra fields.
  for (std::size_t m = 0; m < methods.size(); ++m) {
    std::vector<std::uint64_t> per_item;
    per_item.reserve(page_ns[m].size());
    for (std::size_t i = 0; i < page_ns[m].size(); ++i) {
      std::size_t subjects = items.pages[i % n].subjects.size();
      per_item.push_back(subjects > 0 ? page_ns[m][i] / subjects : 0);
    }
    Percentiles item = percentiles(per_item);
    Percentiles page = percentiles(page_ns[m]);
    report.methods[m].p50_ns = item.p50_ns;
    report.methods[m].p99_ns = item.p99_ns;
    report.methods[m].extra["page_p50_ns"] = page.p50_ns;
    report.methods[m].extra["page_p99_ns"] = page.p99_ns;
  }
  report.extra["pages"] = n;
  report.extra["page_size"] = kPageSize;
  return Status::Ok();
}

Status run_latency(const Insights& insights, const Adjacency& g, const Methods& methods, const BenchOptions& o,
                   int threads, BenchReport& report) {
  if (o.progress) o.progress("sampling pairs by degree");
  std::vector<DegreeBucket> buckets =
      o.pairs ? bucket_pairs(g, *o.pairs) : sample_degree_buckets(g, o.items > 0 ? o.items : kDefaultPerBucket, o.seed);
  if (buckets.empty()) return InvalidArgument("no pairs to answer (an empty pairs file, or a store without connections)");
  report.methods.clear();
  for (const auto& m : methods) {
    MethodResult r;
    r.name = m->name();
    r.bytes = m->bytes();
    report.methods.push_back(std::move(r));
  }
  std::vector<std::vector<std::uint64_t>> all_ns(methods.size());
  std::vector<double> seconds(methods.size(), 0), cpu(methods.size(), 0);
  report.items = 0;
  for (const DegreeBucket& bucket : buckets) {
    if (o.progress) o.progress("latency: bucket " + bucket.name);
    const PairItems items = resolve_pairs(g, bucket.pairs);
    std::vector<std::size_t> all(items.members.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    BucketResult b{bucket.name, all.size(), {}};
    std::vector<std::uint64_t> ns;
    for (std::size_t m = 0; m < methods.size(); ++m) {
      b.methods.push_back({methods[m]->name(), 0, 0, one_by_one(*methods[m], items, all, threads, ns)});
    }
    BenchReport check;
    check.buckets.push_back(b);
    MUTUALS_RETURN_IF_ERROR(with_refusals(check_checksums(check, consent_explanation()), insights, items.members));
    std::vector<std::vector<std::uint64_t>> bucket_ns(methods.size());
    for (int rep = 0; rep < o.repeat; ++rep) {
      for (std::size_t m = 0; m < methods.size(); ++m) {
        std::uint64_t sum = 0;
        const std::uint64_t cpu0 = process_cpu_ns();
        seconds[m] += time_seconds([&] { sum = one_by_one(*methods[m], items, all, threads, ns); });
        cpu[m] += static_cast<double>(process_cpu_ns() - cpu0) * 1e-9;
        if (sum != b.methods[m].checksum) return Internal(methods[m]->name() + ": checksum changed between passes");
        bucket_ns[m].insert(bucket_ns[m].end(), ns.begin(), ns.end());
      }
    }
    for (std::size_t m = 0; m < methods.size(); ++m) {
      if (one_by_one(*methods[m], items, all, threads, ns, true) != b.methods[m].checksum) {
        return Internal(methods[m]->name() + ": checksum changed between passes");
      }
      Percentiles warm = percentiles(ns);
      b.methods[m].warm_p50_ns = warm.p50_ns;
      b.methods[m].warm_p99_ns = warm.p99_ns;
    }
    for (std::size_t m = 0; m < methods.size(); ++m) {
      all_ns[m].insert(all_ns[m].end(), bucket_ns[m].begin(), bucket_ns[m].end());
      Percentiles p = percentiles(bucket_ns[m]);
      b.methods[m].p50_ns = p.p50_ns;
      b.methods[m].p99_ns = p.p99_ns;
      report.methods[m].checksum += b.methods[m].checksum;
    }
    report.items += all.size();
    report.buckets.push_back(std::move(b));
  }
  for (std::size_t m = 0; m < methods.size(); ++m) {
    Percentiles p = percentiles(all_ns[m]);
    report.methods[m].p50_ns = p.p50_ns;
    report.methods[m].p99_ns = p.p99_ns;
    report.methods[m].seconds = seconds[m] / std::max(1, o.repeat);
    report.methods[m].extra["cpu_seconds"] = cpu[m] / std::max(1, o.repeat);
    report.methods[m].items_per_s =
        seconds[m] > 0 ? static_cast<double>(report.items) * std::max(1, o.repeat) / seconds[m] : 0;
  }
  report.extra["dependent_load_ns"] = dependent_load_ns();
  return Status::Ok();
}

Status run_all_edges(const Insights& insights, const Methods& methods, const BenchOptions& o, int threads,
                     BenchReport& report) {
  report.items = insights.store().info().connections;
  if (o.progress) o.progress("all-edges: checking, then timing " + std::to_string(report.items) + " connections a pass");
  Status s = check_then_time(methods, o.repeat, report.items,
                             "all-edges applies no consent, so every method should agree: a bug in one of them",
                             [&](Method& m, bool) { return m.all_edges(threads); }, report);
  if (!s.ok() && s.code() == StatusCode::kFailedPrecondition) return Internal(s.message());
  return s;
}

}  // namespace

std::optional<Workload> parse_workload(std::string_view name) {
  if (name == "pairs") return Workload::kPairs;
  if (name == "viewer-batch") return Workload::kViewerBatch;
  if (name == "latency") return Workload::kLatency;
  if (name == "all-edges") return Workload::kAllEdges;
  return std::nullopt;
}

std::string_view to_string(Workload w) {
  switch (w) {
    case Workload::kPairs: return "pairs";
    case Workload::kViewerBatch: return "viewer-batch";
    case Workload::kLatency: return "latency";
    case Workload::kAllEdges: return "all-edges";
  }
  return "?";
}

Result<BenchReport> run_workload(const Insights& insights, const BenchOptions& o) {
  if (o.threads < 0) return InvalidArgument("--threads: must be 0 (all cores) or more");
  if (o.repeat < 1) return InvalidArgument("--repeat: must be 1 or more");
  if (o.pairs && o.workload == Workload::kAllEdges) return InvalidArgument("--pairs does not apply to all-edges");
  const int threads = o.threads > 0 ? o.threads : tbb::info::default_concurrency();

  const StoreInfo& info = insights.store().info();
  BenchReport report;
  report.workload = std::string(to_string(o.workload));
  report.threads = threads;
  report.members = info.members;
  report.entries = info.entries;
  report.extra["simd"] = internal::to_string(internal::simd_level());

  const std::vector<std::string> known = {"csr-merge", "boost-graph", "croaring-unordered"};
  for (const std::string& b : o.baselines) {
    if (std::find(known.begin(), known.end(), b) == known.end()) {
      return InvalidArgument("--baselines: unknown baseline '" + b + "' (csr-merge, boost-graph, croaring-unordered)");
    }
  }
  auto wanted = [&](const std::string& name) {
    return o.baselines.empty() || std::find(o.baselines.begin(), o.baselines.end(), name) != o.baselines.end();
  };

  // Every baseline from the same adjacency, decoded from this store.
  if (o.progress) o.progress("decoding the adjacency for the baselines");
  const Adjacency g = decode_adjacency(insights.store(), threads);
  std::unique_ptr<const BoostGraph> boost;
  std::unique_ptr<const CroaringUnordered> croaring;
  std::unique_ptr<const CsrMerge> csr;
  Methods methods;
  methods.push_back(std::make_unique<MutualsMethod>(insights));
  if (wanted("csr-merge")) {
    csr = std::make_unique<const CsrMerge>(g);
    methods.push_back(std::make_unique<BaselineMethod<CsrMerge, false>>("csr-merge", *csr));
  }
  if (wanted("boost-graph")) {
    if (o.progress) o.progress("building boost-graph");
    boost = std::make_unique<const BoostGraph>(g);
    if (!boost->sorted()) return Internal("boost-graph: out-edge lists are not sorted; set_intersection needs them sorted");
    methods.push_back(std::make_unique<BaselineMethod<BoostGraph, false>>("boost-graph", *boost));
  }
  if (wanted("croaring-unordered")) {
    if (o.progress) o.progress("building croaring-unordered");
    croaring = std::make_unique<const CroaringUnordered>(g);
    methods.push_back(std::make_unique<BaselineMethod<CroaringUnordered, true>>("croaring-unordered", *croaring));
  }

  Status s;
  switch (o.workload) {
    case Workload::kPairs: s = run_pairs(insights, g, methods, o, threads, report); break;
    case Workload::kViewerBatch: s = run_viewer_batch(insights, g, methods, o, threads, report); break;
    case Workload::kLatency: s = run_latency(insights, g, methods, o, threads, report); break;
    case Workload::kAllEdges: s = run_all_edges(insights, methods, o, threads, report); break;
  }
  if (!s.ok()) return s;
  report.extra["seed"] = o.seed;
  report.extra["repeat"] = o.repeat;
  report.extra["order"] = info.order;
  report.extra["timer_overhead_ns"] = timer_overhead_ns();
  return report;
}

}  // namespace mutuals::bench
