// The temporal layers that turn the 2D U-Net into a Space-Time U-Net.
// Activations stay (B*T, C, H, W); each layer views them as (B, C, T, H*W)
// and works along T at every pixel. Every layer starts as the identity
// (zero-initialised output projection or Dirac kernel) so an inflated
// network initially reproduces the 2D network frame by frame.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>

namespace lanterna {

// (B*T, C, H, W) -> (B, C, T, H*W) and back.
at::Tensor frames_to_time_major(const at::Tensor& x, int64_t frames);
at::Tensor time_major_to_frames(const at::Tensor& x, int64_t height, int64_t width);

// Factorized space-time convolution, temporal half: residual 1D conv over T
// (norm -> SiLU -> conv -> norm -> SiLU -> conv), last conv zero-initialised.
struct TemporalConvImpl : torch::nn::Module {
  TemporalConvImpl(int channels, int kernel, int groups);
  at::Tensor forward(const at::Tensor& x, int64_t frames);

  torch::nn::GroupNorm norm1{nullptr}, norm2{nullptr};
  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
};
TORCH_MODULE(TemporalConv);

// Residual multi-head self-attention over T at every pixel (coarsest level),
// with sinusoidal frame positions; output projection zero-initialised.
struct TemporalAttentionImpl : torch::nn::Module {
  TemporalAttentionImpl(int channels, int heads);
  at::Tensor forward(const at::Tensor& x, int64_t frames);

  int heads;
  torch::nn::LayerNorm norm{nullptr};
  torch::nn::Linear qkv{nullptr}, out{nullptr};
};
TORCH_MODULE(TemporalAttention);

// Temporal down-sampling: Dirac-initialised 1D conv with stride 2 (keeps the
// even frames at initialisation). T -> T/2.
struct TemporalDownImpl : torch::nn::Module {
  TemporalDownImpl(int channels, int kernel);
  at::Tensor forward(const at::Tensor& x, int64_t frames);
  torch::nn::Conv2d conv{nullptr};
};
TORCH_MODULE(TemporalDown);

// Temporal up-sampling: frame duplication, then a Dirac-initialised 1D conv.
// T -> 2T.
struct TemporalUpImpl : torch::nn::Module {
  TemporalUpImpl(int channels, int kernel);
  at::Tensor forward(const at::Tensor& x, int64_t frames);
  torch::nn::Conv2d conv{nullptr};
};
TORCH_MODULE(TemporalUp);

}  // namespace lanterna
