// `mutuals gen` end to end (DESIGN §4, §6): the same seed gives the same
// files whatever the thread count; the files load with the project's own
// loaders; the network has the promised shape (no self-loops or duplicates,
// mean degree near D, the degree cap, sparse ids, clustering of a social
// network); `mutuals build` accepts it; and a failed run leaves no
// complete-looking set behind.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "mutuals/loaders/consent_file.h"
#include "mutuals/loaders/edges.h"
#include "mutuals/loaders/facets.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"
#include "tools/cli_test_util.h"

namespace mutuals::testing {
namespace {

using Names = std::vector<std::string>;

const Names kOutputs = {"consent.csv", "edges.csv", "employers.csv", "schools.csv"};

// Runs `mutuals gen` into `out`; fails the test unless it succeeds.
CliResult gen(const std::string& out, std::vector<std::string> extra) {
  std::vector<std::string> args = {"gen", "--out", out};
  args.insert(args.end(), extra.begin(), extra.end());
  CliResult r = run_cli(args);
  EXPECT_EQ(r.exit_code, 0) << r;
  return r;
}

// A loaded network: members by dense index, sorted adjacency.
struct Network {
  std::vector<MemberId> ids;                 // dense index -> member id
  std::vector<std::vector<std::uint32_t>> adjacency;
  std::uint64_t connections = 0;             // edge lines
  std::uint64_t self_loops = 0;
  std::uint64_t duplicates = 0;
};

Network load_network(const std::string& edges_path) {
  Result<loaders::EdgeList> edges = loaders::load_edges(edges_path);
  EXPECT_TRUE(edges.ok()) << edges.status().message();
  Network net;
  if (!edges.ok()) return net;
  net.connections = edges->edges.size();
  net.self_loops = edges->self_loops;
  std::unordered_map<MemberId, std::uint32_t> index;
  auto dense = [&](MemberId id) {
    const auto [it, inserted] = index.emplace(id, static_cast<std::uint32_t>(net.ids.size()));
    if (inserted) {
      net.ids.push_back(id);
      net.adjacency.emplace_back();
    }
    return it->second;
  };
  for (const MemberEdge& e : edges->edges) {
    const std::uint32_t a = dense(e.a), b = dense(e.b);
    net.adjacency[a].push_back(b);
    net.adjacency[b].push_back(a);
  }
  for (auto& list : net.adjacency) {
    std::sort(list.begin(), list.end());
    const auto end = std::unique(list.begin(), list.end());
    net.duplicates += static_cast<std::uint64_t>(list.end() - end);
    list.erase(end, list.end());
  }
  net.duplicates /= 2;
  return net;
}

// Average local clustering over every k-th member (about `samples` of them).
double average_clustering(const Network& net, std::size_t samples) {
  const std::size_t n = net.adjacency.size();
  const std::size_t stride = std::max<std::size_t>(1, n / samples);
  std::vector<std::uint32_t> mark(n, 0);
  std::uint32_t stamp = 0;
  double sum = 0;
  std::size_t count = 0;
  for (std::size_t v = 0; v < n; v += stride, ++count) {
    const auto& nv = net.adjacency[v];
    if (nv.size() < 2) continue;
    ++stamp;
    for (std::uint32_t u : nv) mark[u] = stamp;
    std::uint64_t closed = 0;
    for (std::uint32_t u : nv) {
      for (std::uint32_t w : net.adjacency[u]) closed += mark[w] == stamp;
    }
    const double wedges = 0.5 * double(nv.size()) * double(nv.size() - 1);
    sum += 0.5 * double(closed) / wedges;
  }
  return count ? sum / double(count) : 0.0;
}

// The 20,000-member network most tests look at, generated once.
constexpr int kMembers = 20000;
constexpr int kDegree = 50;

const std::string& network_dir() {
  static const std::unique_ptr<TempDir> dir = std::make_unique<TempDir>();
  static const std::string path = [] {
    const std::string out = dir->file("net");
    gen(out, {"--members", std::to_string(kMembers), "--avg-degree", std::to_string(kDegree), "--seed", "7"});
    return out;
  }();
  return path;
}

const Network& network() {
  static const Network net = load_network(network_dir() + "/edges.csv");
  return net;
}

TEST(Gen, WritesTheFourFilesAndNothingElse) {
  EXPECT_EQ(list_dir(network_dir()), kOutputs);
  const std::string edges = read_file(network_dir() + "/edges.csv");
  EXPECT_EQ(edges.substr(0, edges.find('\n')), "member,connection");
  const std::string schools = read_file(network_dir() + "/schools.csv");
  EXPECT_EQ(schools.substr(0, schools.find('\n')), "member,school,start_year,end_year");
  const std::string employers = read_file(network_dir() + "/employers.csv");
  EXPECT_EQ(employers.substr(0, employers.find('\n')), "member,employer,start_year,end_year");
  const std::string consent = read_file(network_dir() + "/consent.csv");
  EXPECT_EQ(consent.substr(0, consent.find('\n')), "member,linked,visible,grants,rolled_out");
}

TEST(Gen, SameSeedSameFilesWhateverTheThreads) {
  TempDir dir;
  const Names small = {"--members", "5000", "--avg-degree", "20", "--seed", "11", "--consent-mix"};
  auto with = [&](Names extra) {
    Names args = small;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  gen(dir.file("one"), with({"--threads", "1"}));
  gen(dir.file("two"), with({"--threads", "2"}));
  gen(dir.file("all"), with({}));
  const auto one = dir_snapshot(dir.file("one"));
  EXPECT_EQ(one.size(), 4u);
  EXPECT_TRUE(one == dir_snapshot(dir.file("two")));
  EXPECT_TRUE(one == dir_snapshot(dir.file("all")));

  Names other = small;
  other[5] = "12";  // --seed 12
  gen(dir.file("other"), other);
  const auto different = dir_snapshot(dir.file("other"));
  for (const std::string& name : kOutputs) {
    EXPECT_NE(one.at(name), different.at(name)) << name << " does not depend on the seed";
  }
}

TEST(Gen, EdgesAreSimpleAndMeanDegreeIsNearD) {
  const Network& net = network();
  EXPECT_EQ(net.self_loops, 0u);
  EXPECT_EQ(net.duplicates, 0u);
  for (std::size_t v = 0; v < net.adjacency.size(); ++v) {
    ASSERT_FALSE(std::binary_search(net.adjacency[v].begin(), net.adjacency[v].end(), v)) << v;
  }
  // Every member has a consent row; members with no connection would be
  // missing from the edge list, and there should be (almost) none.
  EXPECT_GE(net.ids.size(), kMembers * 99 / 100);
  EXPECT_LE(net.ids.size(), std::size_t{kMembers});
  const double mean = 2.0 * double(net.connections) / kMembers;
  EXPECT_NEAR(mean, kDegree, 0.15 * kDegree);
}

TEST(Gen, DegreesAreHeavyTailed) {
  const Network& net = network();
  std::vector<std::size_t> degree;
  for (const auto& list : net.adjacency) degree.push_back(list.size());
  std::sort(degree.begin(), degree.end());
  const std::size_t median = degree[degree.size() / 2];
  const std::size_t max = degree.back();
  // A power law with exponent 2.2 and mean 50: median well below the mean,
  // hubs far above it.
  EXPECT_LT(median, std::size_t{kDegree});
  EXPECT_GT(max, std::size_t{10 * kDegree});
  // And more than 1% of members above 4x the mean (a Poisson graph has none).
  const auto above = static_cast<std::size_t>(
      degree.end() - std::upper_bound(degree.begin(), degree.end(), std::size_t{4 * kDegree}));
  EXPECT_GT(above, degree.size() / 100);
}

TEST(Gen, DegreeCapIsRespected) {
  TempDir dir;
  const CliResult r = gen(dir.file("net"), {"--members", "20000", "--avg-degree", "40", "--max-degree", "250"});
  const Network net = load_network(dir.file("net") + "/edges.csv");
  std::size_t max = 0;
  for (const auto& list : net.adjacency) max = std::max(max, list.size());
  EXPECT_LE(max, 250u);
  EXPECT_GE(max, 200u) << "the cap should bind for the largest hubs";
  EXPECT_NEAR(2.0 * double(net.connections) / 20000, 40, 0.15 * 40);
  EXPECT_NE(r.out.find("max degree   " + std::to_string(max) + " (cap 250"), std::string::npos) << r;
}

TEST(Gen, MemberIdsAreSparseAndUnique) {
  const Result<std::vector<ConsentRecord>> consent = loaders::load_consent(network_dir() + "/consent.csv");
  ASSERT_TRUE(consent.ok()) << consent.status().message();  // the loader rejects repeated members
  ASSERT_EQ(consent->size(), std::size_t{kMembers});
  std::vector<MemberId> ids;
  for (const ConsentRecord& c : *consent) ids.push_back(c.member);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
  // Not 0..N-1, nor any dense range: spread over the 64-bit space.
  EXPECT_GT(ids.back() - ids.front(), MemberId{1} << 60);
  std::size_t small = 0;
  for (MemberId id : ids) small += id < MemberId{kMembers};
  EXPECT_EQ(small, 0u);
  // Every member of the edge list has a consent row (and so is a member).
  const std::unordered_set<MemberId> known(ids.begin(), ids.end());
  for (MemberId id : network().ids) ASSERT_TRUE(known.count(id)) << id;
}

TEST(Gen, ClusteringIsThatOfASocialNetwork) {
  // LinkedIn-like: far above a random graph of the same degrees (about
  // mean degree / N, here 0.0025), around 0.1-0.3.
  const double c = average_clustering(network(), 4000);
  EXPECT_GE(c, 0.10);
  EXPECT_LE(c, 0.30);
  RecordProperty("average_clustering", std::to_string(c));
}

TEST(Gen, SchoolsAndEmployersHavePlausibleYears) {
  for (const std::string column : {"school", "employer"}) {
    const Result<std::vector<FacetRecord>> rows = loaders::load_facets(network_dir() + "/" + column + "s.csv", column);
    ASSERT_TRUE(rows.ok()) << rows.status().message();
    std::map<MemberId, int> per_member;
    std::set<std::uint64_t> values;
    std::size_t ongoing = 0;
    for (const FacetRecord& r : *rows) {
      ++per_member[r.member];
      values.insert(r.value);
      ASSERT_TRUE(r.start_year.has_value());
      EXPECT_GE(*r.start_year, 1960) << column;
      EXPECT_LE(*r.start_year, 2030) << column;
      if (r.end_year) {
        EXPECT_LE(*r.start_year, *r.end_year) << column;
        EXPECT_LE(*r.end_year - *r.start_year, 10) << column;
      } else {
        ++ongoing;
      }
    }
    EXPECT_EQ(per_member.size(), std::size_t{kMembers}) << column;
    for (const auto& [member, count] : per_member) {
      ASSERT_GE(count, 1) << column;
      ASSERT_LE(count, 3) << column;
    }
    // Schools always end; most members hold a current job.
    if (column == "school") {
      EXPECT_EQ(ongoing, 0u);
    } else {
      EXPECT_GT(ongoing, std::size_t{kMembers / 2});
    }
    // Sparse ids, and a realistic number of them (~N/2000 schools, ~N/500 employers).
    EXPECT_GT(*values.rbegin(), 1'000'000u) << column;
    EXPECT_GE(values.size(), column == "school" ? 5u : 20u) << column;
  }
}

TEST(Gen, DefaultConsentLinksEveryone) {
  const Result<std::vector<ConsentRecord>> consent = loaders::load_consent(network_dir() + "/consent.csv");
  ASSERT_TRUE(consent.ok()) << consent.status().message();
  for (const ConsentRecord& c : *consent) {
    ASSERT_TRUE(c.linked && c.visible && c.rolled_out && c.grants == kAllGrants) << c.member;
  }
}

TEST(Gen, ConsentMixIsRealistic) {
  TempDir dir;
  gen(dir.file("net"), {"--members", "20000", "--avg-degree", "10", "--consent-mix"});
  const Result<std::vector<ConsentRecord>> consent = loaders::load_consent(dir.file("net") + "/consent.csv");
  ASSERT_TRUE(consent.ok()) << consent.status().message();
  std::size_t full = 0, revoked = 0, hidden = 0, not_rolled_out = 0, unlinked = 0;
  for (const ConsentRecord& c : *consent) {
    if (!c.rolled_out) ++not_rolled_out;
    if (!c.visible) ++hidden;
    if (c.linked && c.visible && c.rolled_out && c.grants == kAllGrants) ++full;
    if (c.linked && c.grants != kAllGrants) ++revoked;
    if (!c.linked) {
      ++unlinked;
      EXPECT_EQ(c.grants, 0) << "an unlinked member has no grants";
    }
  }
  const double n = 20000;
  EXPECT_NEAR(double(consent->size()) / n, 0.95, 0.01);  // ~5% have no record
  EXPECT_NEAR(full / n, 0.60, 0.02);
  EXPECT_NEAR(revoked / n, 0.10, 0.01);
  EXPECT_NEAR(hidden / n, 0.10, 0.01);
  EXPECT_NEAR(not_rolled_out / n, 0.05, 0.01);
  EXPECT_NEAR(unlinked / n, 0.15, 0.02);  // the unlinked tenth and half the hidden
}

TEST(Gen, BuildAcceptsTheOutput) {
  TempDir dir;
  const std::string& net = network_dir();
  const std::string store = dir.file("store");
  const CliResult built = run_cli({"build", "--edges", net + "/edges.csv", "--schools", net + "/schools.csv",
                                   "--employers", net + "/employers.csv", "--consent", net + "/consent.csv",
                                   "--out", store});
  ASSERT_EQ(built.exit_code, 0) << built;
  EXPECT_NE(built.out.find("self-loops   0 dropped"), std::string::npos) << built;
  EXPECT_NE(built.out.find("duplicates   0 dropped"), std::string::npos) << built;
  const CliResult info = run_cli({"info", store, "--json"});
  ASSERT_EQ(info.exit_code, 0) << info;
  EXPECT_EQ(json_number(info.out, "members"), kMembers) << info;
  EXPECT_EQ(json_number(info.out, "entries"), static_cast<long long>(2 * network().connections)) << info;
}

TEST(Gen, BadUsageExitsTwo) {
  TempDir dir;
  const std::vector<Names> bad = {
      {"gen", "--members", "1", "--avg-degree", "1", "--out", dir.file("a")},
      {"gen", "--members", "100", "--avg-degree", "0", "--out", dir.file("b")},
      {"gen", "--members", "100", "--avg-degree", "60", "--out", dir.file("c")},
      {"gen", "--members", "100", "--avg-degree", "5", "--max-degree", "0", "--out", dir.file("d")},
      {"gen", "--members", "100", "--avg-degree", "5"},
      {"gen", "--members", "x", "--avg-degree", "5", "--out", dir.file("e")},
  };
  for (const Names& args : bad) {
    const CliResult r = run_cli(args);
    EXPECT_EQ(r.exit_code, 2) << r;
    EXPECT_FALSE(r.err.empty()) << r;
  }
  EXPECT_TRUE(list_dir(dir.path()).empty());
}

TEST(Gen, FailedRunLeavesNoCompleteSet) {
  TempDir dir;
  const std::string out = dir.file("net");
  // A directory where edges.csv.tmp should go makes the run fail.
  std::filesystem::create_directories(out + "/edges.csv.tmp");
  const CliResult r = run_cli({"gen", "--members", "1000", "--avg-degree", "10", "--out", out});
  EXPECT_EQ(r.exit_code, 1) << r;
  EXPECT_NE(r.err.find("edges.csv.tmp"), std::string::npos) << r;
  EXPECT_EQ(list_dir(out), Names{"edges.csv.tmp"}) << "no other file may be left behind";

  // A successful run replaces a previous set entirely, leaving no .tmp file.
  std::filesystem::remove(out + "/edges.csv.tmp");
  gen(out, {"--members", "1000", "--avg-degree", "10", "--seed", "1"});
  const auto first = dir_snapshot(out);
  gen(out, {"--members", "1000", "--avg-degree", "10", "--seed", "2"});
  EXPECT_EQ(list_dir(out), kOutputs);
  EXPECT_NE(dir_snapshot(out).at("edges.csv"), first.at("edges.csv"));
}

}  // namespace
}  // namespace mutuals::testing
