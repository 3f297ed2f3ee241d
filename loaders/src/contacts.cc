// Contacts loader: one `contact` column of member ids, kept in file order.
#include "mutuals/loaders/contacts.h"

#include "csv_reader.h"
#include "fields.h"

namespace mutuals::loaders {

Result<std::vector<MemberId>> load_contacts(const std::string& path) {
  auto csv = internal::CsvReader::open(path, {"contact"});
  if (!csv.ok()) return csv.status();
  std::vector<MemberId> contacts;
  while (csv->next()) {
    MemberId contact = 0;
    MUTUALS_RETURN_IF_ERROR(internal::parse_id(csv->field(0), "contact", csv->at(), contact));
    contacts.push_back(contact);
  }
  MUTUALS_RETURN_IF_ERROR(csv->status());
  return contacts;
}

}  // namespace mutuals::loaders
