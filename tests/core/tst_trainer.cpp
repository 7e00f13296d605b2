#include "fixtures.h"
#include "train_fixtures.h"
#include "test_registry.h"

#include "common/error.h"
#include "diffusion/schedule.h"
#include "engine/engine.h"
#include "model/tokenizer.h"
#include "train/batch_source.h"
#include "train/checkpoint.h"
#include "train/device.h"
#include "train/loss.h"
#include "train/step.h"
#include "train/trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace lanterna;
using namespace lanterna::test;
namespace fs = std::filesystem;

namespace {

// Loss of a checkpoint's weights on fixed held-out batches and noise.
double held_out_loss(const fs::path& dir, bool use_initial) {
  TensorMap weights;
  const train::CheckpointState s = train::load_checkpoint(dir, &weights, nullptr, nullptr);
  UNet net(s.model);
  if (!use_initial) load_module_tensors(*net, weights, "test");
  const train::StageSpec spec = [&] {
    train::StageSpec sp = train::stage_spec("t2i");
    sp.model = s.model;
    return sp;
  }();
  const Tokenizer tok(s.model.text.vocab, s.model.text.max_tokens);
  const Schedule schedule(s.model.schedule);
  torch::NoGradGuard no_grad;
  double total = 0;
  for (int k = 0; k < 4; ++k) {
    const train::Batch b = train::make_batch(spec, tok, 999, k, 32, 0.0);
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(1234 + k);
    total += train::diffusion_loss(*net, schedule, b, gen, {}).item<double>();
  }
  return total / 4;
}

}  // namespace

class TestTrainer : public QObject {
  Q_OBJECT
  ScratchDir dir;

 private Q_SLOTS:
  void shortRunDecreasesTheLoss() {
    train::TrainOptions o = tiny_options(dir("smoke"), 60);
    o.lr = 3e-3;
    std::vector<double> losses;
    train::run_training(o, [&](const train::StepReport& r) { losses.push_back(r.loss); });
    QCOMPARE(int(losses.size()), 60);
    const double before = held_out_loss(dir("smoke"), true);
    const double after = held_out_loss(dir("smoke"), false);
    QVERIFY2(after < before * 0.9,
             qPrintable(QString("held-out loss %1 -> %2").arg(before).arg(after)));
    QVERIFY(fs::exists(dir("smoke") / "loss.csv"));
  }
  void learningRateWarmsUpHoldsAndCoolsDown() {
    using train::learning_rate_at;
    QCOMPARE(learning_rate_at(1e-3, 10, 5, 100, 0), 5e-4);  // half-way through the warm-up
    QCOMPARE(learning_rate_at(1e-3, 10, 100, 100, 0), 1e-3);
    // A cooldown of 20 steps: the peak up to step 80, then down to 1/20 of it.
    QCOMPARE(learning_rate_at(1e-3, 10, 81, 100, 20), 1e-3);
    QCOMPARE(learning_rate_at(1e-3, 10, 91, 100, 20), 5e-4);
    QCOMPARE(learning_rate_at(1e-3, 10, 100, 100, 20), 5e-5);
    QCOMPARE(learning_rate_at(1e-3, 10, 120, 100, 20), 0.0);  // past the end
    // A run follows it and records it in the checkpoint (and so the provenance).
    train::TrainOptions o = tiny_options(dir("cooldown"), 8);
    o.lr = 1e-3;
    o.cooldown_steps = 4;
    std::vector<double> lrs;
    train::run_training(o, [&](const train::StepReport& r) { lrs.push_back(r.lr); });
    QCOMPARE(int(lrs.size()), 8);
    QCOMPARE(lrs[4], 1e-3);  // the tiny stage warms up over 5 steps
    QCOMPARE(lrs[5], 7.5e-4);
    QCOMPARE(lrs[7], 2.5e-4);
    QCOMPARE(train::load_checkpoint(dir("cooldown"), nullptr, nullptr, nullptr).cooldown_steps,
             int64_t(4));
    // Resumed without a cooldown given, the run keeps the checkpoint's.
    train::TrainOptions split = tiny_options(dir("cooldown_split"), 6);
    split.lr = 1e-3;
    split.cooldown_steps = 4;
    train::run_training(split, {});
    split.steps = 8;
    split.cooldown_steps = -1;
    split.resume = true;
    std::vector<double> resumed;
    train::run_training(split, [&](const train::StepReport& r) { resumed.push_back(r.lr); });
    QCOMPARE(int(resumed.size()), 2);
    QCOMPARE(resumed[1], 2.5e-4);
    o.cooldown_steps = 9;  // longer than the run
    o.work_dir = dir("cooldown_too_long");
    QVERIFY_THROWS_EXCEPTION(Error, train::run_training(o, {}));
  }
  void resumeTakesTheSameNextStep() {
    train::run_training(tiny_options(dir("straight"), 6), {});
    train::run_training(tiny_options(dir("split"), 3), {});
    train::TrainOptions o = tiny_options(dir("split"), 6);
    o.resume = true;
    train::run_training(o, {});
    TensorMap a, b, ea, eb;
    QCOMPARE(train::load_checkpoint(dir("straight"), &a, &ea, nullptr).step, int64_t(6));
    QCOMPARE(train::load_checkpoint(dir("split"), &b, &eb, nullptr).step, int64_t(6));
    for (const auto& [name, t] : a) {
      QVERIFY2(at::allclose(t, b.at(name), 1e-5, 1e-6), name.c_str());
      QVERIFY2(at::allclose(ea.at(name), eb.at(name), 1e-5, 1e-6), name.c_str());
    }
    // Without --resume an existing checkpoint is never overwritten.
    QVERIFY_THROWS_EXCEPTION(Error, train::run_training(tiny_options(dir("split"), 8), {}));
  }
  void resumeAloneKeepsTheRunsSettings() {
    // A run with its own batch, rate, loss weighting and seed, resumed with
    // nothing but --resume, ends where the uninterrupted run does.
    auto custom = [&](const fs::path& d, int64_t steps) {
      train::TrainOptions o = tiny_options(d, steps);
      o.batch = 3;
      o.lr = 7e-4;
      o.min_snr_gamma = 0;
      o.seed = 17;
      o.timestep_shift = 3;
      return o;
    };
    train::run_training(custom(dir("own_straight"), 4), {});
    train::run_training(custom(dir("own_split"), 2), {});
    train::TrainOptions resumed = tiny_options(dir("own_split"), 4);
    resumed.resume = true;
    train::run_training(resumed, {});
    TensorMap a, b;
    const train::CheckpointState s = train::load_checkpoint(dir("own_split"), &b, nullptr, nullptr);
    train::load_checkpoint(dir("own_straight"), &a, nullptr, nullptr);
    QCOMPARE(s.step, int64_t(4));
    QCOMPARE(s.batch, 3);
    QCOMPARE(s.lr, 7e-4);
    QCOMPARE(s.min_snr_gamma, 0.0);
    QCOMPARE(s.seed, int64_t(17));
    QCOMPARE(s.timestep_shift, 3.0);
    for (const auto& [name, t] : a) QVERIFY2(at::allclose(t, b.at(name), 1e-5, 1e-6), name.c_str());
    // Given again, an option overrides the checkpoint's and is recorded.
    resumed.steps = 5;
    resumed.batch = 2;
    resumed.seed = 5;
    train::run_training(resumed, {});
    const train::CheckpointState t =
        train::load_checkpoint(dir("own_split"), nullptr, nullptr, nullptr);
    QCOMPARE(t.batch, 2);
    QCOMPARE(t.seed, int64_t(5));
    QCOMPARE(t.lr, 7e-4);
    QCOMPARE(t.timestep_shift, 3.0);
  }
  void stopFlagCheckpointsAndReturns() {
    std::atomic<bool> stop{false};
    train::run_training(
        tiny_options(dir("stopped"), 1000),
        [&](const train::StepReport& r) {
          if (r.step == 4) stop = true;
        },
        &stop);
    QCOMPARE(train::load_checkpoint(dir("stopped"), nullptr, nullptr, nullptr).step, int64_t(4));
  }
  void temporalStageStartsFromTheInflatedT2iModel() {
    train::TrainOptions o = tiny_options(dir("t2i"), 3);
    train::run_training(o, {});
    o.stage = "temporal";
    o.work_dir = dir("temporal");
    o.init_dir = dir("t2i");
    o.steps = 2;
    train::run_training(o, {});
    TensorMap t2i_ema, weights;
    train::load_checkpoint(dir("t2i"), nullptr, &t2i_ema, nullptr);
    const train::CheckpointState s =
        train::load_checkpoint(dir("temporal"), &weights, nullptr, nullptr);
    QVERIFY(s.model.unet.temporal);
    QCOMPARE(s.history.size(), size_t(1));
    // Spatial weights were frozen: still the t2i EMA weights.
    for (const auto& [name, t] : t2i_ema) QVERIFY2(at::equal(weights.at(name), t), name.c_str());
  }
  void fromScratchIgnoresTheStageItContinues() {
    // The naive baseline: a joint run beside a temporal checkpoint (its
    // sibling, where it would start from) starts from random weights.
    train::TrainOptions o = tiny_options(dir("joint"), 1);
    o.stage = "joint";
    o.lr = 1e-12;  // one step that barely moves the weights
    o.from_scratch = true;
    train::run_training(o, {});
    TensorMap temporal, weights;
    train::load_checkpoint(dir("temporal"), &temporal, nullptr, nullptr);
    const train::CheckpointState s =
        train::load_checkpoint(dir("joint"), &weights, nullptr, nullptr);
    QVERIFY(s.history.empty());  // no earlier stage in the provenance
    QVERIFY(!at::allclose(weights.at("conv_in.weight"), temporal.at("conv_in.weight")));
    // Without the flag the same run starts from the temporal stage.
    o.work_dir = dir("joint_continued");
    o.from_scratch = false;
    train::run_training(o, {});
    train::load_checkpoint(dir("joint_continued"), &weights, nullptr, nullptr);
    QVERIFY(at::allclose(weights.at("conv_in.weight"), temporal.at("conv_in.weight"), 1e-4, 1e-6));
    o.work_dir = dir("joint_bad");
    o.from_scratch = true;
    o.init_dir = dir("temporal");
    QVERIFY_THROWS_EXCEPTION(Error, train::run_training(o, {}));
    QVERIFY(!fs::exists(dir("joint_bad") / "checkpoint"));
  }
  void framesAreRecordedAndKeptOnResume() {
    train::TrainOptions o = tiny_options(dir("clip_frames"), 1);
    o.stage = "temporal";
    o.init_dir = dir("t2i");
    o.frames = 4;
    train::run_training(o, {});
    QCOMPARE(train::load_checkpoint(dir("clip_frames"), nullptr, nullptr, nullptr).frames, 4);
    o.frames = 0;
    o.steps = 2;
    o.resume = true;
    train::run_training(o, {});
    QCOMPARE(train::load_checkpoint(dir("clip_frames"), nullptr, nullptr, nullptr).frames, 4);
    train::export_stage(dir("clip_frames"), dir("clip_frames_bundle"));
    const ModelBundle b = load_bundle(dir("clip_frames_bundle"));
    QCOMPARE(b.config.provenance["stages"].back()["frames"].get<int>(), 4);
    // Not a multiple of the network's temporal factor (4), or a 2D stage.
    o.resume = false;
    o.work_dir = dir("clip_frames_bad");
    o.frames = 6;
    QVERIFY_THROWS_EXCEPTION(Error, train::run_training(o, {}));
    o.stage = "t2i";
    o.frames = 4;
    QVERIFY_THROWS_EXCEPTION(Error, train::run_training(o, {}));
    QVERIFY(!fs::exists(dir("clip_frames_bad") / "checkpoint"));
  }
  void exportWritesALoadableBundle() {
    train::export_stage(dir("t2i"), dir("bundle"));
    ModelBundle b = load_bundle(dir("bundle"));
    QVERIFY(b.config.unet.temporal);
    // Named after the model the stage ships as, not the folder written to.
    QCOMPARE(b.config.name, std::string("base"));
    QVERIFY(b.config.provenance.contains("stages"));
    QCOMPARE(b.config.provenance["steps"].get<int>(), 3);
    // Each stage says what its seconds were spent on.
    QCOMPARE(b.config.provenance["stages"].back()["device"].get<std::string>(), std::string("cpu"));
    // ...and the learning rate and loss weighting it trained with.
    const train::StageSpec spec = train::stage_spec("t2i");
    QCOMPARE(b.config.provenance["stages"].back()["lr"].get<double>(), spec.lr);
    QCOMPARE(b.config.provenance["stages"].back()["min_snr_gamma"].get<double>(),
             spec.min_snr_gamma);
  }
  void exportRawWritesTheRawWeightsNotTheEma() {
    // The temporal run of the test above: two steps, so the raw weights of
    // its temporal layers are still far from their EMA.
    train::export_stage(dir("temporal"), dir("raw_bundle"), /*raw=*/true);
    train::export_stage(dir("temporal"), dir("ema_bundle"));
    TensorMap weights, ema;
    train::load_checkpoint(dir("temporal"), &weights, &ema, nullptr);
    const ModelBundle raw_bundle = load_bundle(dir("raw_bundle"));
    const ModelBundle ema_bundle = load_bundle(dir("ema_bundle"));
    const TensorMap raw_exported = module_tensors(*raw_bundle.net);
    const TensorMap ema_exported = module_tensors(*ema_bundle.net);
    int differing = 0;
    for (const auto& [name, w] : weights) {
      // Bundles are fp16: compare with the checkpoint's tensors rounded so.
      const at::Tensor as_shipped = w.to(at::kHalf).to(raw_exported.at(name).scalar_type());
      QVERIFY2(at::equal(raw_exported.at(name), as_shipped), name.c_str());
      if (!at::equal(ema_exported.at(name), raw_exported.at(name))) ++differing;
    }
    QVERIFY(differing > 0);
    QCOMPARE(raw_bundle.config.provenance["weights"].get<std::string>(),
             std::string("raw, not the EMA"));
    QVERIFY(!ema_bundle.config.provenance.contains("weights"));
  }
  void dataMixIsRecordedAndKeptOnResume() {
    // The stage's scene options reach the rendered batches: with every
    // motion but "still" weighted 0, no clip moves.
    train::StageSpec joint = train::tiny_stage(train::stage_spec("joint"));
    joint.scene.motion_weights = world::parse_motion_weights(
        "left=0,right=0,up=0,down=0,bouncing=0,spinning=0,growing=0,shrinking=0,circling=0");
    const Tokenizer tok(joint.model.text.vocab, joint.model.text.max_tokens);
    const train::Batch still = train::make_batch(joint, tok, 3, 1, 4);
    const int64_t f = still.frames;
    QVERIFY(f > 1);
    for (int64_t clip = 0; clip < 4; ++clip)
      QVERIFY(at::equal(still.x0[clip * f], still.x0[clip * f + f - 1]));
    joint.scene = {};
    const train::Batch moving = train::make_batch(joint, tok, 3, 1, 4);
    bool any_moves = false;
    for (int64_t clip = 0; clip < 4; ++clip)
      any_moves |= !at::equal(moving.x0[clip * f], moving.x0[clip * f + f - 1]);
    QVERIFY(any_moves);

    train::TrainOptions o = tiny_options(dir("mix"), 2);
    o.motion_weights = "spinning=3,left=2";
    o.two_object_rate = 0.5;
    train::run_training(o, {});
    auto state = [&] { return train::load_checkpoint(dir("mix"), nullptr, nullptr, nullptr); };
    QCOMPARE(state().motion_weights, std::string("left=2,spinning=3"));
    QCOMPARE(state().two_object_rate, 0.5);
    // Resumed without them, the run keeps the checkpoint's mix.
    train::TrainOptions more = tiny_options(dir("mix"), 3);
    more.resume = true;
    train::run_training(more, {});
    QCOMPARE(state().step, int64_t(3));
    QCOMPARE(state().motion_weights, std::string("left=2,spinning=3"));
    QCOMPARE(state().two_object_rate, 0.5);
    train::export_stage(dir("mix"), dir("mix_bundle"));
    const nlohmann::json last = load_bundle(dir("mix_bundle")).config.provenance["stages"].back();
    QCOMPARE(last["motion_weights"].get<std::string>(), std::string("left=2,spinning=3"));
    QCOMPARE(last["two_object_rate"].get<double>(), 0.5);
    // "uniform" and WORLD.md's rate go back to the world's mix.
    more.steps = 4;
    more.motion_weights = "uniform";
    more.two_object_rate = 0.3;
    train::run_training(more, {});
    QCOMPARE(state().motion_weights, std::string());
    QCOMPARE(state().two_object_rate, 0.3);
    // Bad values are refused before training.
    train::TrainOptions bad = tiny_options(dir("mix_bad"), 2);
    bad.motion_weights = "jumping=2";
    QVERIFY_THROWS_EXCEPTION(Error, train::run_training(bad, {}));
    bad.motion_weights = "";
    bad.two_object_rate = 1.5;
    QVERIFY_THROWS_EXCEPTION(Error, train::run_training(bad, {}));
    QVERIFY(!fs::exists(dir("mix_bad") / "checkpoint"));
  }
  void snapshotsAtFixedTrainingTimes() {
    // A snapshot interval shorter than a step: one snapshot after every step,
    // named by training minutes and step, each a loadable bundle.
    train::TrainOptions o = tiny_options(dir("snap"), 3);
    o.snapshot_seconds = 1e-6;
    train::run_training(o, {});
    std::vector<fs::path> snaps;
    for (const auto& e : fs::directory_iterator(dir("snap") / "snapshots"))
      snaps.push_back(e.path());
    std::sort(snaps.begin(), snaps.end());
    QCOMPARE(snaps.size(), size_t(3));
    for (size_t i = 0; i < snaps.size(); ++i) {
      const std::string name = snaps[i].filename().string();
      QVERIFY2(name.rfind("cpu-min-0000-step-00000", 0) == 0, name.c_str());
      const ModelBundle b = load_bundle(snaps[i] / "base");
      QCOMPARE(b.config.provenance["steps"].get<int>(), static_cast<int>(i + 1));
    }
    // The last snapshot holds the final EMA weights (in fp16).
    TensorMap ema;
    train::load_checkpoint(dir("snap"), nullptr, &ema, nullptr);
    const TensorMap last = module_tensors(*load_bundle(snaps.back() / "base").net);
    QVERIFY(at::allclose(last.at("conv_in.weight"), ema.at("conv_in.weight"), 1e-3, 1e-3));
    // Resumed with a long interval, the run writes no more snapshots.
    o.resume = true;
    o.steps = 4;
    o.snapshot_seconds = 1e9;
    train::run_training(o, {});
    QCOMPARE(static_cast<size_t>(std::distance(fs::directory_iterator(dir("snap") / "snapshots"),
                                               fs::directory_iterator())),
             size_t(3));
  }
  void frameNoiseShareIsRecordedInTheModel() {
    train::TrainOptions o = tiny_options(dir("mixed"), 2);
    o.stage = "temporal";
    o.init_dir = dir("t2i");
    o.frame_noise_share = 0.5;
    train::run_training(o, {});
    // A resume without the option keeps the checkpoint's share.
    o.frame_noise_share = -1;
    o.resume = true;
    o.steps = 3;
    train::run_training(o, {});
    train::export_stage(dir("mixed"), dir("mixed_bundle"));
    QCOMPARE(load_bundle(dir("mixed_bundle")).config.schedule.frame_noise_share, 0.5);
    o.frame_noise_share = 1.0;
    QVERIFY_THROWS_EXCEPTION(Error, train::run_training(o, {}));
  }
  void bf16AutocastTrains() {
    // GroupNorm/LayerNorm get fp32 input, so the bf16 forward and backward run.
    train::TrainOptions o = tiny_options(dir("bf16"), 2);
    o.bf16 = true;
    double last_loss = -1;
    train::run_training(o, [&](const train::StepReport& r) { last_loss = r.loss; });
    QVERIFY(std::isfinite(last_loss) && last_loss > 0);
  }
  void deviceChoice() {
    QCOMPARE(train::resolve_device("cpu", 0).name, std::string("cpu"));
    const train::DeviceChoice automatic = train::resolve_device("auto", 0);
    QCOMPARE(automatic.cuda, train::cuda_available());
    const auto message = [](const std::string& spec) {
      try {
        train::resolve_device(spec, 0);
      } catch (const Error& e) {
        return std::string(e.what());
      }
      return std::string();
    };
    QVERIFY(message("gpu").find("--device must be auto, cpu, cuda or cuda:N (got 'gpu')") !=
            std::string::npos);
    if (train::cuda_available()) {
      QCOMPARE(train::resolve_device("cuda:0", 0).name, std::string("cuda:0"));
      QVERIFY(message("cuda:4096").find("GPU index must be in 0..") != std::string::npos);
    } else {
      // This LibTorch (Debian's) has no CUDA: a GPU request says so.
      QVERIFY(message("cuda").find("--device cuda: this LibTorch build has no CUDA") !=
              std::string::npos);
      QVERIFY(message("cuda:1").find("no GPU is visible") != std::string::npos);
    }
    // An explicit --device cpu run trains like the default one.
    train::TrainOptions o = tiny_options(dir("device_cpu"), 2);
    o.device = "cpu";
    double last_loss = -1;
    train::run_training(o, [&](const train::StepReport& r) { last_loss = r.loss; });
    QVERIFY(std::isfinite(last_loss) && last_loss > 0);
  }
};

LANTERNA_TEST(TestTrainer);
#include "tst_trainer.moc"
