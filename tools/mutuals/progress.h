// Progress lines on stderr for long work, only when stderr is a terminal, so
// logs and pipes stay clean.
#pragma once

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <string_view>

namespace mutuals::cli {

class Progress {
 public:
  Progress() : enabled_(::isatty(2) != 0), start_(std::chrono::steady_clock::now()) {}
  void phase(std::string_view what) const {
    if (!enabled_) return;
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::cerr << "[" << std::fixed << s << "s] " << what << '\n';
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace mutuals::cli
