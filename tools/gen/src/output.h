// The four output files of a generated network, written all-or-nothing:
// each is streamed to DIR/NAME.tmp; commit() syncs them, removes any old
// edges.csv, renames the others into place and edges.csv last (the file that
// makes a set look complete), then syncs the directory. Destroying an
// uncommitted set removes its .tmp files.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "mutuals/status.h"

namespace mutuals::gen::internal {

enum OutputFile { kEdgesFile = 0, kSchoolsFile, kEmployersFile, kConsentFile, kOutputFiles };

class OutputSet {
 public:
  OutputSet() = default;
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;
  ~OutputSet();

  // Creates `dir` if needed and opens the .tmp files, each starting with its header.
  Status open(const std::string& dir);
  Status write(OutputFile file, std::string_view bytes);
  Status commit();

 private:
  std::string final_path(int file) const;
  std::string tmp_path(int file) const;
  void discard();

  std::string dir_;
  std::array<int, kOutputFiles> fd_{-1, -1, -1, -1};
  bool opened_ = false;
  bool committed_ = false;
};

}  // namespace mutuals::gen::internal
