#include "args.h"
#include "commands.h"
#include "progress_bar.h"

#include "common/error.h"
#include "engine/engine.h"
#include "io/atomic_file.h"
#include "media/gif_encode.h"
#include "media/image_io.h"
#include "media/video_encode.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>

namespace lanterna::cli {
namespace {

namespace fs = std::filesystem;

std::atomic<bool> g_cancel{false};  // set by SIGINT; the engine polls it

extern "C" void on_sigint(int) {
  g_cancel.store(true);
}

const char* kHelp =
    "usage: lanterna-cli generate --prompt TEXT --out DIR/ [options]\n"
    "\n"
    "Generates a clip with the default models (base STUNet at 32x32, then the\n"
    "SSR stage to 128x128 when an SSR model is installed, else a bicubic\n"
    "up-scale) and writes it as a\n"
    "video file or a PNG sequence (frame_0000.png ... plus settings.json).\n"
    "The settings that produced the clip are embedded (lanterna-cli info FILE).\n"
    "Output is square: the models are trained on square 32x32 clips.\n"
    "\n"
    "options:\n"
    "  --prompt TEXT       what to generate, e.g. \"a red circle moving right on a black "
    "background\"\n"
    "  --negative TEXT     negative prompt for classifier-free guidance (default empty)\n"
    "  --seed N            random seed (default 0); same seed and settings, same frames\n"
    "  --frames N          frame count, a multiple of 4 in 16..80 (default 16)\n"
    "  --fps N             frame rate stored with the clip, 1..60 (default 8)\n"
    "  --steps N           base sampling steps, 1..1000 (default 25)\n"
    "  --ssr-steps N       super-resolution sampling steps (default 8)\n"
    "  --no-ssr            skip the super-resolution stage (up-scale bicubically instead)\n"
    "  --size N            output size in pixels, 8..1024 (default 128); the base model\n"
    "                      works at 32x32, the SSR model up-samples 4x; other sizes are\n"
    "                      resized bicubically\n"
    "  --guidance G        classifier-free guidance scale, 1..30 (default 3)\n"
    "  --sampler NAME      ddim (default), dpmpp2m or ddpm\n"
    "  --mode NAME         t2v (default) or v2v\n"
    "  --strength S        v2v edit strength (SDEdit), 0 keeps the input, 1 ignores it\n"
    "  --model DIR         models folder holding base/ and ssr/ (default: the shipped models)\n"
    "  --threads N         CPU threads (default: one per core)\n"
    "  --out PATH          x.mp4 (H.264), x.webm (VP9), x.gif (palette per clip, loops)\n"
    "                      or a folder DIR/ for a PNG\n"
    "                      sequence; written to a temporary file and renamed when complete\n"
    "  --crf N             video quality, lower is better (default 18)\n"
    "\n"
    "Unknown prompt words are reported as a warning and ignored.\n"
    "Ctrl-C cancels within a second, leaves no partial output and exits with 130.\n";

}  // namespace

int run_generate(const std::vector<std::string>& argv) {
  const Args a(argv,
               {"prompt", "negative", "seed", "frames", "fps", "steps", "ssr-steps", "guidance",
                "sampler", "mode", "strength", "model", "threads", "out", "size", "crf"},
               {"help", "no-ssr"});
  if (a.flag("help")) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  require(a.has("prompt"), "--prompt is required (see --help)");
  require(a.has("out"), "--out is required (see --help)");
  GenerationRequest r;
  r.mode = parse_mode(a.str("mode", "t2v"));
  r.prompt = a.str("prompt");
  r.negative_prompt = a.str("negative");
  r.seed = static_cast<uint64_t>(a.integer("seed", 0));
  r.frames = static_cast<int>(a.integer("frames", r.frames));
  r.fps = static_cast<int>(a.integer("fps", r.fps));
  r.steps = static_cast<int>(a.integer("steps", r.steps));
  r.ssr_steps = static_cast<int>(a.integer("ssr-steps", r.ssr_steps));
  r.guidance = a.number("guidance", r.guidance);
  r.size = static_cast<int>(a.integer("size", r.size));
  r.sampler = a.str("sampler", r.sampler);
  r.edit_strength = a.number("strength", r.edit_strength);
  r.super_resolve = !a.flag("no-ssr");
  require(r.mode != Mode::VideoToVideo, "mode v2v needs video import, which is not available yet");

  const fs::path out = a.str("out");
  require(!out.empty(), "--out must not be empty");
  const std::string ext = out.extension().string();
  require(ext.empty() || ext == ".mp4" || ext == ".webm" || ext == ".gif",
          "unsupported output '" + out.string() +
              "': use a .mp4, .webm or .gif file or a folder (out/)");
  EncodeOptions encode;
  encode.crf = static_cast<int>(a.integer("crf", encode.crf));
  encode.cancel = &g_cancel;

  EngineOptions options;
  options.models_dir = a.has("model") ? fs::path(a.str("model")) : default_models_dir();
  options.threads = static_cast<int>(a.integer("threads", 0));
  Engine engine(options);

  ProgressBar bar;
  RunCallbacks cb;
  cb.cancel = &g_cancel;
  cb.on_progress = [&](const Progress& p) { bar.update(p); };
  cb.on_warning = [&](const std::string& w) {
    bar.finish();
    std::cerr << "lanterna-cli generate: warning: " << w << "\n";
  };
  std::signal(SIGINT, on_sigint);
  Video video = engine.generate(r, cb);
  bar.finish();
  std::signal(SIGINT, SIG_DFL);

  if (ext == ".gif") {
    GifOptions gif;
    gif.cancel = &g_cancel;
    encode_gif(out, video, gif);
  } else if (!ext.empty()) {
    encode_video(out, video, encode);
  }
  if (!ext.empty()) {
    std::cerr << "wrote " << video.frames << " frames of " << video.width << "x" << video.height
              << " to " << out.string() << "\n";
    return 0;
  }
  // Assemble beside the destination and swap in, so a failure or Ctrl-C
  // never leaves a half-written output.
  const fs::path staging = temporary_path_for(out.has_filename() ? out : out.parent_path());
  const fs::path final_dir = out.has_filename() ? out : out.parent_path();
  try {
    write_png_sequence(staging, video);
    replace_directory(staging, final_dir);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(staging, ec);
    throw;
  }
  std::cerr << "wrote " << video.frames << " frames of " << video.width << "x" << video.height
            << " to " << final_dir.string() << "\n";
  return 0;
}

}  // namespace lanterna::cli
