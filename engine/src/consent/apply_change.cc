#include "consent/apply_change.h"

#include <algorithm>

namespace mutuals::internal {

MemberFlags member_flags(const StoreData& g, const ConsentSnapshot& s, MemberId m) {
  VertexId v = g.find(m);
  if (v != kNoVertex) return s.flags(v);
  const MemberFlags* f = s.outside_flags(m);
  return f != nullptr ? *f : kDefaultFlags;
}

// Grants mean something only while linked (linking grants, unlinking clears
// them): a grant bit on an unlinked member (a consent file row, or a grant
// after an unlink) does not let contacts in.
QueryStatus check_change(const StoreData& g, const ConsentSnapshot& s, const ConsentChange& c) {
  if (c.kind == ConsentChange::Kind::kImportContacts) {
    const MemberFlags f = member_flags(g, s, c.member);
    if (!(f & kFlagLinked) || !(f & grant_bit(Category::kMsContacts))) return QueryStatus::kConsentMissing;
  }
  return QueryStatus::kOk;
}

std::shared_ptr<const ConsentSnapshot> apply_recorded_change(const StoreData& g, const ConsentSnapshot& s,
                                                             const ConsentChange& c, std::uint64_t version) {
  using K = ConsentChange::Kind;
  if (c.kind == K::kImportContacts || c.kind == K::kRemoveContacts) {
    std::vector<MemberId> merged;
    if (c.kind == K::kImportContacts) {
      if (const std::vector<MemberId>* old = s.contacts(c.member)) merged = *old;
      merged.insert(merged.end(), c.contacts.begin(), c.contacts.end());
      std::sort(merged.begin(), merged.end());
      merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
    }
    return s.with_contacts(c.member, std::move(merged), version);
  }
  MemberFlags f = member_flags(g, s, c.member);
  switch (c.kind) {
    case K::kLink: f = MemberFlags(f | kFlagLinked | kAllGrants); break;
    case K::kUnlink: f = MemberFlags(f & ~(kFlagLinked | kFlagGrantsMask)); break;
    case K::kGrant: f = MemberFlags(f | grant_bit(*c.category)); break;
    case K::kRevoke: f = MemberFlags(f & ~grant_bit(*c.category)); break;
    case K::kShow: f = MemberFlags(f | kFlagVisible); break;
    case K::kHide: f = MemberFlags(f & ~kFlagVisible); break;
    default: break;
  }
  VertexId v = g.find(c.member);
  if (v != kNoVertex) return s.with_flags(v, f, version);
  return s.with_outside_flags(c.member, f, version);
}

}  // namespace mutuals::internal
