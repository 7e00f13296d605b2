// Data-parallel training on PyTorch's c10d runtime: a Gloo process group
// (NCCL when the build has it and tensors live on a GPU) rendezvousing
// through a TCPStore on the master. Plain types only in this header.
//
// Every rank renders its own slice of the global batch (same seed), computes
// gradients on it, and the gradients are averaged across ranks (flattened
// into buckets, all-reduced, divided by the world size) before the
// optimizer step, so N ranks take the same steps as one rank with the same
// global batch. A rank that dies makes the others fail after `timeout`.
#pragma once

#include <ATen/ATen.h>

#include <memory>
#include <string>
#include <vector>

namespace lanterna::train {

struct DistributedOptions {
  int world_size = 1;
  int rank = 0;
  std::string master_addr = "127.0.0.1";
  int master_port = 29500;
  double timeout_seconds = 120;  // a silent rank fails the others after this
  // >= 0: the tensors live on this GPU; NCCL is used when the build has it
  // (LANTERNA_HAVE_NCCL), Gloo otherwise.
  int cuda_device = -1;
};

class Communicator {
 public:
  explicit Communicator(const DistributedOptions& options);  // blocks until all ranks join
  ~Communicator();
  Communicator(const Communicator&) = delete;
  Communicator& operator=(const Communicator&) = delete;

  int rank() const { return options_.rank; }
  int world_size() const { return options_.world_size; }
  std::string backend() const;

  // Averages the gradients of `params` (those that have one) over all ranks.
  void average_gradients(const std::vector<at::Tensor>& params);
  // Sum of `values` over all ranks, in place (small control messages).
  void sum(at::Tensor& values);
  // Copies rank 0's values of `tensors` to every rank.
  void broadcast(const std::vector<at::Tensor>& tensors);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  DistributedOptions options_;
};

}  // namespace lanterna::train
