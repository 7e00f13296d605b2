// Anti-aliased rendering of world scenes at any square size, in plain C++ (no
// graphics library, so the trainer builds anywhere LibTorch does).
#pragma once

#include "world/scene.h"

#include <cstdint>
#include <vector>

namespace lanterna::world {

// Renders frame `index` of a `frames`-frame clip into `rgb` (size*size*3).
void render_frame(const Scene& scene, int index, int frames, int size, uint8_t* rgb);
// Renders the whole clip: frames * size * size * 3 bytes, frame-major.
std::vector<uint8_t> render_clip(const Scene& scene, int frames, int size);

// Coverage (0..1) of a shape with circumscribed radius `radius` centred at
// (cx, cy) rotated by `rotation`, at point (px, py); all in pixels. Used by
// the renderer and by the evaluator's shape templates.
double shape_coverage(Shape shape, double cx, double cy, double radius, double rotation, double px,
                      double py);

// Rasterizes a shape (coverage >= 0.5) into `mask` over the pixel box
// [x0, x1] x [y0, y1], row-major with width x1 - x0 + 1.
void rasterize_shape(Shape shape, double cx, double cy, double radius, double rotation, int x0,
                     int y0, int x1, int y1, std::vector<uint8_t>* mask);

}  // namespace lanterna::world
