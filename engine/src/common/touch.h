// A load whose value is thrown away, where a prefetch hint would be the
// obvious choice. On this project's machine (AMD EPYC, a VM) a prefetch
// whose address misses the TLB is dropped, and an adjacency of hundreds of
// MB in 4 KB pages misses it on nearly every member: the blob prefetches
// of the batch pipelines did nothing. A real load walks the page table and
// brings the line in; it costs a load-queue slot until the line arrives.
// W1b on gen 1 M, 1 thread: 1.05-1.08 -> 1.35 M subjects/s. Touching the
// hash slots, member ids and offsets as well cost W1 10%: those arrays are
// a few MB, inside the TLB's reach, and a touch waits where a hint did not.
#pragma once

namespace mutuals::internal {

inline void touch(const void* p) {
  const unsigned char byte = *static_cast<const volatile unsigned char*>(p);
  asm volatile("" ::"r"(byte));
}

}  // namespace mutuals::internal
