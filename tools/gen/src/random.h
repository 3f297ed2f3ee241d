// Counter-based randomness for the generator: every draw is a hash of
// (seed, purpose, member, counter), so any member's choices can be recomputed
// anywhere, in any order, on any thread, with the same result.
#pragma once

#include <cmath>
#include <cstdint>

namespace mutuals::gen::internal {

inline constexpr std::uint64_t kGolden = 0x9e3779b97f4a7c15ULL;

// splitmix64's step and finalizer: a bijection of 64-bit words.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z += kGolden;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// murmur3's finalizer: a bijection of 32-bit words (for sparse facet ids).
constexpr std::uint32_t mix32(std::uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6bU;
  h ^= h >> 13;
  h *= 0xc2b2ae35U;
  h ^= h >> 16;
  return h;
}

// What a stream of draws is for; part of the output's definition, so never
// renumber (a new purpose gets a new number).
enum class Purpose : std::uint64_t {
  kMemberId = 1,
  kSchoolId,
  kEmployerId,
  kDegree,
  kRegion,
  kSchools,
  kEmployers,
  kPickCount,
  kPick,  // kPick + slot, slots 0..7
  kClosure = kPick + 16,
  kCareer,
  kConsent,
  kTeam,
};

// The key of one member's stream for one purpose.
inline std::uint64_t stream_key(std::uint64_t seed, Purpose purpose, std::uint64_t member) {
  return mix64(mix64(seed ^ (static_cast<std::uint64_t>(purpose) * 0xd6e8feb86659fd93ULL)) + member);
}
inline std::uint64_t stream_key(std::uint64_t seed, Purpose purpose, int offset, std::uint64_t member) {
  return stream_key(seed, static_cast<Purpose>(static_cast<std::uint64_t>(purpose) + offset), member);
}

// Draw number `n` of a stream.
inline std::uint64_t draw(std::uint64_t key, std::uint64_t n) { return mix64(key + n * kGolden); }

// A uniform double in [0, 1).
inline double unit(std::uint64_t h) { return static_cast<double>(h >> 11) * 0x1.0p-53; }

// A uniform integer in [0, n), by multiply-high (no modulo bias worth naming).
inline std::uint32_t below(std::uint64_t h, std::uint32_t n) {
  return static_cast<std::uint32_t>(((h >> 32) * static_cast<std::uint64_t>(n)) >> 32);
}

// floor(x) or floor(x) + 1 with the fraction as the probability of the
// latter: mean x, variance at most 1/4.
inline std::uint32_t stochastic_round(double x, std::uint64_t h) {
  const double whole = std::floor(x);
  return static_cast<std::uint32_t>(whole) + (unit(h) < x - whole ? 1u : 0u);
}

// A rank in [0, n) from a Zipf-like law with exponent 1: rank r has
// probability ln((r + 2) / (r + 1)) / ln(n + 1), about 1 / ((r + 1.5) ln n).
inline std::uint32_t zipf_rank(std::uint32_t n, double u) {
  const double x = std::exp(u * std::log(static_cast<double>(n) + 1.0)) - 1.0;
  const auto r = static_cast<std::uint32_t>(x);
  return r >= n ? n - 1 : r;
}

// The expected share of rank r under zipf_rank(n, .).
inline double zipf_share(std::uint32_t n, std::uint32_t r) {
  return std::log((r + 2.0) / (r + 1.0)) / std::log(n + 1.0);
}

}  // namespace mutuals::gen::internal
