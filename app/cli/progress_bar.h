// A one-line progress bar on stderr (only when stderr is a terminal).
#pragma once

#include "engine/request.h"

namespace lanterna::cli {

class ProgressBar {
 public:
  ProgressBar();
  void update(const Progress& p);
  void finish();

 private:
  bool tty_;
  bool drawn_ = false;
};

}  // namespace lanterna::cli
