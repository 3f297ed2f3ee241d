// Edge-list loader (DESIGN §5 "edges").
//
// Input: one connection per line, two unsigned 64-bit member ids separated by
// whitespace or a comma, further columns ignored; '#' or '%' comment lines and
// one optional header line (a first non-comment line whose first field is not
// a number) are skipped; LF or CRLF; .gz read directly. Self-loops are dropped
// and counted. A missing, non-numeric or out-of-range id is an error naming
// FILE:LINE. Duplicates are kept here: the graph builder collapses them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mutuals/status.h"
#include "mutuals/types.h"

namespace mutuals::loaders {

struct EdgeList {
  std::vector<MemberEdge> edges;  // in file order, self-loops removed
  std::uint64_t lines = 0;        // data lines read (comments and header excluded)
  std::uint64_t self_loops = 0;
  std::vector<MemberId> self_loop_members;  // known members, even without another connection
};

Result<EdgeList> load_edges(const std::string& path);

}  // namespace mutuals::loaders
