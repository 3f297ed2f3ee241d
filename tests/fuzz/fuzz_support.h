// Shared pieces of the libFuzzer targets in tests/fuzz/: a per-process
// scratch directory, writing an input to a file, and a tiny prebuilt store
// whose files a target may replace and restore.
//
// Trust contract of the targets: the code under test must never crash,
// hang or read out of bounds on any input; where a target also checks an
// invariant of its own (e.g. "a store that opened stays openable after an
// acknowledged change"), it calls fuzz_fail(), which prints and aborts so
// that libFuzzer saves the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mutuals/store.h"
#include "mutuals/types.h"

namespace mutuals::fuzz {

// A directory private to this process, created on first use.
const std::string& scratch_dir();

// Writes `data` to scratch_dir()/name (replacing it); returns the path.
std::string write_input(std::string_view name, const std::uint8_t* data, std::size_t size);
// The loaders' contract on bad input: an InvalidArgument (or I/O) error whose
// message starts with the file's path. Anything else fails the run.
void check_loader_error(const std::string& path, const Status& status);
void write_file(const std::string& path, std::string_view bytes);
std::string read_file(const std::string& path);

// A tiny store (about 40 members, a hub, a run of consecutive ids, members
// outside the graph, imported contacts) whose consent was compacted at
// version kTinyFolded, with an empty journal. Built once per process; its
// pristine files are kept in memory.
inline constexpr std::uint64_t kTinyFolded = 5;
struct TinyStore {
  std::string dir;                             // a working copy the target may damage
  std::map<std::string, std::string> files;    // pristine bytes by file name
  std::string consent_file;                    // "consent-5.bin"
  std::vector<MemberId> members;               // to ask about (graph, outside, unknown)
  void restore() const;                        // puts every pristine file back, removes others
};
const TinyStore& tiny_store();

// Asks every pair of tiny_store().members a few ways (single, page, batch)
// on an opened store; must not crash. Returns the number of ok answers.
std::size_t ask_everything(std::shared_ptr<const Store> store);

[[noreturn]] void fuzz_fail(const std::string& what);

}  // namespace mutuals::fuzz
