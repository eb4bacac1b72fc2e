#!/usr/bin/env python3
# tools/reference/keras/keras_tests.py - the run_layer_test cases of Keras 3's own unit tests for the
# layers TensorFlow.js does not have (Subtract, Attention, AdditiveAttention, MultiHeadAttention's
# Keras 3 arguments), for tests/conformance/keras_layer_test_cases.json.
# SPDX-License-Identifier: MIT
"""Extract run_layer_test cases from Keras 3's test files, without running Keras.

The test files are read from a git directory of keras-team/keras (``git show <commit>:<path>``) and
parsed with ``ast``; nothing of Keras is stored in this repository. A case is a call

    self.run_layer_test(layers.X, init_kwargs={...}, input_shape=..., expected_output_shape=...,
                        expected_num_trainable_weights=N, expected_num_non_trainable_weights=M)

whose arguments are literals, and, in merging_test.py, each entry of TEST_PARAMETERS with the
defaults of test_basic (its input_shape given to both inputs). Recorded per case: the file and line,
the class, its config, the input shapes and the expected output shape without the batch axis, and
the expected numbers of trainable and non-trainable weight tensors (Keras's tests count tensors,
not scalars).

Usage: python3 tools/reference/keras/keras_tests.py --keras-git /work/.mirror/keras-team+keras/repo
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_OUT = REPO_ROOT / "tests" / "conformance" / "keras_layer_test_cases.json"

FILES = [
    "keras/src/layers/attention/attention_test.py",
    "keras/src/layers/attention/additive_attention_test.py",
    "keras/src/layers/attention/multi_head_attention_test.py",
    "keras/src/layers/merging/merging_test.py",
]
# The classes the C++ side models as layers called on a list (keras/multi_input_list.hpp).
CLASSES = {"Concatenate", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Dot",
           "Attention", "AdditiveAttention", "MultiHeadAttention"}


def layer_class(node: ast.AST) -> str | None:
    """`layers.X` -> "X"."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "layers":
        return node.attr
    return None


def literal(node: ast.AST | None):
    if node is None:
        return None
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise LookupError from None


def without_batch(shapes):
    """The shapes without their batch axis: one shape, a list of shapes, or MultiHeadAttention's dict."""
    if isinstance(shapes, dict):
        shapes = [shapes[k] for k in ("query_shape", "value_shape", "key_shape") if k in shapes]
    return [list(s[1:]) for s in shapes]


def case(path: str, line: int, cls: str, kwargs: dict) -> dict:
    inputs = without_batch(kwargs["input_shape"])
    return {
        "file": path, "line": line, "class_name": cls, "config": kwargs.get("init_kwargs", {}),
        "inputs": inputs, "output_shape": list(kwargs["expected_output_shape"][1:]),
        "trainable_weights": kwargs.get("expected_num_trainable_weights", 0),
        "non_trainable_weights": kwargs.get("expected_num_non_trainable_weights", 0),
    }


def run_layer_test_calls(path: str, tree: ast.AST) -> list[dict]:
    cases = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "run_layer_test" and node.args):
            continue
        cls = layer_class(node.args[0])
        if cls not in CLASSES:
            continue
        try:
            kwargs = {k.arg: literal(k.value) for k in node.keywords
                      if k.arg in ("init_kwargs", "input_shape", "expected_output_shape",
                                   "expected_num_trainable_weights", "expected_num_non_trainable_weights")}
        except LookupError:  # an argument computed in the test: not a literal case
            continue
        if "input_shape" in kwargs and "expected_output_shape" in kwargs:
            cases.append(case(path, node.lineno, cls, kwargs))
    return cases


def merging_parameters(path: str, tree: ast.AST) -> list[dict]:
    """merging_test.py: TEST_PARAMETERS through test_basic's defaults."""
    defaults = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "test_basic":
            names = [a.arg for a in node.args.args][-len(node.args.defaults):]
            defaults = {n: literal(d) for n, d in zip(names, node.args.defaults)}
    cases = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "TEST_PARAMETERS" for t in node.targets)):
            continue
        for entry in node.value.elts:
            values = dict(defaults)
            cls = None
            for k, v in zip(entry.keys, entry.values):
                key = literal(k)
                if key == "layer_class":
                    cls = layer_class(v)
                elif key in ("init_kwargs", "input_shape", "expected_output_shape"):
                    values[key] = literal(v)
            if cls not in CLASSES:
                continue
            shape = values["input_shape"]
            cases.append(case(path, entry.lineno, cls, {
                "init_kwargs": values.get("init_kwargs", {}), "input_shape": [shape, shape],
                "expected_output_shape": values["expected_output_shape"],
                "expected_num_trainable_weights": 0, "expected_num_non_trainable_weights": 0}))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keras-git", required=True, help="a git directory of keras-team/keras")
    parser.add_argument("--commit", default="HEAD")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    git = ["git", "--git-dir", args.keras_git]
    commit = subprocess.run(git + ["rev-parse", args.commit], check=True, capture_output=True, text=True).stdout.strip()
    cases = []
    for path in FILES:
        text = subprocess.run(git + ["show", f"{commit}:{path}"], check=True, capture_output=True, text=True).stdout
        tree = ast.parse(text)
        cases += run_layer_test_calls(path, tree) + merging_parameters(path, tree)
    cases.sort(key=lambda c: (c["file"], c["line"]))
    head = {"generator": "tools/reference/keras/keras_tests.py", "source": "keras-team/keras", "commit": commit}
    lines = [json.dumps(c) for c in cases]
    args.out.write_text(json.dumps(head)[:-1] + ', "cases": [\n' + ",\n".join(lines) + "\n]}\n")
    print(f"keras_tests.py: {len(cases)} cases from {len(FILES)} files at {commit[:12]} -> {args.out}")


if __name__ == "__main__":
    main()
