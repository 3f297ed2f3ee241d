// The consent vocabulary of DESIGN §3: data categories, a member's consent
// record, and the status every insight answer carries.
//
// Secure defaults: a member with no record is unlinked, has no grants and is
// hidden from Microsoft apps; rollout gates a feature, not privacy, so a member
// is rolled out unless a record says otherwise.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "mutuals/types.h"

namespace mutuals {

// Data categories shared by linking. Bit positions are part of the store
// format: never renumber, only append.
enum class Category : std::uint8_t {
  kLiProfile = 0,
  kLiInterests,
  kLiSubscriptions,
  kLiConnections,
  kMsProfile,
  kMsCalendar,
  kMsInterests,
  kMsSubscriptions,
  kMsContacts,
};
inline constexpr int kCategoryCount = 9;

using GrantSet = std::uint16_t;  // bit i set = Category i granted
inline constexpr GrantSet kAllGrants = (1u << kCategoryCount) - 1;
constexpr GrantSet grant_bit(Category c) { return GrantSet(1u << static_cast<int>(c)); }

// "li.profile" and so on; nullopt for an unknown name.
std::optional<Category> parse_category(std::string_view name);
std::string_view to_string(Category c);

// One member's consent as given in a consent file (DESIGN §5).
struct ConsentRecord {
  MemberId member = 0;
  bool linked = false;
  bool visible = false;
  bool rolled_out = true;
  GrantSet grants = 0;
};

// The outcome of the consent check that precedes every kernel.
enum class QueryStatus : std::uint8_t {
  kOk = 0,
  kNotRolledOut,
  kViewerNotLinked,
  kConsentMissing,
  kSubjectUnavailable,
  kNotYet,  // the caller asked for a consent version this process has not reached
};

// "ok", "not_rolled_out", "viewer_not_linked", "consent_missing",
// "subject_unavailable", "not_yet": the words of the command-line and file
// contracts.
std::string_view to_string(QueryStatus s);

}  // namespace mutuals

namespace mutuals {

// One change a member makes (DESIGN §3): the same operations from the
// command line, an events file or an in-process caller.
struct ConsentChange {
  // Values are part of the journal format: never renumber, only append.
  enum class Kind : std::uint8_t {
    kLink = 0,
    kUnlink,
    kGrant,
    kRevoke,
    kShow,
    kHide,
    kImportContacts,
    kRemoveContacts,
  };
  MemberId member = 0;
  Kind kind = Kind::kLink;
  std::optional<Category> category;  // kGrant and kRevoke
  std::vector<MemberId> contacts;    // kImportContacts
};

std::string_view to_string(ConsentChange::Kind kind);  // "link", "import-contacts", ...
std::optional<ConsentChange::Kind> parse_change_kind(std::string_view name);

// What a change did: kOk, or kConsentMissing for an import by a member who
// is not linked with ms.contacts granted (nothing is written then; grant
// bits of an unlinked member count for nothing). `version` is the consent
// version the change created (or the current one, when refused).
struct ChangeResult {
  QueryStatus status = QueryStatus::kOk;
  std::uint64_t version = 0;
};

}  // namespace mutuals
