// The synthetic LinkedIn-like network of `mutuals gen` (DESIGN §4, §6).
//
// What it makes: N members with sparse random 64-bit ids; target degrees from
// a power law (exponent 2.2) capped at 30,000 by default, with a mean of D
// (measured on a sample before writing and corrected, so the realized mean is
// within about 2% of D); regions, school cohorts, employer teams and circles
// (dense groups of colleagues with similar degrees, as in the BTER model),
// which hold about 85% of a typical member's connections (less for hubs,
// which do not fit in small groups); and friend-of-friend closure. Average
// clustering comes out near 0.18, whatever N and D.
//
// What it writes into `out_dir`: edges.csv (`member,connection`, each
// connection once, no self-loops, no duplicates), schools.csv and
// employers.csv (`member,school|employer,start_year,end_year`: 1-3 of each,
// plausible years, an empty end for a current job), consent.csv
// (`member,linked,visible,grants,rolled_out`). Files are streamed to
// `NAME.tmp` and renamed only after all four are complete and synced,
// edges.csv last, so a failed run never leaves a complete-looking set.
//
// The trick: every random choice is a hash of (seed, purpose, member,
// counter) (a counter-based generator), so a member's connections can be
// produced, or re-sampled for closure, in any order on any thread: the output
// depends on the seed only, never on --threads. Each connection is produced by
// its lower endpoint (members in index order), so a member's own list is
// deduplicated locally and blocks of members stream out in order through a
// oneTBB pipeline; nothing holds more than a few blocks of edges.
//
//   mutuals::gen::NetworkOptions o;
//   o.members = 1'000'000;
//   o.avg_degree = 100;
//   mutuals::Result<mutuals::gen::NetworkReport> r = mutuals::gen::generate_network(o, "out/net");
//   if (!r.ok()) std::cerr << r.status().message() << '\n';
#pragma once

#include <cstdint>
#include <string>

#include "mutuals/status.h"
#include "mutuals/types.h"

namespace mutuals::gen {

struct NetworkOptions {
  std::uint64_t members = 0;       // N, at least 2, at most kMaxMembers
  double avg_degree = 0;           // D, the mean number of connections, in (0, (N-1)/2]
  std::uint64_t seed = 1;          // same seed, same files (whatever `threads` is)
  bool consent_mix = false;        // a realistic consent mix instead of everyone `1,1,all,1`
  int threads = 0;                 // 0 = all cores
  std::uint32_t max_degree = 30000;  // no member gets more connections than this
};

inline constexpr std::uint64_t kMaxMembers = 1'000'000'000;

// What a run produced: counts and the realized degree statistics.
struct NetworkReport {
  std::uint64_t members = 0;
  std::uint64_t connections = 0;     // lines of edges.csv after its header
  std::uint64_t school_rows = 0;
  std::uint64_t employer_rows = 0;
  std::uint64_t consent_rows = 0;
  double mean_degree = 0;            // 2 * connections / members
  // The realized maximum, counted exactly over the 1,024 highest targets and
  // every member that could reach the cap (no one else comes close).
  std::uint32_t max_degree = 0;
  std::uint64_t capped = 0;          // candidate connections dropped at the degree cap
  double community_share = 0;  // share of connections whose ends share a region, school or employer (sampled)
  double closure_share = 0;    // share of drawn connections that close a triangle (friend of a friend)
  double seconds = 0;
};

// InvalidArgument naming the option when `options` cannot be generated.
Status validate(const NetworkOptions& options);

// Generates the network into `out_dir` (created if missing). Deterministic for
// a given seed and option set. IoError when a file cannot be written; the
// `.tmp` files of a failed run are removed.
Result<NetworkReport> generate_network(const NetworkOptions& options, const std::string& out_dir);

// The external id of member `index` (0 <= index < N): a bijective 64-bit mix
// of the index keyed by the seed, so ids are unique, sparse and unordered.
MemberId member_id(std::uint64_t seed, std::uint64_t index);

}  // namespace mutuals::gen
