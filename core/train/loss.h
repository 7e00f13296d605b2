// The diffusion training objective: noise a clean batch at random timesteps
// and regress the network's output on the schedule's target (v or eps),
// weighted per clip by min-SNR-gamma.
#pragma once

#include "diffusion/schedule.h"
#include "model/unet.h"
#include "train/batch_source.h"

namespace lanterna::train {

struct LossOptions {
  double min_snr_gamma = 5.0;  // 0 disables the weighting
  // Timestep sampling: 1 draws t uniformly; S > 1 maps a uniform u in [0, 1)
  // to S u / (1 + (S - 1) u), which trains the noisy steps more (Esser et al.
  // 2024, "shift"). Those are where a clip's layout and motion are decided
  // from the caption alone; at lower noise they are visible in x_t.
  double timestep_shift = 1.0;
  // Samples 2k and 2k + 1 of the global batch share their timestep and noise
  // (StageSpec::contrast_pairs).
  bool contrast_pairs = false;
  bool bf16 = false;  // bf16 autocast for the forward pass
  bool channels_last = false;
};

// `count` timesteps in [0, steps), drawn as LossOptions::timestep_shift says.
at::Tensor sample_timesteps(int64_t count, int steps, double shift, at::Generator& gen);

// Mean weighted loss of `batch`; timesteps and noise come from `gen`.
at::Tensor diffusion_loss(UNetImpl& net, const Schedule& schedule, const Batch& batch,
                          at::Generator& gen, const LossOptions& options);

}  // namespace lanterna::train
