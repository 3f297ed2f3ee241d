// Consent-events loader: one row per event, validated in full before any of
// them is applied, so a bad file changes nothing.
#include "mutuals/loaders/events.h"

#include <array>
#include <utility>

#include "csv_reader.h"
#include "fields.h"

namespace mutuals::loaders {
namespace {

using Kind = ConsentEvent::Kind;

constexpr std::array<std::pair<std::string_view, Kind>, 8> kEventNames = {{
    {"link", Kind::kLink},
    {"unlink", Kind::kUnlink},
    {"grant", Kind::kGrant},
    {"revoke", Kind::kRevoke},
    {"show", Kind::kShow},
    {"hide", Kind::kHide},
    {"import-contacts", Kind::kImportContacts},
    {"remove-contacts", Kind::kRemoveContacts},
}};

std::optional<Kind> parse_kind(std::string_view name) {
  for (const auto& [text, kind] : kEventNames) {
    if (text == name) return kind;
  }
  return std::nullopt;
}

// ';'-joined contact ids; an empty arg is an empty list, an empty item an error.
Status parse_contacts(std::string_view text, const LineReader& at, std::vector<MemberId>& out) {
  if (text.empty()) return Status::Ok();
  for (;;) {
    const auto semicolon = text.find(';');
    MemberId contact = 0;
    MUTUALS_RETURN_IF_ERROR(internal::parse_id(internal::trim(text.substr(0, semicolon)), "contact", at, contact));
    out.push_back(contact);
    if (semicolon == std::string_view::npos) return Status::Ok();
    text.remove_prefix(semicolon + 1);
  }
}

// Fills the event's arg-dependent part; `arg` is empty when absent.
Status parse_arg(std::string_view name, std::string_view arg, const LineReader& at, ConsentEvent& event) {
  switch (event.kind) {
    case Kind::kGrant:
    case Kind::kRevoke: {
      if (arg.empty()) return line_error(at.path(), at.line_number(), "event '" + std::string(name) + "' needs a category");
      Category category{};
      MUTUALS_RETURN_IF_ERROR(internal::parse_category_name(arg, at, category));
      event.category = category;
      return Status::Ok();
    }
    case Kind::kImportContacts:
      return parse_contacts(arg, at, event.contacts);
    default:
      if (arg.empty()) return Status::Ok();
      return line_error(at.path(), at.line_number(),
                        "event '" + std::string(name) + "' takes no argument, found " + internal::quote(arg));
  }
}

}  // namespace

std::string_view to_string(ConsentEvent::Kind kind) {
  for (const auto& [text, k] : kEventNames) {
    if (k == kind) return text;
  }
  return "unknown";
}

Result<std::vector<ConsentEvent>> load_events(const std::string& path) {
  auto csv = internal::CsvReader::open(path, {"member", "event"}, {"arg"});
  if (!csv.ok()) return csv.status();
  std::vector<ConsentEvent> events;
  while (csv->next()) {
    const LineReader& at = csv->at();
    ConsentEvent event;
    event.line = at.line_number();
    MUTUALS_RETURN_IF_ERROR(internal::parse_id(csv->field(0), "member", at, event.member));
    const std::string_view name = csv->field(1);
    const auto kind = parse_kind(name);
    if (!kind) {
      return csv->error("unknown event " + internal::quote(name) +
                        " (expected link, unlink, grant, revoke, show, hide, import-contacts or remove-contacts)");
    }
    event.kind = *kind;
    const std::string_view arg = csv->has_optional() ? csv->field(2) : std::string_view{};
    MUTUALS_RETURN_IF_ERROR(parse_arg(name, arg, at, event));
    events.push_back(std::move(event));
  }
  MUTUALS_RETURN_IF_ERROR(csv->status());
  return events;
}

}  // namespace mutuals::loaders
