#include "train/train_bench.h"

#include "common/error.h"
#include "common/threads.h"
#include "diffusion/schedule.h"
#include "engine/bench.h"
#include "io/bundle.h"
#include "io/safetensors.h"
#include "model/flops.h"
#include "model/presets.h"
#include "train/batch_source.h"
#include "train/loss.h"
#include "train/stage.h"
#include "train/step.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/optim/adamw.h>
#include <torch/version.h>
#if TORCH_VERSION_MAJOR < 2
#include <torch/csrc/autograd/profiler_legacy.h>
#endif

#include <chrono>
#include <cstdio>
#include <memory>

namespace lanterna::train {

namespace {

// --profile writes the legacy profiler's Chrome trace, which LibTorch 1.x
// has; a LibTorch 2 build (a GPU machine) trains and benchmarks without it.
// The trace runs until the returned handle is released.
#if TORCH_VERSION_MAJOR < 2
constexpr bool kCanProfile = true;
std::shared_ptr<void> start_profile(const std::string& file) {
  return std::make_shared<torch::autograd::profiler::RecordProfile>(file);
}
#else
constexpr bool kCanProfile = false;
std::shared_ptr<void> start_profile(const std::string&) {
  return nullptr;
}
#endif

}  // namespace

using Clock = std::chrono::steady_clock;

std::string bench_training(const TrainBenchOptions& o,
                           const std::function<void(const std::string&)>& log) {
  const int threads = init_threads(o.threads);
  std::string report;
  char line[256];
  auto emit = [&](const char* text) {
    report += std::string(text) + "\n";
    if (log) log(text);
  };
  const double conv_peak = measure_conv_gflops(o.tiny ? 8 : 64);
  std::snprintf(line, sizeof line,
                "threads %d, measured conv peak %.1f GFLOP/s, bf16 %s, channels-last %s, "
                "micro-batch %s",
                threads, conv_peak, o.bf16 ? "on" : "off", o.channels_last ? "on" : "off",
                o.micro_batch > 0 ? std::to_string(o.micro_batch).c_str() : "off");
  emit(line);
  for (size_t k = 0; k < o.stages.size(); ++k) {
    StageSpec spec = stage_spec(o.stages[k]);
    if (o.tiny) {
      spec = tiny_stage(spec);
      spec.batch = 2;
    }
    if (o.batch > 0) spec.batch = o.batch;
    TrainStageFigures figures;
    figures.stage = spec.name;
    figures.batch = spec.batch;
    figures.frames = spec.data == DataKind::Frames ? 1 : spec.frames;
    figures.steps = o.steps;
    figures.threads = threads;
    figures.tiny = o.tiny;
    {
      at::manual_seed(1);
      UNet net(spec.model);
      net->train();
      // The trainer's step (train/trainer.cpp): AdamW with weight decay,
      // gradient clipping and an EMA of the weights.
      const std::vector<at::Tensor> params = net->parameters();
      torch::optim::AdamW optimizer(params, torch::optim::AdamWOptions(spec.lr).weight_decay(0.01));
      std::vector<at::Tensor> ema;
      for (const auto& p : params) ema.push_back(p.detach().clone());
      const Schedule schedule(spec.model.schedule);
      LossOptions lo;
      lo.bf16 = o.bf16;
      lo.channels_last = o.channels_last;
      BatchSource source(spec, 1, 1, spec.batch);
      double total = 0, waited = 0, render = 0;
      int64_t frames_done = 0;
      int64_t side = 0, frames_per_sample = 1;
      require(kCanProfile || o.profile_file.empty(),
              "--profile needs LibTorch 1.x's legacy profiler");
      std::shared_ptr<void> profile;
      for (int step = 0; step <= o.steps; ++step) {
        if (step == 1 && k == 0 && !o.profile_file.empty()) profile = start_profile(o.profile_file);
        const auto t0 = Clock::now();
        double wait = 0;
        const Batch b = source.next(&wait);
        optimizer.zero_grad();
        accumulate_gradients(*net, schedule, b, static_cast<uint64_t>(step), o.micro_batch, lo);
        torch::nn::utils::clip_grad_norm_(params, 1.0);
        optimizer.step();
        {
          torch::NoGradGuard no_grad;
          const double decay = std::min(0.999, (2.0 + step) / (11.0 + step));
          for (size_t i = 0; i < ema.size(); ++i)
            ema[i].mul_(decay).add_(params[i].detach(), 1.0 - decay);
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        if (step == 0) continue;  // warm-up
        total += seconds;
        waited += wait;
        render += b.render_seconds;
        frames_done += b.x0.size(0);
        side = b.x0.size(-1);
        frames_per_sample = b.frames;
      }
      profile.reset();
      // fwd + bwd ~ 3 forward passes.
      ModelConfig at_size = spec.model;
      at_size.resolution = static_cast<int>(side);
      const double flops =
          3.0 * unet_forward_flops(at_size, frames_done / frames_per_sample, frames_per_sample);
      std::snprintf(
          line, sizeof line,
          "train %-11s %5.1f frames/s  %.3f s/step  data wait %4.1f%% (render %.3f s/step "
          "on its thread)  "
          "%.1f GFLOP/s = %.1f%% of conv peak",
          spec.name.c_str(), frames_done / total, total / o.steps, 100.0 * waited / total,
          render / o.steps, flops / total / 1e9, 100.0 * flops / total / 1e9 / conv_peak);
      emit(line);
      figures.frames_per_second = frames_done / total;
    }
    if (o.after_stage) o.after_stage(figures);
  }
  std::snprintf(line, sizeof line, "peak RSS %.0f MiB", peak_rss_mib());
  emit(line);
  return report;
}

double write_reference_inputs(const std::string& stage, bool tiny, const std::filesystem::path& dir,
                              int check_batch) {
  StageSpec spec = stage_spec(stage);
  if (tiny) spec = tiny_stage(spec);
  require(!spec.model.unet.temporal && spec.data == DataKind::Frames,
          "the Python reference covers the 2D stages only (not '" + stage + "')");
  require(check_batch >= 1 && check_batch <= 256, "check batch must be in 1..256");
  at::manual_seed(1);
  UNet net(spec.model);
  {
    torch::NoGradGuard no_grad;
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(7);
    for (auto& p : net->parameters()) p.add_(at::randn(p.sizes(), gen) * 0.05);
  }
  save_bundle(dir / "model", spec.model, *net, at::kFloat);

  const Tokenizer tokenizer(spec.model.text.vocab, spec.model.text.max_tokens);
  const Batch batch = make_batch(spec, tokenizer, 1, 1, check_batch);
  const Schedule schedule(spec.model.schedule);
  const uint64_t seed = 1234;
  double loss = 0;
  {
    torch::NoGradGuard no_grad;
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    loss = diffusion_loss(*net, schedule, batch, gen, LossOptions()).item<double>();
  }
  // The draws diffusion_loss made, in its order: timesteps, then noise.
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  const at::Tensor t = at::randint(0, schedule.steps(), {check_batch}, gen, at::kLong);
  const at::Tensor eps = at::randn(batch.x0.sizes(), gen, at::kFloat);
  write_safetensors(dir / "check.safetensors",
                    {{"x0", batch.x0}, {"ids", batch.ids}, {"t", t}, {"eps", eps}});
  return loss;
}

}  // namespace lanterna::train
