// A std::vector whose resize() leaves new elements default-initialised, so
// integers are not zeroed first.
//
// The build's big buffers (pairs, CSR lists: hundreds of MB at 1 M members,
// gigabytes at 10 M) are then filled in parallel loops. A plain resize
// zeroes them first on the calling thread: a serial memset that also takes
// every fresh page's fault, about a tenth of the build's CPU. Only for
// buffers whose every element is written before it is read.
#pragma once

#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace mutuals::internal {

template <typename T>
struct DefaultInitAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() noexcept = default;
  template <typename U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}

  template <typename U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

template <typename T>
using DefaultInitVector = std::vector<T, DefaultInitAllocator<T>>;

}  // namespace mutuals::internal
