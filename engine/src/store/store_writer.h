// Writes a store directory atomically: sections into data.bin, then the
// manifest, both fsync'd, inside a temporary sibling directory that is then
// renamed over the destination.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mutuals/status.h"

namespace mutuals::internal {

struct SectionSource {
  std::string_view name;
  const void* data;
  std::uint64_t bytes;
};

struct ManifestCounts {
  std::uint64_t members = 0;
  std::uint64_t connections = 0;
  std::uint64_t self_loops = 0;
  std::uint64_t duplicates_dropped = 0;
  std::uint64_t consented_members = 0;
  std::string order;
};

// Returns the total bytes written.
Result<std::uint64_t> write_store(const std::string& dir, const ManifestCounts& counts,
                                  const std::vector<SectionSource>& sections);

}  // namespace mutuals::internal
