// Builds the DenoiseFn the samplers call: it runs the network on the noisy
// clip (with any conditioning channels), applies classifier-free guidance and
// averages per-frame predictions of overlapping temporal windows.
#pragma once

#include "diffusion/sampler.h"
#include "diffusion/schedule.h"
#include "model/unet.h"

namespace lanterna {

// uncond + guidance * (cond - uncond).
at::Tensor apply_guidance(const at::Tensor& cond, const at::Tensor& uncond, double guidance);

struct DenoiserSetup {
  UNet net{nullptr};
  const Schedule* schedule = nullptr;
  TextEmbedding cond;    // embedding of the prompt (batch B)
  TextEmbedding uncond;  // embedding of the negative prompt (batch B)
  double guidance = 1.0;
  // Steps with t below this run the conditional pass alone (guidance 1):
  // half the work, and the last steps only refine detail.
  int guidance_min_t = 0;
  int64_t frames = 1;       // frames per clip (T); x is (B*T, 3, H, W)
  at::Tensor conditioning;  // (B*T, extra, H, W) concatenated after x_t, or undefined
  int window = 0;           // temporal window length (0: whole clip)
  int overlap = 2;          // frames shared by neighbouring windows
  const std::atomic<bool>* cancel = nullptr;  // checked between windows
};

// Returns the guided network output (v or eps) for x_t over frames
// [start, start+length) of every clip.
at::Tensor guided_output(const DenoiserSetup& setup, const at::Tensor& x_t, int t, int start,
                         int length);

// Averaging x0 predictions per frame and then taking one sampler step equals
// averaging the windows' x_{t-1}: every sampler step is affine in x0 with
// coefficients shared by all frames, and the noise is drawn per frame once.
DenoiseFn make_denoiser(DenoiserSetup setup);

// Mean squared error of the network's noise prediction (conditional output
// alone) for `clip` noised to step t, over `draws` draws of independent noise
// from `seed`. A clip the model finds likely under its prompt scores low: the
// engine keeps the candidate with the lowest (docs/training.md, "Candidates").
// `clip` is (B*T, 3, H, W); one error for all of it.
double denoising_error(const DenoiserSetup& setup, const at::Tensor& clip, int t, int draws,
                       uint64_t seed);

}  // namespace lanterna
