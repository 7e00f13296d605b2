// Model architecture and bundle configuration, stored as model.json.
// Plain data with JSON (de)serialisation and validation; no tensors here.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace lanterna {

// The (ST)U-Net. `temporal == false` is the 2D text-to-image U-Net: the same
// network with the temporal layers absent, so its weights inflate by name.
struct UNetConfig {
  int in_channels = 3;  // 3 plain, 7 conditional <x, C, M>, 6 SSR <x, up(low)>
  int out_channels = 3;
  std::vector<int> widths{32, 64, 128};                  // channels per resolution level
  std::vector<bool> cross_attention{false, true, true};  // text cross-attn per level
  int res_blocks = 1;                                    // ResNet blocks per level on the way down
  int heads = 4;                                         // heads of every attention layer
  int groups = 8;                                        // GroupNorm groups
  bool temporal = true;                                  // STUNet when true, 2D U-Net when false
  int temporal_kernel = 3;                               // taps of the 1D temporal convolutions
  int temporal_attention_layers = 1;  // stacked temporal attention in the middle block
  // Adds each frame's place in the clip (0 = first, 1 = last) to the time
  // embedding every ResBlock sees, so a spatial layer can depend on it: the
  // sign of a straight motion ("left" against "right") is only visible
  // through where the object is in which frame. Off in bundles without it.
  bool frame_embedding = false;

  int levels() const { return static_cast<int>(widths.size()); }
  int time_dim() const { return widths.front() * 4; }
  // Total temporal down-sampling factor N = 2^(levels-1); 1 for the 2D U-Net.
  int temporal_factor() const { return temporal ? (1 << (levels() - 1)) : 1; }
};

struct TextConfig {
  int dim = 64;
  int layers = 2;
  int heads = 4;
  int max_tokens = 24;
  std::vector<std::string> vocab;  // index 0 is "<pad>", 1 is "<bos>"
};

struct ScheduleConfig {
  std::string kind = "cosine";   // "cosine" or "linear"
  int train_steps = 1000;        // discrete training timesteps
  std::string prediction = "v";  // "v" or "eps"
  // Mixed frame noise ("Preserve Your Own Correlation", Ge et al. 2023): the
  // share of the noise variance that all frames of a clip have in common,
  // eps_f = sqrt(r) * eps_clip + sqrt(1 - r) * eps_f'. A model trained with
  // r > 0 is sampled with the same r. 0 = independent noise per frame.
  double frame_noise_share = 0.0;
};

struct ModelConfig {
  std::string name = "base";
  std::string kind = "base";  // base | conditional | ssr
  int resolution = 32;        // square frame size the network runs at
  int low_resolution = 0;     // SSR only: size of the clip it up-samples
  int min_frames = 16;
  int max_frames = 80;
  int fps = 8;
  UNetConfig unet;
  TextConfig text;
  ScheduleConfig schedule;
  std::string weights_file = "model.safetensors";
  nlohmann::json provenance = nlohmann::json::object();

  // Throws Error(BadFile) naming the field when a value is out of range.
  void validate(const std::string& where) const;
};

nlohmann::json to_json(const ModelConfig& config);
// Parses and validates; `where` names the file in error messages.
ModelConfig model_config_from_json(const nlohmann::json& j, const std::string& where);

}  // namespace lanterna
