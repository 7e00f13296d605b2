#include "fixtures.h"
#include "test_registry.h"

#include "common/error.h"
#include "model/temporal.h"

#include <QTest>

using namespace lanterna;
using namespace lanterna::test;

class TestUNet : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void forwardShapes() {
    for (const char* kind : {"base", "conditional", "ssr"}) {
      ModelConfig c = tiny_model_config(kind);
      UNet net(c);
      const int64_t b = 2, t = 8, s = c.resolution;
      at::Tensor x = at::randn({b * t, c.unet.in_channels, s, s});
      TextEmbedding e = net->encode_text(random_ids(c, b, 3));
      at::Tensor out = net->forward(x, at::rand({b}), e, t);
      QCOMPARE(out.sizes().vec(), (std::vector<int64_t>{b * t, 3, s, s}));
    }
  }
  void rejectsFrameCountsNotDividingTheTemporalFactor() {
    ModelConfig c = tiny_model_config("base");
    UNet net(c);
    TextEmbedding e = net->encode_text(random_ids(c, 1, 3));
    QVERIFY_THROWS_EXCEPTION(Error, net->forward(at::randn({6, 3, 16, 16}), at::rand({1}), e, 6));
  }
  void temporalLayersStartAsIdentity() {
    const int64_t b = 2, t = 8, c = 8, h = 4, w = 4;
    at::Tensor x = at::randn({b * t, c, h, w});
    QVERIFY(at::equal(TemporalConv(c, 3, 4)->forward(x, t), x));
    QVERIFY(at::allclose(TemporalAttention(c, 2)->forward(x, t), x));
    // Down-sampling keeps the even frames; up-sampling duplicates frames.
    at::Tensor down = TemporalDown(c, 3)->forward(x, t);
    at::Tensor even = x.reshape({b, t, c, h, w}).slice(1, 0, t, 2).reshape({b * t / 2, c, h, w});
    QVERIFY(at::allclose(down, even, 0, 1e-6));
    at::Tensor up = TemporalUp(c, 3)->forward(even, t / 2);
    at::Tensor dup =
        even.reshape({b, t / 2, c, h, w}).repeat_interleave(2, 1).reshape({b * t, c, h, w});
    QVERIFY(at::allclose(up, dup, 0, 1e-6));
  }
  void temporalLayersMixFramesOnceTrained() {
    // Sanity check of the test above: with non-zero weights the temporal
    // conv changes a frame depending on its neighbour.
    TemporalConv conv(8, 3, 4);
    randomize(*conv, 5);
    at::Tensor x = at::randn({8, 8, 4, 4});
    at::Tensor y1 = conv->forward(x, 8);
    at::Tensor x2 = x.clone();
    x2[1].add_(1.0);
    at::Tensor y2 = conv->forward(x2, 8);
    QVERIFY(!at::allclose(y1[0], y2[0]));  // frame 0 sees frame 1
  }
  void everyTemporalParameterIsNamedTemporal() {
    ModelConfig c2 = tiny_model_config("base");
    c2.unet.temporal = false;
    UNet net2d(c2);
    UNet net3d(tiny_model_config("base"));
    std::set<std::string> names2d;
    for (const auto& p : net2d->named_parameters()) names2d.insert(p.key());
    int temporal = 0;
    for (const auto& p : net3d->named_parameters()) {
      const bool is_temporal = p.key().find("temporal") != std::string::npos;
      QCOMPARE(names2d.count(p.key()) == 0, is_temporal);
      temporal += is_temporal;
    }
    QVERIFY(temporal > 0);
  }
  void frameEmbeddingStartsAtZeroThenTellsFramesApart() {
    ModelConfig c = tiny_model_config("base");
    UNet net(c);
    randomize(*net, 7, 0.05);
    ModelConfig cf = c;
    cf.unet.frame_embedding = true;
    UNet netf(cf);
    auto theirs = net->named_parameters();
    int missing = 0;
    {
      torch::NoGradGuard no_grad;
      for (auto& p : netf->named_parameters()) {
        if (const at::Tensor* t = theirs.find(p.key()))
          p.value().copy_(*t);
        else
          missing += p.key().find("temporal_frame_embed") == 0 ? 1 : 100;
      }
    }
    QCOMPARE(missing, 2);  // its weight and bias, nothing else
    const int64_t b = 2, t = 8, s = c.resolution;
    const at::Tensor x = at::randn({b * t, 3, s, s});
    const at::Tensor time = at::rand({b});
    const TextEmbedding e = net->encode_text(random_ids(c, b, 3));
    const at::Tensor before = net->forward(x, time, e, t);
    // Zero at the start: a network gaining it computes what it did before.
    QVERIFY(at::equal(netf->forward(x, time, e, t), before));
    {
      torch::NoGradGuard no_grad;
      netf->temporal_frame_embed->weight.normal_(0, 0.2);
    }
    const at::Tensor change = (netf->forward(x, time, e, t) - before).reshape({b, t, -1});
    // Trained, it changes each frame according to its place in the clip.
    QVERIFY(change.abs().mean().item<double>() > 1e-4);
    QVERIFY(!at::allclose(change[0][0], change[0][t - 1], 1e-4, 1e-5));
    // 2D networks have no frames to place.
    ModelConfig flat = cf;
    flat.unet.temporal = false;
    QVERIFY_THROWS_EXCEPTION(Error, flat.validate("test"));
  }
};

LANTERNA_TEST(TestUNet);
#include "tst_unet.moc"
