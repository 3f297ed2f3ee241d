// mutuals bench STORE --workload pairs|viewer-batch|latency|all-edges
//               [--pairs FILE] [--threads N] [--json] [--items N] [--seed S] [--repeat R]
//               [--baselines csr-merge,boost-graph,croaring-unordered]
//
// The end-to-end bench of DESIGN §6 against its baselines, in this process
// over this store (bench/workloads/run_workload.h). Prints a table, or with
// --json the §5 "bench --json" object. Fails (exit 1) when the methods'
// checksums differ: the consent-checked method counts only what consent
// allows, so the store must be one where every member consents.
#include <cstdio>
#include <iostream>

#include "command.h"
#include "mutuals/insights.h"
#include "mutuals/loaders/pairs.h"
#include "progress.h"
#include "workloads/query_kinds.h"
#include "workloads/run_workload.h"

namespace mutuals::cli {
namespace {

struct BenchArgs {
  std::string store, workload, pairs;
  int threads = 1;
  bool json = false;
  std::uint64_t items = 0;
  std::uint64_t seed = bench::BenchOptions{}.seed;
  int repeat = bench::BenchOptions{}.repeat;
  std::vector<std::string> baselines;
};

Status run_bench(const BenchArgs& a) {
  Progress progress;
  if (a.workload == "queries") {
    progress.phase("opening " + a.store);
    Result<Insights> insights = Insights::open(a.store);
    if (!insights.ok()) return insights.status();
    nlohmann::ordered_json j = bench::time_query_kinds(*insights, a.items, a.seed);
    j["store"] = a.store;
    if (a.json) {
      std::cout << j.dump() << '\n';
    } else {
      std::printf("%-36s %12s %12s %10s\n", "query (one at a time)", "p50 ns", "p99 ns", "items");
      for (const auto& k : j["kinds"]) {
        std::printf("%-36s %12.0f %12.0f %10llu\n", k["name"].get<std::string>().c_str(), k["p50_ns"].get<double>(),
                    k["p99_ns"].get<double>(), static_cast<unsigned long long>(k["items"].get<std::uint64_t>()));
      }
    }
    return Status::Ok();
  }
  std::optional<bench::Workload> workload = bench::parse_workload(a.workload);
  if (!workload) {
    return InvalidArgument("--workload: '" + a.workload +
                           "' is not one of pairs, viewer-batch, latency, all-edges, queries");
  }
  bench::BenchOptions options;
  options.workload = *workload;
  options.threads = a.threads;
  options.items = a.items;
  options.seed = a.seed;
  options.repeat = a.repeat;
  options.baselines = a.baselines;
  options.progress = [&](const std::string& what) { progress.phase(what); };
  if (!a.pairs.empty()) {
    progress.phase("reading " + a.pairs);
    Result<std::vector<MemberPair>> pairs = loaders::load_pairs(a.pairs);
    if (!pairs.ok()) return pairs.status();
    options.pairs = std::move(*pairs);
  }
  progress.phase("opening " + a.store);
  Result<Insights> insights = Insights::open(a.store);
  if (!insights.ok()) return insights.status();
  Result<bench::BenchReport> report = bench::run_workload(*insights, options);
  if (!report.ok()) return report.status();
  report->extra["store"] = a.store;
  if (a.json) {
    std::cout << bench::to_json(*report).dump() << '\n';
  } else {
    bench::print_table(std::cout, *report);
  }
  return Status::Ok();
}

}  // namespace

Run add_bench_command(CLI::App& app) {
  auto args = std::make_shared<BenchArgs>();
  CLI::App* cmd = app.add_subcommand("bench", "Time a workload against the baselines (DESIGN §6)");
  cmd->add_option("store", args->store, "Store directory (every member should consent)")->required();
  cmd->add_option("--workload", args->workload, "pairs, viewer-batch, latency, all-edges, or queries (every query kind's latency)")->required();
  cmd->add_option("--pairs", args->pairs, "Pairs CSV (viewer,subject) instead of sampled pairs");
  cmd->add_option("--threads", args->threads, "Threads (0 = all cores)")->capture_default_str();
  cmd->add_flag("--json", args->json, "One JSON object (DESIGN §5 \"bench --json\")");
  cmd->add_option("--items", args->items,
                  "Items: pairs (pairs), subjects over all pages (viewer-batch), pairs a degree bucket (latency); "
                  "0 = the default");
  cmd->add_option("--seed", args->seed, "Seed for sampling")->capture_default_str();
  cmd->add_option("--repeat", args->repeat, "Timed passes a method (the median is reported)")->capture_default_str();
  cmd->add_option("--baselines", args->baselines,
                  "Baselines beside mutuals, comma-separated (default: csr-merge,boost-graph,croaring-unordered; "
                  "boost-graph and croaring-unordered need 15-60 bytes an entry)")
      ->delimiter(',');
  return [args] { return run_bench(*args); };
}

}  // namespace mutuals::cli
