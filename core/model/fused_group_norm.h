// GroupNorm, optionally followed by SiLU, as one CPU kernel, forward and
// backward. LibTorch 1.13's GroupNorm refuses bf16 input with fp32 weights, so
// under bf16 autocast every norm of the U-Net cost a cast of its input to
// fp32, the norm, a SiLU and a cast back to bf16 for the next convolution,
// each a pass over the activations both ways. Here one call reads the input
// in its own dtype, keeps the statistics in fp32 and writes the output in the
// dtype the next convolution runs in: training steps 1.14-1.43x faster, the
// default generation about 1.1x (README, "Fused GroupNorm and SiLU").
#pragma once

#include "common/kernel_switch.h"

#include <ATen/core/Tensor.h>
#include <torch/nn/modules/normalization.h>

namespace lanterna {

// silu(norm(x)) when `silu`, else norm(x). x: (N, C, A, B), fp32 or bf16,
// any strides (the temporal layers pass a permuted view). The result is
// contiguous, bf16 under CPU bf16 autocast and fp32 otherwise, as the unfused
// form feeds the next layer. CPU tensors with fp32 affine weights take the
// kernel; anything else (a GPU, the switch below off) the unfused form.
at::Tensor group_norm(const torch::nn::GroupNorm& norm, const at::Tensor& x, bool silu);

// The kernel's switch (common/kernel_switch.h): LANTERNA_FUSED_GROUP_NORM=0
// in the environment starts it off.
KernelSwitch& fused_group_norm_switch();

// Turns the kernel on or off for its lifetime.
struct FusedGroupNormScope : KernelSwitch::Scope {
  explicit FusedGroupNormScope(bool on) : Scope(fused_group_norm_switch(), on) {}
};

}  // namespace lanterna
