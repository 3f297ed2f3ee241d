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
  }
  return "unknown";
}

}  // namespace mutuals
