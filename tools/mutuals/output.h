// Rendering of insight answers: text for people, JSON per DESIGN §5
// "query --json", CSV rows per §5 "batch results".
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "mutuals/insights.h"

namespace mutuals::cli {

nlohmann::ordered_json to_json(const SharedConnections& r);
void print_text(std::ostream& out, const SharedConnections& r);
// viewer,subject,status,count[,items]
void write_csv_row(std::string& out, const SharedConnections& r, bool with_items);

}  // namespace mutuals::cli
