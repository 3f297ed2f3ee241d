// load_events: every event kind, its argument rules, and exact error texts.
#include "mutuals/loaders/events.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace mutuals::loaders {
namespace {

using mutuals::testing::TempDir;
using Kind = ConsentEvent::Kind;

constexpr const char* kHeader = "member,event,arg\n";

std::vector<ConsentEvent> load_ok(const std::string& path) {
  auto events = load_events(path);
  EXPECT_TRUE(events.ok()) << events.status().message();
  return events.ok() ? std::move(events).value() : std::vector<ConsentEvent>{};
}

// The error from loading `content`, with the file's path shown as FILE.
std::string error_of(const std::string& content) {
  TempDir dir;
  const std::string path = dir.write("events.csv", content);
  auto result = load_events(path);
  if (result.ok()) return "loaded without error";
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  std::string message = result.status().message();
  EXPECT_EQ(message.rfind(path, 0), 0u) << message;
  if (message.rfind(path, 0) == 0) message.replace(0, path.size(), "FILE");
  return message;
}

TEST(LoadEvents, EveryKindInFileOrder) {
  TempDir dir;
  const auto events = load_ok(dir.write(
      "e.csv", std::string(kHeader) +
                   "1,link,\n1,grant,li.profile\n1,revoke,ms.calendar\n1,show,\n1,hide,\n"
                   "# contacts\n1,import-contacts,5;6; 7\n1,remove-contacts,\n1,unlink,\n"));
  ASSERT_EQ(events.size(), 8u);
  const std::vector<Kind> kinds = {Kind::kLink, Kind::kGrant, Kind::kRevoke, Kind::kShow,
                                   Kind::kHide, Kind::kImportContacts, Kind::kRemoveContacts, Kind::kUnlink};
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    EXPECT_EQ(events[i].kind, kinds[i]) << i;
    EXPECT_EQ(events[i].member, 1u);
  }
  EXPECT_EQ(events[1].category, Category::kLiProfile);
  EXPECT_EQ(events[2].category, Category::kMsCalendar);
  EXPECT_FALSE(events[0].category.has_value());
  EXPECT_EQ(events[5].contacts, (std::vector<MemberId>{5, 6, 7}));
  EXPECT_TRUE(events[6].contacts.empty());
  EXPECT_EQ(events[0].line, 2u);
  EXPECT_EQ(events[5].line, 8u);  // line numbers count the comment line
}

TEST(LoadEvents, ImportContactsMayBeEmpty) {
  TempDir dir;
  const auto events = load_ok(dir.write("e.csv", std::string(kHeader) + "9,import-contacts,\n"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, Kind::kImportContacts);
  EXPECT_TRUE(events[0].contacts.empty());
}

TEST(LoadEvents, HeaderWithoutArgColumn) {
  TempDir dir;
  const auto events = load_ok(dir.write("e.csv", "member,event\r\n3,link\r\n3,show\r\n3,import-contacts"));
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, Kind::kLink);
  EXPECT_EQ(events[1].kind, Kind::kShow);
  EXPECT_EQ(events[2].kind, Kind::kImportContacts);
  EXPECT_TRUE(events[2].contacts.empty());
}

TEST(LoadEvents, GzipAndU64MaxContact) {
  TempDir dir;
  const auto events =
      load_ok(dir.write_gz("e.csv.gz", std::string(kHeader) + "0,import-contacts,18446744073709551615\n"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].contacts, (std::vector<MemberId>{18446744073709551615u}));
}

TEST(LoadEvents, KindNamesRoundTrip) {
  EXPECT_EQ(to_string(Kind::kLink), "link");
  EXPECT_EQ(to_string(Kind::kImportContacts), "import-contacts");
  EXPECT_EQ(to_string(Kind::kRemoveContacts), "remove-contacts");
  EXPECT_EQ(to_string(Kind::kRevoke), "revoke");
}

TEST(LoadEvents, WrongHeader) {
  EXPECT_EQ(error_of("member,action\n"), "FILE:1: expected header 'member,event[,arg]', found 'member,action'");
  EXPECT_EQ(error_of(""), "FILE:1: expected header 'member,event[,arg]', found end of file");
}

TEST(LoadEvents, UnknownEvent) {
  EXPECT_EQ(error_of(std::string(kHeader) + "1,Link,\n"),
            "FILE:2: unknown event 'Link' (expected link, unlink, grant, revoke, show, hide, import-contacts or "
                   "remove-contacts)");
}

TEST(LoadEvents, GrantAndRevokeNeedACategory) {
  EXPECT_EQ(error_of(std::string(kHeader) + "1,grant,\n"), "FILE:2: event 'grant' needs a category");
  EXPECT_EQ(error_of("member,event\n1,revoke\n"), "FILE:2: event 'revoke' needs a category");
  EXPECT_EQ(error_of(std::string(kHeader) + "1,grant,li.everything\n"),
            "FILE:2: unknown category 'li.everything' (known: li.profile, li.interests, li.subscriptions, "
                "li.connections, ms.profile, ms.calendar, ms.interests, ms.subscriptions, ms.contacts)");
  EXPECT_EQ(error_of(std::string(kHeader) + "1,grant,all\n"),
            "FILE:2: unknown category 'all' (known: li.profile, li.interests, li.subscriptions, "
                "li.connections, ms.profile, ms.calendar, ms.interests, ms.subscriptions, ms.contacts)");
}

TEST(LoadEvents, OtherEventsTakeNoArgument) {
  for (const char* name : {"link", "unlink", "show", "hide", "remove-contacts"}) {
    EXPECT_EQ(error_of(std::string(kHeader) + "1," + name + ",x\n"),
              std::string("FILE:2: event '") + name + "' takes no argument, found 'x'");
  }
}

TEST(LoadEvents, BadContactIds) {
  EXPECT_EQ(error_of(std::string(kHeader) + "1,import-contacts,5;x\n"),
            "FILE:2: contact id 'x' is not a non-negative integer");
  EXPECT_EQ(error_of(std::string(kHeader) + "1,import-contacts,5;\n"),
            "FILE:2: contact id '' is not a non-negative integer");
  EXPECT_EQ(error_of(std::string(kHeader) + "1,import-contacts,18446744073709551616\n"),
            "FILE:2: contact id '18446744073709551616' is out of range (max 18446744073709551615)");
}

TEST(LoadEvents, BadMemberAndFieldCount) {
  EXPECT_EQ(error_of(std::string(kHeader) + "m,link,\n"), "FILE:2: member id 'm' is not a non-negative integer");
  EXPECT_EQ(error_of(std::string(kHeader) + "1,link\n"), "FILE:2: expected 3 fields (member,event,arg), found 2");
  EXPECT_EQ(error_of("member,event\n1,grant,li.profile\n"),
            "FILE:2: expected 2 fields (member,event), found 3");
}

}  // namespace
}  // namespace mutuals::loaders
