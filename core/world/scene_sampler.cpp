#include "world/scene_sampler.h"

#include <algorithm>
#include <cmath>

namespace lanterna::world {

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
    do {
      o.motion =
          options.allow_motion ? static_cast<Motion>(rng.below(kMotionCount)) : Motion::Still;
    } while (o.motion == Motion::Spinning && o.shape == Shape::Circle);
    sample_motion_parameters(o, rng);
    s.objects.push_back(o);
  }
  return s;
}

}  // namespace lanterna::world
