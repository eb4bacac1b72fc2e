#!/usr/bin/env python3
# tests/cli/real_keras_files.py: the rnnparams command on the model configurations of real Keras files
# (../shared/model-files: Keras 3 .keras archives and Keras 2 / tf.keras .h5 files, saved by their authors;
# never copied into this repository).
# SPDX-License-Identifier: MIT
"""For each .keras archive (config.json and model.weights.h5) and each .h5 file (its model_config
attribute and model_weights group): the command reads the configuration (--format json, and the default
Keras 3 table) and its total must equal the number of scalars in the file's own weights, read with h5py.
Where it cannot read a configuration (a subclassed model, a Keras 1 config, a setting it does not model)
it must say so: one 'rnnparams: error:' line, exit 2, nothing on stdout. A wrong number fails.

Usage: real_keras_files.py RNNPARAMS MODEL_FILES_DIR. Exit 77 (skipped) when the directory or h5py is
missing; 1 on a wrong number or a bad refusal."""

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path


def weights_in(h5_path: Path) -> int:
    import h5py

    total = 0

    def visit(name, obj):
        nonlocal total
        if isinstance(obj, h5py.Dataset) and "optimizer" not in name:
            total += obj.size

    with h5py.File(h5_path, "r") as f:
        f.visititems(visit)
    return total


def check(cli: str, label: str, config: Path, weights: int) -> tuple[str, bool]:
    """('read' | 'refused', ok) for one configuration whose file holds `weights` scalars."""
    run = subprocess.run([cli, "--format", "json", str(config)], capture_output=True, text=True)
    if run.returncode != 0:
        ok = (run.returncode == 2 and run.stdout == "" and run.stderr.startswith("rnnparams: error:")
              and run.stderr.count("\n") == 1)
        print(f"{label}: refused: {run.stderr.strip()}{'' if ok else '  BAD REFUSAL'}")
        return "refused", ok
    got = json.loads(run.stdout)["total_params"]
    table = subprocess.run([cli, str(config)], capture_output=True, text=True)
    ok = got == weights and table.returncode == 0 and f"Total params: {weights:,}" in table.stdout
    print(f"{label}: weights {weights}, rnnparams {got}{'' if ok else '  DIFFERS'}")
    return "read", ok


def main() -> int:
    cli, files = sys.argv[1], Path(sys.argv[2])
    if not files.is_dir():
        print(f"SKIP: {files} is absent (the shared model files of this workplace)")
        return 77
    try:
        import h5py
    except ImportError:
        debian = "/usr/bin/python3"  # Debian's python3-h5py is for Debian's Python
        if Path(debian).exists() and Path(sys.executable).resolve() != Path(debian).resolve():
            return subprocess.run([debian, __file__, *sys.argv[1:]]).returncode
        print("SKIP: h5py is not installed (apt-get install python3-h5py)")
        return 77
    counts = {"read": 0, "refused": 0}
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        for archive in sorted(files.glob("keras/*.keras")) + sorted(files.glob("h5/*.h5")):
            if zipfile.is_zipfile(archive):
                with zipfile.ZipFile(archive) as z:
                    z.extract("config.json", tmp)
                    z.extract("model.weights.h5", tmp)
                config = Path(tmp) / "config.json"
                weights = weights_in(Path(tmp) / "model.weights.h5")
            else:
                with h5py.File(archive, "r") as f:
                    text = f.attrs.get("model_config")
                    if text is None:
                        continue  # weights only
                    config = Path(tmp) / "model_config.json"
                    config.write_text(text.decode() if isinstance(text, bytes) else text)
                    group = f["model_weights"] if "model_weights" in f else f
                    weights = sum(o.size for o in _datasets(group))
            kind, ok = check(cli, archive.name, config, weights)
            counts[kind] += 1
            status |= 0 if ok else 1
    print(f"{counts['read']} configurations read exactly, {counts['refused']} refused with one error line")
    return status if counts["read"] > 0 else 1


def _datasets(group):
    import h5py

    found = []
    group.visititems(lambda name, obj: found.append(obj) if isinstance(obj, h5py.Dataset) else None)
    return found


if __name__ == "__main__":
    sys.exit(main())
