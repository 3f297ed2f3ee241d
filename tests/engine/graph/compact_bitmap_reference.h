// A second, independent reading of the store's compact bitmap layout, written
// from the format description in graph/roaring_view.h and sharing no code
// with BitmapView or validate_bitmap. Tests decode engine bytes with it.
//
//   u16 head (bit 15: some container is marked; bits 0-14: count c - 1)
//   [u16 mark words, ceil(c/16), only with bit 15: bit i = container i is marked]
//   u16 keys[c], u16 cards[c] (cardinality - 1), then the payloads back to back:
//   array card x u16; bitset 1024 x u64; marked: run u16 n + n x (start,
//   length - 1), or dense u16 0xFFFF + 1024 x u64.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

namespace mutuals::testing {

// The values of a compact blob, or nullopt when the bytes run out. Does no
// validation beyond bounds: the point is to read what the writer meant.
inline std::optional<std::vector<std::uint32_t>> reference_decode(const std::uint8_t* blob, std::size_t size) {
  std::vector<std::uint32_t> out;
  if (size == 0) return out;
  std::size_t pos = 0;
  auto u16 = [&](std::size_t at) -> std::optional<std::uint32_t> {
    if (at + 2 > size) return std::nullopt;
    std::uint16_t v;
    std::memcpy(&v, blob + at, 2);
    return v;
  };
  auto head = u16(0);
  if (!head) return std::nullopt;
  const std::uint32_t count = (*head & 0x7FFF) + 1;  // an empty set is an empty blob, so c >= 1
  const bool has_runs = (*head & 0x8000) != 0;
  pos = 2;
  std::vector<bool> is_run(count, false);
  if (has_runs) {
    for (std::uint32_t i = 0; i < count; ++i) {
      auto word = u16(pos + 2 * (i / 16));
      if (!word) return std::nullopt;
      is_run[i] = (*word >> (i % 16)) & 1;
    }
    pos += 2 * ((count + 15) / 16);
  }
  const std::size_t keys = pos, cards = pos + 2 * std::size_t(count);
  pos = cards + 2 * std::size_t(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    auto key = u16(keys + 2 * i), card_minus_one = u16(cards + 2 * i);
    if (!key || !card_minus_one) return std::nullopt;
    const std::uint32_t base = *key << 16, card = *card_minus_one + 1;
    if (is_run[i] && u16(pos) == 0xFFFFu) {  // dense: a marker, then a bitset
      if (card > 4096 || pos + 2 + 8192 > size) return std::nullopt;
      std::uint32_t seen = 0;
      for (std::uint32_t bit = 0; bit < 65536; ++bit) {
        if ((blob[pos + 2 + bit / 8] >> (bit % 8)) & 1) {
          out.push_back(base | bit);
          ++seen;
        }
      }
      if (seen != card) return std::nullopt;
      pos += 2 + 8192;
    } else if (is_run[i]) {
      auto runs = u16(pos);
      if (!runs) return std::nullopt;
      for (std::uint32_t r = 0; r < *runs; ++r) {
        auto start = u16(pos + 2 + 4 * r), len = u16(pos + 4 + 4 * r);
        if (!start || !len) return std::nullopt;
        for (std::uint32_t v = *start; v <= *start + *len; ++v) out.push_back(base | v);
      }
      pos += 2 + 4 * std::size_t(*runs);
    } else if (card > 4096) {
      if (pos + 8192 > size) return std::nullopt;
      for (std::uint32_t bit = 0; bit < 65536; ++bit) {
        if ((blob[pos + bit / 8] >> (bit % 8)) & 1) out.push_back(base | bit);
      }
      pos += 8192;
    } else {
      for (std::uint32_t k = 0; k < card; ++k) {
        auto v = u16(pos + 2 * k);
        if (!v) return std::nullopt;
        out.push_back(base | *v);
      }
      pos += 2 * std::size_t(card);
    }
  }
  if (pos != size) return std::nullopt;
  return out;
}

}  // namespace mutuals::testing
