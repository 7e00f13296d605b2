// `bench --train`: the Python eager reference of the t2i training step
// (bench/train_reference.py, run by Debian's /usr/bin/python3 with
// python3-torch), timed in the same invocation as the C++ trainer so the
// C++/Python throughput ratio comes from one run. Also checks that the Python
// network gives the C++ loss on one fixed batch with the same weights and
// noise. The script is found in the source tree (LANTERNA_SOURCE_DIR): this
// works from the build tree, not from an installed lanterna-cli.
#pragma once

#include "train/train_bench.h"

#include <functional>
#include <string>

namespace lanterna::cli {

// Runs the reference for the stage `cxx` describes and prints its figure, the
// ratio and the loss check, or one line saying why it was skipped.
void run_python_reference(const train::TrainStageFigures& cxx,
                          const std::function<void(const std::string&)>& print);

}  // namespace lanterna::cli
