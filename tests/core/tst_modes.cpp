// Every generation mode end to end on tiny random-weight models: the
// mechanics (known content kept, masks respected, identities at strength 0,
// geometry, validation), not the picture quality.
#include "fixtures.h"
#include "video_compare.h"
#include "test_registry.h"

#include "common/error.h"
#include "engine/engine.h"
#include "engine/tensor_video.h"

#include <QTest>

#include <cmath>

using namespace lanterna;
using namespace lanterna::test;
namespace fs = std::filesystem;

namespace {

// A still with structure everywhere (so a wrong crop or offset shows).
Image pattern_image(int w, int h, int seed) {
  Image img;
  img.width = w;
  img.height = h;
  img.rgb.resize(static_cast<size_t>(w) * h * 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < 3; ++c)
        img.rgb[(static_cast<size_t>(y) * w + x) * 3 + c] =
            static_cast<uint8_t>((x * 7 + y * 13 + c * 50 + seed * 31) % 256);
  return img;
}

Video pattern_video(int frames, int w, int h) {
  Video v;
  v.width = w;
  v.height = h;
  v.frames = frames;
  for (int f = 0; f < frames; ++f) {
    const Image img = pattern_image(w, h, f);
    v.rgb.insert(v.rgb.end(), img.rgb.begin(), img.rgb.end());
  }
  return v;
}

// A mask image: white (regenerate) in the left `fraction` of the width.
Video left_mask(int w, int h, double fraction) {
  Video m;
  m.width = w;
  m.height = h;
  m.frames = 1;
  m.rgb.assign(static_cast<size_t>(w) * h * 3, 0);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w * fraction; ++x)
      for (int c = 0; c < 3; ++c) m.rgb[(static_cast<size_t>(y) * w + x) * 3 + c] = 255;
  return m;
}

// The input as the pipeline sees it at `size`: centre crop + resize.
Video fitted(const Video& v, int size) {
  return tensor_to_video(video_to_tensor(v, size), v.fps);
}
Video fitted(const Image& img, int size) {
  return tensor_to_video(image_to_tensor(img, size), 8);
}

bool frames_equal(const Video& a, int f, const Video& b, int g) {
  return std::equal(a.frame(f), a.frame(f) + a.frame_bytes(), b.frame(g));
}

}  // namespace

class TestModes : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  fs::path models_, base_only_;
  std::unique_ptr<Engine> engine_;

  GenerationRequest request(Mode mode) const {
    GenerationRequest r;
    r.mode = mode;
    r.prompt = "a red circle moving right on a black background";
    r.frames = 8;
    r.steps = 2;
    r.ssr_steps = 1;
    r.ssr_window = 4;
    r.seed = 11;
    r.size = 32;  // the tiny SSR model's resolution
    return r;
  }

  void expect_usage_error(const GenerationRequest& r, const std::string& words) {
    try {
      engine_->generate(r);
      QFAIL(("no error; expected: " + words).c_str());
    } catch (const Error& e) {
      QVERIFY2(e.code() == ErrorCode::InvalidArgument, e.what());
      QVERIFY2(std::string(e.what()).find(words) != std::string::npos, e.what());
    }
  }

 private Q_SLOTS:
  void initTestCase() {
    models_ = fs::path(tmp_.path().toStdString()) / "models";
    base_only_ = fs::path(tmp_.path().toStdString()) / "base_only";
    write_tiny_models(models_, true, true);
    write_tiny_models(base_only_, false, false);
    engine_ = std::make_unique<Engine>(EngineOptions{models_, 0});
  }
  void imageToVideoKeepsTheFirstFrame() {
    GenerationRequest r = request(Mode::ImageToVideo);
    r.input_image = pattern_image(48, 40, 1);  // not square: centre-cropped
    const Video v = engine_->generate(r);
    QCOMPARE(v.frames, 8);
    QCOMPARE(v.width, 32);
    const Video expected = fitted(r.input_image, 32);
    const double db = psnr_where(v, 0, expected, 0, [](int, int) { return true; });
    QVERIFY2(db >= 35, std::to_string(db).c_str());
    QVERIFY(!frames_equal(v, 1, expected, 0));  // the rest is generated
  }
  void inpaintKeepsEverythingOutsideTheMask() {
    GenerationRequest r = request(Mode::Inpaint);
    r.input_video = pattern_video(10, 32, 32);
    r.mask = left_mask(64, 64, 0.5);  // any size with the input's aspect ratio
    const Video v = engine_->generate(r);
    const Video in = fitted(r.input_video, 32);
    for (int f = 0; f < 8; ++f) {
      const double outside = psnr_where(v, f, in, f, [](int x, int) { return x >= 16; });
      QVERIFY2(outside >= 45, std::to_string(outside).c_str());
      const double inside = psnr_where(v, f, in, f, [](int x, int) { return x < 14; });
      QVERIFY2(inside < 30, std::to_string(inside).c_str());  // regenerated
    }
    // Per-frame masks: frame f regenerates a different region.
    Video masks = left_mask(32, 32, 0.25);
    const Video right = left_mask(32, 32, 0.75);
    masks.frames = 8;
    masks.rgb.clear();
    for (int f = 0; f < 8; ++f) {
      const Video& m = f % 2 ? right : left_mask(32, 32, 0.25);
      masks.rgb.insert(masks.rgb.end(), m.rgb.begin(), m.rgb.end());
    }
    r.mask = masks;
    const Video per_frame = engine_->generate(r);
    QVERIFY(psnr_where(per_frame, 0, in, 0, [](int x, int) { return x >= 8; }) >= 45);
    QVERIFY(psnr_where(per_frame, 1, in, 1, [](int x, int) { return x >= 24; }) >= 45);
    QVERIFY(psnr_where(per_frame, 1, in, 1, [](int x, int) { return x >= 8 && x < 22; }) < 30);
  }
  void cinemagraphMovesOnlyThePaintedRegion() {
    GenerationRequest r = request(Mode::Cinemagraph);
    r.input_image = pattern_image(32, 32, 2);
    r.mask = left_mask(32, 32, 0.5);
    const Video v = engine_->generate(r);
    const Video still = fitted(r.input_image, 32);
    QVERIFY(frames_equal(v, 0, still, 0));
    for (int f = 1; f < 8; ++f) {
      QVERIFY(psnr_where(v, f, still, 0, [](int x, int) { return x >= 16; }) >= 45);
      QVERIFY(psnr_where(v, f, still, 0, [](int x, int) { return x < 14; }) < 30);
    }
  }
  void outpaintGrowsTheCanvasAroundTheInput() {
    GenerationRequest r = request(Mode::Outpaint);
    r.input_image = pattern_image(16, 16, 3);
    r.expand = 8;  // 32x32 canvas, the input in the middle
    const Video v = engine_->generate(r);
    QCOMPARE(v.width, 32);
    QCOMPARE(v.height, 32);
    Video centre;
    centre.width = centre.height = 32;
    centre.frames = 1;
    centre.rgb.assign(32 * 32 * 3, 0);
    for (int y = 0; y < 16; ++y)
      std::copy_n(&r.input_image.rgb[y * 16 * 3], 16 * 3, &centre.rgb[((y + 8) * 32 + 8) * 3]);
    auto inside = [](int x, int y) { return x >= 8 && x < 24 && y >= 8 && y < 24; };
    for (int f = 0; f < 8; ++f) QVERIFY(psnr_where(v, f, centre, 0, inside) >= 45);
    QVERIFY(psnr_where(v, 3, centre, 0, [](int x, int) { return x < 6; }) < 30);
    // A wide canvas gives a wide output, its longer side at --size.
    r.expand = 0;
    r.canvas_width = 48;
    r.canvas_height = 24;
    const Video wide = engine_->generate(r);
    QCOMPARE(wide.width, 32);
    QCOMPARE(wide.height, 16);
  }
  void videoToVideoStrengthZeroReturnsTheInput() {
    GenerationRequest r = request(Mode::VideoToVideo);
    r.input_video = pattern_video(8, 40, 40);
    r.edit_strength = 0.0;
    r.super_resolve = false;
    r.size = 16;  // the tiny base resolution: no resize after sampling
    const Video v = engine_->generate(r);
    const Video in = fitted(r.input_video, 16);
    QVERIFY(v.rgb == in.rgb);
    r.edit_strength = 1.0;
    QVERIFY(engine_->generate(r).rgb != in.rgb);
  }
  void styleStrengthZeroIsTheUnstyledResult() {
    GenerationRequest r = request(Mode::TextToVideo);
    const Video plain = engine_->generate(r);
    r.style = "sketch";
    r.style_strength = 0.0;
    QVERIFY(engine_->generate(r).rgb == plain.rgb);
    r.style_strength = 0.8;
    const Video styled = engine_->generate(r);
    QVERIFY(styled.rgb != plain.rgb);
    QVERIFY(styled.settings_json.find("\"style\":\"sketch\"") != std::string::npos);
    r.style.clear();
    QVERIFY(engine_->generate(r).rgb == plain.rgb);  // the base weights came back
    // Styles apply to the conditional model too.
    GenerationRequest i2v = request(Mode::ImageToVideo);
    i2v.input_image = pattern_image(32, 32, 4);
    const Video i2v_plain = engine_->generate(i2v);
    i2v.style = "sketch";
    i2v.style_strength = 0.0;
    QVERIFY(engine_->generate(i2v).rgb == i2v_plain.rgb);
  }
  void upscaleRunsOnlyTheSuperResolutionStage() {
    GenerationRequest r = request(Mode::Upscale);
    r.prompt.clear();  // not needed
    r.input_video = pattern_video(6, 16, 16);
    std::vector<std::string> stages;
    RunCallbacks cb;
    cb.on_progress = [&](const Progress& p) { stages.push_back(p.stage); };
    const Video v = engine_->generate(r, cb);
    QCOMPARE(v.frames, 6);
    QCOMPARE(v.width, 32);
    QCOMPARE(stages, std::vector<std::string>{"ssr"});
  }
  void settingsRecordModelsAndInputs() {
    GenerationRequest r = request(Mode::ImageToVideo);
    r.input_image = pattern_image(32, 32, 5);
    r.input_files.push_back({"image", "still.png", "abc123"});
    const std::string s = engine_->generate(r).settings_json;
    for (const char* key : {"\"mode\":\"i2v\"", "\"role\":\"conditional\"", "\"role\":\"ssr\"",
                            "\"sha256\":\"abc123\"", "\"path\":\"still.png\"", "\"seed\":11"})
      QVERIFY2(s.find(key) != std::string::npos, (s + " lacks " + key).c_str());
  }
  void badRequestsGetClearErrors() {
    GenerationRequest r = request(Mode::Inpaint);
    r.input_video = pattern_video(8, 32, 32);
    expect_usage_error(r, "needs a mask");
    r.mask = left_mask(32, 16, 0.5);
    expect_usage_error(r, "aspect ratio");
    r.mask = pattern_video(3, 32, 32);
    expect_usage_error(r, "the mask has 3 frames");
    r.mask = left_mask(32, 32, 0.5);
    r.input_video = pattern_video(5, 32, 32);
    expect_usage_error(r, "fewer than the 8 requested");
    GenerationRequest i2v = request(Mode::ImageToVideo);
    expect_usage_error(i2v, "needs an input image");
    i2v.input_image = pattern_image(4, 4, 0);
    expect_usage_error(i2v, "8x8 up to 4096x4096");
    GenerationRequest out = request(Mode::Outpaint);
    out.input_image = pattern_image(16, 16, 0);
    expect_usage_error(out, "--expand");
    out.canvas_width = 12;
    out.canvas_height = 20;
    expect_usage_error(out, "must hold the input");
    GenerationRequest t2v = request(Mode::TextToVideo);
    t2v.style = "watercolour";
    expect_usage_error(t2v, "style 'watercolour' is not installed (installed: sketch)");
    t2v.style.clear();
    t2v.mask = left_mask(8, 8, 0.5);
    expect_usage_error(t2v, "takes no mask");
    t2v.mask = Video();
    t2v.frames = 6;
    expect_usage_error(t2v, "frames must be a multiple of");
    t2v.frames = 8;
    t2v.ssr_guidance = 0.5;
    expect_usage_error(t2v, "ssr guidance must be in 1..30");
    t2v.ssr_guidance = 1;
    t2v.ssr_strength = 0;
    expect_usage_error(t2v, "ssr strength must be in (0, 1]");
    Engine base_only({base_only_, 0});
    GenerationRequest needs = request(Mode::Cinemagraph);
    needs.input_image = pattern_image(16, 16, 0);
    needs.mask = left_mask(16, 16, 0.5);
    try {
      base_only.generate(needs);
      QFAIL("no error without a conditional model");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("needs the conditional model") != std::string::npos,
               e.what());
    }
  }
};

LANTERNA_TEST(TestModes);
#include "tst_modes.moc"
