// `mutuals gen`: the model (model.h) drives a oneTBB pipeline over blocks of
// members in index order:
//   1. draw (parallel): each member's connections to later members, Chung-Lu
//      within each of its communities plus closure, deduplicated by a sort;
//   2. cap (serial, in order): members whose degree could reach the cap are
//      counted and their excess connections dropped, in index order, so the
//      result does not depend on thread timing;
//   3. format (parallel): CSV text of the block, for all four files;
//   4. write (serial, in order): append to the .tmp files.
// Memory is the model (model.h: about 190 bytes a member; 3 GB for 10M)
// plus a bounded number of blocks in flight; no edge outlives its block.
// Before the pipeline, a sample of members measures the mean degree the
// model will give and the targets are rescaled once if it is off by more
// than 2% (duplicates and saturated hub pairs lose more as weights grow).
#include "mutuals/gen/network.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/concurrent_queue.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <memory>
#include <vector>

#include "model.h"
#include "output.h"
#include "random.h"
#include "rows.h"
#include "text.h"

namespace mutuals::gen {
namespace {

using namespace internal;

// Closure walks per drawn connection. About half go on (closure_accept), so
// about 0.17 closing connections per drawn one (15% of all draws). Circles
// give most of the clustering (about 0.15); closure adds 0.02-0.03 and
// triangles across communities.
constexpr double kClosure = 0.35;
// First guess of realized mean degree over mean target weight: closure adds,
// duplicates and saturated pairs (hubs among hubs) take away. The model is
// then measured on a sample and rebuilt once if the guess was off.
constexpr double kExpansion = 0.95;
constexpr std::uint32_t kBlockMembers = 2048;
constexpr std::uint32_t kSampleMembers = 32768;
constexpr double kCalibrationTolerance = 0.02;
constexpr std::uint32_t kDropped = kNone;

struct Block {
  std::uint32_t first = 0, last = 0;
  std::vector<std::uint32_t> partners;  // member first + k: partners[offsets[k] .. offsets[k + 1])
  std::vector<std::uint32_t> offsets;
  std::vector<PickRequest> requests;    // scratch
  std::uint64_t draws = 0, closure_draws = 0, capped = 0;
  std::uint64_t connections = 0, school_rows = 0, employer_rows = 0, consent_rows = 0;
  Text text[kOutputFiles];
};

struct Totals {
  std::uint64_t draws = 0, closure_draws = 0, capped = 0;
  std::uint64_t connections = 0, school_rows = 0, employer_rows = 0, consent_rows = 0;
  void add(const Block& b) {
    draws += b.draws;
    closure_draws += b.closure_draws;
    capped += b.capped;
    connections += b.connections;
    school_rows += b.school_rows;
    employer_rows += b.employer_rows;
    consent_rows += b.consent_rows;
  }
};

// Resolves b.requests and appends the partners to b.partners.
void resolve_requests(const Model& m, Block& b) {
  const std::size_t at = b.partners.size();
  b.partners.resize(at + b.requests.size());
  m.resolve(b.requests.data(), b.requests.size(), b.partners.data() + at);
  b.requests.clear();
}

// Stage 1: member i's later neighbours, appended to b.partners, sorted, unique.
void draw_member(const Model& m, std::uint32_t i, Block& b) {
  std::vector<std::uint32_t>& out = b.partners;
  const std::size_t start = out.size();
  const Slots& sl = m.slots[i];
  b.requests.clear();
  for (int s = 0; s < kSlots; ++s) {
    const std::uint32_t count = sl.cum[s + 1] - sl.cum[s];
    if (count == 0) continue;
    const std::uint64_t key = m.slot_key(i, s);
    for (std::uint32_t r = 0; r < count; ++r) b.requests.push_back({key, i, r, s});
  }
  resolve_requests(m, b);
  if (sl.pos[kCircleSlot] != kNone) {
    // The circle: each later member in turn, with probability w_i w_j / W.
    const Partition& p = m.partitions[kCirclePartition];
    const std::uint32_t pos = sl.pos[kCircleSlot], end = sl.end[kCircleSlot];
    const std::uint32_t circle = m.profiles[i].community[kCircleSlot];
    const double total = p.prefix(end) - p.prefix(p.begin[circle]);
    const double scale = total > 0 ? (p.entries[pos].end - p.prefix(pos)) / total : 0.0;
    const std::uint64_t key = m.slot_key(i, kCircleSlot);
    double previous = p.entries[pos].end;
    for (std::uint32_t q = pos + 1; q < end; ++q) {
      const double w = p.entries[q].end - previous;
      previous = p.entries[q].end;
      if (unit(draw(key, q - pos)) < w * scale) out.push_back(p.entries[q].member);
    }
  }
  const auto drawn = static_cast<std::uint32_t>(out.size() - start);
  b.draws += drawn;
  if (drawn != 0) {
    // Closure: walk i -> j (one of i's draws) -> k (one of j's draws); k > j > i.
    const std::uint64_t key = stream_key(m.params.seed, Purpose::kClosure, i);
    const std::uint32_t walks = stochastic_round(kClosure * drawn, draw(key, 0));
    constexpr std::uint32_t kBatch = 16;
    std::uint32_t via[kBatch];
    for (std::uint32_t base = 0; base < walks; base += kBatch) {
      const std::uint32_t k = std::min(kBatch, walks - base);
      for (std::uint32_t x = 0; x < k; ++x) {
        via[x] = out[start + below(draw(key, 1 + base + x), drawn)];
        const char* p = reinterpret_cast<const char*>(&m.slots[via[x]]);
        __builtin_prefetch(p);
        __builtin_prefetch(p + 64);
      }
      for (std::uint32_t x = 0; x < k; ++x) {
        const std::uint64_t h = draw(key, 1 + base + x);
        const std::uint32_t j = via[x];
        const Slots& sj = m.slots[j];
        const std::uint32_t total = sj.cum[kSlots];
        if (total == 0 || unit(mix64(h ^ kGolden)) >= sj.closure_accept) continue;
        const std::uint32_t r = below(mix64(h), total);
        int s = 0;
        while (sj.cum[s + 1] <= r) ++s;
        b.requests.push_back({m.slot_key(j, s), j, r - sj.cum[s], s});
      }
      b.closure_draws += b.requests.size();
      resolve_requests(m, b);
    }
  }
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(start), out.end());
  out.erase(std::unique(out.begin() + static_cast<std::ptrdiff_t>(start), out.end()), out.end());
}

void draw_block(const Model& m, Block& b) {
  b.partners.clear();
  b.offsets.clear();
  b.draws = b.closure_draws = b.capped = 0;
  for (std::uint32_t i = b.first; i < b.last; ++i) {
    b.offsets.push_back(static_cast<std::uint32_t>(b.partners.size()));
    draw_member(m, i, b);
  }
  b.offsets.push_back(static_cast<std::uint32_t>(b.partners.size()));
}

// Stage 2: the degree cap, exact for every member that could reach it. The
// members with the highest targets are counted too, for the report's maximum.
class DegreeCap {
 public:
  static constexpr std::uint32_t kTopMembers = 1024;

  DegreeCap(const Model& m, std::uint32_t cap) : cap_(cap), tracked_((m.params.members + 63) / 64, 0) {
    const std::uint32_t n = m.params.members;
    std::vector<float> top(m.target);
    const std::size_t k = std::min<std::size_t>(kTopMembers, n) - 1;
    std::nth_element(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(k), top.end(), std::greater<float>());
    const float top_target = top[k];
    std::vector<float>().swap(top);
    for (std::uint32_t i = 0; i < n; ++i) {
      // Expected degree is below target * (1 + closure); allow six standard deviations.
      const double mean = m.target[i] * (1.0 + kClosure);
      if (mean + 6.0 * std::sqrt(mean) + 10.0 >= cap || m.target[i] >= top_target) {
        tracked_[i / 64] |= std::uint64_t{1} << (i % 64);
      }
    }
    degree_.assign(n, 0);
  }

  void apply(Block& b) {
    for (std::uint32_t i = b.first; i < b.last; ++i) {
      const bool ti = tracked(i);
      const std::uint32_t k = i - b.first;
      for (std::uint32_t e = b.offsets[k]; e < b.offsets[k + 1]; ++e) {
        const std::uint32_t j = b.partners[e];
        const bool tj = tracked(j);
        if (!ti && !tj) continue;
        if ((ti && degree_[i] >= cap_) || (tj && degree_[j] >= cap_)) {
          b.partners[e] = kDropped;
          ++b.capped;
          continue;
        }
        if (ti) ++degree_[i];
        if (tj) ++degree_[j];
      }
    }
  }

  std::uint32_t max_degree() const { return *std::max_element(degree_.begin(), degree_.end()); }

 private:
  bool tracked(std::uint32_t i) const { return (tracked_[i / 64] >> (i % 64)) & 1; }

  std::uint32_t cap_;
  std::vector<std::uint64_t> tracked_;
  std::vector<std::uint32_t> degree_;
};

// What a fixed sample of members (every k-th) says about the whole. Mean
// degree is twice the mean number of later neighbours; the sample measures
// realized / expected later neighbours (a ratio estimator: hubs weigh in both
// terms, so the heavy tail does not make it noisy) and the model knows the
// expected total exactly. Community share: connections whose two ends share
// a region, school or employer. Integer sums, so deterministic.
struct Sample {
  double mean_degree = 0;
  double community_share = 0;
};

bool share_community(const Model& m, std::uint32_t a, std::uint32_t b) {
  const Profile& pa = m.profiles[a];
  const Profile& pb = m.profiles[b];
  if (pa.community[kRegionSlot] == pb.community[kRegionSlot]) return true;
  for (int x = kFirstSchoolSlot; x < kFirstSchoolSlot + pa.schools; ++x) {
    for (int y = kFirstSchoolSlot; y < kFirstSchoolSlot + pb.schools; ++y) {
      if (m.facet_of(x, pa.community[x]) == m.facet_of(y, pb.community[y])) return true;
    }
  }
  for (int x = kFirstEmployerSlot; x < kFirstEmployerSlot + pa.employers; ++x) {
    for (int y = kFirstEmployerSlot; y < kFirstEmployerSlot + pb.employers; ++y) {
      if (m.facet_of(x, pa.community[x]) == m.facet_of(y, pb.community[y])) return true;
    }
  }
  return false;
}

Sample measure_sample(const Model& m) {
  const std::uint32_t n = m.params.members;
  const std::uint32_t stride = std::max<std::uint32_t>(1, n / kSampleMembers);
  const std::uint32_t samples = (n + stride - 1) / stride;
  std::atomic<std::uint64_t> connections{0}, inside{0}, expected_sum{0};
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, samples, 256), [&](const tbb::blocked_range<std::uint32_t>& r) {
    Block b;
    std::uint64_t count = 0, shared = 0, expected = 0;
    for (std::uint32_t x = r.begin(); x != r.end(); ++x) {
      const std::uint32_t i = x * stride;
      b.partners.clear();
      draw_member(m, i, b);
      count += b.partners.size();
      expected += static_cast<std::uint64_t>(std::llround(1024.0 * m.slots[i].expected_later));
      for (const std::uint32_t j : b.partners) shared += share_community(m, i, j);
    }
    connections.fetch_add(count, std::memory_order_relaxed);
    inside.fetch_add(shared, std::memory_order_relaxed);
    expected_sum.fetch_add(expected, std::memory_order_relaxed);
  });
  Sample s;
  const double ratio = expected_sum.load() ? 1024.0 * double(connections.load()) / double(expected_sum.load()) : 0.0;
  s.mean_degree = 2.0 * ratio * m.expected_later_total / n;
  s.community_share = connections.load() ? static_cast<double>(inside.load()) / connections.load() : 0.0;
  return s;
}

// Stage 3: CSV text of a block.
void format_block(const Model& m, bool consent_mix, Block& b) {
  const std::uint64_t seed = m.params.seed;
  for (Text& t : b.text) t.clear();
  b.connections = b.school_rows = b.employer_rows = b.consent_rows = 0;
  for (std::uint32_t i = b.first; i < b.last; ++i) {
    const MemberId id = member_id(seed, i);
    const std::uint32_t k = i - b.first;
    const std::uint32_t from = b.offsets[k], to = b.offsets[k + 1];
    char* at = b.text[kEdgesFile].reserve(static_cast<std::size_t>(to - from) * (2 * kMaxNumber + 2));
    std::uint32_t kept = 0;
    for (std::uint32_t e = from; e < to; ++e) {
      const std::uint32_t j = b.partners[e];
      if (j == kDropped) continue;
      at = put(at, id);
      at = put(at, ',');
      at = put(at, member_id(seed, j));
      at = put(at, '\n');
      ++kept;
    }
    b.text[kEdgesFile].commit(at);
    b.connections += kept;
    b.school_rows += append_schools(m, i, id, b.text[kSchoolsFile]);
    b.employer_rows += append_employers(m, i, id, b.text[kEmployersFile]);
    b.consent_rows += append_consent(seed, i, id, consent_mix, b.text[kConsentFile]);
  }
}

Result<NetworkReport> run(const NetworkOptions& o, const std::string& dir, int threads) {
  const auto started = std::chrono::steady_clock::now();
  const auto n = static_cast<std::uint32_t>(o.members);
  ModelParams params;
  params.members = n;
  params.seed = o.seed;
  params.avg_degree = o.avg_degree / kExpansion;
  // Hubs need room: a target above about N/8 cannot be met by Chung-Lu.
  params.weight_cap = std::min<double>({double(o.max_degree), double(n - 1),
                                        std::max(4.0 * o.avg_degree, double(n) / 8.0)});
  OutputSet output;
  MUTUALS_RETURN_IF_ERROR(output.open(dir));
  Model model = Model::build(params);
  // Mean degree is twice the mean number of later neighbours, which a sample
  // of members measures without generating the rest. Losses grow with the
  // weights, so one correction lands within a few percent.
  Sample sample = measure_sample(model);
  if (sample.mean_degree > 0 && std::abs(sample.mean_degree / o.avg_degree - 1.0) > kCalibrationTolerance) {
    model.reweigh(model.params.avg_degree * o.avg_degree / sample.mean_degree);
    sample = measure_sample(model);
  }

  DegreeCap cap(model, o.max_degree);
  const std::size_t tokens = 4 * static_cast<std::size_t>(threads);
  std::vector<std::unique_ptr<Block>> blocks;
  tbb::concurrent_queue<Block*> free_blocks;
  for (std::size_t t = 0; t < tokens; ++t) {
    blocks.push_back(std::make_unique<Block>());
    free_blocks.push(blocks.back().get());
  }
  Totals totals;
  Status status;
  std::atomic<bool> failed{false};
  std::uint32_t next = 0;
  tbb::parallel_pipeline(
      tokens,
      tbb::make_filter<void, Block*>(tbb::filter_mode::serial_in_order,
                                     [&](tbb::flow_control& fc) -> Block* {
                                       Block* b = nullptr;
                                       if (next >= n || failed.load(std::memory_order_relaxed) ||
                                           !free_blocks.try_pop(b)) {
                                         fc.stop();
                                         return nullptr;
                                       }
                                       b->first = next;
                                       b->last = static_cast<std::uint32_t>(
                                           std::min<std::uint64_t>(n, std::uint64_t{next} + kBlockMembers));
                                       next = b->last;
                                       return b;
                                     }) &
          tbb::make_filter<Block*, Block*>(tbb::filter_mode::parallel,
                                           [&](Block* b) {
                                             draw_block(model, *b);
                                             return b;
                                           }) &
          tbb::make_filter<Block*, Block*>(tbb::filter_mode::serial_in_order,
                                           [&](Block* b) {
                                             cap.apply(*b);
                                             return b;
                                           }) &
          tbb::make_filter<Block*, Block*>(tbb::filter_mode::parallel,
                                           [&](Block* b) {
                                             format_block(model, o.consent_mix, *b);
                                             return b;
                                           }) &
          tbb::make_filter<Block*, void>(tbb::filter_mode::serial_in_order, [&](Block* b) {
            if (status.ok()) {
              for (int f = 0; f < kOutputFiles && status.ok(); ++f) {
                status = output.write(static_cast<OutputFile>(f), b->text[f].view());
              }
              if (!status.ok()) failed.store(true, std::memory_order_relaxed);
              totals.add(*b);
            }
            free_blocks.push(b);
          }));
  MUTUALS_RETURN_IF_ERROR(status);
  if (next < n) return Internal("gen: the pipeline stopped early");

  NetworkReport report;
  report.max_degree = cap.max_degree();
  MUTUALS_RETURN_IF_ERROR(output.commit());
  report.members = n;
  report.connections = totals.connections;
  report.school_rows = totals.school_rows;
  report.employer_rows = totals.employer_rows;
  report.consent_rows = totals.consent_rows;
  report.mean_degree = 2.0 * double(totals.connections) / n;
  report.capped = totals.capped;
  report.community_share = sample.community_share;
  const double draws = static_cast<double>(totals.draws + totals.closure_draws);
  report.closure_share = draws > 0 ? static_cast<double>(totals.closure_draws) / draws : 0.0;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace

MemberId member_id(std::uint64_t seed, std::uint64_t index) {
  return mix64(index + stream_key(seed, Purpose::kMemberId, 0));
}

Status validate(const NetworkOptions& o) {
  if (o.members < 2 || o.members > kMaxMembers) {
    return InvalidArgument("--members: must be between 2 and " + std::to_string(kMaxMembers));
  }
  if (!(o.avg_degree > 0) || o.avg_degree > double(o.members - 1) / 2) {
    return InvalidArgument("--avg-degree: must be above 0 and at most (members - 1) / 2");
  }
  if (o.max_degree < 1) return InvalidArgument("--max-degree: must be at least 1");
  if (o.threads < 0) return InvalidArgument("--threads: must be 0 (all cores) or more");
  return Status::Ok();
}

Result<NetworkReport> generate_network(const NetworkOptions& options, const std::string& out_dir) {
  MUTUALS_RETURN_IF_ERROR(validate(options));
  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  tbb::task_arena arena(threads);
  Result<NetworkReport> result = Internal("gen: not run");
  arena.execute([&] { result = run(options, out_dir, threads); });
  return result;
}

}  // namespace mutuals::gen
