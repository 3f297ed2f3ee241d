// An exclusive advisory lock on a file (flock), held for the object's life.
// Serialises consent writers across processes; readers never take it.
#pragma once

#include <string>

#include "mutuals/status.h"

namespace mutuals::internal {

class FileLock {
 public:
  // Blocks until the lock is free.
  static Result<FileLock> acquire(const std::string& path);
  FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FileLock& operator=(FileLock&&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace mutuals::internal
