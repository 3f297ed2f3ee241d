// Internal: one line of an edge list, shared by the streaming loader and the
// parallel one, so both read every line the same way.
#pragma once

#include <string>
#include <string_view>

#include "mutuals/types.h"

namespace mutuals::loaders::internal {

// What a raw line (line end removed) turned out to be.
enum class EdgeLine { kSkip, kEdge, kError };

// A header's first field is a column name; a data line's is a number, even a
// bad one ("-1", "99999999999999999999"), which must be reported, not skipped.
// True when `line` (a first non-comment line) is a header.
bool is_edge_header(std::string_view line);

// Parses `line`: kSkip for blank and comment lines, kEdge with `edge` set,
// or kError with `problem` set to what is wrong (no file or line: the caller
// knows those).
EdgeLine parse_edge_line(std::string_view line, MemberEdge& edge, std::string& problem);

}  // namespace mutuals::loaders::internal
