// Names and constants of the on-disk store layout (see mutuals/store.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mutuals::internal {

// 2: compact container layout, u32 offsets, member hash; 3: dense containers
// (a version-2 store is a version-3 store without them, so both are read).
inline constexpr std::uint32_t kFormatVersion = 3;
inline constexpr std::uint32_t kOldestFormatVersion = 2;
inline constexpr std::string_view kManifestFile = "manifest.mfb";
inline constexpr std::string_view kDataFile = "data.bin";
inline constexpr std::string_view kJournalFile = "consent.journal";
inline constexpr std::string_view kLockFile = "consent.lock";
inline constexpr std::uint64_t kSectionAlignment = 64;
inline constexpr std::size_t kMaxManifestBytes = 1u << 20;

// consent-<version>.bin: the consent state folded at that version.
inline std::string consent_file_name(std::uint64_t version) { return "consent-" + std::to_string(version) + ".bin"; }

// Sections of data.bin (immutable once built).
inline constexpr std::string_view kSecVertexMember = "vertex_member";        // u64[n]: vertex -> member id
inline constexpr std::string_view kSecMemberSorted = "member_sorted";        // u64[n]: member ids ascending
inline constexpr std::string_view kSecMemberVertex = "member_vertex";        // u32[n]: vertex of member_sorted[i]
inline constexpr std::string_view kSecMemberHash = "member_hash";            // u32[2^k]: see graph/member_hash.h
inline constexpr std::string_view kSecAdjacencyOffsets = "adjacency_offsets";// u32[n+1] into adjacency, in 2-byte units
inline constexpr std::string_view kSecAdjacency = "adjacency";              // Roaring portable blobs

// Facet sections of data.bin, one set per kind, named "<kind>_<part>" with
// kind "school" or "employer" (see facets/facet_view.h).
inline std::string facet_section(std::string_view kind, std::string_view part) {
  return std::string(kind) + "_" + std::string(part);
}
inline constexpr std::string_view kFacetParts[] = {"values", "value_offsets", "value_members", "member_offsets",
                                                   "entries"};

// Sections of the consent file (rewritten by compaction).
inline constexpr std::string_view kSecConsentFlags = "consent_flags";        // u16[n] MemberFlags by vertex
inline constexpr std::string_view kSecOutsideMembers = "outside_members";    // u64[k] members not in the graph
inline constexpr std::string_view kSecOutsideFlags = "outside_flags";        // u16[k] their MemberFlags
inline constexpr std::string_view kSecContactOwners = "contact_owners";      // u64[c] members with contacts
inline constexpr std::string_view kSecContactOffsets = "contact_offsets";    // u64[c+1] into contact_ids
inline constexpr std::string_view kSecContactIds = "contact_ids";            // u64[] contacts, ascending per owner

}  // namespace mutuals::internal
