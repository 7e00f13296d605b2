// Which device a training run uses. Plain types only in this header.
//
// "auto" trains on a GPU when this LibTorch build has CUDA and a GPU is
// present, else on the CPU; "cuda" without an index picks the GPU of the
// process's local rank (one process per GPU, as standard launchers start them).
#pragma once

#include <string>

namespace lanterna::train {

struct DeviceChoice {
  bool cuda = false;
  int index = -1;    // GPU index when cuda
  std::string name;  // "cpu" or "cuda:N"
};

// Resolves --device (auto, cpu, cuda, cuda:N); a GPU request on a machine or
// build without one is an error that says so.
DeviceChoice resolve_device(const std::string& spec, int local_rank);

// Whether this LibTorch build has CUDA and at least one GPU is visible.
bool cuda_available();

}  // namespace lanterna::train
