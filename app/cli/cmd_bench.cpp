#include "args.h"
#include "commands.h"

#include "common/error.h"
#include "engine/bench.h"

#include <cstdio>

namespace lanterna::cli {

int run_bench(const std::vector<std::string>& argv) {
  const Args a(argv, {"threads", "steps"}, {"help", "quick"});
  if (a.flag("help")) {
    std::puts(
        "usage: lanterna-cli bench [--threads N] [--steps N] [--quick]\n"
        "\n"
        "Measures this machine's GEMM and 3x3-convolution throughput, then times\n"
        "sampling steps of random-weight models of the shipped architectures (base\n"
        "and SSR at 16 and 80 frames) and prints the achieved GFLOP/s beside the\n"
        "measured conv peak, and the peak RSS. --quick uses tiny workloads.");
    return 0;
  }
  BenchOptions o;
  o.threads = static_cast<int>(a.integer("threads", 0));
  o.steps = static_cast<int>(a.integer("steps", 3));
  o.quick = a.flag("quick");
  require(o.steps >= 2 && o.steps <= 100, "--steps must be in 2..100");
  run_bench(o, [](const std::string& line) {
    std::puts(line.c_str());
    std::fflush(stdout);
  });
  return 0;
}

}  // namespace lanterna::cli
