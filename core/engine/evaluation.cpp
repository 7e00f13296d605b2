#include "engine/evaluation.h"

#include "common/error.h"
#include "engine/tensor_video.h"
#include "world/caption.h"
#include "world/evaluator.h"
#include "world/render.h"
#include "world/scene_sampler.h"

#include <ATen/ops/upsample_bicubic2d.h>

#include <chrono>
#include <cstdio>
#include <cstring>

namespace lanterna {

namespace {

// Resizes a clip to size x size with bicubic interpolation (as the judge sees it).
std::vector<uint8_t> resized(const Video& v, int size) {
  if (v.width == size && v.height == size) return v.rgb;
  at::Tensor x = video_to_tensor(v, v.width);
  x = at::upsample_bicubic2d(x, {size, size}, false);
  return tensor_to_video(x, v.fps).rgb;
}

}  // namespace

std::string EvalReport::table() const {
  auto pct = [](int a, int b) { return b ? 100.0 * a / b : 0.0; };
  char line[160];
  std::string out;
  std::snprintf(line, sizeof line, "clips %d  objects %d  mean seconds per clip %.2f\n", clips,
                objects, clips ? seconds / clips : 0.0);
  out += line;
  out += "| measure | correct | total | accuracy |\n| --- | --- | --- | --- |\n";
  auto row = [&](const char* name, int a, int b) {
    std::snprintf(line, sizeof line, "| %s | %d | %d | %.1f %% |\n", name, a, b, pct(a, b));
    out += line;
  };
  row("background", background, clips);
  row("colour", colour, objects);
  row("shape", shape, objects);
  row("motion", motion, objects);
  for (int m = 0; m < world::kMotionCount; ++m) {
    const std::string name =
        std::string("motion: ") + world::motion_name(static_cast<world::Motion>(m));
    row(name.c_str(), motion_correct[m], motion_total[m]);
  }
  for (int k = 0; k < world::kShapeCount; ++k) {
    const std::string name =
        std::string("shape: ") + world::shape_name(static_cast<world::Shape>(k));
    row(name.c_str(), shape_correct[k], shape_total[k]);
  }
  row("all correct: one object", all_correct_by_count[0], clips_by_count[0]);
  row("all correct: two objects", all_correct_by_count[1], clips_by_count[1]);
  row("all correct", all_correct, clips);
  return out;
}

std::string failed_measures(const world::ClipVerdict& v) {
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
  if (!v.background) add("background no");
  if (!v.consistent) add("consistent no (an object vanished or an unnamed colour appeared)");
  for (size_t k = 0; k < v.objects.size(); ++k) {
    const world::ObjectVerdict& ov = v.objects[k];
    if (ov.colour && ov.shape && ov.motion) continue;
    std::string failed;
    if (!ov.colour) failed += " colour";
    if (!ov.shape) failed += " shape";
    if (!ov.motion) failed += " motion";
    add("object " + std::to_string(k + 1) + ":" + failed + " no (" + ov.detail + ")");
  }
  return out;
}

EvalReport evaluate(
    Engine* engine, const EvalOptions& o,
    const std::function<void(int, const std::string&, const world::ClipVerdict&)>& on_clip) {
  require(o.prompts >= 1 && o.prompts <= 100000, "--prompts must be in 1..100000");
  require(o.ground_truth || engine, "evaluation needs a model");
  EvalReport report;
  for (int i = 0; i < o.prompts; ++i) {
    world::Rng rng(o.seed, static_cast<uint64_t>(i));
    const world::Scene scene = world::sample_scene(rng, o.scene);
    const std::string caption = world::caption_for(scene, rng);
    const world::ParsedCaption parsed = world::parse_caption(caption);
    Video clip;
    if (o.ground_truth) {
      clip.width = clip.height = o.render_size;
      clip.frames = o.request.frames;
      clip.rgb = world::render_clip(scene, clip.frames, o.render_size);
    } else {
      GenerationRequest r = o.request;
      r.prompt = caption;
      r.seed = o.seed * 100003ull + static_cast<uint64_t>(i);
      const auto start = std::chrono::steady_clock::now();
      clip = engine->generate(r);
      report.seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    const std::vector<uint8_t> judged = resized(clip, o.judge_size);
    const world::ClipVerdict v =
        world::judge_clip(parsed, judged.data(), clip.frames, o.judge_size);
    ++report.clips;
    report.background += v.background;
    report.all_correct += v.all_correct();
    const int by_count = v.objects.size() > 1 ? 1 : 0;  // the world has one or two objects
    ++report.clips_by_count[by_count];
    report.all_correct_by_count[by_count] += v.all_correct();
    for (size_t k = 0; k < v.objects.size(); ++k) {
      ++report.objects;
      report.colour += v.objects[k].colour;
      report.shape += v.objects[k].shape;
      report.motion += v.objects[k].motion;
      const int m = static_cast<int>(*parsed.objects[k].motion);
      ++report.motion_total[m];
      report.motion_correct[m] += v.objects[k].motion;
      const int shape = static_cast<int>(parsed.objects[k].shape);
      ++report.shape_total[shape];
      report.shape_correct[shape] += v.objects[k].shape;
    }
    if (on_clip) on_clip(i, caption, v);
  }
  return report;
}

}  // namespace lanterna
