// Multi-head attention on the CPU as one kernel, forward and backward.
// The U-Net's attention products are tiny and skinny (32x32 pixels against
// 24 text tokens at 8 channels per head; 16 frames against 16 frames):
// through at::matmul each becomes one BLAS call per sequence and head, plus
// reshape copies and a softmax pass, and the calls' overhead outweighs their
// arithmetic. Here a block of 8 queries goes through scores, softmax and the
// weighted sum of values in SIMD registers, one query per lane, read from and
// written to the caller's layout. `lanterna-cli bench` times it against the
// matmul form.
#pragma once

#include "common/kernel_switch.h"

#include <ATen/core/Tensor.h>

namespace lanterna {

// True when fused_attention takes these inputs (CPU fp32 or bf16, 3-D, the last
// dimension contiguous, heads dividing the channels) and the kernel is
// enabled; otherwise use the at::matmul form.
bool fused_attention_applies(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                             int heads, bool channel_major = false);

// Same contract as multi_head_attention (model/layers.h): q (N, Lq, C), k and
// v (N, Lk, C), key_valid (N, Lk) bool or undefined; returns (N, Lq, C). With
// channel_major, q is (N, C, Lq) and so is the result (fp32 always): the layout of pixels
// in an (N, C, H, W) feature map, so that 1x1 convolutions can project them
// without transposing. A query whose keys are all masked gets zeros.
// Differentiable in q, k and v.
at::Tensor fused_attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int heads,
                           const at::Tensor& key_valid, bool channel_major = false);

// The kernel's switch (common/kernel_switch.h): LANTERNA_FUSED_ATTENTION=0
// in the environment starts it off.
KernelSwitch& fused_attention_switch();

// Turns the kernel on or off for its lifetime.
struct FusedAttentionScope : KernelSwitch::Scope {
  explicit FusedAttentionScope(bool on) : Scope(fused_attention_switch(), on) {}
};

}  // namespace lanterna
