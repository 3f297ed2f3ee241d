// CsvReader: header check and field splitting for the CSV loaders.
#include "csv_reader.h"

#include <cassert>
#include <optional>

#include "fields.h"

namespace mutuals::loaders::internal {
namespace {

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ',';
    out += name;
  }
  return out;
}

bool matches(const std::array<std::string_view, CsvReader::kMaxColumns>& fields,
             const std::vector<std::string>& names, std::size_t offset) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (fields[offset + i] != names[i]) return false;
  }
  return true;
}

}  // namespace

std::size_t split_csv(std::string_view line, std::array<std::string_view, CsvReader::kMaxColumns>& out) {
  std::size_t count = 0;
  for (;;) {
    const auto comma = line.find(',');
    if (count < out.size()) out[count] = trim(line.substr(0, comma));
    ++count;
    if (comma == std::string_view::npos) return count;
    line.remove_prefix(comma + 1);
  }
}

bool is_blank_or_comment(std::string_view line) {
  const auto text = trim(line);
  return text.empty() || text.front() == '#';
}

Result<CsvReader> CsvReader::open(const std::string& path, std::vector<std::string> required,
                                  std::vector<std::string> optional) {
  assert(required.size() + optional.size() <= kMaxColumns);
  auto reader = LineReader::open(path);
  if (!reader.ok()) return reader.status();
  LineReader& lines = **reader;

  std::string expected = join(required);
  if (!optional.empty()) expected += "[," + join(optional) + "]";

  std::optional<std::string_view> line;
  while ((line = lines.next()) && is_blank_or_comment(*line)) {
  }
  if (!line) {
    MUTUALS_RETURN_IF_ERROR(lines.status());
    return line_error(path, lines.line_number() + 1, "expected header '" + expected + "', found end of file");
  }

  std::array<std::string_view, kMaxColumns> fields{};
  const std::size_t count = split_csv(*line, fields);
  std::size_t columns = 0;
  if (count == required.size() && matches(fields, required, 0)) {
    columns = count;
  } else if (!optional.empty() && count == required.size() + optional.size() && matches(fields, required, 0) &&
             matches(fields, optional, required.size())) {
    columns = count;
  } else {
    return line_error(path, lines.line_number(),
                      "expected header '" + expected + "', found " + quote(trim(*line)));
  }

  const std::size_t required_count = required.size();
  std::vector<std::string> used = std::move(required);
  if (columns > required_count) used.insert(used.end(), optional.begin(), optional.end());
  return CsvReader(std::move(*reader), join(used), required_count, columns);
}

CsvReader::CsvReader(std::unique_ptr<LineReader> reader, std::string columns_text, std::size_t required,
                     std::size_t columns)
    : reader_(std::move(reader)), columns_text_(std::move(columns_text)), required_(required), columns_(columns) {}

bool CsvReader::next() {
  if (!status_.ok()) return false;
  while (const auto line = reader_->next()) {
    if (is_blank_or_comment(*line)) continue;
    const std::size_t count = split_csv(*line, fields_);
    if (count == columns_) return true;
    status_ = error("expected " + std::to_string(columns_) + " fields (" + columns_text_ + "), found " +
                    std::to_string(count));
    return false;
  }
  status_ = reader_->status();
  return false;
}

Status CsvReader::error(std::string_view what) const {
  return line_error(reader_->path(), reader_->line_number(), what);
}

}  // namespace mutuals::loaders::internal
