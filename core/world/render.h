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

}  // namespace lanterna::world
