#include "output.h"

namespace mutuals::cli {
namespace {

Json facet_items(const SharedFacets& r) {
  Json items = Json::array();
  const char* key = r.kind == FacetKind::kSchool ? "school" : "employer";
  for (const SharedFacet& f : r.items) {
    Json overlap = f.years_overlap ? Json(*f.years_overlap) : Json(nullptr);
    items.push_back({{key, f.value}, {"years_overlap", overlap}});
  }
  return items;
}

}  // namespace

Json to_json(const SharedConnections& r) {
  return {{"status", std::string(to_string(r.status))},
          {"viewer", r.viewer},
          {"subject", r.subject},
          {"count", r.count},
          {"items", r.items}};
}

Json to_json(const SharedFacets& r) {
  return {{"status", std::string(to_string(r.status))},
          {"viewer", r.viewer},
          {"subject", r.subject},
          {"count", r.count},
          {"items", facet_items(r)}};
}

Json to_json(const ConnectionsAt& r) {
  return {{"status", std::string(to_string(r.status))},
          {"viewer", r.viewer},
          {"school", r.school},
          {"count", r.count},
          {"items", r.items}};
}

Json to_json(const Suggestions& r) {
  Json items = Json::array();
  for (const Suggestion& s : r.items) items.push_back({{"member", s.member}, {"shared", s.shared}});
  return {{"status", std::string(to_string(r.status))}, {"member", r.member}, {"count", r.count}, {"items", items}};
}

Json to_json(const MeetingBrief& r) {
  Json attendees = Json::array();
  for (const AttendeeBrief& a : r.attendees) {
    Json one = to_json(a.connections);
    one.erase("viewer");
    one["schools"] = {{"status", std::string(to_string(a.schools.status))},
                      {"count", a.schools.count},
                      {"items", facet_items(a.schools)}};
    attendees.push_back(std::move(one));
  }
  return {{"status", std::string(to_string(r.status))}, {"viewer", r.viewer}, {"attendees", attendees}};
}

Json to_json(const Distance& r) {
  Json degree = r.degree ? Json(*r.degree) : Json("out_of_network");
  if (r.status != QueryStatus::kOk) degree = nullptr;
  return {{"status", std::string(to_string(r.status))},
          {"viewer", r.viewer},
          {"subject", r.subject},
          {"distance", degree}};
}

void print_text(std::ostream& out, const Json& j) {
  for (const auto& [key, value] : j.items()) {
    out << key << ": ";
    if (value.is_string()) {
      out << value.get<std::string>();
    } else {
      out << value.dump();
    }
    out << '\n';
  }
}

namespace {

void write_csv_head(std::string& out, MemberId viewer, MemberId subject, QueryStatus status, std::uint64_t count) {
  out += std::to_string(viewer);
  out += ',';
  out += std::to_string(subject);
  out += ',';
  out += to_string(status);
  out += ',';
  out += std::to_string(count);
}

}  // namespace

void write_csv_row(std::string& out, const SharedConnections& r, bool with_items) {
  write_csv_head(out, r.viewer, r.subject, r.status, r.count);
  if (with_items) {
    out += ',';
    for (std::size_t i = 0; i < r.items.size(); ++i) {
      if (i) out += ';';
      out += std::to_string(r.items[i]);
    }
  }
  out += '\n';
}

void write_csv_row(std::string& out, const SharedFacets& r, bool with_items, std::size_t limit) {
  write_csv_head(out, r.viewer, r.subject, r.status, r.count);
  if (with_items) {
    out += ',';
    for (std::size_t i = 0; i < r.items.size() && i < limit; ++i) {
      if (i) out += ';';
      out += std::to_string(r.items[i].value);
    }
  }
  out += '\n';
}

}  // namespace mutuals::cli
