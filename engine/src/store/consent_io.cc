#include "store/consent_io.h"

#include "common/checksum.h"
#include "common/files.h"
#include "consent/apply_change.h"
#include "consent/consent_sections.h"
#include "store/journal.h"
#include "store/layout.h"

namespace mutuals::internal {
namespace {

Status corrupt(const std::string& file, const std::string& what) {
  return DataLoss(file + ": store is damaged: " + what);
}

Result<std::shared_ptr<const ConsentSnapshot>> read_consent_file(const StoreData& g, const std::string& dir,
                                                                const Manifest& m) {
  const std::string name = consent_file_name(m.consent_version);
  const std::string path = dir + "/" + name;
  std::size_t f = 0;
  while (f < m.files.size() && m.files[f] != name) ++f;
  if (f == m.files.size()) return corrupt(path, "the manifest does not list the consent file");
  Result<MappedFile> file = MappedFile::open(path);
  if (!file.ok()) {
    if (file.status().code() == StatusCode::kNotFound) return corrupt(path, "file missing");
    return file.status();
  }
  if (file->size() != m.file_bytes[f]) return corrupt(path, "file size differs from the manifest");
  ConsentBytes cb;
  std::pair<std::string_view, std::span<const std::uint8_t>*> wanted[] = {
      {kSecConsentFlags, &cb.flags},             {kSecOutsideMembers, &cb.outside_members},
      {kSecOutsideFlags, &cb.outside_flags},     {kSecContactOwners, &cb.contact_owners},
      {kSecContactOffsets, &cb.contact_offsets}, {kSecContactIds, &cb.contact_ids}};
  for (auto& [section, slot] : wanted) {
    const ManifestSection* s = m.find(section);
    if (s == nullptr || s->file != name) return corrupt(path, "section '" + std::string(section) + "' missing");
    const std::uint8_t* p = file->data() + s->offset;
    if (checksum64(p, s->length) != s->checksum) {
      return corrupt(path, "checksum mismatch in section '" + s->name + "' (offset " + std::to_string(s->offset) + ")");
    }
    *slot = {p, s->length};
  }
  return decode_consent(path, cb, m.members, m.consent_version,
                        [&g](MemberId x) { return g.find(x) != kNoVertex; });
}

// Applies the records of `scan` (read from `offset`) on top of `state`.
Result<LoadedConsent> apply_scan(const StoreData& g, const std::string& path, LoadedConsent state,
                                 const JournalScan& scan, std::uint64_t offset) {
  std::shared_ptr<const ConsentSnapshot> s = state.snapshot;
  // A journal based below the folded version is legitimate only as the
  // leftover of a compaction cut short before its reset: then its records
  // reach at least the folded version. Anything else is a stale or damaged
  // journal, and appending to it would break the store.
  if (offset == 0 && scan.base_version < s->version()) {
    std::uint64_t last = scan.records.empty() ? scan.base_version : scan.records.back().version;
    if (last < s->version()) {
      return DataLoss(path + ": consent journal damaged: it ends at version " + std::to_string(last) +
                      " but the store folded version " + std::to_string(s->version()));
    }
  }
  for (const JournalRecord& r : scan.records) {
    if (r.version <= s->version()) continue;  // folded already (compaction cut off before the reset)
    if (r.version != s->version() + 1) {
      return DataLoss(path + ": consent journal damaged: version " + std::to_string(r.version) + " follows " +
                      std::to_string(s->version()));
    }
    s = apply_recorded_change(g, *s, r.change, r.version);
  }
  state.snapshot = std::move(s);
  state.journal_base = scan.base_version;
  state.journal_end = scan.end_offset;
  state.torn_tail = scan.torn_tail;
  return state;
}

}  // namespace

Result<LoadedConsent> load_consent_state(const StoreData& g, const std::string& dir, Manifest manifest) {
  const std::string path = dir + "/" + std::string(kJournalFile);
  for (int attempt = 0;; ++attempt) {
    Result<JournalScan> head = scan_journal(path, 0, manifest.consent_version);
    if (!head.ok()) return head.status();
    if (head->base_version > manifest.consent_version) {
      // Either a compaction finished between our manifest read and now, or
      // the journal's base is wrong: a fresh manifest tells which.
      Result<Manifest> fresh = read_manifest(dir);
      if (!fresh.ok()) return fresh.status();
      if (fresh->consent_version == manifest.consent_version) {
        return DataLoss(path + ": consent journal damaged: based at version " + std::to_string(head->base_version) +
                        " beyond the store's folded version " + std::to_string(manifest.consent_version));
      }
      if (attempt >= 5) return Unavailable(dir + ": the store keeps changing under a compaction; try again");
      manifest = std::move(*fresh);
      continue;
    }
    Result<std::shared_ptr<const ConsentSnapshot>> base = read_consent_file(g, dir, manifest);
    if (!base.ok()) return base.status();
    LoadedConsent state;
    state.snapshot = std::move(*base);
    return apply_scan(g, path, std::move(state), *head, 0);
  }
}

Result<LoadedConsent> catch_up_consent(const StoreData& g, const std::string& dir, const LoadedConsent& from) {
  const std::string path = dir + "/" + std::string(kJournalFile);
  Result<JournalScan> head = scan_journal(path, from.journal_end, from.journal_base);
  if (!head.ok() || head->base_version != from.journal_base) {
    Result<Manifest> fresh = read_manifest(dir);
    if (!fresh.ok()) return fresh.status();
    return load_consent_state(g, dir, std::move(*fresh));
  }
  return apply_scan(g, path, from, *head, from.journal_end);
}

}  // namespace mutuals::internal
