// The size of the CPU's last-level cache, for choices that only pay when
// the data outgrows it.
#pragma once

#include <cstdint>

namespace mutuals::internal {

// Bytes of the highest cache level Linux describes for CPU 0 (sysfs), read
// once; 32 MB when it describes none. Not sysconf: glibc's
// _SC_LEVEL3_CACHE_SIZE reads 320 MB on a 32 MB AMD EPYC guest.
std::uint64_t last_level_cache_bytes();

// Parses a sysfs cache size ("32K", "32768K", "1M", "512"); 0 when malformed.
std::uint64_t parse_cache_size(const char* text);

}  // namespace mutuals::internal
