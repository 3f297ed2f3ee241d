#include <bit>

#include "graph/roaring_view.h"

namespace mutuals::internal {

std::string validate_bitmap(const std::uint8_t* blob, std::size_t size, std::uint64_t universe) {
  if (size == 0) return {};
  if (size < 8) return "bitmap shorter than its header";
  std::uint32_t cookie = load_u32(blob);
  std::uint32_t n = 0;
  std::size_t header = 0;
  bool has_runs = false;
  if ((cookie & 0xFFFF) == kCookieRun) {
    has_runs = true;
    n = (cookie >> 16) + 1;
    header = 4 + (n + 7) / 8 + 4 * std::size_t(n) + (n >= kNoOffsetThreshold ? 4 * std::size_t(n) : 0);
  } else if (cookie == kCookieNoRun) {
    n = load_u32(blob + 4);
    if (n > 65536) return "more than 65536 containers";
    header = 8 + 8 * std::size_t(n);
  } else {
    return "unknown bitmap cookie";
  }
  if (n == 0) return "bitmap with zero containers (stored as an empty blob instead)";
  if (header > size) return "container headers run past the bitmap";
  BitmapView view = BitmapView::parse(blob, size);
  std::size_t expected_offset = header;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (i > 0 && view.key(i) <= view.key(i - 1)) return "container keys not ascending";
    std::uint64_t high = std::uint64_t(view.key(i)) << 16;
    if (high >= universe) return "container key beyond the member count";
    // Offsets must be the contiguous layout the writer produces.
    ContainerRef c = view.container(i);
    std::size_t off = static_cast<std::size_t>(c.data - blob);
    if (off != expected_offset) return "container offset out of place";
    std::size_t bytes = 0;
    if (c.kind == ContainerKind::kRun) {
      if (off + 2 > size) return "run container past the bitmap";
      std::uint32_t runs = load_u16(c.data);
      bytes = 2 + 4 * std::size_t(runs);
      if (runs == 0) return "empty run container";
      if (off + bytes > size) return "run container past the bitmap";
      std::uint64_t total = 0;
      std::int64_t prev_end = -2;
      for (std::uint32_t r = 0; r < runs; ++r) {
        std::uint32_t start = load_u16(c.data + 2 + 4 * r);
        std::uint32_t len = load_u16(c.data + 4 + 4 * r);
        if (start + len > 0xFFFF) return "run past the container end";
        if (std::int64_t(start) <= prev_end + 1) return "runs overlap or touch";
        prev_end = start + len;
        total += len + 1;
        if (high + start + len >= universe) return "value beyond the member count";
      }
      if (total != c.card) return "run container cardinality mismatch";
    } else if (c.kind == ContainerKind::kBitset) {
      bytes = kBitsetBytes;
      if (off + bytes > size) return "bitset container past the bitmap";
      std::uint64_t total = 0;
      std::uint32_t last = 0;
      for (std::uint32_t w = 0; w < 1024; ++w) {
        std::uint64_t word;
        std::memcpy(&word, c.data + 8 * w, 8);
        total += std::popcount(word);
        if (word != 0) last = w * 64 + 63 - std::countl_zero(word);
      }
      if (total != c.card) return "bitset container cardinality mismatch";
      if (high + last >= universe) return "value beyond the member count";
    } else {
      bytes = 2 * std::size_t(c.card);
      if (off + bytes > size) return "array container past the bitmap";
      for (std::uint32_t k = 1; k < c.card; ++k) {
        if (load_u16(c.data + 2 * k) <= load_u16(c.data + 2 * (k - 1))) return "array values not ascending";
      }
      if (high + load_u16(c.data + 2 * (c.card - 1)) >= universe) return "value beyond the member count";
    }
    expected_offset = off + bytes;
  }
  if (!has_runs && n < kNoOffsetThreshold) {
    // nothing extra: the no-run layout always has offsets
  }
  if (expected_offset != size) return "bytes left over after the last container";
  return {};
}

}  // namespace mutuals::internal
