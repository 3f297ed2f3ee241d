// mutuals info STORE [--json] [--verify]
#include <chrono>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "command.h"
#include "mutuals/store.h"

namespace mutuals::cli {
namespace {

struct InfoArgs {
  std::string store;
  bool json = false;
  bool verify = false;
};

Status run_info(const InfoArgs& a) {
  const auto start = std::chrono::steady_clock::now();
  Result<std::shared_ptr<const Store>> store = Store::open(a.store, a.verify ? Verify::kFull : Verify::kAuto);
  if (!store.ok()) return store.status();
  const double open_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  const StoreInfo& i = (*store)->info();
  double per_entry = i.entries ? double(i.adjacency_bytes) / double(i.entries) : 0.0;
  if (a.json) {
    nlohmann::json j = {{"store", a.store},
                        {"format_version", i.format_version},
                        {"members", i.members},
                        {"connections", i.connections},
                        {"entries", i.entries},
                        {"adjacency_bytes", i.adjacency_bytes},
                        {"bytes_per_entry", per_entry},
                        {"order", i.order},
                        {"dense_containers", i.dense_containers},
                        {"dense_from", i.dense_from},
                        {"self_loops", i.self_loops},
                        {"duplicates_dropped", i.duplicates_dropped},
                        {"consented_members", i.consented_members},
                        {"verification", i.verification},
                        {"open_ms", open_ms}};
    nlohmann::json sections = nlohmann::json::array();
    for (const auto& s : i.sections) sections.push_back({{"name", s.name}, {"offset", s.offset}, {"bytes", s.bytes}});
    j["sections"] = sections;
    std::cout << j.dump() << '\n';
    return Status::Ok();
  }
  std::cout << "store            " << a.store << '\n'
            << "format version   " << i.format_version << '\n'
            << "members          " << i.members << '\n'
            << "connections      " << i.connections << '\n'
            << "entries          " << i.entries << '\n'
            << "adjacency bytes  " << i.adjacency_bytes << '\n'
            << "bytes per entry  " << std::fixed << std::setprecision(3) << per_entry << '\n'
            << "order            " << i.order << '\n'
            << "dense containers " << i.dense_containers;
  if (i.dense_containers > 0) std::cout << " (containers of " << i.dense_from << " values or more)";
  std::cout << '\n'
            << "self-loops       " << i.self_loops << " dropped at build\n"
            << "duplicates       " << i.duplicates_dropped << " dropped at build\n"
            << "consent records  " << i.consented_members << '\n'
            << "opened in        " << std::setprecision(2) << open_ms << " ms (verification: " << i.verification
            << ")\n"
            << "sections\n";
  for (const auto& s : i.sections) {
    std::cout << "  " << std::left << std::setw(20) << s.name << std::right << std::setw(14) << s.bytes
              << " bytes at " << s.offset << '\n';
  }
  return Status::Ok();
}

}  // namespace

Run add_info_command(CLI::App& app) {
  auto args = std::make_shared<InfoArgs>();
  CLI::App* cmd = app.add_subcommand("info", "Describe a store: members, connections, bytes per entry, sections");
  cmd->add_option("store", args->store, "Store directory")->required();
  cmd->add_flag("--json", args->json, "One JSON object");
  cmd->add_flag("--verify", args->verify,
                "Verify every checksum and bitmap of data.bin even if a seal vouches for it (an fsck)");
  return [args] { return run_info(*args); };
}

}  // namespace mutuals::cli
