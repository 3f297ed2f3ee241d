// Consent-state loader. Grants are parsed in place from the field text; the
// only allocation per row is the duplicate check's hash-map entry.
#include "mutuals/loaders/consent_file.h"

#include <string_view>
#include <unordered_map>

#include "csv_reader.h"
#include "fields.h"

namespace mutuals::loaders {
namespace {

// `all`, `none`, empty (= none) or categories joined by ';'. An empty item
// ("a;;b", "a;") is an error: consent should say exactly what it means.
Status parse_grants(std::string_view text, const LineReader& at, GrantSet& out) {
  out = 0;
  if (text == "all") {
    out = kAllGrants;
    return Status::Ok();
  }
  if (text.empty() || text == "none") return Status::Ok();
  for (;;) {
    const auto semicolon = text.find(';');
    const std::string_view name = internal::trim(text.substr(0, semicolon));
    if (name.empty()) return line_error(at.path(), at.line_number(), "empty category in grants");
    if (name == "all" || name == "none") {
      return line_error(at.path(), at.line_number(), "grants '" + std::string(name) + "' must stand alone");
    }
    Category category{};
    MUTUALS_RETURN_IF_ERROR(internal::parse_category_name(name, at, category));
    out |= grant_bit(category);
    if (semicolon == std::string_view::npos) return Status::Ok();
    text.remove_prefix(semicolon + 1);
  }
}

}  // namespace

Result<std::vector<ConsentRecord>> load_consent(const std::string& path) {
  auto csv = internal::CsvReader::open(path, {"member", "linked", "visible", "grants"}, {"rolled_out"});
  if (!csv.ok()) return csv.status();
  std::vector<ConsentRecord> records;
  std::unordered_map<MemberId, std::uint64_t> first_line;
  while (csv->next()) {
    const LineReader& at = csv->at();
    ConsentRecord record;
    MUTUALS_RETURN_IF_ERROR(internal::parse_id(csv->field(0), "member", at, record.member));
    MUTUALS_RETURN_IF_ERROR(internal::parse_flag(csv->field(1), "linked", at, record.linked));
    MUTUALS_RETURN_IF_ERROR(internal::parse_flag(csv->field(2), "visible", at, record.visible));
    MUTUALS_RETURN_IF_ERROR(parse_grants(csv->field(3), at, record.grants));
    // Rollout gates a feature, not privacy: absent or empty means rolled out.
    if (csv->has_optional() && !csv->field(4).empty()) {
      MUTUALS_RETURN_IF_ERROR(internal::parse_flag(csv->field(4), "rolled_out", at, record.rolled_out));
    }
    const auto [it, inserted] = first_line.emplace(record.member, at.line_number());
    if (!inserted) {
      return csv->error("member " + std::to_string(record.member) + " appears twice (first at line " +
                        std::to_string(it->second) + ")");
    }
    records.push_back(record);
  }
  MUTUALS_RETURN_IF_ERROR(csv->status());
  return records;
}

}  // namespace mutuals::loaders
