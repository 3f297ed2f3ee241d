// The consent rules of DESIGN §3 as pure functions of one snapshot. Kernels
// never see these: the insights layer calls them before any kernel runs.
#pragma once

#include "consent/consent_snapshot.h"
#include "mutuals/consent.h"

namespace mutuals::internal {

inline MemberFlags flags_or_default(const ConsentSnapshot& s, VertexId v) {
  return v == kNoVertex ? kDefaultFlags : s.flags(v);
}

// Viewer rules for a Microsoft-apps insight: rolled out, linked, and every
// category in `required` granted. An unknown viewer has the secure defaults.
inline QueryStatus check_viewer(const ConsentSnapshot& s, VertexId viewer, GrantSet required) {
  MemberFlags f = flags_or_default(s, viewer);
  if (!(f & kFlagRolledOut)) return QueryStatus::kNotRolledOut;
  if (!(f & kFlagLinked)) return QueryStatus::kViewerNotLinked;
  if ((f & required) != required) return QueryStatus::kConsentMissing;
  return QueryStatus::kOk;
}

// A subject may be shown in Microsoft apps only when known and visible; an
// unknown and a hidden subject are indistinguishable to the caller.
inline bool subject_available(const ConsentSnapshot& s, VertexId subject) {
  return subject != kNoVertex && s.visible(subject);
}

}  // namespace mutuals::internal
