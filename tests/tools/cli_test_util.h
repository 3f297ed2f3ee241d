// Shared pieces of the command-line tests (tests/tools/cli_*_test.cc): the
// sample inputs of data-samples/sample/, a sample store built once per test
// process, and small text helpers.
//
// The sample store is built from the ego-Facebook graph (4,039 members,
// 88,234 connections) with sample/consent.csv, in the default vertex order.
// Tests must not modify it: a test that damages or rebuilds a store builds
// its own copy (copy_store, build_sample_store).
#pragma once

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace mutuals::testing {

inline std::string ego_edges() { return data_sample("snap-ego-facebook/facebook_combined.txt.gz"); }
inline std::string sample_consent() { return data_sample("sample/consent.csv"); }
inline std::string sample_pairs() { return data_sample("sample/pairs.csv"); }
inline std::string sample_queries() { return data_sample("sample/queries.txt"); }
inline std::string expected_batch() { return data_sample("sample/expected_batch.csv"); }

// Ground truth for the ego-Facebook graph (data-samples/README.md, SOURCE.md).
inline constexpr int kEgoMembers = 4039;
inline constexpr int kEgoConnections = 88234;
inline constexpr int kEgoEntries = 2 * kEgoConnections;  // 176468

// Builds the sample store at `out` with extra build options; fails the test
// (and returns false) if the build does not succeed.
inline bool build_sample_store(const std::string& out, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"build", "--edges", ego_edges(), "--consent", sample_consent(), "--out", out};
  args.insert(args.end(), extra.begin(), extra.end());
  const CliResult r = run_cli(args);
  EXPECT_EQ(r.exit_code, 0) << r;
  return r.exit_code == 0;
}

// The shared, read-only sample store, built on first use.
inline const std::string& sample_store() {
  static const std::unique_ptr<TempDir> dir = std::make_unique<TempDir>();
  static const std::string path = [] {
    const std::string out = dir->file("sample.store");
    const CliResult r = run_cli({"build", "--edges", ego_edges(), "--consent", sample_consent(), "--out", out});
    if (r.exit_code != 0) {
      std::ostringstream message;
      message << "cannot build the sample store: " << r;
      throw std::runtime_error(message.str());
    }
    return out;
  }();
  return path;
}

// Every file of a directory, by name, with its bytes: what a store is on
// disk, whatever files its current format uses.
inline std::map<std::string, std::string> dir_snapshot(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const std::string& name : list_dir(dir)) files[name] = read_file(dir + "/" + name);
  return files;
}

// A private copy of a store directory, for tests that damage it.
inline void copy_store(const std::string& from, const std::string& to) {
  std::filesystem::copy(from, to, std::filesystem::copy_options::recursive);
}

// Lines of `text` without their '\n'; a final line without '\n' counts too.
inline std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    lines.emplace_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

// Splits on every `sep` ("a,,b" has three fields, "a," two).
inline std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> fields;
  for (;;) {
    const auto at = text.find(sep);
    fields.emplace_back(text.substr(0, at));
    if (at == std::string_view::npos) return fields;
    text.remove_prefix(at + 1);
  }
}

inline std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

// The words of a human-readable text (runs of letters, digits, '_', '.',
// '-' and '/'), in order. Text output is for people and may change layout;
// tests of it check which words it says, not where.
inline std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    const bool part = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                      c == '.' || c == '-' || c == '/';
    if (part) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// Whether `needles` occur among the words of `text`, in this order (not
// necessarily next to each other).
inline bool says_in_order(std::string_view text, const std::vector<std::string>& needles) {
  const std::vector<std::string> words = words_of(text);
  auto at = words.begin();
  for (const std::string& needle : needles) {
    at = std::find(at, words.end(), needle);
    if (at == words.end()) return false;
    ++at;
  }
  return true;
}

// One data line of sample/queries.txt: `viewer subject expected_status expected_count`.
struct SampleQuery {
  std::string viewer, subject, status, count;
};

inline std::vector<SampleQuery> load_sample_queries() {
  std::vector<SampleQuery> queries;
  for (const std::string& line : lines_of(read_file(sample_queries()))) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    for (const std::string& word : split(line, ' ')) {
      if (!word.empty()) f.push_back(word);
    }
    if (f.size() != 4) throw std::runtime_error("queries.txt: unexpected line '" + line + "'");
    queries.push_back({f[0], f[1], f[2], f[3]});
  }
  return queries;
}

// One row of a batch-results CSV, split into its fields.
using CsvRow = std::vector<std::string>;

inline std::vector<CsvRow> csv_rows(std::string_view text) {
  std::vector<CsvRow> rows;
  for (const std::string& line : lines_of(text)) rows.push_back(split(line, ','));
  return rows;
}

// The number in `"key":N` of a one-line JSON object, or -1 if absent.
inline long long json_number(const std::string& json, const std::string& key) {
  std::smatch m;
  if (!std::regex_search(json, m, std::regex("\"" + key + "\":(-?[0-9]+)"))) return -1;
  return std::stoll(m[1].str());
}

// One section of `info --json`: name, offset and length in data.bin.
struct StoreSection {
  std::string name;
  std::uint64_t offset = 0, bytes = 0;
};

inline std::vector<StoreSection> store_sections(const std::string& info_json) {
  std::vector<StoreSection> sections;
  static const std::regex kSection(R"re(\{"bytes":([0-9]+),"name":"([a-z_]+)","offset":([0-9]+)\})re");
  for (auto it = std::sregex_iterator(info_json.begin(), info_json.end(), kSection); it != std::sregex_iterator();
       ++it) {
    sections.push_back({(*it)[2].str(), std::stoull((*it)[3].str()), std::stoull((*it)[1].str())});
  }
  return sections;
}

// XORs one byte of a file in place.
inline void flip_byte(const std::string& path, std::uint64_t offset, unsigned char mask = 0x01) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  if (!f) throw std::runtime_error("flip_byte: cannot open " + path);
  f.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  if (!f.get(c)) throw std::runtime_error("flip_byte: offset past the end of " + path);
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(static_cast<char>(static_cast<unsigned char>(c) ^ mask));
  if (!f.flush()) throw std::runtime_error("flip_byte: cannot write " + path);
}

// The uncompressed bytes of a gzip file.
inline std::string gunzip_file(const std::string& path) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (gz == nullptr) throw std::runtime_error("gunzip_file: cannot open " + path);
  std::string out;
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(gz, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
  gzclose(gz);
  if (n < 0) throw std::runtime_error("gunzip_file: corrupt " + path);
  return out;
}

}  // namespace mutuals::testing
