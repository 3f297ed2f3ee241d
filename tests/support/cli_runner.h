// Runs the `mutuals` command line as a child process for end-to-end tests,
// capturing stdout, stderr and the exit code.
//
//   mutuals::testing::CliResult r = mutuals::testing::run_cli({"info", store, "--json"});
//   EXPECT_EQ(r.exit_code, 0) << r;   // on failure, prints the command and both streams
//   EXPECT_NE(r.out.find("\"members\":4039"), std::string::npos) << r;
//
// The child is started with posix_spawn, never through a shell, so arguments
// reach it byte for byte (spaces, quotes, leading dashes). Its stdin is
// /dev/null. Both output pipes are drained together with poll(), so a child
// that writes a lot to one stream while we wait on the other cannot deadlock.
// A child that outlives the timeout is killed (SIGKILL) and reported as such.
//
// Failing to start the child at all throws std::runtime_error: a test that
// cannot run its command should fail loudly, not assert on empty output.
#pragma once

#include <chrono>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace mutuals::testing {

struct CliResult {
  std::string command;  // the argv joined by spaces, for failure messages
  int exit_code = -1;   // the child's exit status; 128 + N when killed by signal N
  int term_signal = 0;  // N when killed by a signal, else 0
  bool timed_out = false;
  std::string out;  // everything written to stdout
  std::string err;  // everything written to stderr
};

// "command\n  exit N\n  stdout: ...\n  stderr: ..." (long streams abridged).
std::ostream& operator<<(std::ostream& os, const CliResult& r);

// Runs `program` with `args` (argv[1..]); argv[0] is `program`.
CliResult run_program(const std::string& program, const std::vector<std::string>& args,
                      std::chrono::milliseconds timeout = std::chrono::seconds(60));

// Runs the `mutuals` binary built with this test suite (MUTUALS_CLI).
CliResult run_cli(std::vector<std::string> args);

// The absolute path of the `mutuals` binary under test.
std::string cli_path();
// The absolute path of `relative` under data-samples/ (MUTUALS_DATA_SAMPLES).
std::string data_sample(std::string_view relative);

// The bytes of a file; throws std::runtime_error if it cannot be read.
std::string read_file(const std::string& path);
// The names (not paths) in a directory, sorted; empty if it does not exist.
std::vector<std::string> list_dir(const std::string& dir);

}  // namespace mutuals::testing
