// How subcommands plug into the `mutuals` command line: each registers its
// options on a CLI11 subcommand and returns the function that runs it.
// Commands report failures as a Status; only main turns them into exit codes.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "mutuals/status.h"

namespace mutuals::cli {

using Run = std::function<Status()>;

Run add_build_command(CLI::App& app);
Run add_info_command(CLI::App& app);
Run add_query_command(CLI::App& app);
Run add_batch_command(CLI::App& app);
Run add_consent_command(CLI::App& app);
Run add_bench_command(CLI::App& app);
Run add_gen_command(CLI::App& app);

}  // namespace mutuals::cli
