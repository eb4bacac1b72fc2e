#!/usr/bin/env python3
"""Writes tests/static/conformance_slice.static.cpp (and merge_slice.static.cpp): static_asserts on a deterministic slice of the
conformance fixtures, so that the compile-time path is held to the same recorded numbers as the run-time
conformance tests (tests/conformance).

    python3 tools/reference/emit_static.py [--keras-every 8] [--torch-every 12] [--spatial-every 3] [--out PATH]

Keras: every case whose id is a multiple of --keras-every. A one-layer case is asserted on the layer
itself (count_params, weights().trainable_count(), compute_output_shape); a model of several layers as a
constexpr k::Sequential (totals, the output shape, and each layer's weights count and output shape for
the input Keras recorded for it). PyTorch: every case whose id is a multiple of --torch-every: count_params, the number of
named_parameters, count_buffers, output_shape and h_n/c_n shapes for the recorded sample input (of
the 2-D modules, which the generator takes in turn, every --spatial-every-th case of each).

Keras: every argument the case's config records is written, in the order the fixture records them (the
generator writes Keras's signature order, which is rnnparams's field order, so a mismatch fails to compile),
and no Keras default is restated here: an argument the fixture leaves out (SpatialDropout1D's trainable,
which Keras 3's config does not have) takes rnnparams's default. PyTorch: only keyword arguments that
differ from the framework's default are written, so a wrong default in rnnparams makes an assertion fail.
The output depends only on the fixtures and the options: rerunning it gives the same bytes.
"""

import argparse
import json
import pathlib
import sys
from collections import Counter

ROOT = pathlib.Path(__file__).resolve().parents[2]

# PyTorch 1.13 constructor keywords per class, in rnnparams's field order, with PyTorch's default.
TRANSFORMER_LAYER_FIELDS = [("d_model", None), ("nhead", None), ("dim_feedforward", 2048), ("dropout", 0.1),
                            ("activation", "relu"), ("layer_norm_eps", 1e-5), ("batch_first", False),
                            ("norm_first", False)]
TORCH_FIELDS = {
    "RNN": [("input_size", None), ("hidden_size", None), ("num_layers", 1), ("nonlinearity", "tanh"),
            ("bias", True), ("batch_first", False), ("dropout", 0.0), ("bidirectional", False)],
    "LSTM": [("input_size", None), ("hidden_size", None), ("num_layers", 1), ("bias", True),
             ("batch_first", False), ("dropout", 0.0), ("bidirectional", False), ("proj_size", 0)],
    "GRU": [("input_size", None), ("hidden_size", None), ("num_layers", 1), ("bias", True),
            ("batch_first", False), ("dropout", 0.0), ("bidirectional", False)],
    "Linear": [("in_features", None), ("out_features", None), ("bias", True)],
    "Embedding": [("num_embeddings", None), ("embedding_dim", None), ("padding_idx", None), ("_freeze", False)],
    "Conv1d": [("in_channels", None), ("out_channels", None), ("kernel_size", None), ("stride", 1),
               ("padding", 0), ("dilation", 1), ("groups", 1), ("bias", True)],
    "LayerNorm": [("normalized_shape", None), ("eps", 1e-5), ("elementwise_affine", True)],
    "BatchNorm1d": [("num_features", None), ("affine", True), ("track_running_stats", True)],
    "Conv2d": [("in_channels", None), ("out_channels", None), ("kernel_size", None), ("stride", 1),
               ("padding", 0), ("dilation", 1), ("groups", 1), ("bias", True), ("padding_mode", "zeros")],
    "EmbeddingBag": [("num_embeddings", None), ("embedding_dim", None), ("scale_grad_by_freq", False),
                     ("mode", "mean"), ("sparse", False), ("include_last_offset", False), ("padding_idx", None)],
    "BatchNorm2d": [("num_features", None), ("affine", True), ("track_running_stats", True)],
    "MaxPool2d": [("kernel_size", None), ("stride", None), ("padding", 0), ("dilation", 1), ("ceil_mode", False)],
    "AvgPool2d": [("kernel_size", None), ("stride", None), ("padding", 0), ("ceil_mode", False),
                  ("count_include_pad", True), ("divisor_override", None)],
    "MultiheadAttention": [("embed_dim", None), ("num_heads", None), ("dropout", 0.0), ("bias", True),
                           ("add_bias_kv", False), ("add_zero_attn", False), ("kdim", None), ("vdim", None),
                           ("batch_first", False)],
    "TransformerEncoderLayer": TRANSFORMER_LAYER_FIELDS,
    "TransformerDecoderLayer": TRANSFORMER_LAYER_FIELDS,
    "TransformerEncoder": [("encoder_layer", None), ("num_layers", None), ("norm", None),
                           ("enable_nested_tensor", True)],
    "TransformerDecoder": [("decoder_layer", None), ("num_layers", None), ("norm", None)],
}
# Arguments PyTorch takes that change nothing rnnparams counts: not fields of the C++ module.
IGNORED_FIELDS = {"enable_nested_tensor"}

# The modules of the generator's 2-D part, which takes them in turn, and of its parts of one module.
SPATIAL = {"Conv2d", "BatchNorm2d", "MaxPool2d", "AvgPool2d"}
ONE_MODULE_PARTS = {"EmbeddingBag"}
# The generator's attention part, which takes them in turn.
ATTENTION = {"MultiheadAttention", "TransformerEncoderLayer", "TransformerDecoderLayer", "TransformerEncoder",
             "TransformerDecoder"}

FLOAT_FIELDS = {"rate", "dropout", "layer_norm_eps", "eps"}


def cpp_value(key, value):
    if value is None:
        return "std::nullopt"
    if isinstance(value, bool):
        return "true" if value else "false"
    if key in FLOAT_FIELDS or isinstance(value, float):
        return repr(float(value))
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return "{" + ", ".join(str(v) for v in value) + "}"  # an int_tuple: target_shape, dims
    raise ValueError(f"cannot write {key}={value!r} as C++")


def cpp_dims(dims):
    """A shape without the batch axis: [6, null] -> '6, none'."""
    return ", ".join("none" if d is None else str(d) for d in dims)


def keras_layer(entry):
    cls, parts = keras_parts(entry)
    return f"k::{cls}{{{', '.join(parts)}}}"


def keras_parts(entry):
    """The class and the designated initializers of a Keras layer entry."""
    cls, config = entry["class_name"], entry["config"]
    parts = []
    for name, value in config.items():
        if name == "layer":
            parts.append(f".layer = {keras_layer(value)}")
        else:
            parts.append(f".{name} = {cpp_value(name, value)}")
    return cls, parts


def torch_parts(case):
    """The class and the designated initializers of a PyTorch case."""
    cls, kwargs = case["class_name"], case["kwargs"]
    fields = TORCH_FIELDS[cls]
    if not set(kwargs) <= {name for name, _ in fields}:
        raise ValueError(f"{cls}: kwargs {sorted(kwargs)} are not among {sorted(n for n, _ in fields)}")
    parts = []
    for name, default in fields:
        if name not in kwargs:  # the generator left it out, so PyTorch took its default: so must rnnparams
            continue
        value = kwargs[name]
        if name in IGNORED_FIELDS or (value == default and isinstance(value, bool) == isinstance(default, bool)):
            continue
        if isinstance(value, dict):  # a module made in the call: TransformerEncoder's encoder_layer, norm
            inner, inner_parts = torch_parts(value)
            parts.append(f".{name} = t::{inner}{{{', '.join(inner_parts)}}}")
        elif name == "normalized_shape":
            dims = value if isinstance(value, list) else [value]
            parts.append(f".normalized_shape = {{{cpp_dims(dims)}}}")
        else:
            parts.append(f".{name} = {cpp_value(name, value)}")
    return cls, parts


def statement(head, items, tail):
    """`head{a, b};` on one line when it fits in 110 columns, else one item per line."""
    line = f"{head}{{{', '.join(items)}}}{tail}"
    if len(line) <= 110:
        return [line]
    return [head + "{"] + [f"    {item}," for item in items[:-1]] + [f"    {items[-1]}}}{tail}"]


def check(*conditions):
    """static_assert(a && b); split into one static_assert per condition when it is too long."""
    line = f"static_assert({' && '.join(conditions)});"
    if len(line) <= 110:
        return [line]
    return [f"static_assert({c});" for c in conditions]


def emit_keras(case):
    cid = case["id"]
    name = f"keras_{cid}"
    dims = f"{{{cpp_dims(case['input_shape'][1:])}}}"
    layers = case["layers"]
    lines = [f"// keras_cases.json id {cid}"]
    if len(layers) == 1:
        layer = layers[0]
        cls, parts = keras_parts(layer)
        lines += statement(f"constexpr auto {name} = k::{cls}", parts, ";")
        lines += check(f"{name}.count_params({dims}) == {layer['params']}",
                       f"{name}.weights({dims}).trainable_count() == {layer['trainable_params']}")
        lines += check(f"{name}.compute_output_shape({dims}) == shape{{{cpp_dims(layer['output_shape'][1:])}}}")
        return lines
    items = [f"k::Input{dims}"] + [keras_layer(l) for l in layers]
    lines += statement(f"constexpr k::Sequential {name}", items, ";")
    lines += check(f"{name}.count_params() == {case['total_params']}",
                   f"{name}.trainable_params() == {case['trainable_params']}")
    lines += check(f"{name}.output_shape() == shape{{{cpp_dims(layers[-1]['output_shape'][1:])}}}")
    # Each layer on the input Keras recorded for it: with the same first input, these and the model's
    # output shape hold the model's shape propagation to the recording too. (info(i) would say the same,
    # but costs Clang three times as much: it also builds the name and the MACs.)
    for i, layer in enumerate(layers):
        before = f"shape{{{cpp_dims((case['input_shape'] if i == 0 else layers[i - 1]['output_shape'])[1:])}}}"
        lines += check(f"k::weights({name}[{i}], {before}).count() == {layer['params']}",
                       f"k::compute_output_shape({name}[{i}], {before}) == "
                       f"shape{{{cpp_dims(layer['output_shape'][1:])}}}")
    return lines


def emit_merge(case):
    """A merge or attention layer on its recorded inputs: its count, weights, output shape or refusal
    (a refused case is not asserted: a compile error cannot be; tests/compile_fail has those)."""
    cid = case["id"]
    name = f"merge_{cid}"
    parts = []
    for key, value in case["config"].items():
        if key == "axes" and isinstance(value, int):
            parts.append(f".axes = {{{value}}}")  # an int_tuple of one
        else:
            parts.append(f".{key} = {cpp_value(key, value)}")
    inputs = "{" + ", ".join(f"{{{cpp_dims(s)}}}" for s in case["inputs"]) + "}"
    lines = [f"// keras_merge_cases.json id {cid}"]
    lines += statement(f"constexpr auto {name} = k::{case['class_name']}", parts, ";")
    lines += check(f"{name}.count_params({inputs}) == {case['params']}",
                   f"{name}.weights({inputs}).size() == {len(case['weights'])}")
    lines += check(f"{name}.compute_output_shape({inputs}) == shape{{{cpp_dims(case['output_shape'])}}}")
    return lines


def emit_torch(case):
    cid = case["id"]
    name = f"torch_{cid}"
    forward = case["forward"]
    if "input_shapes" in forward:  # several tensors: tgt and memory; query, key and value
        sample = ", ".join(f"shape{{{cpp_dims(i)}}}" for i in forward["input_shapes"])
    else:
        sample = f"{{{cpp_dims(forward['input_shape'])}}}"
    buffers = 0
    for b in case["buffers"]:
        n = 1
        for d in b["shape"]:
            n *= d
        buffers += n
    cls, parts = torch_parts(case)
    lines = [f"// torch_cases.json id {cid}"] + statement(f"constexpr auto {name} = t::{cls}", parts, ";")
    lines += check(f"{name}.count_params() == {case['params']}",
                   f"{name}.named_parameters().size() == {len(case['parameters'])}",
                   f"{name}.count_buffers() == {buffers}")
    if "trainable_params" in case:  # Embedding.from_pretrained's
        lines += check(f"{name}.trainable_params() == {case['trainable_params']}")
    lines += check(f"{name}.output_shape({sample}) == shape{{{cpp_dims(forward['output_shape'])}}}")
    if "attn_output_weights_shape" in forward:
        average = "true" if forward["average_attn_weights"] else "false"
        lines += check(f"{name}.forward_shapes({sample}, {average}).attn_output_weights == "
                       f"shape{{{cpp_dims(forward['attn_output_weights_shape'])}}}")
    for key in ("h_n_shape", "c_n_shape"):
        if key in forward:
            lines += check(f"{name}.{key}({sample}) == shape{{{cpp_dims(forward[key])}}}")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keras-every", type=int, default=8)
    parser.add_argument("--torch-every", type=int, default=12)
    parser.add_argument("--spatial-every", type=int, default=3)
    parser.add_argument("--merge-every", type=int, default=6)
    parser.add_argument("--out", default=str(ROOT / "tests/static/conformance_slice.static.cpp"))
    parser.add_argument("--merge-out", default=str(ROOT / "tests/static/merge_slice.static.cpp"))
    args = parser.parse_args()

    keras = json.loads((ROOT / "tests/conformance/keras_cases.json").read_text())
    torch = json.loads((ROOT / "tests/conformance/torch_cases.json").read_text())

    keras_cases = [c for c in keras["cases"] if c["id"] % args.keras_every == 0 and
                   not any(l["class_name"] == "Embedding" for l in c["layers"][1:])]
    # The modules with tensors; the weightless ones (pooling, activations, ...) are checked at run time
    # by tests/conformance/torch.test.cpp, and here would need their own TORCH_FIELDS rows.
    # A case PyTorch refused on its sample input is not asserted (a compile error cannot be; tests/compile_fail
    # has those).
    # The 2-D modules take turns by id (id % 4), so every --spatial-every-th turn of each is asserted.
    def sampled(c):
        if c["class_name"] in SPATIAL:
            return c["id"] // 4 % args.spatial_every == 0
        if c["class_name"] in ATTENTION:
            return c["id"] // 5 % args.spatial_every == 0
        if c["class_name"] in ONE_MODULE_PARTS:
            return c["id"] % args.spatial_every == 0
        return c["id"] % args.torch_every == 0
    torch_cases = [c for c in torch["cases"] if c["class_name"] in TORCH_FIELDS and sampled(c)
                   and "error" not in c["forward"]]

    out = [
        "// tests/static/conformance_slice.static.cpp: a slice of the conformance fixtures, at compile time.",
        "// SPDX-License-Identifier: MIT",
        "// Generated by tools/reference/emit_static.py from tests/conformance/keras_cases.json",
        f"// ({keras['framework']}) and torch_cases.json ({torch['framework']}): do not edit; rerun it.",
        f"// {len(keras_cases)} Keras cases (id % {args.keras_every} == 0) and {len(torch_cases)} PyTorch cases "
        f"(id % {args.torch_every} == 0;",
        f"// the 2-D modules id // 4 % {args.spatial_every} == 0, EmbeddingBag id % {args.spatial_every} == 0, the attention",
        f"// modules id // 5 % {args.spatial_every} == 0), each on",
        "// the sample input PyTorch ran.",
        "// Generated, one case per line: not formatted.",
        "// clang-format off",
        "#include <rnnparams/rnnparams.hpp>",
        "",
        "namespace {",
        "namespace k = rnnparams::keras;",
        "namespace t = rnnparams::torch;",
        "using rnnparams::none;",
        "using rnnparams::shape;",
        "",
    ]
    for case in keras_cases:
        out += emit_keras(case)
    out.append("")
    for case in torch_cases:
        out += emit_torch(case)
    out += ["", "} // namespace", ""]
    pathlib.Path(args.out).write_text("\n".join(out))

    merges = json.loads((ROOT / "tests/conformance/keras_merge_cases.json").read_text())
    merge_cases = [c for c in merges["cases"] if c["id"] % args.merge_every == 0 and not c.get("error")]
    out = [
        "// tests/static/merge_slice.static.cpp: a slice of the merge and attention fixture, at compile time.",
        "// SPDX-License-Identifier: MIT",
        "// Generated by tools/reference/emit_static.py from tests/conformance/keras_merge_cases.json",
        f"// ({merges['framework']}): do not edit; rerun it.",
        f"// {len(merge_cases)} cases (id % {args.merge_every} == 0, not refused).",
        "// Generated, one case per line: not formatted.",
        "// clang-format off",
        "#include <rnnparams/keras/multi_input_list.hpp>",
        "",
        "namespace {",
        "namespace k = rnnparams::keras;",
        "using rnnparams::none;",
        "using rnnparams::shape;",
        "",
    ]
    for case in merge_cases:
        out += emit_merge(case)
    out += ["", "} // namespace", ""]
    pathlib.Path(args.merge_out).write_text("\n".join(out))
    print(f"wrote {args.merge_out}: {len(merge_cases)} merge and attention cases: "
          f"{dict(sorted(Counter(c['class_name'] for c in merge_cases).items()))}", file=sys.stderr)

    classes = Counter(l["class_name"] for c in keras_cases for l in c["layers"])
    inner = Counter(l["config"]["layer"]["class_name"] for c in keras_cases for l in c["layers"]
                    if "layer" in l["config"])
    modules = Counter(c["class_name"] for c in torch_cases)
    print(f"wrote {args.out}: {len(keras_cases)} Keras cases "
          f"({sum(1 for c in keras_cases if len(c['layers']) == 1)} single layers), "
          f"{len(torch_cases)} PyTorch cases", file=sys.stderr)
    print(f"  Keras layers: {dict(sorted(classes.items()))}; wrapped: {dict(sorted(inner.items()))}", file=sys.stderr)
    print(f"  PyTorch modules: {dict(sorted(modules.items()))}", file=sys.stderr)
    missing = set(TORCH_FIELDS) - set(modules)
    if missing:
        print(f"  not covered: {sorted(missing)}", file=sys.stderr)


if __name__ == "__main__":
    main()
