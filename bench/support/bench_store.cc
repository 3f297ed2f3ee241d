#include "support/bench_store.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "mutuals/loaders/edges.h"

namespace mutuals::bench {
namespace {

struct Holder {
  std::unique_ptr<BenchStore> store;
  std::string error;
  std::string tmp;
  ~Holder() {
    store.reset();
    std::error_code ec;
    if (!tmp.empty()) std::filesystem::remove_all(tmp, ec);
  }
};

void build(Holder& h) {
  const char* env = std::getenv("MUTUALS_BENCH_EDGES");
  std::string edges_path =
      env != nullptr ? env : std::string(MUTUALS_DATA_SAMPLES) + "/snap-soc-slashdot0902/soc-Slashdot0902.txt.gz";
  Result<loaders::EdgeList> edges = loaders::load_edges(edges_path);
  if (!edges.ok()) {
    h.error = edges.status().message();
    return;
  }
  BuildInput in;
  std::vector<MemberId> members;
  members.reserve(edges->edges.size() * 2);
  for (const MemberEdge& e : edges->edges) {
    members.push_back(e.a);
    members.push_back(e.b);
  }
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  for (MemberId m : members) in.consent.push_back({m, true, true, true, kAllGrants});
  in.edges = std::move(edges->edges);
  in.self_loops = edges->self_loops;

  std::string pattern = (std::filesystem::temp_directory_path() / "mutuals_bench_XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    h.error = "cannot create a temporary directory";
    return;
  }
  h.tmp = pattern;
  auto bs = std::make_unique<BenchStore>();
  bs->dir = h.tmp + "/bench.store";
  Result<BuildReport> report = build_store(std::move(in), bs->dir);
  if (!report.ok()) {
    h.error = report.status().message();
    return;
  }
  Result<std::shared_ptr<const Store>> store = Store::open(bs->dir);
  if (!store.ok()) {
    h.error = store.status().message();
    return;
  }
  bs->store = *store;
  bs->graph = decode_adjacency(*bs->store, 0);
  bs->insights = std::make_unique<Insights>(bs->store);
  h.store = std::move(bs);
}

}  // namespace

const BenchStore* bench_store(std::string* error) {
  static Holder holder;
  static const bool built = (build(holder), true);  // once, thread-safe
  (void)built;
  if (error != nullptr) *error = holder.error;
  return holder.store.get();
}

}  // namespace mutuals::bench
