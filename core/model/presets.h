// Architectures of the models Lanterna trains and ships, and a tiny one for
// tests. Each returns a validated ModelConfig with the world's vocabulary.
#pragma once

#include "model/config.h"

namespace lanterna {

ModelConfig base_model_config();         // text-to-video STUNet, 32x32, 16..80 frames
ModelConfig conditional_model_config();  // 7-channel <x, C, M> variant of the base
ModelConfig ssr_model_config();          // 32 -> 128 super-resolution, 6 channels
// A few-thousand-parameter model for tests (kind "base", "conditional" or "ssr").
ModelConfig tiny_model_config(const std::string& kind = "base");

}  // namespace lanterna
