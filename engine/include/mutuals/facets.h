// Facets: typed attributes of members with optional years, such as the
// schools a member attended or the employers they worked for (DESIGN §5
// "schools"). Stored as a Roaring bitmap of members per value plus a compact
// list of values per member.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "mutuals/consent.h"
#include "mutuals/types.h"

namespace mutuals {

enum class FacetKind : std::uint8_t { kSchool = 0, kEmployer = 1 };
inline constexpr int kFacetKinds = 2;
std::string_view to_string(FacetKind kind);  // "school", "employer"

// One row of a schools or employers file. A row with only one of the years
// covers that single year.
struct FacetRecord {
  MemberId member = 0;
  std::uint64_t value = 0;  // the school or employer id
  std::optional<std::uint16_t> start_year;
  std::optional<std::uint16_t> end_year;
};

// A value both members have. years_overlap is nullopt when either member has
// no years for it, else whether some period of one overlaps some period of
// the other.
struct SharedFacet {
  std::uint64_t value = 0;
  std::optional<bool> years_overlap;
};

struct SharedFacets {
  QueryStatus status = QueryStatus::kOk;
  FacetKind kind = FacetKind::kSchool;
  MemberId viewer = 0;
  MemberId subject = 0;
  std::uint64_t count = 0;
  std::vector<SharedFacet> items;  // ascending value
};

}  // namespace mutuals
