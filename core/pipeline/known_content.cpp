#include "pipeline/known_content.h"

#include "common/error.h"
#include "engine/tensor_video.h"

#include <ATen/ops/upsample_bicubic2d.h>
#include <ATen/ops/upsample_nearest2d.h>

#include <cmath>

namespace lanterna {
namespace {

std::string dims(int w, int h) {
  return std::to_string(w) + "x" + std::to_string(h);
}

// (1, C, H, W) resized to h x w: area when shrinking, bicubic when enlarging.
at::Tensor resize(const at::Tensor& x, int64_t h, int64_t w) {
  if (x.size(2) == h && x.size(3) == w) return x;
  if (x.size(2) >= h && x.size(3) >= w) return at::adaptive_avg_pool2d(x, {h, w});
  return at::upsample_bicubic2d(x, {h, w}, false).clamp(-1.0, 1.0);
}

at::Tensor image_tensor(const Image& img) {  // (1, 3, H, W) in [-1, 1], native size
  return at::from_blob(const_cast<uint8_t*>(img.rgb.data()), {1, img.height, img.width, 3},
                       at::kByte)
                 .permute({0, 3, 1, 2})
                 .to(at::kFloat) /
             127.5 -
         1.0;
}

// Frame t of the input the mode reads: the clip's frame t, or the still.
Image input_frame(const GenerationRequest& r, int t) {
  return r.input_video.empty() ? r.input_image : r.input_video.frame_image(t);
}

// Regenerate-mask of frame t at the input's size (nearest), 1 = painted.
at::Tensor painted_at_input_size(const GenerationRequest& r, int t, int w, int h) {
  const Image m = r.mask.frame_image(r.mask.frames == 1 ? 0 : t);
  at::Tensor rgb = image_tensor(m);  // [-1, 1]
  const at::Tensor luma = (rgb.narrow(1, 0, 1) * 0.299 + rgb.narrow(1, 1, 1) * 0.587 +
                           rgb.narrow(1, 2, 1) * 0.114 + 1.0) *
                          127.5;
  at::Tensor painted = (luma >= 127.5).to(at::kFloat);
  if (m.width != w || m.height != h) painted = at::upsample_nearest2d(painted, {h, w});
  return painted;
}

// A painted mask at the canvas: any pixel touching paint is regenerated, so
// kept pixels are entirely outside the painted area.
at::Tensor painted_on_canvas(const at::Tensor& painted, int side) {
  at::Tensor x = crop_resize(painted * 2.0 - 1.0, side);  // crop_resize works in [-1, 1]
  return ((x + 1.0) * 0.5 > 1e-4).to(at::kFloat);
}

void check_mask(const GenerationRequest& r, int frames, int w, int h) {
  require(!r.mask.empty(), "mode " + mode_name(r.mode) + " needs a mask (white = " +
                               (r.mode == Mode::Inpaint ? "regenerate" : "animate") + ")");
  require(r.mask.frames == 1 || r.mask.frames >= frames,
          "the mask has " + std::to_string(r.mask.frames) + " frames; it needs 1 (used for every " +
              "frame) or one per frame (" + std::to_string(frames) + ")");
  const double mask_aspect = static_cast<double>(r.mask.width) / r.mask.height;
  const double input_aspect = static_cast<double>(w) / h;
  require(std::abs(mask_aspect / input_aspect - 1.0) < 0.01,
          "the mask is " + dims(r.mask.width, r.mask.height) + " but the input is " + dims(w, h) +
              ": a mask needs the input's aspect ratio (it is resized to the input's size)");
}

KnownContent outpaint(const GenerationRequest& r, int frames, int side) {
  const bool still = r.input_video.empty();
  const int w = still ? r.input_image.width : r.input_video.width;
  const int h = still ? r.input_image.height : r.input_video.height;
  int cw = r.canvas_width, ch = r.canvas_height;
  if (cw == 0 && ch == 0) {
    require(r.expand >= 1 && r.expand <= 4 * std::max(w, h),
            "outpaint needs --expand in 1.." + std::to_string(4 * std::max(w, h)) +
                " pixels or a canvas size (got expand " + std::to_string(r.expand) + ")");
    cw = w + 2 * r.expand;
    ch = h + 2 * r.expand;
  }
  require(cw >= w && ch >= h && (cw > w || ch > h) && cw <= 8 * w && ch <= 8 * h,
          "the outpaint canvas " + dims(cw, ch) + " must hold the input " + dims(w, h) +
              ", be larger in at least one direction and at most 8 times its size");
  const int square = std::max(cw, ch);
  const double s = static_cast<double>(side) / square;
  const int64_t iw = std::max<int64_t>(1, std::lround(w * s)),
                ih = std::max<int64_t>(1, std::lround(h * s));
  const int64_t ox = std::lround((square - w) / 2.0 * s), oy = std::lround((square - h) / 2.0 * s);
  KnownContent k;
  k.frames = at::zeros({frames, 3, side, side});
  k.keep = at::zeros({frames, 1, side, side});
  for (int t = 0; t < frames; ++t) {
    const at::Tensor f = resize(image_tensor(input_frame(r, still ? 0 : t)), ih, iw);
    k.frames[t].narrow(1, oy, ih).narrow(2, ox, iw).copy_(f[0]);
    k.keep[t].narrow(1, oy, ih).narrow(2, ox, iw).fill_(1.0);
  }
  k.crop_width = static_cast<int>(std::min<int64_t>(side, std::lround(cw * s)));
  k.crop_height = static_cast<int>(std::min<int64_t>(side, std::lround(ch * s)));
  return k;
}

}  // namespace

int request_frames(const GenerationRequest& r) {
  return r.mode == Mode::Upscale ? r.input_video.frames : r.frames;
}

KnownContent prepare_known(const GenerationRequest& r, int frames, int side) {
  KnownContent k;
  k.crop_width = k.crop_height = side;
  if (r.mode == Mode::TextToVideo) return k;
  if (r.mode == Mode::Outpaint) return outpaint(r, frames, side);
  const bool still = r.mode == Mode::ImageToVideo || r.mode == Mode::Cinemagraph;
  const int w = still ? r.input_image.width : r.input_video.width;
  const int h = still ? r.input_image.height : r.input_video.height;
  if (!still)
    require(r.input_video.frames >= frames,
            "the input video has " + std::to_string(r.input_video.frames) +
                " frames, fewer than the " + std::to_string(frames) + " requested");
  const bool masked = r.mode == Mode::Inpaint || r.mode == Mode::Cinemagraph;
  if (masked) check_mask(r, frames, w, h);
  std::vector<at::Tensor> frame_list, keep_list;
  const at::Tensor still_frame =
      still ? crop_resize(image_tensor(r.input_image), side) : at::Tensor();
  for (int t = 0; t < frames; ++t) {
    frame_list.push_back(still ? still_frame : crop_resize(image_tensor(input_frame(r, t)), side));
    at::Tensor keep;
    if (r.mode == Mode::ImageToVideo) {
      keep = at::full({1, 1, side, side}, t == 0 ? 1.0 : 0.0);
    } else if (masked) {
      keep = 1.0 - painted_on_canvas(painted_at_input_size(r, t, w, h), side);
      if (r.mode == Mode::Cinemagraph && t == 0) keep.fill_(1.0);  // the still is frame 0
    } else {
      keep = at::zeros({1, 1, side, side});  // v2v, upscale: a starting point, not kept
    }
    keep_list.push_back(keep);
  }
  k.frames = at::cat(frame_list, 0);
  k.keep = at::cat(keep_list, 0);
  if (r.mode == Mode::ImageToVideo) k.frames.narrow(0, 1, frames - 1).zero_();
  return k;
}

at::Tensor known_frames_at(const KnownContent& k, int64_t size) {
  return k.frames.size(-1) == size ? k.frames : at::adaptive_avg_pool2d(k.frames, {size, size});
}

at::Tensor conditioning_at(const KnownContent& k, int64_t size) {
  const at::Tensor keep =
      k.keep.size(-1) == size
          ? k.keep
          : (at::adaptive_avg_pool2d(k.keep, {size, size}) > 1.0 - 1e-4).to(at::kFloat);
  return at::cat({known_frames_at(k, size) * keep, keep}, 1);
}

at::Tensor composite_known(const at::Tensor& generated, const KnownContent& k, int feather) {
  at::Tensor alpha = k.keep;
  if (feather > 0) {
    at::Tensor soft = k.keep;
    for (int pass = 0; pass < 2; ++pass)
      soft = at::avg_pool2d(soft, 2 * feather + 1, 1, feather, false, false);
    alpha = at::maximum(k.keep, soft);  // 1 on every kept pixel, fading outwards
  }
  return k.frames * alpha + generated * (1.0 - alpha);
}

at::Tensor crop_to_output(const at::Tensor& x, const KnownContent& k) {
  const int64_t side = x.size(-1);
  if (k.crop_width >= side && k.crop_height >= side) return x;
  return x.narrow(2, (side - k.crop_height) / 2, k.crop_height)
      .narrow(3, (side - k.crop_width) / 2, k.crop_width)
      .contiguous();
}

}  // namespace lanterna
