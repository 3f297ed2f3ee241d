// Writes store files: sections into a file (64-byte aligned, checksummed),
// and whole stores atomically: everything goes into a temporary sibling
// directory that is fsync'd and renamed over the destination.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mutuals/status.h"
#include "store/manifest.h"

namespace mutuals::internal {

struct SectionSource {
  std::string_view name;
  const void* data;
  std::uint64_t bytes;
};

struct FileSpec {
  std::string name;
  std::vector<SectionSource> sections;
};

// Writes `spec` into dir/spec.name durably and records its sections and size
// in `manifest`.
Status write_section_file(const std::string& dir, const FileSpec& spec, Manifest& manifest);

// Writes a complete store. `manifest` carries the counts; files, sections
// and sizes are filled in here. Returns the total bytes written.
Result<std::uint64_t> write_store(const std::string& dir, Manifest manifest, const std::vector<FileSpec>& files);

}  // namespace mutuals::internal
