// The consent journal (engine/src/store/journal.h) byte by byte: framing
// round trip, a crash cut at every byte of the last record, a flipped byte in
// every record, version gaps, and compaction with the crashes it must survive.
//
// The rule under test: a torn last record (cut by a crash mid-append) is
// reported and cut off; any other damage is data loss and fails loudly;
// nothing is ever read back as a different change than the one written.
//
// Tiny store used by the compaction tests (member ids as drawn):
//
//     1 ─── 2 ─── 3
//     │   ╱ │
//     │  ╱  │
//     4 ─── 5        6 ─── 7
//
// Consent records for 1..5 only; 6 and 7 start at the secure defaults;
// 900 and 901 are outside the graph and known only from changes.
#include "common/checksum.h"
#include "store/journal.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "mutuals/insights.h"
#include "mutuals/store.h"
#include "store/layout.h"
#include "store/manifest.h"
#include "store/store_data.h"
#include "support/temp_dir.h"

namespace mutuals::internal {
namespace {

namespace fs = std::filesystem;
using mutuals::testing::TempDir;
using K = ConsentChange::Kind;

using mutuals::testing::read_bytes;
using mutuals::testing::write_bytes;

std::string header_bytes(std::uint64_t base) {
  std::string h = "MUTJRNL1";
  h.append(reinterpret_cast<const char*>(&base), sizeof base);
  const std::uint64_t sum = checksum64(&base, sizeof base);
  h.append(reinterpret_cast<const char*>(&sum), sizeof sum);
  return h;
}

// Every kind of change, with the awkward values: the largest member id, an
// empty and an unsorted contact list, a category on both ends of the enum.
std::vector<ConsentChange> every_kind() {
  return {
      {1, K::kLink, std::nullopt, {}},
      {~MemberId{0}, K::kUnlink, std::nullopt, {}},
      {3, K::kGrant, Category::kLiProfile, {}},
      {4, K::kRevoke, Category::kMsContacts, {}},
      {5, K::kShow, std::nullopt, {}},
      {6, K::kHide, std::nullopt, {}},
      {7, K::kImportContacts, std::nullopt, {30, 10, 20, ~MemberId{0}}},
      {8, K::kImportContacts, std::nullopt, {}},
      {9, K::kRemoveContacts, std::nullopt, {}},
      {0, K::kGrant, Category::kLiConnections, {}},
  };
}

bool same_change(const ConsentChange& a, const ConsentChange& b) {
  return a.member == b.member && a.kind == b.kind && a.category == b.category && a.contacts == b.contacts;
}

std::string describe(const ConsentChange& c) {
  std::ostringstream s;
  s << to_string(c.kind) << ' ' << c.member;
  if (c.category) s << ' ' << to_string(*c.category);
  for (MemberId m : c.contacts) s << ' ' << m;
  return s.str();
}

// A journal file at `path`: header with `base`, then one record per change
// with versions base+1, base+2, ...; returns the offset where each record
// starts, and the file size last.
std::vector<std::uint64_t> write_journal(const std::string& path, std::uint64_t base,
                                         const std::vector<ConsentChange>& changes) {
  std::string bytes = header_bytes(base);
  std::vector<std::uint64_t> starts;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    starts.push_back(bytes.size());
    bytes += encode_journal_record(base + 1 + i, changes[i]);
  }
  starts.push_back(bytes.size());
  write_bytes(path, bytes);
  return starts;
}

void expect_records(const JournalScan& scan, std::uint64_t base, const std::vector<ConsentChange>& changes,
                    std::size_t count) {
  ASSERT_EQ(scan.records.size(), count);
  for (std::size_t i = 0; i < count; ++i) {
    EXPECT_EQ(scan.records[i].version, base + 1 + i);
    EXPECT_TRUE(same_change(scan.records[i].change, changes[i]))
        << "record " << i << ": read " << describe(scan.records[i].change) << ", wrote " << describe(changes[i]);
  }
}

TEST(Journal, RecordFramingMatchesTheDocumentedLayout) {
  const ConsentChange c{42, K::kGrant, Category::kMsCalendar, {}};
  const std::string r = encode_journal_record(7, c);
  ASSERT_GT(r.size(), kRecordHeaderBytes);
  std::uint32_t magic, length, check, zero;
  std::memcpy(&magic, r.data(), 4);
  std::memcpy(&length, r.data() + 4, 4);
  std::memcpy(&check, r.data() + 8, 4);
  std::memcpy(&zero, r.data() + 12, 4);
  EXPECT_EQ(magic, 0x4A54554Du);
  EXPECT_EQ(length, r.size() - kRecordHeaderBytes);
  EXPECT_EQ(zero, 0u);
  EXPECT_NE(check, 0u);
  // The payload is a FlatBuffer with the "MUTJ" identifier at bytes 4..7.
  EXPECT_EQ(r.substr(kRecordHeaderBytes + 4, 4), "MUTJ");
}

TEST(Journal, EncodeThenScanRoundTripsEveryKind) {
  TempDir dir;
  const std::string path = dir.file("consent.journal");
  const auto changes = every_kind();
  const auto starts = write_journal(path, 41, changes);
  Result<JournalScan> scan = scan_journal(path, 0, 999);
  ASSERT_TRUE(scan.ok()) << scan.status().message();
  EXPECT_EQ(scan->base_version, 41u);
  EXPECT_FALSE(scan->torn_tail);
  EXPECT_EQ(scan->end_offset, starts.back());
  EXPECT_EQ(scan->file_bytes, starts.back());
  expect_records(*scan, 41, changes, changes.size());

  // Continuing from a record boundary reads the rest (the caller checks versions).
  Result<JournalScan> rest = scan_journal(path, starts[4], 999);
  ASSERT_TRUE(rest.ok()) << rest.status().message();
  ASSERT_EQ(rest->records.size(), changes.size() - 4);
  EXPECT_EQ(rest->records.front().version, 41u + 5);
  EXPECT_TRUE(same_change(rest->records.front().change, changes[4]));
  EXPECT_EQ(rest->end_offset, starts.back());
}

TEST(Journal, AppendCreatesExtendsAndCutsATornTail) {
  TempDir dir;
  const std::string path = dir.file("consent.journal");
  const auto changes = every_kind();
  // Absent: created with the base, then appended.
  ASSERT_TRUE(append_journal(path, 5, 0, encode_journal_record(6, changes[0])).ok());
  Result<JournalScan> one = scan_journal(path, 0, 0);
  ASSERT_TRUE(one.ok()) << one.status().message();
  EXPECT_EQ(one->base_version, 5u);
  expect_records(*one, 5, changes, 1);
  // Garbage past valid_end (a torn record) is cut before the next append.
  std::string torn = read_bytes(path) + encode_journal_record(7, changes[5]).substr(0, 30);
  write_bytes(path, torn);
  ASSERT_TRUE(append_journal(path, 5, one->end_offset, encode_journal_record(7, changes[1])).ok());
  Result<JournalScan> two = scan_journal(path, 0, 0);
  ASSERT_TRUE(two.ok()) << two.status().message();
  EXPECT_FALSE(two->torn_tail);
  expect_records(*two, 5, changes, 2);
  EXPECT_EQ(two->end_offset, fs::file_size(path));
}

TEST(Journal, MissingJournalIsEmptyAtTheGivenBase) {
  TempDir dir;
  Result<JournalScan> scan = scan_journal(dir.file("consent.journal"), 0, 17);
  ASSERT_TRUE(scan.ok()) << scan.status().message();
  EXPECT_EQ(scan->base_version, 17u);
  EXPECT_TRUE(scan->records.empty());
  EXPECT_FALSE(scan->torn_tail);
}

TEST(Journal, NotAJournalIsDataLoss) {
  TempDir dir;
  const std::string path = dir.write("consent.journal", "MUTJRNL2" + std::string(16, '\0'));
  Result<JournalScan> scan = scan_journal(path, 0, 0);
  ASSERT_FALSE(scan.ok());
  EXPECT_EQ(scan.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(scan.status().message().find("consent journal damaged"), std::string::npos) << scan.status().message();
  EXPECT_NE(scan.status().message().find(path), std::string::npos) << scan.status().message();
}

// A crash while the journal header itself was being written: nothing was
// acknowledged yet, so every cut of the 24 header bytes reads as empty.
TEST(Journal, CutInsideTheHeaderIsATornEmptyJournal) {
  TempDir dir;
  const std::string path = dir.file("consent.journal");
  const std::string header = header_bytes(3);
  for (std::size_t cut = 0; cut < header.size(); ++cut) {
    SCOPED_TRACE("cut at " + std::to_string(cut));
    write_bytes(path, header.substr(0, cut));
    Result<JournalScan> scan = scan_journal(path, 0, 3);
    ASSERT_TRUE(scan.ok()) << scan.status().message();
    EXPECT_TRUE(scan->records.empty());
    EXPECT_EQ(scan->torn_tail, cut > 0);
    EXPECT_EQ(scan->base_version, 3u);
  }
}

TEST(Journal, TornTailAtEveryByteOfTheLastRecord) {
  TempDir dir;
  const std::string path = dir.file("consent.journal");
  const std::vector<ConsentChange> changes = {every_kind()[0], every_kind()[6], every_kind()[2]};
  const auto starts = write_journal(path, 10, changes);
  const std::string full = read_bytes(path);
  const std::uint64_t last = starts[2], end = starts[3];
  for (std::uint64_t cut = last; cut <= end; ++cut) {
    SCOPED_TRACE("cut at " + std::to_string(cut) + " (last record spans " + std::to_string(last) + ".." +
                 std::to_string(end) + ")");
    write_bytes(path, full.substr(0, cut));
    Result<JournalScan> scan = scan_journal(path, 0, 0);
    ASSERT_TRUE(scan.ok()) << scan.status().message();
    if (cut == end) {
      EXPECT_FALSE(scan->torn_tail);
      expect_records(*scan, 10, changes, 3);
      continue;
    }
    EXPECT_EQ(scan->torn_tail, cut > last);
    EXPECT_EQ(scan->end_offset, last);
    expect_records(*scan, 10, changes, 2);
    // The next append cuts the torn bytes off and continues the versions.
    const ConsentChange next{77, K::kHide, std::nullopt, {}};
    ASSERT_TRUE(append_journal(path, 10, scan->end_offset, encode_journal_record(13, next)).ok());
    Result<JournalScan> after = scan_journal(path, 0, 0);
    ASSERT_TRUE(after.ok()) << after.status().message();
    EXPECT_FALSE(after->torn_tail);
    ASSERT_EQ(after->records.size(), 3u);
    EXPECT_EQ(after->records[2].version, 13u);
    EXPECT_TRUE(same_change(after->records[2].change, next));
    EXPECT_EQ(fs::file_size(path), after->end_offset);
  }
}

// Flip every byte of every record of a 3-record journal, with two masks.
// A middle or first record: data loss. The last record: a torn tail (the
// first two records intact) or data loss. Never a record read back changed.
TEST(Journal, FlippedByteInEachRecord) {
  TempDir dir;
  const std::string path = dir.file("consent.journal");
  const std::vector<ConsentChange> changes = {every_kind()[6], every_kind()[3], every_kind()[1]};
  const auto starts = write_journal(path, 0, changes);
  const std::string full = read_bytes(path);
  std::vector<std::string> unchecked;  // flips the reader ignored (reserved bytes)
  for (std::size_t rec = 0; rec < 3; ++rec) {
    for (std::uint64_t at = starts[rec]; at < starts[rec + 1]; ++at) {
      for (unsigned char mask : {0x01, 0xFF}) {
        SCOPED_TRACE("record " + std::to_string(rec) + ", byte " + std::to_string(at - starts[rec]) + ", mask " +
                     std::to_string(mask));
        std::string bytes = full;
        bytes[at] = static_cast<char>(bytes[at] ^ mask);
        write_bytes(path, bytes);
        Result<JournalScan> scan = scan_journal(path, 0, 0);
        const bool reserved = at - starts[rec] >= 12 && at - starts[rec] < 16;
        if (scan.ok() && reserved) {
          // The u32 "zero" of the record header is not checked; the record
          // it frames must still read back exactly.
          expect_records(*scan, 0, changes, 3);
          unchecked.push_back(std::to_string(rec) + ":" + std::to_string(at - starts[rec]));
          continue;
        }
        if (rec < 2) {
          ASSERT_FALSE(scan.ok()) << "a damaged record " << rec << " of 3 was accepted";
          EXPECT_EQ(scan.status().code(), StatusCode::kDataLoss);
          EXPECT_NE(scan.status().message().find("consent journal damaged"), std::string::npos)
              << scan.status().message();
          EXPECT_NE(scan.status().message().find("offset " + std::to_string(starts[rec])), std::string::npos)
              << scan.status().message();
        } else if (scan.ok()) {
          EXPECT_TRUE(scan->torn_tail) << "a damaged last record was read as a good one";
          expect_records(*scan, 0, changes, 2);
        } else {
          EXPECT_EQ(scan.status().code(), StatusCode::kDataLoss);
        }
      }
    }
  }
  // Only the reserved bytes may go unnoticed (3 records x 4 bytes x 2 masks).
  EXPECT_LE(unchecked.size(), 24u);
}

TEST(Journal, VersionGapsAreDataLoss) {
  TempDir dir;
  const std::string path = dir.file("consent.journal");
  const ConsentChange c{1, K::kShow, std::nullopt, {}};
  struct Case {
    std::uint64_t base;
    std::vector<std::uint64_t> versions;
    std::string expected;  // in the message
  };
  const std::vector<Case> cases = {
      {0, {1, 2, 4}, "version 4 where 3 was due"},   // a gap before the (intact) last record
      {0, {1, 3, 4}, "version 3 where 2 was due"},   // a gap in the middle
      {5, {5, 6}, "version 5 where 6 was due"},      // a record the base already folded
      {5, {7}, "version 7 where 6 was due"},         // a gap right after the base
      {0, {1, 1}, "version 1 where 2 was due"},      // a repeated version
      {0, {1, 2, 1}, "version 1 where 3 was due"},   // going back
  };
  for (const Case& k : cases) {
    std::string bytes = header_bytes(k.base);
    for (std::uint64_t v : k.versions) bytes += encode_journal_record(v, c);
    write_bytes(path, bytes);
    Result<JournalScan> scan = scan_journal(path, 0, 0);
    ASSERT_FALSE(scan.ok()) << k.expected;
    EXPECT_EQ(scan.status().code(), StatusCode::kDataLoss);
    EXPECT_NE(scan.status().message().find(k.expected), std::string::npos) << scan.status().message();
    EXPECT_NE(scan.status().message().find("consent journal damaged"), std::string::npos) << scan.status().message();
  }
}

// --- Compaction, through Insights on the tiny store drawn above.

struct ConsentState {
  std::uint64_t version = 0;
  std::map<MemberId, MemberFlags> graph;  // by member id
  std::map<MemberId, MemberFlags> outside;
  std::map<MemberId, std::vector<MemberId>> contacts;
  bool operator==(const ConsentState&) const = default;
};

ConsentState capture(const Store& store) {
  const StoreData& d = store.data();
  const ConsentSnapshot& s = *d.consent;
  ConsentState st;
  st.version = s.version();
  for (VertexId v = 0; v < d.members(); ++v) st.graph[d.vertex_member[v]] = s.flags(v);
  s.outside().for_each([&](MemberId m, MemberFlags f) { st.outside[m] = f; });
  s.all_contacts().for_each([&](MemberId m, const ConsentSnapshot::ContactList& c) { st.contacts[m] = *c; });
  return st;
}

std::string show(const ConsentState& s) {
  std::ostringstream o;
  o << "version " << s.version << "; graph";
  for (const auto& [m, f] : s.graph) o << ' ' << m << ':' << f;
  o << "; outside";
  for (const auto& [m, f] : s.outside) o << ' ' << m << ':' << f;
  o << "; contacts";
  for (const auto& [m, c] : s.contacts) {
    o << ' ' << m << ":[";
    for (MemberId x : c) o << x << ' ';
    o << ']';
  }
  return o.str();
}

ConsentState open_state(const std::string& store_dir) {
  Result<std::shared_ptr<const Store>> store = Store::open(store_dir);
  if (!store.ok()) {
    ADD_FAILURE() << store.status().message();
    return {};
  }
  return capture(**store);
}

std::string build_tiny_store(const TempDir& dir) {
  BuildInput in;
  in.edges = {{1, 2}, {2, 3}, {1, 4}, {2, 4}, {2, 5}, {4, 5}, {6, 7}};
  in.consent = {{1, true, true, true, kAllGrants},
                {2, true, true, true, kAllGrants},
                {3, false, true, true, 0},
                {4, true, false, true, grant_bit(Category::kLiConnections)},
                {5, true, true, false, kAllGrants}};
  const std::string out = dir.file("tiny.store");
  Result<BuildReport> r = build_store(std::move(in), out);
  if (!r.ok()) throw std::runtime_error(r.status().message());
  return out;
}

// Changes of every kind, including members outside the graph and contacts.
std::vector<ConsentChange> compaction_changes() {
  return {
      {6, K::kLink, std::nullopt, {}},
      {6, K::kShow, std::nullopt, {}},
      {6, K::kImportContacts, std::nullopt, {7, 3, 900}},
      {6, K::kUnlink, std::nullopt, {}},  // contacts stay
      {900, K::kLink, std::nullopt, {}},  // outside the graph
      {900, K::kRevoke, Category::kMsCalendar, {}},
      {901, K::kShow, std::nullopt, {}},
      {1, K::kImportContacts, std::nullopt, {5}},
      {1, K::kImportContacts, std::nullopt, {3, 5}},
      {2, K::kImportContacts, std::nullopt, {1}},
      {2, K::kRemoveContacts, std::nullopt, {}},
      {3, K::kHide, std::nullopt, {}},
      {4, K::kRevoke, Category::kLiConnections, {}},
      {5, K::kGrant, Category::kLiInterests, {}},
  };
}

std::size_t count_consent_files(const std::string& store_dir) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(store_dir)) {
    const std::string name = e.path().filename().string();
    n += name.rfind("consent-", 0) == 0 && name.size() > 12 && name.substr(name.size() - 4) == ".bin";
  }
  return n;
}

TEST(JournalCompaction, CompactThenReopenGivesIdenticalState) {
  TempDir dir;
  const std::string store = build_tiny_store(dir);
  const auto changes = compaction_changes();
  ConsentState before;
  std::uint64_t version = 0;
  {
    Result<Insights> insights = Insights::open(store);
    ASSERT_TRUE(insights.ok()) << insights.status().message();
    Result<std::vector<ChangeResult>> r = insights->change_all(changes);
    ASSERT_TRUE(r.ok()) << r.status().message();
    for (const ChangeResult& c : *r) EXPECT_EQ(c.status, QueryStatus::kOk);
    version = insights->consent_version();
    EXPECT_EQ(version, changes.size());
    before = open_state(store);
    EXPECT_EQ(before.version, version);
    EXPECT_EQ(before.contacts.at(6), (std::vector<MemberId>{3, 7, 900}));  // kept across unlink
    EXPECT_EQ(before.contacts.count(2), 0u);
    EXPECT_EQ(before.outside.size(), 2u);
    ASSERT_TRUE(insights->compact().ok());
    EXPECT_EQ(insights->consent_version(), version);
  }
  // The manifest names the new file; the old one is gone; the journal is empty at the new base.
  Result<Manifest> m = read_manifest(store);
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->consent_version, version);
  EXPECT_TRUE(fs::exists(store + "/" + consent_file_name(version)));
  EXPECT_FALSE(fs::exists(store + "/" + consent_file_name(0)));
  EXPECT_EQ(count_consent_files(store), 1u);
  EXPECT_EQ(fs::file_size(store + "/consent.journal"), kJournalHeaderBytes);
  Result<JournalScan> scan = scan_journal(store + "/consent.journal", 0, 0);
  ASSERT_TRUE(scan.ok()) << scan.status().message();
  EXPECT_EQ(scan->base_version, version);
  EXPECT_TRUE(scan->records.empty());

  const ConsentState after = open_state(store);
  EXPECT_TRUE(after == before) << "before: " << show(before) << "\nafter:  " << show(after);

  // Changes continue from the folded version and survive another reopen and compaction.
  {
    Result<Insights> insights = Insights::open(store);
    ASSERT_TRUE(insights.ok()) << insights.status().message();
    EXPECT_FALSE(insights->journal_had_torn_tail());
    Result<ChangeResult> r = insights->change({7, K::kShow, std::nullopt, {}});
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->version, version + 1);
    ASSERT_TRUE(insights->compact().ok());
    ASSERT_TRUE(insights->compact().ok());  // nothing to fold: a no-op
  }
  const ConsentState again = open_state(store);
  EXPECT_EQ(again.version, version + 1);
  EXPECT_TRUE(again.graph.at(7) & kFlagVisible);
  EXPECT_EQ(count_consent_files(store), 1u);
}

// The compaction commits at the manifest; the journal reset comes after it.
// A crash in between leaves the new manifest with the old journal (old base,
// records already folded): reopening must give the same state, and the
// store must keep working.
TEST(JournalCompaction, CrashBetweenManifestAndJournalReset) {
  TempDir dir;
  const std::string store = build_tiny_store(dir);
  const auto changes = compaction_changes();
  const std::string journal = store + "/consent.journal";
  std::string old_journal;
  ConsentState before;
  {
    Result<Insights> insights = Insights::open(store);
    ASSERT_TRUE(insights.ok()) << insights.status().message();
    ASSERT_TRUE(insights->change_all(changes).ok());
    before = open_state(store);
    old_journal = read_bytes(journal);
    ASSERT_TRUE(insights->compact().ok());
  }
  write_bytes(journal, old_journal);  // "the reset never happened"
  {
    Result<Insights> insights = Insights::open(store);
    ASSERT_TRUE(insights.ok()) << insights.status().message();
    EXPECT_EQ(insights->consent_version(), before.version);
    const ConsentState reopened = open_state(store);
    EXPECT_TRUE(reopened == before) << "before:   " << show(before) << "\nreopened: " << show(reopened);
    // Appending goes on after the folded records, in the old journal.
    Result<ChangeResult> r = insights->change({3, K::kShow, std::nullopt, {}});
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->version, before.version + 1);
  }
  ConsentState expected = before;
  expected.version += 1;
  expected.graph[3] |= kFlagVisible;
  ConsentState reopened = open_state(store);
  EXPECT_TRUE(reopened == expected) << "expected: " << show(expected) << "\nreopened: " << show(reopened);
  {
    Result<Insights> insights = Insights::open(store);
    ASSERT_TRUE(insights.ok()) << insights.status().message();
    ASSERT_TRUE(insights->compact().ok());
  }
  reopened = open_state(store);
  EXPECT_TRUE(reopened == expected) << "expected: " << show(expected) << "\nreopened: " << show(reopened);
  EXPECT_EQ(fs::file_size(journal), kJournalHeaderBytes);
}

// A crash after the new consent file was written but before the manifest
// named it: the old manifest, journal and consent file are what is on disk
// (plus an orphan). Reopening gives the state before; compacting again works.
TEST(JournalCompaction, CrashBeforeTheManifestNamesTheNewFile) {
  TempDir dir;
  const std::string store = build_tiny_store(dir);
  const auto changes = compaction_changes();
  std::map<std::string, std::string> old_files;
  ConsentState before;
  {
    Result<Insights> insights = Insights::open(store);
    ASSERT_TRUE(insights.ok()) << insights.status().message();
    ASSERT_TRUE(insights->change_all(changes).ok());
    before = open_state(store);
    for (const char* name : {"manifest.mfb", "consent.journal", "consent-0.bin"}) {
      old_files[name] = read_bytes(store + "/" + name);
    }
    ASSERT_TRUE(insights->compact().ok());
  }
  ASSERT_TRUE(fs::exists(store + "/" + consent_file_name(before.version)));
  for (const auto& [name, bytes] : old_files) write_bytes(store + "/" + name, bytes);
  ConsentState reopened = open_state(store);
  EXPECT_TRUE(reopened == before) << "before:   " << show(before) << "\nreopened: " << show(reopened);
  {
    Result<Insights> insights = Insights::open(store);
    ASSERT_TRUE(insights.ok()) << insights.status().message();
    ASSERT_TRUE(insights->compact().ok());  // rewrites the orphan
  }
  reopened = open_state(store);
  EXPECT_TRUE(reopened == before) << "before:   " << show(before) << "\nreopened: " << show(reopened);
  EXPECT_FALSE(fs::exists(store + "/consent-0.bin"));
}

// Regression (found by this suite, fixed in engine/src/store/consent_io.cc,
// apply_journal): a journal based below the manifest's consent version whose
// records stop short of it (an older journal restored beside a newer
// compacted store) used to open fine; the next change was appended as
// version V+1 after a record < V and acknowledged, and the open after that
// failed with DataLoss. An acknowledged change must never make the store
// unopenable: refusing the stale journal at open (DataLoss) is the fix.
TEST(JournalCompaction, StaleJournalBelowTheFoldedVersionNeverBreaksAnAcknowledgedChange) {
  TempDir dir;
  const std::string store = build_tiny_store(dir);
  {
    Result<Insights> insights = Insights::open(store);
    ASSERT_TRUE(insights.ok()) << insights.status().message();
    ASSERT_TRUE(insights->change_all(compaction_changes()).ok());
    ASSERT_TRUE(insights->compact().ok());  // consent-14.bin, empty journal at base 14
  }
  // A journal at base 0 with only the first two records: older than the store.
  const auto changes = compaction_changes();
  write_journal(store + "/consent.journal", 0, {changes[0], changes[1]});
  Result<Insights> insights = Insights::open(store);
  if (!insights.ok()) {
    EXPECT_EQ(insights.status().code(), StatusCode::kDataLoss);  // refusing is a fix too
    return;
  }
  Result<ChangeResult> r = insights->change({7, K::kShow, std::nullopt, {}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->version, changes.size() + 1);
  Result<std::shared_ptr<const Store>> reopened = Store::open(store);
  EXPECT_TRUE(reopened.ok()) << "an acknowledged change made the store unopenable: " << reopened.status().message();
}

// Regression (found by this suite, fixed by the checksum of the journal's
// base field): a damaged base in an empty journal (just after a compaction)
// used to read, when above the manifest's version, as "a compaction finished
// meanwhile" and fail with kUnavailable "...try again" after five manifest
// re-reads (retrying never helps), and, when below it, to be accepted
// silently. Every damaged base bit must be kDataLoss naming consent.journal.
TEST(JournalCompaction, EmptyJournalWithDamagedBaseIsDataLoss) {
  TempDir dir;
  const std::string store = build_tiny_store(dir);
  {
    Result<Insights> insights = Insights::open(store);
    ASSERT_TRUE(insights.ok()) << insights.status().message();
    ASSERT_TRUE(insights->change_all(compaction_changes()).ok());
    ASSERT_TRUE(insights->compact().ok());
  }
  const std::string journal = store + "/consent.journal";
  const std::string pristine = read_bytes(journal);
  ASSERT_EQ(pristine.size(), kJournalHeaderBytes);
  for (std::size_t at = 8; at < 16; ++at) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string damaged = pristine;
      damaged[at] = static_cast<char>(damaged[at] ^ (1 << bit));
      write_bytes(journal, damaged);
      Result<std::shared_ptr<const Store>> s = Store::open(store);
      ASSERT_FALSE(s.ok()) << "byte " << at << " bit " << bit << ": a damaged journal base was accepted";
      EXPECT_EQ(s.status().code(), StatusCode::kDataLoss) << s.status().message();
      EXPECT_NE(s.status().message().find("consent.journal"), std::string::npos) << s.status().message();
    }
  }
}

}  // namespace
}  // namespace mutuals::internal
