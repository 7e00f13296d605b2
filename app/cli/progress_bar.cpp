#include "progress_bar.h"

#include <cstdio>

#include <unistd.h>

namespace lanterna::cli {

ProgressBar::ProgressBar() : tty_(::isatty(STDERR_FILENO) == 1) {}

void ProgressBar::update(const Progress& p) {
  if (!tty_) return;
  const int width = 30;
  const int filled = p.total ? p.step * width / p.total : 0;
  std::string bar(static_cast<size_t>(filled), '#');
  bar.resize(width, '.');
  std::fprintf(stderr, "\r%-4s [%s] %3d/%-3d  ETA %5.1f s ", p.stage.c_str(), bar.c_str(), p.step,
               p.total, p.eta_seconds);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (drawn_) std::fputc('\n', stderr);
  drawn_ = false;
}

}  // namespace lanterna::cli
