#include "fixtures.h"
#include "test_registry.h"

#include "model/inflate.h"

#include <QTest>

using namespace lanterna;
using namespace lanterna::test;

class TestInflation : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everyNthFrameEqualsThe2DNetwork() {
    ModelConfig c = tiny_model_config("base");
    c.unet.temporal = false;
    UNet net2d(c);
    randomize(*net2d, 11);
    UNet net3d = inflate(*net2d, c);
    torch::NoGradGuard no_grad;
    const int64_t t = 16, s = c.resolution;
    const int n = net3d->config().unet.temporal_factor();
    QCOMPARE(n, 4);
    at::Tensor x = at::randn({t, 3, s, s});
    at::Tensor time = at::full({1}, 0.37);
    at::Tensor ids = random_ids(c, 1, 7);
    at::Tensor out3d = net3d->forward(x, time, net3d->encode_text(ids), t);
    // The 2D network sees each frame as its own sample.
    TextEmbedding e = net2d->encode_text(ids.expand({t, ids.size(1)}));
    at::Tensor out2d = net2d->forward(x, time.expand({t}), e, 1);
    int differing = 0;
    for (int64_t f = 0; f < t; ++f) {
      const double diff = (out3d[f] - out2d[f]).abs().max().item<double>();
      if (f % n == 0) {
        QVERIFY2(diff < 1e-4, qPrintable(QString("frame %1 differs by %2").arg(f).arg(diff)));
      } else {
        differing += diff > 1e-3;
      }
    }
    // The other frames receive coarse features of a neighbour, so they differ:
    // the property is not trivially true.
    QVERIFY(differing > 0);
  }
  void spatialWeightsAreCopied() {
    ModelConfig c = tiny_model_config("base");
    c.unet.temporal = false;
    UNet net2d(c);
    randomize(*net2d, 12);
    UNet net3d = inflate(*net2d, c);
    const TensorMap w3 = module_tensors(*net3d);
    for (const auto& [name, t] : module_tensors(*net2d)) QVERIFY(at::equal(w3.at(name), t));
  }
  void freezeSpatialLeavesOnlyTemporalTrainable() {
    UNet net(tiny_model_config("base"));
    freeze_spatial(*net, true);
    for (const auto& p : net->named_parameters())
      QCOMPARE(p.value().requires_grad(), is_temporal_parameter(p.key()));
  }
  void styleBlendMixesSpatialWeightsOnly() {
    UNet net(tiny_model_config("base"));
    randomize(*net, 13);
    const TensorMap base = [&] {
      TensorMap m;
      for (const auto& [k, v] : module_tensors(*net)) m[k] = v.clone();
      return m;
    }();
    TensorMap style;
    for (const auto& [k, v] : base) style[k] = v + 1.0;  // temporal entries must be ignored
    blend_style(*net, base, style, 0.25);
    for (const auto& [k, v] : module_tensors(*net)) {
      const at::Tensor expected = is_temporal_parameter(k) ? base.at(k) : base.at(k) + 0.25;
      QVERIFY2(at::allclose(v, expected, 1e-5, 1e-5), k.c_str());
    }
    blend_style(*net, base, style, 0.0);
    for (const auto& [k, v] : module_tensors(*net)) QVERIFY(at::equal(v, base.at(k)));
    QVERIFY_THROWS_EXCEPTION(std::exception, blend_style(*net, base, style, 1.5));
  }
};

LANTERNA_TEST(TestInflation);
#include "tst_inflation.moc"
