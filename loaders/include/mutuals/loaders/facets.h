// Facet loader (DESIGN §5 "schools", and employers in the same shape).
//
// CSV with header `member,<value_column>[,start_year,end_year]`, where the
// value is a non-negative integer id (a school or an employer). A member may
// have several rows. Years are integers 0..9999 or empty when unknown; when
// both are known, start_year must not be after end_year.
//
//   auto schools = mutuals::loaders::load_facets("schools.csv", "school");
//   if (!schools.ok()) return schools.status();  // "schools.csv:2: school id 'x' is ..."
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mutuals/facets.h"
#include "mutuals/status.h"
#include "mutuals/types.h"

namespace mutuals::loaders {

// One row of a schools or employers file: the engine's FacetRecord.
using FacetRow = FacetRecord;

// `value_column` names the second column ("school" or "employer") and, with
// " id" appended, the value in error messages. Rows come back in file order.
Result<std::vector<FacetRow>> load_facets(const std::string& path, std::string_view value_column);

}  // namespace mutuals::loaders
