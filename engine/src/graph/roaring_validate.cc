#include <bit>

#include "graph/roaring_view.h"

namespace mutuals::internal {

std::string validate_bitmap(const std::uint8_t* blob, std::size_t size, std::uint64_t universe) {
  if (size == 0) return {};
  if (size < 2) return "bitmap shorter than its header";
  const std::uint16_t head = load_u16(blob);
  const std::uint32_t n = (head & 0x7FFFu) + 1;
  const std::size_t header = 2 + ((head & 0x8000) ? 2 * ((n + 15) / 16) : 0) + 4 * std::size_t(n);
  if (header > size) return "container headers run past the bitmap";
  BitmapView view = BitmapView::parse(blob, size);
  bool any_marked = false;
  const std::uint8_t* end = blob + size;
  const std::uint8_t* after_last = view.payload();
  std::uint32_t i = 0;
  for (ContainerCursor c(view); !c.done(); c.next(), ++i) {
    if (i > 0 && view.key(i) <= view.key(i - 1)) return "container keys not ascending";
    const std::uint64_t high = std::uint64_t(view.key(i)) << 16;
    if (high >= universe) return "container key beyond the member count";
    if (c.at() > end) return "containers run past the bitmap";
    if (view.is_marked(i) && end - c.at() < 2) return "run container past the bitmap";
    // A dense container is an array container kept as a bitset; anything
    // fuller is a plain bitset container: one encoding per set.
    const bool dense = view.is_marked(i) && load_u16(c.at()) == kDenseMarker;
    if (dense && view.card(i) > kMaxArrayCard) return "dense container holds more than an array container may";
    ContainerRef r = c.get();
    const std::size_t left = static_cast<std::size_t>(end - r.data);
    if (r.kind == ContainerKind::kRun) {
      if (left < 2) return "run container past the bitmap";
      std::uint32_t runs = load_u16(r.data);
      if (runs == 0) return "empty run container";
      if (left < 2 + 4 * std::size_t(runs)) return "run container past the bitmap";
      std::uint64_t total = 0;
      std::int64_t prev_end = -2;
      for (std::uint32_t k = 0; k < runs; ++k) {
        std::uint32_t start = load_u16(r.data + 2 + 4 * k), len = load_u16(r.data + 4 + 4 * k);
        if (start + len > 0xFFFF) return "run past the container end";
        if (std::int64_t(start) <= prev_end + 1) return "runs overlap or touch";
        prev_end = start + len;
        total += len + 1;
      }
      if (total != r.card) return "run container cardinality mismatch";
      if (high + std::uint64_t(prev_end) >= universe) return "value beyond the member count";
    } else if (r.kind == ContainerKind::kBitset) {
      if (left < kBitsetBytes) return "bitset container past the bitmap";
      std::uint64_t total = 0;
      std::uint32_t last = 0;
      for (std::uint32_t w = 0; w < 1024; ++w) {
        std::uint64_t word;
        std::memcpy(&word, r.data + 8 * w, 8);
        total += std::popcount(word);
        if (word != 0) last = w * 64 + 63 - std::countl_zero(word);
      }
      if (total != r.card) return "bitset container cardinality mismatch";
      if (high + last >= universe) return "value beyond the member count";
    } else {
      if (left < 2 * std::size_t(r.card)) return "array container past the bitmap";
      for (std::uint32_t k = 1; k < r.card; ++k) {
        if (load_u16(r.data + 2 * k) <= load_u16(r.data + 2 * (k - 1))) return "array values not ascending";
      }
      if (high + load_u16(r.data + 2 * (r.card - 1)) >= universe) return "value beyond the member count";
    }
    any_marked |= view.is_marked(i);
    after_last = c.at() + view.container_bytes(i, c.at());
  }
  if (any_marked != bool(head & 0x8000)) return "mark flag disagrees with the containers";
  if (after_last != end) return "bytes left over after the last container";
  return {};
}

}  // namespace mutuals::internal
