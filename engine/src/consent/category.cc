#include <array>

#include "mutuals/consent.h"

namespace mutuals {
namespace {
constexpr std::array<std::string_view, kCategoryCount> kCategoryNames = {
    "li.profile", "li.interests", "li.subscriptions", "li.connections", "ms.profile",
    "ms.calendar", "ms.interests", "ms.subscriptions", "ms.contacts"};
}  // namespace

std::optional<Category> parse_category(std::string_view name) {
  for (int i = 0; i < kCategoryCount; ++i) {
    if (kCategoryNames[i] == name) return static_cast<Category>(i);
  }
  return std::nullopt;
}

std::string_view to_string(Category c) { return kCategoryNames[static_cast<int>(c)]; }

std::string_view to_string(QueryStatus s) {
  switch (s) {
    case QueryStatus::kOk: return "ok";
    case QueryStatus::kNotRolledOut: return "not_rolled_out";
    case QueryStatus::kViewerNotLinked: return "viewer_not_linked";
    case QueryStatus::kConsentMissing: return "consent_missing";
    case QueryStatus::kSubjectUnavailable: return "subject_unavailable";
    case QueryStatus::kNotYet: return "not_yet";
  }
  return "unknown";
}

}  // namespace mutuals

namespace mutuals {
namespace {
constexpr std::array<std::string_view, 8> kChangeNames = {"link", "unlink", "grant", "revoke",
                                                          "show", "hide", "import-contacts", "remove-contacts"};
}  // namespace

std::string_view to_string(ConsentChange::Kind kind) { return kChangeNames[static_cast<int>(kind)]; }

std::optional<ConsentChange::Kind> parse_change_kind(std::string_view name) {
  for (std::size_t i = 0; i < kChangeNames.size(); ++i) {
    if (kChangeNames[i] == name) return static_cast<ConsentChange::Kind>(i);
  }
  return std::nullopt;
}

}  // namespace mutuals
