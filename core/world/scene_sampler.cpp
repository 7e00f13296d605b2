#include "world/scene_sampler.h"

#include "common/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <sstream>

namespace lanterna::world {

bool reverse_straight_motions(Scene* scene) {
  bool reversed = false;
  for (Object& o : scene->objects) {
    Motion opposite;
    switch (o.motion) {
      case Motion::Left:
        opposite = Motion::Right;
        break;
      case Motion::Right:
        opposite = Motion::Left;
        break;
      case Motion::Up:
        opposite = Motion::Down;
        break;
      case Motion::Down:
        opposite = Motion::Up;
        break;
      default:
        continue;
    }
    // Start where the motion ended (Object::pose holds the geometry).
    const Object::Pose end = o.pose(1.0);
    o.x0 = end.x;
    o.y0 = end.y;
    o.motion = opposite;
    reversed = true;
  }
  return reversed;
}

bool stop_spinning(Scene* scene) {
  bool stopped = false;
  for (Object& o : scene->objects) {
    if (o.motion != Motion::Spinning) continue;
    o.motion = Motion::Still;  // Object::pose keeps angle0 for a still object
    stopped = true;
  }
  return stopped;
}

void sample_motion_parameters(Object& o, Rng& rng) {
  const double r = size_radius(o.size);
  // A start coordinate such that [v, v + span] (span may be negative) stays in [lo, hi].
  auto place = [&](double span, double lo, double hi) {
    const double a = lo - std::min(span, 0.0), b = hi - std::max(span, 0.0);
    return rng.uniform(a, std::max(a, b));
  };
  o.angle0 = 0.0;
  o.direction = rng.chance(0.5) ? 1 : -1;
  o.x0 = place(0, r, 1 - r);
  o.y0 = place(0, r, 1 - r);
  switch (o.motion) {
    case Motion::Left:
    case Motion::Right:
      o.amount = rng.uniform(0.35, 0.55);
      o.x0 = place(o.motion == Motion::Right ? o.amount : -o.amount, r, 1 - r);
      break;
    case Motion::Up:
    case Motion::Down:
      o.amount = rng.uniform(0.35, 0.55);
      o.y0 = place(o.motion == Motion::Down ? o.amount : -o.amount, r, 1 - r);
      break;
    case Motion::Bouncing:
      o.bounces = 2 + rng.below(2);
      o.amount = rng.uniform(0.2, std::min(0.35, 0.8 - 2 * r));
      o.drift = rng.uniform(-0.1, 0.1);
      o.x0 = place(o.drift, r, 1 - r);
      o.y0 = 0.8 - r;
      break;
    case Motion::Spinning:
      o.amount = rng.uniform(1.0, 1.25);
      o.angle0 = rng.uniform(0, 2 * M_PI);
      break;
    case Motion::Growing:
      o.amount = rng.uniform(1.6, 2.0);
      o.x0 = place(0, r * o.amount, 1 - r * o.amount);
      o.y0 = place(0, r * o.amount, 1 - r * o.amount);
      break;
    case Motion::Shrinking:
      o.amount = rng.uniform(0.5, 0.6);
      break;
    case Motion::Still:
      break;
    case Motion::Circling:
      o.amount = rng.uniform(0.2, std::min(0.3, 0.5 - r));
      o.sweep = rng.uniform(0.75, 1.0);
      o.angle0 = rng.uniform(0, 2 * M_PI);
      break;
  }
}

namespace {

// A motion drawn in proportion to `weights`; a circle, which cannot spin,
// draws among the other motions (no redraw loop, however small their weights).
Motion draw_weighted_motion(Rng& rng, std::vector<double> weights, Shape shape) {
  if (shape == Shape::Circle) weights[static_cast<int>(Motion::Spinning)] = 0;
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  double u = rng.uniform(0, total);
  int last = 0;
  for (int m = 0; m < kMotionCount; ++m) {
    if (weights[m] <= 0) continue;
    if (u < weights[m]) return static_cast<Motion>(m);
    u -= weights[m];
    last = m;
  }
  return static_cast<Motion>(last);  // rounding at the very top of the range
}

std::string known_motions() {
  std::string names;
  for (int m = 0; m < kMotionCount; ++m)
    names += std::string(m ? ", " : "") + motion_name(static_cast<Motion>(m));
  return names;
}

}  // namespace

std::vector<double> parse_motion_weights(const std::string& text) {
  if (text.empty() || text == "uniform") return {};
  std::vector<double> weights(kMotionCount, 1.0);
  std::vector<bool> named(kMotionCount, false);
  std::stringstream items(text);
  std::string item;
  while (std::getline(items, item, ',')) {
    const size_t eq = item.find('=');
    require(eq != std::string::npos,
            "motion weights: '" + item + "' is not MOTION=WEIGHT (e.g. spinning=3,left=2)");
    const std::string name = item.substr(0, eq), value = item.substr(eq + 1);
    int motion = -1;
    for (int m = 0; m < kMotionCount; ++m)
      if (name == motion_name(static_cast<Motion>(m))) motion = m;
    require(motion >= 0,
            "motion weights: unknown motion '" + name + "' (known: " + known_motions() + ")");
    require(!named[motion], "motion weights: '" + name + "' is given twice");
    named[motion] = true;
    char* end = nullptr;
    const double w = std::strtod(value.c_str(), &end);
    require(!value.empty() && *end == '\0' && w >= 0 && w <= 100,
            "motion weights: the weight of '" + name + "' must be a number in 0..100 (got '" +
                value + "')");
    weights[motion] = w;
  }
  // Circles cannot spin (WORLD.md), so a circle needs another motion to draw.
  const double others = std::accumulate(weights.begin(), weights.end(), 0.0) -
                        weights[static_cast<int>(Motion::Spinning)];
  require(others > 0, "motion weights: a motion other than spinning needs a weight above 0");
  if (std::all_of(weights.begin(), weights.end(), [](double w) { return w == 1.0; })) return {};
  return weights;
}

std::string format_motion_weights(const std::vector<double>& weights) {
  std::string text;
  for (size_t m = 0; m < weights.size(); ++m) {
    if (weights[m] == 1.0) continue;
    // The shortest text that reads back as the same number.
    char value[32];
    std::snprintf(value, sizeof value, "%g", weights[m]);
    if (std::strtod(value, nullptr) != weights[m])
      std::snprintf(value, sizeof value, "%.17g", weights[m]);
    text +=
        std::string(text.empty() ? "" : ",") + motion_name(static_cast<Motion>(m)) + "=" + value;
  }
  return text;
}

Scene sample_scene(Rng& rng, const SceneOptions& options) {
  Scene s;
  s.background = static_cast<Background>(rng.below(kBackgroundCount));
  const int count = rng.chance(options.two_object_rate) ? 2 : 1;
  while (static_cast<int>(s.objects.size()) < count) {
    Object o;
    o.colour = static_cast<Colour>(rng.below(kColourCount));
    if (!colour_allowed_on(o.colour, s.background)) continue;
    if (!s.objects.empty() && s.objects[0].colour == o.colour) continue;
    o.shape = static_cast<Shape>(rng.below(kShapeCount));
    o.size_named = rng.chance(0.5);
    o.size = o.size_named ? static_cast<Size>(rng.below(3)) : Size::Medium;
    if (!options.allow_motion) {
      o.motion = Motion::Still;
    } else if (!options.motion_weights.empty()) {
      o.motion = draw_weighted_motion(rng, options.motion_weights, o.shape);
    } else {
      do {
        o.motion = static_cast<Motion>(rng.below(kMotionCount));
      } while (o.motion == Motion::Spinning && o.shape == Shape::Circle);
    }
    sample_motion_parameters(o, rng);
    s.objects.push_back(o);
  }
  return s;
}

}  // namespace lanterna::world
