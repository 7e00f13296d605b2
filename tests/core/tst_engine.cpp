#include "fixtures.h"
#include "test_registry.h"

#include "common/error.h"
#include "engine/engine.h"
#include "engine/tensor_video.h"
#include "diffusion/schedule.h"
#include "io/bundle.h"
#include "model/tokenizer.h"
#include "pipeline/candidates.h"
#include "pipeline/object_composition.h"

#include <QTest>
#include <torch/csrc/autograd/grad_mode.h>

#include <thread>

using namespace lanterna;
using namespace lanterna::test;
namespace fs = std::filesystem;

class TestEngine : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  fs::path models_;
  fs::path models_ssr_;

  GenerationRequest small_request() const {
    GenerationRequest r;
    r.prompt = "a red circle moving right on a black background";
    r.frames = 8;
    r.steps = 3;
    r.ssr_steps = 2;
    r.ssr_window = 4;
    r.seed = 5;
    r.size = 0;        // as the models give it
    r.candidates = 1;  // the default: one pass per object (keepsTheCandidate... tests more)
    return r;
  }

 private Q_SLOTS:
  void initTestCase() {
    models_ = fs::path(tmp_.path().toStdString()) / "models";
    models_ssr_ = fs::path(tmp_.path().toStdString()) / "models_ssr";
    write_tiny_models(models_, false);
    write_tiny_models(models_ssr_, true);
  }
  void generatesTheRequestedClip() {
    Engine engine({models_, 0});
    std::vector<std::string> stages;
    int previews = 0;
    RunCallbacks cb;
    cb.on_progress = [&](const Progress& p) {
      stages.push_back(p.stage);
      QVERIFY(p.preview && p.preview->frames == 8);
      QVERIFY(p.eta_seconds >= 0);
      ++previews;
    };
    Video v = engine.generate(small_request(), cb);
    QCOMPARE(v.frames, 8);
    QCOMPARE(v.width, 16);
    QCOMPARE(v.height, 16);
    QCOMPARE(v.rgb.size(), size_t(8 * 16 * 16 * 3));
    QCOMPARE(previews, 3);
    QVERIFY(v.settings_json.find("\"seed\":5") != std::string::npos);
  }
  void runsTheSsrStageOverWindows() {
    Engine engine({models_ssr_, 0});
    int ssr_steps = 0;
    RunCallbacks cb;
    cb.on_progress = [&](const Progress& p) { ssr_steps += p.stage == "ssr"; };
    Video v = engine.generate(small_request(), cb);
    QCOMPARE(v.width, 32);
    QCOMPARE(v.frames, 8);
    QCOMPARE(ssr_steps, 2);
  }
  void sameSeedSameFrames() {
    Engine engine({models_ssr_, 0});
    Video a = engine.generate(small_request());
    Video b = engine.generate(small_request());
    QVERIFY(a.rgb == b.rgb);
    GenerationRequest r = small_request();
    r.seed = 6;
    QVERIFY(engine.generate(r).rgb != a.rgb);
  }
  void upscalesToTheRequestedSize() {
    Engine engine({models_, 0});
    GenerationRequest r = small_request();
    r.size = 40;
    const Video v = engine.generate(r);
    QCOMPARE(v.width, 40);
    QCOMPARE(v.height, 40);
    r.size = 4;
    QVERIFY_THROWS_EXCEPTION(Error, engine.generate(r));
  }
  void composesTwoObjectPromptsFromOnePassPerObject() {
    Engine engine({models_, 0});
    GenerationRequest r = small_request();
    r.prompt = "a red circle moving right and a blue square rising on a black background";
    int previews = 0, last_step = 0, last_total = 0;
    std::vector<int> pass_of_step;
    RunCallbacks cb;
    cb.on_progress = [&](const Progress& p) {
      ++previews;
      last_step = p.step;
      last_total = p.total;
      pass_of_step.push_back(p.pass * 10 + p.passes);
    };
    const Video composed = engine.generate(r, cb);
    QCOMPARE(previews, 2 * r.steps);  // one base pass per object, counted on
    QCOMPARE(last_step, 2 * r.steps);
    QCOMPARE(last_total, 2 * r.steps);
    // Pass 0 then pass 1, of 2 (pass * 10 + passes).
    QCOMPARE(pass_of_step, std::vector<int>({2, 2, 2, 12, 12, 12}));
    QVERIFY(composed.settings_json.find("\"compose_objects\":true") != std::string::npos);

    // The clip is the composition of the two part captions generated alone,
    // each with its pass's seed (to within 8-bit rounding of the parts).
    const auto parts = split_objects(r.prompt);
    QVERIFY(parts.has_value());
    std::vector<at::Tensor> clips;
    for (size_t k = 0; k < 2; ++k) {
      GenerationRequest part = r;
      part.prompt = parts->captions[k];
      part.seed = r.seed + 0x9E3779B9ull * k;
      clips.push_back(video_to_tensor(engine.generate(part), composed.width));
    }
    const Video expected = tensor_to_video(compose_parts(clips, *parts), r.fps);
    QCOMPARE(expected.rgb.size(), composed.rgb.size());
    int worst = 0;
    for (size_t i = 0; i < expected.rgb.size(); ++i)
      worst = std::max(worst, std::abs(int(expected.rgb[i]) - int(composed.rgb[i])));
    QVERIFY2(worst <= 3, std::to_string(worst).c_str());

    // --no-compose: one pass over the whole prompt.
    r.compose_objects = false;
    previews = 0;
    const Video whole = engine.generate(r, cb);
    QCOMPARE(previews, r.steps);
    QVERIFY(whole.rgb != composed.rgb);
    QVERIFY(whole.settings_json.find("\"compose_objects\":false") != std::string::npos);
  }
  void keepsTheCandidateTheModelDenoisesBest() {
    Engine engine({models_, 0});
    GenerationRequest r = small_request();
    r.candidates = 3;
    std::vector<int> pass_of_step;
    RunCallbacks cb;
    cb.on_progress = [&](const Progress& p) { pass_of_step.push_back(p.pass * 10 + p.passes); };
    const Video chosen = engine.generate(r, cb);
    // Three passes of the base steps, counted on (pass * 10 + passes).
    QCOMPARE(pass_of_step, std::vector<int>({3, 3, 3, 13, 13, 13, 23, 23, 23}));
    QVERIFY(chosen.settings_json.find("\"candidates\":3") != std::string::npos);

    // The clip is the single pass, of the three candidates' seeds, whose
    // clip has the lowest denoising error under the prompt.
    ModelBundle base = load_bundle(models_ / "base");
    const Schedule schedule(base.config.schedule);
    const Tokenizer tok(base.config.text.vocab, base.config.text.max_tokens);
    DenoiserSetup setup;
    setup.net = base.net;
    setup.schedule = &schedule;
    setup.cond = base.net->encode_text(at::tensor(tok.encode(r.prompt).ids).unsqueeze(0));
    setup.frames = r.frames;
    std::vector<Video> singles;
    std::vector<double> errors;
    torch::NoGradGuard no_grad;
    for (int c = 0; c < 3; ++c) {
      GenerationRequest one = r;
      one.candidates = 1;
      one.seed = candidate_seed(r.seed, c);
      singles.push_back(engine.generate(one));
      errors.push_back(
          candidate_error(setup, video_to_tensor(singles.back(), chosen.width), r.seed));
    }
    QVERIFY(singles[0].rgb != singles[1].rgb && singles[1].rgb != singles[2].rgb);
    const size_t best = std::min_element(errors.begin(), errors.end()) - errors.begin();
    std::string msg = "errors";
    for (double e : errors) msg += " " + std::to_string(e);
    QVERIFY2(chosen.rgb == singles[best].rgb, msg.c_str());

    // One candidate is a single pass with the request's own seed.
    r.candidates = 1;
    QVERIFY(engine.generate(r).rgb == singles[0].rgb);
    r.candidates = 17;
    QVERIFY_THROWS_EXCEPTION(Error, engine.generate(r));
  }
  void warnsAboutUnknownWords() {
    Engine engine({models_, 0});
    GenerationRequest r = small_request();
    r.prompt = "a red dragon moving right";
    std::string warning;
    RunCallbacks cb;
    cb.on_warning = [&](const std::string& w) { warning = w; };
    engine.generate(r, cb);
    QVERIFY2(warning.find("dragon") != std::string::npos, warning.c_str());
    QCOMPARE(engine.unknown_words("a red dragon"), std::vector<std::string>{"dragon"});
  }
  void rejectsOutOfRangeRequests() {
    Engine engine({models_, 0});
    auto code_of = [&](GenerationRequest r) {
      try {
        engine.generate(r);
      } catch (const Error& e) {
        return e.code();
      }
      return ErrorCode::Internal;
    };
    GenerationRequest r = small_request();
    r.prompt = "";
    QCOMPARE(code_of(r), ErrorCode::InvalidArgument);
    r = small_request();
    r.frames = 6;
    QCOMPARE(code_of(r), ErrorCode::InvalidArgument);
    r = small_request();
    r.steps = 0;
    QCOMPARE(code_of(r), ErrorCode::InvalidArgument);
    r = small_request();
    r.guidance = 0.5;
    QCOMPARE(code_of(r), ErrorCode::InvalidArgument);
    r = small_request();
    r.sampler = "euler";
    QCOMPARE(code_of(r), ErrorCode::InvalidArgument);
  }
  void cancelStopsWithinASecond() {
    Engine engine({models_, 0});
    GenerationRequest r = small_request();
    r.steps = 100;  // all of the tiny model's schedule
    std::atomic<bool> cancel{false};
    RunCallbacks cb;
    cb.cancel = &cancel;
    cb.on_progress = [&](const Progress& p) {
      if (p.step == 2) cancel = true;
    };
    try {
      engine.generate(r, cb);
      QFAIL("expected cancellation");
    } catch (const Error& e) {
      QCOMPARE(e.code(), ErrorCode::Cancelled);
    }
  }
  void videoToVideoStrengthZeroReturnsTheInput() {
    Engine engine({models_, 0});
    GenerationRequest r = small_request();
    r.mode = Mode::VideoToVideo;
    r.edit_strength = 0.0;
    r.input_video.width = r.input_video.height = 16;
    r.input_video.frames = 8;
    r.input_video.rgb.resize(8 * 16 * 16 * 3);
    for (size_t i = 0; i < r.input_video.rgb.size(); ++i) r.input_video.rgb[i] = uint8_t(i * 7);
    Video v = engine.generate(r);
    QVERIFY(v.rgb == r.input_video.rgb);
  }
  void missingModelsFolderIsAClearError() {
    try {
      Engine engine({fs::path(tmp_.path().toStdString()) / "nowhere", 0});
      QFAIL("expected an error");
    } catch (const Error& e) {
      QCOMPARE(e.code(), ErrorCode::NotFound);
      QVERIFY(std::string(e.what()).find("nowhere") != std::string::npos);
    }
  }
};

LANTERNA_TEST(TestEngine);
#include "tst_engine.moc"
