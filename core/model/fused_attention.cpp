#include "model/fused_attention.h"

#include "common/simd.h"

#include <ATen/Parallel.h>
#include <torch/csrc/autograd/custom_function.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace lanterna {

namespace {

// Queries are processed in blocks of kBlock, one query per SIMD lane, so
// scores, softmax and the weighted sums of a block are vertical vector
// operations with no horizontal reductions and no dependence on the head
// width, which is 8 to 32 here and too short to vectorize over.
constexpr int64_t kBlock = 8;

// Where query (or output) i, channel c of sequence n lives:
// base + n * seq + i * row + c * channel. Row-major (N, L, C) or
// channel-major (N, C, L), any strides.
struct Layout {
  int64_t seq, row, channel;
  const float* at(const float* base, int64_t n, int64_t i, int64_t c) const {
    return base + n * seq + i * row + c * channel;
  }
  float* at(float* base, int64_t n, int64_t i, int64_t c) const {
    return base + n * seq + i * row + c * channel;
  }
};

// Shapes and strides of one call. Keys and values are row-major: row j of
// sequence n of k starts at k + n * k_s0 + j * k_s1. Head h's channels are
// [h * d, (h + 1) * d). The output, dout and dq share the `out` layout.
struct Geometry {
  int64_t n, lq, lk, c, heads, d, blocks;
  Layout q, out;
  int64_t k_s0, k_s1, v_s0, v_s1;
  float scale;
};

Geometry geometry_of(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int heads,
                     bool channel_major) {
  Geometry g;
  g.n = q.size(0);
  g.lq = channel_major ? q.size(2) : q.size(1);
  g.c = channel_major ? q.size(1) : q.size(2);
  g.lk = k.size(1);
  g.heads = heads;
  g.d = g.c / heads;
  g.blocks = (g.lq + kBlock - 1) / kBlock;
  g.q = channel_major ? Layout{q.stride(0), q.stride(2), q.stride(1)}
                      : Layout{q.stride(0), q.stride(1), q.stride(2)};
  g.out = channel_major ? Layout{g.c * g.lq, 1, g.lq} : Layout{g.lq * g.c, g.c, 1};
  g.k_s0 = k.stride(0);
  g.k_s1 = k.stride(1);
  g.v_s0 = v.stride(0);
  g.v_s1 = v.stride(1);
  g.scale = static_cast<float>(1.0 / std::sqrt(static_cast<double>(g.d)));
  return g;
}

// The (N, L, C) or (N, C, L) shape of an output of this geometry.
std::vector<int64_t> out_shape(const Geometry& g, bool channel_major) {
  return channel_major ? std::vector<int64_t>{g.n, g.c, g.lq}
                       : std::vector<int64_t>{g.n, g.lq, g.c};
}

// Tasks are (sequence, head) pairs; a chunk of them should be worth a thread.
int64_t grain_of(const Geometry& g) {
  return std::max<int64_t>(1, 32768 / std::max<int64_t>(1, g.lq * g.lk * g.d));
}

// One SIMD register of kBlock floats, one query per lane (GCC vector
// extensions: one ymm register in the AVX2 clone, two xmm in the baseline).
typedef float Lanes __attribute__((vector_size(kBlock * 4)));
typedef int32_t IntLanes __attribute__((vector_size(kBlock * 4)));

LANTERNA_INLINE Lanes load(const float* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
LANTERNA_INLINE void store(float* p, Lanes v) {
  std::memcpy(p, &v, sizeof v);
}
LANTERNA_INLINE Lanes splat(float x) {
  return Lanes{} + x;
}
LANTERNA_INLINE Lanes lanes_max(Lanes a, Lanes b) {
  return a > b ? a : b;
}

// Sums with R independent accumulators, so that consecutive fused
// multiply-adds do not wait on each other's latency:
// row_sums: acc[r] = sum_c w[r * d + c] * xt[c] (rows r of w against a
// transposed block xt); column_sums: acc[r] = sum_j w[j * d + r] * yt[j].
template <int R>
LANTERNA_INLINE void row_sums(const float* w, int64_t d, const float* xt, Lanes* acc) {
  for (int r = 0; r < R; ++r) acc[r] = Lanes{};
  for (int64_t c = 0; c < d; ++c) {
    const Lanes x = load(xt + c * kBlock);
    for (int r = 0; r < R; ++r) acc[r] += w[r * d + c] * x;
  }
}
template <int R>
LANTERNA_INLINE void column_sums(const float* w, int64_t d, const float* yt, int64_t rows,
                                 Lanes* acc) {
  for (int r = 0; r < R; ++r) acc[r] = Lanes{};
  for (int64_t j = 0; j < rows; ++j) {
    const Lanes y = load(yt + j * kBlock);
    for (int r = 0; r < R; ++r) acc[r] += w[j * d + r] * y;
  }
}

// Every row sum of w (rows x d) against xt, four rows at a time, handed to
// emit(row, sum); and every column sum of w against yt (rows long),
// handed to emit(column, sum).
template <typename Emit>
LANTERNA_INLINE void each_row_sum(const float* w, int64_t rows, int64_t d, const float* xt,
                                  Emit&& emit) {
  Lanes s[4];
  int64_t j = 0;
  for (; j + 4 <= rows; j += 4) {
    row_sums<4>(w + j * d, d, xt, s);
    for (int i = 0; i < 4; ++i) emit(j + i, s[i]);
  }
  for (; j < rows; ++j) {
    row_sums<1>(w + j * d, d, xt, s);
    emit(j, s[0]);
  }
}
template <typename Emit>
LANTERNA_INLINE void each_column_sum(const float* w, int64_t rows, int64_t d, const float* yt,
                                     Emit&& emit) {
  Lanes s[4];
  int64_t c = 0;
  for (; c + 4 <= d; c += 4) {
    column_sums<4>(w + c, d, yt, rows, s);
    for (int i = 0; i < 4; ++i) emit(c + i, s[i]);
  }
  for (; c < d; ++c) {
    column_sums<1>(w + c, d, yt, rows, s);
    emit(c, s[0]);
  }
}

// exp(x) for x <= 0 (scores minus their maximum).
LANTERNA_INLINE Lanes exp_nonpositive(Lanes x) {
  return cephes_exp<Lanes, IntLanes>(lanes_max(x, splat(-87.0f)));
}

// Keys and values of one (sequence, head) with masked keys left out:
// keys[j * d + c] pre-multiplied by the softmax scale, index[j] the key's
// position in the sequence. Plus the scratch of one query block.
struct HeadBuffers {
  int64_t kept = 0;
  std::vector<int64_t> index;
  std::vector<float> keys, values, qt, ot, scores;

  explicit HeadBuffers(const Geometry& g)
      : index(g.lk),
        keys(g.lk * g.d),
        values(g.lk * g.d),
        qt(g.d * kBlock),
        ot(g.d * kBlock),
        scores(g.lk * kBlock) {}

  void load(const float* k, const float* v, const bool* valid, const Geometry& g, int64_t n,
            int64_t h) {
    kept = 0;
    for (int64_t j = 0; j < g.lk; ++j) {
      if (valid && !valid[n * g.lk + j]) continue;
      const float* kr = k + n * g.k_s0 + j * g.k_s1 + h * g.d;
      const float* vr = v + n * g.v_s0 + j * g.v_s1 + h * g.d;
      for (int64_t c = 0; c < g.d; ++c) {
        keys[kept * g.d + c] = kr[c] * g.scale;
        values[kept * g.d + c] = vr[c];
      }
      index[kept++] = j;
    }
  }
};

// Queries i0 .. i0 + count of sequence n, head h -> t[c * kBlock + i],
// zeros for the lanes past `count`; and back.
void load_block(const float* base, const Layout& l, int64_t n, int64_t i0, int64_t count, int64_t h,
                int64_t d, float* t) {
  std::fill(t, t + d * kBlock, 0.0f);
  for (int64_t c = 0; c < d; ++c) {
    const float* src = l.at(base, n, i0, h * d + c);
    for (int64_t i = 0; i < count; ++i) t[c * kBlock + i] = src[i * l.row];
  }
}

void store_block(const float* t, const Layout& l, int64_t n, int64_t i0, int64_t count, int64_t h,
                 int64_t d, float* base) {
  for (int64_t c = 0; c < d; ++c) {
    float* dst = l.at(base, n, i0, h * d + c);
    for (int64_t i = 0; i < count; ++i) dst[i * l.row] = t[c * kBlock + i];
  }
}

// One block of queries (qt[c * kBlock + i], transposed) against the kept
// keys: p[j * kBlock + i] = softmax over j of q_i . k_j,
// ot[c * kBlock + i] = sum_j p v_j[c].
LANTERNA_SIMD_CLONES
void block_forward(const float* qt, const float* keys, const float* values, int64_t kept, int64_t d,
                   float* p, float* ot) {
  Lanes top = splat(-std::numeric_limits<float>::infinity());
  each_row_sum(
      keys, kept, d, qt, [&](int64_t j, Lanes sj) __attribute__((always_inline)) {
        store(p + j * kBlock, sj);
        top = lanes_max(top, sj);
      });
  Lanes sum{};
  for (int64_t j = 0; j < kept; ++j) {
    const Lanes e = exp_nonpositive(load(p + j * kBlock) - top);
    store(p + j * kBlock, e);
    sum += e;
  }
  const Lanes inv = 1.0f / sum;
  for (int64_t j = 0; j < kept; ++j) store(p + j * kBlock, load(p + j * kBlock) * inv);
  each_column_sum(
      values, kept, d,
      p, [&](int64_t c, Lanes oc) __attribute__((always_inline)) { store(ot + c * kBlock, oc); });
}

// Gradients of one block from its probabilities p: dp = dout v^T,
// ds = p (dp - rowsum(p dp)), dq = ds k_scaled (dqt, transposed); dk and dv
// accumulate per lane (dk_acc[(j * d + c) * kBlock + i] += ds q, dv_acc +=
// p dout) and are summed over lanes once per head. ds overwrites dp.
LANTERNA_SIMD_CLONES
void block_backward(const float* qt, const float* dot, const float* p, const float* keys,
                    const float* values, int64_t kept, int64_t d, float* dp, float* dqt,
                    float* dk_acc, float* dv_acc) {
  Lanes row{};
  each_row_sum(
      values, kept, d, dot, [&](int64_t j, Lanes dpj) __attribute__((always_inline)) {
        store(dp + j * kBlock, dpj);
        row += load(p + j * kBlock) * dpj;
      });
  for (int64_t j = 0; j < kept; ++j) {
    store(dp + j * kBlock, load(p + j * kBlock) * (load(dp + j * kBlock) - row));
  }
  each_column_sum(
      keys, kept, d, dp, [&](int64_t c, Lanes dqc) __attribute__((always_inline)) {
        store(dqt + c * kBlock, dqc);
      });
  for (int64_t j = 0; j < kept; ++j) {
    const Lanes ds = load(dp + j * kBlock), pj = load(p + j * kBlock);
    for (int64_t c = 0; c < d; ++c) {
      float* dka = dk_acc + (j * d + c) * kBlock;
      float* dva = dv_acc + (j * d + c) * kBlock;
      store(dka, load(dka) + ds * load(qt + c * kBlock));
      store(dva, load(dva) + pj * load(dot + c * kBlock));
    }
  }
}

// out in g.out's layout; probs (N, heads, blocks, Lk, kBlock) or nullptr.
void forward_kernel(const float* q, const float* k, const float* v, const bool* valid,
                    const Geometry& g, float* out, float* probs) {
  at::parallel_for(0, g.n * g.heads, grain_of(g), [&](int64_t begin, int64_t end) {
    HeadBuffers b(g);
    for (int64_t task = begin; task < end; ++task) {
      const int64_t n = task / g.heads, h = task % g.heads;
      b.load(k, v, valid, g, n, h);
      for (int64_t blk = 0; blk < g.blocks; ++blk) {
        const int64_t i0 = blk * kBlock, count = std::min(kBlock, g.lq - i0);
        if (b.kept == 0) {  // every key masked: zeros
          std::fill(b.ot.begin(), b.ot.end(), 0.0f);
        } else {
          float* p = probs ? probs + ((n * g.heads + h) * g.blocks + blk) * g.lk * kBlock
                           : b.scores.data();
          load_block(q, g.q, n, i0, count, h, g.d, b.qt.data());
          block_forward(b.qt.data(), b.keys.data(), b.values.data(), b.kept, g.d, p, b.ot.data());
        }
        store_block(b.ot.data(), g.out, n, i0, count, h, g.d, out);
      }
    }
  });
}

// Gradients for one call; dout and dq in g.out's layout, dk and dv
// contiguous (N, Lk, C) and zero-filled (masked keys get no gradient).
// Each (sequence, head) task writes its own slice of all three.
void backward_kernel(const float* q, const float* k, const float* v, const bool* valid,
                     const float* probs, const float* dout, const Geometry& g, float* dq, float* dk,
                     float* dv) {
  at::parallel_for(0, g.n * g.heads, grain_of(g), [&](int64_t begin, int64_t end) {
    HeadBuffers b(g);
    std::vector<float> dot(g.d * kBlock), dk_acc(g.lk * g.d * kBlock), dv_acc(g.lk * g.d * kBlock);
    for (int64_t task = begin; task < end; ++task) {
      const int64_t n = task / g.heads, h = task % g.heads;
      b.load(k, v, valid, g, n, h);
      std::fill(dk_acc.begin(), dk_acc.end(), 0.0f);
      std::fill(dv_acc.begin(), dv_acc.end(), 0.0f);
      for (int64_t blk = 0; blk < g.blocks; ++blk) {
        const int64_t i0 = blk * kBlock, count = std::min(kBlock, g.lq - i0);
        if (b.kept == 0) {
          std::fill(b.ot.begin(), b.ot.end(), 0.0f);
        } else {
          load_block(q, g.q, n, i0, count, h, g.d, b.qt.data());
          load_block(dout, g.out, n, i0, count, h, g.d, dot.data());
          const float* p = probs + ((n * g.heads + h) * g.blocks + blk) * g.lk * kBlock;
          block_backward(b.qt.data(), dot.data(), p, b.keys.data(), b.values.data(), b.kept, g.d,
                         b.scores.data(), b.ot.data(), dk_acc.data(), dv_acc.data());
        }
        store_block(b.ot.data(), g.out, n, i0, count, h, g.d, dq);
      }
      for (int64_t j = 0; j < b.kept; ++j) {
        const int64_t offset = (n * g.lk + b.index[j]) * g.c + h * g.d;
        for (int64_t c = 0; c < g.d; ++c) {
          float sk = 0.0f, sv = 0.0f;
          for (int64_t i = 0; i < kBlock; ++i) {
            sk += dk_acc[(j * g.d + c) * kBlock + i];
            sv += dv_acc[(j * g.d + c) * kBlock + i];
          }
          dk[offset + c] = sk * g.scale;
          dv[offset + c] = sv;
        }
      }
    }
  });
}

at::Tensor contiguous_mask(const at::Tensor& key_valid) {
  return key_valid.defined() ? key_valid.to(at::kBool).contiguous() : at::Tensor();
}

const bool* mask_data(const at::Tensor& valid) {
  return valid.defined() ? valid.data_ptr<bool>() : nullptr;
}

at::Tensor run_forward(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int heads,
                       bool channel_major, const at::Tensor& valid, at::Tensor* probs) {
  const Geometry g = geometry_of(q, k, v, heads, channel_major);
  at::Tensor out = at::empty(out_shape(g, channel_major), q.options());
  if (probs) *probs = at::empty({g.n, g.heads, g.blocks, g.lk, kBlock}, q.options());
  forward_kernel(q.data_ptr<float>(), k.data_ptr<float>(), v.data_ptr<float>(), mask_data(valid), g,
                 out.data_ptr<float>(), probs ? probs->data_ptr<float>() : nullptr);
  return out;
}

// The key mask travels as a plain value: autograd refuses undefined tensors
// among a function's tensor inputs, and the mask needs no gradient.
struct KeyMask {
  at::Tensor valid;
};

struct FusedAttentionFunction : torch::autograd::Function<FusedAttentionFunction> {
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& q,
                            const at::Tensor& k, const at::Tensor& v, int64_t heads,
                            bool channel_major, const KeyMask& mask) {
    at::Tensor probs;
    at::Tensor out =
        run_forward(q, k, v, static_cast<int>(heads), channel_major, mask.valid, &probs);
    ctx->save_for_backward({q, k, v, probs});
    ctx->saved_data["heads"] = heads;
    ctx->saved_data["channel_major"] = channel_major;
    if (mask.valid.defined()) ctx->saved_data["valid"] = mask.valid;
    return out;
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const at::Tensor &q = saved[0], &k = saved[1], &v = saved[2], &probs = saved[3];
    const bool channel_major = ctx->saved_data["channel_major"].toBool();
    const Geometry g =
        geometry_of(q, k, v, static_cast<int>(ctx->saved_data["heads"].toInt()), channel_major);
    const at::Tensor valid =
        ctx->saved_data.count("valid") ? ctx->saved_data["valid"].toTensor() : at::Tensor();
    at::Tensor dout = grads[0].contiguous();
    at::Tensor dq = at::empty(out_shape(g, channel_major), q.options());
    at::Tensor dk = at::zeros({g.n, g.lk, g.c}, k.options());
    at::Tensor dv = at::zeros({g.n, g.lk, g.c}, v.options());
    backward_kernel(q.data_ptr<float>(), k.data_ptr<float>(), v.data_ptr<float>(), mask_data(valid),
                    probs.data_ptr<float>(), dout.data_ptr<float>(), g, dq.data_ptr<float>(),
                    dk.data_ptr<float>(), dv.data_ptr<float>());
    return {dq, dk, dv, at::Tensor(), at::Tensor(), at::Tensor()};
  }
};

// bf16 inputs (under CPU autocast) are taken too and attended in fp32, as
// autocast does for softmax.
bool float_cpu_rows(const at::Tensor& t) {
  return t.defined() && t.device().is_cpu() &&
         (t.scalar_type() == at::kFloat || t.scalar_type() == at::kBFloat16) && t.dim() == 3 &&
         t.stride(2) == 1;
}

at::Tensor as_float(const at::Tensor& t) {
  return t.scalar_type() == at::kFloat ? t : t.to(at::kFloat);
}

}  // namespace

KernelSwitch& fused_attention_switch() {
  static KernelSwitch s("LANTERNA_FUSED_ATTENTION");
  return s;
}

bool fused_attention_applies(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                             int heads, bool channel_major) {
  const int64_t c = channel_major ? q.size(1) : q.size(2);
  return fused_attention_switch().on() && float_cpu_rows(q) && float_cpu_rows(k) &&
         float_cpu_rows(v) && heads > 0 && c % heads == 0 && k.size(2) == c && v.size(2) == c &&
         k.size(0) == q.size(0) && v.size(0) == q.size(0) && v.size(1) == k.size(1) &&
         k.size(1) > 0;
}

at::Tensor fused_attention(const at::Tensor& q_in, const at::Tensor& k_in, const at::Tensor& v_in,
                           int heads, const at::Tensor& key_valid, bool channel_major) {
  const at::Tensor q = as_float(q_in), k = as_float(k_in), v = as_float(v_in);
  const at::Tensor valid = contiguous_mask(key_valid);
  const bool needs_grad =
      at::GradMode::is_enabled() && (q.requires_grad() || k.requires_grad() || v.requires_grad());
  if (!needs_grad) return run_forward(q, k, v, heads, channel_major, valid, nullptr);
  return FusedAttentionFunction::apply(q, k, v, static_cast<int64_t>(heads), channel_major,
                                       KeyMask{valid});
}

}  // namespace lanterna
