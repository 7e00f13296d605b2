#include "test_registry.h"

#include "engine/evaluation.h"
#include "world/caption.h"
#include "world/evaluator.h"
#include "world/render.h"
#include "world/scene_sampler.h"

#include <QTest>

using namespace lanterna;
using namespace lanterna::world;

namespace {

ClipVerdict judge(const Scene& rendered, const std::string& caption, int frames = 16) {
  const auto clip = render_clip(rendered, frames, 128);
  return judge_clip(parse_caption(caption), clip.data(), frames, 128);
}

Scene scene_of(Rng& rng, Motion motion, Shape shape = Shape::Square) {
  Scene s;
  s.background = Background::Gray;
  Object o;
  o.colour = Colour::Red;
  o.shape = shape;
  o.motion = motion;
  sample_motion_parameters(o, rng);
  s.objects.push_back(o);
  return s;
}

}  // namespace

class TestEvaluator : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void groundTruthPasses() {
    for (int frames : {16, 80}) {
      EvalOptions o;
      o.ground_truth = true;
      o.prompts = frames == 16 ? 200 : 30;
      o.seed = 11;
      o.request.frames = frames;
      std::vector<std::string> failures;
      const EvalReport r =
          evaluate(nullptr, o, [&](int, const std::string& c, const ClipVerdict& v) {
            if (!v.all_correct()) failures.push_back(c + ": " + failed_measures(v));
          });
      for (const auto& f : failures) qInfo("ground truth failed: %s", f.c_str());
      QVERIFY2(r.all_correct >= 0.99 * r.clips, qPrintable(QString::fromStdString(r.table())));
      // The per-shape and per-object-count rows add up to the totals, and
      // the world's mix has every shape and both object counts.
      int shapes = 0, shapes_correct = 0;
      for (int k = 0; k < kShapeCount; ++k) {
        QVERIFY(r.shape_total[k] > 0);
        shapes += r.shape_total[k];
        shapes_correct += r.shape_correct[k];
      }
      QCOMPARE(shapes, r.objects);
      QCOMPARE(shapes_correct, r.shape);
      QVERIFY(r.clips_by_count[0] > 0 && r.clips_by_count[1] > 0);
      QCOMPARE(r.clips_by_count[0] + r.clips_by_count[1], r.clips);
      QCOMPARE(r.clips_by_count[0] + 2 * r.clips_by_count[1], r.objects);
      QCOMPARE(r.all_correct_by_count[0] + r.all_correct_by_count[1], r.all_correct);
    }
  }
  void wrongCaptionsFail() {
    Rng rng(5);
    const Scene s = scene_of(rng, Motion::Right);
    QVERIFY(judge(s, "a red square moving right on a gray background").all_correct());
    // Wrong colour, shape, motion, background: each fails its own measure.
    ClipVerdict v = judge(s, "a blue square moving right on a gray background");
    QVERIFY(!v.objects[0].colour && !v.all_correct());
    v = judge(s, "a red circle moving right on a gray background");
    QVERIFY(!v.objects[0].shape && v.objects[0].colour);
    // eval --verbose names what failed, with the evaluator's figures.
    const std::string said = failed_measures(v);
    QVERIFY2(said.rfind("object 1: shape no (seen ", 0) == 0, said.c_str());
    v = judge(s, "a red triangle moving right on a gray background");
    QVERIFY(!v.objects[0].shape);
    v = judge(s, "a red star moving right on a gray background");
    QVERIFY(!v.objects[0].shape);
    v = judge(s, "a red square moving left on a gray background");
    QVERIFY(!v.objects[0].motion && v.objects[0].shape);
    v = judge(s, "a red square moving right on a black background");
    QVERIFY(!v.background && !v.all_correct());
    QVERIFY2(failed_measures(v).rfind("background no", 0) == 0, failed_measures(v).c_str());
    // An extra object the caption does not name breaks consistency.
    Scene two = s;
    Object extra = s.objects[0];
    extra.colour = Colour::Yellow;
    extra.motion = Motion::Still;
    extra.x0 = extra.y0 = 0.5;
    two.objects.push_back(extra);
    QVERIFY(!judge(two, "a red square moving right on a gray background").consistent);
  }
  void everyMotionIsTellApartFromStill() {
    Rng rng(6);
    for (int m = 0; m < kMotionCount; ++m) {
      const Motion motion = static_cast<Motion>(m);
      const Shape shape = motion == Motion::Spinning ? Shape::Triangle : Shape::Square;
      const Scene s = scene_of(rng, motion, shape);
      const std::string named =
          std::string("a red ") + shape_name(shape) + " " +
          (motion == Motion::Left || motion == Motion::Right ? "moving " : "") +
          (motion == Motion::Up     ? "rising"
           : motion == Motion::Down ? "falling"
                                    : motion_name(motion)) +
          " on a gray background";
      const ClipVerdict right = judge(s, named);
      QVERIFY2(right.all_correct(),
               qPrintable(QString::fromStdString(named + ": " + right.objects[0].detail)));
      if (motion != Motion::Still) {
        const std::string still =
            std::string("a red ") + shape_name(shape) + " standing still on a gray background";
        QVERIFY2(!judge(s, still).objects[0].motion, named.c_str());
      }
    }
  }
  void aVanishingObjectFails() {
    Rng rng(7);
    const Scene s = scene_of(rng, Motion::Still);
    auto clip = render_clip(s, 16, 128);
    Scene empty = s;
    empty.objects.clear();
    const auto blank = render_clip(empty, 16, 128);
    std::copy(blank.begin() + 8 * 128 * 128 * 3, blank.end(), clip.begin() + 8 * 128 * 128 * 3);
    const ClipVerdict v = judge_clip(
        parse_caption("a red square standing still on a gray background"), clip.data(), 16, 128);
    QVERIFY(!v.consistent && !v.all_correct());
  }
};

LANTERNA_TEST(TestEvaluator);
#include "tst_evaluator.moc"
