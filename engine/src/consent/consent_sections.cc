#include "consent/consent_sections.h"

#include <algorithm>

#include "store/layout.h"

namespace mutuals::internal {

EncodedConsent encode_consent(const ConsentSnapshot& s) {
  EncodedConsent e;
  e.flags.resize(s.members());
  for (VertexId v = 0; v < s.members(); ++v) e.flags[v] = s.flags(v);
  std::vector<std::pair<MemberId, MemberFlags>> outside;
  s.outside().for_each([&](MemberId m, MemberFlags f) { outside.emplace_back(m, f); });
  std::sort(outside.begin(), outside.end());
  for (const auto& [m, f] : outside) {
    e.outside_members.push_back(m);
    e.outside_flags.push_back(f);
  }
  std::vector<std::pair<MemberId, const std::vector<MemberId>*>> owners;
  s.all_contacts().for_each([&](MemberId m, const ConsentSnapshot::ContactList& c) { owners.emplace_back(m, c.get()); });
  std::sort(owners.begin(), owners.end());
  e.contact_offsets.push_back(0);
  for (const auto& [m, list] : owners) {
    e.contact_owners.push_back(m);
    e.contact_ids.insert(e.contact_ids.end(), list->begin(), list->end());
    e.contact_offsets.push_back(e.contact_ids.size());
  }
  return e;
}

FileSpec EncodedConsent::file_spec(std::uint64_t version) const {
  auto section = [](std::string_view name, const auto& v) {
    return SectionSource{name, v.data(), v.size() * sizeof(v[0])};
  };
  return {consent_file_name(version),
          {section(kSecConsentFlags, flags), section(kSecOutsideMembers, outside_members),
           section(kSecOutsideFlags, outside_flags), section(kSecContactOwners, contact_owners),
           section(kSecContactOffsets, contact_offsets), section(kSecContactIds, contact_ids)}};
}

}  // namespace mutuals::internal
