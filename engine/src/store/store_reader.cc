// Store::open: map, verify, then expose typed views. Nothing read from disk
// is trusted: the manifest goes through its checksum and the FlatBuffers
// Verifier, every section through its checksum and bounds, every bitmap
// through validate_bitmap, the member index through order checks, and the
// consent journal through its framing (see journal.h).
//
// The O(size) part — data.bin's checksums and structure — is skipped when a
// verified seal vouches that data.bin is untouched since its last full
// verification (store/verified_seal.h); the manifest, the consent file and
// the journal are checked on every open.
#include <sys/stat.h>

#include <atomic>
#include <map>

#include "common/cache_size.h"
#include "common/checksum.h"
#include "common/files.h"
#include "facets/facet_verify.h"
#include "mutuals/store.h"
#include "store/consent_io.h"
#include "store/layout.h"
#include "store/store_data.h"
#include "store/verified_seal.h"
#include "common/parallel_loop.h"

namespace mutuals {
using namespace internal;
namespace {

Status corrupt(const std::string& file, const std::string& what) {
  return DataLoss(file + ": store is damaged: " + what);
}

struct MappedSections {
  std::map<std::string, MappedFile> files;
  std::map<std::string, std::span<const std::uint8_t>, std::less<>> sections;
};

Status map_sections(const std::string& dir, const Manifest& m, MappedSections& out) {
  for (std::size_t i = 0; i < m.files.size(); ++i) {
    if (m.files[i] != kDataFile) continue;  // the consent file is read by consent_io
    const std::string path = dir + "/" + m.files[i];
    Result<MappedFile> f = MappedFile::open(path);
    if (!f.ok()) {
      if (f.status().code() == StatusCode::kNotFound) return corrupt(path, "file missing");
      return f.status();
    }
    if (f->size() != m.file_bytes[i]) {
      return corrupt(path, "file has " + std::to_string(f->size()) + " bytes, the manifest says " +
                               std::to_string(m.file_bytes[i]));
    }
    out.files.emplace(m.files[i], std::move(*f));
  }
  if (!out.files.count(std::string(kDataFile))) return corrupt(dir + "/" + std::string(kManifestFile), "no data file");
  for (const ManifestSection& s : m.sections) {
    if (s.file != kDataFile) continue;
    out.sections[s.name] = {out.files.at(s.file).data() + s.offset, s.length};
  }
  return Status::Ok();
}

Status check_section_sums(const std::string& dir, const Manifest& m, const MappedSections& ms) {
  for (const ManifestSection& s : m.sections) {
    if (s.file != kDataFile) continue;
    if (checksum64(ms.sections.find(s.name)->second.data(), s.length) != s.checksum) {
      return corrupt(dir + "/" + s.file,
                     "checksum mismatch in section '" + s.name + "' (offset " + std::to_string(s.offset) + ")");
    }
  }
  return Status::Ok();
}

template <typename T>
Result<std::span<const T>> typed(const MappedSections& ms, const std::string& path, std::string_view name,
                                 std::uint64_t count) {
  auto it = ms.sections.find(name);
  if (it == ms.sections.end()) return corrupt(path, "section '" + std::string(name) + "' missing");
  if (it->second.size() != count * sizeof(T)) {
    return corrupt(path, "section '" + std::string(name) + "' has " + std::to_string(it->second.size()) +
                             " bytes, expected " + std::to_string(count * sizeof(T)));
  }
  return std::span<const T>(reinterpret_cast<const T*>(it->second.data()), count);
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
  if (off[0] != 0 || 2 * std::uint64_t(off[n]) != d.adjacency.size()) {
    return corrupt(path, "adjacency offsets do not span the section");
  }
  for (std::uint32_t v = 0; v < n; ++v) {
    if (off[v + 1] < off[v]) return corrupt(path, "adjacency offsets not ascending at vertex " + std::to_string(v));
  }
  std::atomic<std::uint32_t> bad{kNoVertex};
  std::atomic<std::uint64_t> entries{0};
  parallel_ranges<std::uint32_t>(0, n, [&](const auto& r) {
    std::uint64_t local = 0;
    for (std::uint32_t v = r.begin(); v != r.end(); ++v) {
      auto blob = d.adjacency_blob(v);
      if (!validate_bitmap(blob.data(), blob.size(), n).empty()) {
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
    auto blob = d.adjacency_blob(v);
    return corrupt(path, "adjacency bitmap of vertex " + std::to_string(v) + ": " +
                             validate_bitmap(blob.data(), blob.size(), n));
  }
  if (entries.load() != d.info.entries) return corrupt(path, "adjacency entry count disagrees with the manifest");
  return Status::Ok();
}

// The O(size) structural checks behind the checksums (hostile files can
// carry valid checksums): member hash and index, every bitmap, every facet.
Status verify_structure(const StoreData& d, const std::string& manifest_path, const std::string& data_path) {
  std::string bad = verify_member_hash(d.member_hash, d.vertex_member);
  if (!bad.empty()) return corrupt(data_path, bad);
  MUTUALS_RETURN_IF_ERROR(verify_member_index(d, manifest_path));
  MUTUALS_RETURN_IF_ERROR(verify_adjacency(d, data_path));
  for (int k = 0; k < kFacetKinds; ++k) {
    bad = verify_facet(d.facets[k], d.members());
    if (!bad.empty()) return corrupt(data_path, std::string(to_string(static_cast<FacetKind>(k))) + " facet: " + bad);
  }
  return Status::Ok();
}

void fill_info(const Manifest& m, StoreInfo& info) {
  info.format_version = m.format_version;
  info.members = m.members;
  info.connections = m.connections;
  info.entries = m.entries;
  info.self_loops = m.self_loops;
  info.duplicates_dropped = m.duplicates_dropped;
  info.consented_members = m.consented_members;
  info.order = m.order;
  info.dense_from = m.dense_from;
  info.dense_containers = m.dense_containers;
  for (const auto& s : m.sections) info.sections.push_back({s.name, s.file, s.offset, s.length});
}

}  // namespace

Store::Store(std::unique_ptr<StoreData> data) : data_(std::move(data)) {}
Store::~Store() = default;
const StoreInfo& Store::info() const { return data_->info; }

Result<std::shared_ptr<const Store>> Store::open(const std::string& dir, Verify verify) {
  const std::int64_t began_ns = realtime_ns();
  Result<Manifest> manifest = read_manifest(dir);
  if (!manifest.ok()) return manifest.status();
  auto d = std::make_unique<StoreData>();
  d->dir = dir;
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    d->dir_device = st.st_dev;
    d->dir_inode = st.st_ino;
  }
  d->manifest = std::move(*manifest);
  const Manifest& m = d->manifest;
  const std::string manifest_path = dir + "/" + std::string(kManifestFile);
  const std::string data_path = dir + "/" + std::string(kDataFile);
  if (m.members >= kNoVertex) return corrupt(manifest_path, "member count out of range");
  if (m.entries != 2 * m.connections) return corrupt(manifest_path, "entry count is not twice the connections");

  MappedSections ms;
  MUTUALS_RETURN_IF_ERROR(map_sections(dir, m, ms));
  const std::uint64_t fingerprint = data_fingerprint(m);
  const FileIdentity data_identity = ms.files.at(std::string(kDataFile)).identity();
  const bool full = verify == Verify::kFull || !seal_vouches(dir, fingerprint, data_identity);
  if (full) MUTUALS_RETURN_IF_ERROR(check_section_sums(dir, m, ms));
  const std::uint64_t n = m.members;
  fill_info(m, d->info);

#define MUTUALS_SECTION(field, type, name, count)               \
  {                                                             \
    auto view = typed<type>(ms, data_path, name, count);        \
    if (!view.ok()) return view.status();                       \
    d->field = *view;                                           \
  }
  MUTUALS_SECTION(vertex_member, std::uint64_t, kSecVertexMember, n)
  MUTUALS_SECTION(member_sorted, std::uint64_t, kSecMemberSorted, n)
  MUTUALS_SECTION(member_vertex, std::uint32_t, kSecMemberVertex, n)
  MUTUALS_SECTION(adjacency_offsets, std::uint32_t, kSecAdjacencyOffsets, n + 1)
  {
    auto it = ms.sections.find(kSecMemberHash);
    if (it == ms.sections.end() || it->second.size() % 4 != 0) return corrupt(data_path, "member hash missing");
    d->member_hash = {reinterpret_cast<const std::uint32_t*>(it->second.data()), it->second.size() / 4};
  }
#undef MUTUALS_SECTION
  auto adj = ms.sections.find(kSecAdjacency);
  if (adj == ms.sections.end()) return corrupt(data_path, "section 'adjacency' missing");
  d->adjacency = adj->second;
  d->touch_blobs = adj->second.size() > last_level_cache_bytes();
  d->info.adjacency_bytes = adj->second.size() + (n + 1) * sizeof(std::uint32_t);

  for (int k = 0; k < kFacetKinds; ++k) {
    std::string_view kind = to_string(static_cast<FacetKind>(k));
    FacetView& f = d->facets[k];
    auto part = [&](std::string_view name) -> Result<std::span<const std::uint8_t>> {
      auto it = ms.sections.find(facet_section(kind, name));
      if (it == ms.sections.end()) return corrupt(data_path, "section '" + facet_section(kind, name) + "' missing");
      return it->second;
    };
    auto as_u64 = [](std::span<const std::uint8_t> b) {
      return std::span<const std::uint64_t>(reinterpret_cast<const std::uint64_t*>(b.data()), b.size() / 8);
    };
    auto values = part("values"), value_offsets = part("value_offsets"), value_members = part("value_members"),
         member_offsets = part("member_offsets"), entries = part("entries");
    for (const auto* r : {&values, &value_offsets, &value_members, &member_offsets, &entries}) {
      if (!r->ok()) return r->status();
    }
    if (values->size() % 8 || value_offsets->size() % 8 || member_offsets->size() % 8 ||
        entries->size() % sizeof(FacetEntry)) {
      return corrupt(data_path, std::string(kind) + " sections of a bad size");
    }
    f.values = as_u64(*values);
    f.value_offsets = as_u64(*value_offsets);
    f.value_members = *value_members;
    f.member_offsets = as_u64(*member_offsets);
    f.entries = {reinterpret_cast<const FacetEntry*>(entries->data()), entries->size() / sizeof(FacetEntry)};
  }
  if (full) MUTUALS_RETURN_IF_ERROR(verify_structure(*d, manifest_path, data_path));
  d->info.schools = d->facets[0].values.size();
  d->info.employers = d->facets[1].values.size();
  d->info.consent_version = m.consent_version;

  // Consent: the folded file, then the journal on top.
  Result<LoadedConsent> consent = load_consent_state(*d, dir, m);
  if (!consent.ok()) return consent.status();
  d->consent = consent->snapshot;
  d->journal_base = consent->journal_base;
  d->journal_end = consent->journal_end;
  d->journal_torn = consent->torn_tail;
  // Sealed only once everything, consent included, has opened cleanly.
  if (full) write_seal(dir, fingerprint, data_identity, began_ns);
  d->info.verification = full ? "full" : "seal";
  // The maps must outlive the views into them.
  for (auto& [name, file] : ms.files) {
    if (name == kDataFile) d->file = std::move(file);
  }
  return std::shared_ptr<const Store>(std::make_shared<Store>(std::move(d)));
}

}  // namespace mutuals
