// The Space-Time U-Net (STUNet) of Lumiere and, with `temporal == false`,
// the 2D text-to-image U-Net it is inflated from.
//
// Layout: activations are (B*T, C, H, W) so spatial layers are plain 2D
// layers. Every parameter of a temporal layer has "temporal" in its name;
// everything else is spatial (this is what inflation and style packs rely on).
#pragma once

#include "model/config.h"
#include "model/layers.h"
#include "model/temporal.h"

namespace lanterna {

// The text embedding of one batch of prompts, computed once per sampling run.
struct TextEmbedding {
  at::Tensor tokens;  // (B, L, D)
  at::Tensor valid;   // (B, L) bool
  at::Tensor pooled;  // (B, D)
};

// One resolution level: ResNet blocks, optional text cross-attention, and the
// temporal layer that follows each spatial block (conv, or attention at the
// coarsest level). Down levels end with spatial + temporal down-sampling; up
// levels with temporal + spatial up-sampling.
struct LevelImpl : torch::nn::Module {
  torch::nn::ModuleList res, xattn, temporal_conv, temporal_attn;
  torch::nn::Conv2d resample{nullptr};
  TemporalDown temporal_down{nullptr};
  TemporalUp temporal_up{nullptr};
  LevelImpl();
  // Runs block `j` (ResBlock, cross-attention, temporal layer).
  at::Tensor block(size_t j, const at::Tensor& x, const at::Tensor& emb, const TextEmbedding& text,
                   int64_t frames);
};
TORCH_MODULE(Level);

struct UNetImpl : torch::nn::Module {
  explicit UNetImpl(const ModelConfig& config);

  TextEmbedding encode_text(const at::Tensor& ids);
  // x: (B*T, in_channels, H, W); t: (B) diffusion time in [0, 1];
  // text: embedding of B prompts. Returns (B*T, out_channels, H, W).
  at::Tensor forward(const at::Tensor& x, const at::Tensor& t, const TextEmbedding& text,
                     int64_t frames);

  const ModelConfig& config() const { return config_; }

  TextEncoder text{nullptr};
  torch::nn::Linear time_mlp1{nullptr}, time_mlp2{nullptr}, text_pool{nullptr};
  // With unet.frame_embedding: each frame's place in the clip -> time
  // embedding. "temporal" in the name: it is trained with the temporal layers.
  torch::nn::Linear temporal_frame_embed{nullptr};
  torch::nn::Conv2d conv_in{nullptr}, conv_out{nullptr};
  torch::nn::GroupNorm norm_out{nullptr};
  torch::nn::ModuleList down, up;
  Level mid{nullptr};

 private:
  ModelConfig config_;
};
TORCH_MODULE(UNet);

}  // namespace lanterna
