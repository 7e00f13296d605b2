// `lanterna-cli bench --train`: training throughput of each stage's default
// configuration (forward, backward and optimizer step, data rendering
// included), the share of step time spent waiting for data, and the achieved
// GFLOP/s beside this machine's measured conv peak.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace lanterna::train {

struct TrainBenchOptions {
  std::vector<std::string> stages{"t2i", "joint", "conditional", "ssr"};
  int steps = 5;  // timed steps per stage (after one warm-up step)
  int threads = 0;
  bool bf16 = false;
  bool channels_last = false;
  bool tiny = false;         // tiny models (tests)
  std::string profile_file;  // write a Chrome trace of the timed steps of the first stage
};

std::string bench_training(const TrainBenchOptions& options,
                           const std::function<void(const std::string&)>& log);

}  // namespace lanterna::train
