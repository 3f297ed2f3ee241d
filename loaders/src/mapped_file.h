// Internal: a whole plain-text input file mapped read-only, for loaders that
// parse chunks of one file on several threads. gzip files are not mapped
// (they stream through LineReader).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace mutuals::loaders::internal {

class MappedFile {
 public:
  // Null when the file cannot be mapped this way (missing, a directory,
  // empty, gzip-compressed, or mmap refused): the caller then streams it,
  // and the streaming reader reports any error in its usual words.
  static std::unique_ptr<MappedFile> open_plain(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view text() const { return {data_, size_}; }

 private:
  MappedFile(const char* data, std::size_t size) : data_(data), size_(size) {}
  const char* data_;
  std::size_t size_;
};

}  // namespace mutuals::loaders::internal
