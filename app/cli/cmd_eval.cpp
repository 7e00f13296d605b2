#include "args.h"
#include "commands.h"

#include "common/error.h"
#include "engine/evaluation.h"

#include <cstdio>
#include <iostream>
#include <memory>

namespace lanterna::cli {
namespace {

const char* kHelp =
    "usage: lanterna-cli eval [--model DIR] [--prompts N] [--seed S] [options]\n"
    "\n"
    "Samples N captions from the procedural world, generates each (seeded from S),\n"
    "judges the clips at 128x128 against their captions (background; per object\n"
    "colour, shape and motion; nothing appearing or vanishing) and prints a table.\n"
    "\n"
    "options:\n"
    "  --model DIR      models folder (default: the shipped models)\n"
    "  --prompts N      number of captions (default 200)\n"
    "  --seed S         caption and generation seed (default 1)\n"
    "  --frames N       frames per clip (default 16)\n"
    "  --steps N        sampling steps (default 25)\n"
    "  --guidance G     guidance scale (default 3)\n"
    "  --sampler NAME   ddpm, ddim or dpmpp2m (default ddpm)\n"
    "  --no-ssr         judge the base output up-scaled bicubically\n"
    "  --no-compose     generate two-object captions in one pass (default: one\n"
    "                   object at a time, composed, as `generate` does)\n"
    "  --candidates N   base clips drawn per pass, the best kept, 1..16 (default 1,\n"
    "                   as `generate`)\n"
    "  --ground-truth   judge rendered ground truth instead (checks the evaluator)\n"
    "  --render-size N  ground truth: render at N then resize to 128 (default 128)\n"
    "  --motion-weights W  sample the captions' motions from another mix, e.g.\n"
    "                   left=1,right=1,up=1,down=1,spinning=1,bouncing=0,growing=0,\n"
    "                   shrinking=0,still=0,circling=0 (as train --motion-weights;\n"
    "                   for diagnosis: the quality targets use the world's mix)\n"
    "  --two-object-rate R  share of two-object captions (default 0.3, WORLD.md's)\n"
    "  --threads N      CPU threads (default: one per core)\n"
    "  --verbose        print every caption and its verdict (for a failed clip, the\n"
    "                   measures that failed, with the evaluator's figures)\n";

}  // namespace

int run_eval(const std::vector<std::string>& argv) {
  const Args a(argv,
               {"model", "prompts", "seed", "frames", "steps", "guidance", "sampler", "render-size",
                "threads", "motion-weights", "two-object-rate", "candidates"},
               {"help", "no-ssr", "no-compose", "ground-truth", "verbose"});
  if (a.flag("help")) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  EvalOptions o;
  o.prompts = static_cast<int>(a.integer("prompts", 200));
  o.seed = static_cast<uint64_t>(a.integer("seed", 1));
  o.ground_truth = a.flag("ground-truth");
  o.render_size = static_cast<int>(a.integer("render-size", 128));
  require(o.render_size >= 8 && o.render_size <= 1024, "--render-size must be in 8..1024");
  o.request.frames = static_cast<int>(a.integer("frames", 16));
  o.request.steps = static_cast<int>(a.integer("steps", 25));
  o.request.guidance = a.number("guidance", 3.0);
  o.request.sampler = a.str("sampler", o.request.sampler);
  o.request.super_resolve = !a.flag("no-ssr");
  o.request.compose_objects = !a.flag("no-compose");
  o.request.candidates = static_cast<int>(a.integer("candidates", o.request.candidates));
  o.scene.motion_weights = world::parse_motion_weights(a.str("motion-weights"));
  o.scene.two_object_rate = a.number("two-object-rate", world::kTwoObjectRate);
  require(o.scene.two_object_rate >= 0 && o.scene.two_object_rate <= 1,
          "--two-object-rate must be in [0, 1]");
  std::unique_ptr<Engine> engine;
  if (!o.ground_truth) {
    EngineOptions eo;
    eo.models_dir = a.has("model") ? std::filesystem::path(a.str("model")) : default_models_dir();
    eo.threads = static_cast<int>(a.integer("threads", 0));
    engine = std::make_unique<Engine>(eo);
  }
  const bool verbose = a.flag("verbose");
  const EvalReport r = evaluate(
      engine.get(), o, [&](int i, const std::string& caption, const world::ClipVerdict& v) {
        if (!verbose) return;
        const bool ok = v.all_correct();
        std::fprintf(stderr, "%4d %s  %s\n", i, ok ? "ok  " : "FAIL", caption.c_str());
        if (!ok) std::fprintf(stderr, "          %s\n", failed_measures(v).c_str());
      });
  std::fputs(r.table().c_str(), stdout);
  return 0;
}

}  // namespace lanterna::cli
