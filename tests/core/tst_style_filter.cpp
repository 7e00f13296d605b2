#include "test_registry.h"

#include "common/error.h"
#include "model/tokenizer.h"
#include "train/batch_source.h"
#include "train/stage.h"
#include "world/render.h"
#include "world/rng.h"
#include "world/scene_sampler.h"
#include "world/style_filter.h"

#include <QTest>

#include <set>

using namespace lanterna;
using namespace lanterna::world;

namespace {

// A frame with a saturated red disc on a mid-grey background.
std::vector<uint8_t> disc_frame(int size) {
  std::vector<uint8_t> rgb(static_cast<size_t>(size) * size * 3);
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const bool inside = (x - size / 2) * (x - size / 2) + (y - size / 2) * (y - size / 2) <
                          (size / 4) * (size / 4);
      uint8_t* p = &rgb[(static_cast<size_t>(y) * size + x) * 3];
      p[0] = inside ? 230 : 128;
      p[1] = inside ? 30 : 128;
      p[2] = inside ? 30 : 128;
    }
  return rgb;
}

int saturation(const uint8_t* p) {
  return std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]});
}

}  // namespace

class TestStyleFilter : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void sketchIsDarkStrokesOnPaper() {
    std::vector<uint8_t> f = disc_frame(64);
    apply_style(Style::Sketch, 64, f.data());
    for (size_t i = 0; i < f.size(); i += 3) QVERIFY(saturation(&f[i]) <= 40);
    const uint8_t* corner = &f[0];
    QVERIFY(corner[0] > 190);                          // paper
    const uint8_t* rim = &f[(32 * 64 + 32 + 16) * 3];  // on the disc's edge
    QVERIFY2(rim[0] < 140, std::to_string(rim[0]).c_str());
  }
  void neonIsGlowingColouredLinesOnBlack() {
    std::vector<uint8_t> f = disc_frame(64);
    apply_style(Style::Neon, 64, f.data());
    const uint8_t* corner = &f[0];
    QVERIFY(corner[0] < 10 && corner[1] < 10 && corner[2] < 10);
    const uint8_t* centre = &f[(32 * 64 + 32) * 3];  // inside the disc, far from its edge
    QVERIFY(centre[0] < 10);
    const uint8_t* rim = &f[(32 * 64 + 32 + 16) * 3];
    QVERIFY2(rim[0] > 150 && rim[1] < 80, std::to_string(rim[0]).c_str());  // bright red line
  }
  void pixelHasBlocksAndAtMostEightColours() {
    Rng rng(3);
    const Scene scene = sample_scene(rng);
    std::vector<uint8_t> f(64 * 64 * 3);
    render_frame(scene, 0, 16, 64, f.data());
    apply_style(Style::Pixel, 64, f.data());
    std::set<std::array<uint8_t, 3>> colours;
    for (size_t i = 0; i < f.size(); i += 3) colours.insert({f[i], f[i + 1], f[i + 2]});
    QVERIFY(colours.size() <= 8);
    for (int y = 0; y < 64; ++y)
      for (int x = 0; x < 64; ++x)
        QVERIFY(std::equal(&f[(y * 64 + x) * 3], &f[(y * 64 + x) * 3] + 3,
                           &f[((y / 4 * 4) * 64 + x / 4 * 4) * 3]));
  }
  void filtersAreDeterministicAndNamesParse() {
    for (const std::string& name : style_names()) {
      std::vector<uint8_t> a = disc_frame(32), b = disc_frame(32);
      apply_style(parse_style(name), 32, a.data());
      apply_style(parse_style(name), 32, b.data());
      QVERIFY(a == b);
      QVERIFY(a != disc_frame(32));
      QCOMPARE(std::string(style_name(parse_style(name))), name);
    }
    QVERIFY_THROWS_EXCEPTION(Error, parse_style("watercolour"));
  }
  void styleStagesTrainOnFilteredFrames() {
    const train::StageSpec spec = train::stage_spec("style-neon");
    QCOMPARE(spec.style, std::string("neon"));
    QVERIFY(!spec.model.unet.temporal);
    const Tokenizer tok(spec.model.text.vocab, spec.model.text.max_tokens);
    const train::Batch b = train::make_batch(spec, tok, 1, 0, 4);
    // Neon frames are mostly black: far darker than the world's backgrounds.
    const double mean = ((b.x0 + 1.0) * 0.5).mean().item<double>();
    QVERIFY2(mean < 0.2, std::to_string(mean).c_str());
    QVERIFY_THROWS_EXCEPTION(Error, train::stage_spec("style-oil"));
  }
};

LANTERNA_TEST(TestStyleFilter);
#include "tst_style_filter.moc"
