#include "test_registry.h"

#include "common/autocast_scope.h"
#include "model/fused_group_norm.h"
#include "model/layers.h"
#include "model/temporal.h"

#include <QTest>

using namespace lanterna;

namespace {

struct Result {
  at::Tensor out, dx, dgamma, dbeta;
};

// group_norm with the kernel on or off, on a copy of x0 made of `dtype`
// (permuted to time-major like the temporal layers' input when `frames` > 0),
// and the gradients of a fixed random projection of its output.
Result normalize(bool fused, const at::Tensor& x0, int64_t frames, at::ScalarType dtype,
                 bool autocast, bool silu, const at::Tensor& probe) {
  FusedGroupNormScope scope(fused);
  at::manual_seed(7);
  torch::nn::GroupNorm norm(4, x0.size(1));
  {
    torch::NoGradGuard no_grad;  // affine weights away from 1 and 0
    norm->weight.uniform_(0.5, 1.5);
    norm->bias.uniform_(-0.5, 0.5);
  }
  at::Tensor x = x0.detach().to(dtype).requires_grad_(true);
  at::Tensor view = frames > 0 ? frames_to_time_major(x, frames) : x;
  at::Tensor out;
  {
    AutocastScope autocast_on(autocast);
    out = group_norm(norm, view, silu);
  }
  (out.to(at::kFloat) * probe).sum().backward();
  return {out.detach().to(at::kFloat), x.grad().to(at::kFloat), norm->weight.grad(),
          norm->bias.grad()};
}

float max_difference(const at::Tensor& a, const at::Tensor& b) {
  return (a - b).abs().max().item<float>();
}

}  // namespace

class TestFusedGroupNorm : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  // The kernel against LibTorch's GroupNorm and SiLU in fp32, on a row length
  // that is not a multiple of the kernel's 16 lanes, with and without SiLU.
  void matchesGroupNormAndSiluInFp32() {
    at::manual_seed(1);
    const at::Tensor x = at::randn({3, 8, 5, 7}) * 3.0 + 1.0;
    const at::Tensor probe = at::randn({3, 8, 5, 7});
    for (bool silu : {true, false}) {
      const Result fused = normalize(true, x, 0, at::kFloat, false, silu, probe);
      const Result ref = normalize(false, x, 0, at::kFloat, false, silu, probe);
      QCOMPARE(fused.out.scalar_type(), at::kFloat);
      QVERIFY2(max_difference(fused.out, ref.out) < 1e-5, silu ? "silu" : "plain");
      QVERIFY(max_difference(fused.dx, ref.dx) < 1e-5);
      QVERIFY(max_difference(fused.dgamma, ref.dgamma) < 1e-4);
      QVERIFY(max_difference(fused.dbeta, ref.dbeta) < 1e-4);
    }
  }
  // The temporal layers normalise a permuted (B, C, T, H*W) view of the
  // frames; the kernel reads it in place and its gradient keeps the frames'
  // layout.
  void readsTheTimeMajorViewInPlace() {
    at::manual_seed(2);
    const int64_t frames = 6;
    const at::Tensor x = at::randn({2 * frames, 8, 4, 4});
    const at::Tensor probe = at::randn({2, 8, frames, 16});
    const Result fused = normalize(true, x, frames, at::kFloat, false, true, probe);
    const Result ref = normalize(false, x, frames, at::kFloat, false, true, probe);
    QVERIFY(max_difference(fused.out, ref.out) < 1e-5);
    QVERIFY(max_difference(fused.dx, ref.dx) < 1e-5);
    QVERIFY(max_difference(fused.dgamma, ref.dgamma) < 1e-4);
    QVERIFY(fused.dx.is_contiguous());
  }
  // Under bf16 autocast the kernel takes bf16 input and gives the bf16 output
  // the next convolution runs in; the unfused form computes in fp32 and is
  // cast by autocast. Both round the same fp32 values, so they agree to bf16
  // precision.
  void givesBf16UnderAutocast() {
    at::manual_seed(3);
    const at::Tensor x = at::randn({4, 8, 16, 16});
    const at::Tensor probe = at::randn({4, 8, 16, 16});
    const Result fused = normalize(true, x, 0, at::kBFloat16, true, true, probe);
    Result ref = normalize(false, x, 0, at::kBFloat16, true, true, probe);
    ref.out = ref.out.to(at::kBFloat16).to(at::kFloat);  // what the next convolution sees
    QVERIFY(max_difference(fused.out, ref.out) < 0.02);
    QVERIFY(max_difference(fused.dx, ref.dx) < 0.02 * ref.dx.abs().max().item<float>());
    QVERIFY(max_difference(fused.dgamma, ref.dgamma) < 0.01 * ref.dgamma.abs().max().item<float>());
    FusedGroupNormScope on(true);
    torch::nn::GroupNorm norm(4, 8);
    at::ScalarType inside;
    {
      AutocastScope autocast(true);
      inside = group_norm(norm, x, true).scalar_type();
    }
    QCOMPARE(inside, at::kBFloat16);
    QCOMPARE(group_norm(norm, x.to(at::kBFloat16), true).scalar_type(), at::kFloat);
  }
  // Extreme inputs: a constant group (variance 0) normalises to the bias,
  // and activations far out on both sides of the SiLU stay finite.
  void staysFiniteOnExtremeInput() {
    FusedGroupNormScope on(true);
    torch::nn::GroupNorm norm(2, 4);
    torch::NoGradGuard no_grad;
    norm->weight.fill_(100.0);
    norm->bias.fill_(0.25);
    at::Tensor x = at::zeros({1, 4, 3, 3});
    x.slice(1, 2, 4).copy_(at::randn({1, 2, 3, 3}));
    const at::Tensor y = group_norm(norm, x, true);
    QVERIFY(at::isfinite(y).all().item<bool>());
    const float silu_of_bias = 0.25f / (1.0f + std::exp(-0.25f));
    QVERIFY(max_difference(y.slice(1, 0, 2), at::full({1, 2, 3, 3}, silu_of_bias)) < 1e-6);
    const at::Tensor ref = at::silu(at::group_norm(x, 2, norm->weight, norm->bias));
    QVERIFY(max_difference(y, ref) < 1e-3);
  }
};

LANTERNA_TEST(TestFusedGroupNorm);
#include "tst_fused_group_norm.moc"
