// Spatial building blocks of the (ST)U-Net and its text encoder. All of them
// see activations as (N, C, H, W) or token sequences (N, L, C); nothing here
// knows about frames.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/modules/embedding.h>

namespace lanterna {

// Normalization layers get fp32 input: under CPU bf16 autocast (training
// with --bf16) LibTorch 1.13's GroupNorm and LayerNorm refuse bf16 input with
// fp32 weights (GroupNorm on the CPU takes the fused kernel of
// model/fused_group_norm.h instead, which reads bf16). A no-op for fp32 tensors.
inline at::Tensor fp32(const at::Tensor& x) {
  return x.scalar_type() == at::kFloat ? x : x.to(at::kFloat);
}

// Multi-head scaled dot-product attention. q: (N, Lq, C), k and v: (N, Lk, C);
// key_valid: (N, Lk) bool where true marks keys that may be attended, or an
// undefined tensor for "all". Returns (N, Lq, C).
at::Tensor multi_head_attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                                int heads, const at::Tensor& key_valid);

// Sinusoidal embedding of positions or timesteps: (N) -> (N, dim).
at::Tensor sinusoidal_embedding(const at::Tensor& positions, int dim);

// GroupNorm -> SiLU -> conv3x3 -> (+ time/text embedding) -> GroupNorm ->
// SiLU -> conv3x3, plus a 1x1 skip when the width changes.
struct ResBlockImpl : torch::nn::Module {
  ResBlockImpl(int in, int out, int emb_dim, int groups);
  // x: (N, in, H, W); emb: (N, emb_dim). Returns (N, out, H, W).
  at::Tensor forward(const at::Tensor& x, const at::Tensor& emb);

  torch::nn::GroupNorm norm1{nullptr}, norm2{nullptr};
  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, skip{nullptr};
  torch::nn::Linear emb_proj{nullptr};
};
TORCH_MODULE(ResBlock);

// Residual cross-attention from pixels (queries) to text tokens (keys/values).
struct CrossAttentionImpl : torch::nn::Module {
  CrossAttentionImpl(int channels, int context_dim, int heads, int groups);
  // x: (N, C, H, W); context: (N, L, D); context_valid: (N, L) bool.
  at::Tensor forward(const at::Tensor& x, const at::Tensor& context,
                     const at::Tensor& context_valid);

  int heads;
  torch::nn::GroupNorm norm{nullptr};
  torch::nn::Linear to_q{nullptr}, to_k{nullptr}, to_v{nullptr}, to_out{nullptr};
};
TORCH_MODULE(CrossAttention);

// Pre-LayerNorm transformer encoder layer (self-attention + MLP).
struct TransformerLayerImpl : torch::nn::Module {
  TransformerLayerImpl(int dim, int heads);
  at::Tensor forward(const at::Tensor& x, const at::Tensor& valid);

  int heads;
  torch::nn::LayerNorm norm1{nullptr}, norm2{nullptr};
  torch::nn::Linear qkv{nullptr}, out{nullptr}, mlp1{nullptr}, mlp2{nullptr};
};
TORCH_MODULE(TransformerLayer);

// Small learned text encoder over the word-level vocabulary.
struct TextEncoderImpl : torch::nn::Module {
  TextEncoderImpl(int vocab_size, int dim, int layers, int heads, int max_tokens);
  // ids: (B, L) int64 with 0 = <pad>. Returns tokens (B, L, dim); `pooled`
  // receives the mean of the valid tokens (B, dim).
  at::Tensor forward(const at::Tensor& ids, at::Tensor* pooled);

  torch::nn::Embedding token{nullptr};
  at::Tensor position;
  torch::nn::ModuleList layers;
  torch::nn::LayerNorm final_norm{nullptr};
};
TORCH_MODULE(TextEncoder);

}  // namespace lanterna
