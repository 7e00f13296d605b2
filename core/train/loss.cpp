#include "train/loss.h"

#include "common/autocast_scope.h"
#include "common/error.h"

#include <algorithm>
#include <vector>

namespace lanterna::train {

at::Tensor sample_timesteps(int64_t count, int steps, double shift, at::Generator& gen) {
  // Shift 1 keeps the uniform integer draw, so earlier runs replay exactly.
  if (shift == 1.0) return at::randint(0, steps, {count}, gen, at::kLong);
  const at::Tensor u = at::rand({count}, gen, at::kDouble);
  const at::Tensor shifted = u * shift / (1 + (shift - 1) * u);
  return (shifted * steps).floor().clamp(0, steps - 1).to(at::kLong);
}

at::Tensor diffusion_loss(UNetImpl& net, const Schedule& schedule, const Batch& batch,
                          at::Generator& gen, const LossOptions& o) {
  const int64_t b = batch.ids.size(0), frames = batch.frames;
  // Timesteps and noise come from the CPU generator on every device, so a
  // GPU run draws the same noise as a CPU run.
  const at::Device device = batch.x0.device();
  // Timesteps and noise are drawn for the whole global batch and sliced, so
  // a data-parallel rank sees exactly its samples' share of one-rank noise.
  const int64_t global = std::max(batch.global_size, b);
  std::vector<int64_t> noise_shape = batch.x0.sizes().vec();
  noise_shape[0] = global * frames;
  at::Tensor t_global = sample_timesteps(global, schedule.steps(), o.timestep_shift, gen);
  at::Tensor eps_global = schedule.noise(noise_shape, frames, gen);
  if (o.contrast_pairs) {
    require(global % 2 == 0, "contrast pairs need an even batch");
    // Each odd sample takes its even partner's draw.
    t_global = t_global.view({global / 2, 2}).select(1, 0).repeat_interleave(2);
    const at::Tensor pairs = eps_global.reshape({global / 2, 2, -1});
    eps_global = pairs.narrow(1, 0, 1).expand_as(pairs).reshape(noise_shape);
  }
  const at::Tensor t = t_global.narrow(0, batch.first_index, b);
  const at::Tensor eps =
      eps_global.narrow(0, batch.first_index * frames, b * frames).contiguous().to(device);
  const at::Tensor abar = schedule.alpha_bar(t).to(device);
  const at::Tensor a = abar.sqrt().repeat_interleave(frames).view({-1, 1, 1, 1});
  const at::Tensor s = (1 - abar).sqrt().repeat_interleave(frames).view({-1, 1, 1, 1});
  at::Tensor xt = a * batch.x0 + s * eps;
  if (batch.cond.defined()) xt = at::cat({xt, batch.cond}, 1);
  if (o.channels_last) xt = xt.contiguous(at::MemoryFormat::ChannelsLast);
  const at::Tensor target = schedule.target(batch.x0, eps, a, s);
  at::Tensor out;
  {
    AutocastScope autocast(o.bf16, device.is_cuda());
    const TextEmbedding text = net.encode_text(batch.ids);
    out = net.forward(xt, (t.to(at::kFloat) / schedule.steps()).to(device), text, frames);
  }
  out = out.to(at::kFloat);
  // min-SNR-gamma weighting (Hang et al. 2023); for v-prediction the weight
  // is min(snr, gamma) / (snr + 1).
  at::Tensor weight = at::ones({b}, abar.options());
  if (o.min_snr_gamma > 0) {
    const at::Tensor snr = abar / (1 - abar).clamp_min(1e-8);
    weight = schedule.v_prediction() ? snr.clamp_max(o.min_snr_gamma) / (snr + 1)
                                     : snr.clamp_max(o.min_snr_gamma) / snr;
  }
  const at::Tensor error = (out - target).reshape({b, -1});
  if (o.contrast_pairs && o.contrast_weight != 1.0) {
    require(b % 2 == 0 && batch.first_index % 2 == 0,
            "a contrast-weighted pass must hold whole pairs (an even --micro-batch)");
    const at::Tensor pairs = error.view({b / 2, 2, -1});
    const at::Tensor e1 = pairs.select(1, 0), e2 = pairs.select(1, 1);
    const at::Tensor per_pair =
        ((e1 + e2).pow(2) + o.contrast_weight * (e1 - e2).pow(2)).mean(1) / 2;
    const at::Tensor pair_weight = weight.view({b / 2, 2}).select(1, 0);  // one t per pair
    return (per_pair * pair_weight).sum() / b;
  }
  const at::Tensor per_clip = error.pow(2).mean(1);
  return (per_clip * weight).mean();
}

}  // namespace lanterna::train
