// caption_sensitivity: how much does one word of the caption change what a
// base model predicts? For "a red square moving W on a black background"
// with W in pairs that differ in one word (left/right, up/down, left/up,
// growing/shrinking), it prints the text encoder's output for that word
// (cosine similarity between the two captions) and, for the same noisy clip
// at several noise levels, the mean absolute difference between the two
// predictions. A word the model ignores gives a difference near 0 at the
// noise levels where the layout is decided (docs/training.md, "Direction
// words"). The last tables set the model's clean-clip estimate at t = 0.98,
// averaged over 8 noisy clips, beside the world's: averaged so, an ideal
// model's estimate is E[x0 | caption], the mean of the clips the world
// renders for the caption. So the difference between two captions' mean
// clips is the size the model's difference should have, and the cosines say
// whether the model's clip and difference point the world's way.
//
// usage: caption_sensitivity MODEL_DIR    (a base bundle, e.g. resources/models/base)

#include "diffusion/schedule.h"
#include "io/bundle.h"
#include "model/tokenizer.h"
#include "world/render.h"
#include "world/scene_sampler.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cstdio>
#include <exception>
#include <string>
#include <thread>
#include <vector>

namespace {

double cosine(const at::Tensor& a, const at::Tensor& b) {
  const at::Tensor x = a.flatten(), y = b.flatten();
  return (x.dot(y) / (x.norm() * y.norm())).item<double>();
}

// The mean of `count` 16-frame clips the world renders for "a red square
// moving W on a black background" (size and path drawn as the world draws
// them), as (frames, 3, size, size) in the model's [-1, 1].
at::Tensor world_mean_clip(lanterna::world::Motion motion, int frames, int size, int count) {
  using namespace lanterna::world;
  Rng rng(11);
  SceneOptions one_object;
  one_object.two_object_rate = 0.0;
  at::Tensor sum = torch::zeros({frames, size, size, 3}, torch::kDouble);
  for (int i = 0; i < count; ++i) {
    Scene scene = sample_scene(rng, one_object);
    scene.background = Background::Black;
    Object& o = scene.objects.front();
    o.colour = Colour::Red;
    o.shape = Shape::Square;
    o.motion = motion;
    sample_motion_parameters(o, rng);
    std::vector<uint8_t> rgb = render_clip(scene, frames, size);
    sum += torch::from_blob(rgb.data(), {frames, size, size, 3}, torch::kUInt8).to(torch::kDouble);
  }
  return (sum / count / 127.5 - 1.0).permute({0, 3, 1, 2}).to(torch::kFloat);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace lanterna;
  if (argc != 2) {
    std::fprintf(stderr, "usage: caption_sensitivity MODEL_DIR (a base model bundle)\n");
    return 2;
  }
  try {
    at::set_num_threads(static_cast<int>(std::thread::hardware_concurrency()));
    torch::NoGradGuard no_grad;
    ModelBundle bundle = load_bundle(argv[1]);
    bundle.net->eval();
    const Tokenizer tokenizer(bundle.config.text.vocab, bundle.config.text.max_tokens);
    const std::vector<std::string> words = {"left", "right", "up", "down", "growing", "shrinking"};
    // Position of W in the token sequence: <bos> a red square moving W.
    const int64_t word_index = 5;
    std::vector<TextEmbedding> captions;
    for (const auto& word : words) {
      const auto ids =
          tokenizer.encode("a red square moving " + word + " on a black background").ids;
      captions.push_back(bundle.net->encode_text(torch::tensor(ids).unsqueeze(0)));
    }
    const std::vector<std::pair<int, int>> pairs = {{0, 1}, {2, 3}, {0, 2}, {4, 5}};
    auto pair_name = [&](const std::pair<int, int>& p) {
      return words[p.first] + "/" + words[p.second];
    };

    std::printf("%-18s %14s %12s\n", "pair", "word cos", "pooled cos");
    for (const auto& p : pairs)
      std::printf(
          "%-18s %14.3f %12.3f\n", pair_name(p).c_str(),
          cosine(captions[p.first].tokens[0][word_index], captions[p.second].tokens[0][word_index]),
          cosine(captions[p.first].pooled, captions[p.second].pooled));

    const int64_t frames = 16;
    const int64_t size = bundle.config.resolution;
    std::printf("\nmean |prediction difference| for one noisy 16-frame clip (seed 3)\n%-6s", "t");
    for (const auto& p : pairs) std::printf(" %18s", pair_name(p).c_str());
    std::printf("\n");
    for (const double t : {0.98, 0.9, 0.7, 0.5}) {
      torch::manual_seed(3);
      const at::Tensor x = torch::randn({frames, bundle.config.unet.in_channels, size, size});
      const at::Tensor time = torch::full({1}, t);
      std::vector<at::Tensor> predictions;
      for (const auto& caption : captions)
        predictions.push_back(bundle.net->forward(x, time, caption, frames));
      std::printf("%-6.2f", t);
      for (const auto& p : pairs)
        std::printf(" %18.4f",
                    (predictions[p.first] - predictions[p.second]).abs().mean().item<double>());
      std::printf("\n");
    }

    const int clips = 4096;
    const Schedule schedule(bundle.config.schedule);
    const int step = static_cast<int>(0.98 * schedule.steps());
    // The model's estimate from one noisy clip leans on that clip's noise; its
    // mean over noisy clips drawn as at t = 0.98 is its E[x0 | caption].
    const int draws = 8;
    const at::Tensor time = torch::full({1}, schedule.time(step));
    std::vector<at::Tensor> estimates(captions.size());
    for (int draw = 0; draw < draws; ++draw) {
      torch::manual_seed(100 + draw);
      const at::Tensor x = torch::randn({frames, bundle.config.unet.in_channels, size, size});
      for (size_t i = 0; i < captions.size(); ++i) {
        const at::Tensor out = bundle.net->forward(x, time, captions[i], frames);
        const at::Tensor x0 = schedule.v_prediction()
                                  ? schedule.a(step) * x - schedule.s(step) * out
                                  : (x - schedule.s(step) * out) / schedule.a(step);
        estimates[i] = draw == 0 ? x0 / draws : estimates[i] + x0 / draws;
      }
    }
    const std::vector<world::Motion> motions = {world::Motion::Left,    world::Motion::Right,
                                                world::Motion::Up,      world::Motion::Down,
                                                world::Motion::Growing, world::Motion::Shrinking};
    std::vector<at::Tensor> means;
    for (const auto motion : motions)
      means.push_back(
          world_mean_clip(motion, static_cast<int>(frames), static_cast<int>(size), clips));
    std::printf(
        "\nclean-clip estimate at t = 0.98 (mean of 8 noisy clips) against the world's mean "
        "clips (%d each):\n"
        "each caption's estimate against its mean clip, both less their average (cosine)\n",
        clips);
    for (size_t i = 0; i < words.size(); ++i) {
      const at::Tensor model = estimates[i] - estimates[i].mean();
      const at::Tensor world = means[i] - means[i].mean();
      std::printf("%-18s %12.3f\n", words[i].c_str(), cosine(model, world));
    }
    std::printf(
        "the difference between two captions: mean |difference| and cosine\n"
        "%-18s %12s %12s %12s\n",
        "pair", "model", "world", "cosine");
    for (const auto& p : pairs) {
      const at::Tensor model = estimates[p.first] - estimates[p.second];
      const at::Tensor world = means[p.first] - means[p.second];
      std::printf("%-18s %12.4f %12.4f %12.3f\n", pair_name(p).c_str(),
                  model.abs().mean().item<double>(), world.abs().mean().item<double>(),
                  cosine(model, world));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "caption_sensitivity: %s\n", e.what());
    return 1;
  }
  return 0;
}
