// rerank_probe: does the base model's own denoising error tell a right clip
// from a wrong one? For one-object captions sampled from the world, it
// generates several candidate clips (different seeds), judges each with the
// world's evaluator, and for each candidate measures the network's noise
// prediction error under the caption, under the empty prompt and under
// alternative captions (the other shapes, the other motions), with the same
// noise and timesteps for all. Prints one CSV row per candidate.
//
// usage: rerank_probe MODEL_DIR CAPTIONS CANDIDATES SEED

#include "diffusion/denoiser.h"
#include "diffusion/sampler.h"
#include "diffusion/schedule.h"
#include "engine/tensor_video.h"
#include "io/bundle.h"
#include "model/tokenizer.h"
#include "world/caption.h"
#include "world/evaluator.h"
#include "world/scene_sampler.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  using namespace lanterna;
  if (argc != 5) {
    std::fprintf(stderr, "usage: rerank_probe MODEL_DIR CAPTIONS CANDIDATES SEED\n");
    return 2;
  }
  at::set_num_threads(static_cast<int>(std::thread::hardware_concurrency()));
  torch::NoGradGuard no_grad;
  ModelBundle bundle = load_bundle(argv[1]);
  bundle.net->eval();
  const int captions = std::stoi(argv[2]), candidates = std::stoi(argv[3]);
  const uint64_t seed = std::stoull(argv[4]);
  const Tokenizer tok(bundle.config.text.vocab, bundle.config.text.max_tokens);
  const Schedule schedule(bundle.config.schedule);
  const int64_t T = 16, S = bundle.config.resolution;
  const std::vector<int> probe_t = {150, 350, 550, 750};
  const int draws = 2;  // noise draws per timestep
  auto embed = [&](const std::vector<std::string>& texts) {
    std::vector<at::Tensor> ids;
    for (const auto& t : texts) ids.push_back(torch::tensor(tok.encode(t).ids));
    return bundle.net->encode_text(torch::stack(ids));
  };
  std::printf("caption,cand,all,colour,shape,motion,motion_kind,shape_kind");
  const int alts = 1 + 1 + 3 + 9;
  for (int a = 0; a < alts; ++a)
    for (int t : probe_t) std::printf(",e%d_%d", a, t);
  std::printf("\n");
  for (int i = 0; i < captions; ++i) {
    world::Rng rng(seed, static_cast<uint64_t>(i));
    world::SceneOptions one;
    one.two_object_rate = 0.0;
    const world::Scene scene = world::sample_scene(rng, one);
    world::Rng wording = rng;
    const std::string caption = world::caption_for(scene, rng);
    const world::ParsedCaption parsed = world::parse_caption(caption);
    // Alternatives: same wording, other shape or other motion.
    std::vector<std::string> texts = {caption, ""};
    for (int s = 0; s < world::kShapeCount; ++s) {
      if (s == static_cast<int>(scene.objects[0].shape)) continue;
      world::Scene alt = scene;
      alt.objects[0].shape = static_cast<world::Shape>(s);
      world::Rng w = wording;
      texts.push_back(world::caption_for(alt, w));
    }
    for (int m = 0; m < world::kMotionCount; ++m) {
      if (m == static_cast<int>(scene.objects[0].motion)) continue;
      world::Scene alt = scene;
      alt.objects[0].motion = static_cast<world::Motion>(m);
      world::Rng w = wording;
      texts.push_back(world::caption_for(alt, w));
    }
    const TextEmbedding all = embed(texts);
    DenoiserSetup setup;
    setup.net = bundle.net;
    setup.schedule = &schedule;
    setup.cond = embed({caption});
    setup.uncond = embed({""});
    setup.guidance = 3.0;
    setup.guidance_min_t = 200;
    setup.frames = T;
    for (int c = 0; c < candidates; ++c) {
      SampleOptions so;
      so.kind = SamplerKind::Ddpm;
      so.steps = 25;
      so.seed = seed * 100003ull + static_cast<uint64_t>(i) + 0x51ED27ull * c;
      const at::Tensor x0 =
          sample(schedule, so, {T, 3, S, S}, {}, make_denoiser(setup)).clamp(-1, 1);
      const at::Tensor up = at::upsample_bicubic2d(x0, {128, 128}, false);
      const Video v = tensor_to_video(up, 8);
      const world::ClipVerdict verdict = world::judge_clip(parsed, v.rgb.data(), T, 128);
      const world::ObjectVerdict& ov = verdict.objects[0];
      std::printf("%d,%d,%d,%d,%d,%d,%s,%s", i, c, verdict.all_correct(), ov.colour, ov.shape,
                  ov.motion, world::motion_name(scene.objects[0].motion),
                  world::shape_name(scene.objects[0].shape));
      // Same noise for every candidate of a caption and every alternative.
      at::Tensor errors = torch::zeros({alts, static_cast<int64_t>(probe_t.size())});
      for (size_t k = 0; k < probe_t.size(); ++k) {
        for (int d = 0; d < draws; ++d) {
          at::Generator gen = at::detail::createCPUGenerator(seed * 7919 + i * 31 + k * 3 + d);
          const at::Tensor eps = at::randn({T, 3, S, S}, gen);
          const int t = probe_t[k];
          const at::Tensor xt = x0 * schedule.a(t) + eps * schedule.s(t);
          const at::Tensor batch = xt.repeat({alts, 1, 1, 1});
          const at::Tensor time = at::full({alts}, schedule.time(t), at::kFloat);
          const at::Tensor out = bundle.net->forward(batch, time, all, T);
          at::Tensor px0, peps;
          schedule.split_prediction(batch, out, t, &px0, &peps);
          const at::Tensor err =
              (peps - eps.repeat({alts, 1, 1, 1})).pow(2).reshape({alts, -1}).mean(1);
          errors.select(1, static_cast<int64_t>(k)).add_(err / draws);
        }
      }
      for (int a = 0; a < alts; ++a)
        for (size_t k = 0; k < probe_t.size(); ++k)
          std::printf(",%.6f", errors[a][static_cast<int64_t>(k)].item<double>());
      std::printf("\n");
      std::fflush(stdout);
    }
  }
  return 0;
}
