// mutuals gen --members N --avg-degree D [--seed S] [--consent-mix] [--threads T] [--max-degree K] --out DIR
#include <iomanip>
#include <iostream>

#include "command.h"
#include "mutuals/gen/network.h"

namespace mutuals::cli {
namespace {

struct GenArgs {
  gen::NetworkOptions options;
  std::string out;
};

Status run_gen(const GenArgs& a) {
  Result<gen::NetworkReport> report = gen::generate_network(a.options, a.out);
  if (!report.ok()) return report.status();
  const gen::NetworkReport& r = *report;
  std::cout << "out          " << a.out << '\n'
            << "members      " << r.members << '\n'
            << "connections  " << r.connections << '\n'
            << std::fixed << std::setprecision(2)
            << "mean degree  " << r.mean_degree << " (asked " << a.options.avg_degree << ")\n"
            << "max degree   " << r.max_degree << " (cap " << a.options.max_degree << ", " << r.capped
            << " connections dropped at the cap)\n"
            << std::setprecision(3)
            << "community    " << r.community_share << " of connections inside a shared region, school or employer (sampled)\n"
            << "closure      " << r.closure_share << " of drawn connections close a triangle (friend of a friend)\n"
            << "schools      " << r.school_rows << " rows\n"
            << "employers    " << r.employer_rows << " rows\n"
            << "consent      " << r.consent_rows << " rows\n"
            << "seconds      " << r.seconds << '\n';
  return Status::Ok();
}

}  // namespace

Run add_gen_command(CLI::App& app) {
  auto args = std::make_shared<GenArgs>();
  gen::NetworkOptions& o = args->options;
  CLI::App* cmd = app.add_subcommand("gen", "Generate a synthetic LinkedIn-like network (edges, schools, employers, consent)");
  cmd->add_option("--members", o.members, "Members (N)")->required();
  cmd->add_option("--avg-degree", o.avg_degree, "Mean connections per member (D)")->required();
  cmd->add_option("--seed", o.seed, "Seed: the same seed gives the same files")->capture_default_str();
  cmd->add_flag("--consent-mix", o.consent_mix, "A realistic consent mix instead of everyone linked and visible");
  cmd->add_option("--threads", o.threads, "Threads (0 = all cores); the output does not depend on it");
  cmd->add_option("--max-degree", o.max_degree, "Connections cap per member")->capture_default_str();
  cmd->add_option("--out", args->out, "Directory for edges.csv, schools.csv, employers.csv, consent.csv")->required();
  return [args] { return run_gen(*args); };
}

}  // namespace mutuals::cli
