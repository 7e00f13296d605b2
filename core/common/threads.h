#pragma once

namespace lanterna {

// Sets LibTorch's intra-op thread count. `threads` <= 0 means one per hardware
// core (LibTorch itself starts with a single thread). Returns the count in use.
int init_threads(int threads = 0);

}  // namespace lanterna
