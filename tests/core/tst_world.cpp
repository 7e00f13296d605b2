#include "test_registry.h"

#include "common/error.h"

#include "world/caption.h"
#include "world/render.h"
#include "world/scene_sampler.h"
#include "world/vocabulary.h"
#include "model/tokenizer.h"

#include <QTest>

#include <cmath>
#include <set>

using namespace lanterna;
using namespace lanterna::world;

namespace {

Rgb pixel(const std::vector<uint8_t>& clip, int size, int frame, int x, int y) {
  const size_t i = ((static_cast<size_t>(frame) * size + y) * size + x) * 3;
  return {clip[i], clip[i + 1], clip[i + 2]};
}

Scene one_object(Background bg, Colour c, Shape s, Motion m) {
  Scene scene;
  scene.background = bg;
  Object o;
  o.colour = c;
  o.shape = s;
  o.motion = m;
  scene.objects.push_back(o);
  return scene;
}

// `scene`'s object with a copy of it doing `second` beside it, both with
// their motion parameters drawn.
Scene with_copy_doing(Scene scene, Motion second, Rng& rng) {
  Object copy = scene.objects[0];
  copy.motion = second;
  sample_motion_parameters(scene.objects[0], rng);
  sample_motion_parameters(copy, rng);
  scene.objects.push_back(copy);
  return scene;
}

}  // namespace

class TestWorld : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void rendersExactColours() {
    Scene s = one_object(Background::Night, Colour::Orange, Shape::Square, Motion::Still);
    const auto clip = render_clip(s, 16, 64);
    QCOMPARE(clip.size(), size_t(16 * 64 * 64 * 3));
    QCOMPARE(pixel(clip, 64, 0, 0, 0), background_rgb(Background::Night));
    QCOMPARE(pixel(clip, 64, 15, 32, 32), colour_rgb(Colour::Orange));
  }
  void shapesHaveTheirArea() {
    // Rendered area in pixels against the analytic area of each shape.
    const int size = 128;
    const double r = size_radius(Size::Large) * size;
    const double expected[] = {M_PI * r * r, 2 * r * r, 3 * std::sqrt(3.0) / 4 * r * r,
                               5 * r * (0.45 * r) * std::sin(2 * M_PI / 10)};
    for (int k = 0; k < kShapeCount; ++k) {
      Scene s = one_object(Background::Black, Colour::White, static_cast<Shape>(k), Motion::Still);
      s.objects[0].size = Size::Large;
      const auto clip = render_clip(s, 1, size);
      double area = 0;
      for (size_t i = 0; i < clip.size(); i += 3) area += clip[i] / 245.0;
      QVERIFY2(std::fabs(area - expected[k]) < 0.03 * expected[k] + 4,
               qPrintable(QString("%1: %2 vs %3")
                              .arg(shape_name(static_cast<Shape>(k)))
                              .arg(area)
                              .arg(expected[k])));
    }
  }
  void antiAliasesEdges() {
    Scene s = one_object(Background::Black, Colour::White, Shape::Circle, Motion::Still);
    const auto clip = render_clip(s, 1, 32);
    int partial = 0;
    for (size_t i = 0; i < clip.size(); i += 3) partial += clip[i] > 0 && clip[i] < 245;
    QVERIFY(partial > 8);
  }
  void isDeterministic() {
    Rng a(7), b(7);
    const Scene sa = sample_scene(a), sb = sample_scene(b);
    QVERIFY(render_clip(sa, 16, 32) == render_clip(sb, 16, 32));
    QCOMPARE(caption_for(sa, a), caption_for(sb, b));
  }
  void scenesFollowTheWorldRules() {
    Rng rng(1);
    int two = 0;
    std::set<int> motions;
    for (int i = 0; i < 2000; ++i) {
      const Scene s = sample_scene(rng);
      QVERIFY(s.objects.size() == 1 || s.objects.size() == 2);
      two += s.objects.size() == 2;
      if (s.objects.size() == 2) QVERIFY(s.objects[0].colour != s.objects[1].colour);
      for (const Object& o : s.objects) {
        motions.insert(static_cast<int>(o.motion));
        QVERIFY(colour_allowed_on(o.colour, s.background));
        QVERIFY(!(o.shape == Shape::Circle && o.motion == Motion::Spinning));
        // The whole motion stays inside the canvas.
        for (int f = 0; f <= 20; ++f) {
          const Object::Pose p = o.pose(f / 20.0);
          QVERIFY(p.x - p.radius >= -1e-9 && p.x + p.radius <= 1 + 1e-9);
          QVERIFY(p.y - p.radius >= -1e-9 && p.y + p.radius <= 1 + 1e-9);
        }
        const Object::Pose a = o.pose(0), b = o.pose(1);
        switch (o.motion) {
          case Motion::Left:
            QVERIFY(a.x - b.x >= 0.35 - 1e-9 && a.x - b.x <= 0.55 + 1e-9);
            break;
          case Motion::Right:
            QVERIFY(b.x - a.x >= 0.35 - 1e-9 && b.x - a.x <= 0.55 + 1e-9);
            break;
          case Motion::Up:
            QVERIFY(a.y - b.y >= 0.35 - 1e-9 && a.y - b.y <= 0.55 + 1e-9);
            break;
          case Motion::Down:
            QVERIFY(b.y - a.y >= 0.35 - 1e-9 && b.y - a.y <= 0.55 + 1e-9);
            break;
          case Motion::Growing:
            QVERIFY(b.radius / a.radius >= 1.6 - 1e-9 && b.radius / a.radius <= 2 + 1e-9);
            break;
          case Motion::Shrinking:
            QVERIFY(b.radius / a.radius >= 0.5 - 1e-9 && b.radius / a.radius <= 0.6 + 1e-9);
            break;
          case Motion::Spinning:
            QVERIFY(std::fabs(b.rotation - a.rotation) >= 2 * M_PI - 1e-9);
            break;
          case Motion::Still:
            QVERIFY(a.x == b.x && a.y == b.y && a.radius == b.radius);
            break;
          case Motion::Bouncing: {
            QVERIFY(o.bounces >= 2 && std::fabs(b.x - a.x) <= 0.1 + 1e-9);
            QVERIFY(std::fabs(a.y + a.radius - 0.8) < 1e-9);  // rests on the floor
            break;
          }
          case Motion::Circling: {
            QVERIFY(o.amount >= 0.2 - 1e-9 && o.amount <= 0.3 + 1e-9 && o.sweep >= 0.75);
            QVERIFY(std::fabs(std::hypot(a.x - 0.5, a.y - 0.5) - o.amount) < 1e-9);
            break;
          }
        }
      }
    }
    QCOMPARE(int(motions.size()), kMotionCount);
    QVERIFY(two > 400 && two < 800);  // about 30 %
  }
  void reversingStraightMotionsPlaysThemBackwards() {
    for (const Motion m : {Motion::Left, Motion::Right, Motion::Up, Motion::Down}) {
      Rng rng(7, static_cast<uint64_t>(m));
      Scene scene = with_copy_doing(one_object(Background::Black, Colour::Red, Shape::Square, m),
                                    Motion::Spinning, rng);
      const Scene original = scene;
      QVERIFY(reverse_straight_motions(&scene));
      const Motion opposite = m == Motion::Left    ? Motion::Right
                              : m == Motion::Right ? Motion::Left
                              : m == Motion::Up    ? Motion::Down
                                                   : Motion::Up;
      QCOMPARE(int(scene.objects[0].motion), int(opposite));
      for (const double u : {0.0, 0.3, 1.0}) {
        const Object::Pose now = scene.objects[0].pose(u);
        const Object::Pose then = original.objects[0].pose(1 - u);
        QVERIFY(std::abs(now.x - then.x) < 1e-12 && std::abs(now.y - then.y) < 1e-12);
        // The spinning object is kept as it was.
        QCOMPARE(scene.objects[1].pose(u).rotation, original.objects[1].pose(u).rotation);
      }
      // Still inside the canvas, as the world draws it.
      const double r = size_radius(scene.objects[0].size);
      for (const double u : {0.0, 1.0}) {
        const Object::Pose p = scene.objects[0].pose(u);
        QVERIFY(p.x >= r - 1e-9 && p.x <= 1 - r + 1e-9 && p.y >= r - 1e-9 && p.y <= 1 - r + 1e-9);
      }
    }
    Scene spinning = one_object(Background::Night, Colour::Blue, Shape::Star, Motion::Spinning);
    QVERIFY(!reverse_straight_motions(&spinning));
    QCOMPARE(int(spinning.objects[0].motion), int(Motion::Spinning));
  }
  void stoppingSpinningKeepsTheFirstPose() {
    Rng rng(11, 3);
    Scene scene =
        with_copy_doing(one_object(Background::Night, Colour::Blue, Shape::Star, Motion::Spinning),
                        Motion::Left, rng);
    const Scene original = scene;
    QVERIFY(stop_spinning(&scene));
    QCOMPARE(int(scene.objects[0].motion), int(Motion::Still));
    for (const double u : {0.0, 0.5, 1.0}) {
      // Held at the spinner's start angle; the other object is unchanged.
      QCOMPARE(scene.objects[0].pose(u).rotation, original.objects[0].pose(0).rotation);
      QCOMPARE(scene.objects[1].pose(u).x, original.objects[1].pose(u).x);
    }
    QVERIFY(original.objects[0].pose(1).rotation != original.objects[0].pose(0).rotation);
    Scene still = one_object(Background::Black, Colour::Red, Shape::Square, Motion::Left);
    QVERIFY(!stop_spinning(&still));
  }
  void curriculumWeightsMotionsAndObjectCount() {
    QVERIFY(parse_motion_weights("").empty());
    QVERIFY(parse_motion_weights("uniform").empty());
    QVERIFY(parse_motion_weights("left=1").empty());  // all equal is uniform
    const std::vector<double> w = parse_motion_weights("spinning=4,left=0,up=2.5");
    QCOMPARE(int(w.size()), kMotionCount);
    QCOMPARE(w[int(Motion::Spinning)], 4.0);
    QCOMPARE(w[int(Motion::Left)], 0.0);
    QCOMPARE(w[int(Motion::Still)], 1.0);
    QCOMPARE(format_motion_weights(w), std::string("left=0,up=2.5,spinning=4"));
    QCOMPARE(parse_motion_weights(format_motion_weights(w)), w);
    auto message = [](const std::string& text) {
      try {
        parse_motion_weights(text);
      } catch (const Error& e) {
        return std::string(e.what());
      }
      return std::string();
    };
    QVERIFY(message("jumping=2").find("unknown motion 'jumping'") != std::string::npos);
    QVERIFY(message("jumping=2").find("circling") != std::string::npos);  // lists the known
    QVERIFY(message("left=-1").find("0..100") != std::string::npos);
    QVERIFY(message("left=x").find("'left'") != std::string::npos);
    QVERIFY(message("left").find("MOTION=WEIGHT") != std::string::npos);
    QVERIFY(message("left=2,left=0").find("'left' is given twice") != std::string::npos);
    // Weights that %g would round keep their exact value.
    const std::vector<double> fine = parse_motion_weights("left=1.0000001");
    QCOMPARE(parse_motion_weights(format_motion_weights(fine)), fine);
    QVERIFY(!message("left=0,right=0,up=0,down=0,bouncing=0,growing=0,shrinking=0,still=0,"
                     "circling=0")
                 .empty());  // only spinning: circles would have no motion
    // Unweighted sampling draws what it drew before weights existed (the
    // first objects' motions of Rng(5)'s scenes, recorded before the option).
    {
      Rng rng(5);
      std::string drawn;
      for (int i = 0; i < 16; ++i)
        drawn += std::string(i ? " " : "") + motion_name(sample_scene(rng).objects[0].motion);
      QCOMPARE(drawn, std::string("circling growing spinning down shrinking still up spinning "
                                  "bouncing shrinking spinning left growing shrinking still "
                                  "spinning"));
    }
    // Weighted: left never; circles, which cannot spin, draw among the other
    // motions. The weights sum to 13.5 (9.5 without spinning), so spinning is
    // 3/4 * 4/13.5 = 22.2 % of the objects and still 3/4 * 1/13.5 + 1/4 *
    // 1/9.5 = 8.19 %; the bounds are 4.5 standard deviations.
    SceneOptions o;
    o.motion_weights = w;
    o.two_object_rate = 0.0;
    Rng rng(9);
    std::vector<int> count(kMotionCount, 0);
    const int n = 6000;
    for (int i = 0; i < n; ++i) {
      const Scene s = sample_scene(rng, o);
      QCOMPARE(int(s.objects.size()), 1);
      ++count[int(s.objects[0].motion)];
      QVERIFY(!(s.objects[0].shape == Shape::Circle && s.objects[0].motion == Motion::Spinning));
    }
    QCOMPARE(count[int(Motion::Left)], 0);
    auto near = [&](Motion m, double p) {
      const double sd = std::sqrt(p * (1 - p) / n);
      return std::abs(double(count[int(m)]) / n - p) < 4.5 * sd;
    };
    QVERIFY2(near(Motion::Spinning, 0.75 * 4 / 13.5), std::to_string(count[5]).c_str());
    QVERIFY2(near(Motion::Still, 0.75 / 13.5 + 0.25 / 9.5), std::to_string(count[8]).c_str());
    QVERIFY(near(Motion::Up, 0.75 * 2.5 / 13.5 + 0.25 * 2.5 / 9.5));
    // A tiny weight for every motion but spinning still draws at once.
    SceneOptions spin;
    spin.motion_weights = parse_motion_weights(
        "spinning=100,left=0,right=0,up=0,down=0,bouncing=0,growing=0,shrinking=0,still=1e-9,"
        "circling=0");
    for (int i = 0; i < 200; ++i) sample_scene(rng, spin);
    o.two_object_rate = 1.0;
    QCOMPARE(int(sample_scene(rng, o).objects.size()), 2);
  }
  void captionsParseBackToTheirScene() {
    Rng rng(2);
    const std::vector<std::string> vocab = vocabulary();
    const std::set<std::string> known(vocab.begin(), vocab.end());
    for (int i = 0; i < 3000; ++i) {
      const Scene s = sample_scene(rng);
      const std::string caption = caption_for(s, rng);
      for (const auto& w : Tokenizer::split_words(caption)) QVERIFY2(known.count(w), w.c_str());
      const ParsedCaption p = parse_caption(caption);
      QVERIFY2(p.complete() && p.problems.empty() && p.unknown_words.empty(), caption.c_str());
      QVERIFY2(*p.background == s.background, caption.c_str());
      QCOMPARE(p.objects.size(), s.objects.size());
      for (size_t k = 0; k < s.objects.size(); ++k) {
        QVERIFY2(p.objects[k].colour == s.objects[k].colour, caption.c_str());
        QVERIFY2(p.objects[k].shape == s.objects[k].shape, caption.c_str());
        QVERIFY2(p.objects[k].size == s.objects[k].size, caption.c_str());
        QVERIFY2(*p.objects[k].motion == s.objects[k].motion, caption.c_str());
      }
    }
  }
  void parsesTheExamplesOfWorldMd() {
    ParsedCaption p = parse_caption(
        "a purple triangle moving left and an orange ball bouncing on a white background");
    QVERIFY(p.complete());
    QCOMPARE(p.objects.size(), size_t(2));
    QVERIFY(p.objects[0].colour == Colour::Purple && p.objects[0].shape == Shape::Triangle);
    QVERIFY(*p.objects[0].motion == Motion::Left);
    QVERIFY(p.objects[1].colour == Colour::Orange && p.objects[1].shape == Shape::Circle);
    QVERIFY(*p.objects[1].motion == Motion::Bouncing);
    QVERIFY(*p.background == Background::White);
    p = parse_caption("a large yellow star spinning on a night sky");
    QVERIFY(p.complete() && p.objects[0].size == Size::Large && *p.background == Background::Night);
    p = parse_caption("a small blue square falling over the sand");
    QVERIFY(p.complete() && *p.objects[0].motion == Motion::Down &&
            *p.background == Background::Sand);
  }
  void parserReportsUnknownWordsAndGaps() {
    const ParsedCaption p = parse_caption("a shiny red dragon flying");
    QCOMPARE(p.unknown_words, (std::vector<std::string>{"shiny", "dragon", "flying"}));
    QVERIFY(!p.complete());
    QVERIFY(!p.problems.empty());
  }
};

LANTERNA_TEST(TestWorld);
#include "tst_world.moc"
