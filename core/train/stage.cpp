#include "train/stage.h"

#include "common/error.h"
#include "model/presets.h"
#include "world/style_filter.h"

#include <algorithm>

namespace lanterna::train {

std::vector<std::string> stage_names() {
  return {"t2i", "temporal",     "joint",      "conditional",
          "ssr", "style-sketch", "style-neon", "style-pixel"};
}

StageSpec stage_spec(const std::string& name) {
  StageSpec s;
  s.name = name;
  if (name == "t2i") {
    s.description = "text-to-image 2D U-Net on single frames";
    s.model = base_model_config();
    s.model.unet.temporal = false;
    s.data = DataKind::Frames;
    s.batch = 64;
    s.lr = 1e-3;
    s.exports_as = "base";
  } else if (name == "temporal") {
    s.description = "inflated STUNet, temporal layers only (spatial frozen), 16-frame clips";
    s.model = base_model_config();
    s.data = DataKind::Clips;
    s.frames = 16;
    s.batch = 4;
    s.lr = 5e-4;
    s.freeze_spatial = true;
    s.init_from = "t2i";
    s.exports_as = "base";
  } else if (name == "joint") {
    s.description = "STUNet, all layers, 16-frame clips";
    s.model = base_model_config();
    s.data = DataKind::Clips;
    s.frames = 16;
    // The settings of the shipped base's last joint runs (B, C and D on the
    // CPU, docs/training.md): unweighted, which drew shapes better than
    // min-SNR-5 side by side, and the noisiest steps, where an object's place
    // and path are decided, trained more.
    s.batch = 16;
    s.lr = 3e-4;
    s.min_snr_gamma = 0;
    s.timestep_shift = 3;
    s.init_from = "temporal";
    s.exports_as = "base";
  } else if (name == "conditional") {
    s.description =
        "7-channel STUNet <x, C, M> for image-to-video, inpainting, cinemagraphs, outpainting";
    s.model = conditional_model_config();
    s.data = DataKind::ConditionalClips;
    s.frames = 16;
    s.batch = 4;
    s.lr = 2e-4;
    s.init_from = "joint";
    s.exports_as = "conditional";
  } else if (name == "ssr") {
    s.description = "super-resolution 32 -> 128 on 64x64 crops of 8-frame windows";
    s.model = ssr_model_config();
    s.data = DataKind::SuperResolution;
    s.frames = 8;
    s.crop = 64;
    s.batch = 4;
    s.lr = 5e-4;
    s.min_snr_gamma = 0;
    s.exports_as = "ssr";
  } else if (name.rfind("style-", 0) == 0 &&
             std::string(world::style_name(world::parse_style(name.substr(6)))) == name.substr(6)) {
    // A style pack: the spatial weights of the base, fine-tuned on frames
    // passed through the world's style filter (blended at generation time).
    s.description = "style pack: spatial weights fine-tuned on " + name.substr(6) + " frames";
    s.model = base_model_config();
    s.model.unet.temporal = false;
    s.data = DataKind::Frames;
    s.style = name.substr(6);
    s.batch = 32;
    s.lr = 2e-4;
    s.warmup_steps = 50;
    s.init_from = "t2i";
    s.exports_as = "styles/" + s.style;
  } else {
    std::string known;
    for (const auto& n : stage_names()) known += (known.empty() ? "" : ", ") + n;
    throw Error(ErrorCode::InvalidArgument, "unknown stage '" + name + "' (known: " + known + ")");
  }
  return s;
}

StageSpec tiny_stage(StageSpec spec) {
  const bool temporal = spec.model.unet.temporal;
  spec.model = tiny_model_config(spec.model.kind);
  spec.model.unet.temporal = temporal;
  spec.crop = spec.crop > 0 ? 16 : 0;
  spec.frames = std::min(spec.frames, 8);
  spec.batch = spec.data == DataKind::Frames ? 8 : 2;
  spec.warmup_steps = 5;
  return spec;
}

double learning_rate_at(double peak, int warmup_steps, int64_t step, int64_t end_step,
                        int64_t cooldown_steps) {
  double factor = std::min(1.0, static_cast<double>(step) / std::max(warmup_steps, 1));
  if (cooldown_steps > 0) {
    const double left = static_cast<double>(end_step - step + 1);  // this step and those after
    factor *= std::clamp(left / static_cast<double>(cooldown_steps), 0.0, 1.0);
  }
  return peak * factor;
}

}  // namespace lanterna::train
