#include "output.h"

namespace mutuals::cli {

nlohmann::ordered_json to_json(const SharedConnections& r) {
  return {{"status", std::string(to_string(r.status))},
          {"viewer", r.viewer},
          {"subject", r.subject},
          {"count", r.count},
          {"items", r.items}};
}

void print_text(std::ostream& out, const SharedConnections& r) {
  out << "viewer   " << r.viewer << "\nsubject  " << r.subject << "\nstatus   " << to_string(r.status)
      << "\nshared   " << r.count << '\n';
  if (!r.items.empty()) {
    out << "first    ";
    for (std::size_t i = 0; i < r.items.size(); ++i) out << (i ? " " : "") << r.items[i];
    out << '\n';
  }
}

void write_csv_row(std::string& out, const SharedConnections& r, bool with_items) {
  out += std::to_string(r.viewer);
  out += ',';
  out += std::to_string(r.subject);
  out += ',';
  out += to_string(r.status);
  out += ',';
  out += std::to_string(r.count);
  if (with_items) {
    out += ',';
    for (std::size_t i = 0; i < r.items.size(); ++i) {
      if (i) out += ';';
      out += std::to_string(r.items[i]);
    }
  }
  out += '\n';
}

}  // namespace mutuals::cli
