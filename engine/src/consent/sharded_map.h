// A copy-on-write map from member id to V, split into 64 shards by hash, so
// that a change copies one shard (1/64 of the entries), never the whole map.
// Used for the consent of members outside the graph and for imported
// contacts, both small next to the member count.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>

#include "mutuals/types.h"

namespace mutuals::internal {

template <typename V>
class ShardedMap {
 public:
  static constexpr std::size_t kShards = 64;
  using Shard = std::unordered_map<MemberId, V>;

  ShardedMap() {
    for (auto& s : shards_) s = empty_shard();
  }

  const V* find(MemberId m) const {
    const Shard& s = *shards_[shard_of(m)];
    auto it = s.find(m);
    return it == s.end() ? nullptr : &it->second;
  }

  // A copy of this map with m set to v (or erased when v is nullopt). Shares
  // every untouched shard with this one.
  ShardedMap with(MemberId m, std::optional<V> v) const {
    ShardedMap next = *this;
    auto shard = std::make_shared<Shard>(*shards_[shard_of(m)]);
    if (v) {
      (*shard)[m] = std::move(*v);
    } else {
      shard->erase(m);
    }
    next.shards_[shard_of(m)] = std::move(shard);
    return next;
  }

  template <typename F>
  void for_each(F&& f) const {
    for (const auto& s : shards_) {
      for (const auto& [k, v] : *s) f(k, v);
    }
  }

  std::size_t size() const {
    std::size_t n = 0;
    for (const auto& s : shards_) n += s->size();
    return n;
  }

 private:
  static std::size_t shard_of(MemberId m) { return (m * 0x9E3779B97F4A7C15ull) >> 58; }
  static std::shared_ptr<const Shard> empty_shard() {
    static const std::shared_ptr<const Shard> kEmpty = std::make_shared<Shard>();
    return kEmpty;
  }

  std::array<std::shared_ptr<const Shard>, kShards> shards_;
};

}  // namespace mutuals::internal
