// mutuals batch STORE --pairs FILE --out FILE ...: offline answers for many
// pairs, in input order. The output appears only when complete (written to a
// temporary file, fsync'd, renamed), so a failed run never leaves a file
// that looks like a result.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "command.h"
#include "mutuals/insights.h"
#include "mutuals/loaders/pairs.h"
#include "output.h"
#include "progress.h"

namespace mutuals::cli {
namespace {

struct BatchArgs {
  std::string store, pairs, out, kind = "shared-connections";
  std::size_t limit = 0;
  bool limit_given = false;
  int threads = 0;
};

Status write_atomically(const std::string& path, const std::string& text) {
  std::string tmp = path + ".partial";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return IoError(tmp + ": cannot create");
    f.write(text.data(), static_cast<std::streamsize>(text.size()));
    f.flush();
    if (!f) {
      std::remove(tmp.c_str());
      return IoError(tmp + ": write failed");
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return IoError(path + ": cannot rename the finished output into place");
  }
  return Status::Ok();
}

Status run_batch(const BatchArgs& a) {
  Progress progress;
  if (a.kind != "shared-connections") {
    return InvalidArgument("--kind: '" + a.kind + "' is not supported (shared-connections)");
  }
  if (a.pairs.empty()) return InvalidArgument("--pairs FILE is required");
  Result<Insights> insights = Insights::open(a.store);
  if (!insights.ok()) return insights.status();
  progress.phase("reading " + a.pairs);
  Result<std::vector<MemberPair>> pairs = loaders::load_pairs(a.pairs);
  if (!pairs.ok()) return pairs.status();
  progress.phase("answering " + std::to_string(pairs->size()) + " pairs");
  std::vector<SharedConnections> results = insights->shared_connections_batch(*pairs, a.limit, a.threads);
  progress.phase("writing " + a.out);
  std::string text = a.limit_given ? "viewer,subject,status,count,items\n" : "viewer,subject,status,count\n";
  text.reserve(results.size() * 40);
  for (const SharedConnections& r : results) write_csv_row(text, r, a.limit_given);
  return write_atomically(a.out, text);
}

}  // namespace

Run add_batch_command(CLI::App& app) {
  auto args = std::make_shared<BatchArgs>();
  CLI::App* cmd = app.add_subcommand("batch", "Answer a file of pairs, in input order");
  cmd->add_option("store", args->store, "Store directory")->required();
  cmd->add_option("--pairs", args->pairs, "Pairs CSV: viewer,subject");
  cmd->add_option("--out", args->out, "Results CSV: viewer,subject,status,count[,items]")->required();
  cmd->add_option("--kind", args->kind, "shared-connections")->capture_default_str();
  CLI::Option* limit = cmd->add_option("--limit", args->limit, "Add up to K items a row");
  cmd->add_option("--threads", args->threads, "Threads (0 = all cores)");
  return [args, limit] {
    args->limit_given = limit->count() > 0;
    return run_batch(*args);
  };
}

}  // namespace mutuals::cli
