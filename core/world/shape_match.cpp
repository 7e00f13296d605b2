#include "world/shape_match.h"

#include "world/render.h"

#include <algorithm>
#include <cmath>

namespace lanterna::world {

double rotation_period(Shape s) {
  switch (s) {
    case Shape::Circle:
      return 2 * M_PI;
    case Shape::Square:
      return M_PI / 2;
    case Shape::Triangle:
      return 2 * M_PI / 3;
    case Shape::Star:
      return 2 * M_PI / 5;
  }
  return 2 * M_PI;
}

double shape_area(Shape s, double r) {
  switch (s) {
    case Shape::Circle:
      return M_PI * r * r;
    case Shape::Square:
      return 2 * r * r;
    case Shape::Triangle:
      return 3 * std::sqrt(3.0) / 4 * r * r;
    case Shape::Star:
      return 5 * r * (0.45 * r) * std::sin(2 * M_PI / 10);
  }
  return 0;
}

ShapeMatch fit_shape(const Silhouette& s, Shape shape) {
  ShapeMatch best;
  best.shape = shape;
  const double r = std::sqrt(s.area / shape_area(shape, 1.0));
  const double period = rotation_period(shape);
  const int rotations =
      shape == Shape::Circle ? 1 : static_cast<int>(std::round(period / (5.0 * M_PI / 180)));
  const int x0 = std::max(0, static_cast<int>(s.cx - r - 2)),
            x1 = std::min(s.size - 1, static_cast<int>(s.cx + r + 2));
  const int y0 = std::max(0, static_cast<int>(s.cy - r - 2)),
            y1 = std::min(s.size - 1, static_cast<int>(s.cy + r + 2));
  // Mask pixels outside the template's box count against every template alike.
  double outside = 0;
  for (int y = 0; y < s.size; ++y)
    for (int x = 0; x < s.size; ++x)
      if ((*s.mask)[static_cast<size_t>(y) * s.size + x] && (x < x0 || x > x1 || y < y0 || y > y1))
        ++outside;
  std::vector<uint8_t> tmpl;
  const int w = x1 - x0 + 1;
  for (int k = 0; k < rotations; ++k) {
    const double rot = period * k / rotations;
    // The template's centroid is its centre for all four shapes.
    rasterize_shape(shape, s.cx, s.cy, r, rot, x0, y0, x1, y1, &tmpl);
    double inter = 0, uni = outside;
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) {
        const bool t = tmpl[static_cast<size_t>(y - y0) * w + (x - x0)] != 0;
        const bool m = (*s.mask)[static_cast<size_t>(y) * s.size + x] != 0;
        inter += t && m;
        uni += t || m;
      }
    const double iou = uni > 0 ? inter / uni : 0;
    if (iou > best.iou) {
      best.iou = iou;
      best.rotation = rot;
    }
  }
  return best;
}

ShapeMatch classify_shape(const Silhouette& s) {
  ShapeMatch best;
  best.iou = -1;
  for (int k = 0; k < kShapeCount; ++k) {
    const ShapeMatch m = fit_shape(s, static_cast<Shape>(k));
    if (m.iou > best.iou) best = m;
  }
  return best;
}

}  // namespace lanterna::world
