// decode_consent, kept beside consent_sections.h because it is a template.
#pragma once

#include <cstring>

namespace mutuals::internal {

namespace detail {
template <typename T>
bool copy_array(std::span<const std::uint8_t> bytes, std::vector<T>& out) {
  if (bytes.size() % sizeof(T) != 0) return false;
  out.resize(bytes.size() / sizeof(T));
  if (!bytes.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
  return true;
}
}  // namespace detail

template <typename IsGraphMember>
Result<std::shared_ptr<const ConsentSnapshot>> decode_consent(const std::string& path, const ConsentBytes& b,
                                                             std::uint64_t members, std::uint64_t version,
                                                             IsGraphMember&& is_graph_member) {
  auto bad = [&](const std::string& what) { return DataLoss(path + ": store is damaged: consent " + what); };
  EncodedConsent e;
  // The flags (two bytes a member) are read in place, not copied: at ten
  // million members a copy is most of an open's time. Sections are 64-byte
  // aligned, so the view is aligned.
  if (b.flags.size() != members * sizeof(MemberFlags) ||
      reinterpret_cast<std::uintptr_t>(b.flags.data()) % alignof(MemberFlags) != 0) {
    return bad("flags of the wrong size");
  }
  const std::span<const MemberFlags> flags(reinterpret_cast<const MemberFlags*>(b.flags.data()), members);
  MemberFlags any_bits = 0;
  for (MemberFlags f : flags) any_bits = MemberFlags(any_bits | f);
  if (any_bits & ~kFlagsKnownMask) return bad("flags with unknown bits");
  if (!detail::copy_array(b.outside_members, e.outside_members) || !detail::copy_array(b.outside_flags, e.outside_flags) ||
      e.outside_members.size() != e.outside_flags.size()) {
    return bad("outside members of mismatched sizes");
  }
  if (!detail::copy_array(b.contact_owners, e.contact_owners) ||
      !detail::copy_array(b.contact_offsets, e.contact_offsets) || !detail::copy_array(b.contact_ids, e.contact_ids) ||
      e.contact_offsets.size() != e.contact_owners.size() + 1 || e.contact_offsets.front() != 0 ||
      e.contact_offsets.back() != e.contact_ids.size()) {
    return bad("contacts of mismatched sizes");
  }
  std::shared_ptr<const ConsentSnapshot> s = ConsentSnapshot::from_flags(flags, version);
  for (std::size_t i = 0; i < e.outside_members.size(); ++i) {
    if (i > 0 && e.outside_members[i] <= e.outside_members[i - 1]) return bad("outside members not ascending");
    if (e.outside_flags[i] & ~kFlagsKnownMask) return bad("flags with unknown bits");
    if (is_graph_member(e.outside_members[i])) return bad("outside member that is in the graph");
    s = s->with_outside_flags(e.outside_members[i], e.outside_flags[i], version);
  }
  for (std::size_t i = 0; i < e.contact_owners.size(); ++i) {
    if (i > 0 && e.contact_owners[i] <= e.contact_owners[i - 1]) return bad("contact owners not ascending");
    std::uint64_t lo = e.contact_offsets[i], hi = e.contact_offsets[i + 1];
    if (hi < lo || hi > e.contact_ids.size() || hi == lo) return bad("contact offsets out of order");
    for (std::uint64_t k = lo + 1; k < hi; ++k) {
      if (e.contact_ids[k] <= e.contact_ids[k - 1]) return bad("contacts not ascending");
    }
    s = s->with_contacts(e.contact_owners[i], std::vector<MemberId>(e.contact_ids.begin() + lo, e.contact_ids.begin() + hi),
                         version);
  }
  return s;
}

}  // namespace mutuals::internal
