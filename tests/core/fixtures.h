// Helpers shared by the core tests: tiny random-weight models and bundles
// created at test time through the real bundle writer.
#pragma once

#include "io/bundle.h"
#include "model/presets.h"
#include "model/unet.h"

#include <QTemporaryDir>

namespace lanterna::test {

// Fills every parameter with small random values (so zero-initialised
// layers do not make outputs trivially equal).
inline void randomize(torch::nn::Module& net, uint64_t seed, double scale = 0.2) {
  torch::NoGradGuard no_grad;
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  for (auto& p : net.parameters()) p.copy_(at::randn(p.sizes(), gen) * scale);
}

inline at::Tensor random_ids(const ModelConfig& c, int64_t batch, uint64_t seed) {
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  at::Tensor ids = at::randint(2, static_cast<int64_t>(c.text.vocab.size()),
                               {batch, c.text.max_tokens}, gen, at::kLong);
  ids.select(1, 0).fill_(1);
  ids.narrow(1, c.text.max_tokens / 2, c.text.max_tokens / 2).fill_(0);
  return ids;
}

// Writes a tiny random-weight models folder into dir: base/, optionally ssr/,
// and with `with_conditional` also conditional/ and the style pack
// styles/sketch/ (base architecture, other weights).
inline void write_tiny_models(const std::filesystem::path& dir, bool with_ssr,
                              bool with_conditional = false) {
  ModelConfig base = tiny_model_config("base");
  UNet net(base);
  randomize(*net, 1, 0.05);
  save_bundle(dir / "base", base, *net, at::kFloat);
  if (with_ssr) {
    ModelConfig ssr = tiny_model_config("ssr");
    UNet s(ssr);
    randomize(*s, 2, 0.05);
    save_bundle(dir / "ssr", ssr, *s, at::kFloat);
  }
  if (with_conditional) {
    ModelConfig cond = tiny_model_config("conditional");
    UNet c(cond);
    randomize(*c, 3, 0.05);
    save_bundle(dir / "conditional", cond, *c, at::kFloat);
    ModelConfig style = base;
    style.name = "sketch";
    UNet st(style);
    randomize(*st, 4, 0.05);
    save_bundle(dir / "styles" / "sketch", style, *st, at::kFloat);
  }
}

}  // namespace lanterna::test
