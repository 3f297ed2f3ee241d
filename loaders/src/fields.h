// Internal: parsers for the values that appear in loader input fields.
//
// Each takes the field text (already trimmed), what the field is called in an
// error message, and the reader whose path and line locate the error. On
// success they return an ok Status, which allocates nothing, so they can run
// once per field of a billion-line file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mutuals/consent.h"
#include "mutuals/loaders/line_reader.h"
#include "mutuals/status.h"

namespace mutuals::loaders::internal {

// Spaces and tabs off both ends.
std::string_view trim(std::string_view text);

// `text` in single quotes, cut to a readable length: hostile input can put a
// megabyte in one field and the message should stay one line.
std::string quote(std::string_view text);

// An unsigned 64-bit decimal id, without a status: true when `text` is one.
bool parse_u64_field(std::string_view text, std::uint64_t& out);
// What is wrong with an id field parse_u64_field refused (the message of
// parse_id's error, without file and line).
std::string id_problem(std::string_view text, std::string_view role);

// An unsigned 64-bit decimal id. Errors: "<role> id 'x' is not a non-negative
// integer", "<role> id 'x' is out of range (max 18446744073709551615)".
Status parse_id(std::string_view text, std::string_view role, const LineReader& at, std::uint64_t& out);

// "0" or "1". Error: "<column> must be 0 or 1, found 'x'".
Status parse_flag(std::string_view text, std::string_view column, const LineReader& at, bool& out);

// A category name such as "li.profile". Error: "unknown category 'x' (known: ...)".
Status parse_category_name(std::string_view text, const LineReader& at, Category& out);

// A year 0..9999, or nullopt for an empty field (unknown).
// Error: "<column> 'x' is not a year (0..9999)".
Status parse_year(std::string_view text, std::string_view column, const LineReader& at,
                  std::optional<std::uint16_t>& out);

}  // namespace mutuals::loaders::internal
