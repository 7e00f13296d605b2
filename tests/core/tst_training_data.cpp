#include "train_fixtures.h"
#include "test_registry.h"

#include "common/error.h"
#include "diffusion/schedule.h"
#include "model/tokenizer.h"
#include "train/batch_source.h"
#include "train/checkpoint.h"
#include "train/loss.h"
#include "train/step.h"
#include "train/trainer.h"
#include "world/scene_sampler.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace lanterna;
using namespace lanterna::test;
namespace fs = std::filesystem;

// The trainer's data and objective: batches as a function of seed and step,
// gradient accumulation, timestep sampling, conditional and SSR batches.
class TestTrainingData : public QObject {
  Q_OBJECT
  ScratchDir dir;

 private Q_SLOTS:
  void batchesAreAFunctionOfSeedAndStep() {
    const train::StageSpec spec = train::stage_spec("temporal");
    const Tokenizer tok(spec.model.text.vocab, spec.model.text.max_tokens);
    const train::Batch a = train::make_batch(spec, tok, 3, 10, 2);
    const train::Batch b = train::make_batch(spec, tok, 3, 10, 2);
    const train::Batch c = train::make_batch(spec, tok, 3, 11, 2);
    QCOMPARE(a.x0.sizes().vec(), (std::vector<int64_t>{32, 3, 32, 32}));
    QVERIFY(at::equal(a.x0, b.x0) && at::equal(a.ids, b.ids));
    QVERIFY(!at::equal(a.x0, c.x0));
    QVERIFY(a.x0.min().item<float>() >= -1 && a.x0.max().item<float>() <= 1);
    // The background thread yields the same batches in step order.
    train::BatchSource source(spec, 3, 10, 2);
    QVERIFY(at::equal(source.next().x0, a.x0));
    QVERIFY(at::equal(source.next().x0, c.x0));
    // So do several workers racing each other (as beside a GPU).
    train::BatchSource racing(spec, 3, 10, 2, 0, 0, 3, 4);
    QVERIFY(at::equal(racing.next().x0, a.x0));
    QVERIFY(at::equal(racing.next().x0, c.x0));
    for (int64_t step = 12; step < 20; ++step) {
      const train::Batch r = racing.next();
      QCOMPARE(r.step, step);
      QVERIFY(at::equal(r.x0, train::make_batch(spec, tok, 3, step, 2).x0));
    }
  }
  void microBatchesAccumulateTheWholeBatchGradient() {
    // A conditional stage: clips of several frames with conditioning channels.
    const train::StageSpec spec = train::tiny_stage(train::stage_spec("conditional"));
    const Tokenizer tok(spec.model.text.vocab, spec.model.text.max_tokens);
    const Schedule schedule(spec.model.schedule);
    at::manual_seed(3);
    UNet net(spec.model);
    // A whole batch, and the second half of a global batch of 10 (a
    // data-parallel rank's slice).
    for (const train::Batch& batch : {train::make_batch(spec, tok, 5, 3, 5),
                                      train::make_batch(spec, tok, 5, 3, 5, 0.1, 5, 10)}) {
      // Gradients and loss of the batch in passes of `micro` samples.
      auto gradients = [&](int micro, uint64_t seed, double* loss) {
        for (auto& p : net->parameters()) p.mutable_grad() = at::Tensor();
        *loss = train::accumulate_gradients(*net, schedule, batch, seed, micro, {});
        std::vector<at::Tensor> g;
        for (auto& p : net->parameters()) g.push_back(p.grad().clone());
        return g;
      };
      double whole_loss = 0, loss = 0;
      const std::vector<at::Tensor> whole = gradients(0, 77, &whole_loss);
      QVERIFY(whole_loss > 0);
      double whole_norm = 0;
      for (const auto& g : whole) whole_norm += g.pow(2).sum().item<double>();
      QVERIFY(whole_norm > 0);
      // Relative distance of the gradients from the one-pass ones.
      auto distance = [&](const std::vector<at::Tensor>& parts) {
        double diff = 0;
        for (size_t i = 0; i < whole.size(); ++i)
          diff += (parts[i] - whole[i]).pow(2).sum().item<double>();
        return std::sqrt(diff / whole_norm);
      };
      for (int micro : {1, 2, 3}) {  // 2 and 3 leave a shorter last pass
        const std::vector<at::Tensor> parts = gradients(micro, 77, &loss);
        QVERIFY2(std::abs(loss - whole_loss) < 1e-5 * whole_loss, std::to_string(micro).c_str());
        QVERIFY2(distance(parts) < 1e-4, std::to_string(distance(parts)).c_str());
      }
      // Another noise seed gives other gradients: the comparison can fail.
      QVERIFY(distance(gradients(2, 78, &loss)) > 1e-2);
    }
    // The trainer's steps with micro-batches move the weights as without:
    // two steps (the second uses the first's update) from the same start.
    TensorMap start, whole, parts;
    train::TrainOptions o = tiny_options(dir("micro_start"), 0);
    train::run_training(o, {});
    train::load_checkpoint(dir("micro_start"), &start, nullptr, nullptr);
    o.steps = 2;
    o.work_dir = dir("micro_whole");
    train::run_training(o, {});
    train::load_checkpoint(dir("micro_whole"), &whole, nullptr, nullptr);
    o.work_dir = dir("micro_parts");
    o.micro_batch = 1;
    train::run_training(o, {});
    train::load_checkpoint(dir("micro_parts"), &parts, nullptr, nullptr);
    double moved = 0, apart = 0;
    for (const auto& [name, w] : whole) {
      moved += (w - start.at(name)).pow(2).sum().item<double>();
      apart += (parts.at(name) - w).pow(2).sum().item<double>();
    }
    QVERIFY(moved > 0);
    QVERIFY2(std::sqrt(apart / moved) < 0.01, std::to_string(std::sqrt(apart / moved)).c_str());
    o.micro_batch = -1;
    o.work_dir = dir("micro_negative");
    QVERIFY_THROWS_EXCEPTION(Error, train::run_training(o, {}));
  }
  void timestepShiftTrainsTheNoisyStepsMore() {
    // Shift 1 is the uniform integer draw of every earlier run, bit for bit.
    at::Generator g1 = at::make_generator<at::CPUGeneratorImpl>(3);
    at::Generator g2 = at::make_generator<at::CPUGeneratorImpl>(3);
    QVERIFY(at::equal(train::sample_timesteps(4096, 1000, 1.0, g1),
                      at::randint(0, 1000, {4096}, g2, at::kLong)));
    // Shift 3: P(t >= 500) = P(u >= 1/4) = 3/4 instead of 1/2, all in range.
    for (double shift : {3.0, 100.0}) {
      at::Generator g = at::make_generator<at::CPUGeneratorImpl>(5);
      const at::Tensor t = train::sample_timesteps(20000, 1000, shift, g);
      QVERIFY(t.min().item<int64_t>() >= 0 && t.max().item<int64_t>() <= 999);
      const double noisy = (t >= 500).to(at::kDouble).mean().item<double>();
      const double expected = 1.0 - 0.5 / (shift - (shift - 1) * 0.5);
      QVERIFY2(std::fabs(noisy - expected) < 0.02, std::to_string(noisy).c_str());
    }
    // Out of range: a clear error before anything is written.
    train::TrainOptions o = tiny_options(dir("bad_shift"), 1);
    o.timestep_shift = 0.5;
    QVERIFY_THROWS_EXCEPTION(Error, train::run_training(o, {}));
    QVERIFY(!fs::exists(dir("bad_shift")));
  }
  void shortClipsAreWindowsOfTheShortestClip() {
    // --frames below the model's shortest clip (16): windows of the 16-frame
    // clip of the same scene, at the same place for both clips of a
    // contrast pair (they differ only in the direction).
    train::StageSpec whole = train::stage_spec("joint");
    whole.contrast_pairs = true;
    train::StageSpec window = whole;
    window.frames = 8;
    const Tokenizer tok(whole.model.text.vocab, whole.model.text.max_tokens);
    bool saw_later_start = false;
    for (int step = 0; step < 3; ++step) {
      const train::Batch w = train::make_batch(window, tok, 9, step, 4);
      const train::Batch c = train::make_batch(whole, tok, 9, step, 4);
      QCOMPARE(w.frames, int64_t(8));
      QCOMPARE(w.x0.size(0), int64_t(4 * 8));
      QVERIFY(at::equal(w.ids, c.ids));  // the same scenes and captions
      std::vector<std::vector<int64_t>> starts(4);
      for (int64_t i = 0; i < 4; ++i) {
        const at::Tensor clip = w.x0.narrow(0, i * 8, 8);
        for (int64_t k = 0; k <= 8; ++k)
          if (at::equal(clip, c.x0.narrow(0, i * 16 + k, 8))) starts[i].push_back(k);
        QVERIFY(!starts[i].empty());
        saw_later_start |= starts[i].front() > 0;
      }
      for (int i = 0; i < 4; i += 2) {
        bool shared = false;
        for (int64_t k : starts[i])
          shared |= std::count(starts[i + 1].begin(), starts[i + 1].end(), k) > 0;
        QVERIFY(shared);
      }
    }
    QVERIFY(saw_later_start);
  }
  void spinningContrastPairsHoldTheSpinnerStill() {
    // --contrast-spinning: the odd clip of a pair whose even clip spins is
    // the same scene with the spinner held in its first pose.
    train::StageSpec spec = train::stage_spec("joint");
    spec.contrast_pairs = true;
    spec.contrast_spinning = true;
    spec.scene.two_object_rate = 0;
    spec.scene.motion_weights = world::parse_motion_weights(
        "spinning=1,left=0,right=0,up=0,"
        "down=0,bouncing=0,growing=0,"
        "shrinking=0,still=1,circling=0");
    const Tokenizer tok(spec.model.text.vocab, spec.model.text.max_tokens);
    int spinning_pairs = 0;
    for (int step = 0; step < 4; ++step) {
      const train::Batch b = train::make_batch(spec, tok, 5, step, 8, 0.0);
      for (int64_t i = 0; i < 8; i += 2) {
        const at::Tensor even = b.x0.narrow(0, i * 16, 16), odd = b.x0.narrow(0, (i + 1) * 16, 16);
        const bool even_moves = !at::equal(even[0], even[15]);
        if (!even_moves) continue;  // a still scene keeps its own partner
        ++spinning_pairs;
        QVERIFY(!at::equal(b.ids[i], b.ids[i + 1]));  // "spinning" against "still"
        QVERIFY(at::equal(odd[0], even[0]));
        for (int64_t f = 1; f < 16; ++f) QVERIFY(at::equal(odd[f], odd[0]));
      }
    }
    QVERIFY(spinning_pairs >= 4);
  }
  void conditionalAndSsrBatchesCarryTheirChannels() {
    train::StageSpec cond = train::stage_spec("conditional");
    const Tokenizer tok(cond.model.text.vocab, cond.model.text.max_tokens);
    bool saw_first_frame = false, saw_none = false;
    for (int step = 0; step < 12; ++step) {
      const train::Batch b = train::make_batch(cond, tok, 4, step, 2);
      QCOMPARE(b.cond.sizes().vec(), (std::vector<int64_t>{32, 4, 32, 32}));
      const at::Tensor mask = b.cond.narrow(1, 3, 1);
      QVERIFY(at::equal(mask, mask.round()));  // binary
      // C is the video where M = 1 and 0 elsewhere.
      QVERIFY(at::allclose(b.cond.narrow(1, 0, 3), b.x0 * mask));
      for (int64_t clip = 0; clip < 2; ++clip) {
        const at::Tensor m = mask.narrow(0, clip * 16, 16);
        saw_none |= m.sum().item<double>() == 0;
        saw_first_frame |=
            m[0].min().item<double>() == 1 && m.narrow(0, 1, 15).sum().item<double>() == 0;
      }
    }
    QVERIFY(saw_none && saw_first_frame);
    train::StageSpec ssr = train::stage_spec("ssr");
    const train::Batch b = train::make_batch(ssr, tok, 4, 0, 2);
    QCOMPARE(b.x0.sizes().vec(), (std::vector<int64_t>{16, 3, 64, 64}));
    QCOMPARE(b.cond.sizes().vec(), (std::vector<int64_t>{16, 3, 64, 64}));
    // The conditioning is a blurred version of the target.
    const double err = (b.cond - b.x0).abs().mean().item<double>();
    QVERIFY(err > 0 && err < 0.2);
  }
};

LANTERNA_TEST(TestTrainingData);
#include "tst_training_data.moc"
