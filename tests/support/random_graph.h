// Deterministic random graphs and consent for differential tests: the same
// seed gives the same edges on every machine (std::mt19937_64 plus our own
// integer-to-range mapping, never the implementation-defined std
// distributions for integers).
//
// The shapes are chosen to reach every container kind of the Roaring
// adjacency bitmaps: sparse graphs give array containers, a hub and dense
// cores give bitset containers (> 4096 neighbors within one 65536-id
// block), blocks of consecutive member ids that are fully connected give run
// containers. Member ids are either small (0..n-1, dense) or sparse random
// 64-bit values.
//
//   auto g = mutuals::testing::power_law(5000, 10, 2.3, 1000, /*seed=*/7, IdStyle::kSparse64);
//   auto consent = mutuals::testing::random_consent(g.members, /*seed=*/8);
//
// Every generator returns edges without self-loops (BuildInput's contract)
// but with a few duplicate and reversed copies, which the builder collapses.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "mutuals/consent.h"
#include "mutuals/facets.h"
#include "mutuals/types.h"

namespace mutuals::testing {

enum class IdStyle {
  kSmall,     // member id = index (0..n-1)
  kSparse64,  // distinct random 64-bit ids, unrelated to the index
};

struct RandomGraph {
  std::string name;
  std::vector<MemberEdge> edges;  // no self-loops; a few duplicates and reversed copies
  std::vector<MemberId> members;  // every member id appearing in `edges`, ascending
};

// Uniform integer in [0, n) from the engine-independent mapping (n > 0).
std::uint64_t uniform(std::mt19937_64& rng, std::uint64_t n);
// True with probability p.
bool chance(std::mt19937_64& rng, double p);

// Erdős–Rényi-ish: n * avg_degree / 2 uniformly random pairs.
RandomGraph erdos_renyi(std::uint32_t n, double avg_degree, std::uint64_t seed, IdStyle ids);

// Chung–Lu with power-law expected degrees (exponent ~2-3), each capped at
// max_degree.
RandomGraph power_law(std::uint32_t n, double avg_degree, double exponent, std::uint32_t max_degree,
                      std::uint64_t seed, IdStyle ids);

// One hub connected to exactly `hub_degree` distinct members, over a sparse
// random background of n members with the given average degree that does
// not touch the hub.
RandomGraph hub_graph(std::uint32_t n, std::uint32_t hub_degree, double avg_degree, std::uint64_t seed,
                      IdStyle ids);

// `core` members each connected to `core_degree` random others (so their
// bitmaps have bitset containers when core_degree > 4096 and n <= 65536),
// over a sparse random background.
RandomGraph dense_core(std::uint32_t n, std::uint32_t core, std::uint32_t core_degree, double avg_degree,
                       std::uint64_t seed, IdStyle ids);

// `blocks` blocks of `block_size` consecutive member ids starting at
// `first_id`, each block fully connected (run containers), plus a band
// (member i connected to i+1..i+band) after them and a few random edges
// between blocks.
RandomGraph id_runs(std::uint32_t blocks, std::uint32_t block_size, std::uint32_t band, MemberId first_id,
                    std::uint64_t seed);

// A union of small pieces of every shape above, with disjoint ids, plus
// edges between the pieces.
RandomGraph mixed(std::uint64_t seed);

// The sorted distinct endpoints of `edges`.
std::vector<MemberId> members_of(const std::vector<MemberEdge>& edges);

struct ConsentMix {
  double no_record = 0.08;       // members left at the secure defaults
  double linked = 0.75;
  double all_grants = 0.6;       // of the linked: all nine; else a random subset
  double hidden = 0.15;
  double not_rolled_out = 0.03;
  std::uint32_t extra_members = 5;  // records for members with no connection
};

// Random consent records for `members` (ascending ids), in random order;
// `extra_members` more records name ids that are not in `members`.
std::vector<ConsentRecord> random_consent(const std::vector<MemberId>& members, std::uint64_t seed,
                                          const ConsentMix& mix = {});

struct FacetMix {
  std::uint32_t values = 30;      // distinct value ids drawn from; low indexes are more popular
  bool sparse_values = false;     // random 64-bit value ids in place of first_value + index
  std::uint64_t first_value = 0;
  std::uint64_t value_seed = 1;   // sparse value ids come from this alone: equal seeds, equal ids
  double with_rows = 0.7;         // members with at least one row
  std::uint32_t max_rows = 3;     // rows per such member: 1..max_rows
  double with_years = 0.6;        // of rows: years known
  double one_year = 0.2;          // of rows with years: only start_year or only end_year
  double same_value_again = 0.15; // a member's second row for a value it has (another period, or none)
  std::uint32_t facet_only_members = 4;  // rows for ids in no other input
};

// Random schools (or employers) rows for `members`, in random order: years
// in 1980..2026 with start <= end (the loader's contract), some rows with
// one year only, some without years, exact duplicates and several periods
// for one value.
std::vector<FacetRecord> random_facets(const std::vector<MemberId>& members, std::uint64_t seed,
                                       const FacetMix& mix = {});

}  // namespace mutuals::testing
