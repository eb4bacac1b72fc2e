#!/usr/bin/env python3
# keras_summary.py - golden Keras model.summary() texts, printed by Keras's own printing code.
# SPDX-License-Identifier: MIT
"""Produce tests/golden/summary/*.txt by running Keras's real printing functions.

No Keras code is stored in this repository: the printing functions are read at run time
from a git directory of keras-team/keras (``git show <ref>:<path>``), picked out of their
modules with ``ast`` and executed against small stand-in objects (model, layers, weights,
nodes) that carry exactly the attributes the printing code reads, plus stub modules for
what those files import (tensorflow, numpy, absl, keras internals).  ``rich`` (Keras 3)
is the real library.

Generations ("styles"):
  keras2     keras v2.6.0      keras/utils/layer_utils.py      print_summary  (tf.keras <= 2.6)
  tf_keras   keras v2.15.0     keras/utils/layer_utils.py      print_summary  (tf.keras 2.13-2.15)
  keras3     newest v3.x tag   keras/src/utils/summary_utils.py print_summary, terminal of 92
             columns: line_length = min(88, 92 - 4) = 88
  keras3_76  same, stdout not a terminal and no COLUMNS: line_length = 80 - 4 = 76

Run with a Python that has ``rich`` (Debian: /usr/bin/python3 with python3-rich):
  /usr/bin/python3 tools/keras_summary/keras_summary.py --keras-git /work/.mirror/keras-team+keras/repo
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import json
import math
import os
import re
import subprocess
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO_ROOT / "tests" / "golden" / "summary"

KERAS2_REF = "v2.6.0"
TF_KERAS_REF = "v2.15.0"
KERAS2_PATH = "keras/utils/layer_utils.py"
KERAS3_SUMMARY_PATH = "keras/src/utils/summary_utils.py"
KERAS3_DTYPE_PATH = "keras/src/utils/dtype_utils.py"
KERAS3_IO_PATH = "keras/src/utils/io_utils.py"
V2_IO_PATH = "keras/utils/io_utils.py"

FLOAT32_BYTES = 4

# --------------------------------------------------------------------------------------
# Model descriptions, independent of any Keras generation.
# --------------------------------------------------------------------------------------


@dataclass
class Weight:
    name: str
    shape: tuple
    trainable: bool

    @property
    def size(self) -> int:
        return math.prod(self.shape)


@dataclass
class LayerSpec:
    cls: str
    config: dict = field(default_factory=dict)
    inner: "LayerSpec | None" = None  # Bidirectional / TimeDistributed
    # Filled in by build():
    name: str = ""
    input_shape: tuple = ()  # without batch axis
    output_shape: tuple = ()  # without batch axis
    weights: list = field(default_factory=list)

    @property
    def trainable(self) -> bool:
        return self.config.get("trainable", True)

    @property
    def params(self) -> int:
        return sum(w.size for w in self.weights)

    @property
    def trainable_params(self) -> int:
        return sum(w.size for w in self.weights if w.trainable)

    @property
    def non_trainable_params(self) -> int:
        return sum(w.size for w in self.weights if not w.trainable)


def L(cls, inner=None, **config):
    return LayerSpec(cls=cls, config=config, inner=inner)


def snake_case(class_name: str) -> str:
    """Keras's auto-name rule (to_snake_case): SimpleRNN -> simple_rnn."""
    s = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", class_name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", s).lower()


def _conv_len(length, k, s, padding):
    if length is None:
        return None
    if padding == "valid":
        out = (length - k) // s + 1
    else:  # same, causal
        out = (length - 1) // s + 1
    if out <= 0:
        raise ValueError("non-positive output length")
    return out


def infer(spec: LayerSpec, in_shape: tuple) -> tuple[tuple, list]:
    """(output shape, weights) of one layer on an input shape without the batch axis."""
    c = spec.config
    cls = spec.cls
    if cls in ("SimpleRNN", "LSTM", "GRU"):
        assert len(in_shape) == 2, f"{cls} needs (T, F), got {in_shape}"
        t, f = in_shape
        u = c["units"]
        gates = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}[cls]
        if cls == "GRU" and c.get("reset_after", True):
            bias = (2, 3 * u)
        else:
            bias = (gates * u,)
        ws = [Weight("kernel", (f, gates * u), True),
              Weight("recurrent_kernel", (u, gates * u), True),
              Weight("bias", bias, True)]
        out = (t, u) if c.get("return_sequences", False) else (u,)
        return out, ws
    if cls == "Dense":
        u = c["units"]
        f = in_shape[-1]
        return in_shape[:-1] + (u,), [Weight("kernel", (f, u), True), Weight("bias", (u,), True)]
    if cls == "Embedding":
        return in_shape + (c["output_dim"],), [
            Weight("embeddings", (c["input_dim"], c["output_dim"]), True)]
    if cls == "Conv1D":
        length, ch = in_shape
        k, s = c["kernel_size"], c.get("strides", 1)
        filters = c["filters"]
        out_len = _conv_len(length, k, s, c.get("padding", "valid"))
        return (out_len, filters), [Weight("kernel", (k, ch, filters), True),
                                    Weight("bias", (filters,), True)]
    if cls == "BatchNormalization":
        ch = in_shape[-1]
        return in_shape, [Weight("gamma", (ch,), True), Weight("beta", (ch,), True),
                          Weight("moving_mean", (ch,), False),
                          Weight("moving_variance", (ch,), False)]
    if cls == "MaxPooling1D":
        length, ch = in_shape
        p = c.get("pool_size", 2)
        s = c.get("strides") or p
        return (_conv_len(length, p, s, c.get("padding", "valid")), ch), []
    if cls == "GlobalAveragePooling1D":
        return (in_shape[-1],), []
    if cls == "Dropout":
        return in_shape, []
    if cls == "Flatten":
        flat = None if None in in_shape else math.prod(in_shape)
        return (flat,), []
    if cls == "Reshape":
        return tuple(c["target_shape"]), []
    if cls == "Bidirectional":
        inner_out, inner_ws = infer(spec.inner, in_shape)
        ws = [Weight("forward_" + w.name, w.shape, w.trainable) for w in inner_ws] + \
             [Weight("backward_" + w.name, w.shape, w.trainable) for w in inner_ws]
        assert c.get("merge_mode", "concat") == "concat"
        return inner_out[:-1] + (inner_out[-1] * 2,), ws
    if cls == "TimeDistributed":
        inner_out, inner_ws = infer(spec.inner, in_shape[1:])
        return (in_shape[0],) + inner_out, inner_ws
    raise ValueError(f"unknown layer class {cls}")


@dataclass
class ModelSpec:
    stem: str
    input_shape: tuple
    layers: list
    expected_params: list  # hand-computed, cross-checked against the weight shapes
    show_trainable: bool = False
    note: str = ""
    name: str = "sequential"

    def build(self):
        counters: dict[str, int] = {}
        shape = self.input_shape
        for spec in self.layers:
            if "name" in spec.config:  # a user-given name takes no auto-name number
                spec.name = spec.config["name"]
            else:
                base = snake_case(spec.cls)
                n = counters.get(base, 0)
                counters[base] = n + 1
                spec.name = base if n == 0 else f"{base}_{n}"
            spec.input_shape = shape
            spec.output_shape, spec.weights = infer(spec, shape)
            if not spec.trainable:
                spec.weights = [Weight(w.name, w.shape, False) for w in spec.weights]
            shape = spec.output_shape
        got = [s.params for s in self.layers]
        if got != self.expected_params:
            raise AssertionError(f"{self.stem}: params {got} != hand-computed {self.expected_params}")
        return self


MODELS = [
    ModelSpec("seed", (3, 1), [L("SimpleRNN", units=10), L("Dense", units=1)], [120, 11]),
    ModelSpec("embedding_bilstm", (None,), [
        L("Embedding", input_dim=10000, output_dim=128),
        L("Bidirectional", L("LSTM", units=64, return_sequences=True)),
        L("Bidirectional", L("LSTM", units=32)),
        L("Dense", units=1)],
        [1_280_000, 98_816, 41_216, 65]),
    ModelSpec("conv_bn_gru", (100, 16), [
        L("Conv1D", filters=32, kernel_size=3, padding="same"),
        L("BatchNormalization"),
        L("GRU", units=64, reset_after=True),
        L("Dense", units=10)],
        [1_568, 128, 18_816, 650]),
    ModelSpec("time_distributed", (20, 8), [
        L("LSTM", units=16, return_sequences=True),
        L("TimeDistributed", L("Dense", units=4))],
        [1_600, 68]),
    ModelSpec("large_counts", (None, 300), [
        L("LSTM", units=512, return_sequences=True),
        L("LSTM", units=512),
        L("Dense", units=10000)],
        [1_665_024, 2_099_200, 5_130_000]),
    ModelSpec("long_names", (50, 8), [
        L("BatchNormalization"),
        L("Bidirectional", L("GRU", units=16, return_sequences=True)),
        L("TimeDistributed", L("Dense", units=1)),
        L("GlobalAveragePooling1D")],
        [32, 2_496, 33, 0]),
    ModelSpec("frozen", (10, 4), [
        L("LSTM", units=8, trainable=False),
        L("Dense", units=2)],
        [416, 18], show_trainable=True),
    ModelSpec("rank1_output", (5,), [
        L("Embedding", input_dim=100, output_dim=8),
        L("Flatten"),
        L("Dense", units=1)],
        [800, 0, 41],
        note="No layer in the supported set gives a rank-1 output (batch axis only); "
             "the final output here is (None, 1). See rank1_probe."),
    ModelSpec("rank1_probe", (5,), [
        L("Embedding", input_dim=100, output_dim=8),
        L("Flatten"),
        L("Dense", units=1),
        L("Reshape", target_shape=())],
        [800, 0, 41, 0],
        note="Probe only: Reshape(target_shape=()) (not a supported rnnparams layer) "
             "to show how each generation prints the 1-tuple output shape (None,)."),
    ModelSpec("long_word_probe", (3, 1), [
        L("SimpleRNN", units=10, name="encoder_recurrent_layer_with_a_long_name"),
        L("Dense", units=1)],
        [120, 11],
        note="Probe only: a user-given layer name longer than the first column, to show "
             "truncation (keras2), character wrapping (tf_keras) and ellipsis (keras3)."),
    ModelSpec("dropout_pool", (40, 6), [
        L("Conv1D", filters=8, kernel_size=5, strides=2),
        L("MaxPooling1D", pool_size=2),
        L("Dropout", rate=0.5),
        L("LSTM", units=8),
        L("Dense", units=3)],
        [248, 0, 0, 544, 27], show_trainable=True),
]

# --------------------------------------------------------------------------------------
# Loading Keras source at run time.
# --------------------------------------------------------------------------------------


def git_show(git_dir: str, ref: str, path: str) -> str:
    return subprocess.run(["git", "--git-dir", git_dir, "show", f"{ref}:{path}"],
                          check=True, capture_output=True, text=True).stdout


def git_rev(git_dir: str, ref: str) -> str:
    return subprocess.run(["git", "--git-dir", git_dir, "rev-parse", f"{ref}^{{commit}}"],
                          check=True, capture_output=True, text=True).stdout.strip()


def newest_keras3_tag(git_dir: str) -> str:
    tags = subprocess.run(["git", "--git-dir", git_dir, "tag", "--list", "v3.*"],
                          check=True, capture_output=True, text=True).stdout.split()
    releases = [t for t in tags if re.fullmatch(r"v3\.\d+\.\d+", t)]
    if not releases:
        raise SystemExit("no v3.x.y tag in the Keras git directory; pass --keras3-ref")
    return max(releases, key=lambda t: tuple(int(x) for x in t[1:].split(".")))


def load_defs(source: str, names, namespace: dict, filename: str) -> dict:
    """Execute top-level statements of `source` into `namespace`.

    names=None: every statement except imports (and the __future__/docstring).
    names=set: only the function definitions / assignments that bind those names.
    """
    tree = ast.parse(source, filename=filename)
    body, found = [], set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue
        bound = set()
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            bound = {node.name}
        elif isinstance(node, ast.Assign):
            bound = {t.id for t in node.targets if isinstance(t, ast.Name)}
        if names is None or bound & set(names):
            body.append(node)
            found |= bound
    missing = set(names or ()) - found
    if missing:
        raise SystemExit(f"{filename}: not found: {sorted(missing)}")
    module = ast.Module(body=body, type_ignores=[])
    exec(compile(module, filename, "exec"), namespace)
    return namespace


def _stub_module(name: str, **attrs) -> types.ModuleType:
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    return m


class _AbslLogging:
    """absl.logging stand-in: print_msg uses it only when interactive logging is off."""

    @staticmethod
    def info(msg, *a):
        raise AssertionError("interactive logging is on; absl logging must not be used")

    @staticmethod
    def skip_log_prefix(f):
        return f


class _NumpyStub:
    """numpy stand-in for the v2 layer_utils functions (np.prod only)."""

    @staticmethod
    def prod(xs):
        return math.prod(xs)


def _tree_map_structure(fn, s):
    if isinstance(s, (list, tuple)):
        return type(s)(_tree_map_structure(fn, x) for x in s)
    if isinstance(s, dict):
        return {k: _tree_map_structure(fn, v) for k, v in s.items()}
    return fn(s)


def _tree_flatten(s):
    if isinstance(s, (list, tuple)):
        return [y for x in s for y in _tree_flatten(x)]
    if isinstance(s, dict):
        return [y for k in sorted(s) for y in _tree_flatten(s[k])]
    return [s]


# --------------------------------------------------------------------------------------
# Generation 2 (keras v2.6.0, v2.15.0): stand-ins and printer.
# --------------------------------------------------------------------------------------


class V2TensorShape(tuple):
    """tf.TensorShape stand-in: count_params / weight_memory_size call shape.as_list()."""

    def as_list(self):
        return list(self)


class V2DType:
    """tf.DType stand-in: weight_memory_size reads dtype.size (bytes)."""

    def __init__(self, name, size):
        self.name, self.size = name, size


FLOAT32_V2 = V2DType("float32", FLOAT32_BYTES)


class V2Variable:
    def __init__(self, w: Weight):
        self.name = w.name
        self.shape = V2TensorShape(w.shape)
        self.dtype = FLOAT32_V2
        self.trainable = w.trainable


class V2Layer:
    """Reads: name, __class__.__name__, output_shape (int tuple from node.output_shapes),
    built, count_params(), trainable (show_trainable), weights (via count_params)."""

    _count_params = None  # the generation's layer_utils.count_params

    def __init__(self, spec: LayerSpec):
        self.name = spec.name
        self.built = True
        self.trainable = spec.trainable
        # backend.int_shape -> tuple; a single-output node yields the bare tuple.
        self.output_shape = (None,) + spec.output_shape
        self.weights = [V2Variable(w) for w in spec.weights]

    def count_params(self):  # base_layer.Layer.count_params: layer_utils.count_params(self.weights)
        return type(self)._count_params(self.weights)


class V2Model:
    """Reads: __class__.__name__ == 'Sequential', name, layers (no InputLayer),
    trainable_weights, non_trainable_weights; no _collected_trainable_weights,
    no _layout_map / distribute_strategy (=> no DTensor section)."""

    @staticmethod
    def make(spec: ModelSpec, count_params):
        layer_base = type("V2LayerBase", (V2Layer,), {"_count_params": staticmethod(count_params)})
        model = type("Sequential", (V2Model,), {})()
        model.name = spec.name
        model.layers = [type(s.cls, (layer_base,), {})(s) for s in spec.layers]
        weights = [w for layer in model.layers for w in layer.weights]
        model.trainable_weights = [w for w in weights if w.trainable]
        model.non_trainable_weights = [w for w in weights if not w.trainable]
        return model


class V2Printer:
    def __init__(self, git_dir, ref, style):
        self.style, self.ref = style, ref
        src = git_show(git_dir, ref, KERAS2_PATH)
        wanted = {"count_params", "print_summary"}
        tree = ast.parse(src)
        top = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        optional = {"weight_memory_size", "readable_memory_size",
                    "get_layer_index_bound_by_layer_name",
                    "print_dtensor_variable_summary", "dtensor_variable_summary"}
        wanted |= optional & top
        ns = {"__name__": f"keras_{style}_layer_utils", "np": _NumpyStub,
              "tf": types.SimpleNamespace(nest=types.SimpleNamespace(flatten=_tree_flatten)),
              "re": re}
        # io_utils.print_msg (v2.15 default print_fn) with interactive logging on (default).
        io_ns = {"sys": sys, "logging": _AbslLogging,
                 "is_interactive_logging_enabled": lambda: True}
        # (v2.6.0 has no print_msg: its print_summary defaults to the builtin print.)
        io_src = git_show(git_dir, ref, V2_IO_PATH)
        if re.search(r"^def print_msg\(", io_src, flags=re.M):
            load_defs(io_src, {"print_msg"}, io_ns, f"{ref}:{V2_IO_PATH}")
        ns["io_utils"] = types.SimpleNamespace(**{k: io_ns[k] for k in io_ns if k == "print_msg"})
        load_defs(src, wanted, ns, f"{ref}:{KERAS2_PATH}")
        self.ns = ns
        self.supports_show_trainable = any(
            isinstance(n, ast.FunctionDef) and n.name == "print_summary"
            and any(a.arg == "show_trainable" for a in n.args.args)
            for n in tree.body)

    def render(self, spec: ModelSpec, show_trainable=False) -> str:
        model = V2Model.make(spec, self.ns["count_params"])
        kwargs = {"show_trainable": True} if show_trainable else {}
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            self.ns["print_summary"](model, **kwargs)
        return buf.getvalue()


# --------------------------------------------------------------------------------------
# Keras 3: stand-ins and printer.
# --------------------------------------------------------------------------------------


class K3Variable:
    def __init__(self, w: Weight):
        self.name = w.name
        self.shape = tuple(w.shape)  # Keras 3 variables have tuple shapes
        self.dtype = "float32"
        self.trainable = w.trainable


class K3KerasTensor:
    def __init__(self, shape):
        self.shape = shape


class K3Node:
    def __init__(self, outputs):
        self.outputs = list(outputs)

    @property
    def output_tensors(self):  # ops/node.py: Node.output_tensors -> self.outputs (flat list)
        return self.outputs


class K3Layer:
    """Reads: _inbound_nodes[i].output_tensors[j].shape, _build_shapes_dict, name,
    __class__.__name__, built, count_params(), weights and trainable (show_trainable)."""

    _count_params = None  # summary_utils.count_params

    def __init__(self, spec: LayerSpec):
        self.name = spec.name
        self.built = True
        self.trainable = spec.trainable
        self.weights = [K3Variable(w) for w in spec.weights]
        # One inbound node: the call made when the Sequential built its Functional graph.
        self._inbound_nodes = [K3Node([K3KerasTensor((None,) + spec.output_shape)])]
        self._build_shapes_dict = {"input_shape": (None,) + spec.input_shape}

    def count_params(self):  # layers/layer.py: summary_utils.count_params(self.weights)
        return type(self)._count_params(self.weights)


class K3SequentialBase:
    """Stand-in for keras.src.models.Sequential (isinstance check in print_summary)."""


class K3FunctionalBase:
    """Stand-in for keras.src.models.Functional."""


class K3Printer:
    style_widths = {"keras3": 92, "keras3_76": 80, "keras3_100": 104}

    def __init__(self, git_dir, ref):
        self.ref = ref
        try:
            import rich  # noqa: F401  (the real library)
        except ImportError:
            raise SystemExit("Keras 3 styles need `rich`: use /usr/bin/python3 "
                             "(Debian python3-rich) or pip install rich")

        dtype_ns = {}
        load_defs(git_show(git_dir, ref, KERAS3_DTYPE_PATH), {"DTYPE_TO_SIZE", "dtype_size"},
                  dtype_ns, f"{ref}:{KERAS3_DTYPE_PATH}")
        io_ns = {"sys": sys, "logging": _AbslLogging,
                 "is_interactive_logging_enabled": lambda: True,
                 "_replace_special_unicode_character": lambda m: m}
        load_defs(git_show(git_dir, ref, KERAS3_IO_PATH), {"print_msg"}, io_ns,
                  f"{ref}:{KERAS3_IO_PATH}")
        self.io_utils = types.SimpleNamespace(
            print_msg=io_ns["print_msg"], is_interactive_logging_enabled=lambda: True)
        backend = types.SimpleNamespace(standardize_dtype=lambda d: str(d))
        tree = types.SimpleNamespace(map_structure=_tree_map_structure, flatten=_tree_flatten,
                                     map_shape_structure=_tree_map_structure)
        # `from keras.src.models import Functional, Sequential` runs inside print_summary.
        models = _stub_module("keras.src.models", Sequential=K3SequentialBase,
                              Functional=K3FunctionalBase)
        self.fake_modules = {
            "keras": _stub_module("keras"),
            "keras.src": _stub_module("keras.src", models=models),
            "keras.src.models": models,
        }
        ns = {"__name__": "keras3_summary_utils", "math": math, "re": re,
              "shutil": __import__("shutil"), "functools": __import__("functools"),
              "rich": __import__("rich"), "backend": backend, "tree": tree,
              "dtype_utils": types.SimpleNamespace(dtype_size=dtype_ns["dtype_size"]),
              "io_utils": self.io_utils}
        __import__("rich.console"), __import__("rich.markup"), __import__("rich.table")
        load_defs(git_show(git_dir, ref, KERAS3_SUMMARY_PATH), None, ns,
                  f"{ref}:{KERAS3_SUMMARY_PATH}")
        self.ns = ns

    def _model(self, spec: ModelSpec):
        layer_base = type("K3LayerBase", (K3Layer,),
                          {"_count_params": staticmethod(self.ns["count_params"])})
        layers = [type(s.cls, (layer_base,), {})(s) for s in spec.layers]
        weights = [w for layer in layers for w in layer.weights]
        model_cls = type("Sequential", (K3SequentialBase,), {})
        model = model_cls()
        model.name = spec.name
        model.layers = layers
        model.trainable_weights = [w for w in weights if w.trainable]
        model.non_trainable_weights = [w for w in weights if not w.trainable]
        model.compiled = False
        model.optimizer = None
        return model

    def render(self, spec: ModelSpec, style: str, show_trainable=False) -> str:
        columns = self.style_widths[style]
        saved_env = dict(os.environ)
        saved_modules = {k: sys.modules.get(k) for k in self.fake_modules}
        try:
            # rich.Console and shutil.get_terminal_size both read COLUMNS; nothing else
            # from the environment may colour or resize the output.
            for var in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE",
                        "JUPYTER_COLUMNS", "JUPYTER_LINES", "LINES", "TERM"):
                os.environ.pop(var, None)
            os.environ["COLUMNS"] = str(columns)
            sys.modules.update(self.fake_modules)
            kwargs = {"show_trainable": True} if show_trainable else {}
            # Default path: interactive logging on, print_fn None -> rich prints to stdout
            # (not a terminal: no colour codes).
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                self.ns["print_summary"](self._model(spec), **kwargs)
            text = buf.getvalue()
            # Cross-check: the capture path used with print_fn gives the same text.
            captured = []
            self.ns["print_summary"](self._model(spec), print_fn=captured.append, **kwargs)
            if captured != [text]:
                raise AssertionError(f"{spec.stem}/{style}: print_fn capture differs from stdout")
            return text
        finally:
            os.environ.clear()
            os.environ.update(saved_env)
            for k, v in saved_modules.items():
                if v is None:
                    sys.modules.pop(k, None)
                else:
                    sys.modules[k] = v


# --------------------------------------------------------------------------------------
# Output.
# --------------------------------------------------------------------------------------


def shape_json(shape):
    return [None] + list(shape)


def models_json(specs, files, refs):
    out = {
        "description": "Stand-in Sequential models whose summaries are in this directory; "
                       "generated by tools/keras_summary/keras_summary.py. Shapes include the "
                       "batch axis (null = None). Weight dtype float32 (4 bytes).",
        "keras_sources": refs,
        "styles": {
            "keras2": "v2.6.0 print_summary defaults: line_length 65, positions [29, 55, 65]",
            "tf_keras": "v2.15.0 print_summary defaults: line_length 65, positions [29, 55, 65]; "
                        "show_trainable: line_length 76, positions [29, 55, 65, 76]",
            "keras3": "terminal of 92 columns: line_length min(88, 92 - 4) = 88 "
                      "(show_trainable: min(100, 88) = 88)",
            "keras3_76": "stdout not a terminal, no COLUMNS: line_length 80 - 4 = 76",
            "keras3_100": "show_trainable on a terminal of >= 104 columns: line_length 100",
        },
        "models": [],
    }
    for m in specs:
        layers = []
        for s in m.layers:
            d = {"name": s.name, "class": s.cls, "config": s.config}
            if s.inner is not None:
                d["inner"] = {"class": s.inner.cls, "config": s.inner.config}
            d.update({
                "input_shape": shape_json(s.input_shape),
                "output_shape": shape_json(s.output_shape),
                "params": s.params,
                "trainable": s.trainable_params,
                "non_trainable": s.non_trainable_params,
                "layer_trainable": s.trainable,
                "weights": [{"name": w.name, "shape": list(w.shape), "trainable": w.trainable}
                            for w in s.weights],
            })
            layers.append(d)
        total = sum(s.params for s in m.layers)
        trainable = sum(s.trainable_params for s in m.layers)
        entry = {
            "model": m.stem,
            "name": m.name,
            "input_shape": shape_json(m.input_shape),
            "layers": layers,
            "total_params": total,
            "trainable_params": trainable,
            "non_trainable_params": total - trainable,
            "total_bytes": total * FLOAT32_BYTES,
            "trainable_bytes": trainable * FLOAT32_BYTES,
            "non_trainable_bytes": (total - trainable) * FLOAT32_BYTES,
            "files": files[m.stem],
        }
        if m.note:
            entry["note"] = m.note
        out["models"].append(entry)
    return compact_json(out)


def compact_json(obj) -> str:
    """Indented JSON; small containers (shapes, configs, weight entries) on one line."""

    def depth(o):
        if isinstance(o, dict):
            return 1 + max((depth(v) for v in o.values()), default=0)
        if isinstance(o, list):
            return 1 + max((depth(v) for v in o), default=0)
        return 0

    def dump(o, indent):
        one = json.dumps(o, separators=(", ", ": "))
        if not isinstance(o, (dict, list)) or (depth(o) <= 2 and indent + len(one) <= 100):
            return one
        pad = " " * (indent + 2)
        if isinstance(o, dict):
            items = [f"{pad}{json.dumps(k)}: {dump(v, indent + 2)}" for k, v in o.items()]
            return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
        items = [pad + dump(v, indent + 2) for v in o]
        return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"

    return dump(obj, 0) + "\n"


def seed_reference_blocks(reference_md: Path) -> dict:
    """The four fenced blocks under '### The seed model' in REFERENCE.md, by style."""
    text = reference_md.read_text(encoding="utf-8")
    section = text.split("### The seed model", 1)[1]
    blocks = re.findall(r"```\n(.*?)```", section, flags=re.S)
    if len(blocks) != 4:
        raise SystemExit(f"{reference_md}: expected 4 seed blocks, found {len(blocks)}")
    return dict(zip(["keras2", "tf_keras", "keras3", "keras3_76"], blocks))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--keras-git", required=True,
                    help="git directory of keras-team/keras (bare is fine)")
    ap.add_argument("--keras2-ref", default=KERAS2_REF)
    ap.add_argument("--tf-keras-ref", default=TF_KERAS_REF)
    ap.add_argument("--keras3-ref", default=None, help="default: newest v3.x.y tag")
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    ap.add_argument("--check", action="store_true",
                    help="compare with the files in --out instead of writing; exit 1 on difference")
    ap.add_argument("--verify-seed", metavar="REFERENCE_MD",
                    help="also compare the seed model with the 4 blocks in REFERENCE.md")
    args = ap.parse_args(argv)

    git_dir = args.keras_git
    k3_ref = args.keras3_ref or newest_keras3_tag(git_dir)
    refs = {
        "keras2": {"ref": args.keras2_ref, "commit": git_rev(git_dir, args.keras2_ref),
                   "file": KERAS2_PATH, "function": "print_summary"},
        "tf_keras": {"ref": args.tf_keras_ref, "commit": git_rev(git_dir, args.tf_keras_ref),
                     "file": KERAS2_PATH, "function": "print_summary"},
        "keras3": {"ref": k3_ref, "commit": git_rev(git_dir, k3_ref),
                   "file": KERAS3_SUMMARY_PATH, "function": "print_summary"},
    }

    printers = {
        "keras2": V2Printer(git_dir, args.keras2_ref, "keras2"),
        "tf_keras": V2Printer(git_dir, args.tf_keras_ref, "tf_keras"),
    }
    k3 = K3Printer(git_dir, k3_ref)

    outputs: dict[str, str] = {}
    files: dict[str, list] = {}
    for m in MODELS:
        m.build()
        variants = [False, True] if m.show_trainable else [False]
        files[m.stem] = []
        for st in variants:
            tag = ".show_trainable" if st else ""
            for style in ("keras3", "keras3_76", "tf_keras", "keras2"):
                if style.startswith("keras3"):
                    text = k3.render(m, style, st)
                else:
                    p = printers[style]
                    if st and not p.supports_show_trainable:
                        continue
                    text = p.render(m, st)
                name = f"{m.stem}{tag}.{style}.txt"
                outputs[name] = text
                files[m.stem].append(name)
            if st:  # the default width with show_trainable on a wide terminal (>= 104 columns)
                name = f"{m.stem}{tag}.keras3_100.txt"
                outputs[name] = k3.render(m, "keras3_100", st)
                files[m.stem].append(name)
    outputs["models.json"] = models_json(MODELS, files, refs)

    status = 0
    if args.verify_seed:
        for style, block in seed_reference_blocks(Path(args.verify_seed)).items():
            got = outputs[f"seed.{style}.txt"]
            ok = got == block
            print(f"seed.{style}.txt vs REFERENCE.md: {'identical' if ok else 'DIFFERENT'}")
            if not ok:
                status = 1

    out = Path(args.out)
    if args.check:
        for name, text in sorted(outputs.items()):
            path = out / name
            if not path.exists() or path.read_bytes() != text.encode("utf-8"):
                print(f"differs: {path}")
                status = 1
        extra = sorted({p.name for p in out.glob("*")} - set(outputs)) if out.exists() else []
        for name in extra:
            print(f"not generated: {out / name}")
        if status == 0:
            print(f"{len(outputs)} files up to date in {out}")
    else:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in sorted(outputs.items()):
            (out / name).write_bytes(text.encode("utf-8"))
        print(f"wrote {len(outputs)} files to {out} "
              f"(keras2={args.keras2_ref}, tf_keras={args.tf_keras_ref}, keras3={k3_ref})")
    return status


if __name__ == "__main__":
    sys.exit(main())
