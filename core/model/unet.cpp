#include "model/unet.h"

#include "common/error.h"
#include "model/fused_group_norm.h"

#include <torch/nn/functional/upsampling.h>

namespace lanterna {
namespace {

namespace F = torch::nn::functional;

// Multiplies the frame embedding's output (see per_frame in forward).
constexpr double kFrameEmbeddingGain = 10.0;

torch::nn::Conv2d conv3x3(int in, int out, int stride = 1) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1).stride(stride));
}

// Adds block j's modules to a level: ResBlock, optional cross-attention and
// the temporal layer (attention at the coarsest level, conv elsewhere).
void add_block(LevelImpl& level, const ModelConfig& c, int level_index, int in, int out) {
  const UNetConfig& u = c.unet;
  level.res->push_back(ResBlock(in, out, u.time_dim(), u.groups));
  if (u.cross_attention[level_index])
    level.xattn->push_back(CrossAttention(out, c.text.dim, u.heads, u.groups));
  if (!u.temporal) return;
  if (level_index == u.levels() - 1)
    level.temporal_attn->push_back(TemporalAttention(out, u.heads));
  else
    level.temporal_conv->push_back(TemporalConv(out, u.temporal_kernel, u.groups));
}

}  // namespace

LevelImpl::LevelImpl() {
  res = register_module("res", torch::nn::ModuleList());
  xattn = register_module("xattn", torch::nn::ModuleList());
  temporal_conv = register_module("temporal_conv", torch::nn::ModuleList());
  temporal_attn = register_module("temporal_attn", torch::nn::ModuleList());
}

at::Tensor LevelImpl::block(size_t j, const at::Tensor& x, const at::Tensor& emb,
                            const TextEmbedding& text, int64_t frames) {
  at::Tensor h = res[j]->as<ResBlock>()->forward(x, emb);
  if (j < xattn->size()) h = xattn[j]->as<CrossAttention>()->forward(h, text.tokens, text.valid);
  if (j < temporal_conv->size()) h = temporal_conv[j]->as<TemporalConv>()->forward(h, frames);
  if (j < temporal_attn->size()) h = temporal_attn[j]->as<TemporalAttention>()->forward(h, frames);
  return h;
}

UNetImpl::UNetImpl(const ModelConfig& config) : config_(config) {
  config_.validate("model config");
  const UNetConfig& u = config_.unet;
  const int levels = u.levels(), td = u.time_dim();
  text = register_module(
      "text", TextEncoder(static_cast<int>(config_.text.vocab.size()), config_.text.dim,
                          config_.text.layers, config_.text.heads, config_.text.max_tokens));
  time_mlp1 = register_module("time_mlp1", torch::nn::Linear(u.widths[0], td));
  time_mlp2 = register_module("time_mlp2", torch::nn::Linear(td, td));
  text_pool = register_module("text_pool", torch::nn::Linear(config_.text.dim, td));
  if (u.frame_embedding) {
    temporal_frame_embed =
        register_module("temporal_frame_embed", torch::nn::Linear(u.widths[0], td));
    // Zero: a network that gains it (from a bundle without) starts out
    // computing exactly what it computed before.
    torch::NoGradGuard no_grad;
    temporal_frame_embed->weight.zero_();
    temporal_frame_embed->bias.zero_();
  }
  conv_in = register_module("conv_in", conv3x3(u.in_channels, u.widths[0]));

  // Down path; `skip_widths` records what each skip connection carries.
  std::vector<int> skip_widths{u.widths[0]};
  down = register_module("down", torch::nn::ModuleList());
  int ch = u.widths[0];
  for (int i = 0; i < levels; ++i) {
    Level level;
    for (int j = 0; j < u.res_blocks; ++j) {
      add_block(*level, config_, i, ch, u.widths[i]);
      ch = u.widths[i];
      skip_widths.push_back(ch);
    }
    if (i < levels - 1) {
      level->resample = level->register_module("downsample", conv3x3(ch, ch, 2));
      if (u.temporal)
        level->temporal_down =
            level->register_module("temporal_down", TemporalDown(ch, u.temporal_kernel));
      skip_widths.push_back(ch);
    }
    down->push_back(level);
  }

  // Middle: ResBlock, cross-attention, stacked temporal attention, ResBlock.
  mid = register_module("mid", Level());
  mid->res->push_back(ResBlock(ch, ch, td, u.groups));
  mid->res->push_back(ResBlock(ch, ch, td, u.groups));
  if (u.cross_attention.back())
    mid->xattn->push_back(CrossAttention(ch, config_.text.dim, u.heads, u.groups));
  if (u.temporal)
    for (int k = 0; k < u.temporal_attention_layers; ++k)
      mid->temporal_attn->push_back(TemporalAttention(ch, u.heads));

  // Up path, coarsest level first; each block consumes one skip connection.
  up = register_module("up", torch::nn::ModuleList());
  for (int i = levels - 1; i >= 0; --i) {
    Level level;
    for (int j = 0; j <= u.res_blocks; ++j) {
      const int skip = skip_widths.back();
      skip_widths.pop_back();
      add_block(*level, config_, i, ch + skip, u.widths[i]);
      ch = u.widths[i];
    }
    if (i > 0) {
      if (u.temporal)
        level->temporal_up =
            level->register_module("temporal_up", TemporalUp(ch, u.temporal_kernel));
      level->resample = level->register_module("upsample", conv3x3(ch, ch));
    }
    up->push_back(level);
  }
  norm_out = register_module("norm_out", torch::nn::GroupNorm(u.groups, ch));
  conv_out = register_module("conv_out", conv3x3(ch, u.out_channels));
  torch::NoGradGuard no_grad;
  conv_out->weight.zero_();
  conv_out->bias.zero_();
}

TextEmbedding UNetImpl::encode_text(const at::Tensor& ids) {
  TextEmbedding e;
  e.tokens = text->forward(ids, &e.pooled);
  e.valid = ids.ne(0);
  return e;
}

at::Tensor UNetImpl::forward(const at::Tensor& x, const at::Tensor& t, const TextEmbedding& text_b,
                             int64_t frames) {
  const UNetConfig& u = config_.unet;
  const int64_t batch = t.size(0);
  require(x.dim() == 4 && x.size(0) == batch * frames && x.size(1) == u.in_channels,
          "unet: input must be (B*T, in_channels, H, W)");
  require(frames % u.temporal_factor() == 0, "unet: frame count " + std::to_string(frames) +
                                                 " must be a multiple of " +
                                                 std::to_string(u.temporal_factor()));
  // Time and pooled-text embedding per clip; every level repeats it (and the
  // text tokens) for the number of frames it currently holds.
  const at::Tensor emb =
      time_mlp2(at::silu(time_mlp1(sinusoidal_embedding(t * 1000.0, u.widths[0])))) +
      text_pool(text_b.pooled);
  auto per_frame = [&](int64_t f) {
    at::Tensor emb_f = emb.repeat_interleave(f, 0);
    if (temporal_frame_embed) {
      // The centre of each of the f frames a level holds, as a share of the
      // clip, so every level (and every clip length) agrees on "start" and "end".
      const at::Tensor place =
          (at::arange(f, emb.options().dtype(at::kFloat)) + 0.5) / static_cast<double>(f);
      // Adam moves each weight by about the rate per step, so a zero layer
      // in a trained network takes thousands of steps to matter (measured:
      // 0.008 of weight after 500 steps at 1.5e-4); the gain makes its output
      // learn kFrameEmbeddingGain times faster, with one optimizer group.
      const at::Tensor frame_emb = kFrameEmbeddingGain * temporal_frame_embed(sinusoidal_embedding(
                                                             place * 1000.0, u.widths[0]));
      emb_f = emb_f + frame_emb.to(emb_f.scalar_type()).repeat({batch, 1});
    }
    return std::make_pair(emb_f, TextEmbedding{text_b.tokens.repeat_interleave(f, 0),
                                               text_b.valid.repeat_interleave(f, 0), at::Tensor()});
  };

  int64_t f = frames;
  at::Tensor h = conv_in(x);
  std::vector<at::Tensor> skips{h};
  for (size_t i = 0; i < down->size(); ++i) {
    LevelImpl& level = *down[i]->as<Level>();
    const auto [emb_f, text_f] = per_frame(f);
    for (size_t j = 0; j < level.res->size(); ++j) {
      h = level.block(j, h, emb_f, text_f, f);
      skips.push_back(h);
    }
    if (level.resample) {
      h = level.resample(h);
      if (level.temporal_down) {
        h = level.temporal_down(h, f);
        f /= 2;
      }
      skips.push_back(h);
    }
  }
  {
    const auto [emb_f, text_f] = per_frame(f);
    h = mid->res[0]->as<ResBlock>()->forward(h, emb_f);
    if (!mid->xattn->is_empty())
      h = mid->xattn[0]->as<CrossAttention>()->forward(h, text_f.tokens, text_f.valid);
    for (const auto& attn : *mid->temporal_attn) h = attn->as<TemporalAttention>()->forward(h, f);
    h = mid->res[1]->as<ResBlock>()->forward(h, emb_f);
  }
  for (size_t i = 0; i < up->size(); ++i) {
    LevelImpl& level = *up[i]->as<Level>();
    const auto [emb_f, text_f] = per_frame(f);
    for (size_t j = 0; j < level.res->size(); ++j) {
      h = level.block(j, at::cat({h, skips.back()}, 1), emb_f, text_f, f);
      skips.pop_back();
    }
    if (level.resample) {
      if (level.temporal_up) {
        h = level.temporal_up(h, f);
        f *= 2;
      }
      h = F::interpolate(h, F::InterpolateFuncOptions()
                                .scale_factor(std::vector<double>{2.0, 2.0})
                                .mode(torch::kNearest));
      h = level.resample(h);
    }
  }
  return conv_out(group_norm(norm_out, h, /*silu=*/true));
}

}  // namespace lanterna
