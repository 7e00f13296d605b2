#include "pipeline/validate.h"

#include "common/error.h"
#include "diffusion/sampler.h"

#include <algorithm>

namespace lanterna {
namespace {

std::string range(double lo, double hi, double got) {
  auto text = [](double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
    return s;
  };
  return " must be in " + text(lo) + ".." + text(hi) + " (got " + text(got) + ")";
}

void check_frames(int frames, const ModelConfig& c, const std::string& what) {
  const int factor = c.unet.temporal_factor();
  require(frames >= c.min_frames && frames <= c.max_frames && frames % factor == 0,
          what + " must be a multiple of " + std::to_string(factor) + " in " +
              std::to_string(c.min_frames) + ".." + std::to_string(c.max_frames) + " (got " +
              std::to_string(frames) + ")");
}

}  // namespace

bool needs_conditional_model(Mode mode) {
  return mode == Mode::ImageToVideo || mode == Mode::Inpaint || mode == Mode::Cinemagraph ||
         mode == Mode::Outpaint;
}

void validate_request(const GenerationRequest& r, const AvailableModels& models) {
  const ModelConfig& base = *models.base;
  const std::string mode = mode_name(r.mode);
  if (r.mode != Mode::Upscale) require(!r.prompt.empty(), "prompt is empty");
  if (r.mode == Mode::Upscale) {
    require(!r.input_video.empty(), "mode upscale needs an input video");
    require(models.ssr != nullptr,
            "mode upscale needs the super-resolution model (models/ssr), which is not installed");
    require(r.input_video.frames <= 1000, "the input video has " +
                                              std::to_string(r.input_video.frames) +
                                              " frames; upscale reads at most 1000");
  } else {
    check_frames(r.frames, base, "frames");
  }
  require(r.fps >= 1 && r.fps <= 60, "fps" + range(1, 60, r.fps));
  require(r.steps >= 1 && r.steps <= 1000, "steps" + range(1, 1000, r.steps));
  require(r.ssr_steps >= 1 && r.ssr_steps <= 1000, "ssr steps" + range(1, 1000, r.ssr_steps));
  require(r.size == 0 || (r.size >= 8 && r.size <= 1024), "size" + range(8, 1024, r.size));
  require(r.guidance >= 1.0 && r.guidance <= 30.0, "guidance" + range(1, 30, r.guidance));
  require(r.ssr_strength > 0.0 && r.ssr_strength <= 1.0,
          "ssr strength must be in (0, 1] (got " + std::to_string(r.ssr_strength) + ")");
  require(r.ssr_guidance >= 1.0 && r.ssr_guidance <= 30.0,
          "ssr guidance" + range(1, 30, r.ssr_guidance));
  require(r.edit_strength >= 0.0 && r.edit_strength <= 1.0,
          "strength" + range(0, 1, r.edit_strength));
  require(r.style_strength >= 0.0 && r.style_strength <= 1.0,
          "style strength" + range(0, 1, r.style_strength));
  require(r.candidates >= 1 && r.candidates <= 16, "candidates" + range(1, 16, r.candidates));
  require(r.ssr_window >= 0 && r.ssr_window <= 1000, "ssr window" + range(0, 1000, r.ssr_window));
  require(r.ssr_overlap >= 0 && (r.ssr_window == 0 || r.ssr_overlap < r.ssr_window),
          "ssr overlap must be in 0..window-1 (got " + std::to_string(r.ssr_overlap) + ")");
  parse_sampler(r.sampler);
  if (!r.style.empty()) {
    std::string installed;
    for (const auto& s : models.styles) installed += (installed.empty() ? "" : ", ") + s;
    require(std::find(models.styles.begin(), models.styles.end(), r.style) != models.styles.end(),
            "style '" + r.style + "' is not installed (installed: " +
                (installed.empty() ? std::string("none") : installed) + ")");
  }
  if (needs_conditional_model(r.mode))
    require(models.conditional != nullptr,
            "mode " + mode + " needs the conditional model (models/conditional), which is not " +
                "installed");
  const bool wants_image = r.mode == Mode::ImageToVideo || r.mode == Mode::Cinemagraph;
  const bool wants_video =
      r.mode == Mode::Inpaint || r.mode == Mode::VideoToVideo || r.mode == Mode::Upscale;
  if (wants_image) require(!r.input_image.empty(), "mode " + mode + " needs an input image");
  if (wants_video) require(!r.input_video.empty(), "mode " + mode + " needs an input video");
  if (r.mode == Mode::Outpaint)
    require(!r.input_image.empty() || !r.input_video.empty(),
            "mode outpaint needs an input image or video");
  if (r.mode != Mode::Inpaint && r.mode != Mode::Cinemagraph)
    require(r.mask.empty(),
            "mode " + mode + " takes no mask (masks are for inpaint and cinemagraph)");
  auto check_input = [](int w, int h, const std::string& what) {
    require(w >= 8 && h >= 8 && static_cast<int64_t>(w) * h <= 4096LL * 4096,
            what + " is " + std::to_string(w) + "x" + std::to_string(h) +
                " (allowed: 8x8 up to 4096x4096 pixels)");
  };
  if (!r.input_image.empty())
    check_input(r.input_image.width, r.input_image.height, "the input image");
  if (!r.input_video.empty())
    check_input(r.input_video.width, r.input_video.height, "the input video");
}

}  // namespace lanterna
