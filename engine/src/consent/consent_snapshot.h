// An immutable view of every member's consent at one version.
//
// Readers take a shared_ptr to a snapshot and never wait; a writer builds the
// next snapshot by copying only the chunk it changes (copy-on-write over
// 4096-member chunks), so one durable change costs O(chunk + n/4096), not
// O(members). The visibility bits live beside the flags so the kernels can
// intersect against them directly.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "consent/member_flags.h"
#include "consent/sharded_map.h"
#include "mutuals/types.h"

namespace mutuals::internal {

inline constexpr std::uint32_t kChunkShift = 12;
inline constexpr std::uint32_t kChunkMembers = 1u << kChunkShift;
inline constexpr std::uint32_t kChunkWords = kChunkMembers / 64;

struct ConsentChunk {
  std::array<MemberFlags, kChunkMembers> flags{};
  std::array<std::uint64_t, kChunkWords> visible{};  // bit i = flags[i] & kFlagVisible
  std::uint32_t hidden = 0;                          // members of this chunk not visible
};

class ConsentSnapshot {
 public:
  // Members [0, flags.size()) with the given flags.
  static std::shared_ptr<const ConsentSnapshot> from_flags(std::span<const MemberFlags> flags,
                                                           std::uint64_t version);

  std::uint64_t version() const { return version_; }
  std::uint32_t members() const { return members_; }
  void prefetch(VertexId v) const {
    if (v < members_) __builtin_prefetch(&chunks_[v >> kChunkShift]->flags[v & (kChunkMembers - 1)]);
  }
  MemberFlags flags(VertexId v) const { return chunks_[v >> kChunkShift]->flags[v & (kChunkMembers - 1)]; }
  bool visible(VertexId v) const {
    return (chunks_[v >> kChunkShift]->visible[(v >> 6) & (kChunkWords - 1)] >> (v & 63)) & 1;
  }
  // 64 visibility bits for members [64*word, 64*word+64); bits past the last
  // member are 0.
  std::uint64_t visible_word(std::uint32_t word) const {
    return chunks_[word >> (kChunkShift - 6)]->visible[word & (kChunkWords - 1)];
  }
  std::uint64_t hidden_members() const { return hidden_; }

  // The next version with member v's flags replaced.
  std::shared_ptr<const ConsentSnapshot> with_flags(VertexId v, MemberFlags f, std::uint64_t version) const;

  // Members known only from consent changes, not from the built inputs
  // (they have no connections). nullptr when the member has no such record.
  const MemberFlags* outside_flags(MemberId m) const { return outside_.find(m); }
  std::shared_ptr<const ConsentSnapshot> with_outside_flags(MemberId m, MemberFlags f, std::uint64_t version) const;
  const ShardedMap<MemberFlags>& outside() const { return outside_; }

  // Imported contacts (member ids, ascending, distinct), kept across unlink
  // until removed. nullptr when the member has none.
  using ContactList = std::shared_ptr<const std::vector<MemberId>>;
  const std::vector<MemberId>* contacts(MemberId m) const {
    const ContactList* c = contacts_.find(m);
    return c == nullptr ? nullptr : c->get();
  }
  std::shared_ptr<const ConsentSnapshot> with_contacts(MemberId m, std::vector<MemberId> contacts,
                                                       std::uint64_t version) const;
  const ShardedMap<ContactList>& all_contacts() const { return contacts_; }

  std::shared_ptr<const ConsentSnapshot> with_version(std::uint64_t version) const;

 private:
  ShardedMap<MemberFlags> outside_;
  ShardedMap<ContactList> contacts_;
  std::vector<std::shared_ptr<const ConsentChunk>> chunks_;
  std::uint32_t members_ = 0;
  std::uint64_t hidden_ = 0;
  std::uint64_t version_ = 0;
};

}  // namespace mutuals::internal
