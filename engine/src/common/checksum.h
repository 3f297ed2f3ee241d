// Section checksums: XXH3-64 over raw bytes. Fast enough (tens of GB/s) to
// verify every section of a store when it is opened.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mutuals::internal {

std::uint64_t checksum64(const void* data, std::size_t size);

}  // namespace mutuals::internal
