// Discrete variance-preserving noise schedule: x_t = a_t * x_0 + s_t * eps
// with a_t = sqrt(alpha_bar_t), s_t = sqrt(1 - alpha_bar_t), t = 0..steps-1.
#pragma once

#include "model/config.h"

#include <ATen/ATen.h>

#include <vector>

namespace lanterna {

class Schedule {
 public:
  explicit Schedule(const ScheduleConfig& config);

  int steps() const { return static_cast<int>(alpha_bar_.size()); }
  double alpha_bar(int t) const { return alpha_bar_.at(static_cast<size_t>(t)); }
  // alpha_bar at each of the int64 steps in `t`, as float32 (same shape).
  at::Tensor alpha_bar(const at::Tensor& t) const;
  double a(int t) const;  // signal scale
  double s(int t) const;  // noise scale
  // Network time input in [0, 1) for discrete step t.
  double time(int t) const { return static_cast<double>(t) / steps(); }
  bool v_prediction() const { return v_prediction_; }
  double frame_noise_share() const { return frame_noise_share_; }

  // Standard normal noise of `shape`, whose first dimension stacks clips of
  // `frames` frames each, mixed across each clip's frames by
  // frame_noise_share (independent per frame when it is 0: then exactly
  // at::randn(shape, gen)).
  at::Tensor noise(at::IntArrayRef shape, int64_t frames, at::Generator& gen) const;

  // Turns a network output at step t into predictions of the clean sample
  // and of the noise.
  void split_prediction(const at::Tensor& x_t, const at::Tensor& output, int t, at::Tensor* x0,
                        at::Tensor* eps) const;
  // The training target for (x0, eps) at step t.
  at::Tensor target(const at::Tensor& x0, const at::Tensor& eps, const at::Tensor& a,
                    const at::Tensor& s) const;

  // `count` sampling steps from the noisiest step down, evenly spaced
  // ("trailing" spacing: the first is steps-1, the last about steps/count-1).
  std::vector<int> sampling_timesteps(int count) const;

 private:
  std::vector<double> alpha_bar_;
  bool v_prediction_;
  double frame_noise_share_;
};

}  // namespace lanterna
