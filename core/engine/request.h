// What a caller asks the engine for, and how it hears back. Plain types only,
// so the studio (Qt) can include this header without LibTorch.
#pragma once

#include "engine/video.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace lanterna {

enum class Mode {
  TextToVideo,
  ImageToVideo,
  Inpaint,
  Cinemagraph,
  Outpaint,
  VideoToVideo,
  Upscale
};

// "t2v", "i2v", "inpaint", "cinemagraph", "outpaint", "v2v", "upscale".
Mode parse_mode(const std::string& name);
std::string mode_name(Mode mode);

// A file a request's input was read from, for the settings record.
struct InputFile {
  std::string role;    // "image", "video" or "mask"
  std::string path;    // as the user gave it
  std::string sha256;  // of the file's bytes (a PNG folder: of its file names and bytes)
};

struct GenerationRequest {
  Mode mode = Mode::TextToVideo;
  std::string prompt;
  std::string negative_prompt;
  uint64_t seed = 0;
  int frames = 16;               // multiple of the model's temporal factor, in its frame range
  int fps = 8;                   // 1..60
  int steps = 25;                // base sampling steps, 1..1000
  double guidance = 3.0;         // classifier-free guidance scale, 1..30
  std::string sampler = "ddpm";  // ddpm | ddim | dpmpp2m (docs/training.md: "Sampler")
  int size = 128;                // output frame size (square), 8..1024; 0 = as the models give it
  bool super_resolve = true;     // run the SSR stage when an SSR model is loaded
  int ssr_steps = 8;             // SSR sampling steps, 1..1000
  // SSR starts from the up-sampled clip noised to this fraction of the
  // schedule (1 = from pure noise); lower is faster and stays closer to it.
  double ssr_strength = 0.6;
  double ssr_guidance = 1.0;    // SSR classifier-free guidance, 1..30 (1: one pass per step)
  int ssr_window = 8;           // SSR temporal window (frames); 0 = whole clip
  int ssr_overlap = 2;          // frames shared by neighbouring SSR windows
  double edit_strength = 0.6;   // v2v (SDEdit): 0 keeps the input, 1 ignores it
  std::string style;            // "" or a style pack name
  double style_strength = 0.8;  // W = a * W_style + (1 - a) * W_base, a in 0..1
  Video input_video;            // v2v, inpaint, upscale, outpaint (or input_image)
  Image input_image;            // i2v, cinemagraph, outpaint
  // inpaint, cinemagraph: white (luma >= 128) = regenerate / animate, black =
  // keep. One frame applies to every frame; otherwise one mask per frame.
  // Any size: it is resized (nearest) to the input's size.
  Video mask;
  int expand = 0;         // outpaint: new border, in input pixels, on every side
  int canvas_width = 0;   // outpaint: or the whole canvas size (input centred)
  int canvas_height = 0;  // (both 0 = use `expand`)
  bool composite = true;  // paste known pixels back (feathered) for exact preservation
  // Text-to-video without a style: a prompt naming two objects is generated
  // one object at a time and composed (pipeline/object_composition.h).
  bool compose_objects = true;
  // Text to video: each base pass draws this many clips (seeds apart) and
  // keeps the one the base model denoises best under the prompt, 1..16. 1
  // (a single pass) is the default: two did not measurably raise the eval
  // figures (docs/training.md, "Candidates").
  int candidates = 1;
  // Files the inputs came from, recorded in the settings (role, name, sha256).
  std::vector<InputFile> input_files;
};

struct Progress {
  std::string stage;  // "base" or "ssr"
  int step = 0;       // steps done in this stage
  int total = 0;      // steps in this stage
  // A stage may run several sampling passes of total / passes steps each
  // (base: one per candidate clip of each object, objects one after the
  // other when two are composed); 0-based.
  int pass = 0;
  int passes = 1;
  double eta_seconds = 0;          // estimate for the whole request
  const Video* preview = nullptr;  // clean estimate of all frames (valid during the call)
};

// Per-call callbacks (whisper.cpp style): nothing is stored in the engine.
struct RunCallbacks {
  std::function<void(const Progress&)> on_progress;
  std::function<void(const std::string&)> on_warning;  // e.g. unknown prompt words
  const std::atomic<bool>* cancel = nullptr;           // set to true to cancel
};

}  // namespace lanterna
