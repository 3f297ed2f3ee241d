#include "store/journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "common/checksum.h"
#include "common/files.h"
#include "mutuals/store/journal_record_generated.h"

namespace mutuals::internal {
namespace {

constexpr char kMagic[8] = {'M', 'U', 'T', 'J', 'R', 'N', 'L', '1'};
constexpr std::uint32_t kRecordMagic = 0x4A54554D;
constexpr std::uint32_t kMaxPayload = 64u << 20;

std::uint32_t header_check(std::uint32_t length) {
  return static_cast<std::uint32_t>(checksum64(&length, sizeof length));
}

Status damaged(const std::string& path, std::uint64_t offset, const std::string& what) {
  return DataLoss(path + ": offset " + std::to_string(offset) + ": consent journal damaged: " + what +
                  " (acknowledged changes would be lost; restore the store from a copy)");
}

Result<ConsentChange> decode(const std::string& path, std::uint64_t offset, const std::uint8_t* p, std::size_t n,
                             std::uint64_t& version) {
  flatbuffers::Verifier verifier(p, n);
  if (!store::fb::VerifyConsentEventRecordBuffer(verifier)) return damaged(path, offset, "record fails verification");
  const auto* r = store::fb::GetConsentEventRecord(p);
  ConsentChange c;
  c.member = r->member();
  if (r->kind() > static_cast<std::uint8_t>(ConsentChange::Kind::kRemoveContacts)) {
    return damaged(path, offset, "unknown change kind");
  }
  c.kind = static_cast<ConsentChange::Kind>(r->kind());
  if (r->category() >= 0) {
    if (r->category() >= kCategoryCount) return damaged(path, offset, "unknown category");
    c.category = static_cast<Category>(r->category());
  }
  if (r->contacts() != nullptr) c.contacts.assign(r->contacts()->begin(), r->contacts()->end());
  version = r->version();
  return c;
}

}  // namespace

static std::string journal_header(std::uint64_t base) {
  std::string h(kMagic, sizeof kMagic);
  h.append(reinterpret_cast<const char*>(&base), sizeof base);
  std::uint64_t sum = checksum64(&base, sizeof base);
  h.append(reinterpret_cast<const char*>(&sum), sizeof sum);
  return h;
}

Result<JournalScan> scan_journal(const std::string& path, std::uint64_t offset, std::uint64_t missing_base) {
  JournalScan scan;
  scan.base_version = missing_base;
  Result<MappedFile> file = MappedFile::open(path);
  if (!file.ok()) {
    if (file.status().code() == StatusCode::kNotFound) return scan;
    return file.status();
  }
  const std::uint8_t* base = file->data();
  const std::uint64_t size = file->size();
  scan.file_bytes = size;
  if (size < kJournalHeaderBytes) {
    // A crash while creating the journal: nothing was acknowledged yet.
    scan.torn_tail = size > 0;
    return scan;
  }
  if (std::memcmp(base, kMagic, sizeof kMagic) != 0) return damaged(path, 0, "not a consent journal");
  std::memcpy(&scan.base_version, base + sizeof kMagic, 8);
  std::uint64_t base_sum;
  std::memcpy(&base_sum, base + sizeof kMagic + 8, 8);
  if (checksum64(&scan.base_version, 8) != base_sum) return damaged(path, 8, "header (base version) checksum mismatch");
  std::uint64_t next_version = scan.base_version + 1;
  if (offset < kJournalHeaderBytes) {
    offset = kJournalHeaderBytes;
  } else {
    // Continuing a scan: the caller knows how many records precede offset.
    next_version = 0;
  }
  scan.end_offset = offset;
  while (offset < size) {
    if (size - offset < kRecordHeaderBytes) {
      scan.torn_tail = true;
      break;
    }
    std::uint32_t magic, length, check;
    std::uint64_t sum;
    std::memcpy(&magic, base + offset, 4);
    std::memcpy(&length, base + offset + 4, 4);
    std::memcpy(&check, base + offset + 8, 4);
    std::memcpy(&sum, base + offset + 16, 8);
    if (magic != kRecordMagic || check != header_check(length) || length > kMaxPayload) {
      return damaged(path, offset, "record header");
    }
    std::uint64_t end = offset + kRecordHeaderBytes + length;
    if (end > size) {
      scan.torn_tail = true;
      break;
    }
    const std::uint8_t* payload = base + offset + kRecordHeaderBytes;
    if (checksum64(payload, length) != sum) {
      if (end == size) {
        scan.torn_tail = true;
        break;
      }
      return damaged(path, offset, "record checksum mismatch");
    }
    std::uint64_t version = 0;
    Result<ConsentChange> change = decode(path, offset, payload, length, version);
    if (!change.ok()) return change.status();
    if (next_version == 0) next_version = version;  // continuing: checked by the caller
    if (version != next_version) {
      return damaged(path, offset,
                     "version " + std::to_string(version) + " where " + std::to_string(next_version) + " was due");
    }
    scan.records.push_back({version, std::move(*change)});
    ++next_version;
    offset = end;
    scan.end_offset = end;
  }
  return scan;
}

std::string encode_journal_record(std::uint64_t version, const ConsentChange& change) {
  flatbuffers::FlatBufferBuilder fbb(128);
  auto contacts = change.contacts.empty() ? 0 : fbb.CreateVector(change.contacts);
  store::fb::ConsentEventRecordBuilder b(fbb);
  b.add_version(version);
  b.add_member(change.member);
  b.add_kind(static_cast<std::uint8_t>(change.kind));
  b.add_category(change.category ? static_cast<std::int8_t>(*change.category) : std::int8_t{-1});
  if (!change.contacts.empty()) b.add_contacts(contacts);
  store::fb::FinishConsentEventRecordBuffer(fbb, b.Finish());
  std::uint32_t length = fbb.GetSize();
  std::uint32_t check = header_check(length);
  std::uint32_t zero = 0;
  std::uint64_t sum = checksum64(fbb.GetBufferPointer(), length);
  std::string out;
  out.reserve(kRecordHeaderBytes + length);
  out.append(reinterpret_cast<const char*>(&kRecordMagic), 4);
  out.append(reinterpret_cast<const char*>(&length), 4);
  out.append(reinterpret_cast<const char*>(&check), 4);
  out.append(reinterpret_cast<const char*>(&zero), 4);
  out.append(reinterpret_cast<const char*>(&sum), 8);
  out.append(reinterpret_cast<const char*>(fbb.GetBufferPointer()), length);
  return out;
}

Status append_journal(const std::string& path, std::uint64_t base, std::uint64_t valid_end,
                      const std::string& record) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return IoError(path + ": cannot open: " + errno_text());
  auto fail = [&](const std::string& what) {
    Status s = IoError(path + ": " + what + ": " + errno_text());
    ::close(fd);
    return s;
  };
  if (valid_end < kJournalHeaderBytes) {
    std::string header = journal_header(base);
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, header.data(), header.size(), 0) != ssize_t(header.size()) ||
        ::fdatasync(fd) != 0) {
      return fail("cannot initialise the journal");
    }
    valid_end = kJournalHeaderBytes;
  } else if (::ftruncate(fd, static_cast<off_t>(valid_end)) != 0) {
    return fail("cannot cut the torn tail");
  }
  // One pwrite per record: a crash leaves a prefix of it, which scan_journal
  // recognises as a torn tail.
  std::size_t done = 0;
  while (done < record.size()) {
    ssize_t n = ::pwrite(fd, record.data() + done, record.size() - done, static_cast<off_t>(valid_end + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("append failed");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fdatasync(fd) != 0) return fail("fsync failed");
  if (::close(fd) != 0) return IoError(path + ": close failed: " + errno_text());
  return Status::Ok();
}

Status reset_journal(const std::string& path, std::uint64_t base) {
  // A new file renamed over the old one: a crash leaves one or the other.
  const std::string tmp = path + ".tmp";
  MUTUALS_RETURN_IF_ERROR(write_file_durably(tmp, journal_header(base)));
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return IoError(path + ": rename failed: " + errno_text());
  return Status::Ok();
}

}  // namespace mutuals::internal
