// Read-in-place access to one Roaring bitmap in the store's compact
// container layout, straight from the mmap-ed file: no parsing into heap
// objects, no copies.
//
// The layout keeps Roaring's containers (array, bitset, run: the same
// payload bytes as the portable format) but drops the portable format's
// per-bitmap cookie and per-container offsets, which cost 16 of every 24
// bytes on the one-container bitmaps that dominate real graphs:
//
//   u16 head        bit 15: some container is marked; bits 0-14: count c - 1
//   [u16 marks[ceil(c/16)]]  only with bit 15: bit i set = container i is marked
//   u16 keys[c]     high 16 bits of the values, strictly ascending
//   u16 cards[c]    cardinality - 1
//   containers, in key order, back to back:
//     array  (card <= 4096, unmarked): card x u16, ascending
//     bitset (card >  4096, unmarked): 1024 x u64
//     run    (marked): u16 n (1..32768), then n x (u16 start, u16 length - 1)
//     dense  (marked, card <= 4096): u16 0xFFFF, then 1024 x u64: a hub's
//            array or run container kept as a bitset (format 3; dense_rule.h)
//
// A dense container is a bitset to every kernel: intersections probe or AND
// it instead of walking it. The build picks them by a byte budget.
//
// A zero-length blob is the empty set. Containers are reached by walking
// (ContainerCursor), which is what an intersection does anyway. All loads
// are memcpy-based: nothing here needs alignment.
//
// Trust contract: BitmapView::parse and the cursor assume a blob that passed
// validate_bitmap(); the store validates every blob when it is opened.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

namespace mutuals::internal {

inline constexpr std::uint32_t kMaxArrayCard = 4096;
inline constexpr std::size_t kBitsetBytes = 8192;
inline constexpr std::uint32_t kMaxContainers = 0x8000;
// The first u16 of a marked container that is a dense bitset, not a run
// (a run container has at most 32768 runs).
inline constexpr std::uint16_t kDenseMarker = 0xFFFF;
inline constexpr std::uint32_t kDenseBytes = 2 + kBitsetBytes;

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
  std::uint32_t card;        // number of values
  const std::uint8_t* data;  // array: card u16; bitset: 1024 u64; run: u16 n + pairs
};

class BitmapView {
 public:
  BitmapView() = default;
  // `blob` must have passed validate_bitmap().
  static BitmapView parse(const std::uint8_t* blob, std::size_t size) {
    BitmapView v;
    if (size == 0) return v;
    std::uint16_t head = load_u16(blob);
    v.size_ = (head & 0x7FFFu) + 1;
    const std::uint8_t* p = blob + 2;
    if (head & 0x8000) {
      v.mark_bits_ = p;
      p += 2 * ((v.size_ + 15) / 16);
    }
    v.keys_ = p;
    v.cards_ = p + 2 * v.size_;
    v.payload_ = p + 4 * v.size_;
    return v;
  }

  std::uint32_t containers() const { return size_; }
  std::uint16_t key(std::uint32_t i) const { return load_u16(keys_ + 2 * i); }
  std::uint32_t card(std::uint32_t i) const { return std::uint32_t(load_u16(cards_ + 2 * i)) + 1; }
  bool is_marked(std::uint32_t i) const { return mark_bits_ != nullptr && ((mark_bits_[i / 8] >> (i % 8)) & 1); }
  const std::uint8_t* payload() const { return payload_; }

  // Container i, given where its payload starts (a marked container's kind
  // is in its payload).
  ContainerRef container(std::uint32_t i, const std::uint8_t* at) const {
    const std::uint32_t c = card(i);
    if (is_marked(i)) {
      if (load_u16(at) == kDenseMarker) return {ContainerKind::kBitset, c, at + 2};
      return {ContainerKind::kRun, c, at};
    }
    return {c > kMaxArrayCard ? ContainerKind::kBitset : ContainerKind::kArray, c, at};
  }

  // Bytes of container i's payload, given where it starts.
  std::uint32_t container_bytes(std::uint32_t i, const std::uint8_t* at) const {
    if (is_marked(i)) {
      const std::uint16_t n = load_u16(at);
      return n == kDenseMarker ? kDenseBytes : 2 + 4 * std::uint32_t(n);
    }
    const std::uint32_t c = card(i);
    return c > kMaxArrayCard ? std::uint32_t(kBitsetBytes) : 2 * c;
  }

  // Container i's kind, walking to it: for tests and tools, not kernels.
  ContainerKind kind(std::uint32_t i) const;

  std::uint64_t cardinality() const {
    std::uint64_t c = 0;
    for (std::uint32_t i = 0; i < size_; ++i) c += card(i);
    return c;
  }

  bool contains(std::uint32_t x) const;
  // Appends every value, ascending.
  void decode(std::vector<std::uint32_t>& out) const;

 private:
  const std::uint8_t* mark_bits_ = nullptr;
  const std::uint8_t* keys_ = nullptr;
  const std::uint8_t* cards_ = nullptr;
  const std::uint8_t* payload_ = nullptr;
  std::uint32_t size_ = 0;
};

// Walks a bitmap's containers in order.
class ContainerCursor {
 public:
  explicit ContainerCursor(const BitmapView& b) : b_(&b), at_(b.payload()) {}
  bool done() const { return i_ >= b_->containers(); }
  std::uint16_t key() const { return b_->key(i_); }
  const std::uint8_t* at() const { return at_; }
  ContainerRef get() const { return b_->container(i_, at_); }
  void next() {
    at_ += b_->container_bytes(i_, at_);
    ++i_;
  }

 private:
  const BitmapView* b_;
  const std::uint8_t* at_;
  std::uint32_t i_ = 0;
};

inline ContainerKind BitmapView::kind(std::uint32_t i) const {
  ContainerCursor c(*this);
  for (std::uint32_t k = 0; k < i; ++k) c.next();
  return c.get().kind;
}

inline bool BitmapView::contains(std::uint32_t x) const {
  const std::uint16_t k = static_cast<std::uint16_t>(x >> 16);
  const std::uint16_t low = static_cast<std::uint16_t>(x);
  for (ContainerCursor c(*this); !c.done(); c.next()) {
    if (c.key() < k) continue;
    if (c.key() > k) return false;
    ContainerRef r = c.get();
    if (r.kind == ContainerKind::kBitset) {
      std::uint64_t w;
      std::memcpy(&w, r.data + 8 * (low >> 6), 8);
      return (w >> (low & 63)) & 1;
    }
    if (r.kind == ContainerKind::kRun) {
      std::uint32_t runs = load_u16(r.data);
      for (std::uint32_t i = 0; i < runs; ++i) {
        std::uint32_t start = load_u16(r.data + 2 + 4 * i), len = load_u16(r.data + 4 + 4 * i);
        if (low < start) return false;
        if (low <= start + len) return true;
      }
      return false;
    }
    std::uint32_t a = 0, b = r.card;
    while (a < b) {
      std::uint32_t mid = (a + b) / 2;
      if (load_u16(r.data + 2 * mid) < low) a = mid + 1; else b = mid;
    }
    return a < r.card && load_u16(r.data + 2 * a) == low;
  }
  return false;
}

inline void BitmapView::decode(std::vector<std::uint32_t>& out) const {
  for (ContainerCursor c(*this); !c.done(); c.next()) {
    const std::uint32_t base = std::uint32_t(c.key()) << 16;
    ContainerRef r = c.get();
    if (r.kind == ContainerKind::kArray) {
      for (std::uint32_t i = 0; i < r.card; ++i) out.push_back(base | load_u16(r.data + 2 * i));
    } else if (r.kind == ContainerKind::kBitset) {
      for (std::uint32_t w = 0; w < 1024; ++w) {
        std::uint64_t bits;
        std::memcpy(&bits, r.data + 8 * w, 8);
        while (bits) {
          out.push_back(base | (w * 64 + static_cast<std::uint32_t>(__builtin_ctzll(bits))));
          bits &= bits - 1;
        }
      }
    } else {
      std::uint32_t runs = load_u16(r.data);
      for (std::uint32_t i = 0; i < runs; ++i) {
        std::uint32_t start = load_u16(r.data + 2 + 4 * i), len = load_u16(r.data + 4 + 4 * i);
        for (std::uint32_t v = start; v <= start + len; ++v) out.push_back(base | v);
      }
    }
  }
}

// Full structural check of one blob: header and containers in bounds, keys
// strictly ascending, array and run values ascending and non-overlapping,
// kinds consistent with cardinalities, every value < `universe`, no bytes
// left over. Returns an empty string when valid, else what is wrong.
std::string validate_bitmap(const std::uint8_t* blob, std::size_t size, std::uint64_t universe);

}  // namespace mutuals::internal
