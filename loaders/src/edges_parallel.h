// Internal: the edge-list loader for large plain files: the file is mapped
// and cut at line ends into chunks parsed on all threads, then the chunks'
// edges are joined in file order. Same answers and the same errors (the
// first bad line of the file, by number) as the streaming loader.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "mutuals/loaders/edges.h"

namespace mutuals::loaders::internal {

// `text` is the whole of the file `path` (named in errors); `mapped`: text is
// a private read-only mapping of it, whose pages may be dropped once parsed.
Result<EdgeList> load_edges_parallel(const std::string& path, std::string_view text, std::size_t chunk_bytes,
                                     bool mapped = false);

}  // namespace mutuals::loaders::internal
