#include "args.h"
#include "commands.h"
#include "output.h"
#include "progress_bar.h"

#include "common/error.h"
#include "engine/engine.h"
#include "io/atomic_file.h"
#include "media/gif_encode.h"
#include "media/image_io.h"
#include "media/media_import.h"
#include "media/video_encode.h"

#include <algorithm>
#include <atomic>
#include <cmath>
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
    "usage: lanterna-cli generate --prompt TEXT --out PATH [options]\n"
    "\n"
    "Generates a clip with the default models (base STUNet at 32x32, then the\n"
    "SSR stage to 128x128 when an SSR model is installed, else a bicubic\n"
    "up-scale) and writes it as a video file or a PNG sequence (frame_0000.png\n"
    "... plus settings.json). The settings that produced the clip, with the\n"
    "model and input file hashes, are embedded (lanterna-cli info FILE).\n"
    "\n"
    "modes (--mode; without it: i2v for --image, cinemagraph for --image --mask,\n"
    "inpaint for --video --mask, v2v for --video, else t2v):\n"
    "  t2v          text to video\n"
    "  i2v          --image FILE becomes frame 0 and is animated\n"
    "  inpaint      --video FILE --mask FILE regenerates the painted region\n"
    "  cinemagraph  --image FILE --mask FILE animates only the painted region\n"
    "  outpaint     --image FILE or --video FILE with --expand N or --canvas WxH\n"
    "               generates the new border around the kept content\n"
    "  v2v          --video FILE --strength S re-generates a clip (SDEdit)\n"
    "  upscale      --video FILE runs only the super-resolution stage\n"
    "i2v, inpaint, cinemagraph and outpaint use the conditional model\n"
    "(models/conditional); upscale needs the SSR model (models/ssr).\n"
    "A t2v prompt (without --style) that names two objects in the world's words\n"
    "is generated one object at a time, each on the prompt's background, and the\n"
    "two are composed with the first-named object on top (twice the base steps;\n"
    "--no-compose generates it in one pass).\n"
    "--candidates N draws N clips per t2v pass from seeds apart and keeps the one\n"
    "the base model denoises best under the prompt; each candidate costs one more\n"
    "pass of the base steps.\n"
    "\n"
    "inputs: images PNG/JPEG/WebP/BMP (8/16-bit, gray; alpha is composited over\n"
    "black), videos MP4/WebM/MOV/GIF or a folder of PNG frames, read at --fps\n"
    "(default: the video's own rate) up to --frames frames. Inputs are\n"
    "centre-cropped to a square and resized to --size (area filter when\n"
    "shrinking, bicubic when enlarging); outpaint keeps the whole input. A mask\n"
    "is an image (used for every frame) or a clip of per-frame masks with the\n"
    "input's aspect ratio, resized (nearest) to the input's size; white (luma\n"
    ">= 128) = regenerate / animate, black = keep.\n"
    "Known content is kept two ways: the conditional model sees it through its\n"
    "conditioning channels, and the known pixels are pasted back with a mask\n"
    "feathered into the generated side, so kept pixels are exactly the input's\n"
    "(--no-composite turns the paste off).\n"
    "\n"
    "options:\n"
    "  --prompt TEXT       what to generate, e.g. \"a red circle moving right on a black "
    "background\"\n"
    "  --negative TEXT     negative prompt for classifier-free guidance (default empty)\n"
    "  --mode NAME         t2v, i2v, inpaint, cinemagraph, outpaint, v2v or upscale\n"
    "  --image FILE        input still (i2v, cinemagraph, outpaint)\n"
    "  --video FILE        input clip (inpaint, v2v, outpaint, upscale)\n"
    "  --mask FILE         mask image or clip (inpaint, cinemagraph)\n"
    "  --expand N          outpaint: new border in input pixels on every side\n"
    "  --canvas WxH        outpaint: or the whole canvas size, input centred\n"
    "  --strength S        v2v edit strength (SDEdit) in 0..1, 0 keeps the input,\n"
    "                      1 ignores it (default 0.6)\n"
    "  --style NAME        style pack (models/styles/NAME), any mode but upscale\n"
    "  --style-strength A  style blend in 0..1, 0 = unstyled (default 0.8)\n"
    "  --no-composite      do not paste known pixels back\n"
    "  --no-compose        t2v: generate a two-object prompt in one pass instead of\n"
    "                      one object at a time, composed (the default)\n"
    "  --candidates N      t2v: base clips drawn per pass, the best kept, 1..16\n"
    "                      (default 1: a single pass)\n"
    "  --seed N            random seed (default 0); same seed and settings, same frames\n"
    "  --frames N          frame count, a multiple of 4 in 16..80 (default 16)\n"
    "  --fps N             frame rate, 1..60 (default 8, or the input video's)\n"
    "  --steps N           base sampling steps, 1..1000 (default 25)\n"
    "  --ssr-steps N       super-resolution sampling steps (default 8)\n"
    "  --ssr-guidance G    super-resolution guidance scale, 1..30 (default 1: the\n"
    "                      low-resolution clip guides it; above 1 costs twice the time)\n"
    "  --ssr-strength S    where super-resolution starts: the up-sampled clip noised to\n"
    "                      S of the schedule, in (0, 1] (default 0.6; 1 = from pure\n"
    "                      noise); it runs S x --ssr-steps steps\n"
    "  --no-ssr            skip the super-resolution stage (up-scale bicubically instead)\n"
    "  --size N            output size in pixels, 8..1024 (default 128); the base model\n"
    "                      works at 32x32, the SSR model up-samples 4x; other sizes are\n"
    "                      resized bicubically\n"
    "  --guidance G        classifier-free guidance scale, 1..30 (default 3)\n"
    "  --sampler NAME      ddpm (default), ddim or dpmpp2m\n"
    "  --model DIR         models folder holding base/ and optionally conditional/,\n"
    "                      ssr/, styles/ (default: the shipped models)\n"
    "  --threads N         CPU threads (default: one per core)\n"
    "  --out PATH          x.mp4 (H.264), x.webm (VP9), x.gif (palette per clip, loops)\n"
    "                      or a folder DIR/ for a PNG\n"
    "                      sequence; written to a temporary file and renamed when complete\n"
    "  --crf N             video quality, lower is better (default 18)\n"
    "\n"
    "Unknown prompt words are reported as a warning and ignored.\n"
    "Exit codes: 0 done, 1 runtime failure, 2 usage error, 130 cancelled.\n"
    "Ctrl-C cancels within a second, leaves no partial output and exits with 130.\n";

// The mode the inputs imply when --mode is not given.
Mode implied_mode(const Args& a) {
  if (a.has("mode")) return parse_mode(a.str("mode"));
  if (a.has("expand") || a.has("canvas")) return Mode::Outpaint;
  if (a.has("image")) return a.has("mask") ? Mode::Cinemagraph : Mode::ImageToVideo;
  if (a.has("video")) return a.has("mask") ? Mode::Inpaint : Mode::VideoToVideo;
  return Mode::TextToVideo;
}

InputFile input_file(const std::string& role, const std::string& path) {
  return {role, path, file_sha256(path)};
}

// Reads --image, --video and --mask into the request (at the request's fps,
// or the video's own when --fps is not given).
void read_inputs(const Args& a, GenerationRequest* r) {
  if (a.has("image")) {
    r->input_image = read_image(a.str("image"));
    r->input_files.push_back(input_file("image", a.str("image")));
  }
  ImportOptions import;
  import.fps = a.has("fps") ? r->fps : 0;
  import.max_frames = r->mode == Mode::Upscale ? 240 : r->frames;
  if (a.has("video")) {
    r->input_video = read_video(a.str("video"), import);
    r->input_files.push_back(input_file("video", a.str("video")));
    if (!a.has("fps"))
      r->fps = std::clamp(static_cast<int>(std::lround(r->input_video.fps)), 1, 60);
    import.fps = r->fps;
  }
  if (a.has("mask")) {
    r->mask = read_video(a.str("mask"), import);
    r->input_files.push_back(input_file("mask", a.str("mask")));
  }
}

}  // namespace

int run_generate(const std::vector<std::string>& argv) {
  const Args a(argv, {"prompt",    "negative",  "seed",           "frames",       "fps",
                      "steps",     "ssr-steps", "guidance",       "sampler",      "mode",
                      "strength",  "model",     "threads",        "out",          "size",
                      "crf",       "image",     "video",          "mask",         "expand",
                      "canvas",    "style",     "style-strength", "ssr-guidance", "ssr-strength",
                      "candidates"},
               {"help", "no-ssr", "no-composite", "no-compose"});
  if (a.flag("help")) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  GenerationRequest r;
  r.mode = implied_mode(a);
  require(a.has("prompt") || r.mode == Mode::Upscale, "--prompt is required (see --help)");
  require(a.has("out"), "--out is required (see --help)");
  r.prompt = a.str("prompt");
  r.negative_prompt = a.str("negative");
  r.seed = static_cast<uint64_t>(a.integer("seed", 0));
  r.frames = static_cast<int>(a.integer("frames", r.frames));
  r.fps = static_cast<int>(a.integer("fps", r.fps));
  r.steps = static_cast<int>(a.integer("steps", r.steps));
  r.ssr_steps = static_cast<int>(a.integer("ssr-steps", r.ssr_steps));
  r.guidance = a.number("guidance", r.guidance);
  r.ssr_guidance = a.number("ssr-guidance", r.ssr_guidance);
  r.ssr_strength = a.number("ssr-strength", r.ssr_strength);
  r.size = static_cast<int>(a.integer("size", r.size));
  r.sampler = a.str("sampler", r.sampler);
  r.edit_strength = a.number("strength", r.edit_strength);
  r.super_resolve = !a.flag("no-ssr");
  r.composite = !a.flag("no-composite");
  r.compose_objects = !a.flag("no-compose");
  r.candidates = static_cast<int>(a.integer("candidates", r.candidates));
  r.style = a.str("style");
  r.style_strength = a.number("style-strength", r.style_strength);
  r.expand = static_cast<int>(a.integer("expand", 0));
  if (a.has("canvas")) {
    const std::string c = a.str("canvas");
    int w = 0, h = 0;
    char x = 0, extra = 0;
    require(std::sscanf(c.c_str(), "%d%c%d%c", &w, &x, &h, &extra) == 3 && (x == 'x' || x == 'X'),
            "--canvas must be WIDTHxHEIGHT, e.g. 192x128 (got '" + c + "')");
    r.canvas_width = w;
    r.canvas_height = h;
  }
  read_inputs(a, &r);

  const fs::path out = a.str("out");
  require(!out.empty(), "--out must not be empty");
  check_output_path(out);
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

  write_output(out, video, encode.crf, &g_cancel);
  return 0;
}

}  // namespace lanterna::cli
