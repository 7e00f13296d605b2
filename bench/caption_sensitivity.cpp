// caption_sensitivity: how much does one word of the caption change what a
// base model predicts? For "a red square moving W on a black background"
// with W in pairs that differ in one word (left/right, up/down, left/up,
// growing/shrinking), it prints the text encoder's output for that word
// (cosine similarity between the two captions) and, for the same noisy clip
// at several noise levels, the mean absolute difference between the two
// predictions. A word the model ignores gives a difference near 0 at the
// noise levels where the layout is decided (docs/training.md, "Direction
// words").
//
// usage: caption_sensitivity MODEL_DIR    (a base bundle, e.g. resources/models/base)

#include "io/bundle.h"
#include "model/tokenizer.h"

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
  } catch (const std::exception& e) {
    std::fprintf(stderr, "caption_sensitivity: %s\n", e.what());
    return 1;
  }
  return 0;
}
