#include "world/style_filter.h"

#include "common/error.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace lanterna::world {
namespace {

using Rgb3 = std::array<int, 3>;

Rgb3 pixel(const uint8_t* rgb, int size, int x, int y) {
  x = std::clamp(x, 0, size - 1);
  y = std::clamp(y, 0, size - 1);
  const uint8_t* p = rgb + (static_cast<size_t>(y) * size + x) * 3;
  return {p[0], p[1], p[2]};
}

double luma(const Rgb3& c) {
  return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
}

// Edge strength 0..1: the largest Sobel gradient magnitude over the three
// colour channels (so a red object on a grey of equal luma still has edges).
std::vector<double> edges(const uint8_t* rgb, int size) {
  std::vector<double> out(static_cast<size_t>(size) * size, 0.0);
  auto at = [&](int x, int y, int c) { return static_cast<double>(pixel(rgb, size, x, y)[c]); };
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x)
      for (int c = 0; c < 3; ++c) {
        const double gx = at(x + 1, y - 1, c) + 2 * at(x + 1, y, c) + at(x + 1, y + 1, c) -
                          at(x - 1, y - 1, c) - 2 * at(x - 1, y, c) - at(x - 1, y + 1, c);
        const double gy = at(x - 1, y + 1, c) + 2 * at(x, y + 1, c) + at(x + 1, y + 1, c) -
                          at(x - 1, y - 1, c) - 2 * at(x, y - 1, c) - at(x + 1, y - 1, c);
        const double e = std::min(1.0, std::sqrt(gx * gx + gy * gy) / (4 * 255.0) * 2.5);
        out[y * size + x] = std::max(out[y * size + x], e);
      }
  return out;
}

uint8_t to_byte(double v) {
  return static_cast<uint8_t>(std::clamp(std::lround(v), 0L, 255L));
}

void sketch(int size, uint8_t* rgb) {
  const std::vector<double> e = edges(rgb, size);
  const double paper[3] = {236, 230, 214}, ink[3] = {48, 46, 52};
  for (int i = 0; i < size * size; ++i) {
    const double shade = 1.0 - 0.12 * (1.0 - luma(pixel(rgb, size, i % size, i / size)) / 255.0);
    for (int c = 0; c < 3; ++c)
      rgb[i * 3 + c] = to_byte((paper[c] * shade) * (1 - e[i]) + ink[c] * e[i]);
  }
}

void neon(int size, uint8_t* rgb) {
  const std::vector<double> e = edges(rgb, size);
  std::vector<double> line(static_cast<size_t>(size) * size * 3, 0.0);
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const double strength = e[y * size + x];
      if (strength < 0.05) continue;
      // The line takes the most saturated colour around it (the object's),
      // pushed to full saturation and brightness; white for grey objects.
      Rgb3 best{255, 255, 255};
      int best_sat = 40;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const Rgb3 c = pixel(rgb, size, x + dx, y + dy);
          const int sat =
              *std::max_element(c.begin(), c.end()) - *std::min_element(c.begin(), c.end());
          if (sat > best_sat) best_sat = sat, best = c;
        }
      const int lo = *std::min_element(best.begin(), best.end());
      const int hi = *std::max_element(best.begin(), best.end());
      for (int c = 0; c < 3; ++c) {
        const double v = hi > lo ? (best[c] - lo) * 255.0 / (hi - lo) : 255.0;
        line[(y * size + x) * 3 + c] = v * strength;
      }
    }
  // Glow: the lines blurred (two box passes) and added back.
  const int r = std::max(1, size / 48);
  std::vector<double> glow = line, tmp(line.size());
  for (int pass = 0; pass < 2; ++pass)
    for (int axis = 0; axis < 2; ++axis) {
      for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
          for (int c = 0; c < 3; ++c) {
            double sum = 0;
            for (int k = -r; k <= r; ++k) {
              const int xx = std::clamp(axis == 0 ? x + k : x, 0, size - 1);
              const int yy = std::clamp(axis == 1 ? y + k : y, 0, size - 1);
              sum += glow[(yy * size + xx) * 3 + c];
            }
            tmp[(y * size + x) * 3 + c] = sum / (2 * r + 1);
          }
      glow.swap(tmp);
    }
  for (size_t i = 0; i < line.size(); ++i) rgb[i] = to_byte(line[i] * 1.2 + glow[i] * 1.5);
}

void pixelate(int size, uint8_t* rgb) {
  const int block = 4, cells = std::max(1, size / block);
  std::vector<Rgb3> small(static_cast<size_t>(cells) * cells);
  std::map<Rgb3, int> counts;
  for (int cy = 0; cy < cells; ++cy)
    for (int cx = 0; cx < cells; ++cx) {
      const Rgb3 c = pixel(rgb, size, cx * block + block / 2, cy * block + block / 2);
      small[cy * cells + cx] = c;
      ++counts[c];
    }
  std::vector<std::pair<int, Rgb3>> ranked;
  for (const auto& [c, n] : counts) ranked.push_back({-n, c});
  std::sort(ranked.begin(), ranked.end());
  std::vector<Rgb3> palette;
  for (size_t i = 0; i < ranked.size() && i < 8; ++i) palette.push_back(ranked[i].second);
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const Rgb3 c = small[std::min(y / block, cells - 1) * cells + std::min(x / block, cells - 1)];
      const Rgb3* nearest = &palette[0];
      int best = 1 << 30;
      for (const Rgb3& p : palette) {
        const int d = (p[0] - c[0]) * (p[0] - c[0]) + (p[1] - c[1]) * (p[1] - c[1]) +
                      (p[2] - c[2]) * (p[2] - c[2]);
        if (d < best) best = d, nearest = &p;
      }
      for (int k = 0; k < 3; ++k) rgb[(static_cast<size_t>(y) * size + x) * 3 + k] = (*nearest)[k];
    }
}

}  // namespace

std::vector<std::string> style_names() {
  return {"sketch", "neon", "pixel"};
}

Style parse_style(const std::string& name) {
  if (name == "sketch") return Style::Sketch;
  if (name == "neon") return Style::Neon;
  if (name == "pixel") return Style::Pixel;
  throw Error(ErrorCode::InvalidArgument,
              "unknown style '" + name + "' (known: sketch, neon, pixel)");
}

const char* style_name(Style style) {
  switch (style) {
    case Style::Sketch:
      return "sketch";
    case Style::Neon:
      return "neon";
    case Style::Pixel:
      return "pixel";
  }
  return "sketch";
}

void apply_style(Style style, int size, uint8_t* rgb) {
  switch (style) {
    case Style::Sketch:
      sketch(size, rgb);
      break;
    case Style::Neon:
      neon(size, rgb);
      break;
    case Style::Pixel:
      pixelate(size, rgb);
      break;
  }
}

}  // namespace lanterna::world
