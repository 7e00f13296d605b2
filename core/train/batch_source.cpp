#include "train/batch_source.h"

#include "world/caption.h"
#include "world/render.h"
#include "world/scene_sampler.h"

#include <chrono>

namespace lanterna::train {

Batch make_batch(const StageSpec& stage, const Tokenizer& tokenizer, uint64_t seed, int64_t step,
                 int batch_size, double caption_dropout) {
  const auto start = std::chrono::steady_clock::now();
  const int size = stage.model.resolution;
  const int frames = stage.data == DataKind::Clips ? stage.frames : 1;
  Batch b;
  b.step = step;
  b.frames = frames;
  at::Tensor pixels = at::empty({batch_size * frames, size, size, 3}, at::kByte);
  b.ids = at::zeros({batch_size, tokenizer.max_tokens()}, at::kLong);
  const size_t frame_bytes = static_cast<size_t>(size) * size * 3;
  for (int i = 0; i < batch_size; ++i) {
    world::Rng rng(seed + static_cast<uint64_t>(step), static_cast<uint64_t>(i));
    const world::Scene scene = world::sample_scene(rng);
    uint8_t* dst = pixels.data_ptr<uint8_t>() + frame_bytes * static_cast<size_t>(i) * frames;
    if (frames == 1) {
      // A random moment of a 16-frame clip: the caption's motion is a weak
      // hint of where the object is.
      world::render_frame(scene, rng.below(16), 16, size, dst);
    } else {
      for (int f = 0; f < frames; ++f)
        world::render_frame(scene, f, frames, size, dst + frame_bytes * static_cast<size_t>(f));
    }
    const std::string caption = world::caption_for(scene, rng);
    // Caption dropout trains the unconditional branch used by guidance.
    const std::string text = rng.chance(caption_dropout) ? std::string() : caption;
    const TokenizedPrompt tp = tokenizer.encode(text);
    for (size_t k = 0; k < tp.ids.size(); ++k) b.ids[i][static_cast<int64_t>(k)] = tp.ids[k];
  }
  b.x0 = pixels.permute({0, 3, 1, 2}).to(at::kFloat).div_(127.5).sub_(1.0).contiguous();
  b.render_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return b;
}

BatchSource::BatchSource(StageSpec stage, uint64_t seed, int64_t first_step, int batch_size,
                         int queue_depth)
    : stage_(std::move(stage)),
      tokenizer_(stage_.model.text.vocab, stage_.model.text.max_tokens),
      seed_(seed),
      batch_size_(batch_size),
      depth_(queue_depth),
      next_step_(first_step) {
  worker_ = std::thread([this] { run(); });
}

BatchSource::~BatchSource() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

void BatchSource::run() {
  for (;;) {
    int64_t step;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || static_cast<int>(ready_.size()) < depth_; });
      if (stop_) return;
      step = next_step_++;
    }
    Batch b = make_batch(stage_, tokenizer_, seed_, step, batch_size_);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ready_.push_back(std::move(b));
    }
    changed_.notify_all();
  }
}

Batch BatchSource::next(double* waited) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return !ready_.empty(); });
  Batch b = std::move(ready_.front());
  ready_.pop_front();
  lock.unlock();
  changed_.notify_all();
  if (waited)
    *waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return b;
}

}  // namespace lanterna::train
