// A member's career: the years at each school and employer. A pure function
// of (seed, member), used both for school cohorts (who studied together) and
// for the years written to schools.csv and employers.csv.
#pragma once

#include <cstdint>

namespace mutuals::gen::internal {

inline constexpr int kThisYear = 2025;
inline constexpr int kCareerSchools = 3;
inline constexpr int kCareerEmployers = 3;

// A period at a school or employer; end 0 means ongoing (written empty).
struct Stint {
  int start = 0;
  int end = 0;
};

struct Career {
  Stint schools[kCareerSchools];
  Stint employers[kCareerEmployers];
};

// Born 1950-2004 (more of the young); school from 18: a first degree of 3-5
// years, a second of 1-3, a third of 3-5, with the odd gap year; then jobs of
// 1-8 years, back to back; the last job is usually current. No school starts
// after this year (the careers of the young shift back), and students whose
// first job would start in the future hold it (an internship) this year.
Career make_career(std::uint64_t seed, std::uint32_t member, int schools, int employers);

}  // namespace mutuals::gen::internal
