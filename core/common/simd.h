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
// declarations, hence the pragma in the kernels' files).
#define LANTERNA_INLINE inline __attribute__((always_inline))
