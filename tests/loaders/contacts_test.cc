// load_contacts: one id a line under a `contact` header.
#include "mutuals/loaders/contacts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace mutuals::loaders {
namespace {

using mutuals::testing::TempDir;

// The error from loading `content`, with the file's path shown as FILE.
std::string error_of(const std::string& content) {
  TempDir dir;
  const std::string path = dir.write("contacts.csv", content);
  auto result = load_contacts(path);
  if (result.ok()) return "loaded without error";
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  std::string message = result.status().message();
  EXPECT_EQ(message.rfind(path, 0), 0u) << message;
  if (message.rfind(path, 0) == 0) message.replace(0, path.size(), "FILE");
  return message;
}

TEST(LoadContacts, IdsInFileOrderWithDuplicates) {
  TempDir dir;
  auto contacts = load_contacts(dir.write("c.csv", "contact\r\n 9 \r\n# c\r\n\r\n3\r\n9\r\n18446744073709551615"));
  ASSERT_TRUE(contacts.ok()) << contacts.status().message();
  EXPECT_EQ(*contacts, (std::vector<MemberId>{9, 3, 9, 18446744073709551615u}));
}

TEST(LoadContacts, GzipAndHeaderOnly) {
  TempDir dir;
  auto some = load_contacts(dir.write_gz("c.csv.gz", "contact\n4\n"));
  ASSERT_TRUE(some.ok()) << some.status().message();
  EXPECT_EQ(*some, (std::vector<MemberId>{4}));
  auto none = load_contacts(dir.write("d.csv", "contact\n"));
  ASSERT_TRUE(none.ok()) << none.status().message();
  EXPECT_TRUE(none->empty());
}

TEST(LoadContacts, Errors) {
  EXPECT_EQ(error_of("email\na@b.c\n"), "FILE:1: expected header 'contact', found 'email'");
  EXPECT_EQ(error_of("contact\na@b.c\n"), "FILE:2: contact id 'a@b.c' is not a non-negative integer");
  EXPECT_EQ(error_of("contact\n1\n18446744073709551616\n"),
            "FILE:3: contact id '18446744073709551616' is out of range (max 18446744073709551615)");
  EXPECT_EQ(error_of("contact\n1,2\n"), "FILE:2: expected 1 fields (contact), found 2");
}

TEST(LoadContacts, MissingFileIsNotFound) {
  TempDir dir;
  auto contacts = load_contacts(dir.file("none.csv"));
  ASSERT_FALSE(contacts.ok());
  EXPECT_EQ(contacts.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace mutuals::loaders
