// The non-edge files of a generated network: schools.csv and employers.csv
// rows with plausible years, and consent.csv rows. Every row is a pure
// function of (seed, member), like everything else in the generator.
#pragma once

#include <cstdint>

#include "model.h"
#include "text.h"

namespace mutuals::gen::internal {

// The sparse, unique ids of school / employer number c (a 32-bit bijection).
std::uint32_t school_id(std::uint64_t seed, std::uint32_t c);
std::uint32_t employer_id(std::uint64_t seed, std::uint32_t c);

// Appends member i's rows; returns the number of rows appended.
int append_schools(const Model& m, std::uint32_t i, std::uint64_t member, Text& out);
int append_employers(const Model& m, std::uint32_t i, std::uint64_t member, Text& out);
// Everyone linked, visible, all grants, rolled out; or with `mix`: 60%
// linked with all grants, 10% linked with one or two categories revoked, 10%
// hidden, 10% unlinked, 5% not rolled out, 5% with no record (no row).
int append_consent(std::uint64_t seed, std::uint32_t i, std::uint64_t member, bool mix, Text& out);

}  // namespace mutuals::gen::internal
