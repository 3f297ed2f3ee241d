#include "common/cache_size.h"

#include <cctype>
#include <fstream>
#include <string>

namespace mutuals::internal {

std::uint64_t parse_cache_size(const char* text) {
  std::uint64_t n = 0;
  const char* p = text;
  if (!std::isdigit(static_cast<unsigned char>(*p))) return 0;
  for (; std::isdigit(static_cast<unsigned char>(*p)); ++p) {
    if (n > (std::uint64_t{1} << 40)) return 0;
    n = n * 10 + static_cast<std::uint64_t>(*p - '0');
  }
  switch (*p) {
    case 'K': n <<= 10; ++p; break;
    case 'M': n <<= 20; ++p; break;
    case 'G': n <<= 30; ++p; break;
    default: break;
  }
  while (*p == '\n' || *p == ' ') ++p;
  return *p == '\0' ? n : 0;
}

std::uint64_t last_level_cache_bytes() {
  static const std::uint64_t bytes = [] {
    int best_level = 0;
    std::uint64_t best = 0;
    for (int i = 0; i < 16; ++i) {
      const std::string dir = "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(i) + "/";
      std::ifstream level_file(dir + "level"), size_file(dir + "size");
      int level = 0;
      std::string size;
      if (!(level_file >> level) || !(size_file >> size)) continue;
      const std::uint64_t b = parse_cache_size(size.c_str());
      if (b > 0 && level > best_level) best_level = level, best = b;
    }
    return best > 0 ? best : std::uint64_t{32} << 20;
  }();
  return bytes;
}

}  // namespace mutuals::internal
