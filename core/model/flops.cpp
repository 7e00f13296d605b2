#include "model/flops.h"

#include "model/unet.h"

namespace lanterna {
namespace {

// Resolution level of a module from its dotted name: down.i / mid / up.j.
int level_of(const std::string& name, int levels) {
  if (name.rfind("down.", 0) == 0) return std::stoi(name.substr(5));
  if (name.rfind("up.", 0) == 0) return levels - 1 - std::stoi(name.substr(3));
  if (name.rfind("mid.", 0) == 0) return levels - 1;
  return 0;
}

}  // namespace

double unet_forward_flops(const ModelConfig& config, int64_t clips, int64_t frames) {
  UNet net(config);
  const int levels = config.unet.levels();
  const bool temporal = config.unet.temporal;
  const int64_t tokens = config.text.max_tokens;
  double flops = 0;
  for (const auto& item : net->named_modules("", false)) {
    const std::string& name = item.key();
    if (name.rfind("text", 0) == 0 && name.rfind("text_pool", 0) != 0) continue;  // once per prompt
    int level = level_of(name, levels);
    // Down-sampling convs write the next level; up-sampling convs the previous.
    if (name.find(".downsample") != std::string::npos) ++level;
    if (name.find(".upsample") != std::string::npos) --level;
    const bool temporal_down = name.find("temporal_down") != std::string::npos;
    const int64_t side = config.resolution >> level;
    const int64_t f = temporal ? std::max<int64_t>(1, frames >> level) : frames;
    const int64_t pixels = clips * (temporal_down ? std::max<int64_t>(1, f / 2) : f) * side * side;
    if (auto* conv = item.value()->as<torch::nn::Conv2dImpl>()) {
      flops += 2.0 * conv->weight.numel() * pixels;
    } else if (auto* lin = item.value()->as<torch::nn::LinearImpl>()) {
      const bool per_clip = name.find("emb_proj") != std::string::npos ||
                            name.rfind("time_mlp", 0) == 0 || name == "text_pool";
      const bool per_token =
          name.find("to_k") != std::string::npos || name.find("to_v") != std::string::npos;
      const double rows = per_clip ? clips * f : per_token ? clips * f * tokens : pixels;
      flops += 2.0 * lin->weight.numel() * rows;
    } else if (auto* xa = item.value()->as<CrossAttentionImpl>()) {
      flops += 4.0 * pixels * tokens * xa->to_q->weight.size(0);  // QK^T and AV
    } else if (auto* ta = item.value()->as<TemporalAttentionImpl>()) {
      flops += 4.0 * pixels * f * ta->out->weight.size(0);
    }
  }
  return flops;
}

}  // namespace lanterna
