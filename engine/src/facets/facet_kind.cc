#include "mutuals/facets.h"

namespace mutuals {

std::string_view to_string(FacetKind kind) { return kind == FacetKind::kSchool ? "school" : "employer"; }

}  // namespace mutuals
