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

Models: Sequential ones (MODELS, all styles) and functional ones (FUNCTIONAL_MODELS; keras3,
keras3_76, tf_keras, keras2): keras.Model(inputs, outputs) graphs written once in a small DSL.
For Keras 3 their layers, nodes and tensors are built here the way Keras 3 builds them, with
`_operations` / `_nodes_by_depth` from a port of keras/src/ops/function.py map_graph
(cross-checked against the real map_graph read from git).  For tf.keras 2 the same DSL code
builds each generation's own objects: its real Node / KerasHistory (keras/engine/node.py), its
real naming code (backend.py, generic_utils.to_snake_case, Layer._init_set_name) and
Layer.output_shape, with model.layers / _nodes_by_depth from a port of functional.py
_map_graph_network (cross-checked against the real one) and the real Model.layers property.

Run with a Python that has ``rich`` (Debian: /usr/bin/python3 with python3-rich):
  /usr/bin/python3 tools/keras_summary/keras_summary.py --keras-git /work/.mirror/keras-team+keras/repo
"""

from __future__ import annotations

import argparse
import ast
import collections
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
KERAS3_FUNCTION_PATH = "keras/src/ops/function.py"
V2_IO_PATH = "keras/utils/io_utils.py"
V2_NODE_PATH = "keras/engine/node.py"
V2_FUNCTIONAL_PATH = "keras/engine/functional.py"
V2_BASE_LAYER_PATH = "keras/engine/base_layer.py"
V2_TRAINING_PATH = "keras/engine/training.py"
V2_BACKEND_PATH = "keras/backend.py"
V2_GENERIC_UTILS_PATH = "keras/utils/generic_utils.py"

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


MULTI_INPUT_LIST = ("Concatenate", "Add", "AdditiveAttention")  # called on one list of tensors
MULTI_INPUT_ARGS = ("MultiHeadAttention",)  # called as layer(query, value[, key])


def infer(spec: LayerSpec, in_shape, initial_state=None):
    """(output shape, weights) of one layer call; shapes without the batch axis.

    in_shape is one shape (a tuple), or a list of shapes for the layers of MULTI_INPUT_LIST
    (in list order) and MULTI_INPUT_ARGS (query, value[, key]).  initial_state: the shapes of
    an RNN's initial_state tensors.  The output is one shape, or a list of shapes for an RNN
    with return_state ([output, h] or, for LSTM, [output, h, c])."""
    c = spec.config
    cls = spec.cls
    if cls in MULTI_INPUT_LIST + MULTI_INPUT_ARGS:
        assert isinstance(in_shape, list) and all(isinstance(s, tuple) for s in in_shape), \
            f"{cls} takes a list of shapes, got {in_shape}"
    else:
        assert isinstance(in_shape, tuple), f"{cls} takes one input, got {in_shape}"
    if initial_state is not None:
        assert cls in ("SimpleRNN", "LSTM", "GRU"), f"{cls} has no initial_state"
    if cls in ("SimpleRNN", "LSTM", "GRU"):
        assert len(in_shape) == 2, f"{cls} needs (T, F), got {in_shape}"
        t, f = in_shape
        u = c["units"]
        gates = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}[cls]
        n_states = 2 if cls == "LSTM" else 1  # cell.state_size: [h, c] or [h]
        if initial_state is not None:
            assert list(initial_state) == [(u,)] * n_states, \
                f"{cls}({u}) initial_state must be {n_states} x ({u},), got {initial_state}"
        if cls == "GRU" and c.get("reset_after", True):
            bias = (2, 3 * u)
        else:
            bias = (gates * u,)
        ws = [Weight("kernel", (f, gates * u), True),
              Weight("recurrent_kernel", (u, gates * u), True),
              Weight("bias", bias, True)]
        out = (t, u) if c.get("return_sequences", False) else (u,)
        if c.get("return_state", False):  # rnn.py compute_output_shape: output, *states
            return [out] + [(u,)] * n_states, ws
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
    if cls in ("GlobalAveragePooling1D", "GlobalMaxPooling1D"):
        return (in_shape[-1],), []
    if cls == "LayerNormalization":
        assert c.get("axis", -1) == -1
        f = in_shape[-1]
        return in_shape, [Weight("gamma", (f,), True), Weight("beta", (f,), True)]
    if cls == "Concatenate":
        assert c.get("axis", -1) == -1 and len(in_shape) >= 2
        first = in_shape[0]
        assert all(len(s) == len(first) and s[:-1] == first[:-1] for s in in_shape), \
            f"Concatenate: shapes differ outside the last axis: {in_shape}"
        assert all(s[-1] is not None for s in in_shape)
        return first[:-1] + (sum(s[-1] for s in in_shape),), []
    if cls == "Add":
        assert len(in_shape) >= 2 and all(s == in_shape[0] for s in in_shape), \
            f"Add: shapes differ: {in_shape}"
        return in_shape[0], []
    if cls == "AdditiveAttention":  # inputs [query, value] or [query, value, key]
        assert len(in_shape) in (2, 3)
        q, v = in_shape[0], in_shape[1]
        k = in_shape[2] if len(in_shape) == 3 else v
        assert q[-1] == k[-1] and v[:-1] == k[:-1], f"AdditiveAttention: {in_shape}"
        ws = [Weight("scale", (q[-1],), True)] if c.get("use_scale", True) else []
        return q[:-1] + (v[-1],), ws  # attention.py compute_output_shape
    if cls == "MultiHeadAttention":  # layer(query, value[, key])
        assert len(in_shape) in (2, 3)
        q, v = in_shape[0], in_shape[1]
        k = in_shape[2] if len(in_shape) == 3 else v
        assert v[:-1] == k[:-1], f"MultiHeadAttention: value/key {v} {k}"
        h, kd = c["num_heads"], c["key_dim"]
        vd = c.get("value_dim") or kd
        assert c.get("output_shape") is None and c.get("use_bias", True)
        ws = [Weight("query/kernel", (q[-1], h, kd), True), Weight("query/bias", (h, kd), True),
              Weight("key/kernel", (k[-1], h, kd), True), Weight("key/bias", (h, kd), True),
              Weight("value/kernel", (v[-1], h, vd), True), Weight("value/bias", (h, vd), True),
              Weight("attention_output/kernel", (h, vd, q[-1]), True),
              Weight("attention_output/bias", (q[-1],), True)]
        return q, ws
    if cls == "Dropout":
        return in_shape, []
    if cls == "Flatten":
        flat = None if None in in_shape else math.prod(in_shape)
        return (flat,), []
    if cls == "Reshape":
        return tuple(c["target_shape"]), []
    if cls == "Bidirectional":
        assert not spec.inner.config.get("return_state", False)
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

        def name(spec):  # Keras 3 naming.auto_name / tf.keras 2 unique_object_name, per stem
            if "name" in spec.config:  # a user-given name takes no auto-name number
                return spec.config["name"]
            base = snake_case(spec.cls)
            n = counters.get(base, 0)
            counters[base] = n + 1
            return base if n == 0 else f"{base}_{n}"

        for spec in self.layers:
            if spec.inner is not None:  # Bidirectional(LSTM(...)): LSTM(...) is constructed first
                spec.inner.name = name(spec.inner)
            spec.name = name(spec)
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
    ModelSpec("wrapped_names", (5, 3), [
        L("Bidirectional", L("LSTM", units=8, return_sequences=True)),
        L("LSTM", units=4, return_sequences=True),
        L("TimeDistributed", L("Dense", units=2)),
        L("Dense", units=1)],
        [768, 336, 10, 3],
        note="A wrapped layer is constructed, and named, before its wrapper: the LSTM inside "
             "the Bidirectional is 'lstm', so the next LSTM is 'lstm_1'; likewise 'dense_1'."),
    ModelSpec("dropout_pool", (40, 6), [
        L("Conv1D", filters=8, kernel_size=5, strides=2),
        L("MaxPooling1D", pool_size=2),
        L("Dropout", rate=0.5),
        L("LSTM", units=8),
        L("Dense", units=3)],
        [248, 0, 0, 544, 27], show_trainable=True),
]

# --------------------------------------------------------------------------------------
# Functional models (keras.Model(inputs, outputs)): a graph of layers, nodes and tensors
# shaped like Keras 3's (ops/node.py, ops/function.py), independent of any printer.
# --------------------------------------------------------------------------------------


class KerasHistory(collections.namedtuple("KerasHistory",
                                          ["operation", "node_index", "tensor_index"])):
    """ops/node.py KerasHistory: the call (node) of `operation` that made a tensor."""

    __slots__ = ()


class FTensor:
    """A KerasTensor: `shape` with the batch axis, `_keras_history` set by the making node."""

    def __init__(self, shape):
        self.shape = tuple(shape)
        self._keras_history = None


class FNode:
    """ops/node.py Node: one call of a layer.  Like Node.__init__ it appends itself to the
    layer's `_inbound_nodes` (node_index = position there) and stamps the outputs."""

    def __init__(self, operation, call_args, call_kwargs, outputs):
        self.operation = operation
        self.call_args, self.call_kwargs = tuple(call_args), dict(call_kwargs)
        # SymbolicArguments.keras_tensors: the tensors of tree.flatten((args, kwargs)), kwargs
        # by sorted key; a tensor passed twice (MultiHeadAttention(x, x)) is listed twice.
        self.input_tensors = [x for x in _tree_flatten((self.call_args, self.call_kwargs))
                              if isinstance(x, FTensor)]
        self.outputs = list(outputs)
        operation._inbound_nodes.append(self)
        node_index = len(operation._inbound_nodes) - 1
        for i, tensor in enumerate(self.outputs):
            tensor._keras_history = KerasHistory(operation, node_index, i)
        self.is_input = not self.input_tensors  # InputLayer nodes

    @property
    def output_tensors(self):
        return self.outputs

    @property
    def parent_nodes(self):
        return [kt._keras_history.operation._inbound_nodes[kt._keras_history.node_index]
                for kt in self.input_tensors if kt._keras_history.operation is not None]


class _LayerCall:
    """One call of a layer on tensors, shared by the Keras 3 graph (FLayer) and the tf.keras 2
    graph (the V2 graph layers): checks the call's form, gets the shapes and weights from
    `infer`, builds the layer on its first call (later calls must need the same weights) and
    makes the output tensors.  Subclasses give _tensor_type, _dims(t) (shape without the batch
    axis) and _new_tensor(shape with the batch axis); they make the node themselves."""

    def _infer_call(self, args, kwargs):
        if set(kwargs) - {"initial_state"}:
            raise TypeError(f"{self.name}: unsupported call arguments {sorted(kwargs)}")

        def strip(t):
            assert isinstance(t, self._tensor_type), f"{self.name}: not a tensor: {t!r}"
            return self._dims(t)

        if self.cls in MULTI_INPUT_LIST:
            assert len(args) == 1 and isinstance(args[0], list), f"{self.name}: call on a list"
            in_shape = [strip(t) for t in args[0]]
        elif self.cls in MULTI_INPUT_ARGS:
            assert 2 <= len(args) <= 3, f"{self.name}: call as (query, value[, key])"
            in_shape = [strip(t) for t in args]
        else:
            assert len(args) == 1, f"{self.name}: call on one tensor"
            in_shape = strip(args[0])
        state = kwargs.get("initial_state")
        state_shapes = None if state is None else [strip(t) for t in state]
        out_shape, weights = infer(self.spec, in_shape, initial_state=state_shapes)
        if not self.spec.trainable:
            weights = [Weight(w.name, w.shape, False) for w in weights]
        if not self.built:
            self.spec.weights, self.built = weights, True
        elif weights != self.spec.weights:
            raise AssertionError(f"{self.name}: a later call needs other weights: {weights}")
        several = isinstance(out_shape, list)
        outputs = [self._new_tensor((None,) + s) for s in (out_shape if several else [out_shape])]
        return outputs, several


class FLayer(_LayerCall):
    """One layer object; calling it on tensors records a node (with its shapes, from infer).
    The first call builds it (sets the weights); later calls must need the same weights."""

    _tensor_type = FTensor
    _new_tensor = FTensor

    @staticmethod
    def _dims(t):
        return t.shape[1:]

    def __init__(self, spec: LayerSpec, name: str):
        self.spec = spec
        self.name = name
        spec.name = name
        self._inbound_nodes = []
        self.built = spec.cls == "InputLayer"

    @property
    def cls(self):
        return self.spec.cls

    def __call__(self, *args, **kwargs):
        outputs, several = self._infer_call(args, kwargs)
        FNode(self, args, kwargs, outputs)
        return outputs if several else outputs[0]


class Graph:
    """Builds one functional model: g.input(shape, name), g.layer(spec) (a layer object that
    can be called several times: a shared layer), g(spec, *tensors, **kw) (create + call).
    Names follow Keras 3 (naming.auto_name): a user-given name is kept and takes no number;
    otherwise snake_case(class) numbered per stem in creation order ("lstm", "lstm_1", ...).
    A wrapper's inner layer is constructed first, so it takes its auto-name first."""

    def __init__(self):
        self.counters: dict[str, int] = {}
        self.layers: list[FLayer] = []  # creation order

    def _name(self, spec: LayerSpec) -> str:
        if "name" in spec.config:
            return spec.config["name"]
        base = snake_case(spec.cls)
        n = self.counters.get(base, 0)
        self.counters[base] = n + 1
        return base if n == 0 else f"{base}_{n}"

    def layer(self, spec: LayerSpec) -> FLayer:
        if spec.inner is not None:
            spec.inner.name = self._name(spec.inner)
        layer = FLayer(spec, self._name(spec))
        self.layers.append(layer)
        return layer

    def input(self, shape, name=None) -> FTensor:
        config = {"batch_shape": (None,) + tuple(shape)}  # as InputLayer.get_config()
        if name is not None:
            config["name"] = name
        layer = self.layer(LayerSpec("InputLayer", config))
        tensor = FTensor((None,) + tuple(shape))
        FNode(layer, (), {}, [tensor])  # input_layer.py: Node(operation=self, call_args=())
        return tensor

    def __call__(self, spec: LayerSpec, *args, **kwargs):
        return self.layer(spec)(*args, **kwargs)


def build_map(inputs, outputs):
    """ops/function.py _build_map: depth-first from each output; nodes in finishing order
    (inputs -> outputs) and each operation's first traversal index (the output's op is 0)."""
    finished, in_progress = set(), set()
    ordered, op_index = [], {}

    def visit(tensor):
        operation, node_index, _ = tensor._keras_history
        if operation is None:
            return
        node = operation._inbound_nodes[node_index]
        if node in finished:
            return
        if not node.is_input and any(tensor is x for x in inputs):
            finished.add(node)  # an intermediate tensor used as a model input
            return
        if node in in_progress:
            raise ValueError(f"cycle at {operation.name}")
        op_index.setdefault(operation, len(op_index))
        in_progress.add(node)
        if not node.is_input:
            for t in node.input_tensors:
                visit(t)
        finished.add(node)
        in_progress.remove(node)
        ordered.append(node)

    for output in outputs:
        visit(output)
    return ordered, op_index


def map_graph(inputs, outputs):
    """ops/function.py map_graph: (nodes_by_depth, operations).

    The depth of a node is the longest path from it to an output (outputs' nodes: 0),
    raised to its operation's depth seen so far; an operation's depth is the max of its
    nodes'.  nodes_by_depth keeps the dict orders Keras gets (depth keys in first-seen order,
    nodes in the order their depth was first set, walking the nodes from the outputs back).
    operations: by decreasing depth, then by first traversal index of build_map."""
    ordered, op_index = build_map(inputs, outputs)
    in_graph = set(ordered)
    node_depth: dict = {}
    op_depth: dict = {}
    for node in reversed(ordered):
        depth = node_depth.setdefault(node, 0)
        depth = max(depth, op_depth.get(node.operation, 0))
        op_depth[node.operation] = depth
        node_depth[node] = depth
        for parent in node.parent_nodes:
            if parent in in_graph:
                node_depth[parent] = max(depth + 1, node_depth.get(parent, 0))
    for t in inputs:  # model inputs that no output depends on
        operation, node_index, _ = t._keras_history
        node = operation._inbound_nodes[node_index]
        if operation not in op_depth and node.is_input:
            op_depth[operation], op_index[operation], node_depth[node] = 0, -1, 0
    nodes_by_depth: dict = {}
    for node, depth in node_depth.items():
        nodes_by_depth.setdefault(depth, []).append(node)
    ops_by_depth: dict = {}
    for operation, depth in op_depth.items():
        ops_by_depth.setdefault(depth, []).append(operation)
    operations = [op for depth in sorted(ops_by_depth, reverse=True)
                  for op in sorted(ops_by_depth[depth], key=lambda o: op_index[o])]
    names = [op.name for op in operations]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ValueError(f"names used more than once: {dup}")
    return nodes_by_depth, operations


@dataclass
class FunctionalSpec:
    stem: str
    graph: object  # Graph -> (inputs, outputs): the model's Keras code, in this DSL
    expected_params: dict  # layer name -> hand-computed params (InputLayers: 0, not listed)
    note: str = ""
    name: str = "functional"  # Functional.__init__ -> auto_name("Functional"), fresh session

    def build(self):
        g = Graph()
        inputs, outputs = self.graph(g)
        self.inputs, self.outputs = _tree_flatten(inputs), _tree_flatten(outputs)
        self.nodes_by_depth, self.operations = map_graph(self.inputs, self.outputs)
        self.creation = g.layers  # creation order (a wrapper's inner layer not included)
        missing = [layer.name for layer in g.layers if layer not in self.operations]
        if missing:
            raise AssertionError(f"{self.stem}: layers not in the model: {missing}")
        got = {op.name: op.spec.params for op in self.operations if op.cls != "InputLayer"}
        if got != self.expected_params:
            raise AssertionError(f"{self.stem}: params {got} != hand-computed "
                                 f"{self.expected_params}")
        assert all(op.spec.params == 0 for op in self.operations if op.cls == "InputLayer")
        return self

    @property
    def model_nodes(self):
        return [n for ns in self.nodes_by_depth.values() for n in ns]

    @property
    def node_depth(self):
        return {n: d for d, ns in self.nodes_by_depth.items() for n in ns}

    @property
    def sequential_like(self):
        """print_summary's rule: every depth holds one node with at most one input tensor,
        and no layer has two of the model's nodes (a shared layer)."""
        nodes = self.model_nodes
        if any(len(ns) > 1 or len(ns[0].input_tensors) > 1
               for ns in self.nodes_by_depth.values()):
            return False
        return all(sum(n in nodes for n in op._inbound_nodes) <= 1 for op in self.operations)

    def connected_to(self, layer):
        """get_connections: the model's nodes of the layer, each input tensor as
        <layer>[node_index][tensor_index], joined by ', '; '-' for none."""
        nodes = self.model_nodes
        cells = [f"{h.operation.name}[{h.node_index}][{h.tensor_index}]"
                 for node in layer._inbound_nodes if node in nodes
                 for h in (t._keras_history for t in node.input_tensors)]
        return ", ".join(cells) or "-"

    @property
    def total_params(self):
        return sum(op.spec.params for op in self.operations)

    @property
    def trainable_params(self):
        return sum(op.spec.trainable_params for op in self.operations)


def _fn_seq2seq(g):
    encoder_inputs = g.input((None, 71))
    _, state_h, state_c = g(L("LSTM", units=256, return_state=True), encoder_inputs)
    decoder_inputs = g.input((None, 93))
    decoder = g(L("LSTM", units=256, return_sequences=True, return_state=True),
                decoder_inputs, initial_state=[state_h, state_c])
    return [encoder_inputs, decoder_inputs], g(L("Dense", units=93), decoder[0])


def _fn_shared(g):
    a = g.input((10,), name="question")
    b = g.input((10,), name="answer")
    embed = g.layer(L("Embedding", input_dim=1000, output_dim=16))
    encode = g.layer(L("LSTM", units=8))
    joined = g(L("Concatenate"), [encode(embed(a)), encode(embed(b))])
    return [a, b], g(L("Dense", units=1), joined)


def _fn_residual(g):
    x = g.input((20, 8))
    y = g(L("LSTM", units=8, return_sequences=True), x)
    z = g(L("Add"), [x, y])
    return x, g(L("Dense", units=1), g(L("GlobalAveragePooling1D"), z))


def _fn_attention(g):
    x = g.input((30, 16))
    v = g(L("Bidirectional", L("LSTM", units=32, return_sequences=True)), x)
    q = g(L("Dense", units=64), v)
    c = g(L("AdditiveAttention"), [q, v])
    return x, g(L("Dense", units=1), g(L("GlobalMaxPooling1D"), c))


def _fn_multi_io(g):
    s = g.input((None, 8), name="sequence")
    m = g.input((4,), name="meta")
    j = g(L("Concatenate"), [g(L("LSTM", units=16), s), g(L("Dense", units=16), m)])
    score = g(L("Dense", units=1, name="score"), j)
    label = g(L("Dense", units=3, name="label"), j)
    return [s, m], [score, label]


def _fn_chain(g):
    x = g.input((3, 1))
    return x, g(L("Dense", units=1), g(L("SimpleRNN", units=10), x))


def _fn_self_attention(g):
    x = g.input((10, 32))
    a = g(L("MultiHeadAttention", num_heads=4, key_dim=8), x, x)  # query=x, value=x
    n = g(L("LayerNormalization"), g(L("Add"), [x, a]))
    return x, g(L("Dense", units=1), n)


def _fn_wide_concat(g):
    ins = [g.input((5,), name=n) for n in ("first_input_with_a_long_name", "second", "third",
                                          "fourth")]
    return ins, g(L("Dense", units=2), g(L("Concatenate"), ins))


def _lstm(f, u):  # 4 gates x (kernel + recurrent kernel + bias)
    return 4 * ((f + u) * u + u)


FUNCTIONAL_MODELS = [
    FunctionalSpec("fn_seq2seq", _fn_seq2seq,
                   {"lstm": _lstm(71, 256), "lstm_1": _lstm(93, 256), "dense": 256 * 93 + 93},
                   note="Keras's character-level seq2seq: the decoder LSTM takes the encoder's "
                        "states h, c as initial_state (extra input tensors of its node)."),
    FunctionalSpec("fn_shared", _fn_shared,
                   {"embedding": 1000 * 16, "lstm": _lstm(16, 8), "concatenate": 0,
                    "dense": 16 * 1 + 1},
                   note="Shared layers: embedding and lstm are each called twice (node_index 0 "
                        "and 1); their weights count once."),
    FunctionalSpec("fn_residual", _fn_residual,
                   {"lstm": _lstm(8, 8), "add": 0, "global_average_pooling1d": 0,
                    "dense": 8 + 1}),
    FunctionalSpec("fn_attention", _fn_attention,
                   {"bidirectional": 2 * _lstm(16, 32), "dense": 64 * 64 + 64,
                    "additive_attention": 64, "global_max_pooling1d": 0, "dense_1": 64 + 1},
                   note="The Bidirectional's inner LSTM is created first and takes the name "
                        "'lstm' (not printed)."),
    FunctionalSpec("fn_multi_io", _fn_multi_io,
                   {"lstm": _lstm(8, 16), "dense": 4 * 16 + 16, "concatenate": 0,
                    "score": 32 * 1 + 1, "label": 32 * 3 + 3}),
    FunctionalSpec("fn_chain", _fn_chain,
                   {"simple_rnn": (1 + 10) * 10 + 10, "dense": 10 + 1},
                   note="A plain chain is 'sequential_like': no Connected to column, but the "
                        "InputLayer row is printed."),
    FunctionalSpec("fn_self_attention", _fn_self_attention,
                   {"multi_head_attention": 4 * (32 * 4 * 8 + 4 * 8), "add": 0,
                    "layer_normalization": 2 * 32, "dense": 32 + 1},
                   note="MultiHeadAttention(x, x): query and value are the same tensor, which "
                        "the node lists twice."),
    FunctionalSpec("fn_wide_concat", _fn_wide_concat,
                   {"concatenate": 0, "dense": 4 * 5 * 2 + 2},
                   note="A long Connected to cell and a long input name, wrapped by rich."),
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


def load_defs(source: str, names, namespace: dict, filename: str,
              strip_decorators=False) -> dict:
    """Execute top-level statements of `source` into `namespace`.

    names=None: every statement except imports (and the __future__/docstring).
    names=set: only the function definitions / assignments that bind those names.
    strip_decorators: drop the decorators of the functions taken (keras_export,
    doc_controls: API registration only).
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
            if strip_decorators and isinstance(node, ast.FunctionDef):
                node.decorator_list = []
            body.append(node)
            found |= bound
    missing = set(names or ()) - found
    if missing:
        raise SystemExit(f"{filename}: not found: {sorted(missing)}")
    module = ast.Module(body=body, type_ignores=[])
    exec(compile(module, filename, "exec"), namespace)
    return namespace


def load_method(source: str, class_name: str, method: str, namespace: dict, filename: str):
    """The function `class_name.method` of `source` (one definition, not counting a property
    setter; decorators such as @property dropped), executed into `namespace` as a plain
    function and returned."""
    def is_setter(f):
        return any(isinstance(d, ast.Attribute) and d.attr == "setter" for d in f.decorator_list)

    tree = ast.parse(source, filename=filename)
    found = [f for c in tree.body if isinstance(c, ast.ClassDef) and c.name == class_name
             for f in c.body if isinstance(f, ast.FunctionDef) and f.name == method
             and not is_setter(f)]
    if len(found) != 1:
        raise SystemExit(f"{filename}: {class_name}.{method}: {len(found)} definitions")
    found[0].decorator_list = []
    exec(compile(ast.Module(body=found, type_ignores=[]), filename, "exec"), namespace)
    return namespace[method]


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


# --------------------------------------------------------------------------------------
# Generation 2, functional models: tf.keras 2 graph objects built with that version's own
# code (node.py Node / KerasHistory, base_layer.py Layer.output_shape and _init_set_name,
# backend.py naming and int_shape, generic_utils.to_snake_case), ordered by a port of
# functional.py _map_graph_network that is cross-checked against the real one.
# --------------------------------------------------------------------------------------


class V2KerasTensorShape:
    """The tf.TensorShape of a KerasTensor (not a tuple, so backend.int_shape converts it
    with as_list())."""

    def __init__(self, dims):
        self._dims = tuple(dims)

    def as_list(self):
        return list(self._dims)


class V2KerasTensor:
    """keras_tensor.KerasTensor stand-in: `shape`.  The real Node sets `_keras_history`
    (node.is_keras_tensor is hasattr(obj, "_keras_history"), so a new tensor has none)."""

    def __init__(self, shape):
        self.shape = V2KerasTensorShape(shape)

    def __repr__(self):
        return f"<V2KerasTensor shape={tuple(self.shape.as_list())}>"


class _V2TfGraph:
    """A tf.Graph stand-in: only a (weak-referenceable) key of PER_GRAPH_OBJECT_NAME_UIDS."""


class V2GraphLayer(_LayerCall):
    """A layer of a tf.keras 2 functional model.  The printer reads name, __class__.__name__,
    output_shape (the real base_layer.Layer.output_shape property, put on the class by
    V2FunctionalKit), _inbound_nodes (real Nodes), built, count_params() and trainable.
    The name comes from the real Layer._init_set_name, as in Layer.__init__."""

    _tensor_type = V2KerasTensor
    _new_tensor = V2KerasTensor
    _node_cls = None  # node.py Node of the generation
    _count_params = None  # layer_utils.count_params of the generation

    @staticmethod
    def _dims(t):
        return tuple(t.shape.as_list())[1:]

    def __init__(self, spec: LayerSpec, name):
        self.spec = spec
        self._inbound_nodes, self._outbound_nodes = [], []
        self._init_set_name(name)  # base_layer.Layer.__init__: self._init_set_name(name)
        spec.name = self.name
        self.built = spec.cls == "InputLayer"
        self.trainable = spec.trainable
        self.weights = []

    @property
    def name(self):  # base_layer.Layer.name
        return self._name

    @property
    def cls(self):
        return self.spec.cls

    def count_params(self):  # base_layer.Layer.count_params (built layers)
        return type(self)._count_params(self.weights)

    def __call__(self, *args, **kwargs):
        first = not self.built
        outputs, several = self._infer_call(args, kwargs)
        if first:
            self.weights = [V2Variable(w) for w in self.spec.weights]
        state = kwargs.get("initial_state")
        if state is not None:
            # base_rnn.RNN.__call__ (v2.15; recurrent.py in v2.6): Keras-tensor initial states
            # join the inputs, full_input = [inputs] + additional_inputs, and the layer is
            # called as super().__call__(full_input): one list argument, no kwargs.
            call_args = ([args[0]] + list(state),)
        else:
            # base_layer._functional_construction_call: _set_connectivity_metadata(
            # (inputs,) + args, kwargs, ...) after popping the training / mask kwargs that the
            # framework added: the positional arguments as given.
            call_args = tuple(args)
        result = outputs if several else outputs[0]  # call() returns a list or one tensor
        type(self)._node_cls(self, call_args=call_args, call_kwargs={}, outputs=result)
        return result


class V2Graph:
    """The functional-model DSL of Graph (input / layer / call), building tf.keras 2 objects.
    Names are tf.keras 2's: an auto-named Input is "input_" + str(backend.get_uid("input"))
    (input_layer.py InputLayer.__init__: input_1, input_2, ...); other layers get the real
    Layer._init_set_name (unique_object_name(to_snake_case(class), zero_based=True): lstm,
    lstm_1, ...); a user-given name is kept.  A wrapper's inner layer is constructed first."""

    def __init__(self, kit: "V2FunctionalKit"):
        self.kit = kit
        self.layers: list = []  # creation order (wrapped inner layers not included)

    def layer(self, spec: LayerSpec):
        if spec.inner is not None:  # e.g. Bidirectional(LSTM(...)): LSTM(...) runs first
            self.kit.new_layer(spec.inner, spec.inner.config.get("name"))
        layer = self.kit.new_layer(spec, spec.config.get("name"))
        self.layers.append(layer)
        return layer

    def input(self, shape, name=None):
        if not name:  # input_layer.py InputLayer.__init__
            prefix = "input"
            name = prefix + "_" + str(self.kit.backend["get_uid"](prefix))
        config = {"batch_input_shape": (None,) + tuple(shape), "name": name}
        layer = self.layer(LayerSpec("InputLayer", config))
        tensor = V2KerasTensor((None,) + tuple(shape))
        self.kit.Node(layer=layer, outputs=tensor)  # input_layer.py: Node(layer=self, outputs=)
        return tensor

    def __call__(self, spec: LayerSpec, *args, **kwargs):
        return self.layer(spec)(*args, **kwargs)


def v2_map_graph_network(inputs, outputs):
    """Port of tf.keras 2 functional.py _map_graph_network (identical in v2.6.0 and v2.15.0):
    (network_nodes, nodes_by_depth, layers).

    _build_map: depth-first from each output through node.keras_inputs; nodes recorded in
    finishing order (inputs -> outputs), each layer's first traversal index (the first
    output's layer is 0).  Unlike Keras 3 there is no stop at model inputs that are
    intermediate tensors (tf.keras 2 clones such graphs before mapping).  Then, walking the
    nodes from the outputs back: a node's depth is max(its depth so far (0), its layer's
    depth so far); the layer takes that depth; each parent node gets max(depth + 1, its
    depth so far).  Unused model inputs get depth 0 and traversal index -1.
    nodes_by_depth: depths in first-seen order, nodes in the order their depth was first
    set.  layers: by decreasing depth, then by first traversal index (InputLayers included,
    wherever their depth puts them).  network_nodes: {"<layer>_ib-<node_index>"}."""
    finished, in_progress, ordered, layer_index = set(), set(), [], {}

    def visit(tensor):
        layer, node_index, _ = tensor._keras_history
        node = layer._inbound_nodes[node_index]
        if node in finished:
            return
        if node in in_progress:
            raise ValueError(f"cycle at {layer.name}")
        layer_index.setdefault(layer, len(layer_index))
        in_progress.add(node)
        if not node.is_input:
            for t in node.keras_inputs:
                visit(t)
        finished.add(node)
        in_progress.remove(node)
        ordered.append(node)

    for t in outputs:
        visit(t)
    network_nodes = {f"{n.layer.name}_ib-{n.layer._inbound_nodes.index(n)}" for n in ordered}
    node_depth: dict = {}
    layer_depth: dict = {}
    for node in reversed(ordered):
        depth = max(node_depth.setdefault(node, 0), layer_depth.get(node.layer, 0))
        layer_depth[node.layer] = depth
        node_depth[node] = depth
        for parent in node.parent_nodes:
            node_depth[parent] = max(depth + 1, node_depth.get(parent, 0))
    for t in inputs:
        layer = t._keras_history[0]
        if layer not in layer_depth:
            layer_depth[layer], layer_index[layer] = 0, -1
            node_depth[layer._inbound_nodes[0]] = 0
            network_nodes.add(f"{layer.name}_ib-0")
    nodes_by_depth: dict = {}
    for node, depth in node_depth.items():
        nodes_by_depth.setdefault(depth, []).append(node)
    layers_by_depth: dict = {}
    for layer, depth in layer_depth.items():
        layers_by_depth.setdefault(depth, []).append(layer)
    layers = [layer for depth in sorted(layers_by_depth, reverse=True)
              for layer in sorted(layers_by_depth[depth], key=lambda x: layer_index[x])]
    computable = {id(t) for t in inputs}
    for depth in sorted(nodes_by_depth, reverse=True):
        for node in nodes_by_depth[depth]:
            if not node.is_input:
                if any(id(t) not in computable for t in node.keras_inputs):
                    raise ValueError(f"graph disconnected at {node.layer.name}")
                computable |= {id(t) for t in _tree_flatten(node.outputs)}
    names = [layer.name for layer in layers]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ValueError(f"names used more than once: {dup}")
    return network_nodes, nodes_by_depth, layers


@dataclass
class V2FunctionalGraph:
    """One functional model built for one tf.keras 2 generation."""
    style: str
    creation: list  # the model's layers in creation order
    inputs: list
    outputs: list
    network_nodes: set
    nodes_by_depth: dict
    layers: list  # model.layers, printed order
    name: str  # the model's name

    def connections(self, layer):
        """print_layer_summary_with_connections: for each of the layer's nodes in the model
        (relevant_nodes = all nodes of _nodes_by_depth), each node.iterate_inbound() entry as
        <layer>[node_index][tensor_index]."""
        relevant = [n for ns in self.nodes_by_depth.values() for n in ns]
        return [f"{il.name}[{ni}][{ti}]" for node in layer._inbound_nodes
                if not relevant or node in relevant
                for il, ni, ti, _ in node.iterate_inbound()]

    def output_shape(self, layer):
        """What print_summary prints in Output Shape: layer.output_shape, or "multiple" when
        it raises AttributeError (the layer's nodes have different output_shapes)."""
        try:
            return layer.output_shape
        except AttributeError:
            return "multiple"

    @property
    def sequential_like(self):
        """print_summary's functional branch: False if a depth of _nodes_by_depth holds more
        than one node, or its node has more than one keras_inputs tensor; False if a layer of
        model.layers has two of those nodes in its _inbound_nodes (a shared layer)."""
        nodes = []
        for ns in self.nodes_by_depth.values():
            if len(ns) > 1 or (len(ns) == 1 and len(_tree_flatten(ns[0].keras_inputs)) > 1):
                return False
            nodes += ns
        return all(sum(n in nodes for n in layer._inbound_nodes) <= 1 for layer in self.layers)

    def printed(self):
        """(name, class, str(output shape cell), connections) per printed row."""
        return [(x.name, x.cls, str(self.output_shape(x)), self.connections(x))
                for x in self.layers]


class V2FunctionalKit:
    """tf.keras 2 graph code of one generation, read from git and run on stand-ins."""

    def __init__(self, git_dir, ref, style, count_params):
        self.ref, self.style = ref, style
        self.session: dict = {}
        kit = self
        tf = types.SimpleNamespace(
            nest=types.SimpleNamespace(flatten=_tree_flatten, map_structure=_tree_map_structure),
            is_tensor=lambda x: isinstance(x, V2KerasTensor),
            Tensor=type("Tensor", (), {}),  # only in the TF1 (graph mode) branches
            compat=types.SimpleNamespace(v1=types.SimpleNamespace(
                executing_eagerly_outside_functions=lambda: True,
                get_default_graph=lambda: kit.session["default_graph"])))
        # backend.py: naming counters and int_shape.  get_graph() is the Keras FuncGraph in
        # eager mode, get_default_graph() TF's default graph: two stand-in graphs per session.
        self.backend = {"collections": collections, "tf": tf,
                        "weakref": __import__("weakref"),
                        "get_graph": lambda: kit.session["keras_graph"]}
        load_defs(git_show(git_dir, ref, V2_BACKEND_PATH),
                  {"PER_GRAPH_OBJECT_NAME_UIDS", "OBSERVED_NAMES", "get_uid",
                   "get_default_graph_uid_map", "observe_object_name", "unique_object_name",
                   "int_shape"}, self.backend, f"{ref}:{V2_BACKEND_PATH}", strip_decorators=True)
        gu = {"re": re}
        load_defs(git_show(git_dir, ref, V2_GENERIC_UTILS_PATH), {"to_snake_case"}, gu,
                  f"{ref}:{V2_GENERIC_UTILS_PATH}", strip_decorators=True)
        self.to_snake_case = gu["to_snake_case"]
        node_ns = {"collections": collections, "copy": __import__("copy"), "json": json,
                   "tf": tf, "backend": types.SimpleNamespace(int_shape=self.backend["int_shape"])}
        load_defs(git_show(git_dir, ref, V2_NODE_PATH), {"Node", "KerasHistory", "is_keras_tensor"},
                  node_ns, f"{ref}:{V2_NODE_PATH}")
        self.Node = node_ns["Node"]
        self.fn_ns = {"collections": collections, "tf": tf}
        load_defs(git_show(git_dir, ref, V2_FUNCTIONAL_PATH),
                  {"_make_node_key", "_map_graph_network", "_build_map", "_build_map_helper"},
                  self.fn_ns, f"{ref}:{V2_FUNCTIONAL_PATH}")
        layer_ns = {"backend": types.SimpleNamespace(
                        unique_object_name=self.backend["unique_object_name"],
                        observe_object_name=self.backend["observe_object_name"]),
                    "generic_utils": types.SimpleNamespace(to_snake_case=self.to_snake_case)}
        base_src = git_show(git_dir, ref, V2_BASE_LAYER_PATH)
        where = f"{ref}:{V2_BASE_LAYER_PATH}"
        output_shape = load_method(base_src, "Layer", "output_shape", layer_ns, where)
        self.layer_base = type("V2GraphLayerBase", (V2GraphLayer,), {
            "output_shape": property(output_shape),
            "_init_set_name": load_method(base_src, "Layer", "_init_set_name", layer_ns, where),
            "_node_cls": self.Node,
            "_count_params": staticmethod(count_params)})
        # model.layers: training.py Model.layers = list(self._flatten_layers(include_self=False,
        # recursive=False)) over _self_tracked_trackables (base_layer.py _flatten_layers /
        # _flatten_modules), which Functional._init_graph_network sets to the layers of
        # _map_graph_network.
        never = type("NotInTheseModels", (), {})
        tracking = types.SimpleNamespace(TrackableDataStructure=never)
        track_ns = {"collections": collections, "Layer": V2GraphLayer,
                    "metrics_mod": types.SimpleNamespace(Metric=never),
                    "tf": types.SimpleNamespace(
                        Module=V2GraphLayer,
                        __internal__=types.SimpleNamespace(tracking=tracking))}
        self.model_cls = type("Functional", (V2FunctionalModel,), {
            "_flatten_layers": load_method(base_src, "Layer", "_flatten_layers", track_ns, where),
            "_flatten_modules": load_method(base_src, "Layer", "_flatten_modules", track_ns, where),
            "layers": property(load_method(git_show(git_dir, ref, V2_TRAINING_PATH), "Model",
                                           "layers", track_ns, f"{ref}:{V2_TRAINING_PATH}"))})
        self._classes: dict = {}

    def new_session(self):
        """A fresh Python session: new graphs, so every name counter starts again."""
        self.session = {"keras_graph": _V2TfGraph(), "default_graph": _V2TfGraph()}
        self.backend["OBSERVED_NAMES"].clear()

    def new_layer(self, spec: LayerSpec, name):
        if spec.cls not in self._classes:  # the printer shows __class__.__name__
            self._classes[spec.cls] = type(spec.cls, (self.layer_base,), {})
        return self._classes[spec.cls](spec, name)

    def build(self, fspec: "FunctionalSpec") -> V2FunctionalGraph:
        self.new_session()
        g = V2Graph(self)
        inputs, outputs = fspec.graph(g)
        inputs, outputs = _tree_flatten(inputs), _tree_flatten(outputs)
        network_nodes, nodes_by_depth, layers = v2_map_graph_network(inputs, outputs)
        # The real _map_graph_network on the same objects must agree in everything.
        r_nodes, r_by_depth, r_layers, _ = self.fn_ns["_map_graph_network"](inputs, outputs)
        if r_layers != layers:
            raise AssertionError(f"{fspec.stem}/{self.style}: layers differ from Keras's "
                                 f"_map_graph_network: {[x.name for x in r_layers]}")
        if list(r_by_depth.items()) != list(nodes_by_depth.items()):
            raise AssertionError(f"{fspec.stem}/{self.style}: nodes_by_depth differs")
        if r_nodes != network_nodes:
            raise AssertionError(f"{fspec.stem}/{self.style}: network_nodes differ")
        missing = [x.name for x in g.layers if x not in layers]
        if missing:
            raise AssertionError(f"{fspec.stem}/{self.style}: layers not in the model: {missing}")
        got = {x.name: x.spec.params for x in layers if x.cls != "InputLayer"}
        if got != fspec.expected_params:
            raise AssertionError(f"{fspec.stem}/{self.style}: params {got} != hand-computed "
                                 f"{fspec.expected_params}")
        # functional.py Functional._init_set_name: the class Functional is shown as "Model".
        name = self.backend["unique_object_name"](self.to_snake_case("Model"), zero_based=True)
        return V2FunctionalGraph(self.style, g.layers, inputs, outputs, network_nodes,
                                 nodes_by_depth, layers, name)


class V2FunctionalModel:
    """Reads: __class__.__name__ ("Functional", not "Sequential"), _is_graph_network (True:
    the functional branch), _nodes_by_depth (sequential_like, relevant_nodes), layers (the
    real Model.layers property, on the class made by V2FunctionalKit), name,
    trainable_weights, non_trainable_weights; no _collected_trainable_weights, _layout_map or
    distribute_strategy."""

    @staticmethod
    def make(graph: V2FunctionalGraph, model_cls):
        model = model_cls()
        model.name = graph.name
        model._is_graph_network = True
        model.inputs, model.outputs = graph.inputs, graph.outputs
        model._network_nodes = graph.network_nodes
        model._nodes_by_depth = graph.nodes_by_depth
        model._self_tracked_trackables = list(graph.layers)
        if model.layers != graph.layers:
            raise AssertionError("Model.layers differs from _map_graph_network's layers")
        weights = [w for layer in graph.layers for w in layer.weights]  # each layer once
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
        self.functional = V2FunctionalKit(git_dir, ref, style, ns["count_params"])
        self.graphs: dict = {}  # stem -> V2FunctionalGraph

    def render(self, spec, show_trainable=False) -> str:
        if isinstance(spec, FunctionalSpec):
            graph = self.graphs[spec.stem] = self.functional.build(spec)
            model = V2FunctionalModel.make(graph, self.functional.model_cls)
        else:
            model = V2Model.make(spec, self.ns["count_params"])
        kwargs = {"show_trainable": True} if show_trainable else {}
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            self.ns["print_summary"](model, **kwargs)
        return buf.getvalue()


def _probe_multiple(g):
    a = g.input((4,))
    b = g.input((5, 4))
    shared = g.layer(L("Dense", units=2))  # called on (None, 4) and on (None, 5, 4)
    return [a, b], g(L("Concatenate"), [shared(a), g(L("Flatten"), shared(b))])


PROBE_MULTIPLE = FunctionalSpec(
    "probe_multiple", _probe_multiple, {"dense": 4 * 2 + 2, "flatten": 0, "concatenate": 0},
    note="Not written: a shared layer whose calls have different output shapes.")


def check_v2_multiple(printer: "V2Printer"):
    """base_layer.Layer.output_shape raises AttributeError when str(node.output_shapes)
    differs between the layer's _inbound_nodes; print_summary then prints "multiple"."""
    text = printer.render(PROBE_MULTIPLE)
    graph = printer.graphs.pop(PROBE_MULTIPLE.stem)
    rows = {name: shape for name, _, shape, _ in graph.printed()}
    if rows["dense"] != "multiple" or rows["flatten"] != "(None, 10)" or \
            not re.search(r"^ ?dense \(Dense\) +multiple +10 ", text, flags=re.M):
        raise AssertionError(f"{printer.style}: no 'multiple' for the shared Dense:\n{text}")


def check_v2_against_keras3(spec: "FunctionalSpec", graphs: dict):
    """The tf.keras 2 graphs (one per generation) must be the Keras 3 graph of the same DSL
    code: the same layers in creation order (class; name, except auto-named Inputs), the same
    calls with the same inbound (layer, node_index, tensor_index) and output shapes.  The two
    generations must print the same rows (names, order, output shapes, connections)."""
    k3 = spec.creation
    for style, g in graphs.items():
        where = f"{spec.stem}/{style}"
        if len(g.creation) != len(k3):
            raise AssertionError(f"{where}: {len(g.creation)} layers, Keras 3 has {len(k3)}")
        pos2 = {id(x): i for i, x in enumerate(g.creation)}
        pos3 = {id(x): i for i, x in enumerate(k3)}
        for a, b in zip(g.creation, k3):
            same_name = a.name == b.name or (a.cls == "InputLayer" and "name" not in b.spec.config)
            if a.cls != b.cls or not same_name or len(a._inbound_nodes) != len(b._inbound_nodes):
                raise AssertionError(f"{where}: {a.name} ({a.cls}) vs Keras 3 {b.name} ({b.cls})")
            for na, nb in zip(a._inbound_nodes, b._inbound_nodes):
                ra = [(pos2[id(il)], ni, ti) for il, ni, ti, _ in na.iterate_inbound()]
                rb = [(pos3[id(t._keras_history.operation)], t._keras_history.node_index,
                       t._keras_history.tensor_index) for t in nb.input_tensors]
                sa = [tuple(t.shape.as_list()) for t in _tree_flatten(na.outputs)]
                sb = [t.shape for t in nb.outputs]
                if ra != rb or sa != sb:
                    raise AssertionError(f"{where}: {a.name}: calls differ from Keras 3")
    rows = {style: g.printed() for style, g in graphs.items()}
    if len({repr(r) for r in rows.values()}) != 1:
        raise AssertionError(f"{spec.stem}: the tf.keras 2 generations print different rows")


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
    """Reads: shape; in a functional model also _keras_history (.operation = the layer
    stand-in, whose .name is printed, .node_index, .tensor_index)."""

    def __init__(self, shape, keras_history=None):
        self.shape = shape
        if keras_history is not None:
            self._keras_history = keras_history


class K3Node:
    """Reads: output_tensors; in a functional model also input_tensors (list)."""

    def __init__(self, outputs, input_tensors=()):
        self.outputs = list(outputs)
        self.input_tensors = list(input_tensors)  # Node.input_tensors: arguments.keras_tensors

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


class K3GraphLayer:
    """A layer of a functional model.  Reads: _inbound_nodes (all calls, in call order; the
    shape column is the LAST node's output_tensors, the Connected to column those of the
    model's nodes), name, __class__.__name__, built, count_params(), weights, trainable.
    No _build_shapes_dict: with _inbound_nodes non-empty, format_layer_shape never reads it."""

    _count_params = None  # summary_utils.count_params

    def __init__(self, layer: "FLayer"):
        self.name = layer.name
        self.built = layer.built
        self.trainable = layer.spec.trainable
        self.weights = [K3Variable(w) for w in layer.spec.weights]
        self._inbound_nodes = []  # filled in by K3Printer._functional_model

    def count_params(self):
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
        # Keras's own map_graph, to cross-check the port that orders functional models.
        self.fn_ns = {"__name__": "keras3_function", "collections": collections,
                      "tree": types.SimpleNamespace(flatten=_tree_flatten)}
        load_defs(git_show(git_dir, ref, KERAS3_FUNCTION_PATH),
                  {"make_node_key", "map_graph", "_build_map", "_build_map_helper"},
                  self.fn_ns, f"{ref}:{KERAS3_FUNCTION_PATH}")

    def check_graph(self, spec: "FunctionalSpec"):
        """The real map_graph on the same graph objects must give the same _operations and
        _nodes_by_depth (keys, values and both orders) as the port."""
        _, nodes_by_depth, operations, _ = self.fn_ns["map_graph"](spec.inputs, spec.outputs)
        if operations != spec.operations:
            raise AssertionError(f"{spec.stem}: operations differ from Keras's map_graph: "
                                 f"{[o.name for o in operations]}")
        if list(nodes_by_depth.items()) != list(spec.nodes_by_depth.items()):
            raise AssertionError(f"{spec.stem}: nodes_by_depth differs from Keras's map_graph")

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

    def _functional_model(self, spec: "FunctionalSpec"):
        layer_base = type("K3GraphLayerBase", (K3GraphLayer,),
                          {"_count_params": staticmethod(self.ns["count_params"])})
        layer_of = {op: type(op.cls, (layer_base,), {})(op) for op in spec.operations}
        tensor_of: dict = {}

        def tensor(t: FTensor):
            if id(t) not in tensor_of:
                h = t._keras_history
                tensor_of[id(t)] = K3KerasTensor(
                    t.shape, KerasHistory(layer_of[h.operation], h.node_index, h.tensor_index))
            return tensor_of[id(t)]

        node_of = {}
        for op in spec.operations:
            for node in op._inbound_nodes:
                node_of[node] = K3Node([tensor(t) for t in node.outputs],
                                       [tensor(t) for t in node.input_tensors])
            layer_of[op]._inbound_nodes = [node_of[n] for n in op._inbound_nodes]
        layers = [layer_of[op] for op in spec.operations]
        weights = [w for layer in layers for w in layer.weights]  # each layer once
        model = type("Functional", (K3FunctionalBase,), {})()
        model.name = spec.name
        model._operations = layers  # InputLayers included
        model.layers = layers  # Functional.layers: the _operations that are Layers (all)
        model._nodes_by_depth = {d: [node_of[n] for n in ns]
                                 for d, ns in spec.nodes_by_depth.items()}
        model.trainable_weights = [w for w in weights if w.trainable]
        model.non_trainable_weights = [w for w in weights if not w.trainable]
        model.compiled = False
        model.optimizer = None
        return model

    def render(self, spec, style: str, show_trainable=False) -> str:
        make = self._functional_model if isinstance(spec, FunctionalSpec) else self._model
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
                self.ns["print_summary"](make(spec), **kwargs)
            text = buf.getvalue()
            # Cross-check: the capture path used with print_fn gives the same text.
            captured = []
            self.ns["print_summary"](make(spec), print_fn=captured.append, **kwargs)
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


def totals_json(total, trainable):
    """A model's totals and their float32 bytes, as models.json records them."""
    return {
        "total_params": total,
        "trainable_params": trainable,
        "non_trainable_params": total - trainable,
        "total_bytes": total * FLOAT32_BYTES,
        "trainable_bytes": trainable * FLOAT32_BYTES,
        "non_trainable_bytes": (total - trainable) * FLOAT32_BYTES,
    }


def counts_json(s):
    """A layer's counts and weights, as models.json records them."""
    return {
        "params": s.params,
        "trainable": s.trainable_params,
        "non_trainable": s.non_trainable_params,
        "layer_trainable": s.trainable,
        "weights": [{"name": w.name, "shape": list(w.shape), "trainable": w.trainable} for w in s.weights],
    }


def models_json(specs, files, refs, functional=(), v2_graphs=None):
    out = {
        "description": "Stand-in Sequential models (models) and functional models "
                       "(functional_models; their tf.keras 2 names, order, Output Shape cells "
                       "and connections under tf_keras2) whose summaries are in this "
                       "directory; generated by tools/keras_summary/keras_summary.py. Shapes "
                       "include the batch axis (null = None). Weight dtype float32 (4 bytes).",
        "keras_sources": refs,
        "styles": {
            "keras2": "v2.6.0 print_summary defaults: line_length 65, positions [29, 55, 65]; "
                      "with Connected to: line_length 98, positions [32, 53, 65, 98]",
            "tf_keras": "v2.15.0 print_summary defaults: line_length 65, positions [29, 55, 65]; "
                        "show_trainable: line_length 76, positions [29, 55, 65, 76]; with "
                        "Connected to: line_length 98, positions [29, 58, 68, 98]",
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
                **counts_json(s),
            })
            layers.append(d)
        total = sum(s.params for s in m.layers)
        trainable = sum(s.trainable_params for s in m.layers)
        entry = {
            "model": m.stem,
            "name": m.name,
            "input_shape": shape_json(m.input_shape),
            "layers": layers,
            **totals_json(total, trainable),
            "files": files[m.stem],
        }
        if m.note:
            entry["note"] = m.note
        out["models"].append(entry)
    if functional:
        out["functional_models"] = [functional_json(m, files[m.stem], v2_graphs[m.stem]["tf_keras"])
                                    for m in functional]
    return compact_json(out)


def _json_config(config):
    return {k: list(v) if isinstance(v, tuple) else v for k, v in config.items()}


def functional_json(m: "FunctionalSpec", files, v2: "V2FunctionalGraph"):
    """One functional model: layers in printed order (model._operations), each with its
    nodes (calls) and their inbound tensors [layer, node_index, tensor_index]; then, under
    tf_keras2, what tf.keras 2 (v2.6.0 and v2.15.0 alike) prints for it."""
    depth_of = m.node_depth

    def ref(t):
        h = t._keras_history
        return [h.operation.name, h.node_index, h.tensor_index]

    layers = []
    for op in m.operations:
        s = op.spec
        d = {"name": op.name, "class": s.cls, "config": _json_config(s.config)}
        if s.inner is not None:
            d["inner"] = {"name": s.inner.name, "class": s.inner.cls,
                          "config": _json_config(s.inner.config)}
        nodes = [{"node_index": i, "depth": depth_of.get(n),
                  "inbound": [ref(t) for t in n.input_tensors],
                  "input_shapes": [list(t.shape) for t in n.input_tensors],
                  "output_shapes": [list(t.shape) for t in n.outputs]}
                 for i, n in enumerate(op._inbound_nodes)]
        d.update({
            "depth": max(depth_of[n] for n in op._inbound_nodes if n in depth_of),
            "nodes": nodes,
            "output_shapes": nodes[-1]["output_shapes"],
            "connected_to": m.connected_to(op),
            **counts_json(s),
        })
        layers.append(d)
    total, trainable = m.total_params, m.trainable_params
    entry = {
        "model": m.stem,
        "name": m.name,
        "inputs": [ref(t) for t in m.inputs],
        "outputs": [ref(t) for t in m.outputs],
        "sequential_like": m.sequential_like,
        "nodes_by_depth": {str(d): [[n.operation.name, n.operation._inbound_nodes.index(n)]
                                    for n in ns] for d, ns in m.nodes_by_depth.items()},
        "layers": layers,
        **totals_json(total, trainable),
        "files": files,
    }
    keras3_name = {id(a): b.name for a, b in zip(v2.creation, m.creation)}
    entry["tf_keras2"] = {
        "name": v2.name,
        "sequential_like": v2.sequential_like,
        "layers": [{"name": x.name, "keras3_name": keras3_name[id(x)], "class": x.cls,
                    "output_shape": shape, "connected_to": conn}
                   for x, (_, _, shape, conn) in zip(v2.layers, v2.printed())],
    }
    if m.note:
        entry["note"] = m.note
    return entry


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
    for style in ("tf_keras", "keras2"):
        check_v2_multiple(printers[style])
    v2_graphs: dict = {}
    for m in FUNCTIONAL_MODELS:
        m.build()
        k3.check_graph(m)
        files[m.stem] = []
        for style in ("keras3", "keras3_76", "tf_keras", "keras2"):
            if style.startswith("keras3"):
                text = k3.render(m, style)
                seq_like = m.sequential_like
            else:  # builds the tf.keras 2 graph of this generation, then prints it
                text = printers[style].render(m)
                seq_like = printers[style].graphs[m.stem].sequential_like
            # The printer decides sequential_like itself; it must agree with models.json.
            if ("Connected to" in text) == seq_like or seq_like != m.sequential_like:
                raise AssertionError(f"{m.stem}/{style}: sequential_like disagrees")
            name = f"{m.stem}.{style}.txt"
            outputs[name] = text
            files[m.stem].append(name)
        v2_graphs[m.stem] = {s: printers[s].graphs[m.stem] for s in ("tf_keras", "keras2")}
        check_v2_against_keras3(m, v2_graphs[m.stem])
    outputs["models.json"] = models_json(MODELS, files, refs, FUNCTIONAL_MODELS, v2_graphs)

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
