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
  void neonStylePack() {
    GenerationRequest r =
        request(Mode::TextToVideo, "a red circle moving right on a grey background");
    r.frames = 16;
    const Video plain = engine_->generate(r);
    r.style = "neon";
    r.style_strength = 0.0;
    QVERIFY(engine_->generate(r).rgb == plain.rgb);
    r.style_strength = 1.0;
    const Video neon = engine_->generate(r);
    auto mean = [](const Video& v) {
      double sum = 0;
      for (uint8_t b : v.rgb) sum += b;
      return sum / v.rgb.size();
    };
    // Neon's black background: far darker than the grey one asked for.
    qInfo("style neon: mean brightness %.1f against %.1f unstyled", mean(neon), mean(plain));
    QVERIFY(mean(neon) < 0.5 * mean(plain));
  }
};

LANTERNA_TEST(TestShippedModes);
#include "tst_shipped_modes.moc"
