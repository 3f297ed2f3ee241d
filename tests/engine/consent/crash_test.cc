// Crash safety of durable consent (DESIGN §3: "the change is on disk before
// unlink returns"), tested by killing the real command line.
//
// A child process runs `mutuals consent STORE --apply EVENTS` (10,000
// random events of every kind; 3,000 under sanitizers) over the
// ego-Facebook store and is killed with SIGKILL at a random moment, 100
// times, each round continuing from the store the previous kill left. The
// child prints "durable: N of M changes" after each group commit; after each
// kill the store must open, its consent version must cover every
// acknowledged change, and its state must equal an independent model that
// replayed exactly the changes up to that version: no half-applied change,
// no lost acknowledged change, no invented one. Every tenth round also
// kills a `consent --compact`, which must change nothing. (A kill is not a
// power cut: what a process wrote stays in the page cache, so a missing
// fsync cannot show here; acknowledging before writing, or a change that
// lands half, can.)
//
// Also by hand: a record cut mid-write (a torn tail) is reported and cut
// off by the next change; a damaged record in the middle fails the open.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "consent/member_flags.h"
#include "mutuals/insights.h"
#include "mutuals/loaders/consent_file.h"
#include "mutuals/loaders/edges.h"
#include "mutuals/store.h"
#include "store/journal.h"
#include "store/store_data.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace mutuals::testing {
namespace {

namespace fs = std::filesystem;
using K = ConsentChange::Kind;
using Clock = std::chrono::steady_clock;

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// ---------------------------------------------------------------------------
// An independent model of DESIGN §3's consent changes: plain maps, no code
// shared with engine/src/consent.

struct Flags {
  bool linked = false;
  bool visible = false;
  bool rolled_out = true;
  std::uint16_t grants = 0;
  bool operator==(const Flags&) const = default;
};

std::string show(const Flags& f) {
  std::ostringstream o;
  o << "{linked " << f.linked << ", visible " << f.visible << ", rolled_out " << f.rolled_out << ", grants 0x"
    << std::hex << f.grants << "}";
  return o.str();
}

constexpr std::uint16_t bit(Category c) { return std::uint16_t(1u << static_cast<int>(c)); }

class Model {
 public:
  Model(const std::vector<ConsentRecord>& records, std::uint64_t version) : version_(version) {
    for (const ConsentRecord& r : records) flags_[r.member] = {r.linked, r.visible, r.rolled_out, r.grants};
  }

  std::uint64_t version() const { return version_; }
  bool has_record(MemberId m) const { return flags_.count(m) != 0; }
  Flags flags(MemberId m) const {
    auto it = flags_.find(m);
    return it == flags_.end() ? Flags{} : it->second;  // secure defaults
  }
  std::vector<MemberId> contacts(MemberId m) const {
    auto it = contacts_.find(m);
    return it == contacts_.end() ? std::vector<MemberId>{} : std::vector<MemberId>(it->second.begin(), it->second.end());
  }

  // Applies one change; false (and nothing changes) when it is refused: an
  // import unless linked with ms.contacts granted.
  bool apply(const ConsentChange& c) {
    if (c.kind == K::kImportContacts) {
      const Flags f = flags(c.member);
      if (!f.linked || !(f.grants & bit(Category::kMsContacts))) return false;
      contacts_[c.member].insert(c.contacts.begin(), c.contacts.end());
      if (contacts_[c.member].empty()) contacts_.erase(c.member);
      ++version_;
      return true;
    }
    if (c.kind == K::kRemoveContacts) {
      contacts_.erase(c.member);
      ++version_;
      return true;
    }
    Flags f = flags(c.member);
    switch (c.kind) {
      case K::kLink: f.linked = true; f.grants = 0x1FF; break;
      case K::kUnlink: f.linked = false; f.grants = 0; break;
      case K::kGrant: f.grants |= bit(*c.category); break;
      case K::kRevoke: f.grants &= std::uint16_t(~bit(*c.category)); break;
      case K::kShow: f.visible = true; break;
      case K::kHide: f.visible = false; break;
      default: break;
    }
    flags_[c.member] = f;
    ++version_;
    return true;
  }

  // shared-connections status by the rules of DESIGN §3 (subjects here are
  // graph members or members known from a record).
  QueryStatus status(MemberId viewer, MemberId subject, bool subject_in_graph) const {
    const Flags v = flags(viewer);
    if (!v.rolled_out) return QueryStatus::kNotRolledOut;
    if (!v.linked) return QueryStatus::kViewerNotLinked;
    if (!(v.grants & bit(Category::kLiConnections))) return QueryStatus::kConsentMissing;
    const bool known = subject_in_graph || has_record(subject);
    if (!known || !flags(subject).visible) return QueryStatus::kSubjectUnavailable;
    return QueryStatus::kOk;
  }

 private:
  std::uint64_t version_ = 0;
  std::map<MemberId, Flags> flags_;
  std::map<MemberId, std::set<MemberId>> contacts_;
};

Flags from_engine(internal::MemberFlags f) {
  Flags r;
  r.linked = f & internal::kFlagLinked;
  r.visible = f & internal::kFlagVisible;
  r.rolled_out = f & internal::kFlagRolledOut;
  r.grants = std::uint16_t(f & internal::kFlagGrantsMask);
  return r;
}

// Compares the store's consent (as opened: the folded file plus the journal)
// with the model, member by member. `extra` are the members outside the
// graph that changes may have named. Returns "" when equal.
std::string compare(const Store& store, const Model& model, const std::vector<MemberId>& extra) {
  const internal::StoreData& d = store.data();
  const internal::ConsentSnapshot& s = *d.consent;
  std::ostringstream o;
  int shown = 0;
  auto differ = [&](const std::string& what) {
    if (shown++ < 10) o << what << '\n';
  };
  if (s.version() != model.version()) differ("version " + std::to_string(s.version()) + ", model " +
                                             std::to_string(model.version()));
  std::uint64_t hidden = 0;
  for (VertexId v = 0; v < d.members(); ++v) {
    const MemberId m = d.vertex_member[v];
    const internal::MemberFlags raw = s.flags(v);
    if (raw & ~internal::kFlagsKnownMask) differ("member " + std::to_string(m) + ": unknown flag bits");
    const Flags got = from_engine(raw), want = model.flags(m);
    if (!(got == want)) differ("member " + std::to_string(m) + ": store " + show(got) + ", model " + show(want));
    if (s.visible(v) != got.visible) differ("member " + std::to_string(m) + ": visibility bit disagrees with flags");
    hidden += !got.visible;
    const std::vector<MemberId>* c = s.contacts(m);
    const std::vector<MemberId> got_c = c ? *c : std::vector<MemberId>{};
    if (got_c != model.contacts(m)) differ("member " + std::to_string(m) + ": contacts differ");
  }
  if (s.hidden_members() != hidden) differ("hidden member count " + std::to_string(s.hidden_members()) +
                                           ", counted " + std::to_string(hidden));
  for (MemberId m : extra) {
    const internal::MemberFlags* f = s.outside_flags(m);
    if ((f != nullptr) != model.has_record(m)) differ("outside member " + std::to_string(m) + ": record presence");
    if (f != nullptr && !(from_engine(*f) == model.flags(m))) {
      differ("outside member " + std::to_string(m) + ": store " + show(from_engine(*f)) + ", model " +
             show(model.flags(m)));
    }
    const std::vector<MemberId>* c = s.contacts(m);
    if ((c ? *c : std::vector<MemberId>{}) != model.contacts(m)) differ("outside member " + std::to_string(m) +
                                                                       ": contacts differ");
  }
  if (shown > 10) o << "... " << shown - 10 << " more differences\n";
  return o.str();
}

// ---------------------------------------------------------------------------
// The ego-Facebook store with the sample consent.

struct EgoInputs {
  std::vector<MemberEdge> edges;
  std::vector<ConsentRecord> consent;
};

const EgoInputs& ego_inputs() {
  static const EgoInputs inputs = [] {
    EgoInputs in;
    auto edges = loaders::load_edges(data_sample("snap-ego-facebook/facebook_combined.txt.gz"));
    if (!edges.ok()) throw std::runtime_error(edges.status().message());
    in.edges = std::move(edges->edges);
    auto consent = loaders::load_consent(data_sample("sample/consent.csv"));
    if (!consent.ok()) throw std::runtime_error(consent.status().message());
    in.consent = std::move(*consent);
    return in;
  }();
  return inputs;
}

std::string build_ego_store(const TempDir& dir, const std::string& name) {
  BuildInput in;
  in.edges = ego_inputs().edges;
  in.consent = ego_inputs().consent;
  const std::string out = dir.file(name);
  Result<BuildReport> r = build_store(std::move(in), out);
  if (!r.ok()) throw std::runtime_error(r.status().message());
  return out;
}

constexpr MemberId kOutsideBase = 5'000'000'000ull;  // members not in the graph
constexpr int kOutsideCount = 16;

std::vector<MemberId> outside_members() {
  std::vector<MemberId> v;
  for (int i = 0; i < kOutsideCount; ++i) v.push_back(kOutsideBase + static_cast<MemberId>(i));
  return v;
}

// Random events of every kind over graph and outside members.
std::vector<ConsentChange> random_changes(std::mt19937_64& rng, const std::vector<MemberId>& graph, std::size_t n) {
  std::vector<ConsentChange> out;
  out.reserve(n);
  auto pick = [&](std::uint64_t k) { return static_cast<std::uint64_t>(rng() % k); };
  for (std::size_t i = 0; i < n; ++i) {
    ConsentChange c;
    c.member = pick(50) == 0 ? kOutsideBase + pick(kOutsideCount) : graph[pick(graph.size())];
    c.kind = static_cast<K>(pick(8));
    if (c.kind == K::kGrant || c.kind == K::kRevoke) c.category = static_cast<Category>(pick(kCategoryCount));
    if (c.kind == K::kImportContacts) {
      for (std::uint64_t k = pick(4); k > 0; --k) c.contacts.push_back(graph[pick(graph.size())]);
    }
    out.push_back(std::move(c));
  }
  return out;
}

// DESIGN §5 events: member,event,arg (an empty arg where the event takes none).
std::string events_csv(const std::vector<ConsentChange>& changes) {
  std::string out = "member,event,arg\n";
  for (const ConsentChange& c : changes) {
    out += std::to_string(c.member);
    out += ',';
    out += to_string(c.kind);
    out += ',';
    if (c.category) out += to_string(*c.category);
    for (std::size_t i = 0; i < c.contacts.size(); ++i) {
      if (i) out += ';';
      out += std::to_string(c.contacts[i]);
    }
    out += '\n';
  }
  return out;
}

// ---------------------------------------------------------------------------
// A child `mutuals` process whose stderr we collect, killed on demand.

struct ChildOutcome {
  bool killed = false;      // terminated by our SIGKILL (else it exited first)
  int exit_code = -1;       // when it exited
  std::string err;
  double seconds = 0;
};

ChildOutcome run_and_kill(const std::vector<std::string>& args, std::chrono::microseconds kill_after, bool kill) {
  std::vector<std::string> argv_s = {cli_path()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  const int devnull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (devnull < 0) throw std::runtime_error("cannot open /dev/null");
  const auto start = Clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec.
    ::dup2(devnull, 0);
    ::dup2(devnull, 1);
    ::dup2(fds[1], 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  ::close(devnull);
  ChildOutcome out;
  if (kill) {
    std::this_thread::sleep_for(kill_after);
    ::kill(pid, SIGKILL);
  }
  // Drain stderr (the child writes a few lines; the pipe never fills).
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n > 0) {
      out.err.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (WIFSIGNALED(status)) {
    out.killed = WTERMSIG(status) == SIGKILL;
    out.exit_code = 128 + WTERMSIG(status);
  } else {
    out.exit_code = WEXITSTATUS(status);
  }
  return out;
}

// The largest N of the complete "durable: N of M changes" lines; a line cut
// off by the kill does not count.
std::size_t acknowledged(const std::string& err, std::size_t total) {
  std::size_t best = 0, pos = 0;
  while (pos < err.size()) {
    const std::size_t nl = err.find('\n', pos);
    if (nl == std::string::npos) break;
    const std::string line = err.substr(pos, nl - pos);
    pos = nl + 1;
    unsigned long long n = 0, m = 0;
    char tail[16] = {};
    if (std::sscanf(line.c_str(), "durable: %llu of %llu %15s", &n, &m, tail) == 3 && std::string(tail) == "changes") {
      EXPECT_EQ(m, total) << line;
      EXPECT_GE(n, best) << "acknowledgements went backwards: " << err;
      best = std::max<std::size_t>(best, n);
    }
  }
  return best;
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

// ---------------------------------------------------------------------------

TEST(ConsentCrash, KilledApplyLosesNoAcknowledgedChangeAndHalfAppliesNone) {
  TempDir dir;
  const std::string store = build_ego_store(dir, "ego.store");
  const std::string events_path = dir.file("events.csv");
  std::vector<MemberId> graph;
  {
    Result<std::shared_ptr<const Store>> s = Store::open(store);
    ASSERT_TRUE(s.ok()) << s.status().message();
    const auto& d = (*s)->data();
    graph.assign(d.vertex_member.begin(), d.vertex_member.end());
    std::sort(graph.begin(), graph.end());
  }
  const std::vector<MemberId> outside = outside_members();
  const std::size_t kEvents = kSanitized ? 3000 : 10000;
  constexpr int kRounds = 100;
  std::mt19937_64 rng(20240611);
  Model model(ego_inputs().consent, 0);

  // How long one uninterrupted run takes, and how long a run of one event
  // (start, read, open, one commit) takes: the medians of three, on scratch
  // copies. A quarter of the kills land uniformly in [0, full run], the rest
  // in [startup, full run], where the group commits are.
  std::vector<double> runs, startups;
  const std::string one_event = dir.write("one.csv", events_csv({{graph[0], K::kShow, std::nullopt, {}}}));
  for (int i = 0; i < 3; ++i) {
    const std::string copy = dir.file("timing" + std::to_string(i) + ".store");
    fs::copy(store, copy, fs::copy_options::recursive);
    write_text(events_path, events_csv(random_changes(rng, graph, kEvents)));
    const ChildOutcome full = run_and_kill({"consent", copy, "--apply", events_path}, {}, false);
    ASSERT_EQ(full.exit_code, 0) << full.err;
    EXPECT_EQ(acknowledged(full.err, kEvents), kEvents) << full.err;
    runs.push_back(full.seconds);
    const ChildOutcome one = run_and_kill({"consent", copy, "--apply", one_event}, {}, false);
    ASSERT_EQ(one.exit_code, 0) << one.err;
    startups.push_back(one.seconds);
    fs::remove_all(copy);
  }
  std::sort(runs.begin(), runs.end());
  std::sort(startups.begin(), startups.end());
  const auto typical = std::chrono::microseconds(static_cast<long long>(runs[1] * 1e6));
  const auto startup = std::min(typical, std::chrono::microseconds(static_cast<long long>(startups[1] * 0.9e6)));

  int killed = 0, partial = 0, beyond_ack = 0, torn = 0, compaction_kills = 0;
  const auto started = Clock::now();
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::vector<ConsentChange> changes = random_changes(rng, graph, kEvents);
    write_text(events_path, events_csv(changes));
    // The version after each prefix of this round's events, by the model.
    std::vector<std::uint64_t> version_after(changes.size() + 1);
    {
      Model scratch = model;
      version_after[0] = scratch.version();
      for (std::size_t i = 0; i < changes.size(); ++i) {
        scratch.apply(changes[i]);
        version_after[i + 1] = scratch.version();
      }
    }
    const auto from = round % 4 == 0 ? std::chrono::microseconds(0) : startup;
    const auto delay = from + std::chrono::microseconds(rng() % (typical.count() - from.count() + 1));
    const ChildOutcome child = run_and_kill({"consent", store, "--apply", events_path}, delay, true);
    if (!child.killed) {
      ASSERT_EQ(child.exit_code, 0) << child.err;
    }
    killed += child.killed;
    const std::size_t ack = acknowledged(child.err, changes.size());
    if (!child.killed) {
      EXPECT_EQ(ack, changes.size()) << child.err;
    }
    partial += ack > 0 && ack < changes.size();

    Result<Insights> insights = Insights::open(store);
    ASSERT_TRUE(insights.ok()) << "after a kill at " << delay.count() << " us: " << insights.status().message();
    torn += insights->journal_had_torn_tail();
    const std::uint64_t v = insights->consent_version();
    ASSERT_GE(v, version_after[ack]) << "acknowledged " << ack << " changes (version " << version_after[ack]
                                     << ") but the store reopened at version " << v;
    ASSERT_LE(v, version_after.back()) << "the store is ahead of every change it was given";
    beyond_ack += v > version_after[ack];
    // Exactly the changes up to version v, and nothing of the next one.
    std::size_t k = 0;
    while (model.version() < v) model.apply(changes[k++]);
    const std::string diff = compare(insights->store(), model, outside);
    ASSERT_EQ(diff, "") << "state after a kill at " << delay.count() << " us (" << k << " events replayed)";
    // The public answers agree with the model's rules too.
    for (int q = 0; q < 40; ++q) {
      const MemberId viewer = graph[rng() % graph.size()];
      const MemberId subject = q % 10 == 0 ? outside[rng() % outside.size()] : graph[rng() % graph.size()];
      const bool in_graph = subject < kOutsideBase;
      EXPECT_EQ(insights->shared_connections(viewer, subject).status, model.status(viewer, subject, in_graph))
          << viewer << " -> " << subject;
    }

    if (round % 10 == 9) {
      // Kill a compaction too: it must change nothing that queries see.
      const auto compact_delay = std::chrono::microseconds(rng() % (typical.count() / 2 + 1));
      const ChildOutcome c = run_and_kill({"consent", store, "--compact"}, compact_delay, true);
      if (!c.killed) {
        ASSERT_EQ(c.exit_code, 0) << c.err;
      }
      compaction_kills += c.killed;
      Result<Insights> after = Insights::open(store);
      ASSERT_TRUE(after.ok()) << "after a compaction killed at " << compact_delay.count()
                              << " us: " << after.status().message();
      ASSERT_EQ(compare(after->store(), model, outside), "") << "a killed compaction changed the state";
    } else if (round % 4 == 3) {
      // Keep the journal short so every open stays fast.
      insights = Insights::open(store);
      ASSERT_TRUE(insights.ok()) << insights.status().message();
      ASSERT_TRUE(insights->compact().ok());
    }
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::printf("[ crash    ] %d rounds of %zu events, typical run %.0f ms (startup %.0f ms): %d killed mid-run, "
              "%d partly acknowledged, %d durable beyond the last acknowledgement, %d torn tails, %d compactions "
              "killed, %.1f s\n",
              kRounds, kEvents, runs[1] * 1e3, startups[1] * 1e3, killed, partial, beyond_ack, torn,
              compaction_kills, seconds);
  // The kills must have landed mid-run often enough to mean something.
  EXPECT_GE(killed, kRounds / 3);
  EXPECT_GE(partial, 5);
}

// ---------------------------------------------------------------------------
// By hand.

struct Frame {
  std::uint64_t start, end;
};

// The records of a journal file, from their framing.
std::vector<Frame> frames(const std::string& bytes) {
  using internal::kJournalHeaderBytes;
  using internal::kRecordHeaderBytes;
  std::vector<Frame> out;
  std::size_t at = kJournalHeaderBytes;
  while (at + kRecordHeaderBytes <= bytes.size()) {
    std::uint32_t length = 0;
    std::memcpy(&length, bytes.data() + at + 4, 4);
    out.push_back({at, at + kRecordHeaderBytes + length});
    at += kRecordHeaderBytes + length;
  }
  return out;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Three changes; the third member's state before the changes.
struct ThreeChanges {
  std::string store;
  std::vector<ConsentChange> changes;
  std::string journal;
};

ThreeChanges three_changes(const TempDir& dir) {
  ThreeChanges t;
  t.store = build_ego_store(dir, "ego.store");
  // 3553 is linked with every grant and visible in the sample consent.
  t.changes = {{3553, K::kRevoke, Category::kLiConnections, {}},
               {3835, K::kHide, std::nullopt, {}},
               {1185, K::kLink, std::nullopt, {}}};
  Result<Insights> insights = Insights::open(t.store);
  if (!insights.ok()) throw std::runtime_error(insights.status().message());
  for (std::size_t i = 0; i < t.changes.size(); ++i) {
    Result<ChangeResult> r = insights->change(t.changes[i]);
    if (!r.ok() || r->version != i + 1) throw std::runtime_error("change failed");
  }
  t.journal = t.store + "/consent.journal";
  return t;
}

TEST(ConsentCrash, TornRecordIsReportedAndCutByTheNextChange) {
  for (const std::uint64_t into : {std::uint64_t{1}, std::uint64_t{10}, std::uint64_t{23}, std::uint64_t{30}}) {
    SCOPED_TRACE("cut " + std::to_string(into) + " bytes into the last record");
    TempDir dir;
    const ThreeChanges t = three_changes(dir);
    const std::string full = read_text(t.journal);
    const std::vector<Frame> f = frames(full);
    ASSERT_EQ(f.size(), 3u);
    ASSERT_EQ(f.back().end, full.size());
    ASSERT_LT(f[2].start + into, f[2].end);
    fs::resize_file(t.journal, f[2].start + into);
    {
      Result<Insights> insights = Insights::open(t.store);
      ASSERT_TRUE(insights.ok()) << insights.status().message();
      EXPECT_TRUE(insights->journal_had_torn_tail());
      EXPECT_EQ(insights->consent_version(), 2u);
      // Changes 1 and 2 hold; the cut third one (link 1185) does not.
      EXPECT_EQ(insights->shared_connections(3553, 3835).status, QueryStatus::kConsentMissing);
      EXPECT_EQ(insights->shared_connections(1185, 1886).status, QueryStatus::kViewerNotLinked);
      Result<ChangeResult> r = insights->change({3553, K::kGrant, Category::kLiConnections, {}});
      ASSERT_TRUE(r.ok()) << r.status().message();
      EXPECT_EQ(r->version, 3u);
      // 3835 is hidden (change 2), so the subject is unavailable.
      EXPECT_EQ(insights->shared_connections(3553, 3835).status, QueryStatus::kSubjectUnavailable);
    }
    // The torn bytes are gone: the journal is exactly three whole records.
    const std::string after = read_text(t.journal);
    const std::vector<Frame> g = frames(after);
    ASSERT_EQ(g.size(), 3u);
    EXPECT_EQ(g.back().end, after.size());
    EXPECT_EQ(after.substr(0, f[2].start), full.substr(0, f[2].start));
    Result<Insights> reopened = Insights::open(t.store);
    ASSERT_TRUE(reopened.ok()) << reopened.status().message();
    EXPECT_FALSE(reopened->journal_had_torn_tail());
    EXPECT_EQ(reopened->consent_version(), 3u);
    EXPECT_EQ(reopened->shared_connections(3553, 3835).status, QueryStatus::kSubjectUnavailable);
    EXPECT_EQ(reopened->shared_connections(1185, 1886).status, QueryStatus::kViewerNotLinked);
  }
}

TEST(ConsentCrash, DamagedMiddleRecordFailsTheOpen) {
  TempDir dir;
  const ThreeChanges t = three_changes(dir);
  std::string bytes = read_text(t.journal);
  const std::vector<Frame> f = frames(bytes);
  ASSERT_EQ(f.size(), 3u);
  // A payload byte of the middle record.
  const std::size_t at = f[1].start + internal::kRecordHeaderBytes + 9;
  bytes[at] = static_cast<char>(bytes[at] ^ 0x40);
  write_text(t.journal, bytes);
  Result<Insights> insights = Insights::open(t.store);
  ASSERT_FALSE(insights.ok()) << "a damaged middle record was accepted";
  EXPECT_EQ(insights.status().code(), StatusCode::kDataLoss);
  const std::string& message = insights.status().message();
  EXPECT_NE(message.find("consent journal damaged"), std::string::npos) << message;
  EXPECT_NE(message.find(t.journal), std::string::npos) << message;
  EXPECT_NE(message.find("offset " + std::to_string(f[1].start)), std::string::npos) << message;
  // The command line refuses too (a runtime failure, exit 1), and changes nothing.
  const CliResult r = run_cli({"consent", t.store, "show", "1"});
  EXPECT_EQ(r.exit_code, 1) << r;
  EXPECT_NE(r.err.find("consent journal damaged"), std::string::npos) << r;
  EXPECT_EQ(read_text(t.journal), bytes);
}

}  // namespace
}  // namespace mutuals::testing
