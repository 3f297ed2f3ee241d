// The store: a directory holding one graph, its member index and consent,
// written once by build_store() and opened by memory map.
//
//   STORE/manifest.mfb  FlatBuffers manifest + XXH3 trailer: version, counts,
//                       and a table of sections (64-bit offset, length, XXH3)
//   STORE/data.bin      the sections: member ids, adjacency bitmaps (Roaring
//                       portable format, read in place), consent flags...
//
// Writing is atomic: everything goes to a sibling temporary directory that
// is fsync'd and renamed into place, so a crash leaves either the old store
// or the new one, never a mix. Opening verifies the manifest, every section
// checksum and every bitmap's structure before anything is answered.
//
//   mutuals::BuildInput in;
//   in.edges = ...;                       // from mutuals::loaders::load_edges
//   auto report = mutuals::build_store(std::move(in), "my.store");
//   auto store = mutuals::Store::open("my.store");
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mutuals/consent.h"
#include "mutuals/facets.h"
#include "mutuals/status.h"
#include "mutuals/types.h"

namespace mutuals {

// How dense vertex ids are assigned at build time. Locality orders put
// members that share connections at nearby ids, so bitmaps have fewer,
// fuller containers.
enum class VertexOrder { kNone, kDegree, kBfs, kRcm, kCommunity };
// Community: the fewest bytes per entry and the fastest pairs at the scale
// the engine is for (gen 1M: 2.44 vs bfs 2.52; gen 10M: 2.90 vs 3.53, W1
// +15%); on the real graphs here (under 100k members) within 1% of bfs.
inline constexpr VertexOrder kDefaultOrder = VertexOrder::kCommunity;

std::optional<VertexOrder> parse_order(std::string_view name);  // "none", "degree", "bfs", "rcm", "community"
std::string_view to_string(VertexOrder order);

// The dense (bitset) form for hubs' fullest array and run containers: an
// intersection probes or ANDs them instead of walking them. The build keeps
// the fullest ones dense while the extra bytes stay within `budget` of the
// adjacency (engine/src/graph/dense_rule.h).
struct DenseRule {
  double budget = 0.02;           // a fraction of the adjacency bytes; 0 = none
  std::uint32_t min_card = 1024;  // a dense container is at most 4x an array's bytes
};

struct BuildInput {
  std::vector<MemberEdge> edges;  // self-loops already removed by the loader
  std::uint64_t self_loops = 0;   // as counted by the loader, for the report
  std::vector<MemberId> extra_members;  // known from the inputs without a connection (self-loop lines)
  std::vector<ConsentRecord> consent;
  std::vector<FacetRecord> schools;
  std::vector<FacetRecord> employers;
  VertexOrder order = kDefaultOrder;
  DenseRule dense;
  int threads = 0;  // 0 = all cores
};

struct BuildReport {
  std::uint64_t members = 0;
  std::uint64_t connections = 0;        // distinct undirected connections
  std::uint64_t duplicates_dropped = 0; // repeated or reversed edge lines
  std::uint64_t self_loops = 0;
  std::uint64_t adjacency_bytes = 0;
  std::uint64_t dense_containers = 0;  // containers kept dense (DenseRule)
  std::uint64_t store_bytes = 0;
  double seconds = 0;
};

// Builds a store at `dir`. An existing store there is replaced atomically;
// any other existing file or non-empty directory is refused.
Result<BuildReport> build_store(BuildInput input, const std::string& dir);

struct SectionInfo {
  std::string name;
  std::string file;
  std::uint64_t offset = 0;
  std::uint64_t bytes = 0;
};

struct StoreInfo {
  std::uint32_t format_version = 0;
  std::uint64_t members = 0;
  std::uint64_t connections = 0;
  std::uint64_t entries = 0;          // adjacency entries: two per connection
  std::uint64_t adjacency_bytes = 0;  // bytes of the adjacency bitmaps and their offsets
  std::uint64_t self_loops = 0;
  std::uint64_t duplicates_dropped = 0;
  std::uint64_t consented_members = 0;  // members with a consent record
  std::uint64_t consent_version = 0;    // folded into the consent file
  std::uint64_t schools = 0;            // distinct school ids
  std::uint64_t employers = 0;          // distinct employer ids
  std::string order;
  std::uint32_t dense_from = 0;         // array and run containers this full or more are dense; 0 = none
  std::uint64_t dense_containers = 0;
  std::vector<SectionInfo> sections;
  // How data.bin was vouched for at open: "full" (every checksum and bitmap
  // checked, O(size)) or "seal" (unchanged since a full verification; O(1)).
  std::string verification;
};

// Store::open's verification of data.bin. kAuto trusts a verified seal (see
// engine/src/store/verified_seal.h) when data.bin has not been touched since
// it was last fully verified; kFull always re-verifies (an fsck).
enum class Verify { kAuto, kFull };

namespace internal {
class StoreData;
}

class Store {
 public:
  static Result<std::shared_ptr<const Store>> open(const std::string& dir, Verify verify = Verify::kAuto);
  ~Store();

  const StoreInfo& info() const;
  // Internal access for the engine's own layers; not a stable API.
  const internal::StoreData& data() const { return *data_; }

  explicit Store(std::unique_ptr<internal::StoreData> data);

 private:
  std::unique_ptr<internal::StoreData> data_;
};

}  // namespace mutuals
