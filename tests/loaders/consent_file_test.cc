// load_consent: header forms, flags, grants, defaults, and exact error texts.
#include "mutuals/loaders/consent_file.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace mutuals::loaders {
namespace {

using mutuals::testing::TempDir;

constexpr const char* kHeader = "member,linked,visible,grants\n";
const std::string kKnown =
    "(known: li.profile, li.interests, li.subscriptions, li.connections, ms.profile, ms.calendar, "
    "ms.interests, ms.subscriptions, ms.contacts)";

std::vector<ConsentRecord> load_ok(const std::string& path) {
  auto records = load_consent(path);
  EXPECT_TRUE(records.ok()) << records.status().message();
  return records.ok() ? std::move(records).value() : std::vector<ConsentRecord>{};
}

// The error from loading `content`, with the file's path shown as FILE.
std::string error_of(const std::string& content) {
  TempDir dir;
  const std::string path = dir.write("consent.csv", content);
  auto result = load_consent(path);
  if (result.ok()) return "loaded without error";
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  std::string message = result.status().message();
  EXPECT_EQ(message.rfind(path, 0), 0u) << message;
  if (message.rfind(path, 0) == 0) message.replace(0, path.size(), "FILE");
  return message;
}

TEST(LoadConsent, FourColumnsRolledOutDefaultsToOne) {
  TempDir dir;
  const auto records =
      load_ok(dir.write("c.csv", std::string(kHeader) + "1,1,1,all\n2,0,1,none\n3,1,0,\n4,1,1,li.profile;ms.calendar\n"));
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0].member, 1u);
  EXPECT_TRUE(records[0].linked);
  EXPECT_TRUE(records[0].visible);
  EXPECT_TRUE(records[0].rolled_out);
  EXPECT_EQ(records[0].grants, kAllGrants);
  EXPECT_FALSE(records[1].linked);
  EXPECT_EQ(records[1].grants, 0);
  EXPECT_FALSE(records[2].visible);
  EXPECT_EQ(records[2].grants, 0);  // an empty grants field means none
  EXPECT_EQ(records[3].grants, grant_bit(Category::kLiProfile) | grant_bit(Category::kMsCalendar));
  for (const auto& r : records) EXPECT_TRUE(r.rolled_out);
}

TEST(LoadConsent, RolledOutColumn) {
  TempDir dir;
  const auto records =
      load_ok(dir.write("c.csv", "member,linked,visible,grants,rolled_out\n1,1,1,all,0\n2,1,1,all,1\n3,1,1,all,\n"));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_FALSE(records[0].rolled_out);
  EXPECT_TRUE(records[1].rolled_out);
  EXPECT_TRUE(records[2].rolled_out);  // empty means the default
}

TEST(LoadConsent, CrlfSpacesCommentsAndBlankLines) {
  TempDir dir;
  const auto records = load_ok(dir.write(
      "c.csv", "# consent snapshot\r\n member , linked,visible ,grants , rolled_out \r\n\r\n"
               " 7 , 1 , 0 , li.connections ; ms.contacts , 0 \r\n# trailing note\r\n8,0,0,none,1"));
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].member, 7u);
  EXPECT_TRUE(records[0].linked);
  EXPECT_FALSE(records[0].visible);
  EXPECT_FALSE(records[0].rolled_out);
  EXPECT_EQ(records[0].grants, grant_bit(Category::kLiConnections) | grant_bit(Category::kMsContacts));
  EXPECT_EQ(records[1].member, 8u);
}

TEST(LoadConsent, EveryCategoryByName) {
  TempDir dir;
  const auto records = load_ok(dir.write(
      "c.csv", std::string(kHeader) +
                   "1,1,1,li.profile;li.interests;li.subscriptions;li.connections;ms.profile;ms.calendar;"
                   "ms.interests;ms.subscriptions;ms.contacts\n2,1,1,ms.contacts;ms.contacts\n"));
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].grants, kAllGrants);
  EXPECT_EQ(records[1].grants, grant_bit(Category::kMsContacts));
}

TEST(LoadConsent, GzipAndU64Max) {
  TempDir dir;
  const auto records = load_ok(dir.write_gz("c.csv.gz", std::string(kHeader) + "18446744073709551615,1,1,all"));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].member, 18446744073709551615u);
}

TEST(LoadConsent, HeaderOnlyIsEmpty) {
  TempDir dir;
  EXPECT_TRUE(load_ok(dir.write("c.csv", kHeader)).empty());
}

TEST(LoadConsent, WrongHeader) {
  EXPECT_EQ(error_of("member,linked,visible\n1,1,1\n"),
            "FILE:1: expected header 'member,linked,visible,grants[,rolled_out]', found 'member,linked,visible'");
  EXPECT_EQ(error_of("1,1,1,all\n"),
            "FILE:1: expected header 'member,linked,visible,grants[,rolled_out]', found '1,1,1,all'");
  EXPECT_EQ(error_of("member,linked,visible,grants,rolled_out,extra\n"),
            "FILE:1: expected header 'member,linked,visible,grants[,rolled_out]', found "
                   "'member,linked,visible,grants,rolled_out,extra'");
  EXPECT_EQ(error_of("Member,Linked,Visible,Grants\n"),
            "FILE:1: expected header 'member,linked,visible,grants[,rolled_out]', found "
                   "'Member,Linked,Visible,Grants'");
}

TEST(LoadConsent, EmptyFileHasNoHeader) {
  EXPECT_EQ(error_of(""),
            "FILE:1: expected header 'member,linked,visible,grants[,rolled_out]', found end of file");
}

TEST(LoadConsent, FlagsMustBeZeroOrOne) {
  EXPECT_EQ(error_of(std::string(kHeader) + "1,2,1,all\n"), "FILE:2: linked must be 0 or 1, found '2'");
  EXPECT_EQ(error_of(std::string(kHeader) + "1,1,yes,all\n"),
            "FILE:2: visible must be 0 or 1, found 'yes'");
  EXPECT_EQ(error_of(std::string(kHeader) + "1,,1,all\n"), "FILE:2: linked must be 0 or 1, found ''");
  EXPECT_EQ(error_of("member,linked,visible,grants,rolled_out\n1,1,1,all,true\n"),
            "FILE:2: rolled_out must be 0 or 1, found 'true'");
}

TEST(LoadConsent, UnknownCategoryIsNamed) {
  EXPECT_EQ(error_of(std::string(kHeader) + "1,1,1,li.profile;li.salary\n"),
            "FILE:2: unknown category 'li.salary' " + kKnown);
  EXPECT_EQ(error_of(std::string(kHeader) + "1,1,1,ALL\n"), "FILE:2: unknown category 'ALL' " + kKnown);
}

TEST(LoadConsent, MalformedGrantLists) {
  EXPECT_EQ(error_of(std::string(kHeader) + "1,1,1,li.profile;\n"), "FILE:2: empty category in grants");
  EXPECT_EQ(error_of(std::string(kHeader) + "1,1,1,li.profile;;ms.profile\n"),
            "FILE:2: empty category in grants");
  EXPECT_EQ(error_of(std::string(kHeader) + "1,1,1,all;li.profile\n"),
            "FILE:2: grants 'all' must stand alone");
  EXPECT_EQ(error_of(std::string(kHeader) + "1,1,1,li.profile;none\n"),
            "FILE:2: grants 'none' must stand alone");
}

TEST(LoadConsent, DuplicateMember) {
  EXPECT_EQ(error_of(std::string(kHeader) + "5,1,1,all\n6,1,1,all\n# note\n5,0,0,none\n"),
            "FILE:5: member 5 appears twice (first at line 2)");
}

TEST(LoadConsent, WrongFieldCount) {
  EXPECT_EQ(error_of(std::string(kHeader) + "1,1,1\n"),
            "FILE:2: expected 4 fields (member,linked,visible,grants), found 3");
  EXPECT_EQ(error_of(std::string(kHeader) + "1,1,1,all,1\n"),
            "FILE:2: expected 4 fields (member,linked,visible,grants), found 5");
  EXPECT_EQ(error_of("member,linked,visible,grants,rolled_out\n1,1,1,all\n"),
            "FILE:2: expected 5 fields (member,linked,visible,grants,rolled_out), found 4");
}

TEST(LoadConsent, BadMemberIds) {
  EXPECT_EQ(error_of(std::string(kHeader) + "x,1,1,all\n"),
            "FILE:2: member id 'x' is not a non-negative integer");
  EXPECT_EQ(error_of(std::string(kHeader) + "-3,1,1,all\n"),
            "FILE:2: member id '-3' is not a non-negative integer");
  // Control bytes are shown escaped, not printed invisibly.
  EXPECT_EQ(error_of(std::string(kHeader) + "1\r,1,1,all\n"),
            "FILE:2: member id '1\\r' is not a non-negative integer");
  EXPECT_EQ(error_of(std::string(kHeader) + "7\x01,1,1,all\n"),
            "FILE:2: member id '7\\x01' is not a non-negative integer");
  EXPECT_EQ(error_of(std::string(kHeader) + "18446744073709551616,1,1,all\n"),
            "FILE:2: member id '18446744073709551616' is out of range (max 18446744073709551615)");
}

TEST(LoadConsent, MissingFileIsNotFound) {
  TempDir dir;
  auto records = load_consent(dir.file("nope.csv"));
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(records.status().message(), dir.file("nope.csv") + ": cannot open: No such file or directory");
}

}  // namespace
}  // namespace mutuals::loaders
