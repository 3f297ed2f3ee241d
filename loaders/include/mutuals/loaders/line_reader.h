// Streaming line reader for plain or gzip-compressed text files.
//
// zlib's gzread reads uncompressed files transparently, so one path serves
// both. Lines are handed out as string_views into an internal buffer with the
// line end (LF or CRLF) removed; the view is valid until the next call.
//
//   auto reader = mutuals::loaders::LineReader::open("edges.txt.gz");
//   while (auto line = reader->next()) { use(*line, reader->line_number()); }
//   if (!reader->status().ok()) { ... }
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mutuals/status.h"

namespace mutuals::loaders {

class LineReader {
 public:
  static Result<std::unique_ptr<LineReader>> open(const std::string& path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line, or nullopt at end of file or on a read error (see status()).
  std::optional<std::string_view> next();
  // 1-based number of the line last returned.
  std::uint64_t line_number() const { return line_number_; }
  const std::string& path() const { return path_; }
  // Ok unless reading failed (a corrupt .gz, an I/O error).
  const Status& status() const { return status_; }

 private:
  LineReader(std::string path, void* gz, std::size_t buffer_bytes);
  bool refill();

  std::string path_;
  void* gz_ = nullptr;  // gzFile, kept opaque so zlib.h stays out of this header
  std::vector<char> buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  std::uint64_t line_number_ = 0;
  Status status_;
};

// "FILE:LINE: what" — the shape of every loader error.
Status line_error(const std::string& path, std::uint64_t line, std::string_view what);

}  // namespace mutuals::loaders
