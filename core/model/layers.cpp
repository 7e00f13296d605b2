#include "model/layers.h"

#include "model/fused_attention.h"
#include "model/fused_group_norm.h"

#include <torch/nn/functional/activation.h>
#include <torch/nn/init.h>

#include <cmath>

namespace lanterna {

namespace F = torch::nn::functional;

at::Tensor multi_head_attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                                int heads, const at::Tensor& key_valid) {
  if (fused_attention_applies(q, k, v, heads)) return fused_attention(q, k, v, heads, key_valid);
  const int64_t n = q.size(0), lq = q.size(1), lk = k.size(1), c = q.size(2);
  const int64_t d = c / heads;
  auto split = [&](const at::Tensor& t, int64_t len) {
    return t.reshape({n, len, heads, d}).transpose(1, 2);  // (N, h, L, d)
  };
  at::Tensor scores =
      at::matmul(split(q, lq), split(k, lk).transpose(-1, -2)) / std::sqrt(static_cast<double>(d));
  if (key_valid.defined()) {
    scores = scores.masked_fill(key_valid.logical_not().view({n, 1, 1, lk}),
                                -std::numeric_limits<float>::infinity());
  }
  at::Tensor out = at::matmul(at::softmax(scores, -1), split(v, lk));
  return out.transpose(1, 2).reshape({n, lq, c});
}

at::Tensor sinusoidal_embedding(const at::Tensor& positions, int dim) {
  const int half = dim / 2;
  auto freqs = at::exp(at::arange(half, positions.options().dtype(at::kFloat)) *
                       (-std::log(10000.0) / std::max(half - 1, 1)));
  auto args = positions.to(at::kFloat).unsqueeze(1) * freqs.unsqueeze(0);
  auto emb = at::cat({at::sin(args), at::cos(args)}, 1);
  if (dim % 2) emb = F::pad(emb, F::PadFuncOptions({0, 1}));
  return emb;
}

ResBlockImpl::ResBlockImpl(int in, int out, int emb_dim, int groups) {
  norm1 = register_module("norm1", torch::nn::GroupNorm(groups, in));
  conv1 =
      register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1)));
  emb_proj = register_module("emb_proj", torch::nn::Linear(emb_dim, out));
  norm2 = register_module("norm2", torch::nn::GroupNorm(groups, out));
  conv2 =
      register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(out, out, 3).padding(1)));
  if (in != out) {
    skip = register_module("skip", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 1)));
  }
}

at::Tensor ResBlockImpl::forward(const at::Tensor& x, const at::Tensor& emb) {
  at::Tensor h = conv1(group_norm(norm1, x, /*silu=*/true));
  h = h + emb_proj(at::silu(emb)).unsqueeze(-1).unsqueeze(-1);
  h = conv2(group_norm(norm2, h, /*silu=*/true));
  return (skip ? skip(x) : x) + h;
}

CrossAttentionImpl::CrossAttentionImpl(int channels, int context_dim, int heads_, int groups)
    : heads(heads_) {
  norm = register_module("norm", torch::nn::GroupNorm(groups, channels));
  to_q = register_module(
      "to_q", torch::nn::Linear(torch::nn::LinearOptions(channels, channels).bias(false)));
  to_k = register_module(
      "to_k", torch::nn::Linear(torch::nn::LinearOptions(context_dim, channels).bias(false)));
  to_v = register_module(
      "to_v", torch::nn::Linear(torch::nn::LinearOptions(context_dim, channels).bias(false)));
  to_out = register_module("to_out", torch::nn::Linear(channels, channels));
}

at::Tensor CrossAttentionImpl::forward(const at::Tensor& x, const at::Tensor& context,
                                       const at::Tensor& context_valid) {
  const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
  at::Tensor normed = group_norm(norm, x, /*silu=*/false);
  at::Tensor k = to_k(context), v = to_v(context);
  // Pixels stay channel-major on the CPU: the projections are 1x1
  // convolutions on the feature map (the same weights), which run ~3x faster
  // than linear layers on transposed (N, HW, C) tokens.
  at::Tensor q = at::conv2d(normed, to_q->weight.view({c, c, 1, 1})).flatten(2);  // (N, C, HW)
  if (fused_attention_applies(q, k, v, heads, /*channel_major=*/true)) {
    at::Tensor out = fused_attention(q, k, v, heads, context_valid, /*channel_major=*/true);
    return x + at::conv2d(out.view({n, c, h, w}), to_out->weight.view({c, c, 1, 1}), to_out->bias);
  }
  at::Tensor out = multi_head_attention(q.transpose(1, 2), k, v, heads, context_valid);
  return x + to_out(out).transpose(1, 2).reshape({n, c, h, w});
}

TransformerLayerImpl::TransformerLayerImpl(int dim, int heads_) : heads(heads_) {
  norm1 = register_module("norm1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
  qkv = register_module("qkv", torch::nn::Linear(dim, 3 * dim));
  out = register_module("out", torch::nn::Linear(dim, dim));
  norm2 = register_module("norm2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
  mlp1 = register_module("mlp1", torch::nn::Linear(dim, 4 * dim));
  mlp2 = register_module("mlp2", torch::nn::Linear(4 * dim, dim));
}

at::Tensor TransformerLayerImpl::forward(const at::Tensor& x, const at::Tensor& valid) {
  auto parts = qkv(norm1(fp32(x))).chunk(3, -1);
  at::Tensor h = x + out(multi_head_attention(parts[0], parts[1], parts[2], heads, valid));
  return h + mlp2(at::gelu(mlp1(norm2(fp32(h)))));
}

TextEncoderImpl::TextEncoderImpl(int vocab_size, int dim, int n_layers, int heads, int max_tokens) {
  token = register_module("token", torch::nn::Embedding(vocab_size, dim));
  position = register_parameter("position", at::randn({max_tokens, dim}) * 0.02);
  layers = register_module("layers", torch::nn::ModuleList());
  for (int i = 0; i < n_layers; ++i) layers->push_back(TransformerLayer(dim, heads));
  final_norm =
      register_module("final_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
}

at::Tensor TextEncoderImpl::forward(const at::Tensor& ids, at::Tensor* pooled) {
  const at::Tensor valid = ids.ne(0);
  at::Tensor h = token(ids) + position.narrow(0, 0, ids.size(1)).unsqueeze(0);
  for (const auto& layer : *layers) h = layer->as<TransformerLayer>()->forward(h, valid);
  h = final_norm(fp32(h));
  if (pooled) {
    at::Tensor w = valid.to(h.scalar_type()).unsqueeze(-1);
    *pooled = (h * w).sum(1) / w.sum(1).clamp_min(1.0);
  }
  return h;
}

}  // namespace lanterna
