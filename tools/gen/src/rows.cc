// Careers (school and job years) and consent states for generated members.
#include "rows.h"

#include "career.h"
#include "mutuals/consent.h"
#include "random.h"

namespace mutuals::gen::internal {
namespace {

char* put_stint(char* at, const Stint& s) {
  at = put(at, static_cast<std::uint64_t>(s.start));
  at = put(at, ',');
  if (s.end) at = put(at, static_cast<std::uint64_t>(s.end));
  return at;
}

int append_facets(const Model& m, std::uint32_t i, std::uint64_t member, bool employers, Text& out) {
  const Profile& p = m.profiles[i];
  const Career c = make_career(m.params.seed, i, p.schools, p.employers);
  const int rows = employers ? p.employers : p.schools;
  const int first = employers ? kFirstEmployerSlot : kFirstSchoolSlot;
  const Stint* stints = employers ? c.employers : c.schools;
  char* at = out.reserve(static_cast<std::size_t>(rows) * (2 * kMaxNumber + 16));
  for (int k = 0; k < rows; ++k) {
    const std::uint32_t facet = m.facet_of(first + k, p.community[first + k]);
    at = put(at, member);
    at = put(at, ',');
    at = put(at, std::uint64_t{employers ? employer_id(m.params.seed, facet) : school_id(m.params.seed, facet)});
    at = put(at, ',');
    at = put_stint(at, stints[k]);
    at = put(at, '\n');
  }
  out.commit(at);
  return rows;
}

}  // namespace

std::uint32_t school_id(std::uint64_t seed, std::uint32_t c) {
  return mix32(c + static_cast<std::uint32_t>(stream_key(seed, Purpose::kSchoolId, 0)));
}

std::uint32_t employer_id(std::uint64_t seed, std::uint32_t c) {
  return mix32(c + static_cast<std::uint32_t>(stream_key(seed, Purpose::kEmployerId, 0)));
}

int append_schools(const Model& m, std::uint32_t i, std::uint64_t member, Text& out) {
  return append_facets(m, i, member, false, out);
}

int append_employers(const Model& m, std::uint32_t i, std::uint64_t member, Text& out) {
  return append_facets(m, i, member, true, out);
}

int append_consent(std::uint64_t seed, std::uint32_t i, std::uint64_t member, bool mix, Text& out) {
  bool linked = true, visible = true, rolled_out = true;
  GrantSet grants = kAllGrants;
  if (mix) {
    const std::uint64_t key = stream_key(seed, Purpose::kConsent, i);
    const double u = unit(draw(key, 0));
    if (u < 0.05) return 0;  // no record: the secure defaults apply
    if (u < 0.10) {
      rolled_out = false;
    } else if (u < 0.20) {
      visible = false;
      linked = draw(key, 1) & 1;
    } else if (u < 0.80) {
      // linked, visible, everything granted
    } else if (u < 0.90) {
      grants &= static_cast<GrantSet>(~(1u << below(draw(key, 2), kCategoryCount)));
      if (draw(key, 3) & 1) grants &= static_cast<GrantSet>(~(1u << below(draw(key, 4), kCategoryCount)));
    } else {
      linked = false;
    }
    if (!linked) grants = 0;
  }
  char* at = out.reserve(kMaxNumber + 16 + kCategoryCount * 20);
  at = put(at, member);
  at = put(at, linked ? ",1," : ",0,");
  at = put(at, visible ? "1," : "0,");
  if (grants == kAllGrants) {
    at = put(at, std::string_view("all"));
  } else if (grants == 0) {
    at = put(at, std::string_view("none"));
  } else {
    bool first = true;
    for (int c = 0; c < kCategoryCount; ++c) {
      if (!(grants & (1u << c))) continue;
      if (!first) at = put(at, ';');
      at = put(at, to_string(static_cast<Category>(c)));
      first = false;
    }
  }
  at = put(at, rolled_out ? ",1\n" : ",0\n");
  out.commit(at);
  return 1;
}

}  // namespace mutuals::gen::internal
