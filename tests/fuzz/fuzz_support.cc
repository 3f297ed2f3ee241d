#include "fuzz_support.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include <tbb/global_control.h>

#include "mutuals/insights.h"

namespace mutuals::fuzz {

namespace fs = std::filesystem;

[[noreturn]] void fuzz_fail(const std::string& what) {
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

namespace {

// The scratch directory, removed when the process exits normally.
struct ScratchDir {
  std::string path;
  ScratchDir() {
    // Prefer memory (/dev/shm): every input rewrites files, and on a disk
    // file system that costs writeback, not code under test.
    std::error_code ec;
    const fs::path root = fs::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK) == 0
                              ? fs::path("/dev/shm")
                              : fs::temp_directory_path();
    path = (root / "mutuals-fuzz-XXXXXX").string();
    if (mkdtemp(path.data()) == nullptr) fuzz_fail("mkdtemp failed");
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

}  // namespace

// One input at a time runs in one thread: idle oneTBB workers would spin
// (sched_yield) between inputs and cost more than the code under test.
const tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);

const std::string& scratch_dir() {
  static const ScratchDir dir;
  return dir.path;
}

// Overwrites in place and then sets the size: no truncation to zero, which
// on ext4 forces the data to disk at close (auto_da_alloc).
void write_file(const std::string& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) fuzz_fail("cannot write " + path);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
    if (n <= 0) fuzz_fail("cannot write " + path);
    done += static_cast<std::size_t>(n);
  }
  if (::ftruncate(fd, static_cast<off_t>(bytes.size())) != 0) fuzz_fail("cannot size " + path);
  ::close(fd);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fuzz_fail("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string write_input(std::string_view name, const std::uint8_t* data, std::size_t size) {
  const std::string path = scratch_dir() + "/" + std::string(name);
  write_file(path, std::string_view(reinterpret_cast<const char*>(data), size));
  return path;
}

namespace {

using K = ConsentChange::Kind;

// The tiny graph: a hub (1000) over 0..29, a clique on the run 100..107,
// a chain, and two members with large ids.
BuildInput tiny_input() {
  BuildInput in;
  for (MemberId m = 0; m < 30; ++m) in.edges.push_back({1000, m});
  for (MemberId a = 100; a < 108; ++a) {
    for (MemberId b = a + 1; b < 108; ++b) in.edges.push_back({a, b});
  }
  for (MemberId m = 0; m + 1 < 30; m += 3) in.edges.push_back({m, m + 1});
  in.edges.push_back({5, 100});
  in.edges.push_back({~MemberId{0} - 1, 1000});
  in.edges.push_back({~MemberId{0} - 1, 7});
  for (MemberId m = 0; m < 30; m += 2) in.consent.push_back({m, true, m % 4 == 0, true, kAllGrants});
  for (MemberId m = 100; m < 108; ++m) in.consent.push_back({m, m % 3 != 0, true, m != 101, kAllGrants});
  in.consent.push_back({1000, true, true, true, grant_bit(Category::kLiConnections)});
  in.threads = 1;
  return in;
}

}  // namespace

void TinyStore::restore() const {
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (!files.count(name) && name != "consent.lock") fs::remove_all(e.path());
  }
  for (const auto& [name, bytes] : files) write_file(dir + "/" + name, bytes);
}

const TinyStore& tiny_store() {
  static const TinyStore store = [] {
    TinyStore t;
    const std::string built = scratch_dir() + "/tiny.store";
    Result<BuildReport> r = build_store(tiny_input(), built);
    if (!r.ok()) fuzz_fail("cannot build the tiny store: " + r.status().message());
    {
      Result<Insights> insights = Insights::open(built);
      if (!insights.ok()) fuzz_fail(insights.status().message());
      const std::vector<ConsentChange> changes = {
          {3, K::kShow, std::nullopt, {}},
          {2, K::kImportContacts, std::nullopt, {5, 6, 7000}},
          {7000, K::kLink, std::nullopt, {}},
          {7001, K::kShow, std::nullopt, {}},
          {104, K::kRevoke, Category::kLiConnections, {}},
      };
      if (!insights->change_all(changes).ok() || insights->consent_version() != kTinyFolded) {
        fuzz_fail("cannot change the tiny store");
      }
      if (!insights->compact().ok()) fuzz_fail("cannot compact the tiny store");
    }
    for (const auto& e : fs::directory_iterator(built)) {
      const std::string name = e.path().filename().string();
      if (name == "consent.lock") continue;
      t.files[name] = read_file(e.path().string());
    }
    t.consent_file = "consent-" + std::to_string(kTinyFolded) + ".bin";
    if (!t.files.count(t.consent_file)) fuzz_fail("the tiny store has no " + t.consent_file);
    t.dir = scratch_dir() + "/work.store";
    fs::create_directory(t.dir);
    t.members = {0, 1, 2, 3, 4, 5, 7, 100, 101, 104, 1000, ~MemberId{0} - 1, 7000, 7001, 424242};
    t.restore();
    return t;
  }();
  return store;
}

std::size_t ask_everything(std::shared_ptr<const Store> store) {
  Insights insights(std::move(store));
  const std::vector<MemberId>& members = tiny_store().members;
  std::size_t ok = 0;
  std::vector<MemberPair> pairs;
  for (MemberId v : members) {
    for (MemberId s : members) {
      const SharedConnections r = insights.shared_connections(v, s, 3);
      ok += r.status == QueryStatus::kOk;
      if (r.items.size() > 3 || (r.status != QueryStatus::kOk && r.count != 0)) fuzz_fail("malformed answer");
      pairs.push_back({v, s});
    }
    insights.shared_connections_page(v, members, 0);
  }
  const std::vector<SharedConnections> batch = insights.shared_connections_batch(pairs, 2, 1);
  if (batch.size() != pairs.size()) fuzz_fail("batch lost answers");
  (void)insights.consent_version();
  return ok;
}

void check_loader_error(const std::string& path, const Status& status) {
  if (status.ok()) return;
  const std::string& message = status.message();
  if (message.rfind(path, 0) != 0) fuzz_fail("an error that does not start with the file name: " + message);
  if (status.code() != StatusCode::kInvalidArgument && status.code() != StatusCode::kIo) {
    fuzz_fail("bad input reported as " + std::string(to_string(status.code())) + ": " + message);
  }
}

}  // namespace mutuals::fuzz
