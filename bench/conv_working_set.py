#!/usr/bin/python3
"""3x3 convolution throughput against the size of its working set.

A bench tool (Debian's /usr/bin/python3 and python3-torch, the same 1.13 and
oneDNN as LibTorch), never a runtime dependency. It times one 3x3 convolution
of the base STUNet's two top levels (32 channels at 32x32, 64 at 16x16), in
bf16 and fp32, for 128, 256 and 512 frames (a training batch of 8, 16 and 32
clips of 16 frames), best of 5, and prints GFLOP/s beside the size of the
input plus the output. On the 2-core reference machine (32 MiB L3) the
throughput halves once that passes the L3: this is why batches of 32 clips
train at half the clips per second of 8-16 on it (README, "Training").

usage: bench/conv_working_set.py [--threads N]
"""
import argparse
import time

import torch


def best_seconds(x, w, reps=5):
    torch.nn.functional.conv2d(x, w, padding=1)  # warm-up: oneDNN picks its kernel
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        torch.nn.functional.conv2d(x, w, padding=1)
        times.append(time.perf_counter() - t0)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print("threads %d" % torch.get_num_threads())
    with torch.no_grad():
        for dtype in (torch.bfloat16, torch.float32):
            for channels, side in ((32, 32), (64, 16)):
                for frames in (128, 256, 512):
                    x = torch.randn(frames, channels, side, side).to(dtype)
                    w = torch.randn(channels, channels, 3, 3).to(dtype)
                    seconds = best_seconds(x, w)
                    mib = 2 * x.numel() * x.element_size() / 2**20
                    flops = 2 * frames * channels * channels * 9 * side * side
                    print("%-8s %3d ch %2dx%-2d %3d frames  in+out %5.1f MiB  %5.0f GFLOP/s"
                          % (str(dtype)[6:], channels, side, side, frames, mib,
                             flops / seconds / 1e9))


if __name__ == "__main__":
    main()
