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
  bool bf16 = false;           // bf16 autocast for the forward pass
  bool channels_last = false;
};

// Mean weighted loss of `batch`; timesteps and noise come from `gen`.
at::Tensor diffusion_loss(UNetImpl& net, const Schedule& schedule, const Batch& batch,
                          at::Generator& gen, const LossOptions& options);

}  // namespace lanterna::train
