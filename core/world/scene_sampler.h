// Draws random scenes that follow WORLD.md's rules and ranges.
#pragma once

#include "world/rng.h"
#include "world/scene.h"

#include <string>
#include <vector>

namespace lanterna::world {

constexpr double kTwoObjectRate = 0.3;  // WORLD.md's share of two-object scenes

struct SceneOptions {
  double two_object_rate = kTwoObjectRate;  // share of clips with two objects
  bool allow_motion = true;                 // false: every object is still (text-to-image frames)
  // Relative weight of each motion (indexed by Motion), for a training
  // curriculum that shows some motions more often; empty = all equally often
  // (WORLD.md's distribution, drawn exactly as before weights existed).
  std::vector<double> motion_weights;
};

Scene sample_scene(Rng& rng, const SceneOptions& options = {});

// "spinning=3,left=2": the named motions' weights, the others 1; "" or
// "uniform": empty (all equal). Throws Error(InvalidArgument) naming an
// unknown motion (and listing the known ones) or a weight outside 0..100.
std::vector<double> parse_motion_weights(const std::string& text);
// The canonical text of `weights` (only the weights other than 1, in the
// order of the Motion enum; "" for uniform).
std::string format_motion_weights(const std::vector<double>& weights);

// Draws the motion parameters of `o` (keeps colour, shape, size, motion) so
// that the whole motion stays inside the canvas.
void sample_motion_parameters(Object& o, Rng& rng);

// Turns every object moving left, right, up or down around: the opposite
// word, starting where it ended, so its poses are the original's in reverse
// order (pose(u) becomes the old pose(1 - u)); other objects are kept.
// Returns whether the scene held such an object. The contrast pairs of
// training (StageSpec::contrast_pairs) show a clip beside its reverse.
bool reverse_straight_motions(Scene* scene);

// Makes every spinning object still, in its first pose (it keeps its start
// angle), so the clip is the original with the rotation taken out. Returns
// whether the scene held a spinning object. With --contrast-spinning the
// contrast pairs of training show a spinning clip beside its still twin.
bool stop_spinning(Scene* scene);

}  // namespace lanterna::world
