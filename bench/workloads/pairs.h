// The questions the end-to-end bench asks, sampled from the graph itself
// with a fixed seed so every run (and every method) gets the same items.
//
// W1 pairs: half connected pairs (a uniformly random adjacency entry, so
// viewers are degree-weighted like active members), half friends of friends
// (a random neighbour of a random neighbour, not already connected).
// W1b pages: one viewer (degree-weighted) and `page_size` subjects, a mix of
// the viewer's 2-hop members and uniformly random members.
// W2 degree buckets: pairs grouped by the larger degree of the two members,
// plus median-degree pairs and pairs of two members at the degree cap.
//
// Everything is in member ids: the consent-checked API takes member ids, and
// each baseline resolves them to its own ids before it is timed.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "mutuals/types.h"
#include "workloads/adjacency.h"

namespace mutuals::bench {

// splitmix64: small, fast, and the same sequence on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), n > 0 (Lemire's multiply-shift; bias below n / 2^64).
  std::uint64_t below(std::uint64_t n) {
    __extension__ using U128 = unsigned __int128;
    return static_cast<std::uint64_t>((static_cast<U128>(next()) * n) >> 64);
  }

 private:
  std::uint64_t state_;
};

// The degree at which `mutuals gen` caps members (LinkedIn's connection limit).
inline constexpr std::uint32_t kDegreeCap = 30000;

// W1: n pairs, the first half connected, the second friend-of-friend. Empty
// when the graph has no connections.
std::vector<MemberPair> sample_pairs(const Adjacency& g, std::size_t n, std::uint64_t seed);

struct Page {
  MemberId viewer = 0;
  std::vector<MemberId> subjects;
};

// W1b: `pages` viewers with `page_size` subjects each (alternately a 2-hop
// member and a random member).
std::vector<Page> sample_pages(const Adjacency& g, std::size_t pages, std::size_t page_size, std::uint64_t seed);

// Pages from a pairs file: consecutive pairs with the same viewer, at most
// `page_size` a page.
std::vector<Page> pages_from_pairs(std::span<const MemberPair> pairs, std::size_t page_size);

struct DegreeBucket {
  std::string name;  // "<10", "10-99", ..., "median-degree (3)", "at-cap (>=30000)" or "top-100-degree"
  std::vector<MemberPair> pairs;
};

// W2: up to `per_bucket` pairs for each bucket the graph can fill.
std::vector<DegreeBucket> sample_degree_buckets(const Adjacency& g, std::size_t per_bucket, std::uint64_t seed);

// W2 over given pairs (a pairs file): the range buckets only; unknown
// members count as degree 0.
std::vector<DegreeBucket> bucket_pairs(const Adjacency& g, std::span<const MemberPair> pairs);

}  // namespace mutuals::bench
