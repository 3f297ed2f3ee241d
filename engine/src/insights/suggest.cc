// suggest (DESIGN §3): on the network's own surface, so gated by rollout
// only and ranked by all shared connections (visibility does not apply).
// Candidates: imported contacts that are members, not the member, not
// already connected; with include_2hop, every friend of a friend too.
#include <algorithm>
#include <unordered_set>

#include "insights/insights_state.h"
#include "kernels/suggest.h"

namespace mutuals {
using namespace internal;

Suggestions Insights::suggest(MemberId member, std::size_t limit, bool include_2hop) const {
  const StoreData& g = state_->graph();
  auto consent = state_->snapshot();
  Suggestions r;
  r.member = member;
  MemberState m = resolve(g, *consent, member);
  if (!(m.flags & kFlagRolledOut)) {
    r.status = QueryStatus::kNotRolledOut;
    return r;
  }
  std::vector<ScoredVertex> scored;
  std::vector<MemberId> outside;  // contacts known only from consent: no connections, score 0
  if (m.vertex != kNoVertex && include_2hop) scored = two_hop_candidates(g, m.vertex);
  std::unordered_set<VertexId> seen;
  for (const ScoredVertex& s : scored) seen.insert(s.vertex);
  std::vector<VertexId> contacts;
  if (const std::vector<MemberId>* list = consent->contacts(member)) {
    for (MemberId c : *list) {
      if (c == member) continue;
      VertexId v = g.find(c);
      if (v == kNoVertex) {
        if (consent->outside_flags(c) != nullptr) outside.push_back(c);
        continue;
      }
      if (seen.count(v)) continue;  // already scored as a friend of a friend
      seen.insert(v);
      contacts.push_back(v);
    }
  }
  if (m.vertex != kNoVertex) {
    // Contacts already connected to the member are no suggestion.
    std::vector<ScoredVertex> contact_scores = score_candidates(g, m.vertex, contacts);
    for (const ScoredVertex& s : contact_scores) {
      if (!g.connected(m.vertex, s.vertex)) scored.push_back(s);
    }
  } else {
    for (VertexId v : contacts) scored.push_back({v, 0});
  }
  r.count = scored.size() + outside.size();
  keep_best(g, scored, limit);
  for (const ScoredVertex& s : scored) r.items.push_back({g.vertex_member[s.vertex], s.shared});
  // Outside members score 0: they rank after every scored candidate with a
  // shared connection, by member id among the zeros.
  if (r.items.size() < limit || (!r.items.empty() && r.items.back().shared == 0)) {
    for (MemberId c : outside) r.items.push_back({c, 0});
    std::stable_sort(r.items.begin(), r.items.end(), [](const Suggestion& a, const Suggestion& b) {
      return a.shared != b.shared ? a.shared > b.shared : a.member < b.member;
    });
    if (r.items.size() > limit) r.items.resize(limit);
  }
  return r;
}

}  // namespace mutuals
