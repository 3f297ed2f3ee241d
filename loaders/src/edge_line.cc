// The hot loop is a pointer walk over each line plus two from_chars calls: no
// per-line allocation, no locale, no istream.
#include "edge_line.h"

#include "fields.h"

namespace mutuals::loaders::internal {
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

bool looks_numeric(std::string_view field) {
  if (!field.empty() && (field.front() == '-' || field.front() == '+')) field.remove_prefix(1);
  return !field.empty() && field.front() >= '0' && field.front() <= '9';
}

}  // namespace

bool is_edge_header(std::string_view line) {
  const TwoFields fields = split_two(trim(line));
  return !fields.first.empty() && !looks_numeric(fields.first);
}

EdgeLine parse_edge_line(std::string_view raw, MemberEdge& edge, std::string& problem) {
  const std::string_view line = trim(raw);
  if (line.empty() || line.front() == '#' || line.front() == '%') return EdgeLine::kSkip;
  const TwoFields fields = split_two(line);
  if (fields.first.empty()) {
    problem = "first member id missing";
    return EdgeLine::kError;
  }
  if (fields.second.empty()) {
    problem = "second member id missing";
    return EdgeLine::kError;
  }
  if (!parse_u64_field(fields.first, edge.a)) {
    problem = id_problem(fields.first, "member");
    return EdgeLine::kError;
  }
  if (!parse_u64_field(fields.second, edge.b)) {
    problem = id_problem(fields.second, "member");
    return EdgeLine::kError;
  }
  return EdgeLine::kEdge;
}

}  // namespace mutuals::loaders::internal
