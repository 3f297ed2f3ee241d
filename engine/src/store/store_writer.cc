#include "store/store_writer.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <filesystem>

#include "common/checksum.h"
#include "common/files.h"
#include "store/layout.h"

namespace mutuals::internal {
namespace fs = std::filesystem;
namespace {

// The destination may be absent, an empty directory, or a previous store;
// anything else is somebody's data and is left alone.
Status check_destination(const std::string& dir) {
  std::error_code ec;
  auto st = fs::symlink_status(dir, ec);
  if (ec || st.type() == fs::file_type::not_found) return Status::Ok();
  if (st.type() != fs::file_type::directory) return FailedPrecondition(dir + ": exists and is not a directory");
  if (fs::is_empty(dir, ec)) return Status::Ok();
  if (fs::exists(dir + "/" + std::string(kManifestFile), ec)) return Status::Ok();
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

Status write_section_file(const std::string& dir, const FileSpec& spec, Manifest& manifest) {
  Result<FileWriter> out = FileWriter::create(dir + "/" + spec.name);
  if (!out.ok()) return out.status();
  for (const SectionSource& s : spec.sections) {
    MUTUALS_RETURN_IF_ERROR(out->pad_to(kSectionAlignment));
    std::uint64_t offset = out->offset();
    MUTUALS_RETURN_IF_ERROR(out->write(s.data, s.bytes));
    manifest.sections.push_back({std::string(s.name), spec.name, offset, s.bytes, checksum64(s.data, s.bytes)});
  }
  std::uint64_t bytes = out->offset();
  MUTUALS_RETURN_IF_ERROR(out->close());
  manifest.files.push_back(spec.name);
  manifest.file_bytes.push_back(bytes);
  return Status::Ok();
}

Result<std::uint64_t> write_store(const std::string& dir_in, Manifest manifest, const std::vector<FileSpec>& files) {
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
  manifest.files.clear();
  manifest.file_bytes.clear();
  manifest.sections.clear();
  for (const FileSpec& f : files) {
    if (Status s = write_section_file(tmp, f, manifest); !s.ok()) return fail(s);
  }
  if (Status s = install_manifest(tmp, manifest); !s.ok()) return fail(s);
  if (Status s = install(tmp, dir); !s.ok()) return fail(s);
  MUTUALS_RETURN_IF_ERROR(fsync_directory(parent.string()));
  std::uint64_t total = 0;
  for (std::uint64_t b : manifest.file_bytes) total += b;
  return total;
}

}  // namespace mutuals::internal
