#!/usr/bin/env python3
"""Cross-check of Lanterna's C++ blocks against a PyTorch reference.

Loads the weights Lanterna wrote (model.safetensors, read with a plain
safetensors parser: no pickle) and the block inputs/outputs the C++ side
recorded (blocks.safetensors), re-implements each block in PyTorch and
compares. Exit status 0 when all agree, 1 otherwise, 77 when PyTorch is
missing (a test tool only; never a runtime dependency of Lanterna)."""
import json
import math
import struct
import sys

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    print("python3-torch is not installed: cannot cross-check", file=sys.stderr)
    sys.exit(77)

DTYPES = {"F32": torch.float32, "F16": torch.float16, "I64": torch.int64, "BOOL": torch.bool}


def load(path):
    data = open(path, "rb").read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        b, end = e["data_offsets"]
        buf = bytearray(data[8 + n + b:8 + n + end])
        t = torch.frombuffer(buf, dtype=DTYPES[e["dtype"]]) if buf else torch.empty(0, dtype=DTYPES[e["dtype"]])
        out[name] = t.reshape(e["shape"]).float() if e["dtype"] != "BOOL" else t.reshape(e["shape"])
    return out


def attention(q, k, v, heads, valid=None):
    n, lq, c = q.shape
    lk = k.shape[1]
    d = c // heads
    q = q.reshape(n, lq, heads, d).transpose(1, 2)
    k = k.reshape(n, lk, heads, d).transpose(1, 2)
    v = v.reshape(n, lk, heads, d).transpose(1, 2)
    s = q @ k.transpose(-1, -2) / math.sqrt(d)
    if valid is not None:
        s = s.masked_fill(~valid.view(n, 1, 1, lk), float("-inf"))
    return (s.softmax(-1) @ v).transpose(1, 2).reshape(n, lq, c)


def res_block(w, p, x, emb, groups):
    h = F.conv2d(F.silu(F.group_norm(x, groups, w[p + "norm1.weight"], w[p + "norm1.bias"])),
                 w[p + "conv1.weight"], w[p + "conv1.bias"], padding=1)
    h = h + F.linear(F.silu(emb), w[p + "emb_proj.weight"], w[p + "emb_proj.bias"])[:, :, None, None]
    h = F.conv2d(F.silu(F.group_norm(h, groups, w[p + "norm2.weight"], w[p + "norm2.bias"])),
                 w[p + "conv2.weight"], w[p + "conv2.bias"], padding=1)
    skip = F.conv2d(x, w[p + "skip.weight"], w[p + "skip.bias"]) if p + "skip.weight" in w else x
    return skip + h


def cross_attention(w, p, x, ctx, valid, heads, groups):
    n, c, hh, ww = x.shape
    t = F.group_norm(x, groups, w[p + "norm.weight"], w[p + "norm.bias"]).flatten(2).transpose(1, 2)
    o = attention(F.linear(t, w[p + "to_q.weight"]), F.linear(ctx, w[p + "to_k.weight"]),
                  F.linear(ctx, w[p + "to_v.weight"]), heads, valid)
    o = F.linear(o, w[p + "to_out.weight"], w[p + "to_out.bias"])
    return x + o.transpose(1, 2).reshape(n, c, hh, ww)


def temporal_conv(w, p, x, frames, groups):
    bt, c, hh, ww = x.shape
    h = x.reshape(bt // frames, frames, c, hh * ww).permute(0, 2, 1, 3)
    k = w[p + "conv1.weight"].shape[2]
    h = F.conv2d(F.silu(F.group_norm(h, groups, w[p + "norm1.weight"], w[p + "norm1.bias"])),
                 w[p + "conv1.weight"], w[p + "conv1.bias"], padding=(k // 2, 0))
    h = F.conv2d(F.silu(F.group_norm(h, groups, w[p + "norm2.weight"], w[p + "norm2.bias"])),
                 w[p + "conv2.weight"], w[p + "conv2.bias"], padding=(k // 2, 0))
    return x + h.permute(0, 2, 1, 3).reshape(bt, c, hh, ww)


def sinusoidal(pos, dim):
    half = dim // 2
    freqs = torch.exp(torch.arange(half, dtype=torch.float32) * (-math.log(10000.0) / max(half - 1, 1)))
    a = pos.float()[:, None] * freqs[None]
    e = torch.cat([a.sin(), a.cos()], 1)
    return F.pad(e, (0, 1)) if dim % 2 else e


def temporal_attention(w, p, x, frames, heads):
    bt, c, hh, ww = x.shape
    b = bt // frames
    seq = x.reshape(b, frames, c, hh * ww).permute(0, 3, 1, 2).reshape(b * hh * ww, frames, c)
    h = F.layer_norm(seq, (c,), w[p + "norm.weight"], w[p + "norm.bias"]) + sinusoidal(torch.arange(frames), c)[None]
    q, k, v = F.linear(h, w[p + "qkv.weight"], w[p + "qkv.bias"]).chunk(3, -1)
    o = F.linear(attention(q, k, v, heads), w[p + "out.weight"], w[p + "out.bias"])
    return x + o.reshape(b, hh * ww, frames, c).permute(0, 2, 3, 1).reshape(bt, c, hh, ww)


def main():
    folder = sys.argv[1]
    cfg = json.load(open(folder + "/model/model.json"))
    w = load(folder + "/model/" + cfg["weights"])
    io = load(folder + "/blocks.safetensors")
    g, heads = cfg["unet"]["groups"], cfg["unet"]["heads"]
    frames = int(io["frames"].item())
    checks = {
        "res_block": res_block(w, "down.1.res.0.", io["res_in"], io["res_emb"], g),
        "cross_attention": cross_attention(w, "down.1.xattn.0.", io["xattn_in"], io["xattn_ctx"],
                                           io["xattn_valid"], heads, g),
        "temporal_conv": temporal_conv(w, "down.0.temporal_conv.0.", io["tconv_in"], frames, g),
        "temporal_attention": temporal_attention(w, "mid.temporal_attn.0.", io["tattn_in"], frames, heads),
    }
    ok = True
    for name, ref in checks.items():
        err = (ref - io[name + "_out"]).abs().max().item()
        print(f"{name}: max abs difference {err:.2e}")
        ok &= err < 1e-4
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
