#!/usr/bin/env python3
"""Does the model follow the direction word, or only the axis?

Generates "a red square moving left/right/up/down on a black background"
with the same seed for both words of a pair (lanterna-cli generate,
--no-ssr, 32x32 PNG frames), and prints per seed the red square's centroid
shift from the first frame to the last (canvas units) and the mean absolute
difference between the two clips of a pair (0-255). A model that ignores
the word draws the same clip for both (difference near 0, same sign of
shift); one that follows it moves the square the way each word says.

usage: bench/direction_pairs.py --cli build/release/app/lanterna-cli
           [--model DIR] [--seeds 11-18] [--threads 1]

Standard library only (a small PNG reader), so it runs with Debian's
python3 alone; a diagnosis tool, never a runtime dependency.
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile
import zlib

PROMPT = "a red square moving {} on a black background"
PAIRS = (("left", "right", 0), ("up", "down", 1))


def read_png_rgb(path):
    """Decodes an 8-bit, non-interlaced RGB or RGBA PNG into rows of (r, g, b)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG file")
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise ValueError(f"{path}: only 8-bit RGB/RGBA non-interlaced PNG is read")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append([tuple(line[x * channels:x * channels + 3]) for x in range(width)])
        previous = line
    return rows


def red_centroid(frame):
    """Centroid (x, y) in canvas units of the pixels that look red, or None."""
    sx = sy = n = 0
    size = len(frame)
    for y, row in enumerate(frame):
        for x, (r, g, b) in enumerate(row):
            if r > 120 and r > g + 60 and r > b + 60:
                sx, sy, n = sx + x, sy + y, n + 1
    if n == 0:
        return None
    return ((sx / n + 0.5) / size, (sy / n + 0.5) / size)


def generate(cli, model, seed, word, threads, out_dir):
    command = [cli, "generate", "--prompt", PROMPT.format(word), "--seed", str(seed),
               "--no-ssr", "--size", "32", "--threads", str(threads), "--out", out_dir + "/"]
    if model:
        command += ["--model", model]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    names = sorted(n for n in os.listdir(out_dir) if n.startswith("frame_") and n.endswith(".png"))
    return [read_png_rgb(os.path.join(out_dir, n)) for n in names]


def shift(frames, axis):
    first, last = red_centroid(frames[0]), red_centroid(frames[-1])
    if first is None or last is None:
        return None
    return last[axis] - first[axis]


def mean_abs_difference(a, b):
    total = count = 0
    for fa, fb in zip(a, b):
        for ra, rb in zip(fa, fb):
            for pa, pb in zip(ra, rb):
                total += sum(abs(x - y) for x, y in zip(pa, pb))
                count += 3
    return total / count


def parse_seeds(text):
    if "-" in text:
        lo, hi = (int(v) for v in text.split("-"))
        return list(range(lo, hi + 1))
    return [int(v) for v in text.split(",")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cli", required=True, help="path to lanterna-cli")
    parser.add_argument("--model", default="", help="models folder (default: shipped)")
    parser.add_argument("--seeds", default="11-18", help="e.g. 11-18 or 3,5,7")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    def fmt(value):
        return "   -  " if value is None else f"{value:+.2f}"

    print("seed | left dx | right dx | diff | up dy | down dy | diff")
    followed = judged = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in parse_seeds(args.seeds):
            cells = []
            for first_word, second_word, axis in PAIRS:
                clips = []
                for word in (first_word, second_word):
                    out_dir = os.path.join(tmp, f"{seed}-{word}")
                    os.makedirs(out_dir)
                    clips.append(generate(args.cli, args.model, seed, word, args.threads, out_dir))
                shifts = [shift(c, axis) for c in clips]
                # left and up are negative shifts, right and down positive
                for value, sign in zip(shifts, (-1, 1)):
                    if value is not None:
                        judged += 1
                        followed += 1 if value * sign > 0.1 else 0
                cells += [fmt(shifts[0]), fmt(shifts[1]), f"{mean_abs_difference(*clips):.2f}"]
            print(f"{seed} | " + " | ".join(cells), flush=True)
    print(f"moved the way the word says (by more than 0.1 of the canvas): {followed}/{judged}")


if __name__ == "__main__":
    sys.exit(main())
