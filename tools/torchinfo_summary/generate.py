#!/usr/bin/env python3
# generate.py - golden torchinfo.summary() texts, printed by the real torchinfo on real PyTorch modules.
# SPDX-License-Identifier: MIT
"""Produce tests/golden/torchinfo/*.txt by running torchinfo.summary() on real torch.nn modules.

No torchinfo code is stored in this repository.  torchinfo is pure Python; it is imported at
run time from the path given with --torchinfo: either a directory that holds the ``torchinfo``
package (for example ``git archive <ref> torchinfo | tar x -C DIR``) or a git directory of
TylerYep/torchinfo (a bare clone is fine), from which ``--ref`` is extracted to a temporary
directory.  PyTorch is the real one: Debian's python3-torch (1.13), run with /usr/bin/python3.

Each golden file is exactly what ``torchinfo.summary(model, input_size=..., dtypes=...,
device="cpu")`` prints on stdout (the ModelStatistics repr plus print's newline).

  /usr/bin/python3 tools/torchinfo_summary/generate.py --torchinfo /work/.mirror/TylerYep+torchinfo/repo
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO_ROOT / "tests" / "golden" / "torchinfo"

# The torchinfo the committed goldens come from: main after v1.8.0 (its __version__ still says
# 1.8.0), the newest commit of TylerYep/torchinfo when they were generated.
EXPECTED_COMMIT = "5c4164f1e2e185ce33c597dbe00535bf8ed2b930"

# (file stem, module expression, input_size or None, input dtype).  The expression is evaluated
# with `nn` = torch.nn and `torch`; the C++ test (tests/unit/torchinfo.test.cpp) builds the same modules.
CASES = [
    ("lstm_300_512_2", "nn.LSTM(300, 512, num_layers=2)", (100, 32, 300), "float32"),
    ("lstm_300_512_2.no_input", "nn.LSTM(300, 512, num_layers=2)", None, "float32"),
    ("rnn_1_10", "nn.RNN(1, 10)", (3, 1, 1), "float32"),
    ("rnn_1_10.batch_first", "nn.RNN(1, 10, batch_first=True)", (1, 3, 1), "float32"),
    ("rnn_1_10.no_input", "nn.RNN(1, 10)", None, "float32"),
    ("lstm_bidirectional", "nn.LSTM(10, 20, num_layers=2, bidirectional=True)", (5, 3, 10), "float32"),
    ("lstm_proj", "nn.LSTM(10, 20, proj_size=5)", (5, 3, 10), "float32"),
    ("gru", "nn.GRU(8, 16, num_layers=2, batch_first=True)", (4, 7, 8), "float32"),
    ("gru.unbatched", "nn.GRU(1, 10)", (3, 1), "float32"),
    ("rnncell", "nn.RNNCell(10, 20, nonlinearity='relu')", (3, 10), "float32"),
    ("lstmcell", "nn.LSTMCell(10, 20)", (3, 10), "float32"),
    ("lstmcell.no_input", "nn.LSTMCell(10, 20, bias=False)", None, "float32"),
    ("grucell.unbatched", "nn.GRUCell(8, 16)", (8,), "float32"),
    ("sequential.grucell", "nn.Sequential(nn.GRUCell(10, 20), nn.Linear(20, 5))", (3, 10), "float32"),
    ("linear", "nn.Linear(10, 1)", (32, 10), "float32"),
    ("linear.3d", "nn.Linear(64, 10)", (2, 5, 64), "float32"),
    ("embedding", "nn.Embedding(1000, 64)", (2, 50), "int64"),
    ("embedding.int32", "nn.Embedding(1000, 64)", (2, 50), "int32"),
    ("embedding.from_pretrained",
     "nn.Sequential(nn.Embedding.from_pretrained(torch.zeros(1000, 64)), nn.LSTM(64, 32, batch_first=True))",
     (2, 50), "int64"),
    ("embeddingbag", "nn.Sequential(nn.EmbeddingBag(1000, 64, mode='sum'), nn.Linear(64, 4))", (8, 20), "int64"),
    ("embeddingbag.last_offset", "nn.EmbeddingBag(500, 16, include_last_offset=True)", (8, 20), "int64"),
    ("embedding.from_pretrained.no_input",
     "nn.Sequential(nn.Embedding.from_pretrained(torch.zeros(1000, 64), freeze=False), nn.Linear(64, 2))",
     None, "float32"),
    ("conv1d", "nn.Conv1d(16, 32, 3)", (8, 16, 100), "float32"),
    ("conv1d.strided", "nn.Conv1d(4, 8, 5, stride=2, padding=2, groups=2)", (2, 4, 50), "float32"),
    ("batchnorm1d", "nn.BatchNorm1d(10)", (2, 10), "float32"),
    ("batchnorm1d.3d", "nn.BatchNorm1d(32)", (4, 32, 100), "float32"),
    ("layernorm", "nn.LayerNorm(10)", (2, 5, 10), "float32"),
    ("layernorm.no_affine", "nn.LayerNorm(10, elementwise_affine=False)", (2, 10), "float32"),
    ("sequential.no_input",
     "nn.Sequential(nn.Embedding(1000, 64), nn.LSTM(64, 128, batch_first=True), nn.Linear(128, 10))",
     None, "float32"),
    ("sequential.text",
     "nn.Sequential(nn.Embedding(1000, 64), nn.LayerNorm(64), nn.Linear(64, 32),"
     " nn.LSTM(32, 16, batch_first=True))",
     (2, 50), "int64"),
    ("sequential.conv",
     "nn.Sequential(nn.Conv1d(16, 32, 3), nn.BatchNorm1d(32), nn.Conv1d(32, 8, 5, stride=2),"
     " nn.Linear(47, 10))",
     (4, 16, 100), "float32"),
    ("sequential.zero_params",
     "nn.Sequential(nn.Linear(10, 20), nn.LayerNorm(20, elementwise_affine=False))",
     (3, 10), "float32"),
    ("sequential.weightless",
     "nn.Sequential(nn.Conv1d(16, 32, 3), nn.ReLU(), nn.MaxPool1d(2), nn.Conv1d(32, 8, 3), nn.GELU(),"
     " nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Dropout(0.2), nn.Linear(8, 4), nn.Softmax(dim=1))",
     (2, 16, 50), "float32"),
    ("sequential.weightless.no_input",
     "nn.Sequential(nn.Conv1d(4, 8, 3), nn.Tanh(), nn.AvgPool1d(3, stride=2, ceil_mode=True), nn.ELU(),"
     " nn.AdaptiveMaxPool1d(4), nn.LeakyReLU(0.2), nn.Flatten(), nn.Sigmoid(), nn.Linear(32, 1))",
     None, "float32"),
    ("maxpool1d", "nn.MaxPool1d(3, stride=2, padding=1)", (4, 8, 21), "float32"),
    ("conv2d", "nn.Conv2d(3, 16, (3, 5), stride=(2, 1), padding=(1, 2))", (2, 3, 32, 40), "float32"),
    ("conv2d.no_input", "nn.Conv2d(32, 64, 3, groups=4, bias=False)", None, "float32"),
    ("batchnorm2d", "nn.BatchNorm2d(16)", (2, 16, 8, 8), "float32"),
    ("sequential.conv2d",
     "nn.Sequential(nn.Conv2d(1, 32, kernel_size=(41, 11), stride=(2, 2), padding=(20, 5)), nn.BatchNorm2d(32),"
     " nn.ReLU(), nn.Conv2d(32, 32, kernel_size=(21, 11), stride=(2, 1), padding=(10, 5)), nn.BatchNorm2d(32),"
     " nn.ReLU(), nn.MaxPool2d(2), nn.AvgPool2d((1, 2), ceil_mode=True))",
     (4, 1, 161, 200), "float32"),
    ("sequential.twelve", "nn.Sequential(*[nn.Linear(4, 4) for _ in range(12)])", (1, 4), "float32"),
    ("sequential.empty", "nn.Sequential()", (2, 3), "float32"),
    ("sequential.empty.no_input", "nn.Sequential()", None, "float32"),
    # Number formatting: exact integers after a unit ("(M): 1"), ties rounded half to even
    # (1.125 -> "1.12"), and T / GB units.
    ("units.exact", "nn.Embedding(1000, 250)", (4, 5), "int64"),
    ("units.ties", "nn.Embedding(1125, 250)", (4, 1), "int64"),
    ("transformer_encoder_layer", "nn.TransformerEncoderLayer(16, 4, dim_feedforward=32)", (5, 3, 16), "float32"),
    ("transformer_encoder_layer.norm_first",
     "nn.TransformerEncoderLayer(16, 4, dim_feedforward=32, activation='gelu', batch_first=True, norm_first=True)",
     (3, 5, 16), "float32"),
    ("transformer_encoder_layer.no_input", "nn.TransformerEncoderLayer(512, 8)", None, "float32"),
    ("transformer_encoder",
     "nn.TransformerEncoder(nn.TransformerEncoderLayer(16, 4, dim_feedforward=32), 2, norm=nn.LayerNorm(16))",
     (5, 3, 16), "float32"),
    ("transformer_encoder.no_input",
     "nn.TransformerEncoder(nn.TransformerEncoderLayer(64, 8, dim_feedforward=128), 3)", None, "float32"),
    ("sequential.transformer_encoder",
     "nn.Sequential(nn.Embedding(1000, 16), nn.TransformerEncoder(nn.TransformerEncoderLayer(16, 4,"
     " dim_feedforward=32, batch_first=True), 2), nn.Linear(16, 2))",
     (2, 7), "int64"),
    ("multihead_attention.no_input", "nn.MultiheadAttention(16, 4, kdim=8, add_bias_kv=True)", None, "float32"),
    ("transformer_decoder_layer.no_input", "nn.TransformerDecoderLayer(16, 4, dim_feedforward=32)", None,
     "float32"),
    ("transformer_decoder.no_input",
     "nn.TransformerDecoder(nn.TransformerDecoderLayer(16, 4, dim_feedforward=32), 2, norm=nn.LayerNorm(16))",
     None, "float32"),
    ("units.large", "nn.Embedding(3000000, 128)", (4000, 2), "int64"),
]

# Numbers for format_output_num.txt: ModelStatistics.format_output_num(num, units, is_bytes) on each,
# with units Units.NONE (the parameter totals) and Units.AUTO (mult-adds and sizes).
NUMBERS = [
    0, 1, 56, 76, 999, 1000, 1001, 1005, 1125, 1999, 9995, 99995, 999999, 1000000, 1005000, 1125000,
    1234567, 3768320, 15073280, 376832000, 999999999, 1000000000, 1005000000, 12058624000,
    999999999999, 1000000000000, 1234567890123, 1536000000000, 999999999999999, 1000000000000000,
    1234567890123456, 2**53 - 1, 2**53, 2**53 + 1, 2**63, 12345678901234567890, 2**64 - 1,
]


def git(git_dir: str, *args: str) -> str:
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], check=True,
                          capture_output=True, text=True).stdout.strip()


def load_torchinfo(path: str, ref: str, tmp: Path):
    """Imports torchinfo from a package directory or from a git directory at `ref`."""
    root = Path(path)
    commit = None
    if not (root / "torchinfo" / "__init__.py").exists():
        commit = git(path, "rev-parse", f"{ref}^{{commit}}")
        archive = subprocess.run(["git", f"--git-dir={path}", "archive", commit, "torchinfo"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "x", "-C", str(tmp)], input=archive, check=True)
        root = tmp
    sys.path.insert(0, str(root))
    import torchinfo  # noqa: PLC0415 - the path is known only now

    if Path(torchinfo.__file__).resolve().parent != (root / "torchinfo").resolve():
        raise SystemExit(f"imported torchinfo from {torchinfo.__file__}, not from {root}")
    return torchinfo, commit


def render(torchinfo, torch, stem: str, expr: str, input_size, dtype: str) -> str:
    nn = torch.nn
    torch.manual_seed(0)
    model = eval(expr, {"nn": nn, "torch": torch})  # noqa: S307 - the expressions are the constants above
    kwargs = {"device": torch.device("cpu")}
    if input_size is not None:
        kwargs["input_size"] = input_size
        kwargs["dtypes"] = [getattr(torch, dtype)]
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        stats = torchinfo.summary(model, **kwargs)
    text = stdout.getvalue()
    if text != f"{stats}\n":
        raise SystemExit(f"{stem}: printed text differs from str(ModelStatistics)")
    return text


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--torchinfo", required=True,
                    help="a directory holding the torchinfo package, or a git directory of "
                         "TylerYep/torchinfo (bare is fine)")
    ap.add_argument("--ref", default=EXPECTED_COMMIT,
                    help="with a git directory: the commit or tag to use (default: the goldens' commit)")
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    ap.add_argument("--check", action="store_true",
                    help="compare with the files in --out instead of writing; exit 1 on difference")
    args = ap.parse_args(argv)

    import torch  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as tmp:
        torchinfo, commit = load_torchinfo(args.torchinfo, args.ref, Path(tmp))
        outputs = {f"{stem}.txt": render(torchinfo, torch, stem, expr, size, dtype)
                   for stem, expr, size, dtype in CASES}
        fmt = torchinfo.ModelStatistics.format_output_num
        if "is_bytes" in inspect.signature(fmt).parameters:  # not in v1.8.0, which prints sizes in MB
            units = torchinfo.Units
            outputs["format_output_num.txt"] = "".join(
                f"{num}\t{name}\t{is_bytes}\t{fmt(num, unit, is_bytes)}\n"
                for num in NUMBERS
                for name, unit in (("NONE", units.NONE), ("AUTO", units.AUTO))
                for is_bytes in (False, True))
    outputs["cases.json"] = json.dumps({
        "torchinfo": {"commit": commit, "version": torchinfo.__version__},
        "torch": torch.__version__,
        "python": sys.version.split()[0],
        "call": "torchinfo.summary(model, device='cpu'), with input_size=input_size and "
                "dtypes=[getattr(torch, dtype)] when input_size is not null",
        "cases": [{"file": f"{stem}.txt", "model": expr,
                   "input_size": list(size) if size is not None else None,
                   "dtype": dtype if size is not None else None}
                  for stem, expr, size, dtype in CASES],
    }, indent=2) + "\n"

    out = Path(args.out)
    status = 0
    if args.check:
        for name, text in sorted(outputs.items()):
            path = out / name
            if not path.exists() or path.read_bytes() != text.encode("utf-8"):
                print(f"differs: {path}")
                status = 1
        for name in sorted({p.name for p in out.glob("*")} - set(outputs)) if out.exists() else []:
            print(f"not generated: {out / name}")
        if status == 0:
            print(f"{len(outputs)} files up to date in {out}")
    else:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in sorted(outputs.items()):
            (out / name).write_bytes(text.encode("utf-8"))
        print(f"wrote {len(outputs)} files to {out} (torchinfo {commit or args.torchinfo}, "
              f"torch {torch.__version__})")
    return status


if __name__ == "__main__":
    sys.exit(main())
