// Revocation under load (DESIGN §3): "every query that starts after unlink
// returns sees it (no stale answer)", and a hidden member is never revealed,
// while queries run on other threads the whole time.
//
// One writer thread applies a pre-generated stream of durable changes (link,
// unlink, grant/revoke li.connections, show, hide) to the members the
// queries involve; 3 query threads ask shared-connections (and a page of
// them) over the ego-Facebook store, at least 1,000,000 questions in all
// (fewer under sanitizers, still >= 100,000), and on until the writer has
// made 3,000 durable changes (200 under sanitizers) or 25 s have passed.
//
// Because the change stream is generated up front, the consent state at
// every version is known before the threads start (per-member histories,
// immutable while they run). Each query brackets itself with
// consent_version() before and after, and reads how many changes had
// returned before it started; its answer must equal the exact answer at
// some version V in [max(before, last returned change), after], computed
// here from the histories and the graph with std::set_intersection (no
// engine code). So: nothing stale, nothing forbidden, nothing from a
// version that did not exist. Must run clean under ThreadSanitizer.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iterator>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "mutuals/insights.h"
#include "mutuals/loaders/consent_file.h"
#include "mutuals/loaders/edges.h"
#include "mutuals/store.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace mutuals::testing {
namespace {

using K = ConsentChange::Kind;
using Clock = std::chrono::steady_clock;

#if defined(__SANITIZE_THREAD__)
constexpr std::uint64_t kQueries = 100'000;
#elif defined(__SANITIZE_ADDRESS__)
constexpr std::uint64_t kQueries = 250'000;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
constexpr std::uint64_t kQueries = 100'000;
#elif __has_feature(address_sanitizer)
constexpr std::uint64_t kQueries = 250'000;
#else
constexpr std::uint64_t kQueries = 1'000'000;
#endif
#else
constexpr std::uint64_t kQueries = 1'000'000;
#endif
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
constexpr std::uint64_t kMinChanges = 200;
#else
constexpr std::uint64_t kMinChanges = 3000;
#endif
// The queries go on until both counts are reached, or until this much time
// has passed with the queries done (a slow disk makes fewer changes).
constexpr auto kTimeCap = std::chrono::seconds(25);
constexpr int kQueryThreads = 3;
constexpr std::size_t kLimit = 1'000'000;  // list every shared connection
constexpr std::size_t kChanges = 400'000;  // more than the writer can apply in the time the queries take

struct Flags {
  bool linked = false;
  bool visible = false;
  bool rolled_out = true;
  bool connections = false;  // li.connections granted
};

// DESIGN §3, shared-connections, restated: the status, from the viewer's and
// the subject's consent (subjects here are graph members, so known).
QueryStatus rule(const Flags& viewer, const Flags& subject) {
  if (!viewer.rolled_out) return QueryStatus::kNotRolledOut;
  if (!viewer.linked) return QueryStatus::kViewerNotLinked;
  if (!viewer.connections) return QueryStatus::kConsentMissing;
  if (!subject.visible) return QueryStatus::kSubjectUnavailable;
  return QueryStatus::kOk;
}

struct Pair {
  MemberId viewer = 0, subject = 0;
  std::vector<MemberId> common;  // N(viewer) ∩ N(subject), ascending
};

struct Answer {
  QueryStatus status = QueryStatus::kOk;
  std::vector<MemberId> items;
  bool operator==(const Answer&) const = default;
};

// Everything the threads read: immutable once the threads start.
class World {
 public:
  std::vector<std::vector<MemberId>> neighbors;  // by member id (ego ids are 0..4038)
  std::vector<Flags> initial;                    // by member id
  std::vector<int> hot;                          // member id -> history index, or -1
  std::vector<std::vector<std::pair<std::uint64_t, Flags>>> history;  // (version from, flags), ascending
  std::vector<Pair> pairs;
  std::vector<std::vector<std::size_t>> pages;   // pair indexes sharing a viewer
  std::vector<ConsentChange> changes;            // change i creates version i + 1

  const Flags& at(MemberId m, std::uint64_t version) const {
    const int h = hot[m];
    if (h < 0) return initial[m];
    const auto& hist = history[static_cast<std::size_t>(h)];
    auto it = std::upper_bound(hist.begin(), hist.end(), version,
                               [](std::uint64_t v, const auto& e) { return v < e.first; });
    return std::prev(it)->second;
  }

  Answer expected(const Pair& p, std::uint64_t version) const {
    Answer a;
    a.status = rule(at(p.viewer, version), at(p.subject, version));
    if (a.status != QueryStatus::kOk) return a;
    for (MemberId x : p.common) {
      if (at(x, version).visible) a.items.push_back(x);
    }
    return a;
  }

  // Whether the member is hidden at every version in [lo, hi].
  bool hidden_throughout(MemberId m, std::uint64_t lo, std::uint64_t hi) const {
    for (std::uint64_t v = lo; v <= hi; ++v) {
      if (at(m, v).visible) return false;
    }
    return true;
  }
  bool unlinked_throughout(MemberId m, std::uint64_t lo, std::uint64_t hi) const {
    for (std::uint64_t v = lo; v <= hi; ++v) {
      if (at(m, v).linked) return false;
    }
    return true;
  }
};

std::vector<MemberId> intersect(const std::vector<MemberId>& a, const std::vector<MemberId>& b) {
  std::vector<MemberId> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

void build_world(World& w, const std::vector<MemberEdge>& edges, const std::vector<ConsentRecord>& consent) {
  MemberId max_id = 0;
  for (const MemberEdge& e : edges) max_id = std::max({max_id, e.a, e.b});
  ASSERT_LT(max_id, 10'000u) << "this test indexes members by id (ego-Facebook ids are dense)";
  const std::size_t n = max_id + 1;
  w.neighbors.assign(n, {});
  for (const MemberEdge& e : edges) {
    w.neighbors[e.a].push_back(e.b);
    w.neighbors[e.b].push_back(e.a);
  }
  for (auto& list : w.neighbors) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  w.initial.assign(n, Flags{});
  for (const ConsentRecord& r : consent) {
    if (r.member >= n) continue;
    w.initial[r.member] = {r.linked, r.visible, r.rolled_out,
                           (r.grants & grant_bit(Category::kLiConnections)) != 0};
  }

  // 24 viewers of moderate degree, each with 3 connected and 3 friend-of-friend subjects.
  std::mt19937_64 rng(4242);
  std::vector<MemberId> viewers;
  while (viewers.size() < 24) {
    const MemberId v = rng() % n;
    const std::size_t d = w.neighbors[v].size();
    if (d < 20 || d > 300 || std::find(viewers.begin(), viewers.end(), v) != viewers.end()) continue;
    viewers.push_back(v);
  }
  std::set<MemberId> hot_members(viewers.begin(), viewers.end());
  for (MemberId v : viewers) {
    std::vector<std::size_t> page;
    std::set<MemberId> chosen;
    int direct = 0, two_hop = 0;
    for (int attempt = 0; attempt < 2000 && (direct < 3 || two_hop < 3); ++attempt) {
      const auto& nv = w.neighbors[v];
      const MemberId via = nv[rng() % nv.size()];
      const bool go_two = direct >= 3 || (two_hop < 3 && rng() % 2);
      MemberId s = via;
      if (go_two) {
        const auto& nvia = w.neighbors[via];
        s = nvia[rng() % nvia.size()];
        if (std::binary_search(nv.begin(), nv.end(), s)) continue;
      }
      if (s == v || chosen.count(s)) continue;
      std::vector<MemberId> common = intersect(nv, w.neighbors[s]);
      if (common.size() < 3) continue;
      chosen.insert(s);
      (go_two ? two_hop : direct)++;
      hot_members.insert(s);
      for (std::size_t i = 0; i < common.size() && i < 6; ++i) hot_members.insert(common[rng() % common.size()]);
      page.push_back(w.pairs.size());
      w.pairs.push_back({v, s, std::move(common)});
    }
    if (!page.empty()) w.pages.push_back(std::move(page));
  }
  std::vector<MemberId> hot(hot_members.begin(), hot_members.end());
  w.hot.assign(n, -1);
  w.history.resize(hot.size());
  for (std::size_t i = 0; i < hot.size(); ++i) {
    w.hot[hot[i]] = static_cast<int>(i);
    w.history[i].push_back({0, w.initial[hot[i]]});
  }
  std::vector<MemberId> others;  // subjects and shared connections
  for (MemberId m : hot) {
    if (std::find(viewers.begin(), viewers.end(), m) == viewers.end()) others.push_back(m);
  }

  // The change stream: half on viewers (link state and li.connections), half
  // hiding and showing everyone else the answers depend on.
  w.changes.reserve(kChanges);
  for (std::size_t i = 0; i < kChanges; ++i) {
    ConsentChange c;
    if (rng() % 2) {
      c.member = viewers[rng() % viewers.size()];
      switch (rng() % 6) {
        case 0: case 1: c.kind = K::kLink; break;
        case 2: case 3: c.kind = K::kUnlink; break;
        case 4: c.kind = K::kGrant; c.category = Category::kLiConnections; break;
        default: c.kind = K::kRevoke; c.category = Category::kLiConnections; break;
      }
    } else {
      c.member = others[rng() % others.size()];
      c.kind = rng() % 2 ? K::kHide : K::kShow;
    }
    auto& hist = w.history[static_cast<std::size_t>(w.hot[c.member])];
    Flags f = hist.back().second;
    switch (c.kind) {
      case K::kLink: f.linked = true; f.connections = true; break;
      case K::kUnlink: f.linked = false; f.connections = false; break;
      case K::kGrant: f.connections = true; break;
      case K::kRevoke: f.connections = false; break;
      case K::kShow: f.visible = true; break;
      case K::kHide: f.visible = false; break;
      default: break;
    }
    hist.push_back({i + 1, f});
    w.changes.push_back(std::move(c));
  }
}

struct Violations {
  std::mutex mu;
  std::vector<std::string> first;
  std::uint64_t count = 0;
  void add(std::string what) {
    std::lock_guard<std::mutex> lock(mu);
    ++count;
    if (first.size() < 12) first.push_back(std::move(what));
  }
};

std::string describe(const Answer& a) {
  std::ostringstream s;
  s << to_string(a.status) << " [";
  for (std::size_t i = 0; i < a.items.size() && i < 12; ++i) s << (i ? " " : "") << a.items[i];
  if (a.items.size() > 12) s << " ...";
  s << "] (" << a.items.size() << ")";
  return s.str();
}

struct Stats {
  std::uint64_t queries = 0, moving = 0, unlink_checks = 0, hidden_checks = 0;
};

// Checks one answer given at a version in [lo, hi]. Returns false on a violation.
bool check(const World& w, const Pair& p, const SharedConnections& r, std::uint64_t lo, std::uint64_t hi,
           Stats& stats, Violations& bad, const char* how) {
  Answer got{r.status, r.items};
  if (r.status == QueryStatus::kOk && r.count != r.items.size()) {
    bad.add(std::string(how) + ": count " + std::to_string(r.count) + " but " + std::to_string(r.items.size()) +
            " items listed with an unbounded limit");
    return false;
  }
  if (r.status != QueryStatus::kOk && (r.count != 0 || !r.items.empty())) {
    bad.add(std::string(how) + ": a refusal carried a count or items");
    return false;
  }
  // The explicit rules first, for a clear message.
  if (w.unlinked_throughout(p.viewer, lo, hi)) {
    ++stats.unlink_checks;
    if (r.status != QueryStatus::kViewerNotLinked && r.status != QueryStatus::kNotRolledOut) {
      bad.add(std::string(how) + ": viewer " + std::to_string(p.viewer) + " was unlinked at every version in [" +
              std::to_string(lo) + ", " + std::to_string(hi) + "] but the answer was " + describe(got));
      return false;
    }
  }
  for (MemberId x : r.items) {
    if (w.hot[x] >= 0 && w.hidden_throughout(x, lo, hi)) {
      bad.add(std::string(how) + ": member " + std::to_string(x) + " was hidden at every version in [" +
              std::to_string(lo) + ", " + std::to_string(hi) + "] but was listed for " + std::to_string(p.viewer) +
              " -> " + std::to_string(p.subject));
      return false;
    }
  }
  stats.hidden_checks += r.items.size();
  for (std::uint64_t v = lo; v <= hi; ++v) {
    if (w.expected(p, v) == got) return true;
  }
  bad.add(std::string(how) + ": " + std::to_string(p.viewer) + " -> " + std::to_string(p.subject) + " answered " +
          describe(got) + ", allowed at no version in [" + std::to_string(lo) + ", " + std::to_string(hi) +
          "]; at " + std::to_string(lo) + ": " + describe(w.expected(p, lo)));
  return false;
}

TEST(RevocationUnderLoad, NoQueryThatStartsAfterAChangeReturnedMissesIt) {
  TempDir dir;
  auto edges = loaders::load_edges(data_sample("snap-ego-facebook/facebook_combined.txt.gz"));
  ASSERT_TRUE(edges.ok()) << edges.status().message();
  auto consent = loaders::load_consent(data_sample("sample/consent.csv"));
  ASSERT_TRUE(consent.ok()) << consent.status().message();
  World world;
  build_world(world, edges->edges, *consent);
  if (HasFatalFailure()) return;
  ASSERT_GE(world.pairs.size(), 100u);
  BuildInput in;
  in.edges = edges->edges;
  in.consent = *consent;
  in.threads = 1;
  const std::string store = dir.file("ego.store");
  // Build and open on this thread alone: Debian's oneTBB is not built for
  // ThreadSanitizer, whose reports about TBB's own task pool would drown
  // what this test is about (the threads below are plain std::threads).
  tbb::task_arena single(1);
  Status built = single.execute([&] { return Status(build_store(std::move(in), store).status()); });
  ASSERT_TRUE(built.ok()) << built.message();
  Result<Insights> opened = single.execute([&] { return Insights::open(store); });
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  Insights& insights = *opened;
  ASSERT_EQ(insights.consent_version(), 0u);
  // The world's version-0 answers are the store's (sanity check of the oracle).
  for (const Pair& p : world.pairs) {
    const SharedConnections r = insights.shared_connections(p.viewer, p.subject, kLimit);
    ASSERT_EQ((Answer{r.status, r.items}), world.expected(p, 0)) << p.viewer << " -> " << p.subject;
  }

  std::atomic<std::uint64_t> completed{0};  // changes whose change() has returned
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> issued{0};
  Violations bad;
  std::string writer_error;
  const auto started = Clock::now();

  std::thread writer([&] {
    for (std::size_t i = 0; i < world.changes.size() && !stop.load(std::memory_order_relaxed); ++i) {
      Result<ChangeResult> r = insights.change(world.changes[i]);
      if (!r.ok() || r->status != QueryStatus::kOk || r->version != i + 1) {
        writer_error = r.ok() ? "change " + std::to_string(i) + " gave version " + std::to_string(r->version)
                              : r.status().message();
        break;
      }
      completed.store(i + 1, std::memory_order_release);
    }
  });

  std::vector<Stats> stats(kQueryThreads);
  std::vector<std::thread> readers;
  for (int t = 0; t < kQueryThreads; ++t) {
    readers.emplace_back([&, t] {
      std::mt19937_64 rng(1000 + static_cast<std::uint64_t>(t));
      Stats& st = stats[static_cast<std::size_t>(t)];
      for (;;) {
        if (issued.load(std::memory_order_relaxed) >= kQueries &&
            (completed.load(std::memory_order_relaxed) >= kMinChanges || Clock::now() - started > kTimeCap)) {
          break;
        }
        issued.fetch_add(1, std::memory_order_relaxed);
        const std::uint64_t returned = completed.load(std::memory_order_acquire);
        const std::uint64_t before = insights.consent_version();
        if (rng() % 16 == 0) {
          // A page: one viewer, one snapshot for every subject.
          const auto& page = world.pages[rng() % world.pages.size()];
          std::vector<MemberId> subjects;
          for (std::size_t i : page) subjects.push_back(world.pairs[i].subject);
          const std::vector<SharedConnections> rs =
              insights.shared_connections_page(world.pairs[page[0]].viewer, subjects, kLimit);
          const std::uint64_t after = insights.consent_version();
          ++st.queries;
          st.moving += after != before;
          if (before < returned) {
            bad.add("consent_version() " + std::to_string(before) + " behind " + std::to_string(returned) +
                    " returned changes");
          }
          const std::uint64_t lo = std::max(before, returned);
          bool one_version = false;
          for (std::uint64_t v = lo; v <= after && !one_version; ++v) {
            one_version = true;
            for (std::size_t k = 0; k < page.size(); ++k) {
              const Answer got{rs[k].status, rs[k].items};
              one_version = one_version && world.expected(world.pairs[page[k]], v) == got;
            }
          }
          if (!one_version) {
            // Name the first pair that no version explains, else report the mix.
            bool named = false;
            for (std::size_t k = 0; k < page.size() && !named; ++k) {
              named = !check(world, world.pairs[page[k]], rs[k], lo, after, st, bad, "page");
            }
            if (!named) bad.add("page: answers fit no single consent version in [" + std::to_string(lo) + ", " +
                                std::to_string(after) + "]");
          }
          continue;
        }
        const Pair& p = world.pairs[rng() % world.pairs.size()];
        const SharedConnections r = insights.shared_connections(p.viewer, p.subject, kLimit);
        const std::uint64_t after = insights.consent_version();
        ++st.queries;
        st.moving += after != before;
        if (before < returned) {
          bad.add("consent_version() " + std::to_string(before) + " behind " + std::to_string(returned) +
                  " returned changes");
        }
        if (after < before) bad.add("consent_version() went backwards");
        check(world, p, r, std::max(before, returned), after, st, bad, "query");
      }
    });
  }
  for (std::thread& r : readers) r.join();
  stop.store(true);
  writer.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();

  Stats total;
  for (const Stats& s : stats) {
    total.queries += s.queries;
    total.moving += s.moving;
    total.unlink_checks += s.unlink_checks;
    total.hidden_checks += s.hidden_checks;
  }
  const std::uint64_t applied = completed.load();
  std::printf("[ load     ] %llu queries on %d threads, %llu durable changes, %llu queries spanning a change, "
              "%llu answers to unlinked viewers, %llu listed members checked, %.1f s\n",
              static_cast<unsigned long long>(total.queries), kQueryThreads,
              static_cast<unsigned long long>(applied), static_cast<unsigned long long>(total.moving),
              static_cast<unsigned long long>(total.unlink_checks),
              static_cast<unsigned long long>(total.hidden_checks), seconds);
  EXPECT_EQ(writer_error, "");
  EXPECT_EQ(bad.count, 0u) << [&] {
    std::string s;
    for (const std::string& f : bad.first) s += f + "\n";
    return s;
  }();
  EXPECT_GE(total.queries, kQueries);
  EXPECT_GE(applied, 100u) << "the writer hardly ran while the queries did";
  EXPECT_GT(total.unlink_checks, 0u);

  // What the threads saw is what is on disk.
  Result<Insights> reopened = single.execute([&] { return Insights::open(store); });
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  EXPECT_EQ(reopened->consent_version(), applied);
  for (const Pair& p : world.pairs) {
    const SharedConnections r = reopened->shared_connections(p.viewer, p.subject, kLimit);
    EXPECT_EQ((Answer{r.status, r.items}), world.expected(p, applied)) << p.viewer << " -> " << p.subject;
  }
}

// Regression, meaningful under ThreadSanitizer (preset tsan): the consent
// snapshot was once published through std::atomic<std::shared_ptr<...>>,
// whose GCC 12 libstdc++ load() releases its internal lock bit with
// memory_order_relaxed (bits/shared_ptr_atomic.h, _Sp_atomic::load); TSan
// reported a data race between change() and every query / consent_version()
// (formally a race; on weakly ordered CPUs a reader could pair a new pointer
// with the old control block). Fixed by publishing through the engine's own
// snapshot cell (engine/src/insights/snapshot_cell.h). One writer, one
// reader, no TBB threads: any TSan report here is about publication.
TEST(RevocationUnderLoad, SnapshotPublicationIsRaceFreeUnderTsan) {
  TempDir dir;
  BuildInput in;
  in.edges = {{1, 2}, {2, 3}, {1, 3}};
  in.consent = {{1, true, true, true, kAllGrants}, {2, true, true, true, kAllGrants}, {3, true, true, true, kAllGrants}};
  in.threads = 1;
  const std::string store = dir.file("tiny.store");
  tbb::task_arena single(1);
  ASSERT_TRUE(single.execute([&] { return build_store(std::move(in), store).ok(); }));
  Result<Insights> opened = single.execute([&] { return Insights::open(store); });
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  Insights& insights = *opened;
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    while (!stop.load()) {
      (void)insights.consent_version();
      (void)insights.shared_connections(1, 2, 10);
    }
  });
  bool changed = true;
  for (int i = 0; i < 50 && changed; ++i) {
    changed = insights.change({3, i % 2 ? K::kShow : K::kHide, std::nullopt, {}}).ok();
  }
  stop.store(true);
  reader.join();
  EXPECT_TRUE(changed);
  EXPECT_EQ(insights.consent_version(), 50u);
}

}  // namespace
}  // namespace mutuals::testing
