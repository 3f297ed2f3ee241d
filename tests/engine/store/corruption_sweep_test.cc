// Hostile bytes on disk: a seeded sweep of flipped bytes, overwritten runs,
// truncations and appended garbage in every file of a real store
// (manifest.mfb, data.bin, consent-<V>.bin, consent.journal), 10,000 trials.
//
// The store: ego-Facebook with the sample consent, changes folded into a
// compacted consent file (outside members, imported contacts), and more
// changes in the journal on top. Every damaged open must either fail with a
// clear error (kDataLoss, or kFailedPrecondition for a version field, with a
// message naming the damaged file) or answer a fixed set of 200 questions
// (limit 5) exactly as the pristine store does. The one permitted third
// outcome is the journal's documented torn tail: a journal whose last record
// was cut off or fails its checksum opens at an earlier version, reports the
// torn tail, and answers exactly as the store did at that version. Never a
// crash: run it under AddressSanitizer too.
#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/checksum.h"
#include "mutuals/insights.h"
#include "mutuals/loaders/consent_file.h"
#include "mutuals/loaders/edges.h"
#include "mutuals/store.h"
#include "store/journal.h"
#include "store/layout.h"
#include "store/manifest.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace mutuals::testing {
namespace {

namespace fs = std::filesystem;
using K = ConsentChange::Kind;
using Clock = std::chrono::steady_clock;

constexpr int kTrials = 10'000;
constexpr std::size_t kLimit = 5;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void put(const std::string& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot write " + path);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      ::close(fd);
      throw std::runtime_error("cannot write " + path);
    }
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

// Rewrites only the bytes that differ, so that a trial costs what its
// damage costs (the files are opened by path, never kept open).
void rewrite(const std::string& path, const std::string& from, const std::string& to) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open " + path);
  std::size_t lo = 0;
  const std::size_t common = std::min(from.size(), to.size());
  while (lo < common && from[lo] == to[lo]) ++lo;
  std::size_t hi = common;  // [lo, hi) of `to` differs within the common length
  while (hi > lo && from[hi - 1] == to[hi - 1]) --hi;
  if (to.size() > common) hi = to.size();
  bool ok = true;
  if (to.size() < from.size()) ok = ::ftruncate(fd, static_cast<off_t>(to.size())) == 0;
  std::size_t done = lo;
  while (ok && done < hi) {
    const ssize_t n = ::pwrite(fd, to.data() + done, hi - done, static_cast<off_t>(done));
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot rewrite " + path);
}

struct Answer {
  QueryStatus status;
  std::uint64_t count;
  std::vector<MemberId> items;
  bool operator==(const Answer&) const = default;
};

std::vector<Answer> ask(const Insights& insights, const std::vector<MemberPair>& pairs) {
  std::vector<Answer> out;
  out.reserve(pairs.size());
  for (const MemberPair& p : pairs) {
    const SharedConnections r = insights.shared_connections(p.viewer, p.subject, kLimit);
    out.push_back({r.status, r.count, r.items});
  }
  return out;
}

// The changes that make the store interesting: every kind, on members the
// questions involve, plus members outside the graph.
std::vector<ConsentChange> changes_for(const std::vector<MemberPair>& pairs, std::mt19937_64& rng, std::size_t n) {
  std::vector<ConsentChange> out;
  for (std::size_t i = 0; i < n; ++i) {
    const MemberPair& p = pairs[rng() % pairs.size()];
    ConsentChange c;
    c.member = rng() % 3 == 0 ? p.subject : p.viewer;
    if (rng() % 10 == 0) c.member = 7'000'000'000ull + rng() % 5;
    c.kind = static_cast<K>(rng() % 8);
    if (c.kind == K::kGrant || c.kind == K::kRevoke) c.category = rng() % 2 ? Category::kLiConnections
                                                                              : static_cast<Category>(rng() % 9);
    if (c.kind == K::kImportContacts) c.contacts = {rng() % 4039, rng() % 4039};
    out.push_back(std::move(c));
  }
  return out;
}

class CorruptionSweep : public ::testing::Test {
 protected:
  void SetUp() override {
    auto edges = loaders::load_edges(data_sample("snap-ego-facebook/facebook_combined.txt.gz"));
    ASSERT_TRUE(edges.ok()) << edges.status().message();
    auto consent = loaders::load_consent(data_sample("sample/consent.csv"));
    ASSERT_TRUE(consent.ok()) << consent.status().message();
    // 200 questions: random viewers with a connection or a friend of a friend.
    std::vector<std::vector<MemberId>> adj(4039);
    for (const MemberEdge& e : edges->edges) {
      adj[e.a].push_back(e.b);
      adj[e.b].push_back(e.a);
    }
    std::mt19937_64 rng(777);
    while (pairs_.size() < 200) {
      const MemberId v = rng() % adj.size();
      if (adj[v].empty()) continue;
      MemberId s = adj[v][rng() % adj[v].size()];
      if (rng() % 2 && !adj[s].empty()) s = adj[s][rng() % adj[s].size()];
      if (s != v) pairs_.push_back({v, s});
    }
    BuildInput in;
    in.edges = std::move(edges->edges);
    in.consent = std::move(*consent);
    store_ = dir_.file("pristine.store");
    ASSERT_TRUE(build_store(std::move(in), store_).ok());
    {
      Result<Insights> insights = Insights::open(store_);
      ASSERT_TRUE(insights.ok()) << insights.status().message();
      ASSERT_TRUE(insights->change_all(changes_for(pairs_, rng, 60)).ok());
      ASSERT_TRUE(insights->compact().ok());
      folded_ = insights->consent_version();
      ASSERT_TRUE(insights->change_all(changes_for(pairs_, rng, 40)).ok());
      pristine_version_ = insights->consent_version();
    }
    ASSERT_GT(folded_, 0u);
    ASSERT_GT(pristine_version_, folded_);
    for (const auto& e : fs::directory_iterator(store_)) {
      const std::string name = e.path().filename().string();
      if (name == "consent.lock") continue;
      files_.push_back(name);
      bytes_[name] = slurp(e.path().string());
    }
    ASSERT_EQ(files_.size(), 4u) << "expected manifest.mfb, data.bin, consent-N.bin and consent.journal";
    ASSERT_TRUE(bytes_.count("consent-" + std::to_string(folded_) + ".bin"));
    // The answers at every version the journal can be cut back to.
    const std::string journal = bytes_.at("consent.journal");
    const std::string scratch = dir_.file("cut.store");
    fs::copy(store_, scratch, fs::copy_options::recursive);
    std::size_t at = mutuals::internal::kJournalHeaderBytes;
    record_boundaries_ = {0};
    for (std::uint64_t v = folded_;; ++v) {
      put(scratch + "/consent.journal", journal.substr(0, at));
      Result<Insights> insights = Insights::open(scratch);
      ASSERT_TRUE(insights.ok()) << insights.status().message();
      ASSERT_EQ(insights->consent_version(), v);
      answers_[v] = ask(*insights, pairs_);
      record_boundaries_.insert(at);
      if (at >= journal.size()) break;
      std::uint32_t length = 0;
      std::memcpy(&length, journal.data() + at + 4, 4);
      at += 24 + length;
    }
    ASSERT_EQ(answers_.rbegin()->first, pristine_version_);
    fs::remove_all(scratch);
  }

  TempDir dir_;
  std::string store_;
  std::vector<MemberPair> pairs_;
  std::uint64_t folded_ = 0, pristine_version_ = 0;
  std::vector<std::string> files_;
  std::map<std::string, std::string> bytes_;
  std::map<std::uint64_t, std::vector<Answer>> answers_;  // by consent version
  std::set<std::uint64_t> record_boundaries_;             // journal offsets between records (and 0)
};

TEST_F(CorruptionSweep, EveryDamagedOpenFailsClearlyOrAnswersAsBefore) {
  const std::string scratch = dir_.file("scratch.store");
  fs::copy(store_, scratch, fs::copy_options::recursive);
  std::mt19937_64 rng(20240612);
  std::map<std::string, int> outcomes;
  std::vector<std::string> failures;
  auto fail = [&](const std::string& what) {
    if (failures.size() < 15) failures.push_back(what);
    outcomes["FAILED"]++;
  };
  const auto started = Clock::now();
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string& name = files_[rng() % files_.size()];
    const std::string& pristine = bytes_.at(name);
    std::string damaged = pristine;
    std::string how;
    const std::uint64_t size = pristine.size();
    switch (rng() % 8) {
      case 0: case 1: case 2: case 3: {  // one byte flipped
        const std::uint64_t at = rng() % size;
        const auto mask = static_cast<unsigned char>(1 + rng() % 255);
        damaged[at] = static_cast<char>(damaged[at] ^ mask);
        how = "flip byte " + std::to_string(at) + " ^ " + std::to_string(mask);
        break;
      }
      case 4: {  // a run overwritten with random bytes
        const std::uint64_t at = rng() % size;
        const std::uint64_t n = std::min<std::uint64_t>(1 + rng() % 16, size - at);
        for (std::uint64_t i = 0; i < n; ++i) damaged[at + i] = static_cast<char>(rng());
        how = "overwrite " + std::to_string(n) + " bytes at " + std::to_string(at);
        break;
      }
      case 5: case 6: {  // truncated
        const std::uint64_t at = rng() % size;
        damaged.resize(at);
        how = "truncate to " + std::to_string(at);
        break;
      }
      default: {  // garbage appended
        const std::uint64_t n = 1 + rng() % 64;
        for (std::uint64_t i = 0; i < n; ++i) damaged.push_back(static_cast<char>(rng()));
        how = "append " + std::to_string(n) + " bytes";
        break;
      }
    }
    if (damaged == pristine) continue;
    const std::string what = name + ": " + how;
    rewrite(scratch + "/" + name, pristine, damaged);
    Result<Insights> insights = Insights::open(scratch);
    if (!insights.ok()) {
      const Status& s = insights.status();
      if (s.code() != StatusCode::kDataLoss && s.code() != StatusCode::kFailedPrecondition) {
        fail(what + ": failed with " + std::string(to_string(s.code())) + ": " + s.message());
      } else if (s.message().find(name) == std::string::npos) {
        fail(what + ": the error does not name the damaged file: " + s.message());
      } else {
        outcomes[std::string("refused (") + std::string(to_string(s.code())) + ")"]++;
      }
    } else {
      const std::uint64_t v = insights->consent_version();
      const auto expected = answers_.find(v);
      if (expected == answers_.end()) {
        fail(what + ": opened at version " + std::to_string(v) + ", which never existed");
      } else if (ask(*insights, pairs_) != expected->second) {
        fail(what + ": opened at version " + std::to_string(v) + " but answers differ from that version's");
      } else if (v == pristine_version_) {
        outcomes["answers as before"]++;
      } else if (name != "consent.journal") {
        fail(what + ": opened at the earlier version " + std::to_string(v));
      } else if (insights->journal_had_torn_tail()) {
        outcomes["torn journal tail, earlier version"]++;
      } else if (record_boundaries_.count(damaged.size()) && pristine.compare(0, damaged.size(), damaged) == 0) {
        // Cut exactly between records (or to nothing): the same bytes as a
        // journal that had not received the later records yet. Nothing on
        // disk tells the two apart (see the report).
        outcomes["journal cut at a record boundary, earlier version"]++;
      } else {
        fail(what + ": opened at the earlier version " + std::to_string(v) + " without reporting a torn tail");
      }
    }
    rewrite(scratch + "/" + name, damaged, pristine);
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::string summary;
  for (const auto& [outcome, n] : outcomes) summary += "  " + outcome + ": " + std::to_string(n) + "\n";
  std::printf("[ sweep    ] %d trials in %.1f s\n%s", kTrials, seconds, summary.c_str());
  std::string first;
  for (const std::string& f : failures) first += f + "\n";
  EXPECT_TRUE(failures.empty()) << outcomes["FAILED"] << " bad outcomes; the first:\n" << first;
  // The sweep must have reached both kinds of outcome.
  EXPECT_GT(outcomes["answers as before"], 0);
  EXPECT_GT(outcomes["refused (data loss)"], kTrials / 4);
}

// Every bit of the journal header (magic and base version), and of the
// first record's header, one at a time: always a clear refusal.
TEST_F(CorruptionSweep, JournalHeaderBitsAreRefused) {
  const std::string scratch = dir_.file("header.store");
  fs::copy(store_, scratch, fs::copy_options::recursive);
  const std::string& pristine = bytes_.at("consent.journal");
  std::map<std::string, int> outcomes;
  const std::size_t header = internal::kJournalHeaderBytes;
  for (std::size_t at = 0; at < header + internal::kRecordHeaderBytes; ++at) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string damaged = pristine;
      damaged[at] = static_cast<char>(damaged[at] ^ (1 << bit));
      rewrite(scratch + "/consent.journal", pristine, damaged);
      Result<Insights> insights = Insights::open(scratch);
      const std::string what = "byte " + std::to_string(at) + " bit " + std::to_string(bit);
      if (insights.ok()) {
        // Only the record header's reserved u32 (bytes 12..15 of the record) is not checked.
        EXPECT_TRUE(at >= header + 12 && at < header + 16) << what << ": opened";
        EXPECT_EQ(insights->consent_version(), pristine_version_) << what;
        EXPECT_EQ(ask(*insights, pairs_), answers_.at(pristine_version_)) << what;
        outcomes["opened (reserved bytes)"]++;
      } else {
        outcomes[std::string(to_string(insights.status().code()))]++;
        EXPECT_EQ(insights.status().code(), StatusCode::kDataLoss) << what << ": " << insights.status().message();
        EXPECT_NE(insights.status().message().find("consent.journal"), std::string::npos)
            << what << ": " << insights.status().message();
      }
      rewrite(scratch + "/consent.journal", damaged, pristine);
    }
  }
  std::string summary;
  for (const auto& [outcome, n] : outcomes) summary += " " + outcome + ": " + std::to_string(n) + ";";
  std::printf("[ header   ]%s\n", summary.c_str());
}

// BUG (engine/src/facets/facet_verify.cc, verify_facet; found by
// tests/fuzz/fuzz_store_open, input kept as
// tests/fuzz/regressions/fuzz_store_open/facet_member_offsets_not_checked_before_use):
// verify_facet checks that member_offsets end at entries.size() and, inside
// the loop over members, that offsets[v+1] >= offsets[v]; but it reads
// member v's entries (FacetView::of(v) = entries.subspan(offsets[v],
// offsets[v+1] - offsets[v])) in the same iteration, before any later offset
// could show that offsets[v+1] was past the end. With offsets
// [0, 0x17 << 56, 0, ...] member 0's span ends past the end of the address
// space: under UBSan (preset asan-ubsan) "pointer index expression ...
// overflowed" aborts the process; in Release it reads past the section and
// happens to stop at the first garbage entry ("entry names no value"); with
// values present it can walk off the mapping. The value_offsets loop
// has the same shape (validate_bitmap over value_members + offsets[i] before
// offsets[i+1] <= value_members.size() is known). A damaged section whose
// checksum was recomputed must be refused (DataLoss), never read: check
// every offset against the section size (or all of them for order) before
// using any. Enable when fixed.
TEST(CorruptionSweepFacets, FacetOffsetsPastTheEndAreRefusedNotRead) {
  TempDir dir;
  BuildInput in;
  in.edges = {{1, 2}, {2, 3}, {3, 4}};
  in.threads = 1;
  const std::string store = dir.file("tiny.store");
  ASSERT_TRUE(build_store(std::move(in), store).ok());
  Result<internal::Manifest> m = internal::read_manifest(store);
  ASSERT_TRUE(m.ok()) << m.status().message();
  const std::string data_path = store + "/data.bin";
  std::string data = slurp(data_path);
  for (const char* kind : {"school", "employer"}) {
    const std::string name = internal::facet_section(kind, "member_offsets");
    internal::ManifestSection* s = nullptr;
    for (auto& section : m->sections) {
      if (section.name == name) s = &section;
    }
    ASSERT_NE(s, nullptr) << name;
    ASSERT_GE(s->length, 3 * sizeof(std::uint64_t)) << name;
    // offsets[1]: member 0's entries "end" 0x17 << 56 entries on (the fuzzer's value: the end pointer wraps)
    const std::uint64_t huge = std::uint64_t{0x17} << 56;
    std::memcpy(data.data() + s->offset + sizeof(std::uint64_t), &huge, sizeof huge);
    s->checksum = internal::checksum64(data.data() + s->offset, s->length);  // re-sealed: past the checksum
  }
  put(data_path, data);
  put(store + "/manifest.mfb", internal::encode_manifest(*m));
  Result<std::shared_ptr<const Store>> opened = Store::open(store);
  ASSERT_FALSE(opened.ok()) << "facet offsets past the end were accepted";
  EXPECT_EQ(opened.status().code(), StatusCode::kDataLoss) << opened.status().message();
  EXPECT_NE(opened.status().message().find("data.bin"), std::string::npos) << opened.status().message();
}

}  // namespace
}  // namespace mutuals::testing
