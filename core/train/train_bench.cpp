#include "train/train_bench.h"

#include "common/threads.h"
#include "diffusion/schedule.h"
#include "engine/bench.h"
#include "model/flops.h"
#include "model/presets.h"
#include "train/batch_source.h"
#include "train/loss.h"
#include "train/stage.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/csrc/autograd/profiler_legacy.h>
#include <torch/optim/adamw.h>

#include <chrono>
#include <cstdio>
#include <memory>

namespace lanterna::train {

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
                "threads %d, measured conv peak %.1f GFLOP/s, bf16 %s, channels-last %s", threads,
                conv_peak, o.bf16 ? "on" : "off", o.channels_last ? "on" : "off");
  emit(line);
  for (size_t k = 0; k < o.stages.size(); ++k) {
    StageSpec spec = stage_spec(o.stages[k]);
    if (o.tiny) {
      spec = tiny_stage(spec);
      spec.batch = 2;
    }
    at::manual_seed(1);
    UNet net(spec.model);
    net->train();
    torch::optim::AdamW optimizer(net->parameters(), torch::optim::AdamWOptions(1e-4));
    const Schedule schedule(spec.model.schedule);
    LossOptions lo;
    lo.bf16 = o.bf16;
    lo.channels_last = o.channels_last;
    BatchSource source(spec, 1, 1, spec.batch);
    double total = 0, waited = 0, render = 0;
    int64_t frames_done = 0;
    int64_t side = 0, frames_per_sample = 1;
    std::unique_ptr<torch::autograd::profiler::RecordProfile> profile;
    for (int step = 0; step <= o.steps; ++step) {
      if (step == 1 && k == 0 && !o.profile_file.empty())
        profile = std::make_unique<torch::autograd::profiler::RecordProfile>(o.profile_file);
      const auto t0 = Clock::now();
      double wait = 0;
      const Batch b = source.next(&wait);
      at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(static_cast<uint64_t>(step));
      const at::Tensor loss = diffusion_loss(*net, schedule, b, gen, lo);
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
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
    std::snprintf(line, sizeof line,
                  "train %-11s %5.1f frames/s  %.3f s/step  data wait %4.1f%% (render %.3f s/step "
                  "on its thread)  "
                  "%.1f GFLOP/s = %.1f%% of conv peak",
                  spec.name.c_str(), frames_done / total, total / o.steps, 100.0 * waited / total,
                  render / o.steps, flops / total / 1e9, 100.0 * flops / total / 1e9 / conv_peak);
    emit(line);
  }
  std::snprintf(line, sizeof line, "peak RSS %.0f MiB", peak_rss_mib());
  emit(line);
  return report;
}

}  // namespace lanterna::train
