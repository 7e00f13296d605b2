// Training checkpoints: a folder with the fp32 weights, the EMA weights, the
// optimizer state and state.json (stage, step, config, provenance). Written
// as a whole into a staging folder and swapped in, so a kill at any moment
// leaves the previous checkpoint intact.
#pragma once

#include "io/safetensors.h"
#include "model/config.h"
#include "world/scene_sampler.h"

#include <torch/optim/optimizer.h>

#include <filesystem>

namespace lanterna::train {

struct CheckpointState {
  std::string stage;
  int64_t step = 0;
  double seconds = 0;      // training wall time so far, all sessions
  double recent_loss = 0;  // mean loss of the last logged steps
  int batch = 0;
  int frames = 0;      // frames per clip of the last run; 0 (before 2026-12-07): the stage's
  std::string device;  // where the last run of this stage trained ("cpu", "cuda:0")
  // The last run's learning rate and min-SNR gamma (0: unweighted), recorded
  // so a bundle's provenance says how to reproduce it; absent (0, -1) in
  // checkpoints written before they were recorded.
  double lr = 0;
  double min_snr_gamma = -1;
  double timestep_shift = 1.0;  // the last run's (LossOptions::timestep_shift)
  int64_t cooldown_steps = 0;   // the last run's linear decay of the rate before its end step
  std::string precision;  // "fp32" or "bf16" (autocast) of the last run; empty before 2026-11-27
  // The last run's data mix (world::SceneOptions): motion weights as
  // world::format_motion_weights writes them ("" = uniform) and the share of
  // two-object scenes.
  std::string motion_weights;
  double two_object_rate = world::kTwoObjectRate;
  bool contrast_pairs = false;     // StageSpec::contrast_pairs of the last run
  bool contrast_spinning = false;  // StageSpec::contrast_spinning of the last run
  double contrast_weight = 1.0;    // LossOptions::contrast_weight of the last run
  // The data and noise seed; absent (-1) in checkpoints written before it
  // was recorded, which all trained with the old default, 1.
  int64_t seed = -1;
  ModelConfig model;
  nlohmann::json history = nlohmann::json::array();  // earlier stages' summaries
};

std::filesystem::path checkpoint_dir(const std::filesystem::path& work_dir);

void save_checkpoint(const std::filesystem::path& work_dir, const CheckpointState& state,
                     const TensorMap& weights, const TensorMap& ema,
                     torch::optim::Optimizer* optimizer);

// Loads state.json (and, when given, the tensors and optimizer state).
CheckpointState load_checkpoint(const std::filesystem::path& work_dir, TensorMap* weights,
                                TensorMap* ema, torch::optim::Optimizer* optimizer,
                                const at::Device& device = at::kCPU);

}  // namespace lanterna::train
