#include "support/cli_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

extern char** environ;

namespace mutuals::testing {
namespace {

constexpr std::size_t kShownBytes = 4000;  // per stream, in failure messages

std::string errno_text(const std::string& what) { return what + ": " + std::strerror(errno); }

// Closes a file descriptor on scope exit unless released.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

void make_pipe(Fd& read_end, Fd& write_end) {
  int fds[2];
  // O_CLOEXEC: the child gets only the dup2'd copies, so EOF arrives when it exits.
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(errno_text("run_cli: pipe2"));
  read_end.reset(fds[0]);
  write_end.reset(fds[1]);
}

std::string abridged(const std::string& text) {
  if (text.size() <= kShownBytes) return text;
  return text.substr(0, kShownBytes) + "... (" + std::to_string(text.size()) + " bytes in all)";
}

}  // namespace

std::ostream& operator<<(std::ostream& os, const CliResult& r) {
  os << r.command << "\n  exit " << r.exit_code;
  if (r.term_signal != 0) os << " (signal " << r.term_signal << ")";
  if (r.timed_out) os << " (timed out, killed)";
  return os << "\n  stdout: " << abridged(r.out) << "\n  stderr: " << abridged(r.err) << '\n';
}

CliResult run_program(const std::string& program, const std::vector<std::string>& args,
                      std::chrono::milliseconds timeout) {
  CliResult result;
  result.command = program;
  for (const std::string& a : args) result.command += " " + a;

  std::vector<std::string> argv_storage;
  argv_storage.reserve(args.size() + 1);
  argv_storage.push_back(program);
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);

  Fd out_r, out_w, err_r, err_w;
  make_pipe(out_r, out_w);
  make_pipe(err_r, err_w);

  posix_spawn_file_actions_t actions;
  if (int rc = posix_spawn_file_actions_init(&actions); rc != 0) {
    throw std::runtime_error(std::string("run_cli: posix_spawn_file_actions_init: ") + std::strerror(rc));
  }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_w.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err_w.get(), 2);
  pid_t pid = -1;
  const int spawn_rc = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawn_rc != 0) {
    throw std::runtime_error("run_cli: cannot start " + program + ": " + std::strerror(spawn_rc));
  }
  out_w.reset();
  err_w.reset();

  const auto deadline = std::chrono::steady_clock::now() + timeout;
  pollfd fds[2] = {{out_r.get(), POLLIN, 0}, {err_r.get(), POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_streams = 2;
  char buffer[65536];
  while (open_streams > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 && !result.timed_out) {
      result.timed_out = true;
      ::kill(pid, SIGKILL);  // our own child, by its id
    }
    const int wait_ms = result.timed_out ? 1000 : static_cast<int>(std::min<long long>(left.count(), 1000));
    const int ready = ::poll(fds, 2, wait_ms);
    if (ready < 0) {
      if (errno == EINTR) continue;
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
      throw std::runtime_error(errno_text("run_cli: poll"));
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;  // EOF (or a read error): stop watching; Fd closes it
        --open_streams;
      }
    }
  }

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error(errno_text("run_cli: waitpid"));
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.term_signal = WTERMSIG(status);
    result.exit_code = 128 + result.term_signal;
  }
  return result;
}

std::string cli_path() { return MUTUALS_CLI; }

std::string data_sample(std::string_view relative) {
  return std::string(MUTUALS_DATA_SAMPLES) + "/" + std::string(relative);
}

CliResult run_cli(std::vector<std::string> args) { return run_program(cli_path(), args); }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("read_file: cannot open " + path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> list_dir(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace mutuals::testing
