#include "fixtures.h"
#include "test_registry.h"

#include "common/error.h"
#include "diffusion/denoiser.h"
#include "diffusion/sampler.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QTest>

#include <cmath>

using namespace lanterna;
using namespace lanterna::test;

namespace {

// A denoiser that knows the answer: its x0 prediction is always `target`.
DenoiseFn oracle(const at::Tensor& target) {
  return [target](const at::Tensor&, int) { return target.clone(); };
}

DenoiserSetup tiny_setup(UNet net, const Schedule* schedule, double guidance) {
  DenoiserSetup s;
  s.net = net;
  s.schedule = schedule;
  s.cond = net->encode_text(random_ids(net->config(), 1, 1));
  s.uncond = net->encode_text(random_ids(net->config(), 1, 2));
  s.guidance = guidance;
  s.frames = 4;
  return s;
}

}  // namespace

class TestSampler : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void scheduleIsMonotoneAndVariancePreserving() {
    const Schedule s(ScheduleConfig{});
    QCOMPARE(s.steps(), 1000);
    for (int t = 1; t < s.steps(); ++t) QVERIFY(s.alpha_bar(t) < s.alpha_bar(t - 1));
    QVERIFY(s.alpha_bar(0) > 0.999 && s.alpha_bar(999) < 1e-3);
    QCOMPARE(s.a(500) * s.a(500) + s.s(500) * s.s(500), 1.0);
    const auto steps = s.sampling_timesteps(25);
    QCOMPARE(steps.front(), 999);
    QCOMPARE(int(steps.size()), 25);
    QVERIFY_THROWS_EXCEPTION(Error, s.sampling_timesteps(0));
  }
  void mixedFrameNoise() {
    // Share 0 is plain at::randn; share r correlates a clip's frames by r
    // and keeps unit variance, and different clips stay independent.
    ScheduleConfig plain;
    at::Generator g1 = at::make_generator<at::CPUGeneratorImpl>(7);
    at::Generator g2 = at::make_generator<at::CPUGeneratorImpl>(7);
    QVERIFY(at::equal(Schedule(plain).noise({8, 3, 4, 4}, 4, g1), at::randn({8, 3, 4, 4}, g2)));
    ScheduleConfig mixed;
    mixed.frame_noise_share = 0.6;
    const int64_t clips = 2, frames = 4;
    at::Tensor n = Schedule(mixed).noise({clips * frames, 3, 64, 64}, frames, g1);
    n = n.view({clips, frames, -1});
    auto corr = [](const at::Tensor& a, const at::Tensor& b) {
      return ((a * b).mean() / (a.std() * b.std())).item<double>();
    };
    QVERIFY(std::abs(n.std().item<double>() - 1.0) < 0.02);
    QVERIFY(std::abs(corr(n[0][0], n[0][3]) - 0.6) < 0.05);  // same clip
    QVERIFY(std::abs(corr(n[1][1], n[1][2]) - 0.6) < 0.05);
    QVERIFY(std::abs(corr(n[0][0], n[1][0])) < 0.05);  // other clip
    // The sampler draws the clip's noise this way.
    SampleOptions o;
    o.steps = 1;
    at::Tensor first;
    sample(Schedule(mixed), o, {frames, 3, 64, 64}, at::Tensor(), [&](const at::Tensor& x, int) {
      first = x.clone();
      return at::zeros_like(x);
    });
    QVERIFY(std::abs(corr(first[0], first[2]) - 0.6) < 0.05);
    ModelConfig bad = tiny_model_config("base");
    bad.schedule.frame_noise_share = 1.0;
    QVERIFY_THROWS_EXCEPTION(Error, bad.validate("test"));
  }
  void predictionSplitRoundTrips() {
    const Schedule s(ScheduleConfig{});
    at::Tensor x0 = at::randn({2, 3, 4, 4}), eps = at::randn({2, 3, 4, 4});
    const int t = 300;
    at::Tensor xt = x0 * s.a(t) + eps * s.s(t);
    at::Tensor v = s.target(x0, eps, at::scalar_tensor(s.a(t)), at::scalar_tensor(s.s(t)));
    at::Tensor x0p, epsp;
    s.split_prediction(xt, v, t, &x0p, &epsp);
    QVERIFY(at::allclose(x0p, x0, 1e-4, 1e-5));
    QVERIFY(at::allclose(epsp, eps, 1e-4, 1e-5));
  }
  void everySamplerReachesAPerfectDenoisersAnswer() {
    const Schedule s(ScheduleConfig{});
    at::Tensor target = at::rand({4, 3, 8, 8}) * 2 - 1;
    for (SamplerKind kind : {SamplerKind::Ddim, SamplerKind::Ddpm, SamplerKind::DpmPP2M}) {
      SampleOptions o;
      o.kind = kind;
      o.steps = 10;
      at::Tensor out = sample(s, o, target.sizes(), at::Tensor(), oracle(target));
      QVERIFY2(at::allclose(out, target, 1e-4, 1e-4), sampler_name(kind).c_str());
    }
  }
  void sameSeedIsBitIdenticalOtherSeedDiffers() {
    UNet net(tiny_model_config("base"));
    randomize(*net, 3, 0.05);
    torch::NoGradGuard no_grad;
    const Schedule sched(net->config().schedule);
    for (SamplerKind kind : {SamplerKind::Ddim, SamplerKind::Ddpm, SamplerKind::DpmPP2M}) {
      SampleOptions o;
      o.kind = kind;
      o.steps = 4;
      o.seed = 42;
      const std::vector<int64_t> shape{4, 3, 16, 16};
      at::Tensor a =
          sample(sched, o, shape, at::Tensor(), make_denoiser(tiny_setup(net, &sched, 3)));
      at::Tensor b =
          sample(sched, o, shape, at::Tensor(), make_denoiser(tiny_setup(net, &sched, 3)));
      QVERIFY(at::equal(a, b));
      o.seed = 43;
      at::Tensor c =
          sample(sched, o, shape, at::Tensor(), make_denoiser(tiny_setup(net, &sched, 3)));
      QVERIFY(!at::allclose(a, c));
    }
  }
  void guidanceOneEqualsTheConditionalPrediction() {
    UNet net(tiny_model_config("base"));
    randomize(*net, 4, 0.05);
    torch::NoGradGuard no_grad;
    const Schedule sched(net->config().schedule);
    DenoiserSetup s = tiny_setup(net, &sched, 1.0);
    at::Tensor x = at::randn({4, 3, 16, 16});
    at::Tensor guided = guided_output(s, x, 50, 0, 4);
    at::Tensor cond = net->forward(x, at::full({1}, sched.time(50)), s.cond, 4);
    QVERIFY(at::allclose(guided, cond, 1e-5, 1e-6));
    // With guidance g the output moves (g - 1) * (cond - uncond) past cond.
    at::Tensor uncond = net->forward(x, at::full({1}, sched.time(50)), s.uncond, 4);
    QVERIFY(!at::equal(cond, uncond));
    s.guidance = 5.0;
    QVERIFY(at::allclose(guided_output(s, x, 50, 0, 4) - cond, (cond - uncond) * 4.0, 1e-4, 1e-6));
    // Below guidance_min_t the step is the conditional pass alone.
    s.guidance_min_t = 51;
    QVERIFY(at::allclose(guided_output(s, x, 50, 0, 4), cond, 1e-5, 1e-6));
    s.guidance_min_t = 50;
    QVERIFY(at::allclose(guided_output(s, x, 50, 0, 4) - cond, (cond - uncond) * 4.0, 1e-4, 1e-6));
  }
  void sdeditStrengthZeroReturnsTheInput() {
    const Schedule s(ScheduleConfig{});
    at::Tensor input = at::rand({4, 3, 8, 8});
    SampleOptions o;
    o.strength = 0.0;
    int calls = 0;
    DenoiseFn counting = [&](const at::Tensor& x, int) {
      ++calls;
      return x;
    };
    at::Tensor out = sample(s, o, input.sizes(), input, counting);
    QVERIFY(at::equal(out, input));
    QCOMPARE(calls, 0);
    // Partial strength runs only that share of the steps.
    o.strength = 0.5;
    o.steps = 20;
    sample(s, o, input.sizes(), input, counting);
    QCOMPARE(calls, 10);
  }
  void cancelStopsBeforeTheNextStep() {
    const Schedule s(ScheduleConfig{});
    std::atomic<bool> cancel{false};
    SampleOptions o;
    o.steps = 50;
    o.cancel = &cancel;
    int calls = 0;
    DenoiseFn fn = [&](const at::Tensor& x, int) {
      if (++calls == 3) cancel = true;
      return x;
    };
    try {
      sample(s, o, {1, 3, 4, 4}, at::Tensor(), fn);
      QFAIL("expected cancellation");
    } catch (const Error& e) {
      QCOMPARE(e.code(), ErrorCode::Cancelled);
    }
    QCOMPARE(calls, 3);
  }
  void stepCallbackSeesEveryStep() {
    const Schedule s(ScheduleConfig{});
    SampleOptions o;
    o.steps = 7;
    std::vector<int> seen;
    o.on_step = [&](int step, int total, const at::Tensor& x0) {
      QCOMPARE(total, 7);
      QCOMPARE(x0.size(0), 2);
      seen.push_back(step);
    };
    sample(s, o, {2, 3, 4, 4}, at::Tensor(), oracle(at::zeros({2, 3, 4, 4})));
    QCOMPARE(seen, (std::vector<int>{1, 2, 3, 4, 5, 6, 7}));
  }
};

LANTERNA_TEST(TestSampler);
#include "tst_sampler.moc"
