#include "world/evaluator.h"

#include "world/shape_match.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace lanterna::world {
namespace {

int distance2(const uint8_t* p, const Rgb& c) {
  int d = 0;
  for (int k = 0; k < 3; ++k)
    d += (p[k] - c[static_cast<size_t>(k)]) * (p[k] - c[static_cast<size_t>(k)]);
  return d;
}

Background detect_background(const uint8_t* rgb, int frames, int size) {
  // Vote over the outer ring of pixels of every frame.
  int votes[kBackgroundCount] = {};
  for (int f = 0; f < frames; ++f)
    for (int y = 0; y < size; ++y)
      for (int x = 0; x < size; ++x) {
        if (x > 1 && x < size - 2 && y > 1 && y < size - 2) continue;
        const uint8_t* p = rgb + ((static_cast<size_t>(f) * size + y) * size + x) * 3;
        int best = 0, best_d = 1 << 30;
        for (int b = 0; b < kBackgroundCount; ++b) {
          const int d = distance2(p, background_rgb(static_cast<Background>(b)));
          if (d < best_d) best_d = d, best = b;
        }
        ++votes[best];
      }
  return static_cast<Background>(std::max_element(votes, votes + kBackgroundCount) - votes);
}

// Per-object measurements in one frame.
struct Track {
  std::vector<double> area, cx, cy;  // area in pixels, centroid in canvas units
  std::vector<bool> present;
};

constexpr int kStrict = 60 * 60;  // squared RGB distance for a pixel to count as a colour

// Pixels whose nearest palette colour (named background + object colours) is
// `c` and which lie close to it.
void colour_mask(const uint8_t* frame, int size, Colour c, const std::vector<Rgb>& palette,
                 std::vector<uint8_t>* mask) {
  const Rgb target = colour_rgb(c);
  mask->assign(static_cast<size_t>(size) * size, 0);
  for (size_t i = 0; i < mask->size(); ++i) {
    const uint8_t* p = frame + i * 3;
    const int d = distance2(p, target);
    if (d > kStrict) continue;
    bool nearest = true;
    for (const Rgb& other : palette)
      if (other != target && distance2(p, other) < d) nearest = false;
    (*mask)[i] = nearest;
  }
}

double mean_ends(const std::vector<double>& v, const std::vector<bool>& present, bool last) {
  double sum = 0;
  int n = 0;
  const int count = static_cast<int>(v.size());
  for (int k = 0; k < count && n < 2; ++k) {
    const int i = last ? count - 1 - k : k;
    if (!present[static_cast<size_t>(i)]) continue;
    sum += v[static_cast<size_t>(i)];
    ++n;
  }
  return n ? sum / n : 0;
}

// Total rotation of a silhouette over the clip, following the best-fitting
// rotation frame to frame modulo the shape's symmetry.
double turned_angle(Shape shape, const std::vector<bool>& present,
                    const std::vector<double>& rotation) {
  const double period = rotation_period(shape);
  double turned = 0, prev = 0;
  bool have = false;
  for (size_t i = 0; i < rotation.size(); ++i) {
    if (!present[i] || rotation[i] < 0) continue;
    if (have) turned += std::remainder(rotation[i] - prev, period);
    prev = rotation[i];
    have = true;
  }
  return turned;
}

bool judge_motion(Motion m, Shape shape, const Track& t, const std::vector<double>& rotation,
                  std::ostringstream& detail) {
  const auto& p = t.present;
  const double dx = mean_ends(t.cx, p, true) - mean_ends(t.cx, p, false);
  const double dy = mean_ends(t.cy, p, true) - mean_ends(t.cy, p, false);
  const double a0 = mean_ends(t.area, p, false), a1 = mean_ends(t.area, p, true);
  const double ratio = a0 > 0 ? a1 / a0 : 0;
  double mx = 0, my = 0, spread = 0;
  int n = 0;
  for (size_t i = 0; i < p.size(); ++i)
    if (p[i]) mx += t.cx[i], my += t.cy[i], ++n;
  mx /= std::max(n, 1);
  my /= std::max(n, 1);
  for (size_t i = 0; i < p.size(); ++i)
    if (p[i]) spread = std::max(spread, std::hypot(t.cx[i] - mx, t.cy[i] - my));
  detail << "dx " << dx << " dy " << dy << " area x" << ratio << " spread " << spread;
  switch (m) {
    case Motion::Left:
      return dx <= -0.15 && std::fabs(dy) <= 0.5 * std::fabs(dx);
    case Motion::Right:
      return dx >= 0.15 && std::fabs(dy) <= 0.5 * std::fabs(dx);
    case Motion::Up:
      return dy <= -0.15 && std::fabs(dx) <= 0.5 * std::fabs(dy);
    case Motion::Down:
      return dy >= 0.15 && std::fabs(dx) <= 0.5 * std::fabs(dy);
    case Motion::Growing:
      return ratio >= 1.8;
    case Motion::Shrinking:
      return ratio > 0 && ratio <= 0.55;
    case Motion::Still: {
      const double turned = shape == Shape::Circle ? 0.0 : turned_angle(shape, p, rotation);
      detail << " turned " << turned / (2 * M_PI);
      return spread <= 0.04 && ratio >= 0.75 && ratio <= 1.33 &&
             std::fabs(turned) <= 15 * M_PI / 180;
    }
    case Motion::Bouncing: {
      // Reversals of vertical direction, with a hysteresis of 0.02.
      int reversals = 0, dir = 0;
      double lo = 1e9, hi = -1e9, extreme = 0;
      bool first = true;
      for (size_t i = 0; i < p.size(); ++i) {
        if (!p[i]) continue;
        const double y = t.cy[i];
        lo = std::min(lo, y);
        hi = std::max(hi, y);
        if (first) {
          extreme = y;
          first = false;
        } else if (dir == 0) {
          if (std::fabs(y - extreme) > 0.02) dir = y > extreme ? 1 : -1, extreme = y;
        } else if ((y - extreme) * dir > 0) {
          extreme = y;  // still going the same way
        } else if ((extreme - y) * dir > 0.02) {
          ++reversals;
          dir = -dir;
          extreme = y;
        }
      }
      detail << " reversals " << reversals << " height " << hi - lo;
      return reversals >= 2 && hi - lo >= 0.08;
    }
    case Motion::Spinning: {
      if (shape == Shape::Circle) return false;
      const double turned = turned_angle(shape, p, rotation);
      detail << " turned " << turned / (2 * M_PI);
      return std::fabs(turned) >= 0.6 * 2 * M_PI && spread <= 0.08;
    }
    case Motion::Circling: {
      double swept = 0, prev = 0, radius = 0;
      bool have = false;
      int count = 0;
      for (size_t i = 0; i < p.size(); ++i) {
        if (!p[i]) continue;
        const double a = std::atan2(t.cy[i] - 0.5, t.cx[i] - 0.5);
        radius += std::hypot(t.cx[i] - 0.5, t.cy[i] - 0.5);
        ++count;
        if (have) swept += std::remainder(a - prev, 2 * M_PI);
        prev = a;
        have = true;
      }
      radius /= std::max(count, 1);
      detail << " swept " << swept / (2 * M_PI) << " radius " << radius;
      return std::fabs(swept) >= 0.5 * 2 * M_PI && radius >= 0.12;
    }
  }
  return false;
}

}  // namespace

bool ClipVerdict::colours() const {
  return std::all_of(objects.begin(), objects.end(),
                     [](const ObjectVerdict& o) { return o.colour; });
}
bool ClipVerdict::shapes() const {
  return std::all_of(objects.begin(), objects.end(),
                     [](const ObjectVerdict& o) { return o.shape; });
}
bool ClipVerdict::motions() const {
  return std::all_of(objects.begin(), objects.end(),
                     [](const ObjectVerdict& o) { return o.motion; });
}
bool ClipVerdict::all_correct() const {
  return background && consistent && colours() && shapes() && motions();
}

ClipVerdict judge_clip(const ParsedCaption& caption, const uint8_t* rgb, int frames, int size) {
  ClipVerdict v;
  const size_t frame_bytes = static_cast<size_t>(size) * size * 3;
  const Background bg = detect_background(rgb, frames, size);
  v.background = caption.background && *caption.background == bg;
  // Palette: the detected background and every object colour that differs from it.
  std::vector<Rgb> palette{background_rgb(bg)};
  for (int c = 0; c < kColourCount; ++c)
    if (colour_allowed_on(static_cast<Colour>(c), bg))
      palette.push_back(colour_rgb(static_cast<Colour>(c)));

  const size_t n_obj = caption.objects.size();
  std::vector<Track> tracks(n_obj);
  std::vector<std::vector<double>> rotations(n_obj,
                                             std::vector<double>(static_cast<size_t>(frames), -1));
  std::vector<int> shape_votes(n_obj, 0), shape_frames(n_obj, 0);
  std::vector<uint8_t> mask;
  const int shape_stride = std::max(1, frames / 8);
  for (size_t k = 0; k < n_obj; ++k) {
    const ParsedObject& o = caption.objects[k];
    const double r = size_radius(o.size) * size;
    const double min_scale = o.motion && *o.motion == Motion::Shrinking ? 0.5 : 1.0;
    const double min_area = std::max(4.0, 0.25 * shape_area(o.shape, r * min_scale));
    Track& t = tracks[k];
    for (int f = 0; f < frames; ++f) {
      colour_mask(rgb + frame_bytes * static_cast<size_t>(f), size, o.colour, palette, &mask);
      double area = 0, sx = 0, sy = 0;
      for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
          if (mask[static_cast<size_t>(y) * size + x]) area += 1, sx += x, sy += y;
      const bool present = area >= min_area;
      t.present.push_back(present);
      t.area.push_back(area);
      t.cx.push_back(present ? (sx / area + 0.5) / size : 0);
      t.cy.push_back(present ? (sy / area + 0.5) / size : 0);
      if (!present || area < 12) continue;
      const Silhouette s{&mask, size, area, sx / area, sy / area};
      // Rotation is tracked where the motion says whether the shape turns.
      const bool spinning = o.motion &&
                            (*o.motion == Motion::Spinning || *o.motion == Motion::Still) &&
                            o.shape != Shape::Circle;
      if (f % shape_stride == 0) {
        const ShapeMatch m = classify_shape(s);
        shape_votes[k] += m.shape == o.shape;
        ++shape_frames[k];
        if (spinning && m.shape == o.shape) rotations[k][static_cast<size_t>(f)] = m.rotation;
      }
      if (spinning && rotations[k][static_cast<size_t>(f)] < 0)
        rotations[k][static_cast<size_t>(f)] = fit_shape(s, o.shape).rotation;
    }
  }
  // Presence: an object must be there in >= 90 % of frames; frames where a
  // later-named object is missing while an earlier one is present are excused
  // (it may be hidden behind it).
  v.consistent = true;
  for (size_t k = 0; k < n_obj; ++k) {
    int seen = 0, excused = 0;
    for (int f = 0; f < frames; ++f) {
      if (tracks[k].present[static_cast<size_t>(f)]) {
        ++seen;
      } else {
        for (size_t j = 0; j < k; ++j) excused += tracks[j].present[static_cast<size_t>(f)] ? 1 : 0;
      }
    }
    ObjectVerdict ov;
    ov.colour = seen >= 0.25 * frames && seen + excused >= 0.9 * frames;
    ov.shape = shape_frames[k] > 0 && shape_votes[k] * 2 > shape_frames[k];
    std::ostringstream detail;
    detail << "seen " << seen << "/" << frames << " shape " << shape_votes[k] << "/"
           << shape_frames[k] << " ";
    ov.motion = ov.colour && caption.objects[k].motion &&
                judge_motion(*caption.objects[k].motion, caption.objects[k].shape, tracks[k],
                             rotations[k], detail);
    ov.detail = detail.str();
    v.consistent = v.consistent && ov.colour;
    v.objects.push_back(ov);
  }
  // No unnamed object: a colour not named in the caption must not cover a
  // third of the smallest named object's area in more than a fifth of the frames.
  double smallest = 1e30;
  for (const auto& o : caption.objects)
    smallest = std::min(smallest, shape_area(o.shape, size_radius(o.size) * size));
  for (int c = 0; c < kColourCount; ++c) {
    const Colour colour = static_cast<Colour>(c);
    bool named = !colour_allowed_on(colour, bg);
    for (const auto& o : caption.objects) named |= o.colour == colour;
    if (named) continue;
    int frames_with = 0;
    for (int f = 0; f < frames; ++f) {
      colour_mask(rgb + frame_bytes * static_cast<size_t>(f), size, colour, palette, &mask);
      frames_with += std::count(mask.begin(), mask.end(), 1) >= smallest / 3;
    }
    if (frames_with > frames / 5) v.consistent = false;
  }
  return v;
}

}  // namespace lanterna::world
