// Edge-list loader: large plain files are parsed on all threads
// (edges_parallel.h); gzip and small files stream through LineReader.
#include "mutuals/loaders/edges.h"

#include "edge_line.h"
#include "edges_parallel.h"
#include "mapped_file.h"
#include "mutuals/loaders/line_reader.h"

namespace mutuals::loaders {
namespace {

// Below this, one thread reads the file faster than chunks can be set up.
constexpr std::size_t kParallelFromBytes = std::size_t{16} << 20;
constexpr std::size_t kChunkBytes = std::size_t{8} << 20;

Result<EdgeList> load_edges_streaming(const std::string& path) {
  auto opened = LineReader::open(path);
  if (!opened.ok()) return opened.status();
  LineReader& reader = **opened;

  EdgeList list;
  bool seen_first = false;
  MemberEdge edge;
  std::string problem;
  while (const auto raw = reader.next()) {
    const internal::EdgeLine kind = internal::parse_edge_line(*raw, edge, problem);
    if (kind == internal::EdgeLine::kSkip) continue;
    if (!seen_first) {
      seen_first = true;
      if (internal::is_edge_header(*raw)) continue;  // the one header line
    }
    if (kind == internal::EdgeLine::kError) return line_error(path, reader.line_number(), problem);
    ++list.lines;
    if (edge.a == edge.b) {
      ++list.self_loops;
      list.self_loop_members.push_back(edge.a);  // still a member: it appears in the input
      continue;
    }
    list.edges.push_back(edge);
  }
  MUTUALS_RETURN_IF_ERROR(reader.status());
  return list;
}

}  // namespace

Result<EdgeList> load_edges(const std::string& path) {
  if (auto mapped = internal::MappedFile::open_plain(path); mapped && mapped->text().size() >= kParallelFromBytes) {
    return internal::load_edges_parallel(path, mapped->text(), kChunkBytes, true);
  }
  return load_edges_streaming(path);
}

}  // namespace mutuals::loaders
