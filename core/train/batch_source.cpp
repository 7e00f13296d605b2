#include "train/batch_source.h"

#include "world/caption.h"
#include "world/render.h"
#include "world/style_filter.h"
#include "world/scene_sampler.h"

#include "diffusion/conditioning.h"

#include <ATen/ops/upsample_bicubic2d.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace lanterna::train {

namespace {

constexpr int kShortestWorldClip = 16;  // WORLD.md: a clip has 16 to 80 frames

// Clip (T, 3, S, S) in [-1, 1] from rendered bytes.
at::Tensor to_float(const at::Tensor& bytes) {
  return bytes.permute({0, 3, 1, 2}).to(at::kFloat).div_(127.5).sub_(1.0).contiguous();
}

at::Tensor render(const world::Scene& scene, int index, int frames, int count, int size,
                  const std::string& style = "") {
  at::Tensor bytes = at::empty({count, size, size, 3}, at::kByte);
  const size_t frame_bytes = static_cast<size_t>(size) * size * 3;
  for (int f = 0; f < count; ++f) {
    uint8_t* frame = bytes.data_ptr<uint8_t>() + frame_bytes * static_cast<size_t>(f);
    world::render_frame(scene, count == 1 ? index : f, frames, size, frame);
    if (!style.empty()) world::apply_style(world::parse_style(style), size, frame);
  }
  return to_float(bytes);
}

// A training clip of `frames` frames: the world's clip of that length or,
// below the shortest clip the model generates, a window of such a clip at a
// random place, so that a frame moves as far as in the clips it is sampled
// at (the short phase of a clip-length curriculum).
at::Tensor render_clip(const world::Scene& scene, world::Rng& window_rng, int frames, int shortest,
                       int size) {
  if (frames >= shortest) return render(scene, 0, frames, frames, size);
  const int first = window_rng.below(shortest - frames + 1);
  return render(scene, 0, shortest, shortest, size).narrow(0, first, frames).contiguous();
}

// A painted region for inpainting and cinemagraph masks: a random ellipse or
// rectangle covering roughly 10 to 50 % of the frame. (1, 1, S, S).
at::Tensor random_region(world::Rng& rng, int64_t size) {
  const double cx = rng.uniform(0.25, 0.75), cy = rng.uniform(0.25, 0.75);
  const double rx = rng.uniform(0.15, 0.4), ry = rng.uniform(0.15, 0.4);
  const bool ellipse = rng.chance(0.5);
  at::Tensor m = at::zeros({1, 1, size, size});
  auto acc = m.accessor<float, 4>();
  for (int64_t y = 0; y < size; ++y)
    for (int64_t x = 0; x < size; ++x) {
      const double u = ((x + 0.5) / size - cx) / rx, v = ((y + 0.5) / size - cy) / ry;
      acc[0][0][y][x] = ellipse ? (u * u + v * v <= 1.0) : (std::fabs(u) <= 1 && std::fabs(v) <= 1);
    }
  return m;
}

// <C, M> for a clip, with the editing mode drawn as the conditional model
// will meet it: plain text-to-video, image-to-video, inpainting, cinemagraph
// or outpainting.
at::Tensor random_conditioning(world::Rng& rng, const at::Tensor& clip) {
  const int64_t t = clip.size(0), size = clip.size(2);
  const double u = rng.uniform();
  at::Tensor mask;
  if (u < 0.2) {
    mask = at::zeros({t, 1, size, size});
  } else if (u < 0.5) {
    mask = first_frame_mask(t, size);
  } else if (u < 0.7) {
    mask = inpaint_mask(t, random_region(rng, size));
  } else if (u < 0.85) {
    // Cinemagraph: frame 0 known everywhere, later frames known outside the
    // region (C carries the clip there, as inference carries the still image).
    mask = cinemagraph_mask(t, random_region(rng, size));
  } else {
    mask = outpaint_mask(t, size, 2 + rng.below(static_cast<int>(size / 4)));
  }
  return conditioning_channels(clip, mask);
}

}  // namespace

Batch make_batch(const StageSpec& stage, const Tokenizer& tokenizer, uint64_t seed, int64_t step,
                 int batch_size, double caption_dropout, int first_index, int global_size) {
  const auto start = std::chrono::steady_clock::now();
  const int size = stage.model.resolution;
  const int frames = stage.data == DataKind::Frames ? 1 : stage.frames;
  Batch b;
  b.step = step;
  b.frames = frames;
  b.ids = at::zeros({batch_size, tokenizer.max_tokens()}, at::kLong);
  std::vector<at::Tensor> clips, conds;
  b.first_index = first_index;
  b.global_size = global_size > 0 ? global_size : batch_size;
  for (int i = 0; i < batch_size; ++i) {
    const uint64_t index = static_cast<uint64_t>(first_index + i);
    world::Rng rng(seed + static_cast<uint64_t>(step), index);
    world::Scene scene = world::sample_scene(rng, stage.scene);
    if (stage.contrast_pairs && index % 2 == 1) {
      world::Rng partner_rng(seed + static_cast<uint64_t>(step), index - 1);
      world::Scene partner = world::sample_scene(partner_rng, stage.scene);
      // A scene without a motion to contrast keeps its own odd partner.
      bool contrasted = world::reverse_straight_motions(&partner);
      if (stage.contrast_spinning) contrasted = world::stop_spinning(&partner) || contrasted;
      if (contrasted) scene = partner;
    }
    // Where a window starts: a stream of its own, shared by a contrast pair.
    const uint64_t pair = stage.contrast_pairs ? index - index % 2 : index;
    world::Rng window_rng(seed + static_cast<uint64_t>(step), ~pair);
    const int shortest = stage.model.min_frames;
    switch (stage.data) {
      case DataKind::Frames:
        // A random moment of a 16-frame clip: the caption's motion is a weak
        // hint of where the object is.
        clips.push_back(
            render(scene, rng.below(kShortestWorldClip), kShortestWorldClip, 1, size, stage.style));
        break;
      case DataKind::Clips:
        clips.push_back(render_clip(scene, window_rng, frames, shortest, size));
        break;
      case DataKind::ConditionalClips: {
        at::Tensor clip = render_clip(scene, window_rng, frames, shortest, size);
        clips.push_back(clip);
        conds.push_back(random_conditioning(rng, clip));
        break;
      }
      case DataKind::SuperResolution: {
        // A window of a longer clip, so windows see motion mid-flight.
        const int total = std::max(kShortestWorldClip, frames) + 8 * rng.below(3);
        const int first = rng.below(total - frames + 1);
        at::Tensor clip = render(scene, 0, total, total, size).narrow(0, first, frames);
        const int64_t low = stage.model.low_resolution;
        at::Tensor up =
            at::upsample_bicubic2d(at::adaptive_avg_pool2d(clip, {low, low}), {size, size}, false)
                .clamp(-1, 1);
        const int crop = stage.crop > 0 ? stage.crop : size;
        const int64_t x0 = rng.below(size - crop + 1), y0 = rng.below(size - crop + 1);
        clips.push_back(clip.narrow(2, y0, crop).narrow(3, x0, crop).contiguous());
        conds.push_back(up.narrow(2, y0, crop).narrow(3, x0, crop).contiguous());
        break;
      }
    }
    const std::string caption = world::caption_for(scene, rng);
    // Caption dropout trains the unconditional branch used by guidance.
    const std::string text = rng.chance(caption_dropout) ? std::string() : caption;
    const TokenizedPrompt tp = tokenizer.encode(text);
    for (size_t k = 0; k < tp.ids.size(); ++k) b.ids[i][static_cast<int64_t>(k)] = tp.ids[k];
  }
  b.x0 = at::cat(clips);
  if (!conds.empty()) b.cond = at::cat(conds);
  b.render_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return b;
}

BatchSource::BatchSource(StageSpec stage, uint64_t seed, int64_t first_step, int batch_size,
                         int first_index, int global_size, int queue_depth, int workers)
    : stage_(std::move(stage)),
      tokenizer_(stage_.model.text.vocab, stage_.model.text.max_tokens),
      seed_(seed),
      batch_size_(batch_size),
      first_index_(first_index),
      global_size_(global_size),
      depth_(std::max(queue_depth, workers)),
      next_step_(first_step),
      next_take_(first_step) {
  for (int w = 0; w < std::max(workers, 1); ++w) workers_.emplace_back([this] { run(); });
}

BatchSource::~BatchSource() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  for (auto& w : workers_) w.join();
}

void BatchSource::run() {
  for (;;) {
    int64_t step;
    {
      // Render at most depth_ steps ahead of the consumer, in flight or ready.
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || next_step_ - next_take_ < depth_; });
      if (stop_) return;
      step = next_step_++;
    }
    Batch b =
        make_batch(stage_, tokenizer_, seed_, step, batch_size_, 0.1, first_index_, global_size_);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ready_.emplace(step, std::move(b));
    }
    changed_.notify_all();
  }
}

Batch BatchSource::next(double* waited) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return ready_.count(next_take_) > 0; });
  auto it = ready_.find(next_take_);
  Batch b = std::move(it->second);
  ready_.erase(it);
  ++next_take_;
  lock.unlock();
  changed_.notify_all();
  if (waited)
    *waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return b;
}

}  // namespace lanterna::train
