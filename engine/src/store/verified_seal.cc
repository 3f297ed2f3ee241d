#include "store/verified_seal.h"

#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstddef>
#include <cstdio>
#include <cstring>

#include "common/checksum.h"
#include "store/layout.h"

namespace mutuals::internal {
namespace {

constexpr char kMagic[8] = {'M', 'U', 'T', 'S', 'E', 'A', 'L', '1'};

// The seal's bytes: fixed size, native byte order (stores are not portable
// across byte orders anyway), XXH3 of everything before `checksum`.
struct SealRecord {
  char magic[8];
  std::uint64_t fingerprint;
  std::uint64_t device, inode, size;
  std::int64_t mtime_ns, ctime_ns;
  std::uint64_t checksum;
};
static_assert(sizeof(SealRecord) == 64);

std::uint64_t record_checksum(const SealRecord& r) { return checksum64(&r, offsetof(SealRecord, checksum)); }

}  // namespace

std::uint64_t data_fingerprint(const Manifest& m) {
  std::string table;
  for (std::size_t i = 0; i < m.files.size(); ++i) {
    if (m.files[i] != kDataFile) continue;
    table += m.files[i];
    table.append(reinterpret_cast<const char*>(&m.file_bytes[i]), sizeof m.file_bytes[i]);
  }
  for (const ManifestSection& s : m.sections) {
    if (s.file != kDataFile) continue;
    table += s.name;
    table.push_back('\0');
    for (std::uint64_t v : {s.offset, s.length, s.checksum}) table.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  table.append(reinterpret_cast<const char*>(&m.format_version), sizeof m.format_version);
  return checksum64(table.data(), table.size());
}

bool seal_vouches(const std::string& dir, std::uint64_t fingerprint, const FileIdentity& data) {
  Result<std::string> raw = read_small_file(dir + "/" + std::string(kSealFile), sizeof(SealRecord));
  if (!raw.ok() || raw->size() != sizeof(SealRecord)) return false;
  SealRecord r;
  std::memcpy(&r, raw->data(), sizeof r);
  if (std::memcmp(r.magic, kMagic, sizeof kMagic) != 0 || r.checksum != record_checksum(r)) return false;
  const FileIdentity sealed{r.device, r.inode, r.size, r.mtime_ns, r.ctime_ns};
  return r.fingerprint == fingerprint && sealed == data;
}

bool write_seal(const std::string& dir, std::uint64_t fingerprint, const FileIdentity& data,
                std::int64_t verify_began_ns, std::int64_t quiet_ns) {
  if (data.ctime_ns > verify_began_ns - quiet_ns || data.mtime_ns > verify_began_ns - quiet_ns) return false;
  SealRecord r{};
  std::memcpy(r.magic, kMagic, sizeof kMagic);
  r.fingerprint = fingerprint;
  r.device = data.device;
  r.inode = data.inode;
  r.size = data.size;
  r.mtime_ns = data.mtime_ns;
  r.ctime_ns = data.ctime_ns;
  r.checksum = record_checksum(r);
  // A name private to this writer: two processes may seal at once.
  static std::atomic<std::uint64_t> counter{0};
  const std::string path = dir + "/" + std::string(kSealFile);
  const std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return false;  // a read-only store stays unsealed
  const bool written = ::write(fd, &r, sizeof r) == static_cast<ssize_t>(sizeof r);
  const bool closed = ::close(fd) == 0;
  if (!written || !closed || std::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

std::int64_t realtime_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_REALTIME, &ts);
  return std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace mutuals::internal
