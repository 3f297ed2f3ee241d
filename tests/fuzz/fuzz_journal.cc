// libFuzzer target: arbitrary bytes as STORE/consent.journal of a tiny store
// whose consent file was folded at version 5 (see fuzz_support.h).
//
// Checks, beyond "never crash":
//  - scan_journal: records run on from the base without gaps; end_offset
//    lies within the file, and equals its size unless a torn tail is
//    reported;
//  - Store::open either fails with kDataLoss / kUnavailable, or opens at a
//    version >= 5 and answers every question;
//  - a store that opened stays openable after an acknowledged change, at the
//    next version (one durable change per opened input).
//
// (This last invariant found a stale journal, based below version 5 with
// records stopping short of it, that opened and then broke on the next
// change; see journal_test.cc, StaleJournalBelow...; now refused at open.)
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "mutuals/insights.h"
#include "store/journal.h"

using namespace mutuals;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fuzz::TinyStore& tiny = fuzz::tiny_store();
  tiny.restore();
  const std::string path = tiny.dir + "/consent.journal";
  fuzz::write_file(path, std::string_view(reinterpret_cast<const char*>(data), size));

  Result<internal::JournalScan> scan = internal::scan_journal(path, 0, fuzz::kTinyFolded);
  if (scan.ok()) {
    std::uint64_t expect = scan->base_version + 1;
    for (const internal::JournalRecord& r : scan->records) {
      if (r.version != expect++) fuzz::fuzz_fail("scan_journal returned a version gap");
    }
    if (scan->end_offset > size) fuzz::fuzz_fail("end_offset past the end of the file");
    if (!scan->torn_tail && size >= internal::kJournalHeaderBytes && scan->end_offset != size) {
      fuzz::fuzz_fail("bytes past end_offset without a torn tail");
    }
  } else if (scan.status().code() != StatusCode::kDataLoss) {
    fuzz::fuzz_fail("scan_journal failed with " + std::string(to_string(scan.status().code())));
  }

  Result<std::shared_ptr<const Store>> store = Store::open(tiny.dir);
  if (!store.ok()) {
    const StatusCode code = store.status().code();
    if (code != StatusCode::kDataLoss && code != StatusCode::kUnavailable) {
      fuzz::fuzz_fail("open failed with " + std::string(to_string(code)) + ": " + store.status().message());
    }
    return 0;
  }
  if (!scan.ok()) fuzz::fuzz_fail("the store opened over a journal that scan_journal rejects");
  fuzz::ask_everything(*store);
  Insights insights(std::move(*store));
  const std::uint64_t version = insights.consent_version();
  if (version < fuzz::kTinyFolded) fuzz::fuzz_fail("opened below the folded version");
  Result<ChangeResult> change = insights.change({3, ConsentChange::Kind::kHide, std::nullopt, {}});
  if (!change.ok()) return 0;  // refusing to write is not a crash
  if (change->version != version + 1) fuzz::fuzz_fail("a change skipped a version");
  Result<std::shared_ptr<const Store>> again = Store::open(tiny.dir);
  if (!again.ok()) fuzz::fuzz_fail("an acknowledged change made the store unopenable: " + again.status().message());
  if (Insights(std::move(*again)).consent_version() != version + 1) {
    fuzz::fuzz_fail("the acknowledged change is not there after reopening");
  }
  return 0;
}
