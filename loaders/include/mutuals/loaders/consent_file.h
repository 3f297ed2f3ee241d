// Consent-state loader (DESIGN §5 "consent").
//
// CSV with header `member,linked,visible,grants[,rolled_out]`; linked, visible
// and rolled_out are 0/1; grants is `all`, `none` or categories joined by ';'.
// A repeated member is an error (which record would win is not obvious).
#pragma once

#include <string>
#include <vector>

#include "mutuals/consent.h"
#include "mutuals/status.h"

namespace mutuals::loaders {

Result<std::vector<ConsentRecord>> load_consent(const std::string& path);

}  // namespace mutuals::loaders
