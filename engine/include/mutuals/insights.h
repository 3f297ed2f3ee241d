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
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mutuals/consent.h"
#include "mutuals/facets.h"
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

// The count of SharedConnections alone.
struct SharedCount {
  QueryStatus status = QueryStatus::kOk;
  std::uint64_t count = 0;  // 0 unless status is kOk
};

// "Your connections who went to school S": N(viewer) ∩ Members(S) ∩ Visible.
struct ConnectionsAt {
  QueryStatus status = QueryStatus::kOk;
  MemberId viewer = 0;
  std::uint64_t school = 0;
  std::uint64_t count = 0;
  std::vector<MemberId> items;  // ascending member id, at most `limit`
};

struct Suggestion {
  MemberId member = 0;
  std::uint64_t shared = 0;  // all shared connections (the network's own surface)
};

// Connection suggestions from imported contacts (and friends of friends),
// best first: more shared connections, then lower member id.
struct Suggestions {
  QueryStatus status = QueryStatus::kOk;
  MemberId member = 0;
  std::uint64_t count = 0;  // candidates considered
  std::vector<Suggestion> items;
};

struct AttendeeBrief {
  MemberId subject = 0;
  SharedConnections connections;  // its own status, per the shared-connections rule
  SharedFacets schools;           // its own status, per the shared-schools rule
};

// A meeting brief: the viewer's common ground with each attendee. `status`
// is the viewer's (ms.calendar); attendees are answered only when it is ok.
struct MeetingBrief {
  QueryStatus status = QueryStatus::kOk;
  MemberId viewer = 0;
  std::vector<AttendeeBrief> attendees;
};

// The degree badge: 1, 2 or 3, or nullopt for out of network (0 for
// oneself). Computed over the whole graph: a degree names no one.
struct Distance {
  QueryStatus status = QueryStatus::kOk;
  MemberId viewer = 0;
  MemberId subject = 0;
  std::optional<int> degree;
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

  // The counts of shared_connections_page into the caller's buffer (one
  // per subject); InvalidArgument (and nothing written) when sizes differ.
  Status shared_connection_counts_page(MemberId viewer, std::span<const MemberId> subjects,
                                       std::span<SharedCount> out) const;

  // Many independent pairs, answered in parallel on `threads` threads (0 =
  // all cores); results in input order.
  std::vector<SharedConnections> shared_connections_batch(std::span<const MemberPair> pairs, std::size_t limit = 0,
                                                          int threads = 0) const;

  // Counts only, for "you share 12 connections" badges and batch jobs: the
  // rules and answers of shared_connections without the lists. out[i]
  // answers pairs[i] (out.size() must equal pairs.size()); the caller owns
  // `out`, so a service answering batch after batch allocates nothing.
  // InvalidArgument (and nothing written) when the sizes differ.
  Status shared_connection_counts(std::span<const MemberPair> pairs, std::span<SharedCount> out,
                                int threads = 0) const;

  // Schools (or employers) both attended, with year overlap. Needs li.profile.
  SharedFacets shared_facets(FacetKind kind, MemberId viewer, MemberId subject) const;
  std::vector<SharedFacets> shared_facets_batch(FacetKind kind, std::span<const MemberPair> pairs,
                                                int threads = 0) const;

  // Needs li.connections and li.profile.
  ConnectionsAt connections_at(MemberId viewer, std::uint64_t school, std::size_t limit = 0) const;

  // On the network's own surface: gated by rollout only; imported contacts
  // keep working after an unlink until removed.
  Suggestions suggest(MemberId member, std::size_t limit = 10, bool include_2hop = false) const;

  // Needs ms.calendar; then each attendee by the rules above.
  MeetingBrief meeting(MemberId viewer, std::span<const MemberId> attendees, std::size_t limit = 0) const;

  // The shared-connections rules; the answer ignores visibility.
  Distance distance(MemberId viewer, MemberId subject) const;

  // Offline: the shared-connection count of every connection (the
  // triangle-counting kernel), no consent applied. `emit(member, connection,
  // shared)` runs once per connection with member < connection (by member
  // id), in ascending (member, connection) order, from the calling thread.
  void all_edges_shared(const std::function<void(MemberId, MemberId, std::uint64_t)>& emit, int threads = 0) const;

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
