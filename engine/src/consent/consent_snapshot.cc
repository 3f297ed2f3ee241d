#include "consent/consent_snapshot.h"
#include "common/parallel_loop.h"


#include <algorithm>
#include <atomic>
#include <bit>

namespace mutuals::internal {
namespace {

void refresh_visibility(ConsentChunk& c, std::uint32_t used) {
  c.visible.fill(0);
  c.hidden = 0;
  for (std::uint32_t i = 0; i < used; ++i) {
    if (c.flags[i] & kFlagVisible) {
      c.visible[i >> 6] |= std::uint64_t{1} << (i & 63);
    } else {
      ++c.hidden;
    }
  }
}

}  // namespace

std::shared_ptr<const ConsentSnapshot> ConsentSnapshot::from_flags(std::span<const MemberFlags> flags,
                                                                   std::uint64_t version) {
  auto s = std::make_shared<ConsentSnapshot>();
  s->members_ = static_cast<std::uint32_t>(flags.size());
  s->version_ = version;
  // One spare all-zero chunk keeps visible_word() in bounds for the last word.
  std::size_t chunks = flags.size() / kChunkMembers + 1;
  s->chunks_.resize(chunks);
  // In parallel: at ten million members this is most of an open's time.
  std::atomic<std::uint64_t> hidden{0};
  parallel_each<std::size_t>(0, chunks, [&](std::size_t c) {
    auto chunk = std::make_shared<ConsentChunk>();
    const std::size_t begin = c * kChunkMembers;
    // begin <= flags.size(): the last chunk is the spare, possibly empty one.
    const auto used = static_cast<std::uint32_t>(std::min<std::size_t>(flags.size() - begin, kChunkMembers));
    std::copy_n(flags.data() + begin, used, chunk->flags.begin());
    refresh_visibility(*chunk, used);
    hidden.fetch_add(chunk->hidden, std::memory_order_relaxed);
    s->chunks_[c] = std::move(chunk);
  });
  s->hidden_ = hidden.load();
  return s;
}

std::shared_ptr<const ConsentSnapshot> ConsentSnapshot::with_flags(VertexId v, MemberFlags f,
                                                                   std::uint64_t version) const {
  auto s = std::make_shared<ConsentSnapshot>(*this);
  s->version_ = version;
  std::uint32_t c = v >> kChunkShift;
  auto chunk = std::make_shared<ConsentChunk>(*chunks_[c]);
  chunk->flags[v & (kChunkMembers - 1)] = f;
  std::uint32_t begin = c << kChunkShift;
  std::uint32_t used = members_ - begin < kChunkMembers ? members_ - begin : kChunkMembers;
  s->hidden_ -= chunk->hidden;
  refresh_visibility(*chunk, used);
  s->hidden_ += chunk->hidden;
  s->chunks_[c] = std::move(chunk);
  return s;
}

std::shared_ptr<const ConsentSnapshot> ConsentSnapshot::with_outside_flags(MemberId m, MemberFlags f,
                                                                           std::uint64_t version) const {
  auto s = std::make_shared<ConsentSnapshot>(*this);
  s->version_ = version;
  s->outside_ = outside_.with(m, f);
  return s;
}

std::shared_ptr<const ConsentSnapshot> ConsentSnapshot::with_contacts(MemberId m, std::vector<MemberId> contacts,
                                                                      std::uint64_t version) const {
  auto s = std::make_shared<ConsentSnapshot>(*this);
  s->version_ = version;
  if (contacts.empty()) {
    s->contacts_ = contacts_.with(m, std::nullopt);
  } else {
    s->contacts_ = contacts_.with(m, std::make_shared<const std::vector<MemberId>>(std::move(contacts)));
  }
  return s;
}

std::shared_ptr<const ConsentSnapshot> ConsentSnapshot::with_version(std::uint64_t version) const {
  auto s = std::make_shared<ConsentSnapshot>(*this);
  s->version_ = version;
  return s;
}

}  // namespace mutuals::internal
