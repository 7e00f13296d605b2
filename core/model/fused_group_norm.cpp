#include "model/fused_group_norm.h"

#include "common/simd.h"
#include "model/layers.h"

#include <ATen/Parallel.h>
#include <ATen/autocast_mode.h>
#include <torch/csrc/autograd/custom_function.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

namespace lanterna {

namespace {

// The activations are walked as rows: element (n, c, t, i) of the input is at
// x + n * sn + c * sc + t * st + i, for i < l contiguous. A contiguous
// (N, C, H, W) map is one row of H * W per channel (t = 1); the temporal
// layers' time-major view (B, C, T, H*W) of (B*T, C, H, W) frames is T rows
// per channel. The output and its gradient are contiguous (N, C, T, L).
struct Rows {
  int64_t n, c, t, l, groups;
  int64_t sn, sc, st;
  int64_t channels_per_group() const { return c / groups; }
  int64_t group_size() const { return channels_per_group() * t * l; }
  int64_t at(int64_t ni, int64_t ci, int64_t ti) const { return ni * sn + ci * sc + ti * st; }
  int64_t out_at(int64_t ni, int64_t ci, int64_t ti) const { return ((ni * c + ci) * t + ti) * l; }
};

Rows rows_of(const at::Tensor& x, int64_t groups) {
  Rows r;
  r.n = x.size(0);
  r.c = x.size(1);
  r.groups = groups;
  r.sn = x.stride(0);
  r.sc = x.stride(1);
  if (x.stride(2) == x.size(3)) {  // H and W together are one contiguous row
    r.t = 1;
    r.l = x.size(2) * x.size(3);
    r.st = 0;
  } else {
    r.t = x.size(2);
    r.l = x.size(3);
    r.st = x.stride(2);
  }
  return r;
}

// Sixteen floats: four xmm registers in the baseline clone, two ymm in the
// AVX2 one, one zmm in the AVX-512 one.
constexpr int64_t kLanes = 16;
typedef float Lanes __attribute__((vector_size(kLanes * 4)));
typedef int32_t IntLanes __attribute__((vector_size(kLanes * 4)));
typedef uint32_t WordLanes __attribute__((vector_size(kLanes * 4)));
typedef uint16_t HalfLanes __attribute__((vector_size(kLanes * 2)));

LANTERNA_INLINE Lanes splat(float v) {
  return Lanes{} + v;
}

// Loads `count` (<= kLanes) elements, the rest zero; bf16 is the upper half
// of an fp32, so widening it is a shift. Whole chunks take the fixed-size copy,
// which compiles to one vector load; only a row's tail pays for a variable one.
template <typename V, typename T>
LANTERNA_INLINE V load_raw(const T* p, int64_t count) {
  V v{};
  if (count == kLanes)
    std::memcpy(&v, p, sizeof v);
  else
    std::memcpy(&v, p, count * sizeof(T));
  return v;
}
template <typename V, typename T>
LANTERNA_INLINE void store_raw(T* p, V v, int64_t count) {
  if (count == kLanes)
    std::memcpy(p, &v, sizeof v);
  else
    std::memcpy(p, &v, count * sizeof(T));
}

LANTERNA_INLINE Lanes load(const float* p, int64_t count) {
  return load_raw<Lanes>(p, count);
}
LANTERNA_INLINE Lanes load(const c10::BFloat16* p, int64_t count) {
  const HalfLanes h = load_raw<HalfLanes>(reinterpret_cast<const uint16_t*>(p), count);
  return reinterpret_cast<Lanes>(__builtin_convertvector(h, WordLanes) << 16);
}

LANTERNA_INLINE void store(float* p, Lanes v, int64_t count) {
  store_raw(p, v, count);
}
// Rounds to the nearest bf16, ties to even, as c10::BFloat16 does; NaN stays NaN.
LANTERNA_INLINE void store(c10::BFloat16* p, Lanes v, int64_t count) {
  const WordLanes bits = reinterpret_cast<WordLanes>(v);
  WordLanes rounded = (bits + (((bits >> 16) & 1u) + 0x7fffu)) >> 16;
  rounded = v != v ? WordLanes{} + 0x7fc0u : rounded;
  store_raw(reinterpret_cast<uint16_t*>(p), __builtin_convertvector(rounded, HalfLanes), count);
}

LANTERNA_INLINE float sum_lanes(Lanes v) {
  float s = 0.0f;
  for (int64_t i = 0; i < kLanes; ++i) s += v[i];
  return s;
}

// 1.0 in the first `count` lanes, 0.0 after.
LANTERNA_INLINE Lanes first_lanes(int64_t count) {
  if (count == kLanes) return splat(1.0f);
  const Lanes index = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  return index < splat(static_cast<float>(count)) ? splat(1.0f) : splat(0.0f);
}

// exp(x), clamped so that 2^n stays a normal float.
LANTERNA_INLINE Lanes exp_lanes(Lanes x) {
  x = x < splat(-87.0f) ? splat(-87.0f) : x;
  return cephes_exp<Lanes, IntLanes>(x > splat(88.0f) ? splat(88.0f) : x);
}

LANTERNA_INLINE Lanes sigmoid_lanes(Lanes z) {
  return 1.0f / (1.0f + exp_lanes(-z));
}

// Calls f(offset, count) for the kLanes-wide chunks of a row of length l.
template <typename F>
LANTERNA_INLINE void each_chunk(int64_t l, F&& f) {
  for (int64_t i = 0; i < l; i += kLanes) f(i, std::min(kLanes, l - i));
}

// A row's length rounded up to whole chunks: rows of dz are kept this far apart.
int64_t padded_row(const Rows& r) {
  return (r.l + kLanes - 1) / kLanes * kLanes;
}

// Groups are tasks; a chunk of them should be worth a thread.
int64_t grain_of(const Rows& r) {
  return std::max<int64_t>(1, 65536 / std::max<int64_t>(1, r.group_size()));
}

// One (sample, group): its mean and 1/sqrt(var + eps), then the normalised,
// scaled, shifted (and SiLU'd) output.
template <typename In, typename Out>
LANTERNA_SIMD_CLONES void forward_group(const In* x, const float* gamma, const float* beta,
                                        const Rows& r, float eps, bool silu, int64_t task, Out* y,
                                        float* mean, float* rstd) {
  const int64_t cpg = r.channels_per_group();
  const int64_t n = task / r.groups, c0 = (task % r.groups) * cpg;
  const float inv_size = 1.0f / static_cast<float>(r.group_size());
  Lanes acc{};
  for (int64_t c = c0; c < c0 + cpg; ++c)
    for (int64_t t = 0; t < r.t; ++t) {
      const In* row = x + r.at(n, c, t);
      each_chunk(
          r.l, [&](int64_t i, int64_t count)
                   __attribute__((always_inline)) { acc += load(row + i, count); });
    }
  const float mu = sum_lanes(acc) * inv_size;
  acc = Lanes{};  // the variance in a second pass: no cancellation
  for (int64_t c = c0; c < c0 + cpg; ++c)
    for (int64_t t = 0; t < r.t; ++t) {
      const In* row = x + r.at(n, c, t);
      each_chunk(
          r.l, [&](int64_t i, int64_t count) __attribute__((always_inline)) {
            const Lanes d = (load(row + i, count) - mu) * first_lanes(count);
            acc += d * d;
          });
    }
  const float inv_std = 1.0f / std::sqrt(sum_lanes(acc) * inv_size + eps);
  mean[task] = mu;
  rstd[task] = inv_std;
  for (int64_t c = c0; c < c0 + cpg; ++c) {
    const float scale = inv_std * gamma[c], shift = beta[c] - mu * scale;
    for (int64_t t = 0; t < r.t; ++t) {
      const In* row = x + r.at(n, c, t);
      Out* out = y + r.out_at(n, c, t);
      each_chunk(
          r.l, [&](int64_t i, int64_t count) __attribute__((always_inline)) {
            Lanes z = load(row + i, count) * scale + shift;
            if (silu) z = z * sigmoid_lanes(z);
            store(out + i, z, count);
          });
    }
  }
}

template <typename In, typename Out>
void forward_kernel(const In* x, const float* gamma, const float* beta, const Rows& r, float eps,
                    bool silu, Out* y, float* mean, float* rstd) {
  at::parallel_for(0, r.n * r.groups, grain_of(r), [&](int64_t begin, int64_t end) {
    for (int64_t task = begin; task < end; ++task)
      forward_group(x, gamma, beta, r, eps, silu, task, y, mean, rstd);
  });
}

// With z = xhat * gamma + beta and dz the gradient at z (through the SiLU):
// dbeta = sum dz, dgamma = sum dz * xhat per channel, and
// dx = rstd * (dz * gamma - mean(dz * gamma) - xhat * mean(dz * gamma * xhat))
// with the means over the group. dz is kept in a per-thread buffer between
// the two passes so the sigmoid is evaluated once. dgamma and dbeta are
// written per (sample, channel) and summed over the samples by the caller.
template <typename In, typename Out>
LANTERNA_SIMD_CLONES void backward_group(const In* x, const Out* dy, const float* gamma,
                                         const float* beta, const float* mean, const float* rstd,
                                         const Rows& r, bool silu, int64_t task, float* dz_rows,
                                         In* dx, const Rows& dx_rows, float* dgamma, float* dbeta) {
  const int64_t cpg = r.channels_per_group();
  const int64_t padded = padded_row(r);
  const int64_t n = task / r.groups, c0 = (task % r.groups) * cpg;
  const float mu = mean[task], inv_std = rstd[task];
  float mean_dz = 0.0f, mean_dz_xhat = 0.0f;
  for (int64_t c = c0; c < c0 + cpg; ++c) {
    Lanes sum_dz{}, sum_dz_xhat{};
    for (int64_t t = 0; t < r.t; ++t) {
      const In* row = x + r.at(n, c, t);
      const Out* drow = dy + r.out_at(n, c, t);
      float* dz_row = dz_rows + ((c - c0) * r.t + t) * padded;
      each_chunk(
          r.l, [&](int64_t i, int64_t count) __attribute__((always_inline)) {
            const Lanes xhat = (load(row + i, count) - mu) * inv_std;
            Lanes dz = load(drow + i, count);  // zero past the row's end
            if (silu) {
              const Lanes z = xhat * gamma[c] + beta[c], s = sigmoid_lanes(z);
              dz = dz * s * (1.0f + z * (1.0f - s));
            }
            std::memcpy(dz_row + i, &dz, sizeof dz);
            sum_dz += dz;
            sum_dz_xhat += dz * xhat;
          });
    }
    dbeta[n * r.c + c] = sum_lanes(sum_dz);
    dgamma[n * r.c + c] = sum_lanes(sum_dz_xhat);
    mean_dz += gamma[c] * dbeta[n * r.c + c];
    mean_dz_xhat += gamma[c] * dgamma[n * r.c + c];
  }
  const float inv_size = 1.0f / static_cast<float>(r.group_size());
  mean_dz *= inv_size;
  mean_dz_xhat *= inv_size;
  for (int64_t c = c0; c < c0 + cpg; ++c)
    for (int64_t t = 0; t < r.t; ++t) {
      const In* row = x + r.at(n, c, t);
      const float* dz_row = dz_rows + ((c - c0) * r.t + t) * padded;
      In* out = dx + dx_rows.at(n, c, t);
      each_chunk(
          r.l, [&](int64_t i, int64_t count) __attribute__((always_inline)) {
            const Lanes xhat = (load(row + i, count) - mu) * inv_std;
            Lanes dz;
            std::memcpy(&dz, dz_row + i, sizeof dz);
            store(out + i, inv_std * (dz * gamma[c] - mean_dz - xhat * mean_dz_xhat), count);
          });
    }
}

template <typename In, typename Out>
void backward_kernel(const In* x, const Out* dy, const float* gamma, const float* beta,
                     const float* mean, const float* rstd, const Rows& r, bool silu, In* dx,
                     const Rows& dx_rows, float* dgamma, float* dbeta) {
  at::parallel_for(0, r.n * r.groups, grain_of(r), [&](int64_t begin, int64_t end) {
    std::vector<float> dz_rows(r.channels_per_group() * r.t * padded_row(r));
    for (int64_t task = begin; task < end; ++task)
      backward_group(x, dy, gamma, beta, mean, rstd, r, silu, task, dz_rows.data(), dx, dx_rows,
                     dgamma, dbeta);
  });
}

// The dtype the next layer runs in: what autocast would cast the output to.
at::ScalarType output_dtype() {
  return at::autocast::is_cpu_enabled() && at::autocast::get_autocast_cpu_dtype() == at::kBFloat16
             ? at::kBFloat16
             : at::kFloat;
}

// Dispatches on the input and output dtypes (fp32 or bf16 each).
template <typename F>
void with_dtypes(at::ScalarType in, at::ScalarType out, F&& f) {
  const float* fp32_tag = nullptr;
  const c10::BFloat16* bf16_tag = nullptr;
  if (in == at::kFloat && out == at::kFloat) f(fp32_tag, fp32_tag);
  if (in == at::kFloat && out == at::kBFloat16) f(fp32_tag, bf16_tag);
  if (in == at::kBFloat16 && out == at::kFloat) f(bf16_tag, fp32_tag);
  if (in == at::kBFloat16 && out == at::kBFloat16) f(bf16_tag, bf16_tag);
}

at::Tensor run_forward(const at::Tensor& x, const at::Tensor& gamma, const at::Tensor& beta,
                       int64_t groups, double eps, bool silu, at::Tensor* mean, at::Tensor* rstd) {
  const Rows r = rows_of(x, groups);
  at::Tensor y = at::empty(x.sizes(), x.options().dtype(output_dtype()));
  *mean = at::empty({r.n * groups}, x.options().dtype(at::kFloat));
  *rstd = at::empty({r.n * groups}, x.options().dtype(at::kFloat));
  with_dtypes(x.scalar_type(), y.scalar_type(), [&](auto in_tag, auto out_tag) {
    using In = std::remove_const_t<std::remove_pointer_t<decltype(in_tag)>>;
    using Out = std::remove_const_t<std::remove_pointer_t<decltype(out_tag)>>;
    forward_kernel<In, Out>(x.data_ptr<In>(), gamma.data_ptr<float>(), beta.data_ptr<float>(), r,
                            static_cast<float>(eps), silu, y.data_ptr<Out>(),
                            mean->data_ptr<float>(), rstd->data_ptr<float>());
  });
  return y;
}

struct GroupNormSiluFunction : torch::autograd::Function<GroupNormSiluFunction> {
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& x,
                            const at::Tensor& gamma, const at::Tensor& beta, int64_t groups,
                            double eps, bool silu) {
    at::Tensor mean, rstd;
    at::Tensor y = run_forward(x, gamma, beta, groups, eps, silu, &mean, &rstd);
    ctx->save_for_backward({x, gamma, beta, mean, rstd});
    ctx->saved_data["groups"] = groups;
    ctx->saved_data["silu"] = silu;
    return y;
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const at::Tensor &x = saved[0], &gamma = saved[1], &beta = saved[2];
    const at::Tensor &mean = saved[3], &rstd = saved[4];
    const int64_t groups = ctx->saved_data["groups"].toInt();
    const bool silu = ctx->saved_data["silu"].toBool();
    const Rows r = rows_of(x, groups);
    const at::Tensor dy = grads[0].contiguous();
    at::Tensor dx = at::empty_like(x);  // x's strides: a permuted view's gradient stays permuted
    const Rows dx_rows = rows_of(dx, groups);
    at::Tensor dgamma = at::empty({r.n, r.c}, gamma.options());
    at::Tensor dbeta = at::empty({r.n, r.c}, gamma.options());
    with_dtypes(x.scalar_type(), dy.scalar_type(), [&](auto in_tag, auto out_tag) {
      using In = std::remove_const_t<std::remove_pointer_t<decltype(in_tag)>>;
      using Out = std::remove_const_t<std::remove_pointer_t<decltype(out_tag)>>;
      backward_kernel<In, Out>(x.data_ptr<In>(), dy.data_ptr<Out>(), gamma.data_ptr<float>(),
                               beta.data_ptr<float>(), mean.data_ptr<float>(),
                               rstd.data_ptr<float>(), r, silu, dx.data_ptr<In>(), dx_rows,
                               dgamma.data_ptr<float>(), dbeta.data_ptr<float>());
    });
    return {dx, dgamma.sum(0), dbeta.sum(0), at::Tensor(), at::Tensor(), at::Tensor()};
  }
};

bool float_or_bf16_cpu(const at::Tensor& t) {
  return t.defined() && t.device().is_cpu() &&
         (t.scalar_type() == at::kFloat || t.scalar_type() == at::kBFloat16);
}

bool fp32_vector(const at::Tensor& t, int64_t size) {
  return t.defined() && t.device().is_cpu() && t.scalar_type() == at::kFloat && t.dim() == 1 &&
         t.size(0) == size && t.is_contiguous();
}

// The kernel's rows need a contiguous last dimension. (A plain contiguous()
// could keep an odd stride on a dimension of size 1.)
at::Tensor with_rows(const at::Tensor& x) {
  return x.stride(3) == 1 ? x : x.clone(at::MemoryFormat::Contiguous);
}

}  // namespace

KernelSwitch& fused_group_norm_switch() {
  static KernelSwitch s("LANTERNA_FUSED_GROUP_NORM");
  return s;
}

at::Tensor group_norm(const torch::nn::GroupNorm& norm, const at::Tensor& x_in, bool silu) {
  const auto& options = norm->options;
  const bool fused = fused_group_norm_switch().on() && options.affine() &&
                     float_or_bf16_cpu(x_in) && x_in.dim() == 4 &&
                     x_in.size(1) == options.num_channels() &&
                     fp32_vector(norm->weight, options.num_channels()) &&
                     fp32_vector(norm->bias, options.num_channels()) && x_in.numel() > 0;
  if (!fused) {
    at::Tensor y = norm.ptr()->forward(fp32(x_in));
    return silu ? at::silu(y) : y;
  }
  const at::Tensor x = with_rows(x_in);
  const int64_t groups = options.num_groups();
  const bool needs_grad =
      at::GradMode::is_enabled() &&
      (x.requires_grad() || norm->weight.requires_grad() || norm->bias.requires_grad());
  if (!needs_grad) {
    at::Tensor mean, rstd;
    return run_forward(x, norm->weight, norm->bias, groups, options.eps(), silu, &mean, &rstd);
  }
  return GroupNormSiluFunction::apply(x, norm->weight, norm->bias, groups, options.eps(), silu);
}

}  // namespace lanterna
