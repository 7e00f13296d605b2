// Helpers for the hand-written CPU kernels (model/fused_attention.cpp,
// model/fused_group_norm.cpp).
#pragma once

// A kernel's loops are compiled several times, for AVX-512, AVX2+FMA and
// baseline x86-64, and the loader picks the clone for the CPU it runs on (GCC
// function versioning), so one binary is fast everywhere.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define LANTERNA_SIMD_CLONES \
  __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define LANTERNA_SIMD_CLONES
#endif

// Helpers that take or return vector values are always inlined, so each clone
// gets its own instructions (and no vector value crosses a call, whose ABI
// differs between them; GCC still warns about the baseline ABI of their
// declarations, which the pragma silences in the files that include this).
#define LANTERNA_INLINE inline __attribute__((always_inline))
#pragma GCC diagnostic ignored "-Wpsabi"

// exp(x) on a GCC vector F of floats (I: the int vector of its size) for x
// in [-87, 88], which the caller clamps to: Cephes' expf polynomial, relative
// error ~1e-7. x = n ln2 + r with n the nearest integer, e^r by a degree-6
// polynomial, 2^n built in the exponent bits. ATen's vectorized exp is not
// reachable from outside its kernels, and std::exp per element costs more
// than the arithmetic around it.
template <typename F, typename I>
LANTERNA_INLINE F cephes_exp(F x) {
  const float round_magic = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer
  const F n = (x * 1.44269504f + round_magic) - round_magic;
  const F r = x - n * 0.693359375f + n * 2.12194440e-4f;
  F p = F{} + 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  const I exponent = (__builtin_convertvector(n, I) + 127) << 23;
  return p * reinterpret_cast<F>(exponent);
}
