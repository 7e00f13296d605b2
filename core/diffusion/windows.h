// Temporal windows for MultiDiffusion (Bar-Tal et al. 2023) as Lumiere uses it
// for the SSR stage: the network runs on overlapping windows of frames and the
// windows' predictions are averaged per frame where they overlap.
#pragma once

#include <vector>

namespace lanterna {

struct TemporalWindow {
  int start = 0;
  int length = 0;
};

// Windows of `window` frames overlapping by `overlap` that cover all `frames`
// frames; the last window is aligned to the end. window <= 0 or >= frames
// gives one window over the whole clip. Throws on overlap >= window.
std::vector<TemporalWindow> temporal_windows(int frames, int window, int overlap);

}  // namespace lanterna
