// Contacts loader (DESIGN §5 "contacts", for `import-contacts`).
//
// CSV with header `contact`, one member id a line. Contacts arrive already
// matched to members: addresses never reach the engine. Ids are returned in
// file order with duplicates kept; the consent layer treats them as a set.
//
//   auto contacts = mutuals::loaders::load_contacts("contacts.csv");
//   if (!contacts.ok()) return contacts.status();  // "contacts.csv:3: contact id 'x' is ..."
#pragma once

#include <string>
#include <vector>

#include "mutuals/status.h"
#include "mutuals/types.h"

namespace mutuals::loaders {

Result<std::vector<MemberId>> load_contacts(const std::string& path);

}  // namespace mutuals::loaders
