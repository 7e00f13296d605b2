// Approximate forward cost of a (ST)U-Net in floating-point operations:
// convolutions, linear layers and attention products (2 FLOPs per
// multiply-add); normalisations and element-wise ops are not counted.
#pragma once

#include "model/config.h"

namespace lanterna {

double unet_forward_flops(const ModelConfig& config, int64_t clips, int64_t frames);

}  // namespace lanterna
