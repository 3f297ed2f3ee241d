// Small POSIX file helpers with Status errors: durable writes (write, fsync,
// rename, fsync the directory) and read-only memory maps.
//
// Trust contract: MappedFile maps exactly the file's size at open time; the
// caller checks every offset it derives from the mapped bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "mutuals/status.h"

namespace mutuals::internal {

// An append-only file written through a buffer; close() flushes and fsyncs.
class FileWriter {
 public:
  static Result<FileWriter> create(const std::string& path);
  FileWriter(FileWriter&& other) noexcept;
  FileWriter& operator=(FileWriter&&) = delete;
  ~FileWriter();

  Status write(const void* data, std::size_t size);
  Status pad_to(std::uint64_t alignment);  // zero bytes up to the next multiple
  std::uint64_t offset() const { return offset_; }
  Status close();  // flush, fsync, close

 private:
  FileWriter(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  Status flush();

  std::string path_;
  int fd_ = -1;
  std::string buffer_;
  std::uint64_t offset_ = 0;
};

// Writes a whole small file durably (used for manifests).
Status write_file_durably(const std::string& path, std::string_view bytes);
Status fsync_directory(const std::string& dir);
Result<std::string> read_small_file(const std::string& path, std::size_t max_bytes);

// Who a file is, as the file system tells it: any write to the file, any
// replacement or copy changes at least one field (the change time cannot be
// set by user code; a copy or replacement is a new inode).
struct FileIdentity {
  std::uint64_t device = 0, inode = 0, size = 0;
  std::int64_t mtime_ns = 0, ctime_ns = 0;
  bool operator==(const FileIdentity&) const = default;
};

class MappedFile {
 public:
  static Result<MappedFile> open(const std::string& path);
  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  const std::uint8_t* data() const { return data_; }
  std::size_t size() const { return size_; }
  // The mapped file's identity, taken from the descriptor that was mapped.
  const FileIdentity& identity() const { return identity_; }

 private:
  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  FileIdentity identity_;
};

std::string errno_text();

}  // namespace mutuals::internal
