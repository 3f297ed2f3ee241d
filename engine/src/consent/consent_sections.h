// The consent state on disk: the sections of a consent-<version>.bin file,
// encoded from a snapshot (build, compaction) and decoded back (open).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "consent/consent_snapshot.h"
#include "mutuals/status.h"
#include "store/store_writer.h"

namespace mutuals::internal {

struct EncodedConsent {
  std::vector<MemberFlags> flags;
  std::vector<MemberId> outside_members;
  std::vector<MemberFlags> outside_flags;
  std::vector<MemberId> contact_owners;
  std::vector<std::uint64_t> contact_offsets;
  std::vector<MemberId> contact_ids;

  FileSpec file_spec(std::uint64_t version) const;
};

EncodedConsent encode_consent(const ConsentSnapshot& s);

struct ConsentBytes {
  std::span<const std::uint8_t> flags, outside_members, outside_flags, contact_owners, contact_offsets, contact_ids;
};

// `path` names the file in errors. `is_graph_member(m)` tells members of the
// graph (which must not appear among the outside members).
template <typename IsGraphMember>
Result<std::shared_ptr<const ConsentSnapshot>> decode_consent(const std::string& path, const ConsentBytes& bytes,
                                                             std::uint64_t members, std::uint64_t version,
                                                             IsGraphMember&& is_graph_member);

}  // namespace mutuals::internal

#include "consent/consent_sections_decode.h"
