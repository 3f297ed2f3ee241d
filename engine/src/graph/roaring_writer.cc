#include "graph/roaring_writer.h"

#include <cstring>

#include "graph/roaring_view.h"

namespace mutuals::internal {
namespace {

struct Plan {
  std::uint16_t key;
  std::uint32_t begin, end;  // index range in values
  std::uint32_t runs;
  ContainerKind kind;
  std::uint32_t bytes;
  bool dense = false;  // a bitset marked as such (card <= 4096)
};

// Walks the containers of `values`, calling f(plan) for each; array
// containers of dense_from values or more are planned dense.
template <typename F>
void for_each_container(std::span<const std::uint32_t> values, std::uint32_t dense_from, F&& f) {
  std::uint32_t i = 0;
  const auto n = static_cast<std::uint32_t>(values.size());
  while (i < n) {
    auto key = static_cast<std::uint16_t>(values[i] >> 16);
    std::uint32_t j = i, runs = 0, prev = 0;
    while (j < n && (values[j] >> 16) == key) {
      std::uint32_t low = values[j] & 0xFFFF;
      if (j == i || low != prev + 1) ++runs;
      prev = low;
      ++j;
    }
    std::uint32_t card = j - i;
    std::uint32_t plain = card > kMaxArrayCard ? std::uint32_t(kBitsetBytes) : 2 * card;
    std::uint32_t run_bytes = 2 + 4 * runs;
    Plan p{key, i, j, runs, card > kMaxArrayCard ? ContainerKind::kBitset : ContainerKind::kArray, plain};
    if (card <= kMaxArrayCard && card >= dense_from) {
      p.dense = true;
      p.kind = ContainerKind::kBitset;
      p.bytes = kDenseBytes;
    } else if (run_bytes < plain) {
      p.kind = ContainerKind::kRun;
      p.bytes = run_bytes;
    }
    f(p);
    i = j;
  }
}

struct Shape {
  std::uint32_t containers = 0;
  bool has_runs = false;  // or dense containers: either is marked
  std::size_t payload = 0;
};

Shape shape_of(std::span<const std::uint32_t> values, std::uint32_t dense_from) {
  Shape s;
  for_each_container(values, dense_from, [&](const Plan& p) {
    ++s.containers;
    s.has_runs |= p.kind == ContainerKind::kRun || p.dense;
    s.payload += p.bytes;
  });
  return s;
}

void put16(std::uint8_t*& p, std::uint16_t v) {
  std::memcpy(p, &v, 2);
  p += 2;
}
void put32(std::uint8_t*& p, std::uint32_t v) {
  std::memcpy(p, &v, 4);
  p += 4;
}

// Container payloads are identical in both formats (the portable format is
// never written with dense containers).
std::uint8_t* write_payload(std::span<const std::uint32_t> values, const Plan& c, std::uint8_t* p) {
  if (c.kind == ContainerKind::kRun) {
    put16(p, static_cast<std::uint16_t>(c.runs));
    std::uint32_t k = c.begin;
    while (k < c.end) {
      std::uint32_t start = values[k] & 0xFFFF;
      std::uint32_t m = k + 1;
      while (m < c.end && (values[m] & 0xFFFF) == (values[m - 1] & 0xFFFF) + 1) ++m;
      put16(p, static_cast<std::uint16_t>(start));
      put16(p, static_cast<std::uint16_t>(m - k - 1));
      k = m;
    }
  } else if (c.kind == ContainerKind::kBitset) {
    if (c.dense) put16(p, kDenseMarker);
    std::uint64_t words[1024] = {};
    for (std::uint32_t k = c.begin; k < c.end; ++k) {
      std::uint32_t low = values[k] & 0xFFFF;
      words[low >> 6] |= std::uint64_t{1} << (low & 63);
    }
    std::memcpy(p, words, kBitsetBytes);
    p += kBitsetBytes;
  } else {
    for (std::uint32_t k = c.begin; k < c.end; ++k) put16(p, static_cast<std::uint16_t>(values[k] & 0xFFFF));
  }
  return p;
}

std::size_t compact_header(const Shape& s) {
  return 2 + (s.has_runs ? 2 * ((s.containers + 15) / 16) : 0) + 4 * std::size_t(s.containers);
}

}  // namespace

std::size_t serialized_bitmap_size(std::span<const std::uint32_t> values, std::uint32_t dense_from) {
  if (values.empty()) return 0;
  Shape s = shape_of(values, dense_from);
  return compact_header(s) + s.payload;
}

void count_dense_candidates(std::span<const std::uint32_t> values, DenseCandidates& into) {
  for_each_container(values, kNeverDense, [&](const Plan& p) {
    const std::uint32_t card = p.end - p.begin;
    if (p.kind == ContainerKind::kBitset || card > kMaxArrayCard) return;  // fuller runs stay runs
    ++into.containers[card];
    into.bytes[card] += p.bytes;
  });
}

void serialize_bitmap(std::span<const std::uint32_t> values, std::uint8_t* out, std::uint32_t dense_from) {
  if (values.empty()) return;
  Shape s = shape_of(values, dense_from);
  std::uint8_t* p = out;
  put16(p, static_cast<std::uint16_t>((s.containers - 1) | (s.has_runs ? 0x8000 : 0)));
  std::uint8_t* run_bits = nullptr;
  if (s.has_runs) {
    run_bits = p;
    std::memset(p, 0, 2 * ((s.containers + 15) / 16));
    p += 2 * ((s.containers + 15) / 16);
  }
  std::uint8_t* keys = p;
  std::uint8_t* cards = p + 2 * std::size_t(s.containers);
  std::uint8_t* payload = p + 4 * std::size_t(s.containers);
  std::uint32_t index = 0;
  for_each_container(values, dense_from, [&](const Plan& c) {
    put16(keys, c.key);
    put16(cards, static_cast<std::uint16_t>(c.end - c.begin - 1));
    if (c.kind == ContainerKind::kRun || c.dense) run_bits[index / 8] |= std::uint8_t(1u << (index % 8));
    payload = write_payload(values, c, payload);
    ++index;
  });
}

std::vector<std::uint8_t> portable_bitmap(std::span<const std::uint32_t> values) {
  constexpr std::uint32_t kCookieNoRun = 12346, kCookieRun = 12347, kNoOffsetThreshold = 4;
  Shape s = shape_of(values, kNeverDense);
  std::size_t header = s.has_runs ? 4 + (s.containers + 7) / 8 + 4 * std::size_t(s.containers) +
                                        (s.containers >= kNoOffsetThreshold ? 4 * std::size_t(s.containers) : 0)
                                  : 8 + 8 * std::size_t(s.containers);
  std::vector<std::uint8_t> out(header + s.payload);
  std::uint8_t* p = out.data();
  std::uint8_t* run_bits = nullptr;
  if (s.has_runs) {
    put32(p, kCookieRun | ((s.containers - 1) << 16));
    run_bits = p;
    p += (s.containers + 7) / 8;
  } else {
    put32(p, kCookieNoRun);
    put32(p, s.containers);
  }
  std::uint8_t* keycards = p;
  bool with_offsets = !s.has_runs || s.containers >= kNoOffsetThreshold;
  std::uint8_t* offsets = keycards + 4 * std::size_t(s.containers);
  std::uint8_t* payload = offsets + (with_offsets ? 4 * std::size_t(s.containers) : 0);
  std::uint32_t index = 0;
  for_each_container(values, kNeverDense, [&](const Plan& c) {
    put16(keycards, c.key);
    put16(keycards, static_cast<std::uint16_t>(c.end - c.begin - 1));
    if (with_offsets) put32(offsets, static_cast<std::uint32_t>(payload - out.data()));
    if (c.kind == ContainerKind::kRun) run_bits[index / 8] |= std::uint8_t(1u << (index % 8));
    payload = write_payload(values, c, payload);
    ++index;
  });
  return out;
}

}  // namespace mutuals::internal
