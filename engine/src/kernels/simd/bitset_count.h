// Counts over bitset containers: Σ popcount(a[i] & b[i]) over n 64-bit
// words (bitset ∩ bitset: two hubs' dense containers, or a subject's bitset
// against an expanded viewer), and the bits of a bitset inside a run
// container's runs (bitset ∩ run: hubs' containers under a locality order
// are often runs).
//
// Why a kernel for one line of C++: the build targets every x86-64, where
// std::popcount is a call into libgcc's bit-trick routine, not the popcnt
// instruction; on two hubs' containers that call was a sixth of the
// query. AVX-512 (BW) counts 64 bytes a step with a nibble table, AVX2
// 64 bytes in two registers the same way (popcnt a word, which every AVX2
// machine has, for the last words); plain x86-64 keeps the library
// routine. The runs count takes eight runs a step with AVX-512 (their
// first words gathered), one at a time with popcnt on AVX2 (runs are a
// word or two long).
#pragma once

#include <cstdint>

namespace mutuals::internal {

// `a`, `b`: n little-endian u64 words each, any alignment.
using WordsAndCountFn = std::uint64_t (*)(const std::uint8_t* a, const std::uint8_t* b, std::uint32_t n);

WordsAndCountFn words_and_count();

std::uint64_t words_and_count_scalar(const std::uint8_t* a, const std::uint8_t* b, std::uint32_t n);
// Only call when cpu_has_avx2() (simd_level.h): uses popcnt, which every AVX2 CPU has.
std::uint64_t words_and_count_popcnt(const std::uint8_t* a, const std::uint8_t* b, std::uint32_t n);
// Only call when cpu_has_avx2(): 32 bytes a register with a nibble table.
std::uint64_t words_and_count_avx2(const std::uint8_t* a, const std::uint8_t* b, std::uint32_t n);
// Only call when cpu_has_avx512().
std::uint64_t words_and_count_avx512(const std::uint8_t* a, const std::uint8_t* b, std::uint32_t n);

// Bits of `bitset` (1,024 little-endian u64 words, any alignment) inside
// the n runs at `runs` (n x (u16 start, u16 length - 1), a run container's
// pairs after its count).
using RunsInBitsetFn = std::uint64_t (*)(const std::uint8_t* bitset, const std::uint8_t* runs, std::uint32_t n);

RunsInBitsetFn runs_in_bitset_count();

std::uint64_t runs_in_bitset_count_scalar(const std::uint8_t* bitset, const std::uint8_t* runs, std::uint32_t n);
// Only call when cpu_has_avx2().
std::uint64_t runs_in_bitset_count_popcnt(const std::uint8_t* bitset, const std::uint8_t* runs, std::uint32_t n);
// Only call when cpu_has_avx512().
std::uint64_t runs_in_bitset_count_avx512(const std::uint8_t* bitset, const std::uint8_t* runs, std::uint32_t n);

}  // namespace mutuals::internal
