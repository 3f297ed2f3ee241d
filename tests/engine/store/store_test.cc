// build_store and Store::open: what a store holds, how it is replaced, what
// it refuses to overwrite, and that every damaged byte is refused.
//
// "Trust nothing read from disk": every byte of data.bin and of the consent
// file lies in a checksummed section except the zero padding between
// sections (sections start 64-byte aligned), and the manifest carries its
// own checksum. So any single flipped byte must make open fail with
// kDataLoss and a message naming the damaged file, unless it is padding,
// which must change nothing.
#include <gtest/gtest.h>
#include <roaring/roaring.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "engine/graph/compact_bitmap_reference.h"
#include "engine/insights/oracle_pairs.h"
#include "graph/roaring_writer.h"
#include "mutuals/insights.h"
#include "mutuals/store.h"
#include "store/layout.h"
#include "store/manifest.h"
#include "store/store_data.h"
#include "support/oracle.h"
#include "support/random_graph.h"
#include "support/temp_dir.h"

namespace mutuals {
namespace {

namespace fs = std::filesystem;
using testing::Oracle;
using testing::RandomGraph;
using testing::TempDir;

using testing::read_bytes;
using testing::write_bytes;

// Overwrites one byte in place: no truncation, so no implicit flush by the
// file system (ext4 syncs a file rewritten through truncation on close).
void patch_byte(const std::string& path, std::uint64_t offset, char value) {
  std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(value);
  if (!f.flush()) throw std::runtime_error("cannot patch " + path);
}

std::vector<std::string> listing(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// A small store over a random graph, with its inputs and oracle.
struct SmallStore {
  RandomGraph graph;
  std::vector<ConsentRecord> consent;
  std::unique_ptr<Oracle> oracle;
  std::string dir;
};

SmallStore make_store(const TempDir& tmp, const std::string& name, RandomGraph g, VertexOrder order,
                      std::uint64_t seed) {
  SmallStore s;
  s.graph = std::move(g);
  s.consent = testing::random_consent(s.graph.members, seed);
  s.oracle = std::make_unique<Oracle>(s.graph.edges, s.consent);
  s.dir = tmp.file(name);
  BuildInput in;
  in.edges = s.graph.edges;
  in.consent = s.consent;
  in.self_loops = 7;
  in.order = order;
  Result<BuildReport> report = build_store(std::move(in), s.dir);
  if (!report.ok()) throw std::runtime_error(report.status().message());
  return s;
}

// A fingerprint of the answers a store gives, to compare stores.
std::vector<std::string> answers(const std::string& dir, const Oracle& oracle, std::uint64_t seed) {
  Result<Insights> insights = Insights::open(dir);
  if (!insights.ok()) {
    std::string failed = "open failed: ";
    failed += insights.status().message();
    return {failed};
  }
  std::mt19937_64 rng(seed);
  const auto& members = oracle.member_ids();
  std::vector<std::string> out;
  for (int i = 0; i < 60; ++i) {
    MemberId v = members[rng() % members.size()];
    const auto& nv = oracle.neighbors(v);
    MemberId s = nv.empty() ? members[rng() % members.size()] : nv[rng() % nv.size()];
    SharedConnections r = insights->shared_connections(v, s, 3);
    std::string line = std::to_string(v) + "/" + std::to_string(s) + ":" + std::string(to_string(r.status)) + ":" +
                       std::to_string(r.count);
    for (MemberId m : r.items) {
      line += ',';
      line += std::to_string(m);
    }
    out.push_back(line);
  }
  return out;
}

// A hub whose connections fill one array container (3,000 of 20,000 ids
// under the identity order): kept dense under a generous rule, and every
// answer the same as without it.
TEST(StoreTest, DenseHubContainersAnswerLikeArrays) {
  TempDir tmp;
  RandomGraph g = testing::erdos_renyi(20000, 4, 41, testing::IdStyle::kSmall);
  const MemberId hub = 1'000'000;
  std::mt19937_64 rng(42);
  for (int k = 0; k < 3000; ++k) g.edges.push_back({hub, g.members[rng() % g.members.size()]});
  g.members = testing::members_of(g.edges);
  const std::vector<ConsentRecord> consent = testing::random_consent(g.members, 43);
  const Oracle oracle(g.edges, consent);
  std::vector<std::string> stores;
  for (double budget : {0.0, 1.0}) {
    BuildInput in;
    in.edges = g.edges;
    in.consent = consent;
    in.order = VertexOrder::kNone;
    in.dense = {budget, 1024};
    stores.push_back(tmp.file("store" + std::to_string(stores.size())));
    Result<BuildReport> report = build_store(std::move(in), stores.back());
    ASSERT_TRUE(report.ok()) << report.status().message();
    EXPECT_EQ(report->dense_containers, budget > 0 ? 1u : 0u);
  }
  Result<Insights> plain = Insights::open(stores[0]), dense = Insights::open(stores[1]);
  ASSERT_TRUE(plain.ok() && dense.ok());
  EXPECT_EQ(dense->store().info().format_version, 3u);
  EXPECT_EQ(dense->store().info().dense_containers, 1u);
  EXPECT_GE(dense->store().info().dense_from, 1024u);
  EXPECT_EQ(plain->store().info().dense_from, 0u);
  Result<std::shared_ptr<const Store>> verified = Store::open(stores[1], Verify::kFull);
  EXPECT_TRUE(verified.ok()) << verified.status().message();
  int nonzero = 0;
  for (MemberId other : oracle.member_ids()) {
    if (other % 37 != 0 && other != hub) continue;
    for (auto [v, s] : {std::pair{hub, other}, std::pair{other, hub}}) {
      SharedConnections want = plain->shared_connections(v, s, 5), got = dense->shared_connections(v, s, 5);
      EXPECT_TRUE(testing::same_answer(got, oracle.shared_connections(v, s, 5), v, s));
      EXPECT_EQ(got.count, want.count);
      nonzero += got.count > 0;
    }
  }
  EXPECT_GT(nonzero, 20);
  EXPECT_EQ(answers(stores[1], oracle, 44), answers(stores[0], oracle, 44));
}

TEST(StoreTest, BuildThenOpenReportsTheCounts) {
  TempDir tmp;
  RandomGraph g = testing::erdos_renyi(500, 6, 31, testing::IdStyle::kSparse64);
  std::vector<ConsentRecord> consent = testing::random_consent(g.members, 32);
  const Oracle oracle(g.edges, consent);
  BuildInput in;
  in.edges = g.edges;
  in.consent = consent;
  in.self_loops = 7;
  in.order = VertexOrder::kRcm;
  Result<BuildReport> report = build_store(std::move(in), tmp.file("s"));
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->members, oracle.members());
  EXPECT_EQ(report->connections, oracle.connections());
  EXPECT_EQ(report->duplicates_dropped, g.edges.size() - oracle.connections());
  EXPECT_GT(report->duplicates_dropped, 0u);  // the generator adds some on purpose
  EXPECT_EQ(report->self_loops, 7u);
  EXPECT_GT(report->adjacency_bytes, 0u);
  EXPECT_GT(report->store_bytes, report->adjacency_bytes);

  Result<std::shared_ptr<const Store>> store = Store::open(tmp.file("s"));
  ASSERT_TRUE(store.ok()) << store.status().message();
  const StoreInfo& info = (*store)->info();
  EXPECT_EQ(info.format_version, internal::kFormatVersion);
  EXPECT_EQ(info.members, oracle.members());
  EXPECT_EQ(info.connections, oracle.connections());
  EXPECT_EQ(info.entries, 2 * oracle.connections());
  EXPECT_EQ(info.self_loops, 7u);
  EXPECT_EQ(info.duplicates_dropped, report->duplicates_dropped);
  EXPECT_EQ(info.consented_members, consent.size());
  EXPECT_EQ(info.adjacency_bytes, report->adjacency_bytes);
  EXPECT_EQ(info.order, "rcm");
  EXPECT_EQ(info.consent_version, 0u);
  // Every section lies inside its file, 64-byte aligned, without overlap.
  ASSERT_FALSE(info.sections.empty());
  std::map<std::string, std::vector<std::pair<std::uint64_t, std::uint64_t>>> by_file;
  for (const SectionInfo& s : info.sections) {
    EXPECT_EQ(s.offset % internal::kSectionAlignment, 0u) << s.name;
    ASSERT_TRUE(fs::exists(tmp.file("s") + "/" + s.file)) << s.file;
    EXPECT_LE(s.offset + s.bytes, fs::file_size(tmp.file("s") + "/" + s.file)) << s.name;
    by_file[s.file].push_back({s.offset, s.offset + s.bytes});
  }
  for (auto& [file, ranges] : by_file) {
    std::sort(ranges.begin(), ranges.end());
    for (std::size_t i = 1; i < ranges.size(); ++i) EXPECT_LE(ranges[i - 1].second, ranges[i].first) << file;
  }
  EXPECT_TRUE(by_file.count(std::string(internal::kDataFile)));
}

TEST(StoreTest, MissingStoreIsNotFound) {
  TempDir tmp;
  Result<std::shared_ptr<const Store>> store = Store::open(tmp.file("nothing-here"));
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kNotFound);
  // An empty directory is not a store either.
  fs::create_directory(tmp.file("empty"));
  store = Store::open(tmp.file("empty"));
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kNotFound);
}

TEST(StoreTest, RebuildReplacesAnExistingStore) {
  TempDir tmp;
  SmallStore a = make_store(tmp, "s", testing::erdos_renyi(300, 5, 41, testing::IdStyle::kSmall),
                            VertexOrder::kBfs, 42);
  const std::vector<std::string> a_answers = answers(a.dir, *a.oracle, 1);
  Result<Insights> old_reader = Insights::open(a.dir);  // stays open across the rebuild
  ASSERT_TRUE(old_reader.ok());

  RandomGraph g = testing::power_law(900, 8, 2.3, 200, 43, testing::IdStyle::kSparse64);
  std::vector<ConsentRecord> consent = testing::random_consent(g.members, 44);
  const Oracle b_oracle(g.edges, consent);
  BuildInput in;
  in.edges = g.edges;
  in.consent = consent;
  in.order = VertexOrder::kDegree;
  Result<BuildReport> report = build_store(std::move(in), a.dir);
  ASSERT_TRUE(report.ok()) << report.status().message();

  Result<std::shared_ptr<const Store>> store = Store::open(a.dir);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ((*store)->info().members, b_oracle.members());
  EXPECT_EQ((*store)->info().connections, b_oracle.connections());
  EXPECT_EQ((*store)->info().order, "degree");
  // The new answers are the new graph's; nothing of the old store is left.
  Result<Insights> reader = Insights::open(a.dir);
  ASSERT_TRUE(reader.ok());
  for (const MemberEdge& e : std::vector<MemberEdge>(g.edges.begin(), g.edges.begin() + 50)) {
    SharedConnections got = reader->shared_connections(e.a, e.b, 5);
    testing::OracleAnswer want = b_oracle.shared_connections(e.a, e.b, 5);
    EXPECT_EQ(got.status, want.status);
    EXPECT_EQ(got.count, want.count);
    EXPECT_EQ(got.items, want.items);
  }
  for (const std::string& name : listing(tmp.path())) {
    EXPECT_EQ(name.find(".tmp"), std::string::npos) << "temporary left behind: " << name;
  }
  // A reader opened before the rebuild keeps answering from the old store.
  std::mt19937_64 rng(1);
  const auto& members = a.oracle->member_ids();
  for (int i = 0; i < 30; ++i) {
    MemberId v = members[rng() % members.size()];
    const auto& nv = a.oracle->neighbors(v);
    MemberId s = nv.empty() ? members[rng() % members.size()] : nv[rng() % nv.size()];
    testing::OracleAnswer want = a.oracle->shared_connections(v, s, 3);
    SharedConnections got = old_reader->shared_connections(v, s, 3);
    EXPECT_EQ(got.status, want.status);
    EXPECT_EQ(got.count, want.count);
    EXPECT_EQ(got.items, want.items);
  }
  // Building the first graph again gives the first answers again.
  BuildInput again;
  again.edges = a.graph.edges;
  again.consent = a.consent;
  again.self_loops = 7;
  again.order = VertexOrder::kBfs;
  ASSERT_TRUE(build_store(std::move(again), a.dir).ok());
  EXPECT_EQ(answers(a.dir, *a.oracle, 1), a_answers);
}

TEST(StoreTest, RefusesToOverwriteSomethingElse) {
  TempDir tmp;
  RandomGraph g = testing::erdos_renyi(50, 3, 51, testing::IdStyle::kSmall);
  auto input = [&] {
    BuildInput in;
    in.edges = g.edges;
    return in;
  };
  // A non-empty directory that is not a store.
  const std::string dir = tmp.file("precious");
  fs::create_directory(dir);
  write_bytes(dir + "/notes.txt", "do not delete\n");
  fs::create_directory(dir + "/sub");
  write_bytes(dir + "/sub/more.txt", "nor this\n");
  Result<BuildReport> r = build_store(input(), dir);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find(dir), std::string::npos) << r.status().message();
  EXPECT_EQ(listing(dir), (std::vector<std::string>{"notes.txt", "sub"}));
  EXPECT_EQ(read_bytes(dir + "/notes.txt"), "do not delete\n");
  EXPECT_EQ(read_bytes(dir + "/sub/more.txt"), "nor this\n");
  EXPECT_EQ(listing(tmp.path()), (std::vector<std::string>{"precious"})) << "no temporary left behind";

  // A plain file.
  write_bytes(tmp.file("file"), "data");
  r = build_store(input(), tmp.file("file"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(read_bytes(tmp.file("file")), "data");

  // An empty directory is fine.
  fs::create_directory(tmp.file("empty"));
  r = build_store(input(), tmp.file("empty"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(Store::open(tmp.file("empty")).ok());
}

// Regression: BuildInput says self-loops are "already removed by the
// loader", and build_store once trusted it: a self-loop that reached it
// became a repeated value in the member's own neighbor list, the build
// reported success, and Store::open refused the store it had just written
// ("adjacency bitmap of vertex 0: array values not ascending"). Dropping
// the self-loop or refusing the input are both fine.
TEST(StoreTest, RegressionSelfLoopInBuildInputNeverYieldsAStoreThatCannotOpen) {
  TempDir tmp;
  BuildInput in;
  in.edges = {{1, 2}, {2, 2}, {2, 3}, {1, 3}};
  Result<BuildReport> report = build_store(std::move(in), tmp.file("s"));
  if (!report.ok()) {
    EXPECT_EQ(report.status().code(), StatusCode::kInvalidArgument) << report.status().message();
    return;
  }
  Result<std::shared_ptr<const Store>> store = Store::open(tmp.file("s"));
  ASSERT_TRUE(store.ok()) << "build_store succeeded but wrote a store that does not open: "
                          << store.status().message();
  EXPECT_EQ((*store)->info().connections, 3u);
}

// Regression: build_store replaces a store atomically, but an Insights
// opened on the old store once kept accepting consent changes and journaled
// them into the NEW store's directory (the writer addresses the journal by
// path, and took the missing journal for "nothing new"): the first record
// continued the old store's version sequence, the change was acknowledged,
// and the new store then refused to open ("consent journal damaged: version
// 2 where 1 was due"). Refusing the late change is fine; damaging the store
// that replaced it is not.
TEST(StoreTest, RegressionConsentChangeThroughAStaleHandleNeverDamagesTheRebuiltStore) {
  TempDir tmp;
  ConsentRecord linked;
  linked.linked = true;
  linked.visible = true;
  linked.grants = kAllGrants;
  auto record = [&](MemberId m) {
    ConsentRecord r = linked;
    r.member = m;
    return r;
  };
  BuildInput a;
  a.edges = {{1, 2}, {2, 3}, {1, 3}};
  a.consent = {record(1), record(2), record(3)};
  ASSERT_TRUE(build_store(std::move(a), tmp.file("s")).ok());
  Result<Insights> stale = Insights::open(tmp.file("s"));
  ASSERT_TRUE(stale.ok());
  ASSERT_TRUE(stale->change({3, ConsentChange::Kind::kHide, std::nullopt, {}}).ok());  // old store at version 1

  BuildInput b;
  b.edges = {{10, 20}, {20, 30}, {10, 30}, {1, 10}};
  b.consent = {record(10), record(20), record(30), record(1)};
  ASSERT_TRUE(build_store(std::move(b), tmp.file("s")).ok());
  Result<ChangeResult> late = stale->change({1, ConsentChange::Kind::kUnlink, std::nullopt, {}});
  // Refusing the change is fine; damaging the store that replaced it is not.
  Result<Insights> fresh = Insights::open(tmp.file("s"));
  ASSERT_TRUE(fresh.ok()) << "change through a stale handle " << (late.ok() ? "accepted" : "refused")
                          << ", then: " << fresh.status().message();
  EXPECT_EQ(fresh->store().info().members, 4u);
}

TEST(StoreTest, EmptyAndConsentOnlyStoresOpen) {
  TempDir tmp;
  ASSERT_TRUE(build_store(BuildInput{}, tmp.file("empty")).ok());
  Result<Insights> empty = Insights::open(tmp.file("empty"));
  ASSERT_TRUE(empty.ok()) << empty.status().message();
  EXPECT_EQ(empty->store().info().members, 0u);
  EXPECT_EQ(empty->shared_connections(1, 2, 5).status, QueryStatus::kViewerNotLinked);

  BuildInput in;
  ConsentRecord r;
  r.member = 5;
  r.linked = true;
  r.visible = true;
  r.grants = kAllGrants;
  in.consent = {r};
  ASSERT_TRUE(build_store(std::move(in), tmp.file("consent-only")).ok());
  Result<Insights> one = Insights::open(tmp.file("consent-only"));
  ASSERT_TRUE(one.ok()) << one.status().message();
  EXPECT_EQ(one->store().info().members, 1u);
  EXPECT_EQ(one->store().info().connections, 0u);
  SharedConnections self = one->shared_connections(5, 5, 5);
  EXPECT_EQ(self.status, QueryStatus::kOk);
  EXPECT_EQ(self.count, 0u);
  EXPECT_EQ(one->shared_connections(5, 6, 5).status, QueryStatus::kSubjectUnavailable);
}

// ---- Damage -----------------------------------------------------------------

class StoreDamageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = make_store(tmp_, "s", testing::mixed(61), VertexOrder::kBfs, 62);
    // Opening once creates whatever an opened store keeps (a journal, a lock).
    { ASSERT_TRUE(Insights::open(store_.dir).ok()); }
    baseline_ = answers(store_.dir, *store_.oracle, 7);
    ASSERT_EQ(baseline_.front().find("open failed"), std::string::npos) << baseline_.front();
    Result<std::shared_ptr<const Store>> store = Store::open(store_.dir);
    ASSERT_TRUE(store.ok());
    info_ = (*store)->info();
  }

  std::string path(std::string_view file) const { return store_.dir + "/" + std::string(file); }

  // Replaces `file` with `bytes`, opens, restores. Returns the open status.
  Status open_with(std::string_view file, const std::string& bytes) {
    const std::string p = path(file);
    const std::string original = read_bytes(p);
    write_bytes(p, bytes);
    Status s;
    {
      Result<std::shared_ptr<const Store>> store = Store::open(store_.dir);
      if (!store.ok()) s = store.status();
    }
    if (s.ok()) {
      // Opened: it must answer exactly as the undamaged store does.
      EXPECT_EQ(answers(store_.dir, *store_.oracle, 7), baseline_) << "damage in " << file << " changed answers";
    }
    write_bytes(p, original);
    return s;
  }

  // Flips bits of one byte of `file` in place, opens, restores.
  Status open_with_flip(std::string_view file, const std::string& original, std::uint64_t at, char mask) {
    const std::string p = path(file);
    patch_byte(p, at, static_cast<char>(original[at] ^ mask));
    Status s;
    {
      Result<std::shared_ptr<const Store>> store = Store::open(store_.dir);
      if (!store.ok()) s = store.status();
    }
    if (s.ok()) {
      EXPECT_EQ(answers(store_.dir, *store_.oracle, 7), baseline_) << "damage in " << file << " changed answers";
    }
    patch_byte(p, at, original[at]);
    return s;
  }

  // Whether `offset` of `file` lies in one of its sections.
  bool covered(const std::string& file, std::uint64_t offset) const {
    for (const SectionInfo& s : info_.sections) {
      if (s.file == file && offset >= s.offset && offset < s.offset + s.bytes) return true;
    }
    return false;
  }

  std::vector<std::string> section_files() const {
    std::vector<std::string> files;
    for (const SectionInfo& s : info_.sections) {
      if (std::find(files.begin(), files.end(), s.file) == files.end()) files.push_back(s.file);
    }
    return files;
  }

  static void expect_data_loss(const Status& s, std::string_view file, const std::string& what) {
    EXPECT_FALSE(s.ok()) << what << " was accepted";
    EXPECT_EQ(to_string(s.code()), to_string(StatusCode::kDataLoss)) << what << ": " << s.message();
    EXPECT_NE(s.message().find(std::string(file)), std::string::npos) << what << ": message does not name "
                                                                      << file << ": " << s.message();
  }

  TempDir tmp_;
  SmallStore store_;
  std::vector<std::string> baseline_;
  StoreInfo info_;
};

TEST_F(StoreDamageTest, TruncatedDataFileIsRefused) {
  const std::string data = read_bytes(path(internal::kDataFile));
  for (std::size_t keep : {std::size_t{0}, std::size_t{1}, data.size() / 3, data.size() / 2, data.size() - 1}) {
    expect_data_loss(open_with(internal::kDataFile, data.substr(0, keep)), internal::kDataFile,
                     "data.bin cut to " + std::to_string(keep) + " bytes");
  }
  // And one byte too long.
  expect_data_loss(open_with(internal::kDataFile, data + '\0'), internal::kDataFile, "data.bin one byte longer");
}

TEST_F(StoreDamageTest, TruncatedManifestIsRefused) {
  const std::string manifest = read_bytes(path(internal::kManifestFile));
  for (std::size_t keep : {std::size_t{0}, std::size_t{8}, std::size_t{15}, std::size_t{16}, manifest.size() / 2,
                           manifest.size() - 8, manifest.size() - 1}) {
    expect_data_loss(open_with(internal::kManifestFile, manifest.substr(0, keep)), internal::kManifestFile,
                     "manifest cut to " + std::to_string(keep) + " bytes");
  }
}

TEST_F(StoreDamageTest, AFlippedByteInEverySectionIsRefused) {
  int checked = 0;
  for (const SectionInfo& s : info_.sections) {
    if (s.bytes == 0) continue;
    const std::string original = read_bytes(path(s.file));
    for (std::uint64_t at : {s.offset, s.offset + s.bytes / 2, s.offset + s.bytes - 1}) {
      expect_data_loss(open_with_flip(s.file, original, at, 0x20), s.file,
                       "section '" + s.name + "' byte " + std::to_string(at) + " of " + s.file);
    }
    ++checked;
  }
  EXPECT_GE(checked, 6);  // at least the graph sections
}

TEST_F(StoreDamageTest, EveryFlippedManifestByteIsRefused) {
  const std::string manifest = read_bytes(path(internal::kManifestFile));
  for (std::size_t at = 0; at < manifest.size(); ++at) {
    expect_data_loss(open_with_flip(internal::kManifestFile, manifest, at, 0x01), internal::kManifestFile,
                     "manifest byte " + std::to_string(at));
    if (HasFailure()) break;
  }
}

TEST_F(StoreDamageTest, RandomFlipsAnywhereAreRefusedUnlessPadding) {
  std::mt19937_64 rng(20240613);
  int refused = 0, padding = 0;
  for (const std::string& file : section_files()) {
    const std::string original = read_bytes(path(file));
    const int trials = file == internal::kDataFile ? 200 : 50;
    for (int t = 0; t < trials; ++t) {
      const std::uint64_t at = rng() % original.size();
      // An accepted open must answer as before (checked inside).
      Status s = open_with_flip(file, original, at, static_cast<char>(1u << (rng() % 8)));
      if (covered(file, at)) {
        expect_data_loss(s, file, file + " byte " + std::to_string(at));
        ++refused;
      } else {
        ++padding;
        if (!s.ok()) {
          EXPECT_EQ(s.code(), StatusCode::kDataLoss) << s.message();
        }
      }
      if (HasFailure()) return;
    }
  }
  EXPECT_GT(refused, 200);
  RecordProperty("padding_flips", padding);
}

TEST_F(StoreDamageTest, PaddingIsTheOnlyUncoveredSpace) {
  // Bytes outside every section are zero padding before a 64-byte boundary.
  for (const std::string& file : section_files()) {
    const std::string bytes = read_bytes(path(file));
    std::uint64_t uncovered = 0;
    for (std::uint64_t at = 0; at < bytes.size(); ++at) {
      if (covered(file, at)) continue;
      ++uncovered;
      EXPECT_EQ(bytes[at], '\0') << file << " byte " << at;
    }
    EXPECT_LT(uncovered, 64 * info_.sections.size()) << file;
  }
}

TEST_F(StoreDamageTest, WrongFormatVersionIsRefused) {
  Result<internal::Manifest> m = internal::read_manifest(store_.dir);
  ASSERT_TRUE(m.ok()) << m.status().message();
  for (std::uint32_t version : {0u, internal::kFormatVersion + 1, 0xFFFFFFFFu}) {
    internal::Manifest changed = *m;
    changed.format_version = version;
    Status s = open_with(internal::kManifestFile, internal::encode_manifest(changed));
    ASSERT_FALSE(s.ok()) << "version " << version << " accepted";
    EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.message();
    EXPECT_NE(s.message().find("version " + std::to_string(version)), std::string::npos) << s.message();
    EXPECT_NE(s.message().find(std::string(internal::kManifestFile)), std::string::npos) << s.message();
  }
  // The re-encoded manifest itself is sound: the same bytes with the right version open.
  EXPECT_TRUE(open_with(internal::kManifestFile, internal::encode_manifest(*m)).ok());
}

// ---- Contents -----------------------------------------------------------------

class StoreContentsTest : public ::testing::TestWithParam<VertexOrder> {};

TEST_P(StoreContentsTest, MemberIndexAndAdjacencyMatchTheOracle) {
  TempDir tmp;
  // Array, bitset and run containers, small and huge member ids.
  SmallStore s = make_store(tmp, "s", testing::mixed(71), GetParam(), 72);
  Result<std::shared_ptr<const Store>> store = Store::open(s.dir);
  ASSERT_TRUE(store.ok()) << store.status().message();
  const internal::StoreData& d = (*store)->data();
  const Oracle& oracle = *s.oracle;
  ASSERT_EQ(d.members(), oracle.members());

  // find() for every member, and for ids that are not members.
  for (MemberId m : oracle.member_ids()) {
    VertexId v = d.find(m);
    ASSERT_NE(v, kNoVertex) << m;
    ASSERT_LT(v, d.members());
    ASSERT_EQ(d.vertex_member[v], m);
  }
  std::mt19937_64 rng(73);
  for (int i = 0; i < 5000; ++i) {
    MemberId m = i < 100 ? MemberId(i) : rng();
    if (!oracle.known(m)) {
      EXPECT_EQ(d.find(m), kNoVertex) << m;
    }
  }

  // Every adjacency blob holds exactly the member's neighbors, read three
  // ways: the tests' own decoder, BitmapView, and CRoaring on the portable form.
  std::uint64_t entries = 0;
  int kinds[3] = {0, 0, 0};
  for (VertexId v = 0; v < d.members(); ++v) {
    auto blob = d.adjacency_blob(v);
    auto decoded = testing::reference_decode(blob.data(), blob.size());
    ASSERT_TRUE(decoded.has_value()) << "vertex " << v;
    std::vector<MemberId> members;
    for (std::uint32_t u : *decoded) {
      ASSERT_LT(u, d.members());
      members.push_back(d.vertex_member[u]);
    }
    std::sort(members.begin(), members.end());
    ASSERT_EQ(members, oracle.neighbors(d.vertex_member[v])) << "member " << d.vertex_member[v];
    entries += members.size();

    internal::BitmapView view = d.neighbors(v);
    std::vector<std::uint32_t> by_view;
    view.decode(by_view);
    ASSERT_EQ(by_view, *decoded);
    for (std::uint32_t i = 0; i < view.containers(); ++i) ++kinds[static_cast<int>(view.kind(i))];

    if (v % 7 == 0 && !decoded->empty()) {
      std::vector<std::uint8_t> portable = internal::portable_bitmap(*decoded);
      roaring_bitmap_t* r =
          roaring_bitmap_portable_deserialize_safe(reinterpret_cast<const char*>(portable.data()), portable.size());
      ASSERT_NE(r, nullptr);
      std::vector<std::uint32_t> back(roaring_bitmap_get_cardinality(r));
      roaring_bitmap_to_uint32_array(r, back.data());
      roaring_bitmap_free(r);
      ASSERT_EQ(back, *decoded);
    }
  }
  EXPECT_EQ(entries, 2 * oracle.connections());
  EXPECT_GT(kinds[static_cast<int>(internal::ContainerKind::kArray)], 0);
  if (GetParam() == VertexOrder::kNone || GetParam() == VertexOrder::kDegree) {
    // Locality orders (bfs, rcm) number a dense core's neighbors
    // consecutively and turn its bitsets into runs, which is their point.
    EXPECT_GT(kinds[static_cast<int>(internal::ContainerKind::kBitset)], 0);
  }
  EXPECT_GT(kinds[static_cast<int>(internal::ContainerKind::kRun)], 0);
}

INSTANTIATE_TEST_SUITE_P(EveryOrder, StoreContentsTest,
                         ::testing::Values(VertexOrder::kNone, VertexOrder::kDegree, VertexOrder::kBfs,
                                           VertexOrder::kRcm, VertexOrder::kCommunity),
                         [](const ::testing::TestParamInfo<VertexOrder>& info) {
                           return std::string(to_string(info.param));
                         });

}  // namespace
}  // namespace mutuals
