// What a request already knows — an input still, a clip, a mask, an outpaint
// canvas — as frames and a keep-mask on a square working canvas at the
// output resolution. The base stage sees it down-sampled as the conditional
// model's <C, M> channels (or as the SDEdit start for v2v); after sampling,
// the known pixels are composited back so they are preserved exactly.
//
// Geometry rules (shown in `lanterna-cli generate --help`):
// - inputs are centre-cropped to a square and resized to the output size
//   (area filter when shrinking, bicubic when enlarging);
// - a mask is resized (nearest) to its input's size first, so it must have the
//   input's aspect ratio; luma >= 128 = regenerate (inpaint) / animate
//   (cinemagraph); one mask frame applies to every frame;
// - outpaint keeps the whole input (no crop), centred on a canvas that is the
//   input grown by `expand` on every side (or canvas_width x canvas_height);
//   the canvas is extended to a square for the model and the output is the
//   canvas region, its longer side at the output size.
#pragma once

#include "engine/request.h"

#include <ATen/ATen.h>

namespace lanterna {

struct KnownContent {
  at::Tensor frames;    // (T, 3, W, W) in [-1, 1]; 0 where nothing is known
  at::Tensor keep;      // (T, 1, W, W) in {0, 1}: 1 = known and kept
  int crop_width = 0;   // output region (centred) in canvas pixels;
  int crop_height = 0;  // W x W except for outpaint
  bool defined() const { return frames.defined(); }
};

// Frames the request produces: r.frames, or the input clip's length for upscale.
int request_frames(const GenerationRequest& r);

// Builds the known content of r's mode at side W (t2v: nothing). Throws
// Error(InvalidArgument) naming the field when inputs do not fit.
KnownContent prepare_known(const GenerationRequest& r, int frames, int side);

// The known frames resized (area) to size x size.
at::Tensor known_frames_at(const KnownContent& k, int64_t size);
// <C, M> at size x size: M = 1 only where the area is entirely known.
at::Tensor conditioning_at(const KnownContent& k, int64_t size);

// Pastes the known pixels into `generated` (T, 3, W, W): kept pixels are
// exactly the known ones; the seam fades over `feather` pixels into the
// regenerated side.
at::Tensor composite_known(const at::Tensor& generated, const KnownContent& k, int feather);
// The output region of the canvas (outpaint); the whole canvas otherwise.
at::Tensor crop_to_output(const at::Tensor& x, const KnownContent& k);

}  // namespace lanterna
