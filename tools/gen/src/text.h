// A growable byte buffer for CSV text, written through a raw cursor so that
// formatting a line costs no bounds checks beyond one reserve per line.
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace mutuals::gen::internal {

class Text {
 public:
  void clear() { size_ = 0; }
  std::size_t size() const { return size_; }
  const char* data() const { return data_.get(); }
  std::string_view view() const { return {data_.get(), size_}; }

  // A cursor with room for `more` bytes; hand it back to commit().
  char* reserve(std::size_t more) {
    if (size_ + more > capacity_) grow(size_ + more);
    return data_.get() + size_;
  }
  void commit(const char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }

 private:
  void grow(std::size_t need) {
    std::size_t capacity = capacity_ ? capacity_ : 4096;
    while (capacity < need) capacity *= 2;
    auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
    if (size_) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    capacity_ = capacity;
  }

  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// Longest line pieces, for reserve().
inline constexpr std::size_t kMaxNumber = 20;

inline char* put(char* at, std::uint64_t v) { return std::to_chars(at, at + kMaxNumber, v).ptr; }
inline char* put(char* at, char c) {
  *at = c;
  return at + 1;
}
inline char* put(char* at, std::string_view s) {
  std::memcpy(at, s.data(), s.size());
  return at + s.size();
}

}  // namespace mutuals::gen::internal
