// `lanterna-cli eval`: sample captions from the world, generate them (or
// render the ground truth), judge every clip with the world's evaluator and
// tabulate the accuracies.
#pragma once

#include "engine/engine.h"
#include "world/evaluator.h"
#include "world/scene_sampler.h"

#include <functional>
#include <string>

namespace lanterna {

struct EvalOptions {
  int prompts = 200;
  uint64_t seed = 1;
  int judge_size = 128;       // clips are judged at this size (bicubic resize)
  bool ground_truth = false;  // render the captions' scenes instead of generating
  int render_size = 128;      // ground truth: render at this size before resizing
  // The captions' scenes: WORLD.md's mix by default, which the quality
  // targets are measured on; another mix (e.g. one motion kind) for diagnosis.
  world::SceneOptions scene;
  GenerationRequest
      request;  // frames, steps, guidance, sampler... (prompt and seed are set per clip)
};

struct EvalReport {
  int clips = 0, objects = 0;
  int background = 0, colour = 0, shape = 0, motion = 0, all_correct = 0;
  int motion_total[world::kMotionCount] = {}, motion_correct[world::kMotionCount] = {};
  int shape_total[world::kShapeCount] = {}, shape_correct[world::kShapeCount] = {};
  // Clips with one and with two objects, and how many of each were all correct.
  int clips_by_count[2] = {}, all_correct_by_count[2] = {};
  double seconds = 0;  // generation time, all clips
  std::string table() const;
};

// `engine` may be null with options.ground_truth. `on_clip(i, caption, verdict)`
// reports progress.
EvalReport evaluate(
    Engine* engine, const EvalOptions& options,
    const std::function<void(int, const std::string&, const world::ClipVerdict&)>& on_clip = {});

// One line saying which measures of a clip's verdict failed, with the
// evaluator's figures for each object: "background no; consistent no;
// object 1: shape no (seen 16/16 shape 3/16 dx ...)".
std::string failed_measures(const world::ClipVerdict& verdict);

}  // namespace lanterna
