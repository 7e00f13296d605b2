// Object composition: a two-object prompt splits into one caption per object,
// and composing the world's renders of each object alone gives the render of
// the whole scene (the first-named object on top).
#include "test_registry.h"

#include "engine/tensor_video.h"
#include "pipeline/object_composition.h"
#include "world/caption.h"
#include "world/render.h"
#include "world/scene_sampler.h"

#include <QTest>

using namespace lanterna;
namespace w = lanterna::world;

namespace {

at::Tensor rendered(const w::Scene& scene, int frames, int size) {
  Video v;
  v.width = v.height = size;
  v.frames = frames;
  v.rgb = w::render_clip(scene, frames, size);
  return video_to_tensor(v, size);
}

w::Scene only(const w::Scene& scene, size_t k) {
  w::Scene part = scene;
  part.objects = {scene.objects[k]};
  return part;
}

}  // namespace

class TestObjectComposition : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void splitsTwoObjectPromptsIntoOneCaptionPerObject() {
    const auto parts = split_objects(
        "a large red circle rising and a small blue square spinning on a white background");
    QVERIFY(parts.has_value());
    QCOMPARE(parts->captions.size(), size_t(2));
    const w::Colour colours[] = {w::Colour::Red, w::Colour::Blue};
    const w::Shape shapes[] = {w::Shape::Circle, w::Shape::Square};
    const w::Size sizes[] = {w::Size::Large, w::Size::Small};
    const w::Motion motions[] = {w::Motion::Up, w::Motion::Spinning};
    for (size_t k = 0; k < 2; ++k) {
      const w::ParsedCaption p = w::parse_caption(parts->captions[k]);
      QVERIFY2(p.complete() && p.unknown_words.empty(), parts->captions[k].c_str());
      QCOMPARE(p.objects.size(), size_t(1));
      QCOMPARE(*p.background, w::Background::White);
      QVERIFY(p.objects[0].colour == colours[k]);
      QVERIFY(p.objects[0].shape == shapes[k]);
      QVERIFY(p.objects[0].size == sizes[k]);
      QVERIFY(*p.objects[0].motion == motions[k]);
    }
    QCOMPARE(parts->fills[0][0], 220 / 127.5f - 1);  // red's sRGB
    QCOMPARE(parts->background[2], 1.f);             // white
  }

  void leavesOtherPromptsWhole() {
    // One object, words outside the vocabulary, or an incomplete caption:
    // nothing to split, so the engine keeps one pass.
    QVERIFY(!split_objects("a red circle moving right on a black background"));
    QVERIFY(!split_objects("a red circle moving right and a blue dragon spinning on black"));
    QVERIFY(!split_objects("a red circle moving right and a blue square on black"));
    QVERIFY(!split_objects("a red circle rising and a blue square falling"));
    // An object the colour of the background could not be told from it.
    QVERIFY(!split_objects("a white circle moving left and a red square rising on white"));
    QVERIFY(split_objects("a black circle moving left and a red square rising on white"));
    QVERIFY(!split_objects(""));
  }

  void alphaIsTheObjectsCoverage() {
    // Background pixels 0, object pixels 1, and an even mix of the two 0.5.
    const std::array<float, 3> bg = {-1, -1, -1}, fill = {0.6f, -0.6f, -0.2f};
    at::Tensor clip = at::full({1, 3, 1, 3}, -1.0);
    for (int c = 0; c < 3; ++c) {
      clip.index_put_({0, c, 0, 1}, fill[c]);
      clip.index_put_({0, c, 0, 2}, (fill[c] + bg[c]) / 2);
    }
    const at::Tensor a = object_alpha(clip, fill, bg).flatten();
    QCOMPARE(a.size(0), int64_t(3));
    QVERIFY(std::abs(a[0].item<float>()) < 1e-6);
    QVERIFY(std::abs(a[1].item<float>() - 1) < 1e-6);
    QVERIFY(std::abs(a[2].item<float>() - 0.5f) < 1e-6);
  }

  void composingEachObjectsRenderGivesTheScenesRender() {
    // Every two-object scene of a few seeds, overlapping ones included: the
    // composition of the objects rendered alone is the scene's own render,
    // to within anti-aliasing where the two objects' edges meet.
    w::SceneOptions two;
    two.two_object_rate = 1;
    int scenes = 0;
    for (uint64_t seed = 0; seed < 12; ++seed) {
      w::Rng rng(seed, 7);
      const w::Scene scene = w::sample_scene(rng, two);
      QCOMPARE(scene.objects.size(), size_t(2));
      w::Rng caption_rng(seed, 8);
      const auto parts = split_objects(w::caption_for(scene, caption_rng));
      QVERIFY(parts.has_value());
      const int frames = 16, size = 32;
      const at::Tensor whole = rendered(scene, frames, size);
      const at::Tensor composed = compose_parts(
          {rendered(only(scene, 0), frames, size), rendered(only(scene, 1), frames, size)}, *parts);
      const at::Tensor error = (composed - whole).abs();
      // Mean error under 1/255 per value, and no pixel off by more than an
      // edge's anti-aliasing allows.
      QVERIFY2(error.mean().item<double>() < 2.0 / 255, std::to_string(seed).c_str());
      QVERIFY2(error.max().item<double>() < 0.6, std::to_string(seed).c_str());
      // And it is not the render of either object alone.
      QVERIFY((composed - rendered(only(scene, 0), frames, size)).abs().max().item<double>() > 0.1);
      QVERIFY((composed - rendered(only(scene, 1), frames, size)).abs().max().item<double>() > 0.1);
      ++scenes;
    }
    QCOMPARE(scenes, 12);
  }
};

LANTERNA_TEST(TestObjectComposition);
#include "tst_object_composition.moc"
