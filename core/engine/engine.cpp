#include "engine/engine.h"

#include "common/error.h"
#include "common/threads.h"
#include "diffusion/denoiser.h"
#include "engine/tensor_video.h"
#include "io/bundle.h"
#include "model/tokenizer.h"

#include <ATen/ops/upsample_bicubic2d.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <chrono>
#include <optional>
#include <sstream>

namespace lanterna {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Engine::Impl {
  ModelBundle base;
  std::optional<ModelBundle> ssr;
  std::unique_ptr<Tokenizer> tokenizer;

  TextEmbedding embed(UNetImpl& net, const std::string& prompt) {
    const ModelConfig& c = net.config();
    Tokenizer tok(c.text.vocab, c.text.max_tokens);
    const TokenizedPrompt tp = tok.encode(prompt);
    at::Tensor ids = at::tensor(tp.ids, at::kLong).unsqueeze(0);
    return net.encode_text(ids);
  }
};

Engine::Engine(const EngineOptions& options) : impl_(std::make_unique<Impl>()) {
  init_threads(options.threads);
  impl_->base = load_bundle(options.models_dir / "base");
  require(impl_->base.config.kind == "base",
          "'" + (options.models_dir / "base").string() + "' is not a base model");
  if (fs::exists(options.models_dir / "ssr" / "model.json")) {
    impl_->ssr = load_bundle(options.models_dir / "ssr");
    require(impl_->ssr->config.kind == "ssr",
            "'" + (options.models_dir / "ssr").string() + "' is not a super-resolution model");
  }
  const TextConfig& t = impl_->base.config.text;
  impl_->tokenizer = std::make_unique<Tokenizer>(t.vocab, t.max_tokens);
}

Engine::~Engine() = default;

std::vector<std::string> Engine::unknown_words(const std::string& prompt) const {
  return impl_->tokenizer->encode(prompt).unknown_words;
}

std::string Engine::describe() const {
  std::ostringstream out;
  auto line = [&](const ModelBundle& b) {
    int64_t params = 0;
    for (const auto& p : b.net->parameters()) params += p.numel();
    out << b.config.kind << ": " << b.dir.string() << " (" << b.config.resolution << "x"
        << b.config.resolution << ", " << params << " parameters)\n";
  };
  line(impl_->base);
  if (impl_->ssr) line(*impl_->ssr);
  return out.str();
}

namespace {

void validate(const GenerationRequest& r, const ModelConfig& base) {
  require(r.mode == Mode::TextToVideo || r.mode == Mode::VideoToVideo,
          "mode '" + mode_name(r.mode) + "' is not available yet (available: t2v, v2v)");
  require(!r.prompt.empty(), "prompt is empty");
  const int factor = base.unet.temporal_factor();
  require(r.frames >= base.min_frames && r.frames <= base.max_frames && r.frames % factor == 0,
          "frames must be a multiple of " + std::to_string(factor) + " in " +
              std::to_string(base.min_frames) + ".." + std::to_string(base.max_frames) + " (got " +
              std::to_string(r.frames) + ")");
  require(r.fps >= 1 && r.fps <= 60, "fps must be in 1..60 (got " + std::to_string(r.fps) + ")");
  require(r.steps >= 1 && r.steps <= 1000,
          "steps must be in 1..1000 (got " + std::to_string(r.steps) + ")");
  require(r.ssr_steps >= 1 && r.ssr_steps <= 1000,
          "ssr steps must be in 1..1000 (got " + std::to_string(r.ssr_steps) + ")");
  require(r.size == 0 || (r.size >= 8 && r.size <= 1024),
          "size must be in 8..1024 (got " + std::to_string(r.size) + ")");
  require(r.guidance >= 1.0 && r.guidance <= 30.0,
          "guidance must be in 1..30 (got " + std::to_string(r.guidance) + ")");
  require(r.edit_strength >= 0.0 && r.edit_strength <= 1.0,
          "edit strength must be in 0..1 (got " + std::to_string(r.edit_strength) + ")");
  require(r.style.empty(), "style packs are not available yet");
  parse_sampler(r.sampler);
  if (r.mode == Mode::VideoToVideo)
    require(!r.input_video.empty(), "mode v2v needs an input video");
}

std::string settings_json(const GenerationRequest& r, const std::string& model, int size) {
  const nlohmann::json j = {{"generator", "lanterna"},
                            {"mode", mode_name(r.mode)},
                            {"prompt", r.prompt},
                            {"negative_prompt", r.negative_prompt},
                            {"seed", r.seed},
                            {"frames", r.frames},
                            {"fps", r.fps},
                            {"steps", r.steps},
                            {"guidance", r.guidance},
                            {"sampler", r.sampler},
                            {"size", size},
                            {"model", model}};
  return j.dump();
}

}  // namespace

Video Engine::generate(const GenerationRequest& r, const RunCallbacks& cb) {
  Impl& m = *impl_;
  const ModelConfig& bc = m.base.config;
  validate(r, bc);
  const std::vector<std::string> unknown = unknown_words(r.prompt);
  if (!unknown.empty() && cb.on_warning) {
    std::string words;
    for (const auto& w : unknown) words += (words.empty() ? "" : ", ") + w;
    cb.on_warning("unknown words ignored by the text encoder: " + words);
  }
  torch::NoGradGuard no_grad;
  const auto start = Clock::now();
  const bool run_ssr = r.super_resolve && m.ssr.has_value() && r.mode != Mode::Upscale;
  const int total_steps = r.steps + (run_ssr ? r.ssr_steps : 0);
  int steps_done = 0;

  // Reports progress with a preview of the clean estimate of all frames.
  auto reporter = [&](const std::string& stage) {
    return [&, stage](int step, int total, const at::Tensor& x0) {
      ++steps_done;
      if (!cb.on_progress) return;
      const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
      Progress p;
      p.stage = stage;
      p.step = step;
      p.total = total;
      p.eta_seconds = elapsed / steps_done * (total_steps - steps_done);
      const Video preview = tensor_to_video(x0, r.fps);
      p.preview = &preview;
      cb.on_progress(p);
    };
  };

  // Base stage over the whole clip in one pass.
  const int64_t T = r.frames, S = bc.resolution;
  DenoiserSetup base;
  base.net = m.base.net;
  const Schedule base_schedule(bc.schedule);
  base.schedule = &base_schedule;
  base.cond = m.embed(*m.base.net, r.prompt);
  base.uncond = m.embed(*m.base.net, r.negative_prompt);
  base.guidance = r.guidance;
  base.frames = T;
  base.cancel = cb.cancel;
  SampleOptions so;
  so.kind = parse_sampler(r.sampler);
  so.steps = r.steps;
  so.seed = r.seed;
  so.cancel = cb.cancel;
  so.on_step = reporter("base");
  at::Tensor init;
  if (r.mode == Mode::VideoToVideo) {
    so.strength = r.edit_strength;
    init = video_to_tensor(r.input_video, static_cast<int>(S));
    require(init.size(0) >= T, "input video has " + std::to_string(init.size(0)) +
                                   " frames, fewer than the requested " + std::to_string(T));
    init = init.narrow(0, 0, T).contiguous();
  }
  at::Tensor low = sample(base_schedule, so, {T, 3, S, S}, init, make_denoiser(base));

  at::Tensor out;
  if (run_ssr) {
    const ModelConfig& sc = m.ssr->config;
    const int64_t R = sc.resolution;
    const at::Tensor up = at::upsample_bicubic2d(low, {R, R}, false).clamp(-1, 1);
    DenoiserSetup ssr;
    ssr.net = m.ssr->net;
    const Schedule ssr_schedule(sc.schedule);
    ssr.schedule = &ssr_schedule;
    ssr.cond = m.embed(*m.ssr->net, r.prompt);
    ssr.uncond = m.embed(*m.ssr->net, r.negative_prompt);
    ssr.guidance = r.guidance;
    ssr.frames = T;
    ssr.conditioning = up;
    ssr.window = r.ssr_window;
    ssr.overlap = r.ssr_overlap;
    ssr.cancel = cb.cancel;
    SampleOptions sso = so;
    sso.strength = 1.0;
    sso.steps = r.ssr_steps;
    sso.seed = r.seed + 1;
    sso.on_step = reporter("ssr");
    out = sample(ssr_schedule, sso, {T, 3, R, R}, at::Tensor(), make_denoiser(ssr));
  } else {
    out = low;
  }
  // Without an SSR model (or with it disabled) the clip is up-scaled
  // bicubically; the output size is always what the request asked for.
  if (r.size > 0 && out.size(-1) != r.size)
    out = at::upsample_bicubic2d(out, {r.size, r.size}, false).clamp(-1, 1);
  Video video = tensor_to_video(out, r.fps);
  video.settings_json = settings_json(r, m.base.dir.filename().string(), video.width);
  return video;
}

}  // namespace lanterna
