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

// Process-wide switch, on by default; LANTERNA_FUSED_ATTENTION=0 in the
// environment starts it off (for A/B benchmarks against the matmul form).
bool fused_attention_enabled();
void set_fused_attention_enabled(bool enabled);

// Sets the switch for its lifetime and then restores what it was, so that a
// benchmark or test comparing both forms leaves the user's setting alone.
class FusedAttentionScope {
 public:
  explicit FusedAttentionScope(bool enabled) : previous_(fused_attention_enabled()) {
    set_fused_attention_enabled(enabled);
  }
  ~FusedAttentionScope() { set_fused_attention_enabled(previous_); }
  FusedAttentionScope(const FusedAttentionScope&) = delete;
  FusedAttentionScope& operator=(const FusedAttentionScope&) = delete;

 private:
  bool previous_;
};

}  // namespace lanterna
