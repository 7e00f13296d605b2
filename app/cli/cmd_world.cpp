// `lanterna-cli world`: renders a clip of the procedural world the shipped
// models are trained on, with its caption — ground truth to compare a
// generation with, and inputs for the editing modes.
#include "args.h"
#include "commands.h"
#include "output.h"

#include "common/error.h"
#include "world/caption.h"
#include "world/render.h"
#include "world/scene_sampler.h"
#include "world/style_filter.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace lanterna::cli {
namespace {

namespace fs = std::filesystem;

const char* kHelp =
    "usage: lanterna-cli world --seed N --out PATH [options]\n"
    "\n"
    "Samples a scene of the procedural world (WORLD.md) from the seed, renders\n"
    "it and prints its caption. The same seed gives the same clip.\n"
    "\n"
    "options:\n"
    "  --seed N      scene seed (default 0)\n"
    "  --frames N    frames, 1..80 (default 16)\n"
    "  --size N      square frame size in pixels, 8..1024 (default 128)\n"
    "  --fps N       frame rate, 1..60 (default 8)\n"
    "  --still       objects do not move\n"
    "  --style NAME  pass the frames through a style filter: sketch, neon, pixel\n"
    "  --out PATH    .mp4, .webm, .gif, .png (first frame) or a folder DIR/\n";

}  // namespace

int run_world(const std::vector<std::string>& argv) {
  const Args a(argv, {"seed", "frames", "size", "fps", "out", "style"}, {"help", "still"});
  if (a.flag("help")) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  require(a.has("out"), "--out is required (see --help)");
  const fs::path out = a.str("out");
  check_output_path(out, true);
  const long long seed = a.integer("seed", 0);
  const int frames = static_cast<int>(a.integer("frames", 16));
  const int size = static_cast<int>(a.integer("size", 128));
  const int fps = static_cast<int>(a.integer("fps", 8));
  require(frames >= 1 && frames <= 80,
          "--frames must be in 1..80 (got " + std::to_string(frames) + ")");
  require(size >= 8 && size <= 1024,
          "--size must be in 8..1024 (got " + std::to_string(size) + ")");
  require(fps >= 1 && fps <= 60, "--fps must be in 1..60 (got " + std::to_string(fps) + ")");
  world::Rng rng(static_cast<uint64_t>(seed));
  world::SceneOptions options;
  options.allow_motion = !a.flag("still");
  const world::Scene scene = world::sample_scene(rng, options);
  const std::string caption = world::caption_for(scene, rng);
  Video video;
  video.width = video.height = size;
  video.frames = frames;
  video.fps = fps;
  video.rgb = world::render_clip(scene, frames, size);
  if (a.has("style")) {
    const world::Style style = world::parse_style(a.str("style"));
    for (int f = 0; f < frames; ++f)
      world::apply_style(style, size, video.rgb.data() + video.frame_bytes() * f);
  }
  video.settings_json =
      nlohmann::json{{"generator", "lanterna-world"}, {"caption", caption}, {"seed", seed}}.dump();
  write_output(out, video, 18, nullptr);
  std::cout << caption << "\n";
  return 0;
}

}  // namespace lanterna::cli
