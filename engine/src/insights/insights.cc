// The consent-checking door to the kernels (DESIGN §3).
#include "mutuals/insights.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>

#include "consent/policy.h"
#include "kernels/shared_connections.h"
#include "store/store_data.h"

namespace mutuals {
using namespace internal;

struct Insights::State {
  std::shared_ptr<const Store> store;
  // Replaced whole on every consent change; readers load it once per query.
  std::atomic<std::shared_ptr<const ConsentSnapshot>> consent;
};

namespace {

// Answers one pair against one snapshot. `scratch` is reused across calls.
SharedConnections answer(const StoreData& g, const ConsentSnapshot& consent, MemberId viewer, MemberId subject,
                         VertexId v, VertexId s, std::size_t limit, std::vector<VertexId>& scratch) {
  SharedConnections r;
  r.viewer = viewer;
  r.subject = subject;
  r.status = check_viewer(consent, v, grant_bit(Category::kLiConnections));
  if (r.status != QueryStatus::kOk) return r;
  if (!subject_available(consent, s)) {
    r.status = QueryStatus::kSubjectUnavailable;
    return r;
  }
  if (limit == 0) {
    r.count = count_shared(g, consent, v, s);
    return r;
  }
  scratch.clear();
  list_shared(g, consent, v, s, scratch);
  r.count = scratch.size();
  std::vector<MemberId> ids(scratch.size());
  for (std::size_t i = 0; i < scratch.size(); ++i) ids[i] = g.vertex_member[scratch[i]];
  std::size_t k = std::min(limit, ids.size());
  std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(k), ids.end());
  ids.resize(k);
  r.items = std::move(ids);
  return r;
}

}  // namespace

Result<Insights> Insights::open(const std::string& store_dir) {
  Result<std::shared_ptr<const Store>> store = Store::open(store_dir);
  if (!store.ok()) return store.status();
  return Insights(std::move(*store));
}

Insights::Insights(std::shared_ptr<const Store> store) : state_(std::make_unique<State>()) {
  state_->consent.store(store->data().consent);
  state_->store = std::move(store);
}

Insights::~Insights() = default;
Insights::Insights(Insights&&) noexcept = default;
Insights& Insights::operator=(Insights&&) noexcept = default;

const Store& Insights::store() const { return *state_->store; }

SharedConnections Insights::shared_connections(MemberId viewer, MemberId subject, std::size_t limit) const {
  const StoreData& g = state_->store->data();
  std::shared_ptr<const ConsentSnapshot> consent = state_->consent.load();
  std::vector<VertexId> scratch;
  return answer(g, *consent, viewer, subject, g.find(viewer), g.find(subject), limit, scratch);
}

std::vector<SharedConnections> Insights::shared_connections_page(MemberId viewer, std::span<const MemberId> subjects,
                                                                 std::size_t limit) const {
  const StoreData& g = state_->store->data();
  std::shared_ptr<const ConsentSnapshot> consent = state_->consent.load();
  const VertexId v = g.find(viewer);
  std::vector<SharedConnections> out;
  out.reserve(subjects.size());
  std::vector<VertexId> scratch;
  for (MemberId subject : subjects) {
    out.push_back(answer(g, *consent, viewer, subject, v, g.find(subject), limit, scratch));
  }
  return out;
}

std::vector<SharedConnections> Insights::shared_connections_batch(std::span<const MemberPair> pairs,
                                                                  std::size_t limit, int threads) const {
  const StoreData& g = state_->store->data();
  // One snapshot for the whole batch: every answer reflects one consent version.
  std::shared_ptr<const ConsentSnapshot> consent = state_->consent.load();
  std::vector<SharedConnections> out(pairs.size());
  tbb::enumerable_thread_specific<std::vector<VertexId>> scratch;
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, pairs.size(), 256), [&](const auto& r) {
      std::vector<VertexId>& local = scratch.local();
      for (std::size_t i = r.begin(); i != r.end(); ++i) {
        out[i] = answer(g, *consent, pairs[i].viewer, pairs[i].subject, g.find(pairs[i].viewer),
                        g.find(pairs[i].subject), limit, local);
      }
    });
  });
  return out;
}

}  // namespace mutuals
