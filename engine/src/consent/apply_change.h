// The effect of one consent change on a snapshot (DESIGN §3):
//   link     linked, all nine categories granted
//   unlink   not linked, every grant cleared (visibility and contacts stay)
//   grant/revoke C, show/hide: one bit
//   import-contacts: union with the member's contacts; accepted only while
//            ms.contacts is granted
//   remove-contacts: clears them
// Members outside the graph keep their consent in the snapshot's outside map.
#pragma once

#include <memory>

#include "consent/consent_snapshot.h"
#include "mutuals/consent.h"
#include "store/store_data.h"

namespace mutuals::internal {

// Whether the change may be recorded: kOk, or kConsentMissing for an
// import without ms.contacts.
QueryStatus check_change(const StoreData& g, const ConsentSnapshot& s, const ConsentChange& c);

// The snapshot after a change that check_change accepted (or that the
// journal recorded as accepted), at `version`.
std::shared_ptr<const ConsentSnapshot> apply_recorded_change(const StoreData& g, const ConsentSnapshot& s,
                                                             const ConsentChange& c, std::uint64_t version);

// Flags of any member id: graph members, outside members, or the defaults.
MemberFlags member_flags(const StoreData& g, const ConsentSnapshot& s, MemberId m);

}  // namespace mutuals::internal
