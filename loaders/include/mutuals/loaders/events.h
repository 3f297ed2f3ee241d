// Consent-events loader (DESIGN §5 "events", for `consent --apply`).
//
// CSV with header `member,event[,arg]`. Events: `link`, `unlink`, `grant` and
// `revoke` (arg: a category such as `li.profile`), `show`, `hide`,
// `import-contacts` (arg: member ids joined by ';', possibly none) and
// `remove-contacts`. An event that takes no arg must not be given one.
// Events come back in file order, which is the order they apply in.
//
//   auto events = mutuals::loaders::load_events("events.csv");
//   if (!events.ok()) return events.status();  // "events.csv:4: event 'grant' needs a category"
//   for (const auto& e : *events) { apply(e); }
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mutuals/consent.h"
#include "mutuals/status.h"
#include "mutuals/types.h"

namespace mutuals::loaders {

struct ConsentEvent {
  enum class Kind : std::uint8_t { kLink, kUnlink, kGrant, kRevoke, kShow, kHide, kImportContacts, kRemoveContacts };

  MemberId member = 0;
  Kind kind = Kind::kLink;
  std::optional<Category> category;  // set for kGrant and kRevoke only
  std::vector<MemberId> contacts;    // kImportContacts only, in file order
  std::uint64_t line = 0;            // where the event was read, for later error messages
};

// The event's name in the file: "link", "import-contacts" and so on.
std::string_view to_string(ConsentEvent::Kind kind);

Result<std::vector<ConsentEvent>> load_events(const std::string& path);

}  // namespace mutuals::loaders
