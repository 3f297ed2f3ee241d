// The consent rules of DESIGN §3 as pure functions of one snapshot. Kernels
// never see these: the insights layer calls them before any kernel runs.
#pragma once

#include "consent/consent_snapshot.h"
#include "mutuals/consent.h"

namespace mutuals::internal {

// A member as the rules see it: its vertex (kNoVertex when outside the
// graph), its flags, and whether it is known at all.
struct MemberState {
  VertexId vertex = kNoVertex;
  MemberFlags flags = kDefaultFlags;
  bool known = false;
};

// Viewer rules for a Microsoft-apps insight: rolled out, linked, and every
// category in `required` granted. An unknown viewer has the secure defaults.
inline QueryStatus check_viewer(const MemberState& viewer, GrantSet required) {
  if (!(viewer.flags & kFlagRolledOut)) return QueryStatus::kNotRolledOut;
  if (!(viewer.flags & kFlagLinked)) return QueryStatus::kViewerNotLinked;
  if ((viewer.flags & required) != required) return QueryStatus::kConsentMissing;
  return QueryStatus::kOk;
}

// A subject may be shown in Microsoft apps only when known and visible; an
// unknown and a hidden subject are indistinguishable to the caller.
inline bool subject_available(const MemberState& subject) {
  return subject.known && (subject.flags & kFlagVisible);
}

}  // namespace mutuals::internal
