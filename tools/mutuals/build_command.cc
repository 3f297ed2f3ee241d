// mutuals build --edges FILE [--consent FILE] [--order NAME] [--dense-budget F] --out STORE
#include <future>
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
  double dense_budget = DenseRule{}.budget;
  int threads = 0;
};

Status run_build(const BuildArgs& a) {
  Progress progress;
  std::optional<VertexOrder> order = parse_order(a.order);
  if (!order) return InvalidArgument("--order: unknown order '" + a.order + "' (none, degree, bfs, rcm, community)");
  BuildInput input;
  input.order = *order;
  input.dense.budget = a.dense_budget;
  input.threads = a.threads;
  // The consent and facet files are read on their own thread while the
  // edge list (parsed on all threads) is read: their single-threaded parse
  // fills gaps instead of adding to the wall time.
  struct SideFiles {
    Status status;
    std::vector<ConsentRecord> consent;
    std::vector<FacetRecord> schools, employers;
  };
  std::future<SideFiles> side = std::async(std::launch::async, [&a] {
    SideFiles f;
    if (!a.consent.empty()) {
      Result<std::vector<ConsentRecord>> consent = loaders::load_consent(a.consent);
      if (!consent.ok()) return f.status = consent.status(), f;
      f.consent = std::move(*consent);
    }
    if (!a.schools.empty()) {
      Result<std::vector<FacetRecord>> rows = loaders::load_facets(a.schools, "school");
      if (!rows.ok()) return f.status = rows.status(), f;
      f.schools = std::move(*rows);
    }
    if (!a.employers.empty()) {
      Result<std::vector<FacetRecord>> rows = loaders::load_facets(a.employers, "employer");
      if (!rows.ok()) return f.status = rows.status(), f;
      f.employers = std::move(*rows);
    }
    return f;
  });
  progress.phase("reading " + a.edges + (a.consent.empty() && a.schools.empty() && a.employers.empty()
                                             ? std::string()
                                             : " (and the consent and facet files beside it)"));
  Result<loaders::EdgeList> edges = loaders::load_edges(a.edges);
  SideFiles files = side.get();
  // Errors in file order of the command line: the edge list first.
  if (!edges.ok()) return edges.status();
  if (!files.status.ok()) return files.status;
  input.edges = std::move(edges->edges);
  input.self_loops = edges->self_loops;
  input.extra_members = std::move(edges->self_loop_members);
  input.consent = std::move(files.consent);
  input.schools = std::move(files.schools);
  input.employers = std::move(files.employers);
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
            << "dense        " << r.dense_containers << " containers\n"
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
  cmd->add_option("--dense-budget", args->dense_budget,
                  "Extra bytes for hubs' dense containers, a fraction of the adjacency (0 = none)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_option("--out", args->out, "Store directory to write (replaced atomically)")->required();
  cmd->add_option("--threads", args->threads, "Threads (0 = all cores)")->transform(kDecimal);
  return [args] { return run_build(*args); };
}

}  // namespace mutuals::cli
