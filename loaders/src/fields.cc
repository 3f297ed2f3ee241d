// Field parsers shared by the loaders; std::from_chars keeps them locale-free
// and allocation-free.
#include "fields.h"

#include <charconv>

namespace mutuals::loaders::internal {
namespace {

constexpr std::size_t kMaxQuoted = 64;

enum class Parsed { kOk, kNotInteger, kOutOfRange };

// from_chars accepts neither a sign nor spaces, which is what we want; it must
// also consume the whole field ("12abc" is not a number).
Parsed parse_u64(std::string_view text, std::uint64_t& out) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  if (text.empty() || ptr != end || ec == std::errc::invalid_argument) return Parsed::kNotInteger;
  if (ec == std::errc::result_out_of_range) return Parsed::kOutOfRange;
  return Parsed::kOk;
}

}  // namespace

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// Control bytes are escaped: a stray CR or tab would otherwise be invisible
// in the message ("id '1' is not an integer" when the field is "1\r").
std::string quote(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "'";
  for (char c : text.substr(0, kMaxQuoted)) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  if (text.size() > kMaxQuoted) out += "...";
  out += '\'';
  return out;
}

bool parse_u64_field(std::string_view text, std::uint64_t& out) { return parse_u64(text, out) == Parsed::kOk; }

std::string id_problem(std::string_view text, std::string_view role) {
  std::uint64_t ignored = 0;
  if (parse_u64(text, ignored) == Parsed::kOutOfRange) {
    return std::string(role) + " id " + quote(text) + " is out of range (max 18446744073709551615)";
  }
  return std::string(role) + " id " + quote(text) + " is not a non-negative integer";
}

Status parse_id(std::string_view text, std::string_view role, const LineReader& at, std::uint64_t& out) {
  if (parse_u64(text, out) == Parsed::kOk) return Status::Ok();
  return line_error(at.path(), at.line_number(), id_problem(text, role));
}

Status parse_flag(std::string_view text, std::string_view column, const LineReader& at, bool& out) {
  if (text == "0" || text == "1") {
    out = text == "1";
    return Status::Ok();
  }
  return line_error(at.path(), at.line_number(), std::string(column) + " must be 0 or 1, found " + quote(text));
}

Status parse_category_name(std::string_view text, const LineReader& at, Category& out) {
  if (const auto category = parse_category(text)) {
    out = *category;
    return Status::Ok();
  }
  std::string what = "unknown category " + quote(text) + " (known:";
  for (int i = 0; i < kCategoryCount; ++i) {
    what += i == 0 ? " " : ", ";
    what += to_string(static_cast<Category>(i));
  }
  what += ')';
  return line_error(at.path(), at.line_number(), what);
}

Status parse_year(std::string_view text, std::string_view column, const LineReader& at,
                  std::optional<std::uint16_t>& out) {
  out.reset();
  if (text.empty()) return Status::Ok();
  std::uint64_t year = 0;
  if (parse_u64(text, year) != Parsed::kOk || year > 9999) {
    return line_error(at.path(), at.line_number(),
                      std::string(column) + " " + quote(text) + " is not a year (0..9999)");
  }
  out = static_cast<std::uint16_t>(year);
  return Status::Ok();
}

}  // namespace mutuals::loaders::internal
