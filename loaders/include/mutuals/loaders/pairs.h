// Pairs loader (DESIGN §5 "pairs"): CSV with header `viewer,subject`.
#pragma once

#include <string>
#include <vector>

#include "mutuals/status.h"
#include "mutuals/types.h"

namespace mutuals::loaders {

Result<std::vector<MemberPair>> load_pairs(const std::string& path);

}  // namespace mutuals::loaders
