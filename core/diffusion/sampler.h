// Sampling loops over a Schedule: DDIM (deterministic), DDPM (ancestral) and
// DPM-Solver++(2M). The network, guidance and temporal windows are hidden
// behind a DenoiseFn that returns the prediction of the clean sample.
#pragma once

#include "diffusion/schedule.h"

#include <ATen/ATen.h>

#include <atomic>
#include <functional>
#include <string>

namespace lanterna {

enum class SamplerKind { Ddim, Ddpm, DpmPP2M };

// "ddim", "ddpm", "dpmpp2m"; throws Error(InvalidArgument) otherwise.
SamplerKind parse_sampler(const std::string& name);
std::string sampler_name(SamplerKind kind);

// Returns the prediction of x_0 for the noisy sample x_t at discrete step t.
using DenoiseFn = std::function<at::Tensor(const at::Tensor& x_t, int t)>;
// Called after every step with the current clean estimate (same shape as x).
using StepFn = std::function<void(int step, int total, const at::Tensor& x0)>;

struct SampleOptions {
  SamplerKind kind = SamplerKind::Ddim;
  int steps = 25;
  // SDEdit: 1 starts from pure noise; s in (0, 1) noises `init` to step s*T and
  // runs only the remaining part of the schedule; 0 returns `init` unchanged.
  double strength = 1.0;
  uint64_t seed = 0;
  const std::atomic<bool>* cancel = nullptr;  // checked before every step
  StepFn on_step;
};

// Throws Error(Cancelled) when *cancel becomes true. `init` is only used when
// strength < 1 and must have `shape`: (T, C, H, W), the frames of one clip.
at::Tensor sample(const Schedule& schedule, const SampleOptions& options, at::IntArrayRef shape,
                  const at::Tensor& init, const DenoiseFn& denoise);

// Throws Error(Cancelled) if the token is set.
void check_cancel(const std::atomic<bool>* cancel);

// How many of `steps` a run with SDEdit `strength` takes (all of them at 1).
int sampled_steps(int steps, double strength);

}  // namespace lanterna
