// Helpers shared by the trainer's tests (tst_trainer.cpp, tst_trainer_stages.cpp,
// tst_training_data.cpp).
#pragma once

#include "train/trainer.h"

#include <filesystem>

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

}  // namespace lanterna::test
