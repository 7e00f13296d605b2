// Comparing generated clips with what they should keep, shared by the mode
// tests.
#pragma once

#include "engine/video.h"

#include <cmath>
#include <cstdint>

namespace lanterna::test {

// PSNR over the pixels where `where(x, y)` holds, frame f of a vs frame g of
// b (99 when identical, 0 when `where` selects nothing).
template <typename Where>
double psnr_where(const Video& a, int f, const Video& b, int g, Where where) {
  double se = 0;
  int64_t n = 0;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x) {
      if (!where(x, y)) continue;
      for (int c = 0; c < 3; ++c) {
        const size_t i = (static_cast<size_t>(y) * a.width + x) * 3 + c;
        const double d = double(a.frame(f)[i]) - b.frame(g)[i];
        se += d * d;
        ++n;
      }
    }
  if (n == 0) return 0;
  return se == 0 ? 99 : 10 * std::log10(255.0 * 255.0 / (se / n));
}

}  // namespace lanterna::test
