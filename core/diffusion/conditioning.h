// The conditioning channels of the 7-channel model (DESIGN.md): the network
// input is <noisy video J (3), masked conditioning video C (3), mask M (1)>,
// with M = 1 where content is known and kept and C = video * M.
#pragma once

#include <ATen/ATen.h>

namespace lanterna {

enum class ConditionKind { None, FirstFrame, Inpaint, Cinemagraph, Outpaint };

// C and M concatenated: (T, 4, H, W). `video` is (T, 3, H, W) in [-1, 1];
// `mask` is (T, 1, H, W) in {0, 1} with 1 = known.
at::Tensor conditioning_channels(const at::Tensor& video, const at::Tensor& mask);

// Masks of each mode for a clip of T frames of size H x W. `region` is a
// (1, 1, H, W) mask of the painted area (1 = painted) for inpaint and
// cinemagraph; `border` the outpaint border width in pixels.
at::Tensor first_frame_mask(int64_t frames, int64_t size);
at::Tensor inpaint_mask(int64_t frames, const at::Tensor& region);
at::Tensor cinemagraph_mask(int64_t frames, const at::Tensor& region);
at::Tensor outpaint_mask(int64_t frames, int64_t size, int64_t border);

}  // namespace lanterna
