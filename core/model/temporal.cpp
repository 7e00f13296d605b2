#include "model/temporal.h"

#include "model/fused_group_norm.h"
#include "model/layers.h"

#include <torch/nn/init.h>

namespace lanterna {
namespace {

// A (kernel x 1) Conv2d over the (T, H*W) plane is a 1D conv over T per pixel.
torch::nn::Conv2d time_conv(int channels, int kernel, int stride) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, channels, {kernel, 1})
                               .stride({stride, 1})
                               .padding({kernel / 2, 0}));
}

void init_dirac(torch::nn::Conv2d& conv) {
  torch::NoGradGuard no_grad;
  conv->weight.zero_();
  const int64_t channels = conv->weight.size(0), center = conv->weight.size(2) / 2;
  for (int64_t c = 0; c < channels; ++c) conv->weight[c][c][center][0] = 1.0;
  conv->bias.zero_();
}

}  // namespace

at::Tensor frames_to_time_major(const at::Tensor& x, int64_t frames) {
  const int64_t bt = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
  return x.reshape({bt / frames, frames, c, h * w}).permute({0, 2, 1, 3});
}

at::Tensor time_major_to_frames(const at::Tensor& x, int64_t height, int64_t width) {
  const int64_t b = x.size(0), c = x.size(1), t = x.size(2);
  return x.permute({0, 2, 1, 3}).reshape({b * t, c, height, width});
}

TemporalConvImpl::TemporalConvImpl(int channels, int kernel, int groups) {
  norm1 = register_module("norm1", torch::nn::GroupNorm(groups, channels));
  conv1 = register_module("conv1", time_conv(channels, kernel, 1));
  norm2 = register_module("norm2", torch::nn::GroupNorm(groups, channels));
  conv2 = register_module("conv2", time_conv(channels, kernel, 1));
  torch::NoGradGuard no_grad;
  conv2->weight.zero_();
  conv2->bias.zero_();
}

at::Tensor TemporalConvImpl::forward(const at::Tensor& x, int64_t frames) {
  at::Tensor h = frames_to_time_major(x, frames);
  h = conv1(group_norm(norm1, h, /*silu=*/true));
  h = conv2(group_norm(norm2, h, /*silu=*/true));
  return x + time_major_to_frames(h, x.size(2), x.size(3));
}

TemporalAttentionImpl::TemporalAttentionImpl(int channels, int heads_) : heads(heads_) {
  norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({channels})));
  qkv = register_module("qkv", torch::nn::Linear(channels, 3 * channels));
  out = register_module("out", torch::nn::Linear(channels, channels));
  torch::NoGradGuard no_grad;
  out->weight.zero_();
  out->bias.zero_();
}

at::Tensor TemporalAttentionImpl::forward(const at::Tensor& x, int64_t frames) {
  const int64_t bt = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
  const int64_t b = bt / frames;
  // (B*T, C, H, W) -> (B*H*W, T, C): one sequence of frames per pixel.
  at::Tensor seq =
      x.reshape({b, frames, c, h * w}).permute({0, 3, 1, 2}).reshape({b * h * w, frames, c});
  at::Tensor pos = sinusoidal_embedding(at::arange(frames, x.options().dtype(at::kFloat)), c)
                       .to(x.scalar_type());
  auto parts = qkv(norm(fp32(seq)) + pos.unsqueeze(0)).chunk(3, -1);
  at::Tensor att = out(multi_head_attention(parts[0], parts[1], parts[2], heads, at::Tensor()));
  att = att.reshape({b, h * w, frames, c}).permute({0, 2, 3, 1}).reshape({bt, c, h, w});
  return x + att;
}

TemporalDownImpl::TemporalDownImpl(int channels, int kernel) {
  conv = register_module("conv", time_conv(channels, kernel, 2));
  init_dirac(conv);
}

at::Tensor TemporalDownImpl::forward(const at::Tensor& x, int64_t frames) {
  return time_major_to_frames(conv(frames_to_time_major(x, frames)), x.size(2), x.size(3));
}

TemporalUpImpl::TemporalUpImpl(int channels, int kernel) {
  conv = register_module("conv", time_conv(channels, kernel, 1));
  init_dirac(conv);
}

at::Tensor TemporalUpImpl::forward(const at::Tensor& x, int64_t frames) {
  at::Tensor h = frames_to_time_major(x, frames).repeat_interleave(2, 2);
  return time_major_to_frames(conv(h), x.size(2), x.size(3));
}

}  // namespace lanterna
