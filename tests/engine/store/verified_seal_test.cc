// The verified seal (store/verified_seal.h): a store whose data.bin is
// untouched since a full verification opens without re-verifying, and any
// write to data.bin since — even one that keeps its size and puts its
// modification time back — brings the full verification back.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "common/files.h"
#include "mutuals/insights.h"
#include "mutuals/store.h"
#include "store/layout.h"
#include "store/manifest.h"
#include "store/verified_seal.h"
#include "support/random_graph.h"
#include "support/temp_dir.h"

namespace mutuals {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

class VerifiedSealTest : public ::testing::Test {
 protected:
  void SetUp() override {
    graph_ = testing::power_law(3000, 12, 2.3, 400, /*seed=*/21, testing::IdStyle::kSparse64);
    BuildInput in;
    in.edges = graph_.edges;
    in.consent = testing::random_consent(graph_.members, /*seed=*/22);
    dir_ = tmp_.file("s.store");
    Result<BuildReport> r = build_store(std::move(in), dir_);
    ASSERT_TRUE(r.ok()) << r.status().message();
  }

  std::string data_path() const { return dir_ + "/" + std::string(internal::kDataFile); }
  std::string seal_path() const { return dir_ + "/" + std::string(internal::kSealFile); }

  internal::FileIdentity data_identity() const {
    Result<internal::MappedFile> f = internal::MappedFile::open(data_path());
    EXPECT_TRUE(f.ok());
    return f.ok() ? f->identity() : internal::FileIdentity{};
  }
  std::uint64_t fingerprint() const {
    Result<internal::Manifest> m = internal::read_manifest(dir_);
    EXPECT_TRUE(m.ok());
    return m.ok() ? internal::data_fingerprint(*m) : 0;
  }
  // Seals as an open would once data.bin has been quiet long enough.
  void seal_now() {
    ASSERT_TRUE(Store::open(dir_, Verify::kFull).ok());
    ASSERT_TRUE(internal::write_seal(dir_, fingerprint(), data_identity(), internal::realtime_ns(), /*quiet_ns=*/0));
  }

  Result<std::shared_ptr<const Store>> open() const { return Store::open(dir_); }

  // Shared-connection answers for a fixed sample of pairs.
  std::vector<std::uint64_t> answers() const {
    Result<Insights> insights = Insights::open(dir_);
    EXPECT_TRUE(insights.ok());
    std::vector<std::uint64_t> out;
    if (!insights.ok()) return out;
    for (std::size_t i = 0; i + 1 < graph_.members.size(); i += 37) {
      const SharedConnections r = insights->shared_connections(graph_.members[i], graph_.members[i + 1], 0);
      out.push_back(static_cast<std::uint64_t>(r.status) * 1'000'000 + r.count);
    }
    return out;
  }

  TempDir tmp_;
  testing::RandomGraph graph_;
  std::string dir_;
};

void flip_byte_in_place(const std::string& path, std::uint64_t at) {
  std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
  f.seekg(static_cast<std::streamoff>(at));
  const char c = static_cast<char>(f.get());
  f.seekp(static_cast<std::streamoff>(at));
  f.put(static_cast<char>(c ^ 0x10));
  ASSERT_TRUE(f.flush());
}

TEST_F(VerifiedSealTest, AJustBuiltStoreIsVerifiedInFullAndNotSealed) {
  Result<std::shared_ptr<const Store>> s = open();
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ((*s)->info().verification, "full");
  // data.bin changed moments ago: a change in the same clock tick could go unseen.
  EXPECT_FALSE(fs::exists(seal_path()));
  EXPECT_FALSE(internal::write_seal(dir_, fingerprint(), data_identity(), internal::realtime_ns()));
}

TEST_F(VerifiedSealTest, ASealedStoreOpensWithoutVerifyingAndAnswersTheSame) {
  const auto before = answers();
  seal_now();
  Result<std::shared_ptr<const Store>> s = open();
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ((*s)->info().verification, "seal");
  EXPECT_EQ(answers(), before);
  // An fsck ignores the seal.
  Result<std::shared_ptr<const Store>> full = Store::open(dir_, Verify::kFull);
  ASSERT_TRUE(full.ok());
  EXPECT_EQ((*full)->info().verification, "full");
}

TEST_F(VerifiedSealTest, AWriteAfterSealingIsCaughtEvenWithTheModificationTimePutBack) {
  seal_now();
  const internal::FileIdentity sealed = data_identity();
  const StoreInfo info = (*open())->info();
  std::uint64_t adjacency = 0;
  for (const SectionInfo& s : info.sections) {
    if (s.name == internal::kSecAdjacency) adjacency = s.offset + s.bytes / 2;
  }
  ASSERT_GT(adjacency, 0u);
  flip_byte_in_place(data_path(), adjacency);
  timespec times[2] = {{0, UTIME_OMIT},
                       {static_cast<time_t>(sealed.mtime_ns / 1'000'000'000), static_cast<long>(sealed.mtime_ns % 1'000'000'000)}};
  ASSERT_EQ(::utimensat(AT_FDCWD, data_path().c_str(), times, 0), 0);
  EXPECT_EQ(data_identity().mtime_ns, sealed.mtime_ns);
  EXPECT_NE(data_identity().ctime_ns, sealed.ctime_ns);  // the change time cannot be put back

  Result<std::shared_ptr<const Store>> s = open();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(s.status().message().find("data.bin: store is damaged"), std::string::npos) << s.status().message();
}

TEST_F(VerifiedSealTest, ACopyOfDataBinIsANewFileAndIsVerified) {
  seal_now();
  const std::string copy = data_path() + ".copy";
  fs::copy_file(data_path(), copy);
  fs::rename(copy, data_path());
  Result<std::shared_ptr<const Store>> s = open();
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ((*s)->info().verification, "full");
}

TEST_F(VerifiedSealTest, ADamagedOrForeignSealOnlyMeansFullVerification) {
  seal_now();
  flip_byte_in_place(seal_path(), 20);
  Result<std::shared_ptr<const Store>> s = open();
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ((*s)->info().verification, "full");

  // A seal for a different data.bin (another fingerprint) vouches for nothing.
  ASSERT_TRUE(internal::write_seal(dir_, fingerprint() ^ 1, data_identity(), internal::realtime_ns(), 0));
  s = open();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->info().verification, "full");

  // A truncated seal too.
  std::ofstream(seal_path(), std::ios::binary | std::ios::trunc) << "MUTSEAL1";
  s = open();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->info().verification, "full");
}

TEST_F(VerifiedSealTest, CompactionKeepsTheSeal) {
  seal_now();
  {
    Result<Insights> insights = Insights::open(dir_);
    ASSERT_TRUE(insights.ok());
    ASSERT_TRUE(insights->change({graph_.members[0], ConsentChange::Kind::kHide, std::nullopt, {}}).ok());
    ASSERT_TRUE(insights->compact().ok());
  }
  Result<std::shared_ptr<const Store>> s = open();
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ((*s)->info().verification, "seal");
  EXPECT_EQ(Insights(*s).consent_version(), 1u);
}

// The path a store takes in use: once data.bin has been quiet for the
// seal's margin, the next open verifies in full and seals; the one after
// trusts the seal.
TEST_F(VerifiedSealTest, AnOpenAfterTheQuietMarginSealsForTheNextOpen) {
  std::this_thread::sleep_for(std::chrono::nanoseconds(internal::kSealQuietNs + 200'000'000));
  Result<std::shared_ptr<const Store>> first = open();
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ((*first)->info().verification, "full");
  EXPECT_TRUE(fs::exists(seal_path()));
  Result<std::shared_ptr<const Store>> second = open();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ((*second)->info().verification, "seal");
}

}  // namespace
}  // namespace mutuals
