// mutuals build --edges FILE [--consent FILE] [--order NAME] --out STORE
#include <iostream>

#include "command.h"
#include "decimal.h"
#include "mutuals/loaders/consent_file.h"
#include "mutuals/loaders/edges.h"
#include "mutuals/loaders/facets.h"
#include "mutuals/store.h"
#include "progress.h"

namespace mutuals::cli {
namespace {

struct BuildArgs {
  std::string edges, consent, schools, employers, order = std::string(to_string(kDefaultOrder)), out;
  int threads = 0;
};

Status run_build(const BuildArgs& a) {
  Progress progress;
  std::optional<VertexOrder> order = parse_order(a.order);
  if (!order) return InvalidArgument("--order: unknown order '" + a.order + "' (none, degree, bfs, rcm, community)");
  BuildInput input;
  input.order = *order;
  input.threads = a.threads;
  progress.phase("reading " + a.edges);
  Result<loaders::EdgeList> edges = loaders::load_edges(a.edges);
  if (!edges.ok()) return edges.status();
  input.edges = std::move(edges->edges);
  input.self_loops = edges->self_loops;
  input.extra_members = std::move(edges->self_loop_members);
  if (!a.consent.empty()) {
    progress.phase("reading " + a.consent);
    Result<std::vector<ConsentRecord>> consent = loaders::load_consent(a.consent);
    if (!consent.ok()) return consent.status();
    input.consent = std::move(*consent);
  }
  if (!a.schools.empty()) {
    progress.phase("reading " + a.schools);
    Result<std::vector<FacetRecord>> rows = loaders::load_facets(a.schools, "school");
    if (!rows.ok()) return rows.status();
    input.schools = std::move(*rows);
  }
  if (!a.employers.empty()) {
    progress.phase("reading " + a.employers);
    Result<std::vector<FacetRecord>> rows = loaders::load_facets(a.employers, "employer");
    if (!rows.ok()) return rows.status();
    input.employers = std::move(*rows);
  }
  progress.phase("building the store");
  Result<BuildReport> report = build_store(std::move(input), a.out);
  if (!report.ok()) return report.status();
  const BuildReport& r = *report;
  std::cout << "store        " << a.out << '\n'
            << "members      " << r.members << '\n'
            << "connections  " << r.connections << '\n'
            << "self-loops   " << r.self_loops << " dropped\n"
            << "duplicates   " << r.duplicates_dropped << " dropped\n"
            << "order        " << a.order << '\n'
            << "adjacency    " << r.adjacency_bytes << " bytes ("
            << (r.connections ? double(r.adjacency_bytes) / double(2 * r.connections) : 0.0) << " per entry)\n"
            << "seconds      " << r.seconds << '\n';
  return Status::Ok();
}

}  // namespace

Run add_build_command(CLI::App& app) {
  auto args = std::make_shared<BuildArgs>();
  CLI::App* cmd = app.add_subcommand("build", "Build a store from an edge list and consent state");
  cmd->add_option("--edges", args->edges, "Edge list (two member ids a line; .gz read directly)")->required();
  cmd->add_option("--consent", args->consent, "Consent state CSV: member,linked,visible,grants[,rolled_out]");
  cmd->add_option("--schools", args->schools, "Schools CSV: member,school[,start_year,end_year]");
  cmd->add_option("--employers", args->employers, "Employers CSV: member,employer[,start_year,end_year]");
  cmd->add_option("--order", args->order, "Vertex order: none, degree, bfs, rcm, community")->capture_default_str();
  cmd->add_option("--out", args->out, "Store directory to write (replaced atomically)")->required();
  cmd->add_option("--threads", args->threads, "Threads (0 = all cores)")->transform(kDecimal);
  return [args] { return run_build(*args); };
}

}  // namespace mutuals::cli
