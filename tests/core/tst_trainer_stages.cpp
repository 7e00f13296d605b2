// The trainer's later stages and warm starts: joint, conditional and SSR runs
// that start from an exported t2i bundle or from the stage before them.
#include "fixtures.h"
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

#include <ATen/CPUGeneratorImpl.h>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace lanterna;
using namespace lanterna::test;
namespace fs = std::filesystem;

class TestTrainerStages : public QObject {
  Q_OBJECT
  ScratchDir dir;

 private Q_SLOTS:
  void initTestCase() {
    // The bundle the warm starts begin from: a few t2i steps, exported.
    train::run_training(tiny_options(dir("t2i"), 3), {});
    train::export_stage(dir("t2i"), dir("bundle"));
    QVERIFY(fs::exists(dir("bundle") / "model.json"));
  }
  void warmStartsFromAnExportedBundle() {
    train::TrainOptions o = tiny_options(dir("warm"), 1);
    o.init_bundle = dir("bundle");
    o.lr = 1e-12;  // one step that barely moves the weights
    train::run_training(o, {});
    TensorMap weights;
    train::load_checkpoint(dir("warm"), &weights, nullptr, nullptr);
    const ModelBundle b = load_bundle(dir("bundle"));
    const TensorMap shipped = module_tensors(*b.net);
    QVERIFY(at::allclose(weights.at("conv_in.weight"), shipped.at("conv_in.weight"), 1e-4, 1e-6));
    QCOMPARE(weights.count("down.0.temporal_conv.0.conv1.weight"), size_t(0));  // 2D stage
  }
  void jointStageDefaultsAreTheShippedRecipe() {
    // docs/training.md: the settings of the shipped base's last joint runs.
    const train::StageSpec joint = train::stage_spec("joint");
    QCOMPARE(joint.batch, 16);
    QCOMPARE(joint.lr, 3e-4);
    QCOMPARE(joint.min_snr_gamma, 0.0);
    QCOMPARE(joint.timestep_shift, 3.0);
    QCOMPARE(train::stage_spec("temporal").timestep_shift, 1.0);
    // A run without options records them; an option given wins.
    train::TrainOptions o = tiny_options(dir("joint_defaults"), 1);
    o.stage = "joint";
    o.init_bundle = dir("bundle");
    train::run_training(o, {});
    train::CheckpointState s =
        train::load_checkpoint(dir("joint_defaults"), nullptr, nullptr, nullptr);
    QCOMPARE(s.min_snr_gamma, 0.0);
    QCOMPARE(s.timestep_shift, 3.0);
    QCOMPARE(s.lr, 3e-4);
    o.work_dir = dir("joint_uniform");
    o.timestep_shift = 1;
    o.min_snr_gamma = 5;
    train::run_training(o, {});
    s = train::load_checkpoint(dir("joint_uniform"), nullptr, nullptr, nullptr);
    QCOMPARE(s.timestep_shift, 1.0);
    QCOMPARE(s.min_snr_gamma, 5.0);
  }
  void conditionalStageWarmStartsFromABaseBundle() {
    train::TrainOptions o = tiny_options(dir("warm_cond"), 0);
    o.stage = "conditional";
    o.init_bundle = dir("bundle");
    train::run_training(o, {});
    TensorMap weights;
    train::load_checkpoint(dir("warm_cond"), &weights, nullptr, nullptr);
    const TensorMap shipped = module_tensors(*load_bundle(dir("bundle")).net);
    const at::Tensor w = weights.at("conv_in.weight");
    QCOMPARE(w.size(1), int64_t(7));
    QVERIFY(at::allclose(w.narrow(1, 0, 3), shipped.at("conv_in.weight")));
    QCOMPARE(w.narrow(1, 3, 4).abs().max().item<float>(), 0.f);
  }
  void jointStageGainsAFrameEmbedding() {
    // The 2D t2i network has no frames: refused before anything is written.
    train::TrainOptions o = tiny_options(dir("frames_t2i"), 1);
    o.frame_embedding = true;
    QVERIFY_THROWS_EXCEPTION(Error, train::run_training(o, {}));
    QVERIFY(!fs::exists(dir("frames_t2i")));
    // A joint run from a bundle without it gains the layer, zero at first,
    // and trains it.
    o = tiny_options(dir("frames"), 0);
    o.stage = "joint";
    o.init_bundle = dir("bundle");
    o.frame_embedding = true;
    train::run_training(o, {});
    TensorMap weights;
    train::CheckpointState s = train::load_checkpoint(dir("frames"), &weights, nullptr, nullptr);
    QVERIFY(s.model.unet.frame_embedding);
    QCOMPARE(weights.at("temporal_frame_embed.weight").abs().max().item<float>(), 0.f);
    o.steps = 2;
    o.resume = true;
    o.frame_embedding = false;  // --resume alone keeps it
    o.lr = 1e-3;
    train::run_training(o, {});
    s = train::load_checkpoint(dir("frames"), &weights, nullptr, nullptr);
    QVERIFY(s.model.unet.frame_embedding);
    QVERIFY(weights.at("temporal_frame_embed.weight").abs().max().item<float>() > 0.f);
    // A run from that model's bundle keeps the trained layer without the flag.
    train::export_stage(dir("frames"), dir("frames_bundle"));
    o = tiny_options(dir("frames_again"), 0);
    o.stage = "joint";
    o.init_bundle = dir("frames_bundle");
    train::run_training(o, {});
    TensorMap again;
    QVERIFY(train::load_checkpoint(dir("frames_again"), &again, nullptr, nullptr)
                .model.unet.frame_embedding);
    const TensorMap shipped = module_tensors(*load_bundle(o.init_bundle).net);
    QVERIFY(shipped.at("temporal_frame_embed.weight").abs().max().item<float>() > 0.f);
    QVERIFY(at::allclose(again.at("temporal_frame_embed.weight"),
                         shipped.at("temporal_frame_embed.weight")));
    // A checkpoint without it cannot gain it on --resume (its optimizer state
    // has no place for the new layer).
    train::TrainOptions plain = tiny_options(dir("frames_plain"), 1);
    plain.stage = "joint";
    plain.init_bundle = dir("bundle");
    train::run_training(plain, {});
    plain.resume = true;
    plain.frame_embedding = true;
    QVERIFY_THROWS_EXCEPTION(Error, train::run_training(plain, {}));
    QVERIFY(!train::load_checkpoint(dir("frames_plain"), nullptr, nullptr, nullptr)
                 .model.unet.frame_embedding);
  }
  void contrastPairsShowAClipBesideItsReverseWithTheSameNoise() {
    train::StageSpec joint = tiny_pairs_stage(
        "left=1,right=1,up=0,down=0,bouncing=0,spinning=0,growing=0,shrinking=0,still=0,"
        "circling=0");
    const Tokenizer tok(joint.model.text.vocab, joint.model.text.max_tokens);
    const train::Batch b = train::make_batch(joint, tok, 3, 1, 4, 0.0);
    const int64_t f = b.frames;
    auto says = [&](int64_t clip, const std::string& word) {
      const auto& v = tok.vocab();
      const long id = std::find(v.begin(), v.end(), word) - v.begin();
      return b.ids[clip].eq(id).any().item<bool>();
    };
    for (int64_t pair = 0; pair < 2; ++pair) {
      const at::Tensor first = b.x0.narrow(0, 2 * pair * f, f);
      const at::Tensor second = b.x0.narrow(0, (2 * pair + 1) * f, f);
      QVERIFY(!at::equal(first, second));
      // The same frames in reverse order (up to the anti-aliasing's rounding).
      QVERIFY((second - first.flip(0)).abs().max().item<float>() < 0.02f);
      QVERIFY((says(2 * pair, "left") && says(2 * pair + 1, "right")) ||
              (says(2 * pair, "right") && says(2 * pair + 1, "left")));
    }
    // Both clips of a pair are noised alike: a batch holding one clip twice
    // has the loss of its first clip alone (drawn from the same global batch).
    {
      const Schedule schedule(joint.model.schedule);
      at::manual_seed(5);
      UNet net(joint.model);
      torch::NoGradGuard no_grad;
      train::Batch twice = b;
      twice.x0 = at::cat({b.x0.narrow(0, 0, f), b.x0.narrow(0, 0, f)});
      twice.ids = at::stack({b.ids[0], b.ids[0]});
      twice.global_size = 2;
      const train::Batch first_alone = train::slice_batch(twice, 0, 1);
      auto loss = [&](const train::Batch& batch, bool pairs) {
        at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(9);
        train::LossOptions lo;
        lo.contrast_pairs = pairs;
        return train::diffusion_loss(*net, schedule, batch, gen, lo).item<double>();
      };
      const double together = loss(twice, true), alone = loss(first_alone, true);
      QVERIFY2(std::abs(together - alone) < 1e-5 * alone,
               (std::to_string(together) + " vs " + std::to_string(alone)).c_str());
      // Without pairs the second clip draws its own noise: the check can fail.
      QVERIFY(std::abs(loss(twice, false) - loss(first_alone, false)) > 1e-4 * alone);
    }
    // The trainer: space-time stages and even batches only; recorded, kept on --resume.
    train::TrainOptions o = tiny_options(dir("pairs_t2i"), 1);
    o.contrast_pairs = true;
    QVERIFY_THROWS_EXCEPTION(Error, train::run_training(o, {}));
    o.stage = "joint";
    o.init_bundle = dir("bundle");
    o.work_dir = dir("pairs_odd");
    o.batch = 3;
    QVERIFY_THROWS_EXCEPTION(Error, train::run_training(o, {}));
    QVERIFY(!fs::exists(dir("pairs_odd") / "checkpoint"));
    o.work_dir = dir("pairs");
    o.batch = 2;
    train::run_training(o, {});
    QVERIFY(train::load_checkpoint(dir("pairs"), nullptr, nullptr, nullptr).contrast_pairs);
    o.resume = true;
    o.contrast_pairs = false;  // --resume alone keeps it
    o.steps = 2;
    train::run_training(o, {});
    const train::CheckpointState s =
        train::load_checkpoint(dir("pairs"), nullptr, nullptr, nullptr);
    QCOMPARE(s.step, int64_t(2));
    QVERIFY(s.contrast_pairs);
  }
  void conditionalStageStartsAsTheBaseModel() {
    train::TrainOptions o = tiny_options(dir("c_t2i"), 2);
    train::run_training(o, {});
    o.stage = "temporal";
    o.work_dir = dir("c_temporal");
    o.init_dir = dir("c_t2i");
    train::run_training(o, {});
    o.stage = "joint";
    o.work_dir = dir("c_joint");
    o.init_dir = dir("c_temporal");
    train::run_training(o, {});
    o.stage = "conditional";
    o.work_dir = dir("c_cond");
    o.init_dir = dir("c_joint");
    o.steps = 0;  // initialisation only
    train::run_training(o, {});
    TensorMap joint, cond;
    train::load_checkpoint(dir("c_joint"), nullptr, &joint, nullptr);
    const train::CheckpointState s = train::load_checkpoint(dir("c_cond"), &cond, nullptr, nullptr);
    QCOMPARE(s.model.unet.in_channels, 7);
    const at::Tensor w = cond.at("conv_in.weight");
    QVERIFY(at::equal(w.narrow(1, 0, 3), joint.at("conv_in.weight")));
    QCOMPARE(w.narrow(1, 3, 4).abs().max().item<float>(), 0.f);
    o.steps = 2;
    o.resume = true;
    train::run_training(o, {});  // and it trains
    o.stage = "ssr";
    o.work_dir = dir("c_ssr");
    o.resume = false;
    train::run_training(o, {});
    QCOMPARE(train::load_checkpoint(dir("c_ssr"), nullptr, nullptr, nullptr).model.kind,
             std::string("ssr"));
  }
};

LANTERNA_TEST(TestTrainerStages);
#include "tst_trainer_stages.moc"
