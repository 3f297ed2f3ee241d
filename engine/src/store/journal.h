// The consent journal (STORE/consent.journal): every accepted change,
// appended and fsync'd before the change is acknowledged.
//
// File: 8-byte magic "MUTJRNL1", the u64 base version (the consent version
// folded into the consent file when the journal was last reset; records
// continue from base + 1) and its XXH3, then records. Record: u32 magic 0x4A54554D,
// u32 payload length, u32 header check (low 32 bits of XXH3 of the length),
// u32 zero, u64 XXH3 of the payload, then the payload (a FlatBuffers
// ConsentEventRecord). The header check tells a damaged length from a torn
// write: a record whose header is intact but which runs past the end of the
// file, or which is the last record and fails its payload checksum, was cut
// by a crash mid-append (torn tail: reported and cut off); any other damage
// is data loss and opening fails.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mutuals/consent.h"
#include "mutuals/status.h"

namespace mutuals::internal {

inline constexpr std::size_t kJournalHeaderBytes = 24;
inline constexpr std::size_t kRecordHeaderBytes = 24;

struct JournalRecord {
  std::uint64_t version = 0;
  ConsentChange change;
};

struct JournalScan {
  std::uint64_t base_version = 0;
  std::vector<JournalRecord> records;
  std::uint64_t end_offset = 0;  // just past the last good record
  std::uint64_t file_bytes = 0;
  bool torn_tail = false;        // bytes past end_offset are a cut-off record
};

// Reads the header and the records from `offset` (0 = the first record). A
// missing journal is an empty one with base `missing_base`. Record versions
// must run on from the base without gaps.
Result<JournalScan> scan_journal(const std::string& path, std::uint64_t offset, std::uint64_t missing_base);

// One framed record, ready to append.
std::string encode_journal_record(std::uint64_t version, const ConsentChange& change);

// Appends under the caller's lock: opens (creating it with base `base` when
// absent or shorter than its header), cuts a torn tail at `valid_end`,
// appends, fsyncs.
Status append_journal(const std::string& path, std::uint64_t base, std::uint64_t valid_end,
                      const std::string& record_bytes);

// Resets the journal to an empty one with base `base` (after compaction),
// durably.
Status reset_journal(const std::string& path, std::uint64_t base);

}  // namespace mutuals::internal
