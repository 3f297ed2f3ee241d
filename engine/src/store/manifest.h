// The manifest as a plain struct, and its (de)serialization with every check
// that reading untrusted bytes needs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mutuals/status.h"

namespace mutuals::internal {

struct ManifestSection {
  std::string name;
  std::string file;
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
  std::uint64_t checksum = 0;
};

struct Manifest {
  std::uint32_t format_version = 0;
  std::uint64_t members = 0;
  std::uint64_t connections = 0;
  std::uint64_t entries = 0;
  std::uint64_t self_loops = 0;
  std::uint64_t duplicates_dropped = 0;
  std::uint64_t consented_members = 0;
  std::string order;
  std::uint64_t consent_version = 0;
  std::uint32_t dense_from = 0;  // 0: no dense containers
  std::uint64_t dense_containers = 0;
  std::vector<std::string> files;
  std::vector<std::uint64_t> file_bytes;
  std::vector<ManifestSection> sections;

  const ManifestSection* find(std::string_view name) const {
    for (const auto& s : sections) {
      if (s.name == name) return &s;
    }
    return nullptr;
  }
};

// Buffer + XXH3 trailer, ready to write.
std::string encode_manifest(const Manifest& m);
// Verifies checksum, FlatBuffers structure, version and file names.
Result<Manifest> decode_manifest(const std::string& path, std::string bytes);
Result<Manifest> read_manifest(const std::string& dir);
// Writes manifest.mfb atomically (temp file, fsync, rename, fsync dir).
Status install_manifest(const std::string& dir, const Manifest& m);

}  // namespace mutuals::internal
