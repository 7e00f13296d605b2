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
  // With contrast pairs: the weight of the part of a pair's squared error
  // that differs between its two clips, against 1 for the part they share.
  // The loss of a pair with errors e1, e2 is |e1 + e2|^2 / 2 + W |e1 - e2|^2 / 2,
  // so W = 1 is the plain sum of the two clips' losses; only the difference
  // carries the direction word, and W > 1 trains it harder.
  double contrast_weight = 1.0;
  bool bf16 = false;  // bf16 autocast for the forward pass
  bool channels_last = false;
};

// `count` timesteps in [0, steps), drawn as LossOptions::timestep_shift says.
at::Tensor sample_timesteps(int64_t count, int steps, double shift, at::Generator& gen);

// Mean weighted loss of `batch`; timesteps and noise come from `gen`.
at::Tensor diffusion_loss(UNetImpl& net, const Schedule& schedule, const Batch& batch,
                          at::Generator& gen, const LossOptions& options);

}  // namespace lanterna::train
