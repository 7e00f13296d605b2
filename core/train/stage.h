// Training stages, in the order the paper uses them. A stage fixes which
// network is trained, on what data, from which weights, and what is frozen.
#pragma once

#include "model/config.h"
#include "world/scene_sampler.h"

#include <string>
#include <vector>

namespace lanterna::train {

enum class DataKind {
  Frames,            // single frames (text-to-image)
  Clips,             // whole clips (text-to-video)
  ConditionalClips,  // clips plus <C, M> channels, masks sampled per mode
  SuperResolution,   // high-resolution crops plus the up-sampled low-resolution clip
};

struct StageSpec {
  std::string name;  // t2i | temporal | joint | conditional | ssr | style-NAME
  std::string description;
  ModelConfig model;  // architecture trained in this stage
  DataKind data = DataKind::Frames;
  // Frames per sample: clips (below the model's shortest clip, windows of
  // such clips), SSR windows.
  int frames = 1;
  int crop = 0;    // SSR: square crop of the high-resolution frames (0 = whole)
  int batch = 64;  // samples (frames or clips) per step
  double lr = 5e-4;
  int warmup_steps = 200;
  // min-SNR-gamma loss weighting (0 = plain v-prediction MSE). The SSR stage
  // trains unweighted: min-SNR leaves the noisiest steps, where sampling
  // starts, nearly untrained, and their errors survive as grain at 128x128.
  double min_snr_gamma = 5.0;
  // Timestep sampling shift (LossOptions::timestep_shift; 1 = uniform t).
  double timestep_shift = 1.0;
  bool freeze_spatial = false;
  // What the rendered scenes hold: WORLD.md's distribution unless a
  // curriculum changes the two-object rate or the motions' weights.
  world::SceneOptions scene;
  // Contrast pairs: each odd sample of a batch is the even one before it
  // with its straight motions turned around (world::reverse_straight_motions)
  // and trained with the same timestep and noise, so the only thing that
  // tells the two targets apart is the direction word ("Direction words" in
  // docs/training.md). Space-time stages only.
  bool contrast_pairs = false;
  // With contrast pairs, a partner also has its spinning objects made still
  // (world::stop_spinning), so the word "spinning" is trained against
  // "still" the way the direction words are against each other.
  bool contrast_spinning = false;
  std::string style;       // world style filter applied to the frames ("" = none)
  std::string init_from;   // stage whose EMA weights start this one ("" = random)
  std::string exports_as;  // shipped bundle name (resources/models/<name>)
};

// Throws Error(InvalidArgument) listing the known stages.
StageSpec stage_spec(const std::string& name);
std::vector<std::string> stage_names();
// The same stage with the tiny test architecture and small batches (tests,
// smoke runs and `bench --train --quick`).
StageSpec tiny_stage(StageSpec spec);

// Learning rate of global step `step` (1-based): linear warm-up over
// `warmup_steps`, then `peak`; with `cooldown_steps` > 0 the last
// cooldown_steps steps up to `end_step` decay linearly towards 0
// (warmup-stable-decay, Haegele et al. 2024: a constant rate keeps the
// weights noisy, and a short decay at the end removes much of that noise).
double learning_rate_at(double peak, int warmup_steps, int64_t step, int64_t end_step,
                        int64_t cooldown_steps);

}  // namespace lanterna::train
