// What the CPU this process runs on can do, for choices that depend on it.
#pragma once

namespace lanterna {

// True when the CPU multiplies bf16 natively (AVX512-BF16, e.g. AMD Zen 4,
// Intel Cooper Lake and later): there, LibTorch's oneDNN convolutions under
// bf16 autocast run 1.3-2.7x faster than fp32 (bench --train). Without it
// oneDNN emulates bf16 and is many times slower than fp32.
bool cpu_has_native_bf16();

}  // namespace lanterna
