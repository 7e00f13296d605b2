#include "train/distributed.h"

#include "common/error.h"

#ifndef LANTERNA_NO_C10D
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/version.h>
#ifdef LANTERNA_HAVE_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <chrono>
#include <cstdlib>

namespace lanterna::train {
namespace {

// Gradients are all-reduced in flat buckets of about this many bytes: few
// enough messages to amortise latency, small enough to bound the copy.
constexpr int64_t kBucketBytes = 16 << 20;

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

// LibTorch 2 made the per-backend groups (Gloo, NCCL) c10d::Backend objects;
// in 1.x they are c10d::ProcessGroup. Both have the collectives used here.
#if TORCH_VERSION_MAJOR >= 2
using BackendGroup = c10d::Backend;
#else
using BackendGroup = c10d::ProcessGroup;
#endif

struct Communicator::Impl {
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<BackendGroup> group;
  // Where collectives need their tensors (NCCL only takes GPU tensors).
  at::Device device = at::kCPU;

  // Waits for a collective, turning a timeout or a dead peer into a clear error.
  void wait(const c10::intrusive_ptr<c10d::Work>& work, const char* what,
            const DistributedOptions& o) {
    try {
      work->wait();
    } catch (const std::exception& e) {
      throw Error(ErrorCode::Io, "distributed training, rank " + std::to_string(o.rank) + ": " +
                                     what + " failed (a rank died or did not answer within " +
                                     std::to_string(static_cast<int>(o.timeout_seconds)) +
                                     " s): " + std::string(e.what()).substr(0, 300));
    }
  }
};

Communicator::Communicator(const DistributedOptions& o)
    : impl_(std::make_unique<Impl>()), options_(o) {
  const auto timeout = std::chrono::milliseconds(static_cast<int64_t>(o.timeout_seconds * 1000));
  try {
    c10d::TCPStoreOptions store_options;
    store_options.port = static_cast<uint16_t>(o.master_port);
    store_options.isServer = o.rank == 0;
    store_options.numWorkers = o.world_size;
    store_options.waitWorkers = true;
    store_options.timeout = timeout;
    impl_->store = c10::make_intrusive<c10d::TCPStore>(o.master_addr, store_options);
#ifdef LANTERNA_HAVE_NCCL
    if (o.cuda_device >= 0) {
      // NCCL reports a dead peer only with asynchronous error handling on.
      setenv("TORCH_NCCL_ASYNC_ERROR_HANDLING", "1", 0);
      setenv("NCCL_ASYNC_ERROR_HANDLING", "1", 0);
      auto nccl_options = c10d::ProcessGroupNCCL::Options::create();
      nccl_options->timeout = timeout;
      impl_->group = c10::make_intrusive<c10d::ProcessGroupNCCL>(impl_->store, o.rank, o.world_size,
                                                                 nccl_options);
      impl_->device = at::Device(at::kCUDA, o.cuda_device);
      return;
    }
#endif
    auto options = c10d::ProcessGroupGloo::Options::create(timeout);
    const std::string iface = env("GLOO_SOCKET_IFNAME");
    options->devices.push_back(!iface.empty()
                                   ? c10d::ProcessGroupGloo::createDeviceForInterface(iface)
                               : o.master_addr == "127.0.0.1" || o.master_addr == "localhost"
                                   ? c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1")
                                   : c10d::ProcessGroupGloo::createDefaultDevice());
    impl_->group =
        c10::make_intrusive<c10d::ProcessGroupGloo>(impl_->store, o.rank, o.world_size, options);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(ErrorCode::Io, "distributed training, rank " + std::to_string(o.rank) +
                                   ": cannot join the group at " + o.master_addr + ":" +
                                   std::to_string(o.master_port) + " (" +
                                   std::string(e.what()).substr(0, 300) + ")");
  }
}

Communicator::~Communicator() = default;

std::string Communicator::backend() const {
  return impl_->group->getBackendName();
}

void Communicator::average_gradients(const std::vector<at::Tensor>& params) {
  std::vector<at::Tensor> grads;
  for (const auto& p : params)
    if (p.grad().defined()) grads.push_back(p.grad());
  size_t first = 0;
  while (first < grads.size()) {
    // One bucket: consecutive gradients up to kBucketBytes.
    size_t last = first;
    int64_t bytes = 0;
    while (last < grads.size() && (last == first || bytes + grads[last].nbytes() <= kBucketBytes))
      bytes += grads[last++].nbytes();
    std::vector<at::Tensor> flat_parts;
    for (size_t i = first; i < last; ++i) flat_parts.push_back(grads[i].reshape({-1}));
    std::vector<at::Tensor> bucket{at::cat(flat_parts)};
    impl_->wait(impl_->group->allreduce(bucket), "gradient all-reduce", options_);
    bucket[0].div_(options_.world_size);
    int64_t offset = 0;
    for (size_t i = first; i < last; ++i) {
      const int64_t n = grads[i].numel();
      grads[i].copy_(bucket[0].narrow(0, offset, n).view_as(grads[i]));
      offset += n;
    }
    first = last;
  }
}

void Communicator::sum(at::Tensor& values) {
  std::vector<at::Tensor> t{values.to(impl_->device)};
  impl_->wait(impl_->group->allreduce(t), "all-reduce", options_);
  if (!t[0].is_same(values)) values.copy_(t[0]);
}

void Communicator::broadcast(const std::vector<at::Tensor>& tensors) {
  for (const auto& tensor : tensors) {
    std::vector<at::Tensor> t{tensor.is_contiguous() ? tensor : tensor.contiguous()};
    impl_->wait(impl_->group->broadcast(t), "broadcast", options_);
    if (!tensor.is_contiguous()) tensor.copy_(t[0]);
  }
}

}  // namespace lanterna::train
#else   // LANTERNA_NO_C10D

namespace lanterna::train {

struct Communicator::Impl {};

Communicator::Communicator(const DistributedOptions& o) : options_(o) {
  throw Error(ErrorCode::InvalidArgument,
              "distributed training (--world-size > 1) needs a LibTorch with c10d/Gloo headers; "
              "this build has none (see the CMake message)");
}
Communicator::~Communicator() = default;
std::string Communicator::backend() const {
  return "none";
}
void Communicator::average_gradients(const std::vector<at::Tensor>&) {}
void Communicator::sum(at::Tensor&) {}
void Communicator::broadcast(const std::vector<at::Tensor>&) {}

}  // namespace lanterna::train
#endif  // LANTERNA_NO_C10D
