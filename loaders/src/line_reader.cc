// LineReader: one buffered pass over a plain or gzip file, memchr for line ends.
//
// The trick: gzread fills a large buffer in place and lines are views into it,
// so the steady state does no allocation and one memchr per line. The buffer
// only grows when a single line does not fit (then it doubles).
#include "mutuals/loaders/line_reader.h"

#include <zlib.h>

#include <algorithm>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace mutuals::loaders {
namespace {

constexpr std::size_t kLineBufferBytes = std::size_t{1} << 20;
// zlib's own buffer. Reads of at least this size bypass it for plain files, and
// ours are ~1 MiB, so plain files are copied once, straight into our buffer.
constexpr std::size_t kGzBufferBytes = std::size_t{256} << 10;
constexpr std::size_t kMinBufferBytes = std::size_t{4} << 10;
// gzread takes an unsigned length and returns an int.
constexpr std::size_t kMaxReadBytes = std::size_t{1} << 30;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

gzFile as_gz(void* gz) { return static_cast<gzFile>(gz); }

// gzerror prefixes its message with the path; our messages add their own.
std::string zlib_message(gzFile gz, const std::string& path, int* errnum) {
  std::string_view msg = gzerror(gz, errnum);
  const std::string prefix = path + ": ";
  if (msg.substr(0, prefix.size()) == prefix) msg.remove_prefix(prefix.size());
  return std::string(msg);
}

}  // namespace

Status line_error(const std::string& path, std::uint64_t line, std::string_view what) {
  std::string message = path;
  message += ':';
  message += std::to_string(line);
  message += ": ";
  message += what;
  return InvalidArgument(std::move(message));
}

Result<std::unique_ptr<LineReader>> LineReader::open(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    return InvalidArgument(path + ": is a directory, not a file");
  }
  errno = 0;
  // 'e' = O_CLOEXEC: a reader must not leak into a child process.
  gzFile gz = gzopen(path.c_str(), "rbe");
  if (gz == nullptr) {
    const int err = errno;
    std::string message = path + ": cannot open: " + (err != 0 ? std::strerror(err) : "out of memory");
    if (err == ENOENT || err == ENOTDIR) return NotFound(std::move(message));
    return IoError(std::move(message));
  }
  // Small files (most consent and pairs files, every fuzz input) get small
  // buffers: a megabyte allocated and cleared per open would cost more than
  // reading them. A gzip file may inflate ~4x; a longer line still fits, as
  // the buffer doubles on demand.
  const std::size_t file_bytes = st.st_size > 0 ? static_cast<std::size_t>(st.st_size) : 0;
  const std::size_t line_buffer = std::clamp<std::size_t>(4 * file_bytes + 1, kMinBufferBytes, kLineBufferBytes);
  const auto gz_buffer = static_cast<unsigned>(std::clamp<std::size_t>(file_bytes + 1, kMinBufferBytes, kGzBufferBytes));
  if (gzbuffer(gz, gz_buffer) != 0) {
    gzclose_r(gz);
    return Internal(path + ": cannot set the zlib buffer size");
  }
  return std::unique_ptr<LineReader>(new LineReader(path, gz, line_buffer));
}

LineReader::LineReader(std::string path, void* gz, std::size_t buffer_bytes)
    : path_(std::move(path)), gz_(gz), buffer_(buffer_bytes) {}

LineReader::~LineReader() {
  if (gz_ != nullptr) gzclose_r(as_gz(gz_));
}

bool LineReader::refill() {
  // Keep the unfinished line, moved to the front; grow only if it fills everything.
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);

  const std::size_t want = std::min(buffer_.size() - end_, kMaxReadBytes);
  const int got = gzread(as_gz(gz_), buffer_.data() + end_, static_cast<unsigned>(want));
  int errnum = Z_OK;
  if (got > 0) {
    end_ += static_cast<std::size_t>(got);
    return true;
  }
  // got == 0 is end of input, but a gzip stream cut short also ends that way
  // and leaves Z_BUF_ERROR behind: check before trusting it.
  const std::string what = zlib_message(as_gz(gz_), path_, &errnum);
  if (got == 0 && errnum == Z_OK) {
    eof_ = true;
    return true;
  }
  if (errnum == Z_ERRNO) {
    status_ = IoError(path_ + ": cannot read: " + what);
  } else {
    status_ = InvalidArgument(path_ + ": corrupt gzip data: " + what);
  }
  return false;
}

std::optional<std::string_view> LineReader::next() {
  if (!status_.ok()) return std::nullopt;
  for (;;) {
    const std::size_t available = end_ - begin_;
    const char* start = buffer_.data() + begin_;
    const void* newline = available > 0 ? std::memchr(start, '\n', available) : nullptr;
    std::size_t length = 0;
    if (newline != nullptr) {
      length = static_cast<std::size_t>(static_cast<const char*>(newline) - start);
      begin_ += length + 1;
    } else if (eof_ && available > 0) {
      length = available;  // a last line without a newline still counts
      begin_ = end_;
    } else if (eof_) {
      return std::nullopt;
    } else {
      if (!refill()) return std::nullopt;
      continue;
    }
    std::string_view line(start, length);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_number_;
    // Spreadsheet exports often start with a byte-order mark; it is not content.
    if (line_number_ == 1 && line.substr(0, kUtf8Bom.size()) == kUtf8Bom) line.remove_prefix(kUtf8Bom.size());
    return line;
  }
}

}  // namespace mutuals::loaders
