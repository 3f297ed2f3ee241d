// Per-member consent packed in 16 bits; this packing is the store's
// consent_flags section, so bit positions never change.
#pragma once

#include <cstdint>

#include "mutuals/consent.h"

namespace mutuals::internal {

using MemberFlags = std::uint16_t;
inline constexpr MemberFlags kFlagGrantsMask = kAllGrants;  // bits 0-8
inline constexpr MemberFlags kFlagLinked = 1u << 9;
inline constexpr MemberFlags kFlagVisible = 1u << 10;
inline constexpr MemberFlags kFlagRolledOut = 1u << 11;
inline constexpr MemberFlags kFlagsKnownMask = kFlagGrantsMask | kFlagLinked | kFlagVisible | kFlagRolledOut;

// A member with no consent record: unlinked, no grants, hidden, rolled out.
inline constexpr MemberFlags kDefaultFlags = kFlagRolledOut;

inline MemberFlags flags_of(const ConsentRecord& r) {
  MemberFlags f = static_cast<MemberFlags>(r.grants & kFlagGrantsMask);
  if (r.linked) f |= kFlagLinked;
  if (r.visible) f |= kFlagVisible;
  if (r.rolled_out) f |= kFlagRolledOut;
  return f;
}

}  // namespace mutuals::internal
