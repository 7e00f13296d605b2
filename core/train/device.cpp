#include "train/device.h"

#include "common/error.h"

#include <torch/cuda.h>

#include <cstdlib>

namespace lanterna::train {

bool cuda_available() {
  return torch::cuda::is_available();
}

DeviceChoice resolve_device(const std::string& spec, int local_rank) {
  const std::string allowed = "--device must be auto, cpu, cuda or cuda:N (got '" + spec + "')";
  DeviceChoice d;
  const std::string want = spec == "auto" ? (cuda_available() ? "cuda" : "cpu") : spec;
  if (want == "cpu") {
    d.name = "cpu";
    return d;
  }
  require(want.rfind("cuda", 0) == 0, allowed);
  require(cuda_available(), "--device " + spec +
                                ": this LibTorch build has no CUDA support or no GPU is visible "
                                "(use --device cpu)");
  const int count = static_cast<int>(torch::cuda::device_count());
  if (want == "cuda") {
    d.index = std::max(local_rank, 0) % count;
  } else {
    require(want.size() > 5 && want[4] == ':', allowed);
    char* end = nullptr;
    const long index = std::strtol(want.c_str() + 5, &end, 10);
    require(*end == '\0' && index >= 0 && index < count,
            "--device " + spec + ": GPU index must be in 0.." + std::to_string(count - 1));
    d.index = static_cast<int>(index);
  }
  d.cuda = true;
  d.name = "cuda:" + std::to_string(d.index);
  return d;
}

}  // namespace lanterna::train
