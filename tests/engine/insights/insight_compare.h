// Field-by-field comparison of engine answers with the oracle's for every
// insight kind beyond shared-connections (that one is in oracle_pairs.h),
// with a readable description of both sides on a difference.
#pragma once

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "mutuals/insights.h"

namespace mutuals::testing {

inline std::string describe(const SharedFacets& a) {
  std::ostringstream o;
  o << to_string(a.status) << " " << to_string(a.kind) << " viewer " << a.viewer << " subject " << a.subject
    << " count " << a.count << " [";
  for (const SharedFacet& f : a.items) {
    o << " " << f.value << (!f.years_overlap ? "/null" : *f.years_overlap ? "/true" : "/false");
  }
  return o.str() + " ]";
}

inline std::string describe(const ConnectionsAt& a) {
  std::ostringstream o;
  o << to_string(a.status) << " viewer " << a.viewer << " school " << a.school << " count " << a.count << " [";
  for (MemberId m : a.items) o << " " << m;
  return o.str() + " ]";
}

inline std::string describe(const Suggestions& a) {
  std::ostringstream o;
  o << to_string(a.status) << " member " << a.member << " count " << a.count << " [";
  for (std::size_t i = 0; i < a.items.size() && i < 12; ++i) o << " " << a.items[i].member << ":" << a.items[i].shared;
  if (a.items.size() > 12) o << " ... (" << a.items.size() << ")";
  return o.str() + " ]";
}

inline std::string describe(const SharedConnections& a) {
  std::ostringstream o;
  o << to_string(a.status) << " viewer " << a.viewer << " subject " << a.subject << " count " << a.count << " [";
  for (std::size_t i = 0; i < a.items.size() && i < 12; ++i) o << " " << a.items[i];
  return o.str() + " ]";
}

inline std::string describe(const Distance& a) {
  std::ostringstream o;
  o << to_string(a.status) << " viewer " << a.viewer << " subject " << a.subject << " degree "
    << (a.degree ? std::to_string(*a.degree) : "out_of_network");
  return o.str();
}

inline std::string describe(const MeetingBrief& a) {
  std::ostringstream o;
  o << to_string(a.status) << " viewer " << a.viewer << " attendees " << a.attendees.size() << ":";
  for (const AttendeeBrief& b : a.attendees) {
    o << "\n  " << b.subject << ": " << describe(b.connections) << " | " << describe(b.schools);
  }
  return o.str();
}

inline bool same(const SharedFacets& a, const SharedFacets& b) {
  if (a.status != b.status || a.kind != b.kind || a.viewer != b.viewer || a.subject != b.subject ||
      a.count != b.count || a.items.size() != b.items.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    if (a.items[i].value != b.items[i].value || a.items[i].years_overlap != b.items[i].years_overlap) return false;
  }
  return true;
}

inline bool same(const ConnectionsAt& a, const ConnectionsAt& b) {
  return a.status == b.status && a.viewer == b.viewer && a.school == b.school && a.count == b.count &&
         a.items == b.items;
}

inline bool same(const Suggestions& a, const Suggestions& b) {
  if (a.status != b.status || a.member != b.member || a.count != b.count || a.items.size() != b.items.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    if (a.items[i].member != b.items[i].member || a.items[i].shared != b.items[i].shared) return false;
  }
  return true;
}

inline bool same(const SharedConnections& a, const SharedConnections& b) {
  return a.status == b.status && a.viewer == b.viewer && a.subject == b.subject && a.count == b.count &&
         a.items == b.items;
}

inline bool same(const Distance& a, const Distance& b) {
  return a.status == b.status && a.viewer == b.viewer && a.subject == b.subject && a.degree == b.degree;
}

inline bool same(const MeetingBrief& a, const MeetingBrief& b) {
  if (a.status != b.status || a.viewer != b.viewer || a.attendees.size() != b.attendees.size()) return false;
  for (std::size_t i = 0; i < a.attendees.size(); ++i) {
    const AttendeeBrief &x = a.attendees[i], &y = b.attendees[i];
    if (x.subject != y.subject || !same(x.connections, y.connections) || !same(x.schools, y.schools)) return false;
  }
  return true;
}

// EXPECT_TRUE(matches(engine_answer, oracle_answer)) for any insight kind.
template <typename Answer>
::testing::AssertionResult matches(const Answer& got, const Answer& want) {
  if (same(got, want)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\n  engine: " << describe(got) << "\n  expected: " << describe(want);
}

}  // namespace mutuals::testing
