// A small deterministic random generator (SplitMix64): the same seed gives the
// same scenes and captions on every platform and standard library.
#pragma once

#include <cstdint>

namespace lanterna::world {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  // Seeds from several values (e.g. step and sample index) without collisions.
  Rng(uint64_t a, uint64_t b) : state_(a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull)) {
    next();
  }

  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  int below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
  bool chance(double p) { return uniform() < p; }

 private:
  uint64_t state_;
};

}  // namespace lanterna::world
