// Rendering of insight answers: text for people, JSON per DESIGN §5
// "query --json", CSV rows per §5 "batch results".
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "mutuals/insights.h"

namespace mutuals::cli {

using Json = nlohmann::ordered_json;

Json to_json(const SharedConnections& r);
Json to_json(const SharedFacets& r);
Json to_json(const ConnectionsAt& r);
Json to_json(const Suggestions& r);
Json to_json(const MeetingBrief& r);
Json to_json(const Distance& r);

// Text for people: the JSON's fields, one per line.
void print_text(std::ostream& out, const Json& j);

// viewer,subject,status,count[,items]
void write_csv_row(std::string& out, const SharedConnections& r, bool with_items);
void write_csv_row(std::string& out, const SharedFacets& r, bool with_items, std::size_t limit);

}  // namespace mutuals::cli
