#include "support/temp_dir.h"

#include <stdlib.h>  // mkdtemp (POSIX)
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace mutuals::testing {

TempDir::TempDir() {
  // mkdtemp picks the unique name atomically, so parallel test runs never collide.
  std::string pattern = (std::filesystem::temp_directory_path() / "mutuals-test-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) throw std::runtime_error("TempDir: mkdtemp failed for " + pattern);
  path_ = buffer.data();
}

TempDir::~TempDir() {
  std::error_code ignored;  // a destructor must not throw; a leftover dir is harmless
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::file(std::string_view name) const { return path_ + "/" + std::string(name); }

std::string TempDir::write(std::string_view name, std::string_view content) const {
  const std::string path = file(name);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out.flush()) throw std::runtime_error("TempDir: cannot write " + path);
  return path;
}

std::string TempDir::write_gz(std::string_view name, std::string_view content) const {
  const std::string path = file(name);
  gzFile gz = gzopen(path.c_str(), "wb");
  if (gz == nullptr) throw std::runtime_error("TempDir: cannot open " + path);
  const bool wrote = content.empty() || gzwrite(gz, content.data(), static_cast<unsigned>(content.size())) ==
                                            static_cast<int>(content.size());
  if (gzclose(gz) != Z_OK || !wrote) throw std::runtime_error("TempDir: cannot write " + path);
  return path;
}

std::string TempDir::read(std::string_view name) const {
  std::ifstream in(file(name), std::ios::binary);
  if (!in) throw std::runtime_error("TempDir: cannot read " + file(name));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

}  // namespace mutuals::testing
