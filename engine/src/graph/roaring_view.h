// Read-in-place access to one Roaring bitmap in the portable serialization
// format (the format CRoaring, Java and Go Roaring all read), straight from
// the mmap-ed store: no parsing into heap objects, no copies.
//
// Layout (little endian): cookie 12346 + uint32 size, or cookie 12347 with
// (size-1) in the high 16 bits followed by a run bitset; then size x (uint16
// key, uint16 cardinality-1); then size x uint32 container offsets (always
// without runs; with runs only when size >= 4); then the containers: array =
// card x uint16, bitset = 1024 x uint64, run = uint16 count + count x (start,
// length-1). A zero-length blob is the empty set (vertices without edges).
//
// Trust contract: BitmapView::parse assumes a blob that passed validate();
// the store validates every blob once, when it is opened.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

namespace mutuals::internal {

inline constexpr std::uint32_t kCookieNoRun = 12346;
inline constexpr std::uint32_t kCookieRun = 12347;
inline constexpr std::uint32_t kNoOffsetThreshold = 4;
inline constexpr std::uint32_t kMaxArrayCard = 4096;
inline constexpr std::size_t kBitsetBytes = 8192;

enum class ContainerKind : std::uint8_t { kArray, kBitset, kRun };

inline std::uint16_t load_u16(const std::uint8_t* p) {
  std::uint16_t v;
  std::memcpy(&v, p, 2);
  return v;
}
inline std::uint32_t load_u32(const std::uint8_t* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

struct ContainerRef {
  ContainerKind kind;
  std::uint32_t card;         // number of values
  const std::uint8_t* data;   // array: card u16; bitset: 1024 u64; run: u16 n + pairs
};

class BitmapView {
 public:
  BitmapView() = default;
  // `blob` must have passed validate().
  static BitmapView parse(const std::uint8_t* blob, std::size_t size) {
    BitmapView v;
    if (size == 0) return v;
    v.base_ = blob;
    std::uint32_t cookie = load_u32(blob);
    if ((cookie & 0xFFFF) == kCookieRun) {
      v.size_ = (cookie >> 16) + 1;
      v.run_bits_ = blob + 4;
      v.keycards_ = v.run_bits_ + (v.size_ + 7) / 8;
      v.offsets_ = v.size_ >= kNoOffsetThreshold ? v.keycards_ + 4 * v.size_ : nullptr;
    } else {
      v.size_ = load_u32(blob + 4);
      v.keycards_ = blob + 8;
      v.offsets_ = v.keycards_ + 4 * v.size_;
    }
    return v;
  }

  std::uint32_t containers() const { return size_; }
  std::uint16_t key(std::uint32_t i) const { return load_u16(keycards_ + 4 * i); }
  std::uint32_t card(std::uint32_t i) const { return std::uint32_t(load_u16(keycards_ + 4 * i + 2)) + 1; }
  bool is_run(std::uint32_t i) const { return run_bits_ != nullptr && ((run_bits_[i / 8] >> (i % 8)) & 1); }

  ContainerRef container(std::uint32_t i) const {
    ContainerKind kind = is_run(i) ? ContainerKind::kRun
                         : card(i) > kMaxArrayCard ? ContainerKind::kBitset
                                                   : ContainerKind::kArray;
    return {kind, card(i), base_ + offset(i)};
  }

  bool contains(std::uint32_t x) const {
    const std::uint16_t k = static_cast<std::uint16_t>(x >> 16);
    const std::uint16_t low = static_cast<std::uint16_t>(x);
    std::uint32_t lo = 0, hi = size_;
    while (lo < hi) {
      std::uint32_t mid = (lo + hi) / 2;
      if (key(mid) < k) lo = mid + 1; else hi = mid;
    }
    if (lo == size_ || key(lo) != k) return false;
    ContainerRef c = container(lo);
    if (c.kind == ContainerKind::kBitset) {
      std::uint64_t w;
      std::memcpy(&w, c.data + 8 * (low >> 6), 8);
      return (w >> (low & 63)) & 1;
    }
    if (c.kind == ContainerKind::kRun) {
      std::uint32_t runs = load_u16(c.data);
      for (std::uint32_t r = 0; r < runs; ++r) {
        std::uint32_t start = load_u16(c.data + 2 + 4 * r), len = load_u16(c.data + 4 + 4 * r);
        if (low < start) return false;
        if (low <= start + len) return true;
      }
      return false;
    }
    std::uint32_t a = 0, b = c.card;
    while (a < b) {
      std::uint32_t mid = (a + b) / 2;
      if (load_u16(c.data + 2 * mid) < low) a = mid + 1; else b = mid;
    }
    return a < c.card && load_u16(c.data + 2 * a) == low;
  }

  std::uint64_t cardinality() const {
    std::uint64_t c = 0;
    for (std::uint32_t i = 0; i < size_; ++i) c += card(i);
    return c;
  }

 private:
  std::uint32_t offset(std::uint32_t i) const {
    if (offsets_ != nullptr) return load_u32(offsets_ + 4 * i);
    // Run bitmaps with fewer than 4 containers carry no offsets: walk them.
    std::uint32_t off = static_cast<std::uint32_t>(keycards_ + 4 * size_ - base_);
    for (std::uint32_t j = 0; j < i; ++j) off += container_bytes(j, off);
    return off;
  }
  std::uint32_t container_bytes(std::uint32_t i, std::uint32_t off) const {
    if (is_run(i)) return 2 + 4 * std::uint32_t(load_u16(base_ + off));
    return card(i) > kMaxArrayCard ? std::uint32_t(kBitsetBytes) : 2 * card(i);
  }

  const std::uint8_t* base_ = nullptr;
  const std::uint8_t* run_bits_ = nullptr;
  const std::uint8_t* keycards_ = nullptr;
  const std::uint8_t* offsets_ = nullptr;
  std::uint32_t size_ = 0;
};

// Full structural check of one blob: header and containers in bounds, keys
// strictly ascending, array and run values ascending and non-overlapping,
// cardinalities consistent, every value < `universe`. Returns an empty
// string when valid, else what is wrong.
std::string validate_bitmap(const std::uint8_t* blob, std::size_t size, std::uint64_t universe);

}  // namespace mutuals::internal
