#include "edges_parallel.h"

#include <sys/mman.h>
#include <tbb/parallel_for.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <vector>

#include "edge_line.h"
#include "mutuals/loaders/line_reader.h"

namespace mutuals::loaders::internal {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct Chunk {
  std::size_t begin = 0, end = 0;  // byte offsets, each at a line start
  std::vector<MemberEdge> edges;
  std::vector<MemberId> self_loop_members;
  std::uint64_t lines = 0;
  bool failed = false;
  std::size_t error_at = 0;  // offset of the bad line's start
  std::string problem;
};

// The line starting at `at` (line end and a CR before it removed), and where
// the next line starts.
std::string_view line_at(std::string_view text, std::size_t at, std::size_t& next) {
  const void* nl = std::memchr(text.data() + at, '\n', text.size() - at);
  const std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) : text.size();
  next = nl ? end + 1 : text.size();
  std::string_view line = text.substr(at, end - at);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// A parsed chunk's pages leave this process's resident set (they stay in
// the page cache): a 20 GB edge list would otherwise count 20 GB of RSS.
// `text` must start at the mapping's start, which is page-aligned.
void release(std::string_view text, const Chunk& c) {
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const std::size_t lo = (c.begin + page - 1) / page * page, hi = c.end / page * page;
  if (hi > lo) ::madvise(const_cast<char*>(text.data()) + lo, hi - lo, MADV_DONTNEED);
}

// Eight ASCII digits, little-endian in a u64 (first digit in the low
// byte): whether all eight are digits, and their value. Three multiplies
// instead of eight dependent multiply-adds: member ids run to 19-20 digits,
// and the digit loop was most of the parse.
inline bool eight_digits(std::uint64_t chunk) {
  return (chunk & 0xF0F0F0F0F0F0F0F0ull) == 0x3030303030303030ull &&
         ((chunk + 0x0606060606060606ull) & 0xF0F0F0F0F0F0F0F0ull) == 0x3030303030303030ull;
}
inline std::uint64_t eight_digits_value(std::uint64_t chunk) {
  chunk -= 0x3030303030303030ull;
  chunk = (chunk * 10) + (chunk >> 8);  // pairs of digits in the even bytes
  chunk = (((chunk & 0x000000FF000000FFull) * (100 + (1000000ull << 32))) +
           (((chunk >> 16) & 0x000000FF000000FFull) * (1 + (10000ull << 32)))) >>
          32;
  return chunk;
}

// Digits at p as a u64; false (and nothing consumed) when there are none or
// the value does not fit, which the general parser then reports.
inline bool fast_u64(const char*& p, const char* end, std::uint64_t& out) {
  const char* q = p;
  std::uint64_t v = 0;
  int digits = 0;
  // Two blocks of eight at most: 16 digits cannot overflow, and the loop
  // below takes the rest up to 19.
  for (int block = 0; block < 2 && end - q >= 8; ++block) {
    std::uint64_t chunk;
    std::memcpy(&chunk, q, 8);
    if (!eight_digits(chunk)) break;
    v = v * 100000000 + eight_digits_value(chunk);
    q += 8;
    digits += 8;
  }
  while (q < end && static_cast<unsigned char>(*q - '0') < 10 && digits < 19) {
    v = v * 10 + static_cast<std::uint64_t>(*q - '0');
    ++q;
    ++digits;
  }
  if (digits == 0) return false;
  if (q < end && static_cast<unsigned char>(*q - '0') < 10) {  // a 20th digit: may overflow
    if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, static_cast<std::uint64_t>(*q - '0'), &v)) {
      return false;
    }
    ++q;
    if (q < end && static_cast<unsigned char>(*q - '0') < 10) return false;  // 21 digits
  }
  p = q;
  out = v;
  return true;
}

// The common line, "A,B" or "A B" or "A<TAB>B" then LF or CRLF, in one pass
// with no copies; `next` is set to the next line's start. Anything else
// (comments, blanks, extra columns, spaces around the separator, bad ids)
// returns false and goes to parse_edge_line, the streaming loader's parser.
inline bool fast_line(std::string_view text, std::size_t at, MemberEdge& edge, std::size_t& next) {
  const char* p = text.data() + at;
  const char* const end = text.data() + text.size();
  if (!fast_u64(p, end, edge.a)) return false;
  if (p == end || (*p != ',' && *p != ' ' && *p != '\t')) return false;
  ++p;
  if (!fast_u64(p, end, edge.b)) return false;
  if (p == end) {
    next = text.size();
    return true;
  }
  if (*p == '\r') ++p;
  if (p == end || *p != '\n') return false;
  next = static_cast<std::size_t>(p + 1 - text.data());
  return true;
}

void parse_chunk(std::string_view text, Chunk& c) {
  MemberEdge edge;
  for (std::size_t at = c.begin, next = 0; at < c.end; at = next) {
    if (at != 0 && fast_line(text, at, edge, next)) {  // line 1 may open with a BOM
      ++c.lines;
      if (edge.a == edge.b) {
        c.self_loop_members.push_back(edge.a);
      } else {
        c.edges.push_back(edge);
      }
      continue;
    }
    std::string_view line = line_at(text, at, next);
    if (at == 0 && line.substr(0, kUtf8Bom.size()) == kUtf8Bom) line.remove_prefix(kUtf8Bom.size());
    switch (parse_edge_line(line, edge, c.problem)) {
      case EdgeLine::kSkip:
        continue;
      case EdgeLine::kError:
        c.failed = true;
        c.error_at = at;
        return;
      case EdgeLine::kEdge:
        ++c.lines;
        if (edge.a == edge.b) {
          c.self_loop_members.push_back(edge.a);
        } else {
          c.edges.push_back(edge);
        }
    }
  }
}

}  // namespace

Result<EdgeList> load_edges_parallel(const std::string& path, std::string_view text, std::size_t chunk_bytes,
                                     bool mapped) {
  // The one optional header is the first non-comment line: find it in order.
  std::size_t start = 0;
  for (std::size_t at = 0, next = 0; at < text.size(); at = next) {
    std::string_view line = line_at(text, at, next);
    if (at == 0 && line.substr(0, kUtf8Bom.size()) == kUtf8Bom) line.remove_prefix(kUtf8Bom.size());
    MemberEdge ignored;
    std::string problem;
    if (parse_edge_line(line, ignored, problem) == EdgeLine::kSkip) continue;
    start = is_edge_header(line) ? next : at;
    break;
  }

  // Chunks of ~chunk_bytes, each ending just after a line end.
  std::vector<Chunk> chunks;
  for (std::size_t begin = start; begin < text.size();) {
    std::size_t end = std::min(text.size(), begin + std::max<std::size_t>(chunk_bytes, 1));
    if (end < text.size()) {
      const void* nl = std::memchr(text.data() + end - 1, '\n', text.size() - (end - 1));
      end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) + 1 : text.size();
    }
    chunks.push_back({});
    chunks.back().begin = begin;
    chunks.back().end = end;
    begin = end;
  }
  // Release before each loop, acquire at each chunk's start; release at each
  // chunk's end, acquire after each loop: the ordering oneTBB gives, made
  // visible to ThreadSanitizer (libtbb is uninstrumented). Without the first
  // half, a task copying megabytes the caller had just zeroed is one race
  // report a word, and TSan spends minutes on reports it then suppresses.
  std::atomic<std::size_t> started{0}, done{0};
  started.store(1, std::memory_order_release);
  tbb::parallel_for(std::size_t{0}, chunks.size(), [&](std::size_t i) {
    (void)started.load(std::memory_order_acquire);
    parse_chunk(text, chunks[i]);
    if (mapped) release(text, chunks[i]);
    done.fetch_add(1, std::memory_order_release);
  });
  (void)done.load(std::memory_order_acquire);

  for (const Chunk& c : chunks) {
    if (!c.failed) continue;
    // Line numbers are only needed now: count the line ends before the bad line.
    const std::uint64_t line = 1 + static_cast<std::uint64_t>(std::count(text.begin(), text.begin() + c.error_at, '\n'));
    return line_error(path, line, c.problem);
  }

  EdgeList list;
  std::vector<std::size_t> offsets(chunks.size() + 1, 0);
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    offsets[i + 1] = offsets[i] + chunks[i].edges.size();
    list.lines += chunks[i].lines;
    list.self_loops += chunks[i].self_loop_members.size();
    list.self_loop_members.insert(list.self_loop_members.end(), chunks[i].self_loop_members.begin(),
                                  chunks[i].self_loop_members.end());
  }
  list.edges.resize(offsets.back());
  started.store(2, std::memory_order_release);
  tbb::parallel_for(std::size_t{0}, chunks.size(), [&](std::size_t i) {
    (void)started.load(std::memory_order_acquire);
    std::copy(chunks[i].edges.begin(), chunks[i].edges.end(), list.edges.begin() + static_cast<std::ptrdiff_t>(offsets[i]));
    std::vector<MemberEdge>().swap(chunks[i].edges);  // peak memory: one chunk's copy at a time
    done.fetch_add(1, std::memory_order_release);
  });
  (void)done.load(std::memory_order_acquire);
  return list;
}

}  // namespace mutuals::loaders::internal
