// Candidates: what ranks them is the shipped base's denoising error, which is
// low for a clean clip of the world and rises with artefacts; the same inputs
// give the same error, and candidate 0 is the pass's own seed.
#include "test_registry.h"

#include "diffusion/schedule.h"
#include "engine/tensor_video.h"
#include "io/bundle.h"
#include "model/tokenizer.h"
#include "pipeline/candidates.h"
#include "world/caption.h"
#include "world/render.h"
#include "world/scene_sampler.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QTest>
#include <torch/csrc/autograd/grad_mode.h>

#include <set>

using namespace lanterna;
namespace w = lanterna::world;
namespace fs = std::filesystem;

class TestCandidates : public QObject {
  Q_OBJECT
  std::unique_ptr<ModelBundle> base_;
  std::unique_ptr<Schedule> schedule_;

  DenoiserSetup setup_for(const std::string& caption) {
    const Tokenizer tok(base_->config.text.vocab, base_->config.text.max_tokens);
    DenoiserSetup s;
    s.net = base_->net;
    s.schedule = schedule_.get();
    s.cond = base_->net->encode_text(at::tensor(tok.encode(caption).ids, at::kLong).unsqueeze(0));
    s.uncond = base_->net->encode_text(at::tensor(tok.encode("").ids, at::kLong).unsqueeze(0));
    s.guidance = 3.0;
    s.frames = 16;
    return s;
  }

 private Q_SLOTS:
  void initTestCase() {
    base_ = std::make_unique<ModelBundle>(
        load_bundle(fs::path(LANTERNA_SOURCE_DIR) / "resources" / "models" / "base"));
    schedule_ = std::make_unique<Schedule>(base_->config.schedule);
  }

  void candidateZeroIsThePassSeed() {
    QCOMPARE(candidate_seed(77, 0), uint64_t(77));
    std::set<uint64_t> seeds;
    for (int c = 0; c < 16; ++c) seeds.insert(candidate_seed(77, c));
    QCOMPARE(seeds.size(), size_t(16));
  }

  // A rendered clip of the caption is what the model learned: its error is
  // lower than that of the same clip with grain or with a smeared object, the
  // kinds of flaw a wrong candidate shows. Same inputs, same error.
  void cleanClipsScoreBelowFlawedOnes() {
    torch::NoGradGuard no_grad;
    const int size = static_cast<int>(base_->config.resolution);
    w::SceneOptions one;
    one.two_object_rate = 0;
    // Objects that move, so that smearing frames changes them (a still
    // object, or a spinning circle, would stay as it is).
    one.motion_weights = w::parse_motion_weights("still=0,spinning=0");
    for (uint64_t i = 0; i < 4; ++i) {
      w::Rng rng(41, i);
      const w::Scene scene = w::sample_scene(rng, one);
      const std::string caption = w::caption_for(scene, rng);
      Video v;
      v.width = v.height = size;
      v.frames = 16;
      v.rgb = w::render_clip(scene, 16, size);
      const at::Tensor clean = video_to_tensor(v, size);
      at::Generator gen = at::detail::createCPUGenerator(i);
      const at::Tensor grainy = clean + 0.15 * at::randn(clean.sizes(), gen);
      // Each frame averaged with its neighbours: the object leaves a trail.
      const at::Tensor smeared =
          (clean + clean.roll(1, 0) + clean.roll(-1, 0) + clean.roll(2, 0)) / 4;
      const DenoiserSetup s = setup_for(caption);
      const double e_clean = candidate_error(s, clean, 9);
      const double e_grainy = candidate_error(s, grainy, 9);
      const double e_smeared = candidate_error(s, smeared, 9);
      const std::string msg = caption + ": clean " + std::to_string(e_clean) + ", grainy " +
                              std::to_string(e_grainy) + ", smeared " + std::to_string(e_smeared);
      QVERIFY2(e_clean < e_grainy, msg.c_str());
      QVERIFY2(e_clean < e_smeared, msg.c_str());
      QCOMPARE(candidate_error(s, clean, 9), e_clean);
    }
  }
};

LANTERNA_TEST(TestCandidates);
#include "tst_candidates.moc"
