#!/usr/bin/env python3
# rules_check.py - the summary printing rules of README.md, re-implemented without Keras or rich.
# SPDX-License-Identifier: MIT
"""Re-derive every golden summary from models.json using only the rules written down in
tools/keras_summary/README.md (no Keras code, no rich), and compare byte for byte.

This is the executable form of the specification the C++ printer implements:
  python3 tools/keras_summary/rules_check.py [tests/golden/summary]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

GOLDEN = Path(__file__).resolve().parents[2] / "tests" / "golden" / "summary"


# ---- shared ---------------------------------------------------------------------------

def shape_tuple_repr(shape):
    """keras2 / tf_keras: Python's repr of the int tuple; a 1-tuple keeps its comma."""
    dims = ["None" if d is None else str(d) for d in shape]
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


def shape_keras3(shape):
    """Keras 3: '(' + ', '.join(dims) + ')'; a 1-tuple prints as (None)."""
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"


def readable_size(num_bytes, units):
    """'{:.2f} {unit}', dividing by 1024 while value / 1024 >= 1."""
    value = num_bytes
    for unit in units:
        if value / 1024 < 1:
            return f"{value:.2f} {unit}"
        value /= 1024
    return f"{value:.2f} {units[-1]}"


def cell_name(layer):
    return f"{layer['name']} ({layer['class']})"


# ---- keras2 (tf.keras <= 2.6) --------------------------------------------------------

def keras2(model):
    L, pos = 65, [29, 55, 65]
    out = [f'Model: "{model["name"]}"', "_" * L]

    def row(fields):
        line = ""
        for i, f in enumerate(fields):
            if i > 0:
                line = line[:-1] + " "  # the column's last cell is always a space
            line = (line + f)[:pos[i]]
            line += " " * (pos[i] - len(line))
        out.append(line)

    row(["Layer (type)", "Output Shape", "Param #"])
    out.append("=" * L)
    for i, layer in enumerate(model["layers"]):
        row([cell_name(layer), shape_tuple_repr(layer["output_shape"]), str(layer["params"])])
        out.append(("=" if i == len(model["layers"]) - 1 else "_") * L)
    out += [f"Total params: {model['total_params']:,}",
            f"Trainable params: {model['trainable_params']:,}",
            f"Non-trainable params: {model['non_trainable_params']:,}", "_" * L]
    return "\n".join(out) + "\n"


# ---- tf_keras (tf.keras 2.13 - 2.15) --------------------------------------------------

def tf_keras(model, show_trainable=False):
    L, pos = (76, [29, 55, 65, 76]) if show_trainable else (65, [29, 55, 65])
    out = [f'Model: "{model["name"]}"', "_" * L]
    last = len(pos) - 1

    def row(fields):
        left = list(fields)
        while any(left):
            line = ""
            for c in range(len(left)):
                start = pos[c - 1] if c else 0
                space = 0 if c == last else 2
                cutoff = pos[c] - start - space - (0 if c == last else 1)
                chunk = left[c][:cutoff]
                breaks = [chunk.find(b) + 2 for b in ("),", "},", "],", "',") if b in chunk]
                if breaks:
                    cutoff = min(breaks)
                    chunk = chunk[:cutoff]
                if c == 0:
                    line += " "
                line += chunk + " " * space
                left[c] = left[c][cutoff:]
                line += " " * (pos[c] - len(line))
            out.append(line)

    header = ["Layer (type)", "Output Shape", "Param #"] + (["Trainable"] if show_trainable else [])
    row(header)
    out.append("=" * L)
    for layer in model["layers"]:
        fields = [cell_name(layer), shape_tuple_repr(layer["output_shape"]), str(layer["params"])]
        if show_trainable:
            fields.append("Y" if layer["layer_trainable"] else "N")
        row(fields)
        out.append(" " * L)
    units = ["Byte", "KB", "MB", "GB", "TB", "PB"]
    out += ["=" * L,
            f"Total params: {model['total_params']} ({readable_size(model['total_bytes'], units)})",
            f"Trainable params: {model['trainable_params']} "
            f"({readable_size(model['trainable_bytes'], units)})",
            f"Non-trainable params: {model['non_trainable_params']} "
            f"({readable_size(model['non_trainable_bytes'], units)})",
            "_" * L]
    return "\n".join(out) + "\n"


# ---- keras3 ------------------------------------------------------------------------------

def round_half_even(x: float) -> int:
    return round(x)  # Python's round: ties to even, like std::nearbyint in the default mode


def keras3_widths(L, show_trainable):
    """Content widths (without the 1-space padding on each side) of the columns."""
    positions = [0.45, 0.80, 1.0]
    if show_trainable:
        positions = [p * 0.90 for p in positions] + [1.0]
    cw, current = [], 0
    for p in positions:
        w = int(p * L) - current
        cw.append(w)
        current += w
    n = len(cw)
    widths = [w + 2 for w in cw]  # rich: fixed width + padding
    excess = sum(widths) - (L - (n + 1))  # table width L includes n + 1 border characters
    remaining, ratio = excess, n
    for i in range(n):  # rich ratio_reduce with equal ratios
        d = min(widths[i], round_half_even(remaining / ratio))
        widths[i] -= d
        remaining -= d
        ratio -= 1
    return [w - 2 for w in widths]


def wrap(text, width):
    """rich word wrap (overflow='ellipsis'): words are \\s*\\S+\\s*; a word longer than the
    width sits on its own line and is cut to width - 1 characters + '…'."""
    lines, cur, offset = [], "", 0
    for word in re.findall(r"\s*\S+\s*", text):
        wlen = len(word.rstrip())
        if offset + wlen <= width:
            cur += word
            offset += len(word)
        else:
            if cur:
                lines.append(cur)
            cur, offset = word, len(word)
    lines.append(cur)
    lines = [line.rstrip() for line in lines]
    return [line if len(line) <= width else line[:width - 1] + "…" for line in lines]


def justify(text, width, how):
    text = text.rstrip()
    if how == "left":
        return text + " " * (width - len(text))
    if how == "right":
        return " " * (width - len(text)) + text
    left = (width - len(text)) // 2
    return " " * left + text + " " * (width - len(text) - left)


def keras3(model, L, show_trainable=False):
    widths = keras3_widths(L, show_trainable)
    align = ["left", "left", "right"] + (["center"] if show_trainable else [])
    header = ["Layer (type)", "Output Shape", "Param #"] + (["Trainable"] if show_trainable else [])

    def rule(left, fill, mid, right):
        return left + mid.join(fill * (w + 2) for w in widths) + right

    def table_row(cells, vertical):
        wrapped = [wrap(c, w) for c, w in zip(cells, widths)]
        height = max(len(x) for x in wrapped)
        lines = []
        for k in range(height):
            parts = [" " + justify(x[k] if k < len(x) else "", w, a) + " "
                     for x, w, a in zip(wrapped, widths, align)]
            lines.append(vertical + vertical.join(parts) + vertical)
        return lines

    out = [f'Model: "{model["name"]}"', rule("┏", "━", "┳", "┓")]
    out += table_row(header, "┃")
    out.append(rule("┡", "━", "╇", "┩"))
    for i, layer in enumerate(model["layers"]):
        cells = [cell_name(layer), shape_keras3(layer["output_shape"]), f"{layer['params']:,}"]
        if show_trainable:
            cells.append(("Y" if layer["layer_trainable"] else "N") if layer["weights"] else "-")
        if i:
            out.append(rule("├", "─", "┼", "┤"))
        out += table_row(cells, "│")
    out.append(rule("└", "─", "┴", "┘"))
    units = ["B", "KB", "MB", "GB", "TB", "PB"]
    out += [f" Total params: {model['total_params']:,} "
            f"({readable_size(float(model['total_bytes']), units)})",
            f" Trainable params: {model['trainable_params']:,} "
            f"({readable_size(float(model['trainable_bytes']), units)})",
            f" Non-trainable params: {model['non_trainable_params']:,} "
            f"({readable_size(float(model['non_trainable_bytes']), units)})"]
    return "\n".join(out) + "\n"


def render(model, fname):
    stem, *mid, style, _ = fname.split(".")
    st = "show_trainable" in mid
    if style == "keras2":
        return keras2(model)
    if style == "tf_keras":
        return tf_keras(model, st)
    L = {"keras3": 88, "keras3_76": 76, "keras3_100": 100}[style]
    return keras3(model, L, st)


def main():
    golden = Path(sys.argv[1]) if len(sys.argv) > 1 else GOLDEN
    data = json.loads((golden / "models.json").read_text(encoding="utf-8"))
    bad = n = 0
    for model in data["models"]:
        for fname in model["files"]:
            n += 1
            want = (golden / fname).read_text(encoding="utf-8")
            if render(model, fname) != want:
                bad += 1
                print(f"rules disagree with {fname}")
    print(f"{n - bad}/{n} golden summaries re-derived from the written rules")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
