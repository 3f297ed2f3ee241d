// Store::open: map, verify, then expose typed views. Nothing read from disk
// is trusted: the manifest goes through the FlatBuffers Verifier and its own
// checksum, every section through its checksum and bounds, every bitmap
// through validate_bitmap, and the member index through order checks.
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <atomic>
#include <map>

#include "common/checksum.h"
#include "common/files.h"
#include "mutuals/store.h"
#include "mutuals/store/manifest_generated.h"
#include "store/layout.h"
#include "store/store_data.h"

namespace mutuals {
using namespace internal;
namespace {

struct RawSection {
  std::uint64_t offset, length, checksum;
};

Status corrupt(const std::string& file, const std::string& what) {
  return DataLoss(file + ": store is damaged: " + what);
}

template <typename T>
Result<std::span<const T>> typed(const MappedFile& file, const std::string& path,
                                 const std::map<std::string, RawSection, std::less<>>& table,
                                 std::string_view name, std::uint64_t expected_count) {
  auto it = table.find(name);
  if (it == table.end()) return corrupt(path, "section '" + std::string(name) + "' missing");
  const RawSection& s = it->second;
  if (s.length != expected_count * sizeof(T)) {
    return corrupt(path, "section '" + std::string(name) + "' has " + std::to_string(s.length) + " bytes, expected " +
                             std::to_string(expected_count * sizeof(T)));
  }
  return std::span<const T>(reinterpret_cast<const T*>(file.data() + s.offset), expected_count);
}

Status verify_member_index(const StoreData& d, const std::string& path) {
  const std::uint32_t n = d.members();
  std::vector<bool> seen(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && d.member_sorted[i] <= d.member_sorted[i - 1]) return corrupt(path, "member index not ascending");
    std::uint32_t v = d.member_vertex[i];
    if (v >= n || seen[v]) return corrupt(path, "member index is not a permutation");
    seen[v] = true;
    if (d.vertex_member[v] != d.member_sorted[i]) return corrupt(path, "member index disagrees with vertex ids");
  }
  return Status::Ok();
}

Status verify_adjacency(const StoreData& d, const std::string& path) {
  const std::uint32_t n = d.members();
  const auto& off = d.adjacency_offsets;
  if (off[0] != 0 || off[n] != d.adjacency.size()) return corrupt(path, "adjacency offsets do not span the section");
  for (std::uint32_t v = 0; v < n; ++v) {
    if (off[v + 1] < off[v]) return corrupt(path, "adjacency offsets not ascending at vertex " + std::to_string(v));
  }
  std::atomic<std::uint32_t> bad{kNoVertex};
  std::atomic<std::uint64_t> entries{0};
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, n), [&](const auto& r) {
    std::uint64_t local = 0;
    for (std::uint32_t v = r.begin(); v != r.end(); ++v) {
      if (!validate_bitmap(d.adjacency.data() + off[v], off[v + 1] - off[v], n).empty()) {
        std::uint32_t expected = kNoVertex;
        bad.compare_exchange_strong(expected, v);
        return;
      }
      local += d.neighbors(v).cardinality();
    }
    entries.fetch_add(local, std::memory_order_relaxed);
  });
  if (bad.load() != kNoVertex) {
    std::uint32_t v = bad.load();
    return corrupt(path, "adjacency bitmap of vertex " + std::to_string(v) + ": " +
                             validate_bitmap(d.adjacency.data() + off[v], off[v + 1] - off[v], n));
  }
  if (entries.load() != d.info.entries) return corrupt(path, "adjacency entry count disagrees with the manifest");
  return Status::Ok();
}

}  // namespace

Store::Store(std::unique_ptr<StoreData> data) : data_(std::move(data)) {}
Store::~Store() = default;
const StoreInfo& Store::info() const { return data_->info; }

Result<std::shared_ptr<const Store>> Store::open(const std::string& dir) {
  const std::string manifest_path = dir + "/" + std::string(kManifestFile);
  const std::string data_path = dir + "/" + std::string(kDataFile);
  Result<std::string> raw = read_small_file(manifest_path, kMaxManifestBytes);
  if (!raw.ok()) {
    if (raw.status().code() == StatusCode::kNotFound) return NotFound(dir + ": not a mutuals store (no manifest)");
    return raw.status();
  }
  std::string& bytes = *raw;
  if (bytes.size() < 8 + 8) return corrupt(manifest_path, "manifest truncated");
  std::uint64_t stored_sum;
  std::memcpy(&stored_sum, bytes.data() + bytes.size() - 8, 8);
  bytes.resize(bytes.size() - 8);
  if (checksum64(bytes.data(), bytes.size()) != stored_sum) return corrupt(manifest_path, "manifest checksum mismatch");
  flatbuffers::Verifier verifier(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  if (!store::fb::VerifyManifestBuffer(verifier)) return corrupt(manifest_path, "manifest fails verification");
  const store::fb::Manifest* m = store::fb::GetManifest(bytes.data());
  if (m->format_version() != kFormatVersion) {
    return FailedPrecondition(manifest_path + ": store format version " + std::to_string(m->format_version()) +
                              ", this build reads version " + std::to_string(kFormatVersion) + "; rebuild the store");
  }
  if (m->members() >= kNoVertex) return corrupt(manifest_path, "member count out of range");

  auto d = std::make_unique<StoreData>();
  d->dir = dir;
  Result<MappedFile> file = MappedFile::open(data_path);
  if (!file.ok()) {
    if (file.status().code() == StatusCode::kNotFound) return corrupt(data_path, "data file missing");
    return file.status();
  }
  d->file = std::move(*file);
  if (d->file.size() != m->data_bytes()) {
    return corrupt(data_path, "data file has " + std::to_string(d->file.size()) + " bytes, manifest says " +
                                  std::to_string(m->data_bytes()));
  }
  std::map<std::string, RawSection, std::less<>> table;
  if (m->sections() == nullptr) return corrupt(manifest_path, "no section table");
  for (const auto* s : *m->sections()) {
    if (s->name() == nullptr) return corrupt(manifest_path, "unnamed section");
    std::string name = s->name()->str();
    if (s->offset() % kSectionAlignment != 0 || s->offset() > d->file.size() ||
        s->length() > d->file.size() - s->offset()) {
      return corrupt(manifest_path, "section '" + name + "' out of bounds");
    }
    if (checksum64(d->file.data() + s->offset(), s->length()) != s->checksum()) {
      return corrupt(data_path, "checksum mismatch in section '" + name + "' (offset " + std::to_string(s->offset()) +
                                    ")");
    }
    table[name] = {s->offset(), s->length(), s->checksum()};
  }

  const std::uint64_t n = m->members();
  StoreInfo& info = d->info;
  info.format_version = m->format_version();
  info.members = n;
  info.connections = m->connections();
  info.entries = m->entries();
  info.self_loops = m->self_loops();
  info.duplicates_dropped = m->duplicates_dropped();
  info.consented_members = m->consented_members();
  info.order = m->order() != nullptr ? m->order()->str() : "";
  for (const auto& [name, s] : table) info.sections.push_back({name, s.offset, s.length});
  std::sort(info.sections.begin(), info.sections.end(),
            [](const SectionInfo& a, const SectionInfo& b) { return a.offset < b.offset; });
  if (info.entries != 2 * info.connections) return corrupt(manifest_path, "entry count is not twice the connections");

#define MUTUALS_SECTION(field, type, name, count)                                \
  {                                                                              \
    auto view = typed<type>(d->file, data_path, table, name, count);             \
    if (!view.ok()) return view.status();                                        \
    d->field = *view;                                                            \
  }
  MUTUALS_SECTION(vertex_member, std::uint64_t, kSecVertexMember, n)
  MUTUALS_SECTION(member_sorted, std::uint64_t, kSecMemberSorted, n)
  MUTUALS_SECTION(member_vertex, std::uint32_t, kSecMemberVertex, n)
  MUTUALS_SECTION(adjacency_offsets, std::uint64_t, kSecAdjacencyOffsets, n + 1)
  MUTUALS_SECTION(consent_flags, MemberFlags, kSecConsentFlags, n)
#undef MUTUALS_SECTION
  auto adj = table.find(kSecAdjacency);
  if (adj == table.end()) return corrupt(data_path, "section 'adjacency' missing");
  d->adjacency = {d->file.data() + adj->second.offset, adj->second.length};
  info.adjacency_bytes = adj->second.length + (n + 1) * sizeof(std::uint64_t);

  MUTUALS_RETURN_IF_ERROR(verify_member_index(*d, manifest_path));
  MUTUALS_RETURN_IF_ERROR(verify_adjacency(*d, data_path));
  for (std::size_t v = 0; v < n; ++v) {
    if (d->consent_flags[v] & ~kFlagsKnownMask) return corrupt(data_path, "consent flags with unknown bits");
  }
  d->consent = ConsentSnapshot::from_flags(d->consent_flags, 0);
  return std::shared_ptr<const Store>(std::make_shared<Store>(std::move(d)));
}

}  // namespace mutuals
