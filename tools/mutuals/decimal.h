// Numbers on the command line are decimal, as in every input file: CLI11
// 2.1 reads unsigned options with strtoull(base 0), which takes "0644" as
// octal, "0x10" as hex and wraps "-1" to 2^64-1. This validator accepts only
// plain decimal digits within 64 bits and strips leading zeros, so CLI11's
// own conversion then reads what the user wrote.
#pragma once

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdint>
#include <string>

namespace mutuals::cli {

inline const CLI::Validator kDecimal(
    [](std::string& text) -> std::string {
      std::uint64_t value = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
        return "'" + text + "' is not a non-negative decimal integer below 2^64";
      }
      text = std::to_string(value);
      return {};
    },
    "DECIMAL");

}  // namespace mutuals::cli
