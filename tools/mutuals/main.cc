// `mutuals`: the command line of DESIGN §4. Exit codes: 0 success (a query
// denied by consent is a success with its status), 1 runtime failure, 2 bad
// usage or bad input.
#include <iostream>
#include <vector>

#include "command.h"

int main(int argc, char** argv) {
  CLI::App app{"mutuals: consent-checked shared connections over a professional graph"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Help for every command");
  std::vector<std::pair<CLI::App*, mutuals::cli::Run>> commands;
  auto add = [&](mutuals::cli::Run (*fn)(CLI::App&)) {
    std::size_t before = app.get_subcommands({}).size();
    mutuals::cli::Run run = fn(app);
    commands.emplace_back(app.get_subcommands({})[before], std::move(run));
  };
  add(mutuals::cli::add_build_command);
  add(mutuals::cli::add_info_command);
  add(mutuals::cli::add_query_command);
  add(mutuals::cli::add_batch_command);
  add(mutuals::cli::add_consent_command);
  add(mutuals::cli::add_bench_command);
  add(mutuals::cli::add_gen_command);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  for (auto& [sub, run] : commands) {
    if (!sub->parsed()) continue;
    try {
      mutuals::Status status = run();
      if (!status.ok()) {
        std::cerr << "mutuals " << sub->get_name() << ": " << status.message() << '\n';
        return status.exit_code();
      }
      return 0;
    } catch (const std::bad_alloc&) {
      std::cerr << "mutuals " << sub->get_name() << ": out of memory\n";
      return 1;
    }
  }
  return 2;
}
