// Speed figures for `lanterna-cli bench`: this machine's measured GEMM and
// convolution throughput, and the engine's sampling speed on random-weight
// models of the shipped architectures, so efficiency is a printed ratio.
#pragma once

#include <functional>
#include <string>

namespace lanterna {

struct BenchOptions {
  int threads = 0;
  int steps = 3;       // timed sampling steps per configuration
  bool quick = false;  // smaller workloads (tests)
};

// Runs every benchmark and returns the report; `log` receives lines as they
// are measured.
std::string run_bench(const BenchOptions& options,
                      const std::function<void(const std::string&)>& log);

// Measured throughput of this machine (fp32, current thread count).
double measure_gemm_gflops(int64_t n);
double measure_conv_gflops(int64_t batch);

// Peak resident set size of this process in MiB.
double peak_rss_mib();

}  // namespace lanterna
