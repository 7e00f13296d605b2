// `lanterna-cli bench --train`: training throughput of each stage's default
// configuration (forward, backward and optimizer step, data rendering
// included), the share of step time spent waiting for data, and the achieved
// GFLOP/s beside this machine's measured conv peak.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace lanterna::train {

// One stage's figures, handed to TrainBenchOptions::after_stage.
struct TrainStageFigures {
  std::string stage;
  double frames_per_second = 0;
  int batch = 0;   // samples per step
  int frames = 1;  // frames per sample
  int steps = 0;   // timed steps
  int threads = 0;
  bool tiny = false;
};

struct TrainBenchOptions {
  std::vector<std::string> stages{"t2i", "joint", "conditional", "ssr"};
  int steps = 5;  // timed steps per stage (after one warm-up step)
  int threads = 0;
  int batch = 0;        // samples per step; 0 = each stage's default
  int micro_batch = 0;  // samples per forward/backward pass (train/step.h); 0 = the batch
  bool bf16 = false;
  bool channels_last = false;
  bool tiny = false;         // tiny models (tests)
  std::string profile_file;  // write a Chrome trace of the timed steps of the first stage
  // Called after each stage's line, once its network and data thread are gone
  // (the CLI runs the Python reference here).
  std::function<void(const TrainStageFigures&)> after_stage;
};

std::string bench_training(const TrainBenchOptions& options,
                           const std::function<void(const std::string&)>& log);

// Inputs of the Python eager reference (bench/train_reference.py) for a 2D
// stage (t2i or a style pack): writes `dir`/model, a bundle of the stage's
// network with fp32 random weights (seeded, perturbed from the initialisation
// so no layer is trivially zero), and `dir`/check.safetensors, one rendered
// batch of `check_batch` frames with the timesteps `t` and noise `eps` that
// diffusion_loss draws for it. Returns diffusion_loss of that batch (min-SNR
// 5), which the Python reference must reproduce.
double write_reference_inputs(const std::string& stage, bool tiny, const std::filesystem::path& dir,
                              int check_batch = 4);

}  // namespace lanterna::train
