#include "diffusion/denoiser.h"

#include "diffusion/windows.h"

#include <ATen/CPUGeneratorImpl.h>

namespace lanterna {
namespace {

// Frames [start, start+length) of every clip in a (B*T, C, H, W) tensor.
at::Tensor frame_slice(const at::Tensor& x, int64_t frames, int start, int length) {
  if (start == 0 && length == frames) return x;
  const int64_t b = x.size(0) / frames;
  return x.reshape({b, frames, x.size(1), x.size(2), x.size(3)})
      .narrow(1, start, length)
      .reshape({b * length, x.size(1), x.size(2), x.size(3)});
}

TextEmbedding concat(const TextEmbedding& a, const TextEmbedding& b) {
  return {at::cat({a.tokens, b.tokens}), at::cat({a.valid, b.valid}),
          at::cat({a.pooled, b.pooled})};
}

}  // namespace

at::Tensor apply_guidance(const at::Tensor& cond, const at::Tensor& uncond, double guidance) {
  return uncond + (cond - uncond) * guidance;
}

at::Tensor guided_output(const DenoiserSetup& s, const at::Tensor& x_t, int t, int start,
                         int length) {
  at::Tensor x = frame_slice(x_t, s.frames, start, length);
  if (s.conditioning.defined())
    x = at::cat({x, frame_slice(s.conditioning, s.frames, start, length)}, 1);
  const int64_t batch = s.cond.tokens.size(0);
  UNet net = s.net;  // the holder shares the module; forward() is non-const
  // Guidance 1 is the conditional output alone: half the work.
  const double guidance = t < s.guidance_min_t ? 1.0 : s.guidance;
  if (guidance == 1.0)
    return net->forward(x, at::full({batch}, s.schedule->time(t), at::kFloat), s.cond, length);
  // Conditional and unconditional halves run as one batch of 2B clips.
  const at::Tensor time = at::full({2 * batch}, s.schedule->time(t), at::kFloat);
  const at::Tensor out = net->forward(at::cat({x, x}), time, concat(s.cond, s.uncond), length);
  const auto halves = out.chunk(2, 0);
  return apply_guidance(halves[0], halves[1], guidance);
}

DenoiseFn make_denoiser(DenoiserSetup setup) {
  return [s = std::move(setup)](const at::Tensor& x_t, int t) {
    const std::vector<TemporalWindow> windows =
        temporal_windows(static_cast<int>(s.frames), s.window, s.overlap);
    const int64_t b = x_t.size(0) / s.frames;
    const auto shape5 = std::vector<int64_t>{b, s.frames, x_t.size(1), x_t.size(2), x_t.size(3)};
    at::Tensor sum = at::zeros(shape5, x_t.options());
    at::Tensor count = at::zeros({1, s.frames, 1, 1, 1}, x_t.options());
    for (const TemporalWindow& w : windows) {
      check_cancel(s.cancel);
      const at::Tensor out = guided_output(s, x_t, t, w.start, w.length);
      at::Tensor x0, eps;
      s.schedule->split_prediction(frame_slice(x_t, s.frames, w.start, w.length), out, t, &x0,
                                   &eps);
      sum.narrow(1, w.start, w.length)
          .add_(x0.reshape({b, w.length, x_t.size(1), x_t.size(2), x_t.size(3)}));
      count.narrow(1, w.start, w.length).add_(1.0);
    }
    return (sum / count).reshape(x_t.sizes());
  };
}

double denoising_error(const DenoiserSetup& setup, const at::Tensor& clip, int t, int draws,
                       uint64_t seed) {
  DenoiserSetup conditional = setup;
  conditional.guidance = 1.0;
  at::Generator gen = at::detail::createCPUGenerator(seed);
  const Schedule& schedule = *setup.schedule;
  double sum = 0;
  for (int d = 0; d < draws; ++d) {
    check_cancel(setup.cancel);
    const at::Tensor eps = at::randn(clip.sizes(), gen);
    const at::Tensor x_t = clip * schedule.a(t) + eps * schedule.s(t);
    const at::Tensor out = guided_output(conditional, x_t, t, 0, static_cast<int>(setup.frames));
    at::Tensor x0, predicted_eps;
    schedule.split_prediction(x_t, out, t, &x0, &predicted_eps);
    sum += (predicted_eps - eps).pow(2).mean().item<double>();
  }
  return sum / draws;
}

}  // namespace lanterna
