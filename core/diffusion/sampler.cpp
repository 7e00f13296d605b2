#include "diffusion/sampler.h"

#include "common/error.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

namespace lanterna {

SamplerKind parse_sampler(const std::string& name) {
  if (name == "ddim") return SamplerKind::Ddim;
  if (name == "ddpm") return SamplerKind::Ddpm;
  if (name == "dpmpp2m") return SamplerKind::DpmPP2M;
  throw Error(ErrorCode::InvalidArgument,
              "unknown sampler '" + name + "' (allowed: ddim, dpmpp2m, ddpm)");
}

std::string sampler_name(SamplerKind kind) {
  switch (kind) {
    case SamplerKind::Ddim:
      return "ddim";
    case SamplerKind::Ddpm:
      return "ddpm";
    case SamplerKind::DpmPP2M:
      return "dpmpp2m";
  }
  return "ddim";
}

void check_cancel(const std::atomic<bool>* cancel) {
  if (cancel && cancel->load(std::memory_order_relaxed))
    throw Error(ErrorCode::Cancelled, "cancelled");
}

at::Tensor sample(const Schedule& schedule, const SampleOptions& o, at::IntArrayRef shape,
                  const at::Tensor& init, const DenoiseFn& denoise) {
  require(o.strength >= 0.0 && o.strength <= 1.0,
          "strength must be in 0..1 (got " + std::to_string(o.strength) + ")");
  std::vector<int> steps = schedule.sampling_timesteps(o.steps);
  // A per-run generator: the same seed always gives the same noise. The
  // frames of the clip share part of it when the model was trained so.
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(o.seed);
  auto noise = [&]() { return schedule.noise(shape, shape[0], gen); };

  at::Tensor x;
  if (o.strength < 1.0) {
    require(init.defined() && init.sizes() == shape, "SDEdit input has the wrong shape");
    const int run = sampled_steps(o.steps, o.strength);
    if (run == 0) return init.clone();
    steps.erase(steps.begin(), steps.end() - run);
    const int t0 = steps.front();
    x = init * schedule.a(t0) + noise() * schedule.s(t0);
  } else {
    x = noise();
  }

  at::Tensor x0_prev;
  double h_prev = 0.0;
  const int total = static_cast<int>(steps.size());
  for (int k = 0; k < total; ++k) {
    check_cancel(o.cancel);
    const int t = steps[static_cast<size_t>(k)];
    const at::Tensor x0 = denoise(x, t);
    const bool last = k + 1 == total;
    const int tn = last ? -1 : steps[static_cast<size_t>(k + 1)];
    // Signal/noise scales at the next step; the step after the last is clean.
    const double a = schedule.a(t), s = schedule.s(t);
    const double an = last ? 1.0 : schedule.a(tn), sn = last ? 0.0 : schedule.s(tn);
    if (last) {
      x = x0;
    } else if (o.kind == SamplerKind::Ddim) {
      const at::Tensor eps = (x - x0 * a) / s;
      x = x0 * an + eps * sn;
    } else if (o.kind == SamplerKind::Ddpm) {
      // Posterior q(x_tn | x_t, x0) of the jump t -> tn.
      const double ab = a * a, abn = an * an;
      const double ratio = ab / abn, beta = 1.0 - ratio;
      const double c0 = an * beta / (1.0 - ab), ct = std::sqrt(ratio) * (1.0 - abn) / (1.0 - ab);
      const double var = beta * (1.0 - abn) / (1.0 - ab);
      x = x0 * c0 + x * ct + noise() * std::sqrt(std::max(var, 0.0));
    } else {
      // DPM-Solver++(2M) in log-SNR time, data prediction.
      const double lambda = std::log(a / s), lambda_n = std::log(an / sn);
      const double h = lambda_n - lambda;
      at::Tensor d = x0;
      if (x0_prev.defined()) {
        const double r = h_prev / h;
        d = x0 * (1.0 + 1.0 / (2.0 * r)) - x0_prev * (1.0 / (2.0 * r));
      }
      x = x * (sn / s) - d * (an * std::expm1(-h));
      h_prev = h;
      x0_prev = x0;
    }
    if (o.on_step) o.on_step(k + 1, total, x0);
  }
  return x;
}

int sampled_steps(int steps, double strength) {
  return static_cast<int>(std::ceil(strength * steps - 1e-9));
}

}  // namespace lanterna
