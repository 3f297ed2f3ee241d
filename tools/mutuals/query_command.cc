// mutuals query STORE <kind> ...: one consent-checked question.
#include <iostream>

#include "command.h"
#include "mutuals/insights.h"
#include "output.h"

namespace mutuals::cli {
namespace {

struct QueryArgs {
  std::string store;
  MemberId viewer = 0, subject = 0;
  std::size_t limit = 0;
  std::uint64_t min_version = 0;
  bool json = false;
};

Status run_shared_connections(const QueryArgs& a) {
  Result<Insights> insights = Insights::open(a.store);
  if (!insights.ok()) return insights.status();
  Result<bool> reached = insights->reached(a.min_version);
  if (!reached.ok()) return reached.status();
  SharedConnections r;
  if (*reached) {
    r = insights->shared_connections(a.viewer, a.subject, a.limit);
  } else {
    r = {QueryStatus::kNotYet, a.viewer, a.subject, 0, {}};
  }
  if (a.json) {
    std::cout << to_json(r).dump() << '\n';
  } else {
    print_text(std::cout, r);
  }
  return Status::Ok();
}

}  // namespace

Run add_query_command(CLI::App& app) {
  auto args = std::make_shared<QueryArgs>();
  CLI::App* cmd = app.add_subcommand("query", "Answer one consent-checked question");
  cmd->add_option("store", args->store, "Store directory")->required();
  cmd->require_subcommand(1);
  CLI::App* shared = cmd->add_subcommand("shared-connections", "Connections viewer and subject share");
  shared->add_option("--viewer", args->viewer, "Viewer member id")->required();
  shared->add_option("--subject", args->subject, "Subject member id")->required();
  shared->add_option("--limit", args->limit, "List the first K shared connections by member id");
  shared->add_flag("--json", args->json, "One JSON object");
  shared->add_option("--min-version", args->min_version,
                     "Answer only at consent version V or later (else status not_yet)");
  return [args, shared]() -> Status {
    if (shared->parsed()) return run_shared_connections(*args);
    return InvalidArgument("unknown query kind");
  };
}

}  // namespace mutuals::cli
