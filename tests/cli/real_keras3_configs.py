#!/usr/bin/env python3
# tests/cli/real_keras3_configs.py: the rnnparams command on the functional models of real Keras 3 files
# (../shared/model-files/keras/*.keras, saved by their authors; never copied into this repository).
# SPDX-License-Identifier: MIT
"""For each .keras archive whose config.json holds a Functional (or Sequential) model: the command reads the config
(--format json, and the default Keras 3 table) and its total must equal the number of scalars in the
archive's own model.weights.h5, read with h5py. A config that is not a Sequential or functional model
(a subclassed one) must fail with one 'rnnparams: error:' line, exit 2 and nothing on stdout.

Usage: real_functional.py RNNPARAMS MODEL_FILES_DIR. Exit 77 (skipped) when the directory or h5py is
missing; 1 on a difference."""

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


def main() -> int:
    cli, files = sys.argv[1], Path(sys.argv[2]) / "keras"
    if not files.is_dir():
        print(f"SKIP: {files} is absent (the shared model files of this workplace)")
        return 77
    try:
        import h5py  # noqa: F401
    except ImportError:
        debian = "/usr/bin/python3"  # Debian's python3-h5py is for Debian's Python
        if Path(debian).exists() and Path(sys.executable).resolve() != Path(debian).resolve():
            return subprocess.run([debian, __file__, *sys.argv[1:]]).returncode
        print("SKIP: h5py is not installed (apt-get install python3-h5py)")
        return 77
    functional = sequential = refused = 0
    status = 0
    for archive in sorted(files.glob("*.keras")):
        if not zipfile.is_zipfile(archive):
            continue  # a .keras name over an HDF5 file
        with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(archive) as z:
            z.extractall(tmp, members=[n for n in z.namelist() if n in ("config.json", "model.weights.h5")])
            config = Path(tmp) / "config.json"
            class_name = json.loads(config.read_text()).get("class_name")
            run = subprocess.run([cli, "--format", "json", str(config)], capture_output=True, text=True)
            if class_name in ("Functional", "Sequential"):
                functional += class_name == "Functional"
                sequential += class_name == "Sequential"
                want = weights_in(Path(tmp) / "model.weights.h5")
                got = json.loads(run.stdout)["total_params"] if run.returncode == 0 else run.stderr.strip()
                table = subprocess.run([cli, str(config)], capture_output=True, text=True)
                ok = got == want and table.returncode == 0 and f"Total params: {want:,}" in table.stdout
                print(f"{archive.name}: weights file {want}, rnnparams {got}{'' if ok else '  DIFFERS'}")
                status |= 0 if ok else 1
            else:
                refused += 1
                ok = (run.returncode == 2 and run.stdout == "" and run.stderr.startswith("rnnparams: error:")
                      and run.stderr.count("\n") == 1)
                print(f"{archive.name}: {class_name}, refused: {run.stderr.strip()}{'' if ok else '  WRONG'}")
                status |= 0 if ok else 1
    if functional == 0:
        print("no functional model among the files")
        return 1
    print(f"{functional} functional and {sequential} Sequential models read exactly, {refused} others refused")
    return status


if __name__ == "__main__":
    sys.exit(main())
