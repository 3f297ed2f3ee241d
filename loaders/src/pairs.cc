// Pairs loader: `viewer,subject` rows, in file order (batch output keeps it).
#include "mutuals/loaders/pairs.h"

#include "csv_reader.h"
#include "fields.h"

namespace mutuals::loaders {

Result<std::vector<MemberPair>> load_pairs(const std::string& path) {
  auto csv = internal::CsvReader::open(path, {"viewer", "subject"});
  if (!csv.ok()) return csv.status();
  std::vector<MemberPair> pairs;
  while (csv->next()) {
    MemberPair pair;
    MUTUALS_RETURN_IF_ERROR(internal::parse_id(csv->field(0), "viewer", csv->at(), pair.viewer));
    MUTUALS_RETURN_IF_ERROR(internal::parse_id(csv->field(1), "subject", csv->at(), pair.subject));
    pairs.push_back(pair);
  }
  MUTUALS_RETURN_IF_ERROR(csv->status());
  return pairs;
}

}  // namespace mutuals::loaders
