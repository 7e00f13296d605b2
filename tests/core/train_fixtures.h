// Helpers shared by the trainer's tests (tst_trainer.cpp, tst_trainer_stages.cpp,
// tst_training_data.cpp).
#pragma once

#include "train/stage.h"
#include "train/trainer.h"
#include "world/scene_sampler.h"

#include <QTemporaryDir>

#include <filesystem>
#include <string>

namespace lanterna::test {

// A tiny t2i run of `steps` steps in `dir` that checkpoints only at its end.
inline train::TrainOptions tiny_options(const std::filesystem::path& dir, int64_t steps) {
  train::TrainOptions o;
  o.stage = "t2i";
  o.tiny = true;
  o.work_dir = dir;
  o.steps = steps;
  o.checkpoint_seconds = 1e9;  // only the final checkpoint
  return o;
}

// A test class's scratch folder: dir("name") is a path inside it; the
// folder goes with the test object.
class ScratchDir {
 public:
  std::filesystem::path operator()(const char* name) const {
    return std::filesystem::path(tmp_.path().toStdString()) / name;
  }

 private:
  QTemporaryDir tmp_;
};

// The tiny joint stage with contrast pairs of one-object clips, whose
// motions follow `motion_weights` (as train --motion-weights).
inline train::StageSpec tiny_pairs_stage(const std::string& motion_weights) {
  train::StageSpec joint = train::tiny_stage(train::stage_spec("joint"));
  joint.scene.motion_weights = world::parse_motion_weights(motion_weights);
  joint.scene.two_object_rate = 0;
  joint.contrast_pairs = true;
  return joint;
}

}  // namespace lanterna::test
