// load_facets: schools and employers, optional year ranges, exact errors.
#include "mutuals/loaders/facets.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace mutuals::loaders {
namespace {

using mutuals::testing::TempDir;

std::vector<FacetRow> load_ok(const std::string& path, std::string_view column) {
  auto rows = load_facets(path, column);
  EXPECT_TRUE(rows.ok()) << rows.status().message();
  return rows.ok() ? std::move(rows).value() : std::vector<FacetRow>{};
}

// The error from loading `content`, with the file's path shown as FILE.
std::string error_of(const std::string& content, std::string_view column = "school") {
  TempDir dir;
  const std::string path = dir.write("facets.csv", content);
  auto result = load_facets(path, column);
  if (result.ok()) return "loaded without error";
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  std::string message = result.status().message();
  EXPECT_EQ(message.rfind(path, 0), 0u) << message;
  if (message.rfind(path, 0) == 0) message.replace(0, path.size(), "FILE");
  return message;
}

TEST(LoadFacets, TwoColumnsHaveNoYears) {
  TempDir dir;
  const auto rows = load_ok(dir.write("s.csv", "member,school\n1,10\n1,11\n2,10"), "school");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].member, 1u);
  EXPECT_EQ(rows[0].value, 10u);
  EXPECT_EQ(rows[1].value, 11u);
  EXPECT_EQ(rows[2].member, 2u);
  for (const auto& r : rows) {
    EXPECT_FALSE(r.start_year.has_value());
    EXPECT_FALSE(r.end_year.has_value());
  }
}

TEST(LoadFacets, YearsKnownUnknownAndBounds) {
  TempDir dir;
  const auto rows = load_ok(dir.write("s.csv",
                                      "member,school,start_year,end_year\r\n1,10,2001,2005\r\n2,10,,\r\n"
                                      "3,10,1999,\r\n4,10, ,2010\r\n5,10,0,9999\r\n6,10,2003,2003\r\n"),
                            "school");
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[0].start_year, 2001);
  EXPECT_EQ(rows[0].end_year, 2005);
  EXPECT_FALSE(rows[1].start_year.has_value());
  EXPECT_FALSE(rows[1].end_year.has_value());
  EXPECT_EQ(rows[2].start_year, 1999);
  EXPECT_FALSE(rows[2].end_year.has_value());
  EXPECT_FALSE(rows[3].start_year.has_value());
  EXPECT_EQ(rows[3].end_year, 2010);
  EXPECT_EQ(rows[4].start_year, 0);
  EXPECT_EQ(rows[4].end_year, 9999);
  EXPECT_EQ(rows[5].start_year, rows[5].end_year);
}

TEST(LoadFacets, EmployerColumnAndGzip) {
  TempDir dir;
  const auto rows = load_ok(dir.write_gz("e.csv.gz", "member,employer\n7,18446744073709551615\n"), "employer");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].value, 18446744073709551615u);
}

TEST(LoadFacets, HeaderMustNameTheValueColumn) {
  EXPECT_EQ(error_of("member,school\n1,2\n", "employer"),
            "FILE:1: expected header 'member,employer[,start_year,end_year]', found 'member,school'");
  EXPECT_EQ(error_of("member,school,start_year\n"),
            "FILE:1: expected header 'member,school[,start_year,end_year]', found 'member,school,start_year'");
}

TEST(LoadFacets, BadIdsNameTheirColumn) {
  EXPECT_EQ(error_of("member,school\nx,2\n"), "FILE:2: member id 'x' is not a non-negative integer");
  EXPECT_EQ(error_of("member,school\n1,MIT\n"), "FILE:2: school id 'MIT' is not a non-negative integer");
  EXPECT_EQ(error_of("member,employer\n1,-5\n", "employer"),
            "FILE:2: employer id '-5' is not a non-negative integer");
}

TEST(LoadFacets, BadYears) {
  const std::string header = "member,school,start_year,end_year\n";
  EXPECT_EQ(error_of(header + "1,2,10000,\n"), "FILE:2: start_year '10000' is not a year (0..9999)");
  EXPECT_EQ(error_of(header + "1,2,,-1\n"), "FILE:2: end_year '-1' is not a year (0..9999)");
  EXPECT_EQ(error_of(header + "1,2,20x1,\n"), "FILE:2: start_year '20x1' is not a year (0..9999)");
  EXPECT_EQ(error_of(header + "1,2,99999999999999999999,\n"),
            "FILE:2: start_year '99999999999999999999' is not a year (0..9999)");
  EXPECT_EQ(error_of(header + "1,2,2010,2005\n"), "FILE:2: start_year 2010 is after end_year 2005");
}

TEST(LoadFacets, WrongFieldCount) {
  EXPECT_EQ(error_of("member,school,start_year,end_year\n1,2\n"),
            "FILE:2: expected 4 fields (member,school,start_year,end_year), found 2");
}

}  // namespace
}  // namespace mutuals::loaders
