#include "common/checksum.h"

#include <xxhash.h>

namespace mutuals::internal {

std::uint64_t checksum64(const void* data, std::size_t size) { return XXH3_64bits(data, size); }

}  // namespace mutuals::internal
