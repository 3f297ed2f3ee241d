// A scratch directory for tests that need real files, removed on destruction.
//
//   mutuals::testing::TempDir dir;
//   std::string path = dir.write("edges.txt", "1 2\n");
//   std::string gz = dir.write_gz("edges.txt.gz", "1 2\n");
//
// Failures to create or write throw std::runtime_error: a test that cannot
// set up its input should fail loudly, not test something else.
#pragma once

#include <string>
#include <string_view>

namespace mutuals::testing {

class TempDir {
 public:
  TempDir();  // a fresh, uniquely named directory under the system temp dir
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // The full path of `name` inside the directory; the file need not exist.
  std::string file(std::string_view name) const;
  // Writes `content` byte for byte; returns the full path.
  std::string write(std::string_view name, std::string_view content) const;
  // Writes `content` gzip-compressed; returns the full path.
  std::string write_gz(std::string_view name, std::string_view content) const;
  // The bytes of a file in the directory (e.g. to corrupt a .gz on purpose).
  std::string read(std::string_view name) const;

 private:
  std::string path_;
};

// Whole-file bytes at any path (to damage store files on purpose); throw
// std::runtime_error on failure, like TempDir.
std::string read_bytes(const std::string& path);
void write_bytes(const std::string& path, const std::string& bytes);

}  // namespace mutuals::testing
