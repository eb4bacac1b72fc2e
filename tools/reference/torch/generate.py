#!/usr/bin/python3
"""Reference-data generator for rnnparams::torch.

Builds random torch.nn modules (RNN, LSTM, GRU, Linear, Embedding, Conv1d,
LayerNorm, BatchNorm1d, the modules without parameters: pooling, Flatten,
activations, Dropout, the cells RNNCell, LSTMCell, GRUCell, and the 2-D modules Conv2d, BatchNorm2d,
MaxPool2d, AvgPool2d, Embedding.from_pretrained, EmbeddingBag, and MultiheadAttention,
TransformerEncoderLayer, TransformerDecoderLayer, TransformerEncoder and TransformerDecoder) and records what PyTorch reports: the constructor
kwargs, the parameter count, named_parameters() and named_buffers() in order,
and the output shapes of a forward pass on a sample input.

Modules are built on the meta device (device="meta"), so huge sizes cost
nothing, and the forward pass runs on meta tensors. When the module and the
sample input are small, the same module is also built and run on the CPU and
the shapes must agree ("cpu_checked": true).

Deterministic: every choice comes from random.Random(seed); CPU modules are
initialised after torch.manual_seed(0) (values are never recorded anyway).

Usage: /usr/bin/python3 generate.py [--seed N] [--cases N] [--out PATH]
"""

import argparse
import collections
import json
import math
import os
import random
import sys
import time
import warnings

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "tests", "conformance", "torch_cases.json"))

CPU_PARAM_LIMIT = 200_000      # build on the CPU too when a module has at most this many parameters
CPU_INPUT_LIMIT = 20_000       # ... and the sample input at most this many elements


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20240917)
    ap.add_argument("--cases", type=int, default=2400)
    ap.add_argument("--weightless", type=int, default=400, help="cases of modules without parameters")
    ap.add_argument("--cells", type=int, default=180, help="cases of RNNCell, LSTMCell and GRUCell (a third each)")
    ap.add_argument("--spatial", type=int, default=240,
                    help="cases of Conv2d, BatchNorm2d, MaxPool2d and AvgPool2d (a quarter each)")
    ap.add_argument("--pretrained", type=int, default=60, help="cases of Embedding.from_pretrained")
    ap.add_argument("--bags", type=int, default=60, help="cases of EmbeddingBag")
    ap.add_argument("--attention", type=int, default=300,
                    help="cases of MultiheadAttention and the Transformer modules (a fifth each)")
    ap.add_argument("--out", default=DEFAULT_OUT)
    return ap.parse_args()


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.skips = collections.Counter()

    # ------------------------------------------------------------ helpers
    def int(self, lo, hi):
        return self.r.randint(lo, hi)

    def chance(self, p):
        return self.r.random() < p

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def log_int(self, lo, hi):
        """Log-uniform-ish integer in [lo, hi]: a power-of-two bucket chosen
        uniformly, then uniform inside it (integer arithmetic only, no libm)."""
        buckets = []
        b = 1
        while b <= hi:
            a, z = max(lo, b), min(hi, 2 * b - 1)
            if a <= z:
                buckets.append((a, z))
            b *= 2
        a, z = self.pick(buckets)
        return self.int(a, z)

    def size(self):
        """Widths: mostly small, sometimes hundreds, rarely a few thousand."""
        r = self.r.random()
        if r < 0.65:
            return self.log_int(1, 64)
        if r < 0.9:
            return self.int(65, 512)
        return self.int(513, 4096)

    # ------------------------------------------------------- constructors
    def rnn_kwargs(self, cls):
        hidden = self.size()
        kw = {"input_size": self.size(), "hidden_size": hidden,
              "num_layers": self.pick([1, 1, 1, 2, 2, 3, 4])}
        if cls == "RNN":
            kw["nonlinearity"] = self.pick(["tanh", "tanh", "relu"])
        kw["bias"] = not self.chance(0.15)
        kw["batch_first"] = self.chance(0.4)
        kw["dropout"] = self.pick([0.0, 0.1, 0.25, 0.5]) if kw["num_layers"] > 1 else 0.0
        kw["bidirectional"] = self.chance(0.4)
        if cls == "LSTM":
            proj = 0
            if self.chance(0.35):
                if hidden > 1:
                    proj = self.int(1, hidden - 1)
                if self.chance(0.05):
                    proj = hidden + self.int(0, 2)  # invalid on purpose: PyTorch must reject it
            kw["proj_size"] = proj
        return kw

    def linear_kwargs(self):
        return {"in_features": self.size(), "out_features": self.size(), "bias": not self.chance(0.2)}

    def embedding_kwargs(self):
        num = self.log_int(1, 100_000)
        dim = self.log_int(1, 4096 if num <= 20_000 else 1024)
        pad = None
        if self.chance(0.4):
            pad = self.int(-num, num - 1)
            if self.chance(0.05):
                pad = self.pick([num, -num - 1])  # invalid on purpose
        return {"num_embeddings": num, "embedding_dim": dim, "padding_idx": pad}

    def conv_kwargs(self):
        cin = self.log_int(1, 64) if self.chance(0.7) else self.size()
        cout = self.size()
        groups = 1
        if self.chance(0.3):
            divs = [g for g in range(2, min(cin, 64) + 1) if cin % g == 0]
            if divs:
                groups = self.pick(divs)
                cout = max(1, round(cout / groups)) * groups
                if self.chance(0.05):
                    cout += 1  # invalid on purpose (if groups does not divide it)
        k = self.int(1, 9) if self.chance(0.85) else self.int(10, 31)
        stride = 1 if self.chance(0.6) else self.int(2, 4)
        dilation = 1 if self.chance(0.65) else self.int(2, 4)
        r = self.r.random()
        if r < 0.45:
            padding = 0
        elif r < 0.7:
            padding = self.int(1, k + 1)
        elif r < 0.85:
            padding = "same"
            if self.chance(0.9):
                stride = 1  # "same" needs stride 1; sometimes left >1 on purpose
        else:
            padding = "valid"
        return {"in_channels": cin, "out_channels": cout, "kernel_size": k, "stride": stride,
                "padding": padding, "dilation": dilation, "groups": groups, "bias": not self.chance(0.15)}

    def layernorm_kwargs(self):
        if self.chance(0.4):
            shape = self.size()
        else:
            rank = self.pick([1, 2, 2, 3])
            shape = [self.log_int(1, 64) for _ in range(rank - 1)] + [self.size()]
        return {"normalized_shape": shape, "elementwise_affine": not self.chance(0.25)}

    def batchnorm_kwargs(self):
        return {"num_features": self.size(), "affine": not self.chance(0.25),
                "track_running_stats": not self.chance(0.25)}

    # -------------------------------------------------------- sample input
    def rnn_input(self, kw):
        L = self.log_int(1, 60)
        unbatched = self.chance(0.2)
        N = self.log_int(1, 16)
        if unbatched:
            return [L, kw["input_size"]]
        return [N, L, kw["input_size"]] if kw["batch_first"] else [L, N, kw["input_size"]]

    def conv_input(self, kw):
        L = self.log_int(1, 400)
        return [kw["in_channels"], L] if self.chance(0.15) else [self.log_int(1, 8), kw["in_channels"], L]

    def linear_input(self, kw):
        lead = [self.log_int(1, 16) for _ in range(self.pick([0, 1, 1, 2, 3]))]
        return lead + [kw["in_features"]]

    def embedding_input(self, kw):
        return [self.log_int(1, 64) for _ in range(self.pick([0, 1, 2, 2, 3]))]

    def layernorm_input(self, kw):
        ns = kw["normalized_shape"]
        ns = [ns] if isinstance(ns, int) else list(ns)
        return [self.log_int(1, 8) for _ in range(self.pick([0, 1, 1, 2]))] + ns

    def batchnorm_input(self, kw):
        N = self.log_int(2, 16)  # training mode needs more than one value per channel
        return [N, kw["num_features"]] if self.chance(0.5) else [N, kw["num_features"], self.log_int(1, 50)]


CLASSES = [("RNN", 5), ("LSTM", 6), ("GRU", 5), ("Linear", 2), ("Embedding", 2), ("Conv1d", 3),
           ("LayerNorm", 2), ("BatchNorm1d", 2)]


def build(cls, kw, device):
    return getattr(nn, cls)(**kw, device=device)


def shape_list(t):
    return [int(d) for d in t.shape]


def make_input(cls, shape, device):
    if cls in ("Embedding", "EmbeddingBag"):
        return torch.zeros(shape, dtype=torch.long, device=device)
    return torch.zeros(shape, device=device)


def run_forward(cls, module, shape, device):
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # padding="same" with an even kernel warns about a padded copy
        out = module(make_input(cls, shape, device))
    if cls in ("RNN", "GRU"):
        y, h = out
        return {"output_shape": shape_list(y), "h_n_shape": shape_list(h)}
    if cls == "LSTM":
        y, (h, c) = out
        return {"output_shape": shape_list(y), "h_n_shape": shape_list(h), "c_n_shape": shape_list(c)}
    return {"output_shape": shape_list(out)}


def reason_of(cls, exc):
    msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    for ch in "0123456789":
        msg = msg.replace(ch, "N")
    while "NN" in msg:
        msg = msg.replace("NN", "N")
    return "torch rejects %s: %s: %s" % (cls, type(exc).__name__, msg[:110])


def make_case(g, case_id):
    total = sum(w for _, w in CLASSES)
    for _attempt in range(100):
        r = g.r.random() * total
        for cls, w in CLASSES:
            if r < w:
                break
            r -= w
        kw = {"RNN": lambda: g.rnn_kwargs("RNN"), "LSTM": lambda: g.rnn_kwargs("LSTM"),
              "GRU": lambda: g.rnn_kwargs("GRU"), "Linear": g.linear_kwargs,
              "Embedding": g.embedding_kwargs, "Conv1d": g.conv_kwargs,
              "LayerNorm": g.layernorm_kwargs, "BatchNorm1d": g.batchnorm_kwargs}[cls]()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # e.g. dropout with num_layers=1 must not happen
                m = build(cls, kw, "meta")
        except Exception as e:  # noqa: BLE001 - any rejection is a skip reason
            g.skips[reason_of(cls, e)] += 1
            continue
        params = [{"name": n, "shape": shape_list(p)} for n, p in m.named_parameters()]
        buffers = [{"name": n, "shape": shape_list(b), "dtype": str(b.dtype).replace("torch.", "")}
                   for n, b in m.named_buffers()]
        count = sum(p.numel() for p in m.parameters())

        # Forward pass on a sample input: meta always, CPU too when small.
        forward = None
        for _try in range(10):
            shape = {"RNN": g.rnn_input, "LSTM": g.rnn_input, "GRU": g.rnn_input, "Conv1d": g.conv_input,
                     "Linear": g.linear_input, "Embedding": g.embedding_input,
                     "LayerNorm": g.layernorm_input, "BatchNorm1d": g.batchnorm_input}[cls](kw)
            try:
                meta = run_forward(cls, m, shape, "meta")
            except Exception as e:  # noqa: BLE001
                g.skips["sample input: " + reason_of(cls, e)] += 1
                continue
            if any(d <= 0 for v in meta.values() for d in v):
                g.skips["sample input: meta forward gives an empty dimension (%s)" % cls] += 1
                continue
            cpu_ok = count <= CPU_PARAM_LIMIT and math.prod(shape) <= CPU_INPUT_LIMIT
            if cpu_ok:
                torch.manual_seed(0)
                cm = build(cls, kw, "cpu")
                try:
                    cpu = run_forward(cls, cm, shape, "cpu")
                except Exception as e:  # noqa: BLE001
                    g.skips["sample input: CPU rejects what meta accepts: " + reason_of(cls, e)] += 1
                    continue
                if cpu != meta:
                    raise SystemExit("meta and CPU disagree for %s %s on %s: %s vs %s" % (cls, kw, shape, meta, cpu))
            forward = {"input_shape": shape, **meta, "cpu_checked": cpu_ok}
            break
        if forward is None:
            g.skips["no valid sample input found (%s)" % cls] += 1
            continue

        case = {"id": case_id, "class_name": cls, "kwargs": kw, "params": count,
                "parameters": params, "buffers": buffers, "forward": forward}
        if cls == "Embedding" and kw["padding_idx"] is not None:
            case["normalized"] = {"padding_idx": m.padding_idx}
        return case
    raise SystemExit("could not make case %d" % case_id)


# Modules without parameters (pooling, Flatten, activations, Dropout): appended after the cases above
# with their own random stream, so those stay byte for byte. A case PyTorch rejects on its sample input
# is kept too, with the first line of PyTorch's message as "error": rnnparams must reject it as well.
WEIGHTLESS = ["MaxPool1d", "AvgPool1d", "AdaptiveAvgPool1d", "AdaptiveMaxPool1d", "Flatten", "ReLU",
              "Tanh", "Sigmoid", "GELU", "LeakyReLU", "ELU", "Softmax", "Dropout"]


def weightless_kwargs(g, cls):
    if cls in ("MaxPool1d", "AvgPool1d"):
        k = g.int(1, 9)
        kw = {"kernel_size": k}
        if g.chance(0.5):
            kw["stride"] = g.pick([None, 1, 2, 3, k])
        if g.chance(0.5):
            kw["padding"] = g.int(0, k // 2 + (1 if g.chance(0.1) else 0))
        if cls == "MaxPool1d" and g.chance(0.3):
            kw["dilation"] = g.int(1, 3)
        if g.chance(0.3):
            kw["ceil_mode"] = True
        if cls == "AvgPool1d" and g.chance(0.2):
            kw["count_include_pad"] = False
        return kw
    if cls.startswith("Adaptive"):
        return {"output_size": g.int(1, 12)}
    if cls == "Flatten":
        return {"start_dim": g.int(-3, 2), "end_dim": g.pick([-1, -1, -2, 1, 2, 3])}
    if cls == "GELU":
        return {"approximate": g.pick(["none", "tanh"])}
    if cls == "LeakyReLU":
        return {"negative_slope": g.pick([0.01, 0.1, 0.2])}
    if cls == "ELU":
        return {"alpha": g.pick([1.0, 0.5])}
    if cls == "Softmax":
        return {"dim": g.pick([None, -1, 0, 1, 2, 3])}
    if cls == "Dropout":
        return {"p": g.pick([0.0, 0.1, 0.5, 1.0])}
    return {"inplace": False} if cls == "ReLU" and g.chance(0.3) else {}


def weightless_input(g, cls):
    if cls.endswith("Pool1d"):
        L = g.log_int(1, 64)
        return [g.log_int(1, 16), L] if g.chance(0.2) else [g.log_int(1, 8), g.log_int(1, 16), L]
    return [g.log_int(1, 8) for _ in range(g.pick([1, 2, 3, 3, 4]))]


def weightless_case(g, case_id):
    cls = g.pick(WEIGHTLESS)
    kw = weightless_kwargs(g, cls)
    m = getattr(nn, cls)(**kw)  # no device: they take none, having no tensors
    shape = weightless_input(g, cls)
    case = {"id": case_id, "class_name": cls, "kwargs": kw, "params": 0, "parameters": [], "buffers": []}
    try:
        meta = run_forward(cls, m, shape, "meta")
    except Exception as e:  # noqa: BLE001 - PyTorch's rejection is the expected result
        case["forward"] = {"input_shape": shape, "error": "%s: %s" % (type(e).__name__, str(e).splitlines()[0])}
        return case
    if math.prod(shape) <= CPU_INPUT_LIMIT:
        cpu = run_forward(cls, m, shape, "cpu")
        if cpu != meta and cls != "MaxPool1d":
            raise SystemExit("meta and CPU disagree for %s %s on %s: %s vs %s" % (cls, kw, shape, meta, cpu))
    case["forward"] = {"input_shape": shape, **meta, "cpu_checked": math.prod(shape) <= CPU_INPUT_LIMIT}
    return case


# The cells (RNNCell, LSTMCell, GRUCell): appended after the modules without parameters with their own
# random stream, so those stay byte for byte. Built on the meta device and, when small, on the CPU too; a
# case PyTorch rejects on its sample input (a nonlinearity it does not know, a wrong rank or input_size)
# is kept with the first line of PyTorch's message as "error": rnnparams must reject it as well.
CELLS = ["RNNCell", "LSTMCell", "GRUCell"]


def cell_kwargs(g, cls):
    kw = {"input_size": g.size() if g.chance(0.95) else 0, "hidden_size": g.size() if g.chance(0.95) else 0}
    if g.chance(0.5):
        kw["bias"] = not g.chance(0.3)
    if cls == "RNNCell" and g.chance(0.5):
        kw["nonlinearity"] = g.pick(["tanh", "relu", "relu", "sigmoid"])  # sigmoid: refused by forward
    return kw


def cell_input(g, kw):
    r = g.r.random()
    features = kw["input_size"] if g.chance(0.95) else kw["input_size"] + g.int(1, 3)  # wrong on purpose
    if r < 0.2:
        return [features]
    if r < 0.95:
        return [g.log_int(1, 64), features]
    return [g.log_int(1, 4), g.log_int(1, 4), features]  # a time axis: refused by forward


def cell_forward(cls, module, shape, device):
    with torch.no_grad():
        out = module(torch.zeros(shape, device=device))
    if cls == "LSTMCell":
        h, c = out
        return {"output_shape": shape_list(h), "c_1_shape": shape_list(c)}
    return {"output_shape": shape_list(out)}


def cell_case(g, case_id):
    cls = CELLS[case_id % len(CELLS)]
    kw = cell_kwargs(g, cls)
    m = getattr(nn, cls)(**kw, device="meta")
    params = [{"name": n, "shape": shape_list(p)} for n, p in m.named_parameters()]
    count = sum(p.numel() for p in m.parameters())
    shape = cell_input(g, kw)
    case = {"id": case_id, "class_name": cls, "kwargs": kw, "params": count, "parameters": params, "buffers": []}
    try:
        meta = cell_forward(cls, m, shape, "meta")
    except Exception as e:  # noqa: BLE001 - PyTorch's rejection is the expected result
        case["forward"] = {"input_shape": shape, "error": "%s: %s" % (type(e).__name__, str(e).splitlines()[0])}
        return case
    cpu_ok = count <= CPU_PARAM_LIMIT and math.prod(shape) <= CPU_INPUT_LIMIT
    if cpu_ok:
        torch.manual_seed(0)
        cpu = cell_forward(cls, getattr(nn, cls)(**kw, device="cpu"), shape, "cpu")
        if cpu != meta:
            raise SystemExit("meta and CPU disagree for %s %s on %s: %s vs %s" % (cls, kw, shape, meta, cpu))
    case["forward"] = {"input_shape": shape, **meta, "cpu_checked": cpu_ok}
    return case


# The 2-D modules (Conv2d, BatchNorm2d, MaxPool2d, AvgPool2d): appended after the cells with their own
# random stream, so the cases above stay byte for byte. Sizes are an integer or a pair, as _pair takes
# them. A module PyTorch's constructor refuses is drawn again; a case PyTorch rejects on its sample input
# (an input of the wrong rank or channels, a window longer than the input, padding above half the kernel,
# divisor_override=0) is kept with the first line of PyTorch's message as "error".
SPATIAL = ["Conv2d", "BatchNorm2d", "MaxPool2d", "AvgPool2d"]


def pair(g, lo, hi):
    """An integer, or a pair of integers, each in [lo, hi]."""
    return g.int(lo, hi) if g.chance(0.5) else [g.int(lo, hi), g.int(lo, hi)]


def spatial_kwargs(g, cls):
    if cls == "Conv2d":
        cin = g.log_int(1, 64) if g.chance(0.8) else g.size()
        cout = g.log_int(1, 256)
        groups = 1
        if g.chance(0.25):
            divs = [d for d in range(2, min(cin, 32) + 1) if cin % d == 0]
            if divs:
                groups = g.pick(divs)
                cout = max(1, round(cout / groups)) * groups
        kw = {"in_channels": cin, "out_channels": cout, "kernel_size": pair(g, 1, 7)}
        if g.chance(0.5):
            kw["stride"] = pair(g, 1, 3)
        r = g.r.random()
        if r < 0.35:
            kw["padding"] = pair(g, 0, 3)
        elif r < 0.5:
            kw["padding"] = "same"
            kw.pop("stride", None)
        elif r < 0.6:
            kw["padding"] = "valid"
        if g.chance(0.3):
            kw["dilation"] = pair(g, 1, 3)
        if groups > 1:
            kw["groups"] = groups
        if g.chance(0.2):
            kw["bias"] = False
        if g.chance(0.1):
            kw["padding_mode"] = g.pick(["reflect", "replicate", "circular"])
        return kw
    if cls == "BatchNorm2d":
        return {"num_features": g.size(), "affine": not g.chance(0.25), "track_running_stats": not g.chance(0.25)}
    kw = {"kernel_size": pair(g, 1, 6)}
    if g.chance(0.6):
        kw["stride"] = g.pick([None, 1, 2, [1, 2], [2, 1], 3])
    if g.chance(0.5):
        k = kw["kernel_size"]
        half = min(k) // 2 if isinstance(k, list) else k // 2
        kw["padding"] = pair(g, 0, half) if g.chance(0.85) else pair(g, half + 1, half + 2)  # above: refused
    if cls == "MaxPool2d" and g.chance(0.3):
        kw["dilation"] = pair(g, 1, 2)
    if g.chance(0.3):
        kw["ceil_mode"] = True
    if cls == "AvgPool2d":
        if g.chance(0.2):
            kw["count_include_pad"] = False
        if g.chance(0.2):
            kw["divisor_override"] = g.pick([None, 2, 9, 0])  # 0: refused by forward
    return kw


def spatial_input(g, cls, kw):
    channels = kw.get("in_channels", kw.get("num_features", g.log_int(1, 16)))
    if g.chance(0.05):
        channels += g.int(1, 3)  # wrong on purpose where the module knows its channels
    hw = [g.log_int(1, 64), g.log_int(1, 64)] if g.chance(0.2) else [g.log_int(8, 64), g.log_int(8, 64)]
    r = g.r.random()
    if r < 0.04:
        return [channels, hw[0]]  # too few axes
    if r < 0.2:
        return [channels] + hw  # unbatched; BatchNorm2d refuses it
    return [g.log_int(2, 8), channels] + hw  # a batch of 2 or more: BatchNorm needs 2 values per channel


def draw_module(g, cls, case_id, kwargs_of, build):
    """Draws kwargs until PyTorch builds the module: (kwargs, module). A module PyTorch refuses to build is
    counted in the skips and drawn again."""
    for _attempt in range(100):
        kw = kwargs_of()
        try:
            return kw, build(kw)
        except Exception as e:  # noqa: BLE001 - PyTorch's refusal is the reason to draw again
            g.skips[reason_of(cls, e)] += 1
    raise SystemExit("could not make case %d" % case_id)


def spatial_case(g, case_id):
    cls = SPATIAL[case_id % len(SPATIAL)]
    kw, m = draw_module(g, cls, case_id, lambda: spatial_kwargs(g, cls),
                        lambda kw: getattr(nn, cls)(**kw, **({} if cls.endswith("Pool2d") else {"device": "meta"})))
    params = [{"name": n, "shape": shape_list(p)} for n, p in m.named_parameters()]
    buffers = [{"name": n, "shape": shape_list(b), "dtype": str(b.dtype).replace("torch.", "")}
               for n, b in m.named_buffers()]
    count = sum(p.numel() for p in m.parameters())
    shape = spatial_input(g, cls, kw)
    case = {"id": case_id, "class_name": cls, "kwargs": kw, "params": count, "parameters": params,
            "buffers": buffers}
    try:
        meta = run_forward(cls, m, shape, "meta")
    except Exception as e:  # noqa: BLE001 - PyTorch's rejection is the expected result
        case["forward"] = {"input_shape": shape, "error": "%s: %s" % (type(e).__name__, str(e).splitlines()[0])}
        return case
    # F.pad's reflect checks its sizes on the CPU only: a padding_mode other than zeros is always run there.
    cpu_ok = (count <= CPU_PARAM_LIMIT and math.prod(shape) <= CPU_INPUT_LIMIT) or "padding_mode" in kw
    if cpu_ok:
        torch.manual_seed(0)
        cm = getattr(nn, cls)(**kw, **({} if cls.endswith("Pool2d") else {"device": "cpu"}))
        try:
            cpu = run_forward(cls, cm, shape, "cpu")
        except Exception as e:  # noqa: BLE001 - the CPU's rejection is PyTorch's answer
            case["forward"] = {"input_shape": shape, "error": "%s: %s" % (type(e).__name__, str(e).splitlines()[0])}
            return case
        if cpu != meta:
            raise SystemExit("meta and CPU disagree for %s %s on %s: %s vs %s" % (cls, kw, shape, meta, cpu))
    case["forward"] = {"input_shape": shape, **meta, "cpu_checked": cpu_ok}
    return case


# Embedding.from_pretrained(embeddings, freeze=..., padding_idx=...): appended after the 2-D modules with its
# own random stream. The embeddings are zeros of a random shape on the meta device. Each case records the
# call ("from_pretrained": the embeddings' shape and the arguments), the module it builds in PyTorch 2's
# constructor form (kwargs num_embeddings, embedding_dim, padding_idx, _freeze, which from_pretrained
# passes there), and which parameters require gradients ("trainable_params": their elements).
def pretrained_case(g, case_id):
    for _attempt in range(100):
        rows, cols = g.log_int(1, 50_000), g.log_int(1, 1024)
        call = {"embeddings_shape": [rows, cols]}
        if g.chance(0.7):
            call["freeze"] = g.chance(0.5)
        if g.chance(0.3):
            call["padding_idx"] = g.int(-rows - 1, rows)  # out of range at times: refused, drawn again
        args = {k: v for k, v in call.items() if k != "embeddings_shape"}
        try:
            m = nn.Embedding.from_pretrained(torch.zeros(rows, cols, device="meta"), **args)
        except Exception as e:  # noqa: BLE001 - a call PyTorch refuses is drawn again
            g.skips[reason_of("Embedding.from_pretrained", e)] += 1
            continue
        break
    else:
        raise SystemExit("could not make case %d" % case_id)
    kw = {"num_embeddings": rows, "embedding_dim": cols, "_freeze": not m.weight.requires_grad}
    if "padding_idx" in call:
        kw["padding_idx"] = call["padding_idx"]  # as given: the constructor normalizes it
    params = [{"name": n, "shape": shape_list(p), "requires_grad": p.requires_grad} for n, p in m.named_parameters()]
    shape = [g.log_int(1, 64) for _ in range(g.pick([0, 1, 2, 2, 3]))]
    forward = run_forward("Embedding", m, shape, "meta")
    return {"id": case_id, "class_name": "Embedding", "from_pretrained": call, "kwargs": kw,
            "params": sum(p.numel() for p in m.parameters()),
            "trainable_params": sum(p.numel() for p in m.parameters() if p.requires_grad),
            "parameters": params, "buffers": [], "forward": {"input_shape": shape, **forward, "cpu_checked": False}}


# EmbeddingBag: appended after from_pretrained's cases with its own random stream. Only the keywords it sets
# are written. A module PyTorch's constructor refuses (padding_idx out of range) is drawn again; a case
# PyTorch rejects on its sample input (a 1-D input without offsets, a 3-D one, empty bags, a mode it does
# not know, max with scale_grad_by_freq or sparse) is kept with PyTorch's first line as "error".
def bag_kwargs(g):
    rows = g.log_int(1, 50_000)
    kw = {"num_embeddings": rows, "embedding_dim": g.log_int(1, 1024)}
    if g.chance(0.6):
        kw["mode"] = g.pick(["sum", "mean", "max", "max", "min"])  # min: refused by forward
    if g.chance(0.3):
        kw["include_last_offset"] = True
    if g.chance(0.3):
        kw["padding_idx"] = g.int(-rows - 1, rows)  # out of range at times: refused, drawn again
    if g.chance(0.15):
        kw["scale_grad_by_freq"] = True  # refused with mode="max"
    if g.chance(0.15):
        kw["sparse"] = True  # refused with mode="max"
    return kw


def bag_case(g, case_id):
    kw, m = draw_module(g, "EmbeddingBag", case_id, lambda: bag_kwargs(g),
                        lambda kw: nn.EmbeddingBag(**kw, device="meta"))
    r = g.r.random()
    if r < 0.06:
        shape = [g.log_int(1, 64)]  # no offsets: refused
    elif r < 0.1:
        shape = [g.log_int(1, 8), g.log_int(1, 8), g.log_int(1, 8)]  # 3-D: refused
    else:
        shape = [g.log_int(1, 64), 0 if g.chance(0.04) else g.log_int(1, 64)]  # empty bags: refused
    params = [{"name": n, "shape": shape_list(p)} for n, p in m.named_parameters()]
    count = sum(p.numel() for p in m.parameters())
    case = {"id": case_id, "class_name": "EmbeddingBag", "kwargs": kw, "params": count, "parameters": params,
            "buffers": []}
    try:
        meta = run_forward("EmbeddingBag", m, shape, "meta")
    except Exception as e:  # noqa: BLE001 - PyTorch's rejection is the expected result
        case["forward"] = {"input_shape": shape, "error": "%s: %s" % (type(e).__name__, str(e).splitlines()[0])}
        return case
    # PyTorch 1.13's CPU kernel corrupts the heap for mode="max" with include_last_offset (fixed later), so
    # those cases keep the meta device's shapes only.
    cpu_ok = (count <= CPU_PARAM_LIMIT and math.prod(shape) <= CPU_INPUT_LIMIT and
              not (kw.get("mode") == "max" and kw.get("include_last_offset")))
    if cpu_ok:
        torch.manual_seed(0)
        cpu = run_forward("EmbeddingBag", nn.EmbeddingBag(**kw, device="cpu"), shape, "cpu")
        if cpu != meta:
            raise SystemExit("meta and CPU disagree for EmbeddingBag %s on %s: %s vs %s" % (kw, shape, meta, cpu))
    case["forward"] = {"input_shape": shape, **meta, "cpu_checked": cpu_ok}
    return case


# MultiheadAttention and the Transformer modules: appended after EmbeddingBag with their own random stream,
# one class after the other. A module made of others is recorded with them as nested constructions
# ({"class_name": ..., "kwargs": ...}: TransformerEncoder's encoder_layer and norm). Their forward takes
# several tensors: "input_shapes" holds them in order (query, key, value; tgt, memory; src), and
# MultiheadAttention also records attn_output_weights' shape for its average_attn_weights.
ATTENTION = ["MultiheadAttention", "TransformerEncoderLayer", "TransformerDecoderLayer", "TransformerEncoder",
             "TransformerDecoder"]


def heads_and_dim(g):
    heads = g.pick([1, 1, 2, 4, 4, 8, 8, 12, 16])
    head_dim = g.log_int(1, 64)
    if g.chance(0.03):
        return heads, heads * head_dim + g.int(1, heads)  # not divisible: refused
    return heads, heads * head_dim


def mha_kwargs(g):
    heads, embed = heads_and_dim(g)
    kw = {"embed_dim": embed, "num_heads": heads}
    if g.chance(0.3):
        kw["dropout"] = g.pick([0.0, 0.1, 0.25])
    if g.chance(0.25):
        kw["bias"] = False
    if g.chance(0.25):
        kw["add_bias_kv"] = True
    if g.chance(0.2):
        kw["add_zero_attn"] = True
    for key in ("kdim", "vdim"):
        if g.chance(0.3):
            kw[key] = None if g.chance(0.2) else g.log_int(1, 256)
    if g.chance(0.4):
        kw["batch_first"] = g.chance(0.6)
    return kw


def layer_kwargs(g):
    heads, d = heads_and_dim(g)
    kw = {"d_model": d, "nhead": heads}
    if g.chance(0.6):
        kw["dim_feedforward"] = g.log_int(1, 4096)
    if g.chance(0.3):
        kw["dropout"] = g.pick([0.0, 0.1, 0.5])
    if g.chance(0.3):
        kw["activation"] = g.pick(["relu", "gelu"])
    if g.chance(0.2):
        kw["layer_norm_eps"] = g.pick([1e-6, 1e-5, 1e-12])
    if g.chance(0.4):
        kw["batch_first"] = g.chance(0.6)
    if g.chance(0.4):
        kw["norm_first"] = g.chance(0.6)
    return kw


def stack_kwargs(g, cls):
    layer_cls = cls + "Layer"
    kw = {"encoder_layer" if cls == "TransformerEncoder" else "decoder_layer":
          {"class_name": layer_cls, "kwargs": layer_kwargs(g)},
          "num_layers": 0 if g.chance(0.04) else g.int(1, 6)}
    d = kw[next(iter(kw))]["kwargs"]["d_model"]
    if g.chance(0.5):
        norm = {"normalized_shape": d if g.chance(0.95) else d + 1}  # a wrong size: refused by forward
        if g.chance(0.3):
            norm["eps"] = g.pick([1e-6, 1e-12])
        kw["norm"] = {"class_name": "LayerNorm", "kwargs": norm}
    elif g.chance(0.2):
        kw["norm"] = None
    if cls == "TransformerEncoder" and g.chance(0.2):
        kw["enable_nested_tensor"] = g.chance(0.5)
    return kw


def construct(spec, device):
    """A module from {"class_name": ..., "kwargs": ...}, its nested constructions built first."""
    kw = {}
    for key, value in spec["kwargs"].items():
        if isinstance(value, dict) and "class_name" in value:
            value = construct(value, device)
        kw[key] = value
    if spec["class_name"] not in ("TransformerEncoder", "TransformerDecoder"):
        kw["device"] = device
    return getattr(nn, spec["class_name"])(**kw)


def sequence_shape(g, batched, batch_first, length, batch, features):
    if not batched:
        return [length, features]
    return [batch, length, features] if batch_first else [length, batch, features]


def attention_inputs(g, cls, kw):
    """The forward's tensors: mostly valid, sometimes of a wrong rank, width or batch."""
    if cls == "MultiheadAttention":
        e, kdim, vdim, bf = kw["embed_dim"], kw.get("kdim") or kw["embed_dim"], kw.get("vdim") or kw["embed_dim"], \
            kw.get("batch_first", False)
    else:
        layer = kw.get("encoder_layer", kw.get("decoder_layer", {"kwargs": kw}))["kwargs"]
        e, bf = layer["d_model"], layer.get("batch_first", False)
        kdim = vdim = e
    batched = g.chance(0.8)
    length, source, batch = g.log_int(1, 32), g.log_int(1, 32), g.log_int(1, 8)
    key_batch = batch
    r = g.r.random()
    if r < 0.04:
        e_in = e + g.int(1, 3)  # the query's width is not embed_dim
    else:
        e_in = e
    if 0.04 <= r < 0.08 and batched:
        key_batch = batch + 1  # the key's batch differs
    q = sequence_shape(g, batched, bf, length, batch, e_in)
    if 0.08 <= r < 0.11:
        q = [length] if g.chance(0.5) else [length, batch, e_in, 2]  # neither 2-D nor 3-D
    if cls in ("TransformerEncoderLayer", "TransformerEncoder"):
        return [q]
    k = sequence_shape(g, batched, bf, source, key_batch, kdim if not 0.11 <= r < 0.14 else kdim + 1)
    if cls in ("TransformerDecoderLayer", "TransformerDecoder"):
        return [q, k]
    v = sequence_shape(g, batched, bf, source if not 0.14 <= r < 0.17 else source + 1, key_batch, vdim)
    return [q, k, v]


def attention_forward(cls, module, shapes, device, average):
    tensors = [torch.zeros(s, device=device) for s in shapes]
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if cls == "MultiheadAttention":
            out, weights = module(*tensors, average_attn_weights=average)
            return {"output_shape": shape_list(out), "attn_output_weights_shape": shape_list(weights)}
        return {"output_shape": shape_list(module(*tensors))}


def attention_case(g, case_id):
    cls = ATTENTION[case_id % len(ATTENTION)]
    kwargs_of = (lambda: mha_kwargs(g)) if cls == "MultiheadAttention" else \
        (lambda: layer_kwargs(g)) if cls.endswith("Layer") else (lambda: stack_kwargs(g, cls))
    kw, m = draw_module(g, cls, case_id, kwargs_of, lambda kw: construct({"class_name": cls, "kwargs": kw}, "meta"))
    params = [{"name": n, "shape": shape_list(p)} for n, p in m.named_parameters()]
    count = sum(p.numel() for p in m.parameters())
    shapes = attention_inputs(g, cls, kw)
    case = {"id": case_id, "class_name": cls, "kwargs": kw, "params": count, "parameters": params, "buffers": []}
    forward = {"input_shapes": shapes}
    average = True
    if cls == "MultiheadAttention":
        average = g.chance(0.7)
        forward["average_attn_weights"] = average
    try:
        meta = attention_forward(cls, m, shapes, "meta", average)
    except Exception as e:  # noqa: BLE001 - PyTorch's rejection is the expected result
        case["forward"] = {**forward, "error": "%s: %s" % (type(e).__name__, str(e).splitlines()[0])}
        return case
    cpu_ok = count <= CPU_PARAM_LIMIT and sum(math.prod(s) for s in shapes) <= CPU_INPUT_LIMIT
    if cpu_ok:
        torch.manual_seed(0)
        cpu = attention_forward(cls, construct({"class_name": cls, "kwargs": kw}, "cpu"), shapes, "cpu", average)
        if cpu != meta:
            raise SystemExit("meta and CPU disagree for %s %s on %s: %s vs %s" % (cls, kw, shapes, meta, cpu))
    case["forward"] = {**forward, **meta, "cpu_checked": cpu_ok}
    return case


def main():
    a = parse_args()
    torch.set_num_threads(1)
    t0 = time.monotonic()
    g = Gen(a.seed)
    cases = [make_case(g, i) for i in range(a.cases)]
    w = Gen(a.seed + 1)
    cases += [weightless_case(w, a.cases + i) for i in range(a.weightless)]
    cg = Gen(a.seed + 2)
    cases += [cell_case(cg, a.cases + a.weightless + i) for i in range(a.cells)]
    sg = Gen(a.seed + 3)
    first = a.cases + a.weightless + a.cells
    cases += [spatial_case(sg, first + i) for i in range(a.spatial)]
    pg = Gen(a.seed + 4)
    cases += [pretrained_case(pg, first + a.spatial + i) for i in range(a.pretrained)]
    bg = Gen(a.seed + 5)
    cases += [bag_case(bg, first + a.spatial + a.pretrained + i) for i in range(a.bags)]
    ag = Gen(a.seed + 6)
    cases += [attention_case(ag, first + a.spatial + a.pretrained + a.bags + i) for i in range(a.attention)]
    head = ('{"generator": "tools/reference/torch/generate.py", "framework": %s, "seed": %d, "weightless": %d, '
            '"cells": %d, "spatial": %d, "pretrained": %d, "bags": %d, "attention": %d, "cases": [\n' % (
                json.dumps("torch " + torch.__version__), a.seed, a.weightless, a.cells, a.spatial, a.pretrained,
                a.bags, a.attention))
    body = ",\n".join(json.dumps(c, separators=(",", ":")) for c in cases)
    doc = head + body + "\n]}\n"
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(doc)

    secs = time.monotonic() - t0
    per = collections.Counter(c["class_name"] for c in cases)
    cpu = sum(1 for c in cases if c["forward"].get("cpu_checked"))
    print("wrote %s: %d cases, %d bytes, %.1f s; forward checked on CPU for %d" % (
        a.out, len(cases), len(doc.encode()), secs, cpu), file=sys.stderr)
    for k in sorted(per):
        print("  %s: %d" % (k, per[k]), file=sys.stderr)
    skips = g.skips + sg.skips + pg.skips + bg.skips + ag.skips
    print("skipped candidates: %d" % sum(skips.values()), file=sys.stderr)
    for k, v in sorted(skips.items(), key=lambda kv: (-kv[1], kv[0])):
        print("  %d\t%s" % (v, k), file=sys.stderr)


if __name__ == "__main__":
    main()
