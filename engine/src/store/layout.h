// Names and constants of the on-disk store layout (see mutuals/store.h).
#pragma once

#include <cstdint>
#include <string_view>

namespace mutuals::internal {

inline constexpr std::uint32_t kFormatVersion = 1;
inline constexpr std::string_view kManifestFile = "manifest.mfb";
inline constexpr std::string_view kDataFile = "data.bin";
inline constexpr std::uint64_t kSectionAlignment = 64;
inline constexpr std::size_t kMaxManifestBytes = 1u << 20;

// Sections of data.bin.
inline constexpr std::string_view kSecVertexMember = "vertex_member";        // u64[n]: vertex -> member id
inline constexpr std::string_view kSecMemberSorted = "member_sorted";        // u64[n]: member ids ascending
inline constexpr std::string_view kSecMemberVertex = "member_vertex";        // u32[n]: vertex of member_sorted[i]
inline constexpr std::string_view kSecAdjacencyOffsets = "adjacency_offsets";// u64[n+1] into adjacency
inline constexpr std::string_view kSecAdjacency = "adjacency";              // Roaring portable blobs
inline constexpr std::string_view kSecConsentFlags = "consent_flags";        // u16[n] MemberFlags

}  // namespace mutuals::internal
