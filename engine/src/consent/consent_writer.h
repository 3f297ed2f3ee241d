// Durable consent changes for one open store: validates, journals (one
// fsync a group), then hands the new snapshot to the caller to publish.
// One writer at a time in a process (a mutex) and across processes (a file
// lock); before writing it catches up with records other processes wrote.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "mutuals/consent.h"
#include "mutuals/status.h"
#include "store/consent_io.h"

namespace mutuals::internal {

class ConsentWriter {
 public:
  using Publish = std::function<void(std::shared_ptr<const ConsentSnapshot>)>;
  using PublishGroup = std::function<void(std::shared_ptr<const ConsentSnapshot>, std::size_t done)>;
  static constexpr std::size_t kGroup = 1024;

  void init(const StoreData* g, LoadedConsent state);
  Result<std::vector<ChangeResult>> apply(std::span<const ConsentChange> changes, const PublishGroup& publish);
  Status compact(const Publish& publish);
  Status refresh(const Publish& publish);

 private:
  Status catch_up(const Publish& publish);  // mu_ held

  std::mutex mu_;
  const StoreData* g_ = nullptr;
  LoadedConsent state_;
};

}  // namespace mutuals::internal
