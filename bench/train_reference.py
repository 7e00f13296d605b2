#!/usr/bin/python3
"""Python eager reference of Lanterna's text-to-image (t2i) training step.

A bench and test tool, never a runtime dependency: `lanterna-cli bench --train`
runs it (with Debian's /usr/bin/python3 and python3-torch) right after timing
the C++ trainer, to print the C++/Python throughput ratio from one invocation.

It reads a model bundle (model.json + model.safetensors, parsed here with json
and numpy: no pickle, no safetensors package), builds the same 2D U-Net as
core/model/unet.cpp and layers.cpp with the same parameter names, loads the
weights, and times training steps of the C++ trainer's recipe
(core/train/trainer.cpp, loss.cpp): forward, v-prediction MSE with min-SNR-5
weighting, backward, clip_grad_norm 1, AdamW (weight decay 0.01) and an EMA
update. The data is random of the batch's shapes (frames in [-1, 1], prompt
ids with padding): rendering the procedural world is not part of the
comparison (the C++ figure includes it, on its own thread).

--check FILE computes the loss of one fixed batch (x0, ids, t, eps written by
the C++ side, core/train/train_bench.cpp write_reference_inputs) with the
bundle's weights, to show equal loss behaviour: the same weights and inputs
give the same loss as the C++ diffusion_loss.

Output, one machine-readable line each:
  python-reference loss: 0.123456789
  python-reference t2i: 11.8 frames/s (5.42 s/step, 3 steps after 1 warm-up, threads 2, torch 1.13.1)
Exit status 77 when numpy or torch cannot be imported."""
import argparse
import json
import math
import struct
import sys
import time

try:
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError as e:
    print(f"python3-torch is not installed ({e})", file=sys.stderr)
    sys.exit(77)

# ---------------------------------------------------------------------------
# safetensors: 8-byte little-endian header length, JSON header, raw data.

NUMPY_DTYPES = {
    "F16": np.float16, "F32": np.float32, "F64": np.float64, "BF16": np.uint16,
    "I64": np.int64, "I32": np.int32, "U8": np.uint8, "BOOL": np.bool_,
}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        dtype = NUMPY_DTYPES[e["dtype"]]
        begin, end = e["data_offsets"]
        count = (end - begin) // np.dtype(dtype).itemsize
        a = np.frombuffer(data, dtype=dtype, count=count, offset=8 + n + begin).reshape(e["shape"])
        if e["dtype"] == "BF16":  # bfloat16 is the top half of a float32
            a = (a.astype(np.uint32) << 16).view(np.float32)
        elif e["dtype"] == "F16":
            a = a.astype(np.float32)
        out[name] = torch.from_numpy(a.copy())
    return out

# ---------------------------------------------------------------------------
# The network: core/model/layers.cpp and unet.cpp, module for module.


def attention(q, k, v, heads, key_valid=None):
    n, lq, c = q.shape
    lk = k.shape[1]
    d = c // heads
    q = q.reshape(n, lq, heads, d).transpose(1, 2)
    k = k.reshape(n, lk, heads, d).transpose(1, 2)
    v = v.reshape(n, lk, heads, d).transpose(1, 2)
    scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d)
    if key_valid is not None:
        scores = scores.masked_fill(key_valid.logical_not().view(n, 1, 1, lk), float("-inf"))
    out = torch.matmul(torch.softmax(scores, -1), v)
    return out.transpose(1, 2).reshape(n, lq, c)


def sinusoidal_embedding(positions, dim):
    half = dim // 2
    freqs = torch.exp(torch.arange(half, dtype=torch.float32) * (-math.log(10000.0) / max(half - 1, 1)))
    args = positions.float().unsqueeze(1) * freqs.unsqueeze(0)
    emb = torch.cat([torch.sin(args), torch.cos(args)], 1)
    return F.pad(emb, (0, 1)) if dim % 2 else emb


class ResBlock(nn.Module):
    def __init__(self, cin, cout, emb_dim, groups):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups, cin)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.emb_proj = nn.Linear(emb_dim, cout)
        self.norm2 = nn.GroupNorm(groups, cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else None

    def forward(self, x, emb):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.emb_proj(F.silu(emb)).unsqueeze(-1).unsqueeze(-1)
        h = self.conv2(F.silu(self.norm2(h)))
        return (self.skip(x) if self.skip is not None else x) + h


class CrossAttention(nn.Module):
    def __init__(self, channels, context_dim, heads, groups):
        super().__init__()
        self.heads = heads
        self.norm = nn.GroupNorm(groups, channels)
        self.to_q = nn.Linear(channels, channels, bias=False)
        self.to_k = nn.Linear(context_dim, channels, bias=False)
        self.to_v = nn.Linear(context_dim, channels, bias=False)
        self.to_out = nn.Linear(channels, channels)

    def forward(self, x, context, context_valid):
        n, c, h, w = x.shape
        tokens = self.norm(x).flatten(2).transpose(1, 2)
        out = attention(self.to_q(tokens), self.to_k(context), self.to_v(context), self.heads,
                        context_valid)
        return x + self.to_out(out).transpose(1, 2).reshape(n, c, h, w)


class TransformerLayer(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp1 = nn.Linear(dim, 4 * dim)
        self.mlp2 = nn.Linear(4 * dim, dim)

    def forward(self, x, valid):
        q, k, v = self.qkv(self.norm1(x)).chunk(3, -1)
        h = x + self.out(attention(q, k, v, self.heads, valid))
        return h + self.mlp2(F.gelu(self.mlp1(self.norm2(h))))


class TextEncoder(nn.Module):
    def __init__(self, vocab_size, dim, layers, heads, max_tokens):
        super().__init__()
        self.token = nn.Embedding(vocab_size, dim)
        self.position = nn.Parameter(torch.randn(max_tokens, dim) * 0.02)
        self.layers = nn.ModuleList([TransformerLayer(dim, heads) for _ in range(layers)])
        self.final_norm = nn.LayerNorm(dim)

    def forward(self, ids):
        valid = ids.ne(0)
        h = self.token(ids) + self.position[:ids.shape[1]].unsqueeze(0)
        for layer in self.layers:
            h = layer(h, valid)
        h = self.final_norm(h)
        w = valid.to(h.dtype).unsqueeze(-1)
        pooled = (h * w).sum(1) / w.sum(1).clamp_min(1.0)
        return h, valid, pooled


class Level(nn.Module):
    def __init__(self):
        super().__init__()
        self.res = nn.ModuleList()
        self.xattn = nn.ModuleList()
        self.resample_name = None  # "downsample" or "upsample", as in C++

    def set_resample(self, name, conv):
        self.add_module(name, conv)
        self.resample_name = name

    @property
    def resample(self):
        return getattr(self, self.resample_name) if self.resample_name else None

    def block(self, j, x, emb, tokens, valid):
        h = self.res[j](x, emb)
        if j < len(self.xattn):
            h = self.xattn[j](h, tokens, valid)
        return h


class UNet2D(nn.Module):
    """The 2D text-to-image U-Net (unet.temporal == false) of core/model/unet.cpp."""

    def __init__(self, cfg):
        super().__init__()
        u, text = cfg["unet"], cfg["text"]
        if u.get("temporal", True):
            raise SystemExit("train_reference.py: only the 2D (t2i, unet.temporal false) network")
        widths, xattn = u["widths"], u["cross_attention"]
        levels, groups, heads = len(widths), u["groups"], u["heads"]
        td = widths[0] * 4
        self.widths = widths
        self.text = TextEncoder(len(text["vocab"]), text["dim"], text["layers"], text["heads"],
                                text["max_tokens"])
        self.time_mlp1 = nn.Linear(widths[0], td)
        self.time_mlp2 = nn.Linear(td, td)
        self.text_pool = nn.Linear(text["dim"], td)
        self.conv_in = nn.Conv2d(u["in_channels"], widths[0], 3, padding=1)

        def add_block(level, i, cin, cout):
            level.res.append(ResBlock(cin, cout, td, groups))
            if xattn[i]:
                level.xattn.append(CrossAttention(cout, text["dim"], heads, groups))

        skip_widths = [widths[0]]
        self.down = nn.ModuleList()
        ch = widths[0]
        for i in range(levels):
            level = Level()
            for _ in range(u["res_blocks"]):
                add_block(level, i, ch, widths[i])
                ch = widths[i]
                skip_widths.append(ch)
            if i < levels - 1:
                level.set_resample("downsample", nn.Conv2d(ch, ch, 3, padding=1, stride=2))
                skip_widths.append(ch)
            self.down.append(level)
        self.mid = Level()
        self.mid.res.append(ResBlock(ch, ch, td, groups))
        self.mid.res.append(ResBlock(ch, ch, td, groups))
        if xattn[-1]:
            self.mid.xattn.append(CrossAttention(ch, text["dim"], heads, groups))
        self.up = nn.ModuleList()
        for i in reversed(range(levels)):
            level = Level()
            for _ in range(u["res_blocks"] + 1):
                add_block(level, i, ch + skip_widths.pop(), widths[i])
                ch = widths[i]
            if i > 0:
                level.set_resample("upsample", nn.Conv2d(ch, ch, 3, padding=1))
            self.up.append(level)
        self.norm_out = nn.GroupNorm(groups, ch)
        self.conv_out = nn.Conv2d(ch, u["out_channels"], 3, padding=1)

    def forward(self, x, t, ids):
        tokens, valid, pooled = self.text(ids)
        emb = self.time_mlp2(F.silu(self.time_mlp1(sinusoidal_embedding(t * 1000.0, self.widths[0]))))
        emb = emb + self.text_pool(pooled)
        h = self.conv_in(x)
        skips = [h]
        for level in self.down:
            for j in range(len(level.res)):
                h = level.block(j, h, emb, tokens, valid)
                skips.append(h)
            if level.resample is not None:
                h = level.resample(h)
                skips.append(h)
        h = self.mid.res[0](h, emb)
        if len(self.mid.xattn):
            h = self.mid.xattn[0](h, tokens, valid)
        h = self.mid.res[1](h, emb)
        for level in self.up:
            for j in range(len(level.res)):
                h = level.block(j, torch.cat([h, skips.pop()], 1), emb, tokens, valid)
            if level.resample is not None:
                h = level.resample(F.interpolate(h, scale_factor=2.0, mode="nearest"))
        return self.conv_out(F.silu(self.norm_out(h)))


def load_weights(net, path):
    tensors = read_safetensors(path)
    state = net.state_dict()
    missing = sorted(set(state) - set(tensors))
    unexpected = sorted(set(tensors) - set(state))
    if missing or unexpected:
        raise SystemExit(f"{path}: tensors do not match the network (missing {missing[:5]}, "
                         f"unexpected {unexpected[:5]})")
    with torch.no_grad():
        for name, t in state.items():
            if tuple(tensors[name].shape) != tuple(t.shape):
                raise SystemExit(f"{path}: tensor '{name}' has shape {tuple(tensors[name].shape)}, "
                                 f"expected {tuple(t.shape)}")
            t.copy_(tensors[name].to(t.dtype))

# ---------------------------------------------------------------------------
# Schedule and loss: core/diffusion/schedule.cpp and core/train/loss.cpp.


def alpha_bar_table(schedule):
    n = schedule["train_steps"]
    table, prod = [], 1.0
    if schedule["kind"] == "cosine":
        s = 0.008

        def f(t):
            return math.pow(math.cos((t + s) / (1 + s) * math.pi / 2), 2)

        for i in range(n):
            prod *= 1.0 - min(1.0 - f((i + 1.0) / n) / f(float(i) / n), 0.999)
            table.append(prod)
    else:
        for i in range(n):
            prod *= 1.0 - (1e-4 + (0.02 - 1e-4) * i / max(n - 1, 1))
            table.append(prod)
    return torch.tensor(table, dtype=torch.float64)


def diffusion_loss(net, table, v_prediction, x0, ids, t, eps, frames=1, min_snr_gamma=5.0):
    b = ids.shape[0]
    abar = table.index_select(0, t).float()
    a = abar.sqrt().repeat_interleave(frames).view(-1, 1, 1, 1)
    s = (1 - abar).sqrt().repeat_interleave(frames).view(-1, 1, 1, 1)
    xt = a * x0 + s * eps
    target = a * eps - s * x0 if v_prediction else eps
    out = net(xt, t.float() / table.shape[0], ids)
    weight = torch.ones(b)
    if min_snr_gamma > 0:
        snr = abar / (1 - abar).clamp_min(1e-8)
        weight = snr.clamp_max(min_snr_gamma) / (snr + 1) if v_prediction else snr.clamp_max(min_snr_gamma) / snr
    per_clip = (out - target).pow(2).reshape(b, -1).mean(1)
    return (per_clip * weight).mean()


def random_batch(cfg, batch, gen):
    """Random data of the t2i batch's shapes: frames in [-1, 1], <bos> + words + padding."""
    size, text = cfg["resolution"], cfg["text"]
    x0 = torch.rand(batch, cfg["unet"]["in_channels"], size, size, generator=gen) * 2 - 1
    ids = torch.randint(2, len(text["vocab"]), (batch, text["max_tokens"]), generator=gen)
    ids[:, 0] = 1
    lengths = torch.randint(2, text["max_tokens"] + 1, (batch, 1), generator=gen)
    ids[torch.arange(text["max_tokens"]).unsqueeze(0) >= lengths] = 0
    return x0, ids


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model", required=True, help="bundle folder (model.json + weights)")
    p.add_argument("--steps", type=int, default=3, help="timed steps after one warm-up (0: none)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=64, help="frames per step (t2i stage: 64)")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--ema-decay", type=float, default=0.999)
    p.add_argument("--label", default="t2i")
    p.add_argument("--check", help="safetensors with x0, ids, t, eps: print that batch's loss")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    with open(a.model + "/model.json") as f:
        cfg = json.load(f)
    net = UNet2D(cfg)
    load_weights(net, a.model + "/" + cfg.get("weights", "model.safetensors"))
    table = alpha_bar_table(cfg["schedule"])
    v_prediction = cfg["schedule"].get("prediction", "v") == "v"

    if a.check:
        c = read_safetensors(a.check)
        with torch.no_grad():
            loss = diffusion_loss(net, table, v_prediction, c["x0"], c["ids"], c["t"], c["eps"])
        print(f"python-reference loss: {loss.item():.9g}", flush=True)

    if a.steps <= 0:
        return
    net.train()
    params = [q for q in net.parameters() if q.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=a.lr, weight_decay=0.01)
    ema = [q.detach().clone() for q in params]
    gen = torch.Generator().manual_seed(1)
    total = 0.0
    losses = []
    for step in range(1, a.steps + 2):
        t0 = time.perf_counter()
        x0, ids = random_batch(cfg, a.batch, gen)
        t = torch.randint(0, table.shape[0], (a.batch,), generator=gen)
        eps = torch.randn(x0.shape, generator=gen)
        loss = diffusion_loss(net, table, v_prediction, x0, ids, t, eps)
        for group in optimizer.param_groups:
            group["lr"] = a.lr * min(1.0, step / 200)
        optimizer.zero_grad()
        loss.backward()
        losses.append(loss.item())
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        with torch.no_grad():
            decay = min(a.ema_decay, (1.0 + step) / (10.0 + step))
            for e, q in zip(ema, params):
                e.mul_(decay).add_(q.detach(), alpha=1.0 - decay)
        seconds = time.perf_counter() - t0
        if step > 1:  # the first step is the warm-up
            total += seconds
    print(f"python-reference {a.label}: {a.batch * a.steps / total:.2f} frames/s "
          f"({total / a.steps:.3f} s/step, {a.steps} steps after 1 warm-up, threads "
          f"{torch.get_num_threads()}, torch {torch.__version__}, batch {a.batch}, "
          f"losses {' '.join(f'{x:.4f}' for x in losses)})", flush=True)


if __name__ == "__main__":
    main()
