#include "consent/consent_writer.h"

#include <sys/stat.h>

#include <cstdio>

#include "common/file_lock.h"
#include "common/files.h"
#include "consent/apply_change.h"
#include "consent/consent_sections.h"
#include "store/journal.h"
#include "store/layout.h"
#include "store/manifest.h"
#include "store/store_writer.h"

namespace mutuals::internal {
namespace {

std::string path_in(const StoreData& g, std::string_view name) { return g.dir + "/" + std::string(name); }

Status validate(const ConsentChange& c) {
  using K = ConsentChange::Kind;
  bool needs_category = c.kind == K::kGrant || c.kind == K::kRevoke;
  if (needs_category && !c.category) return InvalidArgument(std::string(to_string(c.kind)) + " needs a category");
  if (!needs_category && c.category) return InvalidArgument(std::string(to_string(c.kind)) + " takes no category");
  if (c.kind != K::kImportContacts && !c.contacts.empty()) {
    return InvalidArgument(std::string(to_string(c.kind)) + " takes no contacts");
  }
  return Status::Ok();
}

}  // namespace

void ConsentWriter::init(const StoreData* g, LoadedConsent state) {
  g_ = g;
  state_ = std::move(state);
}

Status ConsentWriter::catch_up(const Publish& publish) {
  // A store rebuilt under this process is another store: its journal must
  // never receive (or feed) this one's state.
  struct stat st {};
  if (::stat(g_->dir.c_str(), &st) != 0 || st.st_dev != g_->dir_device || st.st_ino != g_->dir_inode) {
    return FailedPrecondition(g_->dir + ": the store was rebuilt since this process opened it; open it again");
  }
  Result<LoadedConsent> next = catch_up_consent(*g_, g_->dir, state_);
  if (!next.ok()) return next.status();
  bool moved = next->snapshot != state_.snapshot;
  state_ = std::move(*next);
  if (moved) publish(state_.snapshot);
  return Status::Ok();
}

Status ConsentWriter::refresh(const Publish& publish) {
  std::lock_guard<std::mutex> guard(mu_);
  return catch_up(publish);
}

Result<std::vector<ChangeResult>> ConsentWriter::apply(std::span<const ConsentChange> changes,
                                                       const PublishGroup& publish) {
  for (const ConsentChange& c : changes) MUTUALS_RETURN_IF_ERROR(validate(c));
  std::lock_guard<std::mutex> guard(mu_);
  Result<FileLock> lock = FileLock::acquire(path_in(*g_, kLockFile));
  if (!lock.ok()) return lock.status();
  MUTUALS_RETURN_IF_ERROR(catch_up([&](std::shared_ptr<const ConsentSnapshot> s) { publish(std::move(s), 0); }));
  const std::string journal = path_in(*g_, kJournalFile);
  std::vector<ChangeResult> results;
  results.reserve(changes.size());
  for (std::size_t begin = 0; begin < changes.size(); begin += kGroup) {
    std::size_t end = std::min(changes.size(), begin + kGroup);
    std::shared_ptr<const ConsentSnapshot> s = state_.snapshot;
    std::string records;
    for (std::size_t i = begin; i < end; ++i) {
      QueryStatus st = check_change(*g_, *s, changes[i]);
      if (st != QueryStatus::kOk) {
        results.push_back({st, s->version()});
        continue;
      }
      std::uint64_t version = s->version() + 1;
      records += encode_journal_record(version, changes[i]);
      s = apply_recorded_change(*g_, *s, changes[i], version);
      results.push_back({QueryStatus::kOk, version});
    }
    if (!records.empty()) {
      bool creating = state_.journal_end < kJournalHeaderBytes;
      MUTUALS_RETURN_IF_ERROR(append_journal(journal, state_.journal_base, state_.journal_end, records));
      if (creating) {
        MUTUALS_RETURN_IF_ERROR(fsync_directory(g_->dir));
        state_.journal_end = kJournalHeaderBytes;
      }
      state_.journal_end += records.size();
      state_.torn_tail = false;
      state_.snapshot = s;
    }
    publish(state_.snapshot, end);
  }
  return results;
}

Status ConsentWriter::compact(const Publish& publish) {
  std::lock_guard<std::mutex> guard(mu_);
  Result<FileLock> lock = FileLock::acquire(path_in(*g_, kLockFile));
  if (!lock.ok()) return lock.status();
  MUTUALS_RETURN_IF_ERROR(catch_up(publish));
  Result<Manifest> current = read_manifest(g_->dir);
  if (!current.ok()) return current.status();
  const std::uint64_t version = state_.snapshot->version();
  if (version == current->consent_version) return Status::Ok();  // nothing to fold

  // 1. the new consent file; 2. the manifest that names it (the commit
  // point); 3. an empty journal based at the new version; 4. the old file.
  const std::string old_file = consent_file_name(current->consent_version);
  Manifest next = *current;
  next.consent_version = version;
  std::erase_if(next.sections, [&](const ManifestSection& s) { return s.file == old_file; });
  for (std::size_t i = 0; i < next.files.size(); ++i) {
    if (next.files[i] == old_file) {
      next.files.erase(next.files.begin() + static_cast<std::ptrdiff_t>(i));
      next.file_bytes.erase(next.file_bytes.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
  }
  EncodedConsent encoded = encode_consent(*state_.snapshot);
  MUTUALS_RETURN_IF_ERROR(write_section_file(g_->dir, encoded.file_spec(version), next));
  MUTUALS_RETURN_IF_ERROR(install_manifest(g_->dir, next));
  MUTUALS_RETURN_IF_ERROR(reset_journal(path_in(*g_, kJournalFile), version));
  MUTUALS_RETURN_IF_ERROR(fsync_directory(g_->dir));
  std::remove(path_in(*g_, old_file).c_str());
  state_.journal_base = version;
  state_.journal_end = kJournalHeaderBytes;
  state_.torn_tail = false;
  return Status::Ok();
}

}  // namespace mutuals::internal
