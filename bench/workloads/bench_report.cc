#include "workloads/bench_report.h"

#include <cstdio>
#include <sstream>

namespace mutuals::bench {
namespace {

Json number_or_null(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

std::string fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// 12345678 -> "12,345,678"
std::string grouped(double v) {
  std::string digits = std::to_string(static_cast<std::uint64_t>(v + 0.5));
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string pad(const std::string& s, std::size_t width, bool left = false) {
  if (s.size() >= width) return s;
  return left ? s + std::string(width - s.size(), ' ') : std::string(width - s.size(), ' ') + s;
}

const MethodResult* find_mutuals(const BenchReport& r) {
  for (const MethodResult& m : r.methods) {
    if (m.name == "mutuals") return &m;
  }
  return nullptr;
}

}  // namespace

Json to_json(const BenchReport& r) {
  Json j;
  j["workload"] = r.workload;
  j["threads"] = r.threads;
  j["members"] = r.members;
  j["entries"] = r.entries;
  Json methods = Json::array();
  for (const MethodResult& m : r.methods) {
    Json o;
    o["name"] = m.name;
    o["items_per_s"] = m.items_per_s;
    o["p50_ns"] = number_or_null(m.p50_ns);
    o["p99_ns"] = number_or_null(m.p99_ns);
    o["checksum"] = m.checksum;
    o["seconds"] = m.seconds;
    o["bytes"] = m.bytes ? Json(*m.bytes) : Json(nullptr);
    for (const auto& [k, v] : m.extra.items()) o[k] = v;
    methods.push_back(std::move(o));
  }
  j["methods"] = std::move(methods);
  j["items"] = r.items;
  for (const auto& [k, v] : r.extra.items()) j[k] = v;
  if (const MethodResult* mu = find_mutuals(r)) {
    Json ratios = Json::object();
    for (const MethodResult& m : r.methods) {
      if (&m != mu && m.items_per_s > 0) ratios[m.name] = mu->items_per_s / m.items_per_s;
    }
    j["ratios"] = std::move(ratios);
  }
  if (!r.buckets.empty()) {
    Json buckets = Json::array();
    for (const BucketResult& b : r.buckets) {
      Json ms = Json::array();
      for (const BucketMethod& m : b.methods) {
        ms.push_back({{"name", m.name},
                      {"p50_ns", m.p50_ns},
                      {"p99_ns", m.p99_ns},
                      {"warm_p50_ns", m.warm_p50_ns},
                      {"warm_p99_ns", m.warm_p99_ns},
                      {"checksum", m.checksum}});
      }
      buckets.push_back({{"name", b.name}, {"pairs", b.pairs}, {"methods", std::move(ms)}});
    }
    j["buckets"] = std::move(buckets);
  }
  return j;
}

void print_table(std::ostream& out, const BenchReport& r) {
  out << "workload " << r.workload << "  threads " << r.threads << "  members " << r.members << "  entries "
      << r.entries << "  items " << r.items;
  if (r.extra.contains("simd")) out << "  simd " << r.extra["simd"].get<std::string>();
  out << '\n';
  out << pad("method", 20, true) << pad("threads", 8) << pad("items/s", 16) << pad("p50 ns", 10)
      << pad("p99 ns", 10) << pad("checksum", 22) << pad("mutuals/x", 11) << pad("cpu/wall", 10) << '\n';
  const MethodResult* mu = find_mutuals(r);
  for (const MethodResult& m : r.methods) {
    std::string ratio = "-";
    if (mu != nullptr && &m != mu && m.items_per_s > 0) ratio = fmt("%.2fx", mu->items_per_s / m.items_per_s);
    out << pad(m.name, 20, true) << pad(std::to_string(r.threads), 8) << pad(grouped(m.items_per_s), 16)
        << pad(m.p50_ns ? fmt("%.0f", *m.p50_ns) : "-", 10) << pad(m.p99_ns ? fmt("%.0f", *m.p99_ns) : "-", 10)
        << pad(std::to_string(m.checksum), 22) << pad(ratio, 11);
    // CPU used over the cores asked for: well under 100% means the cores were shared.
    std::string util = "-";
    if (m.extra.contains("cpu_seconds") && m.seconds > 0) {
      util = fmt("%.0f%%", 100.0 * m.extra["cpu_seconds"].get<double>() / (m.seconds * r.threads));
    }
    out << pad(util, 10) << '\n';
  }
  if (r.buckets.empty()) return;
  out << "latency by degree bucket (larger degree of the pair), ns per query\n";
  out << pad("bucket", 22, true) << pad("pairs", 8);
  for (const BucketMethod& m : r.buckets.front().methods) out << pad(m.name + " p50/p99", 30);
  out << '\n';
  for (const BucketResult& b : r.buckets) {
    out << pad(b.name, 22, true) << pad(std::to_string(b.pairs), 8);
    for (const BucketMethod& m : b.methods) out << pad(fmt("%.0f", m.p50_ns) + " / " + fmt("%.0f", m.p99_ns), 30);
    out << '\n';
  }
  out << "the same, each pair answered once untimed just before (its data in cache)\n";
  for (const BucketResult& b : r.buckets) {
    out << pad(b.name, 22, true) << pad(std::to_string(b.pairs), 8);
    for (const BucketMethod& m : b.methods) {
      out << pad(fmt("%.0f", m.warm_p50_ns) + " / " + fmt("%.0f", m.warm_p99_ns), 30);
    }
    out << '\n';
  }
  if (r.extra.contains("dependent_load_ns")) {
    out << "one dependent load from memory on this machine: " << fmt("%.0f", r.extra["dependent_load_ns"].get<double>())
        << " ns (a cold query chases three or more)\n";
  }
}

std::string consent_explanation() {
  return "The bench needs a store where every member is linked, visible in Microsoft apps and has granted "
         "li.connections: the consent-checked API counts only what consent allows, the baselines count "
         "everything. `mutuals gen` writes such a consent.csv by default; for other edge lists build with "
         "--consent FILE giving every member `MEMBER,1,1,all,1`";
}

Status check_checksums(const BenchReport& r, const std::string& explanation) {
  auto mismatch = [&](const std::string& where, const std::string& a, std::uint64_t ca, const std::string& b,
                      std::uint64_t cb) {
    std::ostringstream msg;
    msg << "checksums differ" << where << ": " << a << " " << ca << ", " << b << " " << cb << ". " << explanation;
    return FailedPrecondition(msg.str());
  };
  for (std::size_t i = 1; i < r.methods.size(); ++i) {
    if (r.methods[i].checksum != r.methods[0].checksum) {
      return mismatch("", r.methods[0].name, r.methods[0].checksum, r.methods[i].name, r.methods[i].checksum);
    }
  }
  for (const BucketResult& b : r.buckets) {
    for (std::size_t i = 1; i < b.methods.size(); ++i) {
      if (b.methods[i].checksum != b.methods[0].checksum) {
        return mismatch(" in bucket " + b.name, b.methods[0].name, b.methods[0].checksum, b.methods[i].name,
                        b.methods[i].checksum);
      }
    }
  }
  return Status::Ok();
}

}  // namespace mutuals::bench
