#include "engine/bench.h"

#include "common/autocast_scope.h"
#include "common/cpu_features.h"
#include "common/threads.h"
#include "engine/engine.h"
#include "io/atomic_file.h"
#include "io/bundle.h"
#include "model/flops.h"
#include "model/fused_attention.h"
#include "model/fused_group_norm.h"
#include "model/layers.h"
#include "model/presets.h"

#include <ATen/ATen.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <chrono>
#include <map>
#include <cstdio>

#include <sys/resource.h>

namespace lanterna {
namespace {

using Clock = std::chrono::steady_clock;

template <typename F>
double best_seconds(int repeats, F&& f) {
  f();  // warm-up
  double best = 1e30;
  for (int i = 0; i < repeats; ++i) {
    const auto t0 = Clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

std::string format(const char* fmt, double a, double b = 0, double c = 0, double d = 0) {
  char line[256];
  std::snprintf(line, sizeof line, fmt, a, b, c, d);
  return line;
}

// Forward + backward of one multi-head attention call, fused kernel against
// the at::matmul form, on shapes the base model's training step has.
std::string attention_line(const char* what, int64_t n, int64_t lq, int64_t lk, int64_t c,
                           int heads, int repeats) {
  torch::AutoGradMode grad(true);
  at::Tensor q = at::randn({n, lq, c}).requires_grad_(true);
  at::Tensor k = at::randn({n, lk, c}).requires_grad_(true);
  at::Tensor v = at::randn({n, lk, c}).requires_grad_(true);
  at::Tensor probe = at::randn({n, lq, c});
  auto time = [&](bool fused, bool backward) {
    FusedAttentionScope scope(fused);
    const double s = best_seconds(repeats, [&] {
      at::Tensor out = multi_head_attention(q, k, v, heads, at::Tensor());
      if (backward) (out * probe).sum().backward();
    });
    return s * 1e3;
  };
  const double ff = time(true, false), fb = time(true, true);
  const double mf = time(false, false), mb = time(false, true);
  char line[256];
  std::snprintf(line, sizeof line,
                "attention %s: fused %.1f ms forward, %.1f ms with backward; matmul form %.1f / "
                "%.1f ms (%.2fx / %.2fx)",
                what, ff, fb, mf, mb, mf / ff, mb / fb);
  return line;
}

// Forward + backward of GroupNorm + SiLU on (n, c, s, s) activations, the
// fused kernel against LibTorch's GroupNorm and SiLU; with `bf16`, bf16 input
// under bf16 autocast, as in a training step on a CPU with native bf16.
std::string group_norm_line(int64_t n, int64_t c, int64_t s, bool bf16, int repeats) {
  torch::AutoGradMode grad(true);
  torch::nn::GroupNorm norm(8, c);
  at::Tensor x = at::randn({n, c, s, s}).to(bf16 ? at::kBFloat16 : at::kFloat).requires_grad_(true);
  at::Tensor probe = at::randn({n, c, s, s}).to(x.scalar_type());
  auto time = [&](bool fused, bool backward) {
    FusedGroupNormScope scope(fused);
    AutocastScope autocast(bf16);
    const double seconds = best_seconds(repeats, [&] {
      at::Tensor out = group_norm(norm, x, /*silu=*/true).to(x.scalar_type());
      if (backward) (out * probe).sum().backward();
    });
    return seconds * 1e3;
  };
  // With backward first: the first timed loop of a process also pays for
  // fresh pages of the allocator, and forward alone is the shorter figure.
  const double fb = time(true, true), ff = time(true, false);
  const double uf = time(false, false), ub = time(false, true);
  char line[256];
  std::snprintf(line, sizeof line,
                "group norm + silu %s (%ld, %ld, %ld, %ld): fused %.1f ms forward, %.1f ms with "
                "backward; unfused %.1f / %.1f ms (%.2fx / %.2fx)",
                bf16 ? "bf16" : "fp32", static_cast<long>(n), static_cast<long>(c),
                static_cast<long>(s), static_cast<long>(s), ff, fb, uf, ub, uf / ff, ub / fb);
  return line;
}

}  // namespace

double measure_gemm_gflops(int64_t n) {
  const at::Tensor a = at::randn({n, n}), b = at::randn({n, n});
  return 2.0 * n * n * n / best_seconds(3, [&] { at::mm(a, b); }) / 1e9;
}

double measure_conv_gflops(int64_t batch) {
  const at::Tensor x = at::randn({batch, 64, 32, 32}), w = at::randn({64, 64, 3, 3});
  const double flops = 2.0 * batch * 64 * 64 * 9 * 32 * 32;
  return flops / best_seconds(3, [&] { at::conv2d(x, w, {}, 1, 1); }) / 1e9;
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

std::string run_bench(const BenchOptions& o, const std::function<void(const std::string&)>& log) {
  const int threads = init_threads(o.threads);
  torch::NoGradGuard no_grad;
  std::string report;
  auto emit = [&](const std::string& line) {
    report += line + "\n";
    if (log) log(line);
  };
  emit(format("threads %.0f", threads));

  const int64_t n = o.quick ? 256 : 1024;
  const double gemm = measure_gemm_gflops(n);
  emit(format("gemm %.0fx%.0f fp32: %.1f GFLOP/s", n, n, gemm));
  const int64_t batch = o.quick ? 8 : 64;
  const double conv = measure_conv_gflops(batch);
  emit(format("conv 3x3 64->64 at 32x32, batch %.0f, fp32 NCHW: %.1f GFLOP/s", batch, conv));

  // The attention shapes of a t2i training step (64 frames, 24 text tokens)
  // and of temporal attention (16 frames per pixel, 4 clips at 16x16).
  const int64_t frames = o.quick ? 4 : 64;
  emit(attention_line("32x32 px to 24 tokens, 4 heads of 8", frames, 1024, 24, 32, 4, 2));
  emit(attention_line("8x8 px to 24 tokens, 4 heads of 32", frames, 64, 24, 128, 4, 2));
  emit(attention_line("16 frames to 16 frames, 4 heads of 16", o.quick ? 64 : 1024, 16, 16, 64, 4,
                      2));
  // The top level of a training pass of 4 clips of 16 frames.
  emit(group_norm_line(frames, 32, o.quick ? 8 : 32, /*bf16=*/false, 5));
  if (cpu_has_native_bf16()) emit(group_norm_line(frames, 32, o.quick ? 8 : 32, /*bf16=*/true, 5));

  // Random-weight models of the shipped architectures.
  const std::filesystem::path dir =
      temporary_path_for(std::filesystem::temp_directory_path() / "lanterna-bench");
  ModelConfig base = o.quick ? tiny_model_config("base") : base_model_config();
  ModelConfig ssr = o.quick ? tiny_model_config("ssr") : ssr_model_config();
  save_bundle(dir / "base", base, *UNet(base), at::kFloat);
  save_bundle(dir / "ssr", ssr, *UNet(ssr), at::kFloat);
  try {
    Engine engine({dir, threads});
    const std::vector<int> frame_counts = o.quick ? std::vector<int>{8} : std::vector<int>{16, 80};
    for (int frames : frame_counts) {
      GenerationRequest r;
      r.prompt = "a red circle moving right on a black background";
      r.frames = frames;
      r.steps = o.steps;
      r.ssr_steps = o.steps;
      r.ssr_window = o.quick ? 4 : 8;
      // Per-stage step times from the progress callback; the first step of a
      // stage also pays for text encoding and is excluded.
      std::map<std::string, std::vector<double>> stamps;
      RunCallbacks cb;
      cb.on_progress = [&](const Progress& p) {
        stamps[p.stage].push_back(
            std::chrono::duration<double>(Clock::now().time_since_epoch()).count());
      };
      engine.generate(r, cb);
      for (const auto& [stage, t] : stamps) {
        const double per_step = t.size() > 1 ? (t.back() - t.front()) / (t.size() - 1) : 0;
        const ModelConfig& c = stage == "base" ? base : ssr;
        const int windows =
            stage == "base" ? 1 : std::max(1, (frames - 2 + r.ssr_window - 3) / (r.ssr_window - 2));
        const int64_t wf = stage == "base" ? frames : r.ssr_window;
        const double flops = unet_forward_flops(c, 2, wf) * windows;  // x2: guidance batch
        emit(
            stage + " " + std::to_string(frames) + " frames: " +
            format(
                "%.3f s/step, %.1f GFLOP/step, %.1f GFLOP/s achieved, %.1f%% of measured conv peak",
                per_step, flops / 1e9, flops / per_step / 1e9,
                100.0 * flops / per_step / 1e9 / conv));
      }
    }
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    throw;
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  emit(format("peak RSS %.0f MiB", peak_rss_mib()));
  return report;
}

}  // namespace lanterna
