#include "args.h"
#include "commands.h"

#include "common/error.h"
#include "engine/bench.h"
#include "train/train_bench.h"
#include "python_reference.h"
#include "rank_bench.h"

#include <cstdio>

namespace lanterna::cli {

int run_bench(const std::vector<std::string>& argv) {
  const Args a(argv, {"threads", "steps", "profile", "stage", "ranks", "batch", "micro-batch"},
               {"help", "quick", "train", "bf16", "channels-last", "no-python"});
  if (a.flag("help")) {
    std::puts(
        "usage: lanterna-cli bench [--threads N] [--steps N] [--quick]\n"
        "\n"
        "Measures this machine's GEMM and 3x3-convolution throughput, times the\n"
        "fused attention kernel against the matmul form on the model's shapes, then\n"
        "times sampling steps of random-weight models of the shipped architectures\n"
        "(base and SSR at 16 and 80 frames) and prints the achieved GFLOP/s beside\n"
        "the measured conv peak, and the peak RSS. --quick uses tiny workloads.\n"
        "\n"
        "  --train            training throughput of each stage instead (frames/s, data\n"
        "                     wait share, achieved GFLOP/s vs conv peak), and after t2i\n"
        "                     the Python eager reference (bench/train_reference.py with\n"
        "                     /usr/bin/python3 and python3-torch, from the build tree):\n"
        "                     C++/Python ratio and a loss check on one fixed batch\n"
        "  --no-python        with --train: skip the Python reference\n"
        "  --bf16             with --train: bf16 autocast\n"
        "  --channels-last    with --train: channels-last memory format\n"
        "  --stage NAME       with --train: only this stage\n"
        "  --batch N          with --train: samples per step (default: each stage's)\n"
        "  --micro-batch N    with --train: run each step as passes of at most N samples\n"
        "                     whose gradients accumulate (as train --micro-batch); the\n"
        "                     Python reference, one pass, is skipped\n"
        "  --profile FILE     with --train: Chrome trace of the first stage's steps\n"
        "  --ranks N          with --train: data-parallel scaling, 1 rank vs N ranks on\n"
        "                     loopback (t2i stage, each rank a train process)");
    return 0;
  }
  auto print = [](const std::string& line) {
    std::puts(line.c_str());
    std::fflush(stdout);
  };
  if (a.flag("train") && a.has("ranks")) {
    const int steps = static_cast<int>(a.integer("steps", 5));
    require(steps >= 1 && steps <= 1000, "--steps must be in 1..1000");
    bench_ranks(static_cast<int>(a.integer("ranks", 2)), steps, a.flag("quick"), print);
    return 0;
  }
  if (a.flag("train")) {
    train::TrainBenchOptions t;
    t.threads = static_cast<int>(a.integer("threads", 0));
    t.steps = static_cast<int>(a.integer("steps", 5));
    t.tiny = a.flag("quick");
    t.bf16 = a.flag("bf16");
    t.channels_last = a.flag("channels-last");
    t.profile_file = a.str("profile");
    t.batch = static_cast<int>(a.integer("batch", 0));
    require(t.batch >= 0 && t.batch <= 4096, "--batch must be in 0..4096 (0: the stage's)");
    t.micro_batch = static_cast<int>(a.integer("micro-batch", 0));
    require(t.micro_batch >= 0 && t.micro_batch <= 4096,
            "--micro-batch must be in 0..4096 (0: the whole batch in one pass)");
    if (a.has("stage")) t.stages = {a.str("stage")};
    require(t.steps >= 1 && t.steps <= 1000, "--steps must be in 1..1000");
    // The Python eager reference of the t2i step, right after the C++ figure.
    t.after_stage = [&](const train::TrainStageFigures& figures) {
      if (figures.stage != "t2i") return;
      if (a.flag("no-python"))
        print("python reference: skipped (--no-python)");
      else if (t.micro_batch > 0)
        print("python reference: skipped (--micro-batch; the reference runs one pass)");
      else
        run_python_reference(figures, print);
    };
    train::bench_training(t, print);
    return 0;
  }
  BenchOptions o;
  o.threads = static_cast<int>(a.integer("threads", 0));
  o.steps = static_cast<int>(a.integer("steps", 3));
  o.quick = a.flag("quick");
  require(o.steps >= 2 && o.steps <= 100, "--steps must be in 2..100");
  run_bench(o, print);
  return 0;
}

}  // namespace lanterna::cli
