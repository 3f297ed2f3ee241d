// The verified seal: a note in the store that data.bin, exactly as it is
// now, passed full verification, so that later opens can skip the O(size)
// pass (every checksum, every bitmap) and open in O(1).
//
// Why it is safe: the seal records data.bin's identity (device, inode,
// size, modification and change times). Any write to the file changes its
// change time, which user code cannot set back; a copy or replacement is a
// new inode. So a seal vouches for the bytes only while nobody has touched
// them. File times tick coarsely (a jiffy; a second or two on some file
// systems), so a seal is only written for a file that was last changed well
// before the verification began: a change in the same tick as the recorded
// one could otherwise go unseen (git's "racily clean" index entries are the
// same problem). What it cannot see: bytes that rot on the medium without
// any write. `mutuals info STORE --verify` (Verify::kFull) re-verifies
// regardless of the seal.
//
// The seal is a cache: a missing, unreadable or stale seal only means a full
// verification. It is written best effort (temp file + rename, no fsync),
// and never on a read-only store.
#pragma once

#include <cstdint>
#include <string>

#include "common/files.h"
#include "store/manifest.h"

namespace mutuals::internal {

inline constexpr std::string_view kSealFile = "verified.seal";
// How long data.bin must have been unchanged, before verification began,
// for a seal to be written: above the timestamp granularity of any common
// Linux file system.
inline constexpr std::int64_t kSealQuietNs = std::int64_t{3} * 1'000'000'000;

// Ties a seal to data.bin's section table in the manifest (compaction
// rewrites the manifest but not these entries).
std::uint64_t data_fingerprint(const Manifest& m);

// True when dir's seal is intact and vouches for a data file with exactly
// this identity and fingerprint.
bool seal_vouches(const std::string& dir, std::uint64_t fingerprint, const FileIdentity& data);

// After a full verification that began at `verify_began_ns` (CLOCK_REALTIME,
// taken before data.bin was mapped): writes the seal if data.bin was last
// changed at least `quiet_ns` before that. Returns true when a seal was
// written; failing to write one is not an error.
bool write_seal(const std::string& dir, std::uint64_t fingerprint, const FileIdentity& data,
                std::int64_t verify_began_ns, std::int64_t quiet_ns = kSealQuietNs);

// CLOCK_REALTIME in nanoseconds: the clock file times are taken from.
std::int64_t realtime_ns();

}  // namespace mutuals::internal
