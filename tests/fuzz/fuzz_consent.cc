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
  if (!result.ok()) {
    const std::string& message = result.status().message();
    if (message.rfind(path, 0) != 0) fuzz::fuzz_fail("an error that does not start with the file name: " + message);
    if (result.status().code() != StatusCode::kInvalidArgument && result.status().code() != StatusCode::kIo) {
      fuzz::fuzz_fail("bad input reported as " + std::string(to_string(result.status().code())) + ": " + message);
    }
  }
  return 0;
}
