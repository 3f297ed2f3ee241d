// Insights: the one door to the kernels. Every call checks consent per
// DESIGN §3 first and returns a status with its answer; a refusal is a
// normal result, never an exception or an error.
//
// Safe for any number of concurrent callers. Readers never wait for
// writers: each query takes the current consent snapshot once, and a change
// publishes a new snapshot only after its journal record is on disk, so a
// query that starts after change() returned always sees it.
//
//   auto insights = mutuals::Insights::open("my.store");
//   mutuals::SharedConnections r = insights->shared_connections(viewer, subject, 10);
//   if (r.status == mutuals::QueryStatus::kOk) show(r.count, r.items);
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "mutuals/consent.h"
#include "mutuals/status.h"
#include "mutuals/store.h"
#include "mutuals/types.h"

namespace mutuals {

// "You and this colleague share `count` connections"; `items` are the first
// `limit` of them by ascending member id. Only members visible in Microsoft
// apps are counted or listed.
struct SharedConnections {
  QueryStatus status = QueryStatus::kOk;
  MemberId viewer = 0;
  MemberId subject = 0;
  std::uint64_t count = 0;      // 0 unless status is kOk
  std::vector<MemberId> items;  // ascending member id, at most `limit`
};

class Insights {
 public:
  static Result<Insights> open(const std::string& store_dir);
  explicit Insights(std::shared_ptr<const Store> store);
  ~Insights();
  Insights(Insights&&) noexcept;
  Insights& operator=(Insights&&) noexcept;

  const Store& store() const;

  SharedConnections shared_connections(MemberId viewer, MemberId subject, std::size_t limit = 0) const;

  // One viewer against a page of subjects (search results decorated with
  // shared counts): the viewer's consent is checked once.
  std::vector<SharedConnections> shared_connections_page(MemberId viewer, std::span<const MemberId> subjects,
                                                         std::size_t limit = 0) const;

  // Many independent pairs, answered in parallel on `threads` threads (0 =
  // all cores); results in input order.
  std::vector<SharedConnections> shared_connections_batch(std::span<const MemberPair> pairs, std::size_t limit = 0,
                                                          int threads = 0) const;

  // --- Consent changes (DESIGN §3). Each accepted change is appended to the
  // store's journal and fsync'd before the call returns; changes from several
  // processes are serialised by a file lock.

  Result<ChangeResult> change(const ConsentChange& c);

  // Applies changes in order, committing them in groups (one fsync a group);
  // `acknowledged(n)` runs once the first n are durable.
  Result<std::vector<ChangeResult>> change_all(std::span<const ConsentChange> changes,
                                               const std::function<void(std::size_t)>& acknowledged = {});

  // Folds the journal into the store's consent file, atomically.
  Status compact();

  // The consent version queries currently answer at (monotonic).
  std::uint64_t consent_version() const;

  // Whether answers reflect at least `version`, reading changes that other
  // processes made if this one is behind (read-your-writes across processes).
  Result<bool> reached(std::uint64_t version);

  // Whether opening found (and ignored) a record cut off by a crash.
  bool journal_had_torn_tail() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace mutuals
