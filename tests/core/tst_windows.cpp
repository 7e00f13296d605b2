#include "fixtures.h"
#include "test_registry.h"

#include "common/error.h"
#include "diffusion/denoiser.h"
#include "diffusion/windows.h"

#include <QTest>

using namespace lanterna;
using namespace lanterna::test;

class TestWindows : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void windowsCoverEveryFrame() {
    for (int frames : {4, 8, 16, 20, 33, 80})
      for (int window : {0, 4, 8, 12, 16})
        for (int overlap : {0, 1, 2, 3}) {
          if (window > 0 && overlap >= window) continue;
          const auto ws = temporal_windows(frames, window, overlap);
          std::vector<int> hits(static_cast<size_t>(frames), 0);
          for (const auto& w : ws) {
            QVERIFY(w.start >= 0 && w.start + w.length <= frames);
            for (int f = w.start; f < w.start + w.length; ++f) ++hits[static_cast<size_t>(f)];
          }
          for (int h : hits) QVERIFY(h >= 1);
          if (window > 0 && window < frames) {
            for (size_t i = 1; i < ws.size(); ++i)  // neighbours overlap by >= `overlap`
              QVERIFY(ws[i - 1].start + ws[i - 1].length - ws[i].start >= overlap);
          }
        }
    QCOMPARE(temporal_windows(16, 0, 2).size(), size_t(1));
    QVERIFY_THROWS_EXCEPTION(Error, temporal_windows(16, 4, 4));
  }
  void oneWindowEqualsAPlainRun() {
    UNet net(tiny_model_config("ssr"));
    randomize(*net, 5, 0.05);
    torch::NoGradGuard no_grad;
    const Schedule sched(net->config().schedule);
    DenoiserSetup s;
    s.net = net;
    s.schedule = &sched;
    s.cond = net->encode_text(random_ids(net->config(), 1, 1));
    s.uncond = net->encode_text(random_ids(net->config(), 1, 2));
    s.guidance = 2.0;
    s.frames = 8;
    s.conditioning = at::randn({8, 3, 32, 32});
    SampleOptions o;
    o.steps = 3;
    o.seed = 9;
    s.window = 0;
    at::Tensor plain = sample(sched, o, {8, 3, 32, 32}, at::Tensor(), make_denoiser(s));
    s.window = 8;  // one window exactly covering the clip
    at::Tensor one = sample(sched, o, {8, 3, 32, 32}, at::Tensor(), make_denoiser(s));
    QVERIFY(at::equal(plain, one));
  }
  void overlappingWindowsAverageTheirPredictions() {
    UNet net(tiny_model_config("ssr"));
    randomize(*net, 6, 0.05);
    torch::NoGradGuard no_grad;
    const Schedule sched(net->config().schedule);
    DenoiserSetup s;
    s.net = net;
    s.schedule = &sched;
    s.cond = net->encode_text(random_ids(net->config(), 1, 1));
    s.uncond = s.cond;
    s.guidance = 1.0;
    s.frames = 12;
    s.window = 8;
    s.overlap = 4;
    s.conditioning = at::randn({12, 3, 32, 32});
    at::Tensor x = at::randn({12, 3, 32, 32});
    const int t = 40;
    at::Tensor x0 = make_denoiser(s)(x, t);
    // Windows [0,8) and [4,12): frames 4..7 are the mean of both predictions.
    auto predict = [&](int start) {
      at::Tensor out = guided_output(s, x, t, start, 8), p, e;
      sched.split_prediction(x.narrow(0, start, 8), out, t, &p, &e);
      return p;
    };
    at::Tensor a = predict(0), b = predict(4);
    QVERIFY(at::allclose(x0.narrow(0, 0, 4), a.narrow(0, 0, 4), 1e-5, 1e-6));
    QVERIFY(
        at::allclose(x0.narrow(0, 4, 4), (a.narrow(0, 4, 4) + b.narrow(0, 0, 4)) / 2, 1e-5, 1e-6));
    QVERIFY(at::allclose(x0.narrow(0, 8, 4), b.narrow(0, 4, 4), 1e-5, 1e-6));
  }
};

LANTERNA_TEST(TestWindows);
#include "tst_windows.moc"
