// Contact imports and the suggestions built on them (DESIGN §3):
// "Contacts are imported only while ms.contacts is granted", "imported
// contacts keep working after a disconnect until the member removes them",
// and "disconnect ... linked becomes false and every grant is cleared".
//
//    1 ── 2 ── 3        member 1 imports 3 (a friend of a friend, sharing 2),
//    │                  4 (no connection in common), 2 (already connected),
//    5                  1 itself and an unknown id.
//
// The last two tests pin the reading that an unlinked member has no grants
// (secure defaults; unlinking clears every grant; linking is what grants),
// so grant bits that an unlinked member carries -- from a consent file row
// `linked 0` with grants, or from `grant` after `unlink` -- must not let
// Microsoft import its contacts (engine/src/consent/apply_change.cc,
// check_change; the engine once checked the ms.contacts bit alone).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "mutuals/insights.h"
#include "mutuals/store.h"
#include "support/temp_dir.h"

namespace mutuals::testing {
namespace {

using K = ConsentChange::Kind;

constexpr MemberId kUnknown = 777'777'777;

struct Fixture {
  TempDir dir;
  std::string store = dir.file("store");

  // Member 1's consent record as given (none: the secure defaults); 2..5
  // linked and visible.
  Insights open(std::optional<ConsentRecord> one) {
    BuildInput in;
    in.edges = {{1, 2}, {2, 3}, {1, 5}};
    in.extra_members = {4};
    if (one) in.consent.push_back(*one);
    for (MemberId m = 2; m <= 5; ++m) in.consent.push_back({m, true, true, true, kAllGrants});
    Result<BuildReport> r = build_store(std::move(in), store);
    if (!r.ok()) throw std::runtime_error(r.status().message());
    Result<Insights> insights = Insights::open(store);
    if (!insights.ok()) throw std::runtime_error(insights.status().message());
    return std::move(*insights);
  }
};

QueryStatus change(Insights& in, ConsentChange c) {
  Result<ChangeResult> r = in.change(c);
  if (!r.ok()) throw std::runtime_error(r.status().message());
  return r->status;
}

ConsentChange import_for(MemberId m) { return {m, K::kImportContacts, std::nullopt, {3, 4, 2, 1, kUnknown}}; }

std::vector<std::pair<MemberId, std::uint64_t>> items(const Suggestions& s) {
  std::vector<std::pair<MemberId, std::uint64_t>> out;
  for (const Suggestion& x : s.items) out.emplace_back(x.member, x.shared);
  return out;
}

using Items = std::vector<std::pair<MemberId, std::uint64_t>>;

TEST(ContactsImport, LinkedWithMsContactsImportsAndSuggestionsKeepWorkingAfterUnlink) {
  Fixture f;
  Insights in = f.open(ConsentRecord{1, true, false, true, kAllGrants});
  EXPECT_EQ(change(in, import_for(1)), QueryStatus::kOk);
  Suggestions s = in.suggest(1, 10, false);
  EXPECT_EQ(s.status, QueryStatus::kOk);
  EXPECT_EQ(s.count, 2u);
  EXPECT_EQ(items(s), (Items{{3, 1}, {4, 0}}));
  // Unlinking clears the grants but not the imported contacts.
  EXPECT_EQ(change(in, {1, K::kUnlink, std::nullopt, {}}), QueryStatus::kOk);
  EXPECT_EQ(items(in.suggest(1, 10, false)), (Items{{3, 1}, {4, 0}}));
  EXPECT_EQ(in.shared_connections(1, 3, 5).status, QueryStatus::kViewerNotLinked);
  // A new import needs ms.contacts again.
  EXPECT_EQ(change(in, import_for(1)), QueryStatus::kConsentMissing);
  // Until the member removes them.
  EXPECT_EQ(change(in, {1, K::kRemoveContacts, std::nullopt, {}}), QueryStatus::kOk);
  EXPECT_EQ(in.suggest(1, 10, false).count, 0u);
  EXPECT_TRUE(in.suggest(1, 10, false).items.empty());
  // With friends of friends, 3 is still a candidate (and only 3).
  EXPECT_EQ(items(in.suggest(1, 10, true)), (Items{{3, 1}}));
}

TEST(ContactsImport, LinkedWithoutMsContactsIsRefusedAndNothingIsImported) {
  Fixture f;
  Insights in = f.open(ConsentRecord{1, true, true, true, GrantSet(kAllGrants & ~grant_bit(Category::kMsContacts))});
  EXPECT_EQ(change(in, import_for(1)), QueryStatus::kConsentMissing);
  EXPECT_EQ(in.suggest(1, 10, false).count, 0u);
  EXPECT_EQ(change(in, {1, K::kGrant, Category::kMsContacts, {}}), QueryStatus::kOk);
  EXPECT_EQ(change(in, import_for(1)), QueryStatus::kOk);
  EXPECT_EQ(items(in.suggest(1, 10, false)), (Items{{3, 1}, {4, 0}}));
}

TEST(ContactsImport, MemberWithNoRecordCannotImport) {
  Fixture f;
  Insights in = f.open(std::nullopt);  // member 1 has no record: secure defaults
  EXPECT_EQ(change(in, import_for(1)), QueryStatus::kConsentMissing);
  EXPECT_EQ(change(in, import_for(kUnknown)), QueryStatus::kConsentMissing);
}

// Fails on the engine as of this writing: see the comment at the top.
TEST(ContactsImport, UnlinkedRecordWithGrantsOnFileCannotImport) {
  Fixture f;
  // A consent file row "1,0,1,all,1": unlinked, grants listed.
  Insights in = f.open(ConsentRecord{1, false, true, true, kAllGrants});
  EXPECT_EQ(in.shared_connections(1, 3, 5).status, QueryStatus::kViewerNotLinked);  // the grants do not count here
  EXPECT_EQ(change(in, import_for(1)), QueryStatus::kConsentMissing) << "an unlinked member has no ms.contacts grant";
  EXPECT_EQ(in.suggest(1, 10, false).count, 0u);
}

// Fails on the engine as of this writing: see the comment at the top.
TEST(ContactsImport, GrantAfterUnlinkDoesNotAllowAnImport) {
  Fixture f;
  Insights in = f.open(ConsentRecord{1, true, true, true, kAllGrants});
  EXPECT_EQ(change(in, {1, K::kUnlink, std::nullopt, {}}), QueryStatus::kOk);
  EXPECT_EQ(change(in, {1, K::kGrant, Category::kMsContacts, {}}), QueryStatus::kOk);
  EXPECT_EQ(in.shared_connections(1, 3, 5).status, QueryStatus::kViewerNotLinked);
  EXPECT_EQ(change(in, import_for(1)), QueryStatus::kConsentMissing) << "still unlinked: no grant counts";
  EXPECT_EQ(in.suggest(1, 10, false).count, 0u);
}

}  // namespace
}  // namespace mutuals::testing
