// mutuals consent STORE ...: durable consent changes (DESIGN §3, §4).
// Each accepted change is on disk before its acknowledgement is printed.
#include <charconv>
#include <iostream>

#include "command.h"
#include "mutuals/insights.h"
#include "mutuals/loaders/contacts.h"
#include "mutuals/loaders/events.h"

namespace mutuals::cli {
namespace {

struct ConsentArgs {
  std::string store;
  std::vector<std::string> action;
  std::string apply;
  bool compact = false;
};

Result<MemberId> parse_member(const std::string& text) {
  MemberId m = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), m);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return InvalidArgument("member id '" + text + "' is not a non-negative 64-bit integer");
  }
  return m;
}

ConsentChange from_event(const loaders::ConsentEvent& e) {
  static_assert(int(loaders::ConsentEvent::Kind::kRemoveContacts) == int(ConsentChange::Kind::kRemoveContacts));
  return {e.member, static_cast<ConsentChange::Kind>(e.kind), e.category, e.contacts};
}

Result<ConsentChange> parse_action(const std::vector<std::string>& a) {
  using K = ConsentChange::Kind;
  if (a.empty()) return InvalidArgument("say what to change: link|unlink|grant|revoke|show|hide|import-contacts|remove-contacts MEMBER ..., --apply FILE or --compact");
  std::optional<K> kind = parse_change_kind(a[0]);
  if (!kind) return InvalidArgument("unknown consent change '" + a[0] + "'");
  std::size_t want = (*kind == K::kGrant || *kind == K::kRevoke || *kind == K::kImportContacts) ? 3 : 2;
  if (a.size() != want) {
    return InvalidArgument(a[0] + " takes " + (want == 3 ? "MEMBER and " + std::string(*kind == K::kImportContacts ? "FILE" : "CATEGORY") : std::string("MEMBER")));
  }
  Result<MemberId> member = parse_member(a[1]);
  if (!member.ok()) return member.status();
  ConsentChange c{*member, *kind, std::nullopt, {}};
  if (*kind == K::kGrant || *kind == K::kRevoke) {
    c.category = parse_category(a[2]);
    if (!c.category) return InvalidArgument("unknown category '" + a[2] + "'");
  }
  if (*kind == K::kImportContacts) {
    Result<std::vector<MemberId>> contacts = loaders::load_contacts(a[2]);
    if (!contacts.ok()) return contacts.status();
    c.contacts = std::move(*contacts);
  }
  return c;
}

Status run_consent(const ConsentArgs& a) {
  std::optional<ConsentChange> single;
  std::vector<ConsentChange> changes;
  int modes = int(!a.apply.empty()) + int(a.compact) + int(!a.action.empty());
  if (modes != 1) return InvalidArgument("give exactly one of: a change (e.g. unlink MEMBER), --apply FILE, --compact");
  if (!a.action.empty()) {
    Result<ConsentChange> c = parse_action(a.action);
    if (!c.ok()) return c.status();
    changes.push_back(std::move(*c));
  } else if (!a.apply.empty()) {
    Result<std::vector<loaders::ConsentEvent>> events = loaders::load_events(a.apply);
    if (!events.ok()) return events.status();
    for (const auto& e : *events) changes.push_back(from_event(e));
  }
  Result<Insights> insights = Insights::open(a.store);
  if (!insights.ok()) return insights.status();
  if (insights->journal_had_torn_tail()) {
    std::cerr << "mutuals consent: " << a.store
              << ": the journal ended in a record cut off by a crash (never acknowledged); it is cut off\n";
  }
  if (a.compact) {
    MUTUALS_RETURN_IF_ERROR(insights->compact());
    std::cout << "compacted at version " << insights->consent_version() << '\n';
    return Status::Ok();
  }
  std::size_t acknowledged = 0;
  Result<std::vector<ChangeResult>> results = insights->change_all(changes, [&](std::size_t done) {
    if (changes.size() > 1 && done > acknowledged) {
      std::cerr << "durable: " << done << " of " << changes.size() << " changes\n";
    }
    acknowledged = done;
  });
  if (!results.ok()) return results.status();
  if (changes.size() == 1) {
    std::cout << to_string(results->front().status) << " version " << results->front().version << '\n';
    return Status::Ok();
  }
  std::size_t refused = 0;
  for (const ChangeResult& r : *results) refused += r.status != QueryStatus::kOk;
  std::cout << "applied " << changes.size() - refused << " of " << changes.size() << " changes (" << refused
            << " refused: consent_missing), consent version " << insights->consent_version() << '\n';
  return Status::Ok();
}

}  // namespace

Run add_consent_command(CLI::App& app) {
  auto args = std::make_shared<ConsentArgs>();
  CLI::App* cmd = app.add_subcommand(
      "consent",
      "Change consent durably: link|unlink M, grant|revoke M CATEGORY, show|hide M, import-contacts M FILE, "
      "remove-contacts M; or --apply EVENTS_FILE; or --compact");
  cmd->add_option("store", args->store, "Store directory")->required();
  cmd->add_option("change", args->action, "The change: KIND MEMBER [CATEGORY|FILE]");
  cmd->add_option("--apply", args->apply, "Events CSV: member,event[,arg]");
  cmd->add_flag("--compact", args->compact, "Fold the journal into the store's consent file");
  return [args] { return run_consent(*args); };
}

}  // namespace mutuals::cli
