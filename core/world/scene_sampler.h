// Draws random scenes that follow WORLD.md's rules and ranges.
#pragma once

#include "world/rng.h"
#include "world/scene.h"

namespace lanterna::world {

struct SceneOptions {
  double two_object_rate = 0.3;  // share of clips with two objects
  bool allow_motion = true;      // false: every object is still (text-to-image frames)
};

Scene sample_scene(Rng& rng, const SceneOptions& options = {});

// Draws the motion parameters of `o` (keeps colour, shape, size, motion) so
// that the whole motion stays inside the canvas.
void sample_motion_parameters(Object& o, Rng& rng);

}  // namespace lanterna::world
