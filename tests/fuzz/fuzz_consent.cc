// libFuzzer target: the consent-state loader (DESIGN §5 "consent") on arbitrary bytes.
// The input is written to a file and loaded; the loader must return a value
// or an error that starts with the file's path (FILE:LINE: what), never
// crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "mutuals/loaders/consent_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mutuals;
  const std::string path = fuzz::write_input("consent.csv", data, size);
  auto result = loaders::load_consent(path);
  if (!result.ok()) fuzz::check_loader_error(path, result.status());
  return 0;
}
