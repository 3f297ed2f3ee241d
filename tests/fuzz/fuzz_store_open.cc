// libFuzzer target: Store::open on a tiny store with one file replaced.
//
// Input: [which][payload]. which & 3 picks the file the payload replaces:
// 0 manifest.mfb, 1 data.bin, 2 the consent file, 3 consent.journal.
// which & 0x80 asks to "re-seal" it, so that the fuzzer gets past the
// checksums into the structural checks behind them:
//  - manifest.mfb: the payload is the FlatBuffer; its XXH3 trailer is
//    appended here;
//  - data.bin / the consent file: the manifest is rewritten with this file's
//    size and every section checksum recomputed over the payload.
// Then Store::open; if it opens, every question of ask_everything() is
// asked. Never a crash; failures must be kDataLoss or kFailedPrecondition
// (kNotFound for a manifest that names no store is fine too).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "common/checksum.h"
#include "fuzz_support.h"
#include "store/journal.h"
#include "store/manifest.h"

namespace {

using namespace mutuals;

std::string seal_manifest(const std::string& flatbuffer) {
  std::string out = flatbuffer;
  const std::uint64_t sum = internal::checksum64(out.data(), out.size());
  out.append(reinterpret_cast<const char*>(&sum), sizeof sum);
  return out;
}

// The pristine manifest, re-pointed at `payload` as the new bytes of `file`.
std::string manifest_for(const fuzz::TinyStore& tiny, const std::string& file, const std::string& payload) {
  Result<internal::Manifest> m = internal::decode_manifest("manifest.mfb", tiny.files.at("manifest.mfb"));
  if (!m.ok()) fuzz::fuzz_fail("the pristine manifest does not decode: " + m.status().message());
  for (std::size_t i = 0; i < m->files.size(); ++i) {
    if (m->files[i] == file) m->file_bytes[i] = payload.size();
  }
  for (internal::ManifestSection& s : m->sections) {
    if (s.file != file || s.offset > payload.size() || s.length > payload.size() - s.offset) continue;
    s.checksum = internal::checksum64(payload.data() + s.offset, s.length);
  }
  return internal::encode_manifest(*m);
}

// MUTUALS_FUZZ_WRITE_SEEDS=DIR: write the seed corpora of fuzz_store_open
// and fuzz_journal for the current store format into DIR/<target>/ and exit
// (tools/fuzz/run_fuzzers.sh --refresh-seeds). The seeds are real files of
// the tiny store, so the fuzzer starts from well-formed input.
void write_seeds(const std::string& root) {
  namespace fs = std::filesystem;
  using K = ConsentChange::Kind;
  const fuzz::TinyStore& tiny = fuzz::tiny_store();
  const std::string store_dir = root + "/fuzz_store_open", journal_dir = root + "/fuzz_journal";
  fs::create_directories(store_dir);
  fs::create_directories(journal_dir);
  auto seed = [](const std::string& path, char which, const std::string& payload) {
    fuzz::write_file(path, std::string(1, which) + payload);
  };
  const std::string& manifest = tiny.files.at("manifest.mfb");
  seed(store_dir + "/manifest", 0x00, manifest);
  seed(store_dir + "/manifest_sealed", static_cast<char>(0x80), manifest.substr(0, manifest.size() - 8));
  seed(store_dir + "/data", 0x01, tiny.files.at("data.bin"));
  seed(store_dir + "/data_sealed", static_cast<char>(0x81), tiny.files.at("data.bin"));
  seed(store_dir + "/consent", 0x02, tiny.files.at(tiny.consent_file));
  seed(store_dir + "/consent_sealed", static_cast<char>(0x82), tiny.files.at(tiny.consent_file));

  auto header = [](std::uint64_t base) {
    std::string h = "MUTJRNL1";
    h.append(reinterpret_cast<const char*>(&base), sizeof base);
    const std::uint64_t sum = mutuals::internal::checksum64(&base, sizeof base);
    h.append(reinterpret_cast<const char*>(&sum), sizeof sum);
    return h;
  };
  const std::vector<ConsentChange> changes = {
      {3, K::kUnlink, std::nullopt, {}},
      {2, K::kImportContacts, std::nullopt, {1, 4, 9000}},
      {104, K::kGrant, Category::kLiConnections, {}},
      {7001, K::kHide, std::nullopt, {}},
      {1000, K::kRemoveContacts, std::nullopt, {}},
  };
  auto records = [&](std::uint64_t first, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += internal::encode_journal_record(first + i, changes[i % changes.size()]);
    return out;
  };
  const std::uint64_t f = fuzz::kTinyFolded;
  const std::string full = header(f) + records(f + 1, 5);
  fuzz::write_file(journal_dir + "/records", full);
  fuzz::write_file(journal_dir + "/empty", header(f));
  fuzz::write_file(journal_dir + "/after_compaction_crash", header(f - 2) + records(f - 1, 5));
  fuzz::write_file(journal_dir + "/torn_tail", full.substr(0, full.size() - 7));
  seed(store_dir + "/journal", 0x03, full);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* root = std::getenv("MUTUALS_FUZZ_WRITE_SEEDS")) {
    write_seeds(root);
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const fuzz::TinyStore& tiny = fuzz::tiny_store();
  tiny.restore();
  const std::uint8_t which = data[0];
  const std::string payload(reinterpret_cast<const char*>(data + 1), size - 1);
  const bool seal = which & 0x80;
  std::string file;
  switch (which & 3) {
    case 0: file = "manifest.mfb"; break;
    case 1: file = "data.bin"; break;
    case 2: file = tiny.consent_file; break;
    default: file = "consent.journal"; break;
  }
  if (file == "manifest.mfb") {
    fuzz::write_file(tiny.dir + "/" + file, seal ? seal_manifest(payload) : payload);
  } else {
    fuzz::write_file(tiny.dir + "/" + file, payload);
    if (seal && file != "consent.journal") {
      fuzz::write_file(tiny.dir + "/manifest.mfb", manifest_for(tiny, file, payload));
    }
  }
  Result<std::shared_ptr<const Store>> store = Store::open(tiny.dir);
  if (!store.ok()) {
    const StatusCode code = store.status().code();
    if (code != StatusCode::kDataLoss && code != StatusCode::kFailedPrecondition &&
        code != StatusCode::kNotFound && code != StatusCode::kUnavailable) {
      fuzz::fuzz_fail("open failed with " + std::string(to_string(code)) + ": " + store.status().message());
    }
    if (store.status().message().empty()) fuzz::fuzz_fail("an error without a message");
    return 0;
  }
  fuzz::ask_everything(*store);
  return 0;
}
