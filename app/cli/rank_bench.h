// `bench --train --ranks N`: data-parallel scaling on this machine. Runs the
// t2i stage for a few steps as 1 rank using every core, then as N ranks on
// loopback sharing the cores (each rank a `lanterna-cli train` process), and
// prints samples/s of both and their ratio.
#pragma once

#include <functional>
#include <string>

namespace lanterna::cli {

void bench_ranks(int ranks, int steps, bool quick,
                 const std::function<void(const std::string&)>& print);

}  // namespace lanterna::cli
