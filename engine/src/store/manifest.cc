#include "store/manifest.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstring>

#include "common/checksum.h"
#include "common/files.h"
#include "mutuals/store/manifest_generated.h"
#include "store/layout.h"

namespace mutuals::internal {

std::string encode_manifest(const Manifest& m) {
  flatbuffers::FlatBufferBuilder fbb(4096);
  std::vector<flatbuffers::Offset<store::fb::Section>> table;
  for (const ManifestSection& s : m.sections) {
    table.push_back(store::fb::CreateSection(fbb, fbb.CreateString(s.name), fbb.CreateString(s.file), s.offset,
                                             s.length, s.checksum));
  }
  std::vector<flatbuffers::Offset<flatbuffers::String>> files;
  for (const auto& f : m.files) files.push_back(fbb.CreateString(f));
  auto root = store::fb::CreateManifest(fbb, m.format_version, m.members, m.connections, m.entries, m.self_loops,
                                        m.duplicates_dropped, m.consented_members, fbb.CreateString(m.order),
                                        m.consent_version, fbb.CreateVector(files), fbb.CreateVector(m.file_bytes),
                                        fbb.CreateVector(table), m.dense_from, m.dense_containers);
  store::fb::FinishManifestBuffer(fbb, root);
  std::string bytes(reinterpret_cast<const char*>(fbb.GetBufferPointer()), fbb.GetSize());
  std::uint64_t sum = checksum64(bytes.data(), bytes.size());
  bytes.append(reinterpret_cast<const char*>(&sum), sizeof sum);
  return bytes;
}

namespace {

Status corrupt(const std::string& path, const std::string& what) {
  return DataLoss(path + ": store is damaged: " + what);
}

bool plain_file_name(const std::string& f) {
  return !f.empty() && f.find('/') == std::string::npos && f != "." && f != "..";
}

}  // namespace

Result<Manifest> decode_manifest(const std::string& path, std::string bytes) {
  if (bytes.size() < 16) return corrupt(path, "manifest truncated");
  std::uint64_t stored;
  std::memcpy(&stored, bytes.data() + bytes.size() - 8, 8);
  bytes.resize(bytes.size() - 8);
  if (checksum64(bytes.data(), bytes.size()) != stored) return corrupt(path, "manifest checksum mismatch");
  flatbuffers::Verifier verifier(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  if (!store::fb::VerifyManifestBuffer(verifier)) return corrupt(path, "manifest fails verification");
  const store::fb::Manifest* fb = store::fb::GetManifest(bytes.data());
  Manifest m;
  m.format_version = fb->format_version();
  if (m.format_version < kOldestFormatVersion || m.format_version > kFormatVersion) {
    return FailedPrecondition(path + ": store format version " + std::to_string(m.format_version) +
                              ", this build reads versions " + std::to_string(kOldestFormatVersion) + " to " +
                              std::to_string(kFormatVersion) + "; rebuild the store");
  }
  m.members = fb->members();
  m.connections = fb->connections();
  m.entries = fb->entries();
  m.self_loops = fb->self_loops();
  m.duplicates_dropped = fb->duplicates_dropped();
  m.consented_members = fb->consented_members();
  m.order = fb->order() ? fb->order()->str() : "";
  m.consent_version = fb->consent_version();
  m.dense_from = fb->dense_from();
  m.dense_containers = fb->dense_containers();
  if (!fb->files() || !fb->file_bytes() || fb->files()->size() != fb->file_bytes()->size() || !fb->sections()) {
    return corrupt(path, "manifest lacks its file or section table");
  }
  for (flatbuffers::uoffset_t i = 0; i < fb->files()->size(); ++i) {
    std::string f = fb->files()->Get(i)->str();
    if (!plain_file_name(f)) return corrupt(path, "bad file name in manifest");
    m.files.push_back(f);
    m.file_bytes.push_back(fb->file_bytes()->Get(i));
  }
  for (const auto* s : *fb->sections()) {
    if (!s->name() || !s->file()) return corrupt(path, "section without a name or file");
    ManifestSection sec{s->name()->str(), s->file()->str(), s->offset(), s->length(), s->checksum()};
    std::size_t f = 0;
    while (f < m.files.size() && m.files[f] != sec.file) ++f;
    if (f == m.files.size()) return corrupt(path, "section '" + sec.name + "' names an unlisted file");
    if (sec.offset % kSectionAlignment != 0 || sec.offset > m.file_bytes[f] ||
        sec.length > m.file_bytes[f] - sec.offset) {
      return corrupt(path, "section '" + sec.name + "' out of bounds");
    }
    m.sections.push_back(std::move(sec));
  }
  return m;
}

Result<Manifest> read_manifest(const std::string& dir) {
  const std::string path = dir + "/" + std::string(kManifestFile);
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
    return NotFound(dir + ": not a mutuals store (not a directory)");
  }
  Result<std::string> raw = read_small_file(path, kMaxManifestBytes);
  if (!raw.ok()) {
    if (raw.status().code() == StatusCode::kNotFound) return NotFound(dir + ": not a mutuals store (no manifest)");
    return raw.status();
  }
  return decode_manifest(path, std::move(*raw));
}

Status install_manifest(const std::string& dir, const Manifest& m) {
  const std::string path = dir + "/" + std::string(kManifestFile);
  const std::string tmp = path + ".tmp";
  MUTUALS_RETURN_IF_ERROR(write_file_durably(tmp, encode_manifest(m)));
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return IoError(path + ": rename failed: " + errno_text());
  return fsync_directory(dir);
}

}  // namespace mutuals::internal
