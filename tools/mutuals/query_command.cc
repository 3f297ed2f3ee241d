// mutuals query STORE <kind> ...: one consent-checked question (DESIGN §4).
#include <charconv>
#include <iostream>

#include "command.h"
#include "decimal.h"
#include "mutuals/insights.h"
#include "output.h"

namespace mutuals::cli {
namespace {

struct QueryArgs {
  std::string store;
  MemberId viewer = 0, subject = 0, member = 0;
  std::uint64_t school = 0;
  std::string attendees;
  std::size_t limit = 0;
  bool limit_given = false;
  bool include_2hop = false;
  std::uint64_t min_version = 0;
  bool json = false;
};

Result<std::vector<MemberId>> parse_ids(const std::string& text) {
  std::vector<MemberId> ids;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find(',', begin);
    if (end == std::string::npos) end = text.size();
    std::string_view item(text.data() + begin, end - begin);
    MemberId id = 0;
    auto [p, ec] = std::from_chars(item.data(), item.data() + item.size(), id);
    if (item.empty() || ec != std::errc() || p != item.data() + item.size()) {
      return InvalidArgument("--attendees: '" + std::string(item) + "' is not a member id");
    }
    ids.push_back(id);
    begin = end + 1;
  }
  return ids;
}

// The kind's own JSON shape with status not_yet and no data.
Json not_yet(const std::string& kind, const QueryArgs& a) {
  constexpr QueryStatus k = QueryStatus::kNotYet;
  if (kind == "shared-schools" || kind == "shared-employers") {
    return to_json(SharedFacets{k, kind == "shared-schools" ? FacetKind::kSchool : FacetKind::kEmployer, a.viewer,
                                a.subject, 0, {}});
  }
  if (kind == "connections-at") return to_json(ConnectionsAt{k, a.viewer, a.school, 0, {}});
  if (kind == "suggest") return to_json(Suggestions{k, a.member, 0, {}});
  if (kind == "meeting") return to_json(MeetingBrief{k, a.viewer, {}});
  if (kind == "distance") return to_json(Distance{k, a.viewer, a.subject, std::nullopt});
  return to_json(SharedConnections{k, a.viewer, a.subject, 0, {}});
}

// Opens the store and waits for nothing: a version ahead of this process is
// answered with status not_yet.
Result<Json> answer(const std::string& kind, const QueryArgs& a) {
  Result<Insights> opened = Insights::open(a.store);
  if (!opened.ok()) return opened.status();
  Insights& in = *opened;
  Result<bool> reached = in.reached(a.min_version);
  if (!reached.ok()) return reached.status();
  if (!*reached) return not_yet(kind, a);
  if (kind == "shared-connections") return to_json(in.shared_connections(a.viewer, a.subject, a.limit));
  if (kind == "shared-schools") return to_json(in.shared_facets(FacetKind::kSchool, a.viewer, a.subject));
  if (kind == "shared-employers") return to_json(in.shared_facets(FacetKind::kEmployer, a.viewer, a.subject));
  if (kind == "connections-at") return to_json(in.connections_at(a.viewer, a.school, a.limit));
  if (kind == "suggest") return to_json(in.suggest(a.member, a.limit_given ? a.limit : 10, a.include_2hop));
  if (kind == "distance") return to_json(in.distance(a.viewer, a.subject));
  if (kind == "meeting") {
    Result<std::vector<MemberId>> ids = parse_ids(a.attendees);
    if (!ids.ok()) return ids.status();
    return to_json(in.meeting(a.viewer, *ids, a.limit));
  }
  return InvalidArgument("unknown query kind '" + kind + "'");
}

}  // namespace

Run add_query_command(CLI::App& app) {
  auto args = std::make_shared<QueryArgs>();
  CLI::App* cmd = app.add_subcommand("query", "Answer one consent-checked question");
  cmd->add_option("store", args->store, "Store directory")->required();
  cmd->require_subcommand(1);
  std::vector<std::pair<CLI::App*, CLI::Option*>> kinds;
  auto kind = [&](const char* name, const char* what) {
    CLI::App* k = cmd->add_subcommand(name, what);
    k->add_flag("--json", args->json, "One JSON object");
    k->add_option("--min-version", args->min_version,
                  "Answer only at consent version V or later (else status not_yet)")
        ->transform(kDecimal);
    return k;
  };
  auto pair = [&](CLI::App* k) {
    k->add_option("--viewer", args->viewer, "Viewer member id")->transform(kDecimal)->required();
    k->add_option("--subject", args->subject, "Subject member id")->transform(kDecimal)->required();
  };
  auto limited = [&](CLI::App* k) {
    kinds.emplace_back(k, k->add_option("--limit", args->limit, "List the first K")->transform(kDecimal));
  };
  CLI::App* shared = kind("shared-connections", "Connections viewer and subject share (visible ones)");
  pair(shared);
  limited(shared);
  pair(kind("shared-schools", "Schools both attended, with year overlap"));
  pair(kind("shared-employers", "Employers both worked for, with year overlap"));
  CLI::App* at = kind("connections-at", "The viewer's connections who attended a school");
  at->add_option("--viewer", args->viewer, "Viewer member id")->transform(kDecimal)->required();
  at->add_option("--school", args->school, "School id")->transform(kDecimal)->required();
  limited(at);
  CLI::App* suggest = kind("suggest", "Connection suggestions from imported contacts");
  suggest->add_option("--member", args->member, "Member id")->transform(kDecimal)->required();
  suggest->add_flag("--include-2hop", args->include_2hop, "Also friends of friends");
  limited(suggest);
  CLI::App* meeting = kind("meeting", "Common ground with each attendee of a meeting");
  meeting->add_option("--viewer", args->viewer, "Viewer member id")->transform(kDecimal)->required();
  meeting->add_option("--attendees", args->attendees, "Attendee member ids, comma-separated")->required();
  limited(meeting);
  pair(kind("distance", "Degree of separation: 1, 2, 3 or out_of_network"));
  return [args, cmd, kinds]() -> Status {
    for (const auto& [k, limit] : kinds) {
      if (k->parsed()) args->limit_given = limit->count() > 0;
    }
    for (CLI::App* k : cmd->get_subcommands()) {
      Result<Json> j = answer(k->get_name(), *args);
      if (!j.ok()) return j.status();
      if (args->json) {
        std::cout << j->dump() << '\n';
      } else {
        print_text(std::cout, *j);
      }
      return Status::Ok();
    }
    return InvalidArgument("say which query to run");
  };
}

}  // namespace mutuals::cli
