// mutuals batch STORE --pairs FILE --out FILE ...: offline answers for many
// pairs, in input order. The output appears only when complete (written to a
// temporary file, fsync'd, renamed), so a failed run never leaves a file
// that looks like a result.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "command.h"
#include "decimal.h"
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
  bool all_edges = false;
  int threads = 0;
};

Status write_atomically(const std::string& path, const std::string& text) {
  std::string tmp = path + ".partial";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return IoError(tmp + ": cannot create: " + std::strerror(errno));
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Status s = IoError(tmp + ": write failed: " + std::strerror(errno));
      ::close(fd);
      std::remove(tmp.c_str());
      return s;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::remove(tmp.c_str());
    return IoError(tmp + ": fsync failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return IoError(path + ": cannot rename the finished output into place");
  }
  return Status::Ok();
}

Status run_batch(const BatchArgs& a) {
  Progress progress;
  if (a.kind != "shared-connections" && a.kind != "shared-schools" && a.kind != "shared-employers") {
    return InvalidArgument("--kind: '" + a.kind + "' is not one of shared-connections, shared-schools, shared-employers");
  }
  if (a.all_edges == !a.pairs.empty()) return InvalidArgument("give either --pairs FILE or --all-edges");
  {
    std::error_code ec;
    std::filesystem::path parent = std::filesystem::absolute(a.out).parent_path();
    if (!std::filesystem::is_directory(parent, ec)) return InvalidArgument(a.out + ": no such directory for --out");
  }
  Result<Insights> insights = Insights::open(a.store);
  if (!insights.ok()) return insights.status();
  if (a.all_edges) {
    progress.phase("counting shared connections of every connection");
    std::string text = "member,connection,shared\n";
    insights->all_edges_shared([&](MemberId m, MemberId c, std::uint64_t shared) {
      text += std::to_string(m);
      text += ',';
      text += std::to_string(c);
      text += ',';
      text += std::to_string(shared);
      text += '\n';
    }, a.threads);
    progress.phase("writing " + a.out);
    return write_atomically(a.out, text);
  }
  progress.phase("reading " + a.pairs);
  Result<std::vector<MemberPair>> pairs = loaders::load_pairs(a.pairs);
  if (!pairs.ok()) return pairs.status();
  progress.phase("answering " + std::to_string(pairs->size()) + " pairs");
  std::string text = a.limit_given ? "viewer,subject,status,count,items\n" : "viewer,subject,status,count\n";
  text.reserve(pairs->size() * 40);
  if (a.kind == "shared-connections") {
    std::vector<SharedConnections> results = insights->shared_connections_batch(*pairs, a.limit, a.threads);
    for (const SharedConnections& r : results) write_csv_row(text, r, a.limit_given);
  } else {
    FacetKind kind = a.kind == "shared-schools" ? FacetKind::kSchool : FacetKind::kEmployer;
    std::vector<SharedFacets> results = insights->shared_facets_batch(kind, *pairs, a.threads);
    for (const SharedFacets& r : results) write_csv_row(text, r, a.limit_given, a.limit);
  }
  progress.phase("writing " + a.out);
  return write_atomically(a.out, text);
}

}  // namespace

Run add_batch_command(CLI::App& app) {
  auto args = std::make_shared<BatchArgs>();
  CLI::App* cmd = app.add_subcommand("batch", "Answer a file of pairs, in input order");
  cmd->add_option("store", args->store, "Store directory")->required();
  cmd->add_option("--pairs", args->pairs, "Pairs CSV: viewer,subject");
  cmd->add_option("--out", args->out, "Results CSV: viewer,subject,status,count[,items]")->required();
  cmd->add_option("--kind", args->kind, "shared-connections, shared-schools or shared-employers")
      ->capture_default_str();
  cmd->add_flag("--all-edges", args->all_edges,
                "Instead of pairs: the shared count of every connection (member,connection,shared)");
  CLI::Option* limit = cmd->add_option("--limit", args->limit, "Add up to K items a row")->transform(kDecimal);
  cmd->add_option("--threads", args->threads, "Threads (0 = all cores)")->transform(kDecimal);
  return [args, limit] {
    args->limit_given = limit->count() > 0;
    return run_batch(*args);
  };
}

}  // namespace mutuals::cli
