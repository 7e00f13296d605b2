#include "diffusion/schedule.h"

#include "common/error.h"

#include <algorithm>
#include <cmath>

namespace lanterna {

Schedule::Schedule(const ScheduleConfig& config)
    : v_prediction_(config.prediction == "v"), frame_noise_share_(config.frame_noise_share) {
  const int n = config.train_steps;
  alpha_bar_.resize(static_cast<size_t>(n));
  if (config.kind == "cosine") {
    // Nichol & Dhariwal (2021), betas clipped at 0.999.
    const double s = 0.008;
    auto f = [&](double t) { return std::pow(std::cos((t + s) / (1 + s) * M_PI / 2), 2); };
    double prod = 1.0;
    for (int i = 0; i < n; ++i) {
      const double beta = std::min(1.0 - f((i + 1.0) / n) / f(static_cast<double>(i) / n), 0.999);
      prod *= 1.0 - beta;
      alpha_bar_[static_cast<size_t>(i)] = prod;
    }
  } else {
    double prod = 1.0;
    for (int i = 0; i < n; ++i) {
      const double beta = 1e-4 + (0.02 - 1e-4) * i / std::max(n - 1, 1);
      prod *= 1.0 - beta;
      alpha_bar_[static_cast<size_t>(i)] = prod;
    }
  }
}

at::Tensor Schedule::noise(at::IntArrayRef shape, int64_t frames, at::Generator& gen) const {
  const at::Tensor eps = at::randn(shape, gen, at::kFloat);
  if (frame_noise_share_ <= 0 || frames <= 1) return eps;
  require(shape[0] % frames == 0, "noise: " + std::to_string(shape[0]) +
                                      " frames do not split into clips of " +
                                      std::to_string(frames));
  std::vector<int64_t> clip_shape = shape.vec();
  clip_shape[0] /= frames;
  const at::Tensor shared = at::randn(clip_shape, gen, at::kFloat).repeat_interleave(frames, 0);
  return eps * std::sqrt(1.0 - frame_noise_share_) + shared * std::sqrt(frame_noise_share_);
}

at::Tensor Schedule::alpha_bar(const at::Tensor& t) const {
  // One gather over the whole table instead of a scalar read per sample.
  return at::tensor(alpha_bar_, at::kDouble).index_select(0, t.to(at::kLong)).to(at::kFloat);
}

double Schedule::a(int t) const {
  return std::sqrt(alpha_bar(t));
}
double Schedule::s(int t) const {
  return std::sqrt(1.0 - alpha_bar(t));
}

void Schedule::split_prediction(const at::Tensor& x_t, const at::Tensor& output, int t,
                                at::Tensor* x0, at::Tensor* eps) const {
  const double at_ = a(t), st = s(t);
  if (v_prediction_) {
    *x0 = x_t * at_ - output * st;
    *eps = x_t * st + output * at_;
  } else {
    *eps = output;
    *x0 = (x_t - output * st) / at_;
  }
}

at::Tensor Schedule::target(const at::Tensor& x0, const at::Tensor& eps, const at::Tensor& a_,
                            const at::Tensor& s_) const {
  return v_prediction_ ? a_ * eps - s_ * x0 : eps;
}

std::vector<int> Schedule::sampling_timesteps(int count) const {
  require(count >= 1 && count <= steps(), "steps must be in 1.." + std::to_string(steps()) +
                                              " (got " + std::to_string(count) + ")");
  std::vector<int> out;
  for (int k = 0; k < count; ++k) {
    out.push_back(
        static_cast<int>(std::lround(static_cast<double>(steps()) * (count - k) / count)) - 1);
  }
  return out;
}

}  // namespace lanterna
