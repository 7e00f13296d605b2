// Inflation of the 2D text-to-image U-Net into the STUNet, and the weight
// operations that rely on the spatial/temporal split of parameter names.
#pragma once

#include "io/safetensors.h"
#include "model/unet.h"

namespace lanterna {

// True for parameters of temporal layers (their names contain "temporal").
bool is_temporal_parameter(const std::string& name);

// Builds a STUNet (config.unet.temporal forced on) whose spatial weights are
// copied from the 2D network `net2d`; the new temporal layers start as the
// identity, so every N-th output frame equals the 2D output on that frame.
UNet inflate(const UNetImpl& net2d, ModelConfig config);

// Style blending, W = a * W_style + (1 - a) * W_base, for every spatial
// parameter present in `style`; temporal layers are never touched.
// `base` holds the unblended spatial weights (so blends do not accumulate).
void blend_style(UNetImpl& net, const TensorMap& base, const TensorMap& style, double strength);

// Sets requires_grad on spatial (false) / temporal (true) parameters, for
// the paper's second stage: train only the new temporal layers.
void freeze_spatial(UNetImpl& net, bool frozen);

}  // namespace lanterna
