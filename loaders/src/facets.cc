// Facet loader: member, value id and an optional year range per row.
#include "mutuals/loaders/facets.h"

#include "csv_reader.h"
#include "fields.h"

namespace mutuals::loaders {

Result<std::vector<FacetRow>> load_facets(const std::string& path, std::string_view value_column) {
  const std::string column(value_column);
  auto csv = internal::CsvReader::open(path, {"member", column}, {"start_year", "end_year"});
  if (!csv.ok()) return csv.status();
  std::vector<FacetRow> rows;
  while (csv->next()) {
    const LineReader& at = csv->at();
    FacetRow row;
    MUTUALS_RETURN_IF_ERROR(internal::parse_id(csv->field(0), "member", at, row.member));
    MUTUALS_RETURN_IF_ERROR(internal::parse_id(csv->field(1), column, at, row.value));
    if (csv->has_optional()) {
      MUTUALS_RETURN_IF_ERROR(internal::parse_year(csv->field(2), "start_year", at, row.start_year));
      MUTUALS_RETURN_IF_ERROR(internal::parse_year(csv->field(3), "end_year", at, row.end_year));
      if (row.start_year && row.end_year && *row.start_year > *row.end_year) {
        return csv->error("start_year " + std::to_string(*row.start_year) + " is after end_year " +
                          std::to_string(*row.end_year));
      }
    }
    rows.push_back(row);
  }
  MUTUALS_RETURN_IF_ERROR(csv->status());
  return rows;
}

}  // namespace mutuals::loaders
