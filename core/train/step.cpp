#include "train/step.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>

namespace lanterna::train {

Batch slice_batch(const Batch& batch, int64_t first, int64_t count) {
  const int64_t size = batch.ids.size(0), frames = batch.frames;
  Batch s = batch;
  s.x0 = batch.x0.narrow(0, first * frames, count * frames);
  s.ids = batch.ids.narrow(0, first, count);
  if (batch.cond.defined()) s.cond = batch.cond.narrow(0, first * frames, count * frames);
  s.first_index = batch.first_index + first;
  s.global_size = std::max(batch.global_size, size);
  return s;
}

double accumulate_gradients(UNetImpl& net, const Schedule& schedule, const Batch& batch,
                            uint64_t noise_seed, int micro, const LossOptions& options) {
  const int64_t size = batch.ids.size(0);
  const int64_t step = micro > 0 ? std::min<int64_t>(micro, size) : size;
  double loss_sum = 0;
  for (int64_t first = 0; first < size; first += step) {
    const int64_t count = std::min(step, size - first);
    // diffusion_loss draws the whole global batch's timesteps and noise and
    // takes this slice's share, so every pass starts from the same seed.
    // (Drawing them once per pass costs about 1 % of a CPU step at batch 32
    // in passes of 4; simpler than handing slices of them around.)
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(noise_seed);
    const Batch part = count == size ? batch : slice_batch(batch, first, count);
    const at::Tensor loss = diffusion_loss(net, schedule, part, gen, options);
    const double share = static_cast<double>(count) / static_cast<double>(size);
    (loss * share).backward();
    loss_sum += loss.item<double>() * share;
  }
  return loss_sum;
}

}  // namespace lanterna::train
