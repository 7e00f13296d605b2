#include "engine/engine.h"

#include "common/error.h"
#include "common/threads.h"
#include "diffusion/denoiser.h"
#include "engine/tensor_video.h"
#include "io/bundle.h"
#include "model/tokenizer.h"
#include "common/sha256.h"
#include "pipeline/candidates.h"
#include "pipeline/known_content.h"
#include "pipeline/object_composition.h"
#include "pipeline/settings.h"
#include "pipeline/style_scope.h"
#include "pipeline/validate.h"

#include <ATen/ops/upsample_bicubic2d.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <sstream>

namespace lanterna {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Engine::Impl {
  ModelBundle base;
  std::optional<ModelBundle> conditional;
  std::optional<ModelBundle> ssr;
  fs::path styles_dir;
  std::map<std::string, TensorMap> style_cache;  // loaded on first use
  std::map<fs::path, std::string> hashes;        // model.safetensors -> sha256
  std::unique_ptr<Tokenizer> tokenizer;

  TextEmbedding embed(UNetImpl& net, const std::string& prompt) {
    const ModelConfig& c = net.config();
    Tokenizer tok(c.text.vocab, c.text.max_tokens);
    const TokenizedPrompt tp = tok.encode(prompt);
    at::Tensor ids = at::tensor(tp.ids, at::kLong).unsqueeze(0);
    return net.encode_text(ids);
  }

  std::vector<std::string> installed_styles() const {
    std::vector<std::string> names;
    std::error_code ec;
    if (!fs::is_directory(styles_dir, ec)) return names;
    for (const auto& e : fs::directory_iterator(styles_dir))
      if (fs::exists(e.path() / "model.json")) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  const TensorMap& style(const std::string& name) {
    auto it = style_cache.find(name);
    if (it != style_cache.end()) return it->second;
    const ModelBundle pack = load_bundle(styles_dir / name);
    return style_cache.emplace(name, module_tensors(*pack.net)).first->second;
  }

  ModelRecord record(const std::string& role, const fs::path& dir) {
    const fs::path weights = dir / "model.safetensors";
    auto it = hashes.find(weights);
    if (it == hashes.end()) it = hashes.emplace(weights, sha256_file(weights)).first;
    return {role, dir.filename().string(), it->second};
  }
};

namespace {

std::optional<ModelBundle> load_optional(const fs::path& dir, const std::string& kind,
                                         const std::string& what) {
  if (!fs::exists(dir / "model.json")) return std::nullopt;
  ModelBundle b = load_bundle(dir);
  require(b.config.kind == kind, "'" + dir.string() + "' is not " + what);
  return b;
}

}  // namespace

Engine::Engine(const EngineOptions& options) : impl_(std::make_unique<Impl>()) {
  init_threads(options.threads);
  impl_->base = load_bundle(options.models_dir / "base");
  require(impl_->base.config.kind == "base",
          "'" + (options.models_dir / "base").string() + "' is not a base model");
  impl_->conditional =
      load_optional(options.models_dir / "conditional", "conditional", "a conditional model");
  impl_->ssr = load_optional(options.models_dir / "ssr", "ssr", "a super-resolution model");
  impl_->styles_dir = options.models_dir / "styles";
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
  if (impl_->conditional) line(*impl_->conditional);
  if (impl_->ssr) line(*impl_->ssr);
  for (const auto& name : impl_->installed_styles()) out << "style: " << name << "\n";
  return out.str();
}

Video Engine::generate(const GenerationRequest& r, const RunCallbacks& cb) {
  Impl& m = *impl_;
  const ModelConfig& bc = m.base.config;
  AvailableModels available;
  available.base = &bc;
  available.conditional = m.conditional ? &m.conditional->config : nullptr;
  available.ssr = m.ssr ? &m.ssr->config : nullptr;
  available.styles = m.installed_styles();
  validate_request(r, available);
  if (r.mode != Mode::Upscale) {
    const std::vector<std::string> unknown = unknown_words(r.prompt);
    if (!unknown.empty() && cb.on_warning) {
      std::string words;
      for (const auto& w : unknown) words += (words.empty() ? "" : ", ") + w;
      cb.on_warning("unknown words ignored by the text encoder: " + words);
    }
  }
  torch::NoGradGuard no_grad;
  const auto start = Clock::now();
  const bool upscale = r.mode == Mode::Upscale;
  const bool run_ssr = m.ssr.has_value() && (upscale || r.super_resolve);
  const int64_t T = request_frames(r), S = bc.resolution;
  const int64_t side = r.size > 0 ? r.size : (run_ssr ? m.ssr->config.resolution : S);
  const int base_steps =
      r.mode == Mode::VideoToVideo ? sampled_steps(r.steps, r.edit_strength) : r.steps;
  const std::optional<ObjectParts> parts =
      r.mode == Mode::TextToVideo && r.style.empty() && r.compose_objects ? split_objects(r.prompt)
                                                                          : std::nullopt;
  const int objects = parts ? static_cast<int>(parts->captions.size()) : 1;
  const int candidates = r.mode == Mode::TextToVideo ? r.candidates : 1;
  const int base_passes = objects * candidates;
  const int total_steps = (upscale ? 0 : base_steps * base_passes) +
                          (run_ssr ? sampled_steps(r.ssr_steps, r.ssr_strength) : 0);
  int steps_done = 0;
  const KnownContent known = prepare_known(r, static_cast<int>(T), static_cast<int>(side));

  // Reports progress with a preview of the clean estimate of all frames
  // (`shown` turns it into what the user will get, e.g. composed objects).
  // A stage of several passes counts its steps on across them.
  using Shown = std::function<at::Tensor(const at::Tensor&)>;
  auto reporter = [&](const std::string& stage, Shown shown = {}, int pass = 0, int passes = 1) {
    return [&, stage, shown, pass, passes](int step, int total, const at::Tensor& x0) {
      ++steps_done;
      if (!cb.on_progress) return;
      const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
      Progress p;
      p.stage = stage;
      p.step = pass * total + step;
      p.total = passes * total;
      p.pass = pass;
      p.passes = passes;
      p.eta_seconds = elapsed / steps_done * (total_steps - steps_done);
      const Video preview = tensor_to_video(shown ? shown(x0) : x0, r.fps);
      p.preview = &preview;
      cb.on_progress(p);
    };
  };

  SampleOptions so;
  so.kind = parse_sampler(r.sampler);
  so.steps = r.steps;
  so.seed = r.seed;
  so.cancel = cb.cancel;
  std::vector<ModelRecord> records;

  // Base stage over the whole clip in one pass (the conditional model when
  // the mode keeps known content), styled for this request only.
  at::Tensor low;
  if (upscale) {
    low = known_frames_at(known, S);
  } else {
    const bool conditional = needs_conditional_model(r.mode);
    ModelBundle& model = conditional ? *m.conditional : m.base;
    records.push_back(m.record(conditional ? "conditional" : "base", model.dir));
    const Schedule schedule(model.config.schedule);
    std::optional<StyleScope> style;
    if (!r.style.empty()) {
      style.emplace(model.net, m.style(r.style), r.style_strength);
      records.push_back(m.record("style", m.styles_dir / r.style));
    }
    DenoiserSetup base;
    base.net = model.net;
    base.schedule = &schedule;
    base.cond = m.embed(*model.net, r.prompt);
    base.uncond = m.embed(*model.net, r.negative_prompt);
    base.guidance = r.guidance;
    // Text-to-video and video-to-video leave the last steps (t < 200, 5 of
    // 25) unguided: on 50 eval captions every verdict stayed the same and
    // the base stage ran 14 % faster (docs/training.md, "Sampler").
    if (!conditional) base.guidance_min_t = 200;
    base.frames = T;
    base.cancel = cb.cancel;
    if (conditional) base.conditioning = conditioning_at(known, S);
    so.on_step = reporter("base");
    at::Tensor init;
    if (r.mode == Mode::VideoToVideo) {
      so.strength = r.edit_strength;
      init = known_frames_at(known, S).contiguous();
    }
    // Draws the candidates of one object's pass and keeps the one the
    // network denoises best under its caption (pipeline/candidates.h).
    auto best_candidate = [&](uint64_t seed, int object, const Shown& shown) {
      at::Tensor best;
      double best_error = 0;
      for (int c = 0; c < candidates; ++c) {
        SampleOptions po = so;
        po.seed = candidate_seed(seed, c);
        po.on_step = reporter("base", shown, object * candidates + c, base_passes);
        at::Tensor clip = sample(schedule, po, {T, 3, S, S}, init, make_denoiser(base));
        if (candidates == 1) return clip;
        const double error = candidate_error(base, clip, seed);
        if (c == 0 || error < best_error) {
          best = clip;
          best_error = error;
        }
      }
      return best;
    };
    if (!parts) {
      low = best_candidate(r.seed, 0, {});
    } else {
      // One pass per object, each with its own seed, so the objects start
      // where they would in two independent clips.
      std::vector<at::Tensor> clips;
      for (size_t k = 0; k < parts->captions.size(); ++k) {
        base.cond = m.embed(*model.net, parts->captions[k]);
        // The preview shows the objects drawn so far composed with this one.
        const Shown shown = [&](const at::Tensor& x0) {
          std::vector<at::Tensor> drawn = clips;
          drawn.push_back(x0);
          return compose_parts(drawn, *parts);
        };
        // Clamped as a clip is shown, so the composition sees what a user would.
        clips.push_back(
            best_candidate(r.seed + 0x9E3779B9ull * k, static_cast<int>(k), shown).clamp(-1, 1));
      }
      low = compose_parts(clips, *parts);
    }
  }

  at::Tensor out = low;
  if (run_ssr) {
    const ModelConfig& sc = m.ssr->config;
    const int64_t R = sc.resolution;
    records.push_back(m.record("ssr", m.ssr->dir));
    const at::Tensor up = at::upsample_bicubic2d(low, {R, R}, false).clamp(-1, 1);
    DenoiserSetup ssr;
    ssr.net = m.ssr->net;
    const Schedule ssr_schedule(sc.schedule);
    ssr.schedule = &ssr_schedule;
    ssr.cond = m.embed(*m.ssr->net, r.prompt);
    ssr.uncond = m.embed(*m.ssr->net, r.negative_prompt);
    ssr.guidance = r.ssr_guidance;
    ssr.frames = T;
    ssr.conditioning = up;
    ssr.window = r.ssr_window;
    ssr.overlap = r.ssr_overlap;
    ssr.cancel = cb.cancel;
    SampleOptions sso = so;
    sso.strength = r.ssr_strength;
    sso.steps = r.ssr_steps;
    sso.seed = r.seed + 1;
    sso.on_step = reporter("ssr");
    out = sample(ssr_schedule, sso, {T, 3, R, R}, up, make_denoiser(ssr));
  }
  // Without an SSR model (or with it disabled) the clip is up-scaled
  // bicubically; the output size is always what the request asked for.
  if (out.size(-1) != side) out = at::upsample_bicubic2d(out, {side, side}, false).clamp(-1, 1);
  // Known pixels are pasted back so they are kept exactly (the conditioning
  // channels alone keep them only approximately, at 32x32).
  if (r.composite && known.defined() && r.mode != Mode::VideoToVideo && !upscale)
    out = composite_known(out, known, std::max<int>(1, static_cast<int>(side / 64)));
  out = crop_to_output(out, known);
  Video video = tensor_to_video(out, r.fps);
  video.settings_json = settings_json(r, video.frames, video.width, video.height, records);
  return video;
}

}  // namespace lanterna
