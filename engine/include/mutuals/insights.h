// Insights: the one door to the kernels. Every call checks consent per
// DESIGN §3 first and returns a status with its answer; a refusal is a
// normal result, never an exception or an error.
//
// Safe for any number of concurrent callers.
//
//   auto insights = mutuals::Insights::open("my.store");
//   mutuals::SharedConnections r = insights->shared_connections(viewer, subject, 10);
//   if (r.status == mutuals::QueryStatus::kOk) show(r.count, r.items);
#pragma once

#include <cstdint>
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

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace mutuals
