// Internal: the CSV shape shared by every loader except edges.
//
// A header line naming the columns, then rows with exactly that many fields.
// Blank lines and lines starting with '#' (after optional spaces) are skipped.
// No quoting: no field of DESIGN §5 can hold a comma. Fields are trimmed of
// spaces and tabs, and line ends are handled by LineReader (LF, CRLF, .gz).
//
//   auto csv = CsvReader::open(path, {"viewer", "subject"});
//   if (!csv.ok()) return csv.status();
//   while (csv->next()) { use(csv->field(0), csv->field(1)); }
//   MUTUALS_RETURN_IF_ERROR(csv->status());
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mutuals/loaders/line_reader.h"
#include "mutuals/status.h"

namespace mutuals::loaders::internal {

class CsvReader {
 public:
  static constexpr std::size_t kMaxColumns = 8;

  // Opens `path` and checks its header: the `required` columns followed by
  // either none or all of the `optional` ones, in that order.
  static Result<CsvReader> open(const std::string& path, std::vector<std::string> required,
                                std::vector<std::string> optional = {});

  // Whether the header carried the optional columns.
  bool has_optional() const { return columns_ > required_; }

  // Moves to the next data row; false at end of file or on an error (status()).
  bool next();
  // Field i of the current row, trimmed; i < the header's column count.
  std::string_view field(std::size_t i) const { return fields_[i]; }
  // Where the current row is, for the field parsers and error().
  const LineReader& at() const { return *reader_; }
  // "FILE:LINE: what" for the current row.
  Status error(std::string_view what) const;
  // Ok unless reading failed or a row had the wrong number of fields.
  const Status& status() const { return status_; }

 private:
  CsvReader(std::unique_ptr<LineReader> reader, std::string columns_text, std::size_t required,
            std::size_t columns);

  std::unique_ptr<LineReader> reader_;
  std::string columns_text_;  // "viewer,subject", for the field-count message
  std::size_t required_ = 0;
  std::size_t columns_ = 0;
  std::array<std::string_view, kMaxColumns> fields_{};
  Status status_;
};

// Splits `line` at commas into trimmed fields, storing at most out.size() of
// them; returns how many there were.
std::size_t split_csv(std::string_view line, std::array<std::string_view, CsvReader::kMaxColumns>& out);

// Blank, or a '#' comment after optional spaces.
bool is_blank_or_comment(std::string_view line);

}  // namespace mutuals::loaders::internal
