#include "diffusion/windows.h"

#include "common/error.h"

#include <string>

namespace lanterna {

std::vector<TemporalWindow> temporal_windows(int frames, int window, int overlap) {
  require(frames >= 1, "temporal windows need at least one frame");
  if (window <= 0 || window >= frames) return {{0, frames}};
  require(overlap >= 0 && overlap < window, "window overlap must be in 0.." +
                                                std::to_string(window - 1) + " (got " +
                                                std::to_string(overlap) + ")");
  const int stride = window - overlap;
  std::vector<TemporalWindow> out;
  int start = 0;
  for (; start + window < frames; start += stride) out.push_back({start, window});
  out.push_back({frames - window, window});
  return out;
}

}  // namespace lanterna
