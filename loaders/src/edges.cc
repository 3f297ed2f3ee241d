// Edge-list loader. The hot loop is a pointer walk over each line plus two
// from_chars calls: no per-line allocation, no locale, no istream.
#include "mutuals/loaders/edges.h"

#include "fields.h"
#include "mutuals/loaders/line_reader.h"

namespace mutuals::loaders {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool ends_field(char c) { return is_space(c) || c == ','; }

// The first two fields of a line, separated by spaces, tabs or one comma
// (with optional spaces around it). A missing field comes back empty.
struct TwoFields {
  std::string_view first;
  std::string_view second;
};

TwoFields split_two(std::string_view line) {
  const char* p = line.data();
  const char* const end = p + line.size();
  TwoFields out;
  const char* start = p;
  while (p < end && !ends_field(*p)) ++p;
  out.first = std::string_view(start, static_cast<std::size_t>(p - start));
  while (p < end && is_space(*p)) ++p;
  if (p < end && *p == ',') ++p;
  while (p < end && is_space(*p)) ++p;
  start = p;
  while (p < end && !ends_field(*p)) ++p;
  out.second = std::string_view(start, static_cast<std::size_t>(p - start));
  return out;
}

// A header's first field is a column name; a data line's is a number, even a
// bad one ("-1", "99999999999999999999"), which must be reported, not skipped.
bool looks_numeric(std::string_view field) {
  if (!field.empty() && (field.front() == '-' || field.front() == '+')) field.remove_prefix(1);
  return !field.empty() && field.front() >= '0' && field.front() <= '9';
}

}  // namespace

Result<EdgeList> load_edges(const std::string& path) {
  auto opened = LineReader::open(path);
  if (!opened.ok()) return opened.status();
  LineReader& reader = **opened;

  EdgeList list;
  bool seen_first = false;
  while (const auto raw = reader.next()) {
    const std::string_view line = internal::trim(*raw);
    if (line.empty() || line.front() == '#' || line.front() == '%') continue;
    const TwoFields fields = split_two(line);
    if (!seen_first) {
      seen_first = true;
      if (!fields.first.empty() && !looks_numeric(fields.first)) continue;  // the one header line
    }
    if (fields.first.empty()) return line_error(path, reader.line_number(), "first member id missing");
    if (fields.second.empty()) return line_error(path, reader.line_number(), "second member id missing");
    MemberEdge edge;
    MUTUALS_RETURN_IF_ERROR(internal::parse_id(fields.first, "member", reader, edge.a));
    MUTUALS_RETURN_IF_ERROR(internal::parse_id(fields.second, "member", reader, edge.b));
    ++list.lines;
    if (edge.a == edge.b) {
      ++list.self_loops;
      list.self_loop_members.push_back(edge.a);  // still a member: it appears in the input
      continue;
    }
    list.edges.push_back(edge);
  }
  MUTUALS_RETURN_IF_ERROR(reader.status());
  return list;
}

}  // namespace mutuals::loaders
