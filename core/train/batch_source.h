// Training batches rendered on the fly from the procedural world, on
// background threads so a training step rarely waits for data (one thread on
// a CPU, where training needs the cores; several beside a GPU, which eats
// batches faster than one thread renders them).
//
// Every batch is a pure function of (seed, step): sample i of step s is drawn
// from Rng(seed + s, i), so a resumed run sees exactly the data an
// uninterrupted run would have seen.
#pragma once

#include "model/tokenizer.h"
#include "train/stage.h"

#include <ATen/ATen.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace lanterna::train {

struct Batch {
  int64_t step = 0;
  at::Tensor x0;    // (B*T, 3, H, W) float in [-1, 1]
  at::Tensor ids;   // (B, L) int64 token ids (a share replaced by the empty prompt)
  at::Tensor cond;  // (B*T, k, H, W) channels concatenated after x_t, or undefined
  int64_t frames = 1;
  // Data-parallel slice: these samples are [first_index, first_index + B) of
  // a global batch of `global_size` (first_index 0 and global_size B alone).
  int64_t first_index = 0;
  int64_t global_size = 0;
  double render_seconds = 0;
};

// Renders the batch for `step` (synchronously).
Batch make_batch(const StageSpec& stage, const Tokenizer& tokenizer, uint64_t seed, int64_t step,
                 int batch_size, double caption_dropout = 0.1, int first_index = 0,
                 int global_size = 0);

class BatchSource {
 public:
  // `first_index`/`global_size`: this rank's slice of the global batch.
  BatchSource(StageSpec stage, uint64_t seed, int64_t first_step, int batch_size,
              int first_index = 0, int global_size = 0, int queue_depth = 3, int workers = 1);
  ~BatchSource();
  // Blocks until the batch for the next step is ready (batches come in step
  // order whatever the number of workers); `waited` receives the seconds
  // spent waiting.
  Batch next(double* waited = nullptr);

 private:
  void run();
  StageSpec stage_;
  Tokenizer tokenizer_;
  uint64_t seed_;
  int batch_size_;
  int first_index_;
  int global_size_;
  int depth_;
  int64_t next_step_;  // the next step a worker will render
  int64_t next_take_;  // the next step next() hands out
  std::map<int64_t, Batch> ready_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace lanterna::train
