#include "world/render.h"

#include <algorithm>
#include <cmath>

namespace lanterna::world {
namespace {

struct Point {
  double x, y;
};

// Vertices of the polygon shapes (apex up at rotation 0; y grows downwards).
int polygon(Shape shape, double cx, double cy, double r, double rotation, Point* out) {
  int n = 0;
  double inner = 0.0;
  switch (shape) {
    case Shape::Square:
      n = 4;
      break;
    case Shape::Triangle:
      n = 3;
      break;
    case Shape::Star:
      n = 10;
      inner = 0.45;
      break;
    case Shape::Circle:
      return 0;
  }
  // The square's vertices sit at 45 degrees so its sides are axis-aligned.
  const double start = shape == Shape::Square ? -M_PI / 4 : -M_PI / 2;
  for (int i = 0; i < n; ++i) {
    const double a = start + rotation + 2 * M_PI * i / n;
    const double rr = (shape == Shape::Star && i % 2) ? r * inner : r;
    out[i] = {cx + rr * std::cos(a), cy + rr * std::sin(a)};
  }
  return n;
}

// Signed distance to a simple polygon: negative inside.
double polygon_distance(const Point* v, int n, double px, double py) {
  double best = 1e30;
  bool inside = false;
  for (int i = 0, j = n - 1; i < n; j = i++) {
    const double ex = v[i].x - v[j].x, ey = v[i].y - v[j].y;
    const double wx = px - v[j].x, wy = py - v[j].y;
    const double t = std::clamp((wx * ex + wy * ey) / (ex * ex + ey * ey), 0.0, 1.0);
    const double dx = wx - ex * t, dy = wy - ey * t;
    best = std::min(best, dx * dx + dy * dy);
    if ((v[i].y > py) != (v[j].y > py) &&
        px < (v[j].x - v[i].x) * (py - v[i].y) / (v[j].y - v[i].y) + v[i].x)
      inside = !inside;
  }
  const double d = std::sqrt(best);
  return inside ? -d : d;
}

double coverage_from_distance(double d) {
  return std::clamp(0.5 - d, 0.0, 1.0);
}

}  // namespace

double shape_coverage(Shape shape, double cx, double cy, double radius, double rotation, double px,
                      double py) {
  if (shape == Shape::Circle) return coverage_from_distance(std::hypot(px - cx, py - cy) - radius);
  Point v[10];
  const int n = polygon(shape, cx, cy, radius, rotation, v);
  return coverage_from_distance(polygon_distance(v, n, px, py));
}

void rasterize_shape(Shape shape, double cx, double cy, double radius, double rotation, int x0,
                     int y0, int x1, int y1, std::vector<uint8_t>* mask) {
  Point v[10];
  const int n = polygon(shape, cx, cy, radius, rotation, v);
  const int w = x1 - x0 + 1;
  mask->assign(static_cast<size_t>(w) * (y1 - y0 + 1), 0);
  for (int y = y0; y <= y1; ++y)
    for (int x = x0; x <= x1; ++x) {
      const double d = n ? polygon_distance(v, n, x, y) : std::hypot(x - cx, y - cy) - radius;
      (*mask)[static_cast<size_t>(y - y0) * w + (x - x0)] = d <= 0.0;
    }
}

void render_frame(const Scene& scene, int index, int frames, int size, uint8_t* rgb) {
  std::vector<float> img(static_cast<size_t>(size) * size * 3);
  const Rgb bg = background_rgb(scene.background);
  for (size_t i = 0; i < img.size(); ++i) img[i] = bg[i % 3];
  const double u = frames > 1 ? static_cast<double>(index) / (frames - 1) : 0.0;
  // Later-named objects first, so the first named ends on top.
  for (auto it = scene.objects.rbegin(); it != scene.objects.rend(); ++it) {
    const Object::Pose p = it->pose(u);
    const double cx = p.x * size - 0.5, cy = p.y * size - 0.5, r = p.radius * size;
    const Rgb col = colour_rgb(it->colour);
    Point v[10];
    const int n = polygon(it->shape, cx, cy, r, p.rotation, v);
    const int x0 = std::max(0, static_cast<int>(std::floor(cx - r - 1)));
    const int x1 = std::min(size - 1, static_cast<int>(std::ceil(cx + r + 1)));
    const int y0 = std::max(0, static_cast<int>(std::floor(cy - r - 1)));
    const int y1 = std::min(size - 1, static_cast<int>(std::ceil(cy + r + 1)));
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) {
        const double d = n ? polygon_distance(v, n, x, y) : std::hypot(x - cx, y - cy) - r;
        const float c = static_cast<float>(coverage_from_distance(d));
        if (c <= 0.f) continue;
        float* px = &img[(static_cast<size_t>(y) * size + x) * 3];
        for (int k = 0; k < 3; ++k) px[k] = px[k] * (1.f - c) + col[static_cast<size_t>(k)] * c;
      }
  }
  for (size_t i = 0; i < img.size(); ++i) rgb[i] = static_cast<uint8_t>(std::lround(img[i]));
}

std::vector<uint8_t> render_clip(const Scene& scene, int frames, int size) {
  std::vector<uint8_t> out(static_cast<size_t>(frames) * size * size * 3);
  for (int f = 0; f < frames; ++f)
    render_frame(scene, f, frames, size, out.data() + static_cast<size_t>(f) * size * size * 3);
  return out;
}

}  // namespace lanterna::world
