// build_store: inputs -> graph + member index + consent flags -> sections.
#include <tbb/global_control.h>

#include <chrono>
#include <memory>

#include "consent/consent_sections.h"
#include "consent/member_flags.h"
#include "facets/facet_builder.h"
#include "graph/member_hash.h"
#include "graph/graph_builder.h"
#include "mutuals/store.h"
#include "store/layout.h"
#include "store/store_writer.h"

namespace mutuals {

std::optional<VertexOrder> parse_order(std::string_view name) {
  if (name == "none") return VertexOrder::kNone;
  if (name == "degree") return VertexOrder::kDegree;
  if (name == "bfs") return VertexOrder::kBfs;
  if (name == "rcm") return VertexOrder::kRcm;
  if (name == "community") return VertexOrder::kCommunity;
  return std::nullopt;
}

std::string_view to_string(VertexOrder order) {
  switch (order) {
    case VertexOrder::kNone: return "none";
    case VertexOrder::kDegree: return "degree";
    case VertexOrder::kBfs: return "bfs";
    case VertexOrder::kRcm: return "rcm";
    case VertexOrder::kCommunity: return "community";
  }
  return "none";
}

Result<BuildReport> build_store(BuildInput input, const std::string& dir) {
  using namespace internal;
  auto started = std::chrono::steady_clock::now();
  std::unique_ptr<tbb::global_control> limit;
  if (input.threads > 0) {
    limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, input.threads);
  }
  std::vector<MemberId> consent_members;
  consent_members.reserve(input.consent.size());
  for (const ConsentRecord& r : input.consent) consent_members.push_back(r.member);
  consent_members.insert(consent_members.end(), input.extra_members.begin(), input.extra_members.end());
  for (const auto* rows : {&input.schools, &input.employers}) {
    for (const FacetRecord& r : *rows) consent_members.push_back(r.member);
  }

  Result<BuiltGraph> built = build_graph(input.edges, consent_members, input.order, input.dense);
  if (!built.ok()) return built.status();
  BuiltGraph& g = *built;
  input.edges.clear();
  input.edges.shrink_to_fit();

  const std::size_t n = g.vertex_member.size();
  // At build every consent record is a graph member's and nobody has
  // imported contacts yet: the consent file is the flags alone.
  EncodedConsent consent;
  consent.flags.assign(n, kDefaultFlags);
  for (const ConsentRecord& r : input.consent) consent.flags[g.find(r.member)] = flags_of(r);
  consent.contact_offsets = {0};

  std::vector<std::uint32_t> member_hash = build_member_hash(g.vertex_member);
  FileSpec data{std::string(kDataFile),
                {{kSecVertexMember, g.vertex_member.data(), n * sizeof(MemberId)},
                 {kSecMemberSorted, g.member_sorted.data(), n * sizeof(MemberId)},
                 {kSecMemberVertex, g.member_vertex.data(), n * sizeof(std::uint32_t)},
                 {kSecMemberHash, member_hash.data(), member_hash.size() * sizeof(std::uint32_t)},
                 {kSecAdjacencyOffsets, g.adjacency_offsets.data(), g.adjacency_offsets.size() * sizeof(std::uint32_t)},
                 {kSecAdjacency, g.adjacency.data(), g.adjacency.size()}}};
  const std::vector<FacetRecord>* facet_rows[kFacetKinds] = {&input.schools, &input.employers};
  BuiltFacet facets[kFacetKinds];
  std::vector<std::string> names;  // section names must outlive the FileSpec
  names.reserve(kFacetKinds * std::size(kFacetParts));
  for (int k = 0; k < kFacetKinds; ++k) {
    facets[k] = build_facet(*facet_rows[k], static_cast<std::uint32_t>(n), [&](MemberId m) { return g.find(m); });
    std::string_view kind = to_string(static_cast<FacetKind>(k));
    const BuiltFacet& f = facets[k];
    auto add = [&](std::string_view part, const void* p, std::uint64_t bytes) {
      names.push_back(facet_section(kind, part));
      data.sections.push_back({names.back(), p, bytes});
    };
    add("values", f.values.data(), f.values.size() * 8);
    add("value_offsets", f.value_offsets.data(), f.value_offsets.size() * 8);
    add("value_members", f.value_members.data(), f.value_members.size());
    add("member_offsets", f.member_offsets.data(), f.member_offsets.size() * 8);
    add("entries", f.entries.data(), f.entries.size() * sizeof(FacetEntry));
  }

  Manifest m;
  m.format_version = kFormatVersion;
  m.members = n;
  m.connections = g.connections;
  m.entries = 2 * g.connections;
  m.self_loops = input.self_loops;
  m.duplicates_dropped = g.duplicates_dropped;
  m.consented_members = input.consent.size();
  m.order = std::string(to_string(input.order));
  m.consent_version = 0;
  m.dense_from = g.dense_from == kNeverDense ? 0 : g.dense_from;
  m.dense_containers = g.dense_containers;
  Result<std::uint64_t> written = write_store(dir, m, {data, consent.file_spec(0)});
  if (!written.ok()) return written.status();

  BuildReport report;
  report.members = n;
  report.connections = g.connections;
  report.duplicates_dropped = g.duplicates_dropped;
  report.self_loops = input.self_loops;
  report.adjacency_bytes = g.adjacency.size() + g.adjacency_offsets.size() * sizeof(std::uint32_t);
  report.dense_containers = g.dense_containers;
  report.store_bytes = *written;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace mutuals
