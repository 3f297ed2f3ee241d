#include "kernels/dense_probe.h"

#include <bit>

#include "kernels/simd/u16_probe_dense.h"
#include "kernels/simd/bitset_count.h"

namespace mutuals::internal {
namespace {

std::vector<std::uint64_t>& thread_words() {
  thread_local std::vector<std::uint64_t> words;
  return words;
}

// Calls f(word index, bits) for every 64-value word of container ∩ dense.
template <typename F>
void probe_container(std::uint16_t key, const ContainerRef& r, const std::uint64_t* dense, F&& f) {
  const std::uint32_t word_base = std::uint32_t(key) << 10;
  if (r.kind == ContainerKind::kArray) {
    for (std::uint32_t i = 0; i < r.card; ++i) {
      std::uint32_t low = load_u16(r.data + 2 * i);
      std::uint32_t w = word_base + (low >> 6);
      std::uint64_t bit = std::uint64_t{1} << (low & 63);
      if (dense[w] & bit) f(w, bit);
    }
  } else if (r.kind == ContainerKind::kBitset) {
    for (std::uint32_t w = 0; w < 1024; ++w) {
      std::uint64_t bits;
      std::memcpy(&bits, r.data + 8 * w, 8);
      bits &= dense[word_base + w];
      if (bits) f(word_base + w, bits);
    }
  } else {
    std::uint32_t runs = load_u16(r.data);
    for (std::uint32_t k = 0; k < runs; ++k) {
      std::uint32_t lo = load_u16(r.data + 2 + 4 * k), hi = lo + load_u16(r.data + 4 + 4 * k);
      for (std::uint32_t w = lo >> 6; w <= (hi >> 6); ++w) {
        std::uint64_t bits = dense[word_base + w];
        if (w == (lo >> 6)) bits &= ~std::uint64_t{0} << (lo & 63);
        if (w == (hi >> 6)) bits &= ~std::uint64_t{0} >> (63 - (hi & 63));
        if (bits) f(word_base + w, bits);
      }
    }
  }
}

// Calls f(word index, bits) for every 64-value word of subject ∩ dense.
template <typename F>
void probe(const BitmapView& subject, const std::uint64_t* dense, F&& f) {
  for (ContainerCursor c(subject); !c.done(); c.next()) probe_container(c.key(), c.get(), dense, f);
}


// Calls word_op(&word, bits) for every word of `viewer`'s containers with
// the container's bits of it (bitset containers: every word). Without a
// list of touched words: expanding a hub is a few steps a neighbour, set
// then cleared.
template <typename WordOp>
void for_each_word(const BitmapView& viewer, std::uint64_t* words, WordOp&& word_op) {
  for (ContainerCursor c(viewer); !c.done(); c.next()) {
    const ContainerRef r = c.get();
    std::uint64_t* region = words + (std::size_t(c.key()) << 10);
    if (r.kind == ContainerKind::kArray) {
      for (std::uint32_t i = 0; i < r.card; ++i) {
        const std::uint32_t low = load_u16(r.data + 2 * i);
        word_op(region + (low >> 6), std::uint64_t{1} << (low & 63));
      }
    } else if (r.kind == ContainerKind::kBitset) {
      for (std::uint32_t w = 0; w < 1024; ++w) {
        std::uint64_t bits;
        std::memcpy(&bits, r.data + 8 * w, 8);
        word_op(region + w, bits);
      }
    } else {
      const std::uint32_t runs = load_u16(r.data);
      for (std::uint32_t k = 0; k < runs; ++k) {
        const std::uint32_t lo = load_u16(r.data + 2 + 4 * k), hi = lo + load_u16(r.data + 4 + 4 * k);
        for (std::uint32_t w = lo >> 6; w <= (hi >> 6); ++w) {
          std::uint64_t bits = ~std::uint64_t{0};
          if (w == (lo >> 6)) bits &= ~std::uint64_t{0} << (lo & 63);
          if (w == (hi >> 6)) bits &= ~std::uint64_t{0} >> (63 - (hi & 63));
          word_op(region + w, bits);
        }
      }
    }
  }
}

}  // namespace

DenseNeighbours::DenseNeighbours(const BitmapView& viewer, std::uint32_t members)
    : words_(thread_words()), viewer_(viewer) {
  // Whole containers' worth of words, so probing never needs a bound check.
  std::size_t need = ((std::size_t(members) + 65535) / 65536) * 1024;
  if (words_.size() < need) words_.resize(need, 0);
  for_each_word(viewer_, words_.data(), [](std::uint64_t* w, std::uint64_t bits) { *w |= bits; });
}

DenseNeighbours::~DenseNeighbours() {
  for_each_word(viewer_, words_.data(), [](std::uint64_t* w, std::uint64_t) { *w = 0; });
}

std::uint64_t DenseNeighbours::count(const BitmapView& subject, const ConsentSnapshot& consent) const {
  std::uint64_t n = 0;
  if (consent.hidden_members() == 0) {
    // Array containers, by far the most common, go to the SIMD probe; the
    // others to the popcount kernels (std::popcount is a libgcc call here).
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(words_.data());
    const U16ProbeDenseFn probe_array = u16_probe_dense();
    for (ContainerCursor c(subject); !c.done(); c.next()) {
      const ContainerRef r = c.get();
      if (r.kind == ContainerKind::kArray) {
        n += probe_array(r.data, r.card, bytes + (std::size_t(c.key()) << 13));
      } else {
        const auto* region = reinterpret_cast<const std::uint8_t*>(words_.data() + (std::size_t(c.key()) << 10));
        n += r.kind == ContainerKind::kBitset ? words_and_count()(r.data, region, 1024)
                                              : runs_in_bitset_count()(region, r.data + 2, load_u16(r.data));
      }
    }
  } else {
    probe(subject, words_.data(),
          [&](std::uint32_t w, std::uint64_t bits) { n += std::popcount(bits & consent.visible_word(w)); });
  }
  return n;
}

void DenseNeighbours::list(const BitmapView& subject, const ConsentSnapshot& consent,
                           std::vector<std::uint32_t>& out) const {
  const bool masked = consent.hidden_members() != 0;
  probe(subject, words_.data(), [&](std::uint32_t w, std::uint64_t bits) {
    if (masked) bits &= consent.visible_word(w);
    while (bits) {
      out.push_back(w * 64 + static_cast<std::uint32_t>(std::countr_zero(bits)));
      bits &= bits - 1;
    }
  });
}

}  // namespace mutuals::internal
