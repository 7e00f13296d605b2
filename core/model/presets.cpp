#include "model/presets.h"

#include "world/vocabulary.h"

namespace lanterna {

ModelConfig base_model_config() {
  ModelConfig c;
  c.name = "base";
  c.kind = "base";
  c.resolution = 32;
  c.min_frames = 16;
  c.max_frames = 80;
  c.fps = 8;
  c.unet.in_channels = 3;
  c.unet.widths = {32, 64, 128};
  c.unet.cross_attention = {true, true, true};
  c.unet.res_blocks = 1;
  c.unet.heads = 4;
  c.text.vocab = world::vocabulary();
  c.validate("base preset");
  return c;
}

ModelConfig conditional_model_config() {
  ModelConfig c = base_model_config();
  c.name = "conditional";
  c.kind = "conditional";
  c.unet.in_channels = 7;
  c.validate("conditional preset");
  return c;
}

ModelConfig ssr_model_config() {
  ModelConfig c = base_model_config();
  c.name = "ssr";
  c.kind = "ssr";
  c.resolution = 128;
  c.low_resolution = 32;
  c.min_frames = 4;
  c.unet.in_channels = 6;
  c.unet.widths = {16, 32, 64, 96};
  c.unet.cross_attention = {false, false, true, true};
  c.validate("ssr preset");
  return c;
}

ModelConfig tiny_model_config(const std::string& kind) {
  ModelConfig c;
  c.name = "tiny-" + kind;
  c.kind = kind;
  c.resolution = kind == "ssr" ? 32 : 16;
  c.low_resolution = kind == "ssr" ? 8 : 0;
  c.min_frames = 4;
  c.max_frames = 32;
  c.unet.in_channels = kind == "conditional" ? 7 : kind == "ssr" ? 6 : 3;
  c.unet.widths = {8, 16, 16};
  c.unet.cross_attention = {false, true, true};
  c.unet.heads = 2;
  c.unet.groups = 4;
  c.text.dim = 16;
  c.text.layers = 1;
  c.text.heads = 2;
  c.text.max_tokens = 16;
  c.text.vocab = world::vocabulary();
  c.schedule.train_steps = 100;
  c.validate("tiny preset");
  return c;
}

}  // namespace lanterna
