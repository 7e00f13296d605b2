// One real-model run per mode with the shipped models and the example inputs
// of resources/examples: the known content is kept and what is generated
// continues it (same background and palette), which random weights do not.
#include "test_registry.h"
#include "video_compare.h"

#include "common/error.h"
#include "engine/engine.h"
#include "engine/tensor_video.h"
#include "media/media_import.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>

using namespace lanterna;
using namespace lanterna::test;
namespace fs = std::filesystem;

namespace {

const fs::path kRoot = fs::path(LANTERNA_SOURCE_DIR);
const fs::path kExamples = kRoot / "resources" / "examples";

bool everywhere(int, int) {
  return true;
}

Video as_video(const Image& img) {
  Video v;
  v.width = img.width;
  v.height = img.height;
  v.frames = 1;
  v.rgb = img.rgb;
  return v;
}

// Mean absolute difference between horizontal neighbours of `v`, over the
// pixels where the truth has an edge there (edges), or where it is flat
// (grain).
struct EdgeStats {
  double edges = 0;
  double grain = 0;
};
EdgeStats edge_stats(const Video& v, const Video& truth) {
  double edge_sum = 0, flat_sum = 0;
  int64_t edge_n = 0, flat_n = 0;
  for (int f = 0; f < v.frames; ++f)
    for (int y = 0; y < v.height; ++y)
      for (int x = 1; x < v.width; ++x) {
        const size_t i = (static_cast<size_t>(y) * v.width + x) * 3;
        int truth_step = 0, step = 0;
        for (int c = 0; c < 3; ++c) {
          truth_step += std::abs(int(truth.frame(f)[i + c]) - int(truth.frame(f)[i + c - 3]));
          step += std::abs(int(v.frame(f)[i + c]) - int(v.frame(f)[i + c - 3]));
        }
        if (truth_step > 90) {
          edge_sum += step / 3.0;
          ++edge_n;
        } else if (truth_step == 0) {
          flat_sum += step / 3.0;
          ++flat_n;
        }
      }
  return {edge_n ? edge_sum / edge_n : 0, flat_n ? flat_sum / flat_n : 0};
}

double mean_brightness(const Video& v) {
  double sum = 0;
  for (uint8_t b : v.rgb) sum += b;
  return sum / v.rgb.size();
}

// Mean saturation: max - min of each pixel's channels.
double mean_saturation(const Video& v) {
  double sum = 0;
  for (size_t i = 0; i + 2 < v.rgb.size(); i += 3)
    sum += std::max({v.rgb[i], v.rgb[i + 1], v.rgb[i + 2]}) -
           std::min({v.rgb[i], v.rgb[i + 1], v.rgb[i + 2]});
  return sum / (v.rgb.size() / 3);
}

// Blockiness: mean absolute difference between horizontal neighbours across
// the boundaries of `block`-pixel cells, over the same inside the cells.
double blockiness(const Video& v, int block) {
  double across = 0, inside = 0;
  int64_t n_across = 0, n_inside = 0;
  for (int f = 0; f < v.frames; ++f)
    for (int y = 0; y < v.height; ++y)
      for (int x = 1; x < v.width; ++x)
        for (int c = 0; c < 3; ++c) {
          const size_t i = (static_cast<size_t>(y) * v.width + x) * 3 + c;
          const int d = std::abs(int(v.frame(f)[i]) - int(v.frame(f)[i - 3]));
          if (x % block == 0) {
            across += d;
            ++n_across;
          } else {
            inside += d;
            ++n_inside;
          }
        }
  return (across / n_across + 1e-3) / (inside / n_inside + 1e-3);
}

// One style pack run: the unstyled clip, strength 0 and strength 1.
struct StyleRun {
  Video plain;         // no style
  Video full;          // the style at strength 1
  bool zero_is_plain;  // strength 0 gave `plain` bit for bit
};

// Where the example masks are white.
bool in_band(int x, int) {
  return x >= 36 && x < 92;
}
bool in_ellipse(int x, int y) {
  return ((x - 64) / 44.0) * ((x - 64) / 44.0) + ((y - 64) / 36.0) * ((y - 64) / 36.0) <= 1.0;
}

}  // namespace

class TestShippedModes : public QObject {
  Q_OBJECT
  std::unique_ptr<Engine> engine_;
  Image still_;
  Video clip_;

  GenerationRequest request(Mode mode, const std::string& prompt) const {
    GenerationRequest r;
    r.mode = mode;
    r.prompt = prompt;
    r.steps = 12;
    r.seed = 3;
    // The mode tests judge the 32x32 base stage; SSR has its own test.
    r.super_resolve = false;
    return r;
  }

 private Q_SLOTS:
  void initTestCase() {
    // LANTERNA_MODELS points at another models folder (as for the CLI).
    const char* models = std::getenv("LANTERNA_MODELS");
    engine_ = std::make_unique<Engine>(
        EngineOptions{models ? fs::path(models) : kRoot / "resources" / "models", 0});
    still_ = read_image(kExamples / "still.png");
    ImportOptions o;
    o.max_frames = 16;
    clip_ = read_video(kExamples / "clip.mp4", o);
  }
  void imageToVideo() {
    GenerationRequest r = request(Mode::ImageToVideo, "a green star rising in a night sky");
    r.input_image = still_;
    const Video v = engine_->generate(r);
    const Video still = as_video(still_);
    QVERIFY(psnr_where(v, 0, still, 0, everywhere) >= 35);
    // Later frames keep the still's night sky (most of the frame).
    double worst = 99;
    for (int f = 1; f < v.frames; ++f)
      worst = std::min(worst, psnr_where(v, f, still, 0, everywhere));
    qInfo("i2v: worst later-frame PSNR against the still %.1f dB", worst);
    QVERIFY2(worst >= 16, std::to_string(worst).c_str());
  }
  void inpaint() {
    GenerationRequest r = request(Mode::Inpaint, "a white ball going left on a grey background");
    r.input_video = clip_;
    r.mask = read_video(kExamples / "mask_centre.png");
    const Video v = engine_->generate(r);
    double outside = 99, inside = 99;
    for (int f = 0; f < v.frames; ++f) {
      outside =
          std::min(outside, psnr_where(v, f, clip_, f, [](int x, int y) {
                     return !in_ellipse(x, y) && ((x - 64) / 48.0) * ((x - 64) / 48.0) +
                                                         ((y - 64) / 40.0) * ((y - 64) / 40.0) >
                                                     1.0;
                   }));
      inside = std::min(inside, psnr_where(v, f, clip_, f, in_ellipse));
    }
    qInfo("inpaint: outside the mask %.1f dB, inside (regenerated) %.1f dB", outside, inside);
    QVERIFY(outside >= 45);
    QVERIFY2(inside >= 12, std::to_string(inside).c_str());  // grey background continues
  }
  void cinemagraph() {
    GenerationRequest r = request(Mode::Cinemagraph, "a green star rising in a night sky");
    r.input_image = still_;
    r.mask = read_video(kExamples / "mask_band.png");
    const Video v = engine_->generate(r);
    const Video still = as_video(still_);
    double outside = 99, inside = 99;
    for (int f = 0; f < v.frames; ++f) {
      outside = std::min(
          outside, psnr_where(v, f, still, 0, [](int x, int y) { return x < 32 || x >= 96; }));
      inside = std::min(inside, psnr_where(v, f, still, 0, in_band));
    }
    qInfo("cinemagraph: outside %.1f dB, inside the band %.1f dB", outside, inside);
    QVERIFY(outside >= 45);
    QVERIFY2(inside >= 12, std::to_string(inside).c_str());
  }
  void outpaint() {
    GenerationRequest r = request(Mode::Outpaint, "a green star in a night sky");
    r.input_image = still_;
    r.expand = 32;  // 192x192 canvas -> 128x128 output, the still in the middle 85x85
    const Video v = engine_->generate(r);
    QCOMPARE(v.width, 128);
    // The new border continues the night sky: compare with a frame of it.
    Video sky;
    sky.width = sky.height = 128;
    sky.frames = 1;
    sky.rgb.resize(128 * 128 * 3);
    for (size_t i = 0; i < sky.rgb.size(); ++i) sky.rgb[i] = still_.rgb[i % 3];  // corner colour
    double border = 99;
    for (int f = 0; f < v.frames; ++f)
      border = std::min(border, psnr_where(v, f, sky, 0, [](int x, int y) {
                          return x < 16 || x >= 112 || y < 16 || y >= 112;
                        }));
    qInfo("outpaint: border against the night sky %.1f dB", border);
    QVERIFY2(border >= 16, std::to_string(border).c_str());
  }
  void videoToVideo() {
    GenerationRequest r =
        request(Mode::VideoToVideo, "a white ball going left on a grey background");
    r.input_video = clip_;
    r.edit_strength = 0.3;
    const Video v = engine_->generate(r);
    double worst = 99;
    for (int f = 0; f < v.frames; ++f)
      worst = std::min(worst, psnr_where(v, f, clip_, f, everywhere));
    qInfo("v2v at strength 0.3: worst frame PSNR against the input %.1f dB", worst);
    QVERIFY2(worst >= 24, std::to_string(worst).c_str());
  }
  void upscale() {
    // The 128x128 example clip is the ground truth: the engine pools it to
    // 32x32 and the SSR model brings it back to 128x128. Bicubic up-sampling
    // of the same 32x32 frames is the baseline.
    GenerationRequest r = request(Mode::Upscale, "");
    r.input_video = clip_;  // default SSR settings: 8 steps from strength 0.6
    const Video v = engine_->generate(r);
    QCOMPARE(v.width, 128);
    QCOMPARE(v.height, 128);
    QCOMPARE(v.frames, clip_.frames);
    const at::Tensor low = at::adaptive_avg_pool2d(video_to_tensor(clip_, 128), {32, 32});
    const Video bicubic =
        tensor_to_video(at::upsample_bicubic2d(low, {128, 128}, false).clamp(-1, 1), clip_.fps);
    double ssr_psnr = 0, bicubic_psnr = 0;
    for (int f = 0; f < v.frames; ++f) {
      ssr_psnr += psnr_where(v, f, clip_, f, everywhere) / v.frames;
      bicubic_psnr += psnr_where(bicubic, f, clip_, f, everywhere) / v.frames;
    }
    // Sharpness: the step across the truth's edges (bicubic spreads it over
    // four pixels); grain: what appears where the truth is flat.
    const EdgeStats ssr = edge_stats(v, clip_), bi = edge_stats(bicubic, clip_),
                    truth = edge_stats(clip_, clip_);
    // Consistency: the SSR output pooled back to 32x32 is the input.
    const at::Tensor back = at::adaptive_avg_pool2d(video_to_tensor(v, 128), {32, 32});
    const double consistency = 10 * std::log10(4.0 / (back - low).pow(2).mean().item<double>());
    qInfo(
        "upscale: PSNR against the 128x128 truth %.1f dB (bicubic %.1f dB); step across "
        "edges %.1f (bicubic %.1f, truth %.1f); grain on flat areas %.2f (bicubic %.2f); "
        "pooled back to 32x32 %.1f dB",
        ssr_psnr, bicubic_psnr, ssr.edges, bi.edges, truth.edges, ssr.grain, bi.grain, consistency);
    QVERIFY2(ssr_psnr >= 31, std::to_string(ssr_psnr).c_str());
    QVERIFY2(consistency >= 38, std::to_string(consistency).c_str());
    // The shipped SSR (GPU-trained, 2026-11-27) draws edges sharper than
    // bicubic's (25.0 against 20.4, still far from the truth's 62.9) and adds
    // a little grain on flat areas (2.7 levels; the CPU-trained model: edges
    // 21.4, grain 3.4).
    QVERIFY2(ssr.edges >= 1.1 * bi.edges, std::to_string(ssr.edges).c_str());
    QVERIFY2(ssr.grain < 5, std::to_string(ssr.grain).c_str());
  }
  // A style pack at strength 0 is the unstyled model, bit for bit; at
  // strength 1 the clip takes on the style's look.
  Video styled(const std::string& style, double strength, const std::string& prompt) {
    GenerationRequest r = request(Mode::TextToVideo, prompt);
    r.size = 32;  // the base model's own frames (the styles are learned at 32x32)
    r.style = style;
    r.style_strength = strength;
    return engine_->generate(r);
  }
  StyleRun style_run(const std::string& style, const std::string& prompt) {
    StyleRun run;
    run.plain = styled("", 0.8, prompt);
    run.zero_is_plain = styled(style, 0.0, prompt).rgb == run.plain.rgb;
    run.full = styled(style, 1.0, prompt);
    return run;
  }
  void neonStylePack() {
    const StyleRun run = style_run("neon", "a red circle moving right on a grey background");
    QVERIFY(run.zero_is_plain);
    const Video &plain = run.plain, &neon = run.full;
    // Neon's black background: far darker than the grey one asked for.
    qInfo("style neon: mean brightness %.1f against %.1f unstyled", mean_brightness(neon),
          mean_brightness(plain));
    QVERIFY(mean_brightness(neon) < 0.5 * mean_brightness(plain));
  }
  void sketchStylePack() {
    const StyleRun run = style_run("sketch", "a yellow square moving left in a night sky");
    QVERIFY(run.zero_is_plain);
    const Video &plain = run.plain, &sketch = run.full;
    // Sketch's light paper tone and grey strokes: a dark, colourful night
    // sky becomes light and nearly colourless.
    qInfo("style sketch: mean brightness %.1f against %.1f unstyled, saturation %.1f against %.1f",
          mean_brightness(sketch), mean_brightness(plain), mean_saturation(sketch),
          mean_saturation(plain));
    QVERIFY(mean_brightness(sketch) > 2 * mean_brightness(plain));
    QVERIFY(mean_saturation(sketch) < 0.5 * mean_saturation(plain));
  }
  void pixelStylePack() {
    const StyleRun run =
        style_run("pixel", "a large red circle moving right on a white background");
    QVERIFY(run.zero_is_plain);
    const Video &plain = run.plain, &pixel = run.full;
    // Pixel art: 4x4-pixel cells of one colour, so neighbours differ mostly
    // across cell boundaries (a large object: a small one shrinks to a cell
    // or two, and a flat frame has no boundaries to measure).
    qInfo("style pixel: blockiness %.2f against %.2f unstyled", blockiness(pixel, 4),
          blockiness(plain, 4));
    QVERIFY(blockiness(pixel, 4) > 2 * blockiness(plain, 4));
  }
};

LANTERNA_TEST(TestShippedModes);
#include "tst_shipped_modes.moc"
