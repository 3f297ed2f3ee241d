// All-or-nothing output of the generator's four files.
#include "output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace mutuals::gen::internal {
namespace {

constexpr std::string_view kNames[kOutputFiles] = {"edges.csv", "schools.csv", "employers.csv", "consent.csv"};
constexpr std::string_view kHeaders[kOutputFiles] = {
    "member,connection\n", "member,school,start_year,end_year\n", "member,employer,start_year,end_year\n",
    "member,linked,visible,grants,rolled_out\n"};

Status errno_status(const std::string& what, const std::string& path) {
  return IoError(path + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

OutputSet::~OutputSet() {
  if (opened_ && !committed_) discard();
}

std::string OutputSet::final_path(int file) const { return dir_ + "/" + std::string(kNames[file]); }
std::string OutputSet::tmp_path(int file) const { return final_path(file) + ".tmp"; }

void OutputSet::discard() {
  for (int f = 0; f < kOutputFiles; ++f) {
    if (fd_[f] >= 0) ::close(fd_[f]);
    fd_[f] = -1;
    ::unlink(tmp_path(f).c_str());
  }
}

Status OutputSet::open(const std::string& dir) {
  dir_ = dir;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError(dir + ": cannot create directory: " + ec.message());
  if (!std::filesystem::is_directory(dir, ec)) return IoError(dir + ": not a directory");
  opened_ = true;
  for (int f = 0; f < kOutputFiles; ++f) {
    const std::string path = tmp_path(f);
    fd_[f] = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_[f] < 0) return errno_status("cannot create", path);
    MUTUALS_RETURN_IF_ERROR(write(static_cast<OutputFile>(f), kHeaders[f]));
  }
  return Status::Ok();
}

Status OutputSet::write(OutputFile file, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_[file], bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_status("write failed", tmp_path(file));
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::Ok();
}

Status OutputSet::commit() {
  for (int f = 0; f < kOutputFiles; ++f) {
    if (::fsync(fd_[f]) != 0) return errno_status("fsync failed", tmp_path(f));
    const int fd = fd_[f];
    fd_[f] = -1;
    if (::close(fd) != 0) return errno_status("close failed", tmp_path(f));
  }
  if (::unlink(final_path(kEdgesFile).c_str()) != 0 && errno != ENOENT) {
    return errno_status("cannot replace", final_path(kEdgesFile));
  }
  for (int f : {kSchoolsFile, kEmployersFile, kConsentFile, kEdgesFile}) {
    if (::rename(tmp_path(f).c_str(), final_path(f).c_str()) != 0) {
      return errno_status("cannot rename to " + final_path(f), tmp_path(f));
    }
  }
  committed_ = true;
  const int dfd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    const int rc = ::fsync(dfd);
    ::close(dfd);
    if (rc != 0) return errno_status("fsync failed", dir_);
  }
  return Status::Ok();
}

}  // namespace mutuals::gen::internal
