#pragma once

// Turns bf16 autocast on for the CPU or the GPU for the lifetime of a scope,
// and off again (with autocast's cast cache cleared) when it ends, also when
// an exception leaves it: the trainer's forward pass, the bench and the
// kernel tests share it.

#include <ATen/autocast_mode.h>
#include <torch/version.h>

namespace lanterna {

class AutocastScope {
 public:
  // `on` false makes the scope do nothing, so callers need no branch.
  explicit AutocastScope(bool on, bool cuda = false) : on_(on), cuda_(cuda) {
    if (on_) set(true);
  }
  ~AutocastScope() {
    if (!on_) return;
    set(false);
    at::autocast::clear_cache();
  }
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

 private:
  // LibTorch 2.4 replaced the per-device setters with ones taking the device type.
  void set(bool enabled) {
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
    const at::DeviceType type = cuda_ ? at::kCUDA : at::kCPU;
    at::autocast::set_autocast_enabled(type, enabled);
    if (enabled) at::autocast::set_autocast_dtype(type, at::kBFloat16);
#else
    if (cuda_) {
      at::autocast::set_enabled(enabled);
      if (enabled) at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    } else {
      at::autocast::set_cpu_enabled(enabled);
      if (enabled) at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
    }
#endif
  }
  bool on_;
  bool cuda_;
};

}  // namespace lanterna
