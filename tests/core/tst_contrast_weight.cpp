#include "test_registry.h"
#include "train_fixtures.h"

#include "common/error.h"
#include "diffusion/schedule.h"
#include "model/presets.h"
#include "model/tokenizer.h"
#include "model/unet.h"
#include "train/batch_source.h"
#include "train/checkpoint.h"
#include "train/loss.h"
#include "train/step.h"
#include "train/stage.h"
#include "train/trainer.h"
#include "world/scene_sampler.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QTemporaryDir>
#include <QTest>

using namespace lanterna;
using namespace lanterna::test;

class TestContrastWeight : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  // The loss of a pair is |e1 + e2|^2 / 2 + W |e1 - e2|^2 / 2: weight 1 is
  // the plain loss, the loss grows linearly in W when the two clips' errors
  // differ, and not at all when they are the same.
  void weighsThePartOfAPairsErrorThatDiffers() {
    train::StageSpec joint = tiny_pairs_stage(
        "left=1,right=1,up=1,down=1,"
        "bouncing=0,spinning=0,growing=0,"
        "shrinking=0,still=0,circling=0");
    const Tokenizer tok(joint.model.text.vocab, joint.model.text.max_tokens);
    const train::Batch pairs = train::make_batch(joint, tok, 3, 1, 4, 0.0);
    const Schedule schedule(joint.model.schedule);
    at::manual_seed(5);
    UNet net(joint.model);
    torch::NoGradGuard no_grad;
    auto loss = [&](const train::Batch& batch, double weight, bool contrast = true) {
      at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(9);
      train::LossOptions lo;
      lo.contrast_pairs = contrast;
      lo.contrast_weight = weight;
      lo.min_snr_gamma = 5.0;  // per-pair weights as well
      return train::diffusion_loss(*net, schedule, batch, gen, lo).item<double>();
    };
    const double plain = loss(pairs, 1.0), two = loss(pairs, 2.0), three = loss(pairs, 3.0);
    QVERIFY2(two > plain * 1.0001, (std::to_string(two) + " vs " + std::to_string(plain)).c_str());
    QVERIFY(std::abs((three - two) - (two - plain)) < 1e-4 * plain);
    // One clip twice: the errors of a pair are equal and W changes nothing.
    train::Batch twice = pairs;
    const int64_t f = pairs.frames;
    twice.x0 = at::cat({pairs.x0.narrow(0, 0, f), pairs.x0.narrow(0, 0, f)});
    twice.ids = at::stack({pairs.ids[0], pairs.ids[0]});
    twice.global_size = 2;
    QVERIFY(std::abs(loss(twice, 50.0) - loss(twice, 1.0)) < 1e-5 * loss(twice, 1.0));
    // A pass that splits a pair is refused with a message.
    const train::Batch odd = train::slice_batch(pairs, 1, 2);
    QVERIFY_THROWS_EXCEPTION(Error, loss(odd, 2.0));
  }
  // The trainer refuses a weight outside 1..1000, a weight or spinning
  // contrast without contrast pairs and an odd --micro-batch, each before
  // anything is written.
  void refusesWhatCannotWork() {
    QTemporaryDir tmp;
    const std::filesystem::path work = tmp.filePath("work").toStdString();
    train::TrainOptions o;
    o.stage = "t2i";
    o.tiny = true;
    o.steps = 1;
    o.work_dir = work;
    o.threads = 1;
    // Whether run_training refuses `o` with an error naming `message`.
    auto refused_with = [&](const std::string& message) {
      try {
        train::run_training(o, {});
      } catch (const Error& e) {
        return std::string(e.what()).find(message) != std::string::npos;
      }
      return false;
    };
    o.contrast_weight = 5;
    QVERIFY(refused_with("--contrast-weight needs --contrast-pairs"));
    o.contrast_weight = 0.5;
    QVERIFY_THROWS_EXCEPTION(Error, train::run_training(o, {}));
    o.contrast_weight = -1;
    o.contrast_spinning = true;
    QVERIFY(refused_with("--contrast-spinning needs --contrast-pairs"));
    QVERIFY(!std::filesystem::exists(work / "checkpoint"));
  }
  // The weight is part of the checkpoint's state, so --resume keeps it.
  void isKeptInTheCheckpointState() {
    QTemporaryDir tmp;
    const std::filesystem::path work = tmp.path().toStdString();
    train::CheckpointState state;
    state.stage = "joint";
    state.model = tiny_model_config("base");
    state.contrast_pairs = true;
    state.contrast_weight = 20.0;
    state.contrast_spinning = true;
    train::save_checkpoint(work, state, {}, {}, nullptr);
    const train::CheckpointState loaded = train::load_checkpoint(work, nullptr, nullptr, nullptr);
    QCOMPARE(loaded.contrast_weight, 20.0);
    QVERIFY(loaded.contrast_pairs);
    QVERIFY(loaded.contrast_spinning);
  }
};

LANTERNA_TEST(TestContrastWeight);
#include "tst_contrast_weight.moc"
