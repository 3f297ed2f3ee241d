// One viewer against many subjects (a page of search results): the viewer's
// neighbours are expanded once into a dense bitset over all vertices, and
// each subject then costs O(its degree) probes instead of a merge with the
// viewer's whole list — the difference between 2,500 and 12 steps when a
// well-connected viewer looks at an ordinary member.
#pragma once

#include <cstdint>
#include <vector>

#include "consent/consent_snapshot.h"
#include "graph/roaring_view.h"

namespace mutuals::internal {

class DenseNeighbours {
 public:
  // Sets the bits of `viewer` in a buffer of `members` bits (reused across
  // calls on the same thread; walking `viewer` again clears what was set).
  // `viewer`'s bytes must outlive this object.
  DenseNeighbours(const BitmapView& viewer, std::uint32_t members);
  ~DenseNeighbours();
  DenseNeighbours(const DenseNeighbours&) = delete;
  DenseNeighbours& operator=(const DenseNeighbours&) = delete;

  // |viewer ∩ subject ∩ Visible| (no mask when nobody is hidden).
  std::uint64_t count(const BitmapView& subject, const ConsentSnapshot& consent) const;
  // Appends viewer ∩ subject ∩ Visible, ascending.
  void list(const BitmapView& subject, const ConsentSnapshot& consent, std::vector<std::uint32_t>& out) const;

 private:
  std::vector<std::uint64_t>& words_;
  BitmapView viewer_;
};

}  // namespace mutuals::internal
