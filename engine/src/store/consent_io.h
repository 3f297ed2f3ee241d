// Loading the consent state of a store: the consent file the manifest names
// (folded at some version) plus every later journal record. Shared by
// Store::open and by Insights when another process has compacted.
#pragma once

#include <memory>
#include <string>

#include "consent/consent_snapshot.h"
#include "mutuals/status.h"
#include "store/manifest.h"
#include "store/store_data.h"

namespace mutuals::internal {

struct LoadedConsent {
  std::shared_ptr<const ConsentSnapshot> snapshot;
  std::uint64_t journal_base = 0;
  std::uint64_t journal_end = 0;
  bool torn_tail = false;
};

// `manifest` must be the one the caller read; when a concurrent compaction
// has moved on, this re-reads the manifest (a few times) before failing.
Result<LoadedConsent> load_consent_state(const StoreData& g, const std::string& dir, Manifest manifest);

// Records appended since `from` (journal_base/journal_end of `from`), applied.
// Falls back to a full load when the journal was reset by a compaction.
Result<LoadedConsent> catch_up_consent(const StoreData& g, const std::string& dir, const LoadedConsent& from);

}  // namespace mutuals::internal
