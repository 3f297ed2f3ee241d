// The consent-checking door to the kernels (DESIGN §3).
#include "mutuals/insights.h"

#include <algorithm>
#include <array>
#include <mutex>
#include <string>

#include "insights/insights_state.h"
#include "insights/pair_schedule.h"
#include "insights/resolve_pipeline.h"
#include "kernels/dense_probe.h"
#include "kernels/shared_connections.h"
#include "common/parallel_loop.h"

namespace mutuals {
using namespace internal;

namespace internal {

std::vector<MemberId> first_members(const StoreData& g, const std::vector<VertexId>& vertices, std::size_t limit) {
  std::vector<MemberId> ids(vertices.size());
  for (std::size_t i = 0; i < vertices.size(); ++i) ids[i] = g.vertex_member[vertices[i]];
  std::size_t k = std::min(limit, ids.size());
  std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(k), ids.end());
  ids.resize(k);
  return ids;
}

QueryStatus gate_shared_connections(const MemberState& v, const MemberState& s) {
  QueryStatus status = check_viewer(v, grant_bit(Category::kLiConnections));
  if (status != QueryStatus::kOk) return status;
  return subject_available(s) ? QueryStatus::kOk : QueryStatus::kSubjectUnavailable;
}

SharedConnections answer_shared_connections(const StoreData& g, const ConsentSnapshot& consent, MemberId viewer,
                                            MemberId subject, const MemberState& v, const MemberState& s,
                                            std::size_t limit, std::vector<VertexId>& scratch, const GroupHub& hub) {
  SharedConnections r;
  r.viewer = viewer;
  r.subject = subject;
  r.status = gate_shared_connections(v, s);
  if (r.status != QueryStatus::kOk) return r;
  if (v.vertex == kNoVertex || s.vertex == kNoVertex) return r;  // outside the graph: nothing shared
  if (limit == 0) {
    r.count = hub.count(g, consent, v.vertex, s.vertex);
    return r;
  }
  scratch.clear();
  hub.list(g, consent, v.vertex, s.vertex, scratch);
  r.count = scratch.size();
  r.items = first_members(g, scratch, limit);
  return r;
}

}  // namespace internal

Result<Insights> Insights::open(const std::string& store_dir) {
  Result<std::shared_ptr<const Store>> store = Store::open(store_dir);
  if (!store.ok()) return store.status();
  return Insights(std::move(*store));
}

Insights::Insights(std::shared_ptr<const Store> store) : state_(std::make_unique<State>()) {
  const StoreData& d = store->data();
  state_->consent.store(d.consent);
  state_->writer.init(&d, {d.consent, d.journal_base, d.journal_end, d.journal_torn});
  state_->store = std::move(store);
}

Insights::~Insights() = default;
Insights::Insights(Insights&&) noexcept = default;
Insights& Insights::operator=(Insights&&) noexcept = default;

const Store& Insights::store() const { return *state_->store; }

SharedConnections Insights::shared_connections(MemberId viewer, MemberId subject, std::size_t limit) const {
  const StoreData& g = state_->store->data();
  const SnapshotCell::Pin consent(state_->consent);
  std::vector<VertexId> scratch;
  MemberState v, s;
  resolve_pair_now(g, *consent, viewer, subject, v, s);
  return answer_shared_connections(g, *consent, viewer, subject, v, s, limit, scratch);
}

namespace {

// One viewer against a page of subjects, under one snapshot: the viewer's
// consent is checked once and, from kDenseFrom subjects on, its neighbours
// are expanded into a dense bitset each subject probes (kernels/
// dense_probe.h). on_answer(k, status, subject state, expanded) is called
// for subject k in order; `expanded` is null when the viewer was not
// expanded (then answer_shared_connections' path applies).
template <typename OnAnswer>
void answer_page(const StoreData& g, const ConsentSnapshot& consent, const MemberState& v,
                 std::span<const MemberId> subjects, const OnAnswer& on_answer) {
  // Expanding the viewer pays for itself after a handful of subjects.
  constexpr std::size_t kDenseFrom = 8;
  const bool dense = subjects.size() >= kDenseFrom && v.vertex != kNoVertex &&
                     check_viewer(v, grant_bit(Category::kLiConnections)) == QueryStatus::kOk;
  if (!dense) {
    for (std::size_t k = 0; k < subjects.size(); ++k) {
      const MemberState s = resolve(g, consent, subjects[k]);
      on_answer(k, gate_shared_connections(v, s), s, nullptr);
    }
    return;
  }
  const DenseNeighbours expanded(g.neighbors(v.vertex), g.members());
  resolve_pipelined<1>(
      g, consent, 0, subjects.size(), [&](std::size_t k) { return std::array<MemberId, 1>{subjects[k]}; },
      [&](std::size_t k, const MemberState* s) {
        on_answer(k, subject_available(*s) ? QueryStatus::kOk : QueryStatus::kSubjectUnavailable, *s, &expanded);
      });
}

}  // namespace

std::vector<SharedConnections> Insights::shared_connections_page(MemberId viewer, std::span<const MemberId> subjects,
                                                                 std::size_t limit) const {
  const StoreData& g = state_->store->data();
  const SnapshotCell::Pin consent(state_->consent);
  const MemberState v = resolve(g, *consent, viewer);
  std::vector<SharedConnections> out(subjects.size());
  std::vector<VertexId> scratch;
  answer_page(g, *consent, v, subjects,
              [&](std::size_t k, QueryStatus status, const MemberState& s, const DenseNeighbours* expanded) {
                if (expanded == nullptr) {
                  out[k] = answer_shared_connections(g, *consent, viewer, subjects[k], v, s, limit, scratch);
                  return;
                }
                SharedConnections& r = out[k];
                r.viewer = viewer;
                r.subject = subjects[k];
                r.status = status;
                if (status != QueryStatus::kOk || s.vertex == kNoVertex) return;
                if (limit == 0) {
                  r.count = expanded->count(g.neighbors(s.vertex), *consent);
                  return;
                }
                scratch.clear();
                expanded->list(g.neighbors(s.vertex), *consent, scratch);
                r.count = scratch.size();
                r.items = first_members(g, scratch, limit);
              });
  return out;
}

Status Insights::shared_connection_counts_page(MemberId viewer, std::span<const MemberId> subjects,
                                               std::span<SharedCount> out) const {
  if (out.size() != subjects.size()) {
    return InvalidArgument("shared_connection_counts_page: room for " + std::to_string(out.size()) + " answers, " +
                           std::to_string(subjects.size()) + " subjects");
  }
  const StoreData& g = state_->store->data();
  const SnapshotCell::Pin consent(state_->consent);
  const MemberState v = resolve(g, *consent, viewer);
  answer_page(g, *consent, v, subjects,
              [&](std::size_t k, QueryStatus status, const MemberState& s, const DenseNeighbours* expanded) {
                out[k].status = status;
                out[k].count = 0;
                if (status != QueryStatus::kOk || v.vertex == kNoVertex || s.vertex == kNoVertex) return;
                out[k].count = expanded != nullptr ? expanded->count(g.neighbors(s.vertex), *consent)
                                                   : count_shared(g, *consent, v.vertex, s.vertex);
              });
  return Status::Ok();
}

std::vector<SharedConnections> Insights::shared_connections_batch(std::span<const MemberPair> pairs,
                                                                  std::size_t limit, int threads) const {
  const StoreData& g = state_->store->data();
  const SnapshotCell::Pin consent(state_->consent);
  std::vector<SharedConnections> out(pairs.size());
  answer_pairs_grouped(g, *consent, pairs, threads, grouping_for(g),
                       [&](std::size_t i, const MemberPair& p, const MemberState& v, const MemberState& s,
                           std::vector<VertexId>& scratch, const GroupHub& hub) {
                         out[i] = answer_shared_connections(g, *consent, p.viewer, p.subject, v, s, limit, scratch,
                                                            hub);
                       });
  return out;
}

Status Insights::shared_connection_counts(std::span<const MemberPair> pairs, std::span<SharedCount> out,
                                        int threads) const {
  if (out.size() != pairs.size()) {
    return InvalidArgument("shared_connection_counts: room for " + std::to_string(out.size()) + " answers, " +
                           std::to_string(pairs.size()) + " pairs");
  }
  const StoreData& g = state_->store->data();
  const SnapshotCell::Pin consent(state_->consent);
  answer_pairs_grouped(g, *consent, pairs, threads, grouping_for(g),
                       [&](std::size_t i, const MemberPair&, const MemberState& v, const MemberState& s,
                           std::vector<VertexId>&, const GroupHub& hub) {
                         SharedCount& r = out[i];
                         r.status = gate_shared_connections(v, s);
                         r.count = r.status == QueryStatus::kOk && v.vertex != kNoVertex && s.vertex != kNoVertex
                                       ? hub.count(g, *consent, v.vertex, s.vertex)
                                       : 0;
                       });
  return Status::Ok();
}

Result<ChangeResult> Insights::change(const ConsentChange& c) {
  Result<std::vector<ChangeResult>> r = change_all(std::span<const ConsentChange>(&c, 1));
  if (!r.ok()) return r.status();
  return r->front();
}

Result<std::vector<ChangeResult>> Insights::change_all(std::span<const ConsentChange> changes,
                                                       const std::function<void(std::size_t)>& acknowledged) {
  return state_->writer.apply(changes, [&](std::shared_ptr<const ConsentSnapshot> s, std::size_t done) {
    state_->consent.store(std::move(s));
    if (acknowledged) acknowledged(done);
  });
}

Status Insights::compact() {
  return state_->writer.compact([&](std::shared_ptr<const ConsentSnapshot> s) { state_->consent.store(std::move(s)); });
}

std::uint64_t Insights::consent_version() const { return SnapshotCell::Pin(state_->consent)->version(); }

Result<bool> Insights::reached(std::uint64_t version) {
  if (consent_version() >= version) return true;
  Status s = state_->writer.refresh([&](std::shared_ptr<const ConsentSnapshot> snap) {
    state_->consent.store(std::move(snap));
  });
  if (!s.ok()) return s;
  return consent_version() >= version;
}

bool Insights::journal_had_torn_tail() const { return state_->store->data().journal_torn; }

}  // namespace mutuals
