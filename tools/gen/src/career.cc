#include "career.h"

#include <algorithm>
#include <cmath>

#include "random.h"

namespace mutuals::gen::internal {

Career make_career(std::uint64_t seed, std::uint32_t member, int schools, int employers) {
  const std::uint64_t key = stream_key(seed, Purpose::kCareer, member);
  std::uint64_t n = 0;
  auto roll = [&](std::uint32_t m) { return static_cast<int>(below(draw(key, n++), m)); };
  Career c;
  const int birth = 1950 + static_cast<int>(55 * std::pow(unit(draw(key, n++)), 0.6));
  int year = birth + 18 + roll(2);
  static constexpr int kLength[kCareerSchools][2] = {{3, 3}, {1, 3}, {3, 3}};  // minimum, spread
  for (int k = 0; k < schools; ++k) {
    const int length = kLength[k][0] + roll(kLength[k][1]);
    c.schools[k] = {year, year + length};
    year += length + (roll(4) == 0 ? 1 + roll(3) : 0);
  }
  // Nobody starts a school in the future: the young with several schools
  // are older than their first draw said.
  if (schools > 0 && c.schools[schools - 1].start > kThisYear) {
    const int shift = c.schools[schools - 1].start - kThisYear;
    for (int k = 0; k < schools; ++k) {
      c.schools[k].start -= shift;
      c.schools[k].end -= shift;
    }
    year -= shift;
  }
  for (int k = 0; k < employers; ++k) {
    const int start = std::min(year, kThisYear);
    int end = start + 1 + roll(8);
    if (k + 1 == employers) {
      if (end > kThisYear || roll(100) >= 15) end = 0;  // current job
    } else {
      end = std::min(end, kThisYear);
    }
    c.employers[k] = {start, end};
    year = (end ? end : kThisYear) + roll(2);
  }
  return c;
}

}  // namespace mutuals::gen::internal
