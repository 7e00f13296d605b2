// The gradients of one training step, optionally in micro-batches.
//
// A large batch can be run as several smaller forward/backward passes whose
// gradients add up to those of the whole batch (gradient accumulation). On a
// 2-core CPU this keeps each pass's activations inside the L3 cache: a 3x3
// conv's throughput halves once its working set passes it (docs/training.md,
// "Why 32 clips a step are slow on 2 cores").
#pragma once

#include "diffusion/schedule.h"
#include "model/unet.h"
#include "train/batch_source.h"
#include "train/loss.h"

namespace lanterna::train {

// Samples [first, first + count) of `batch`, keeping their place in the
// global batch (first_index, global_size), so diffusion_loss gives them the
// same timesteps and noise as in the whole batch.
Batch slice_batch(const Batch& batch, int64_t first, int64_t count);

// Runs diffusion_loss and backward on `batch` in passes of at most `micro`
// samples (0, or a value >= the batch: one pass), each scaled by its share
// of the batch, so the gradients accumulated in the parameters' .grad are
// those of one pass over the whole batch (up to rounding). Every pass draws
// from a generator seeded with `noise_seed`. Call zero_grad before. Returns
// the batch's mean loss.
double accumulate_gradients(UNetImpl& net, const Schedule& schedule, const Batch& batch,
                            uint64_t noise_seed, int micro, const LossOptions& options);

}  // namespace lanterna::train
