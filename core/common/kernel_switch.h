// An on/off switch for one of the hand-written CPU kernels
// (model/fused_attention.h, model/fused_group_norm.h): process-wide, on by
// default, and started off by `NAME=0` in the environment, for A/B
// benchmarks against the LibTorch form.
#pragma once

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace lanterna {

class KernelSwitch {
 public:
  explicit KernelSwitch(const char* env_name) {
    const char* value = std::getenv(env_name);
    on_ = !(value && std::strcmp(value, "0") == 0);
  }
  bool on() const { return on_.load(); }
  void set(bool on) { on_.store(on); }

  // Sets the switch for its lifetime and then restores what it was, so that a
  // benchmark or test comparing both forms leaves the user's setting alone.
  class Scope {
   public:
    Scope(KernelSwitch& s, bool on) : switch_(s), previous_(s.on()) { s.set(on); }
    ~Scope() { switch_.set(previous_); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    KernelSwitch& switch_;
    bool previous_;
  };

 private:
  std::atomic<bool> on_;
};

}  // namespace lanterna
