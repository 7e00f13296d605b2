// Conversions between plain Videos/Images and float tensors in [-1, 1].
#pragma once

#include "engine/video.h"

#include <ATen/ATen.h>

namespace lanterna {

// (T, 3, H, W) float in [-1, 1] -> Video (rounded, clamped).
Video tensor_to_video(const at::Tensor& frames, double fps);
// Video -> (T, 3, size, size) float in [-1, 1]: centre-cropped to a square and
// resized (area filter when shrinking, bicubic when enlarging).
at::Tensor video_to_tensor(const Video& video, int size);
at::Tensor image_to_tensor(const Image& image, int size);
// Square-crop and resize a (T, C, H, W) tensor to size x size.
at::Tensor crop_resize(const at::Tensor& frames, int size);

}  // namespace lanterna
