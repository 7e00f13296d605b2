#include "test_registry.h"

#include "model/fused_attention.h"
#include "model/layers.h"

#include <QTest>

using namespace lanterna;

namespace {

struct Result {
  at::Tensor out, dq, dk, dv;
};

// Runs multi_head_attention with the fused kernel on or off and returns its
// output and the gradients of a fixed random projection of it.
Result attend(bool fused, const at::Tensor& q0, const at::Tensor& k0, const at::Tensor& v0,
              int heads, const at::Tensor& valid, const at::Tensor& probe) {
  FusedAttentionScope scope(fused);
  at::Tensor q = q0.detach().clone().requires_grad_(true);
  at::Tensor k = k0.detach().clone().requires_grad_(true);
  at::Tensor v = v0.detach().clone().requires_grad_(true);
  at::Tensor out = multi_head_attention(q, k, v, heads, valid);
  (out * probe).sum().backward();
  return {out.detach(), q.grad(), k.grad(), v.grad()};
}

bool close(const at::Tensor& a, const at::Tensor& b) {
  return at::allclose(a, b, 1e-4, 1e-5);
}

}  // namespace

class TestFusedAttention : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  // The fused kernel against the at::matmul form on the shapes the U-Net
  // uses: cross-attention with masked text tokens, and self-attention over
  // frames with q, k, v as strided chunks of one projection.
  void matchesTheMatmulFormWithMaskedKeys() {
    at::manual_seed(1);
    const int64_t n = 6, lq = 37, lk = 11, c = 24;
    at::Tensor q = at::randn({n, lq, c}), k = at::randn({n, lk, c}), v = at::randn({n, lk, c});
    at::Tensor valid = at::rand({n, lk}) > 0.4;
    valid.select(1, 0).fill_(true);  // every sequence keeps a key, as captions do
    at::Tensor probe = at::randn({n, lq, c});
    QVERIFY(fused_attention_applies(q, k, v, 3));
    Result fused = attend(true, q, k, v, 3, valid, probe);
    Result ref = attend(false, q, k, v, 3, valid, probe);
    QVERIFY(close(fused.out, ref.out));
    QVERIFY(close(fused.dq, ref.dq));
    QVERIFY(close(fused.dk, ref.dk));
    QVERIFY(close(fused.dv, ref.dv));
    // Masked keys get no gradient.
    at::Tensor masked = valid.logical_not().unsqueeze(-1).expand({n, lk, c});
    QCOMPARE(fused.dk.masked_select(masked).abs().max().item<float>(), 0.0f);
  }
  void matchesTheMatmulFormOnStridedChunks() {
    at::manual_seed(2);
    const int64_t n = 5, t = 16, c = 32;
    at::Tensor qkv = at::randn({n, t, 3 * c});
    auto parts = qkv.chunk(3, -1);
    QVERIFY(!parts[1].is_contiguous());
    at::Tensor probe = at::randn({n, t, c});
    Result fused = attend(true, parts[0], parts[1], parts[2], 4, at::Tensor(), probe);
    Result ref = attend(false, parts[0], parts[1], parts[2], 4, at::Tensor(), probe);
    QVERIFY(close(fused.out, ref.out));
    QVERIFY(close(fused.dq, ref.dq));
    QVERIFY(close(fused.dk, ref.dk));
    QVERIFY(close(fused.dv, ref.dv));
  }
  void gradientsThroughTheChunkedProjectionMatch() {
    // The gradient reaches a parameter through chunk() as in the layers.
    at::manual_seed(3);
    const int64_t n = 3, t = 8, c = 16;
    at::Tensor x = at::randn({n, t, c});
    at::Tensor w0 = at::randn({3 * c, c}) * 0.2;
    at::Tensor grads[2];
    for (int fused = 0; fused < 2; ++fused) {
      FusedAttentionScope scope(fused == 1);
      at::Tensor w = w0.clone().requires_grad_(true);
      auto parts = at::linear(x, w).chunk(3, -1);
      multi_head_attention(parts[0], parts[1], parts[2], 2, at::Tensor()).pow(2).sum().backward();
      grads[fused] = w.grad();
    }
    QVERIFY(close(grads[1], grads[0]));
  }
  void channelMajorQueriesMatchRowMajor() {
    // Pixels of a feature map, (N, C, L), against the row-major form.
    at::manual_seed(4);
    const int64_t n = 4, lq = 21, lk = 7, c = 16;
    at::Tensor qc0 = at::randn({n, c, lq}), k0 = at::randn({n, lk, c}), v0 = at::randn({n, lk, c});
    at::Tensor valid = at::rand({n, lk}) > 0.3;
    valid.select(1, 0).fill_(true);
    at::Tensor probe = at::randn({n, lq, c});
    Result ref = attend(false, qc0.transpose(1, 2), k0, v0, 2, valid, probe);
    at::Tensor qc = qc0.clone().requires_grad_(true);
    at::Tensor k = k0.clone().requires_grad_(true), v = v0.clone().requires_grad_(true);
    QVERIFY(fused_attention_applies(qc, k, v, 2, /*channel_major=*/true));
    at::Tensor out = fused_attention(qc, k, v, 2, valid, /*channel_major=*/true);
    QCOMPARE(out.sizes().vec(), (std::vector<int64_t>{n, c, lq}));
    (out * probe.transpose(1, 2)).sum().backward();
    QVERIFY(close(out.transpose(1, 2), ref.out));
    QVERIFY(close(qc.grad().transpose(1, 2), ref.dq));
    QVERIFY(close(k.grad(), ref.dk));
    QVERIFY(close(v.grad(), ref.dv));
  }
  void crossAttentionLayerIsTheSameEitherWay() {
    // The layer's 1x1-convolution path against its linear-layer path: same
    // output, same parameter gradients.
    at::manual_seed(5);
    CrossAttention layer(16, 12, 4, 4);
    at::Tensor x = at::randn({3, 16, 6, 6}), context = at::randn({3, 5, 12});
    at::Tensor valid = at::ones({3, 5}, at::kBool);
    valid[2].slice(0, 3).fill_(false);
    std::vector<at::Tensor> outs, grads;
    for (bool fused : {true, false}) {
      FusedAttentionScope scope(fused);
      layer->zero_grad();
      at::Tensor out = layer->forward(x, context, valid);
      out.pow(2).sum().backward();
      outs.push_back(out.detach());
      grads.push_back(
          at::cat({layer->to_q->weight.grad().flatten(), layer->to_k->weight.grad().flatten(),
                   layer->to_out->weight.grad().flatten(), layer->norm->weight.grad().flatten()}));
    }
    QVERIFY(close(outs[0], outs[1]));
    QVERIFY(close(grads[0], grads[1]));
  }
  void bf16InputsAreAttendedInFp32() {
    // Under CPU bf16 autocast the projections hand over bf16 tensors.
    at::manual_seed(6);
    at::Tensor q = at::randn({2, 16, 8}).to(at::kBFloat16), k = at::randn({2, 5, 8});
    at::Tensor v = at::randn({2, 5, 8});
    QVERIFY(fused_attention_applies(q, k.to(at::kBFloat16), v, 2));
    at::Tensor out = fused_attention(q, k.to(at::kBFloat16), v, 2, at::Tensor());
    QCOMPARE(out.scalar_type(), at::kFloat);
    at::Tensor ref;
    {
      FusedAttentionScope matmul_form(false);
      ref = multi_head_attention(q.to(at::kFloat), k.to(at::kBFloat16).to(at::kFloat), v, 2,
                                 at::Tensor());
    }
    QVERIFY(close(out, ref));
  }
  void allMaskedKeysGiveZerosNotNaN() {
    at::Tensor q = at::randn({2, 4, 8}), k = at::randn({2, 3, 8}), v = at::randn({2, 3, 8});
    at::Tensor valid = at::ones({2, 3}, at::kBool);
    valid[1].fill_(false);
    at::Tensor out = fused_attention(q, k, v, 2, valid);
    QVERIFY(!out.isnan().any().item<bool>());
    QCOMPARE(out[1].abs().max().item<float>(), 0.0f);
  }
  void declinesWhatItCannotTake() {
    at::Tensor x = at::randn({2, 4, 8});
    QVERIFY(!fused_attention_applies(x.to(at::kDouble), x.to(at::kDouble), x.to(at::kDouble), 2));
    QVERIFY(!fused_attention_applies(x, x, x, 3));                  // 3 does not divide 8
    QVERIFY(!fused_attention_applies(x.transpose(1, 2), x, x, 2));  // channels not contiguous
    {
      FusedAttentionScope off(false);
      QVERIFY(!fused_attention_applies(x, x, x, 2));
    }
    QVERIFY(fused_attention_applies(x, x, x, 2));  // the scope restored the switch
  }
};

LANTERNA_TEST(TestFusedAttention);
#include "tst_fused_attention.moc"
