#include "common/threads.h"

#include <ATen/Parallel.h>

#include <thread>

namespace lanterna {

int init_threads(int threads) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(threads);
  return at::get_num_threads();
}

}  // namespace lanterna
