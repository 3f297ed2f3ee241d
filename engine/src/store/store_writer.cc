#include "store/store_writer.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "common/checksum.h"
#include "common/files.h"
#include "mutuals/store/manifest_generated.h"
#include "store/layout.h"

namespace mutuals::internal {
namespace fs = std::filesystem;
namespace {

std::string join(const std::string& dir, std::string_view name) { return dir + "/" + std::string(name); }

// The destination may be absent, an empty directory, or a previous store;
// anything else is somebody's data and is left alone.
Status check_destination(const std::string& dir) {
  std::error_code ec;
  auto st = fs::symlink_status(dir, ec);
  if (ec || st.type() == fs::file_type::not_found) return Status::Ok();
  if (st.type() != fs::file_type::directory) return FailedPrecondition(dir + ": exists and is not a directory");
  if (fs::is_empty(dir, ec)) return Status::Ok();
  if (fs::exists(join(dir, kManifestFile), ec)) return Status::Ok();
  return FailedPrecondition(dir + ": exists, is not empty and is not a mutuals store; refusing to replace it");
}

Status install(const std::string& tmp, const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    if (::rename(tmp.c_str(), dir.c_str()) != 0) return IoError(dir + ": rename failed: " + errno_text());
    return Status::Ok();
  }
  // Swap atomically, then drop the old store.
  if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) != 0) {
    return IoError(dir + ": cannot replace the existing store: " + errno_text());
  }
  fs::remove_all(tmp, ec);
  return Status::Ok();
}

}  // namespace

Result<std::uint64_t> write_store(const std::string& dir_in, const ManifestCounts& counts,
                                  const std::vector<SectionSource>& sections) {
  std::string dir = dir_in;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  MUTUALS_RETURN_IF_ERROR(check_destination(dir));
  fs::path parent = fs::absolute(fs::path(dir)).parent_path();
  std::error_code ec;
  if (!fs::is_directory(parent, ec)) return NotFound(parent.string() + ": no such directory");
  std::string tmp = dir + ".tmp-" + std::to_string(::getpid());
  fs::remove_all(tmp, ec);
  if (!fs::create_directory(tmp, ec)) return IoError(tmp + ": cannot create: " + ec.message());

  auto fail = [&](Status s) {
    fs::remove_all(tmp, ec);
    return s;
  };
  Result<FileWriter> data = FileWriter::create(join(tmp, kDataFile));
  if (!data.ok()) return fail(data.status());

  flatbuffers::FlatBufferBuilder fbb(4096);
  std::vector<flatbuffers::Offset<store::fb::Section>> table;
  for (const SectionSource& s : sections) {
    if (Status st = data->pad_to(kSectionAlignment); !st.ok()) return fail(st);
    std::uint64_t offset = data->offset();
    if (Status st = data->write(s.data, s.bytes); !st.ok()) return fail(st);
    table.push_back(store::fb::CreateSection(fbb, fbb.CreateString(s.name.data(), s.name.size()), offset, s.bytes,
                                             checksum64(s.data, s.bytes)));
  }
  std::uint64_t data_bytes = data->offset();
  if (Status st = data->close(); !st.ok()) return fail(st);

  std::uint64_t entries = 2 * counts.connections;
  auto manifest = store::fb::CreateManifest(
      fbb, kFormatVersion, counts.members, counts.connections, entries, counts.self_loops, counts.duplicates_dropped,
      counts.consented_members, fbb.CreateString(counts.order), fbb.CreateString(std::string(kDataFile)), data_bytes,
      fbb.CreateVector(table));
  store::fb::FinishManifestBuffer(fbb, manifest);
  std::string bytes(reinterpret_cast<const char*>(fbb.GetBufferPointer()), fbb.GetSize());
  std::uint64_t sum = checksum64(bytes.data(), bytes.size());
  bytes.append(reinterpret_cast<const char*>(&sum), sizeof sum);
  if (Status st = write_file_durably(join(tmp, kManifestFile), bytes); !st.ok()) return fail(st);
  if (Status st = fsync_directory(tmp); !st.ok()) return fail(st);
  if (Status st = install(tmp, dir); !st.ok()) return fail(st);
  MUTUALS_RETURN_IF_ERROR(fsync_directory(parent.string()));
  return data_bytes + bytes.size();
}

}  // namespace mutuals::internal
