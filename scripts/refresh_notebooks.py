"""Re-execute notebooks in fresh kernels and store them clean.

    .venv/bin/python scripts/refresh_notebooks.py                 # every notebook
    .venv/bin/python scripts/refresh_notebooks.py notebooks/01_*.ipynb
    .venv/bin/python scripts/refresh_notebooks.py --no-check      # one execution only

Each notebook runs top to bottom in a new ``python3`` kernel with its own folder as the
working directory; then widget state (``metadata.widgets``) and per-cell execution
timestamps are removed, the kernelspec is set to ``python3`` and the file is written back.
It stops at the first notebook whose execution raises.

A stored output must be the same on every machine (nbval compares it on the instructor's
CPU, not on ours). So each notebook is executed a second time under other BLAS kernels
(:data:`OTHER_KERNELS`: OpenBLAS's generic Prescott kernels, one thread) and every text
output is compared after nbval's sanitising; a cell that prints differently is reported as
a warning with both versions, and the exit status is 2. Fix such a print (see
``notebooks/CONVENTIONS.md``, "Numbers that survive another CPU") before committing.
"""

from __future__ import annotations

import argparse
import configparser
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"
# Another CPU in miniature: OpenBLAS's generic x86-64 kernels (every x86-64 CPU can run
# them; the default picks the fastest for this CPU) and one thread (another summation
# order). tests/test_notebooks_portable.py runs nbval under these too.
OTHER_KERNELS = {
    "OPENBLAS_CORETYPE": "Prescott",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
}


def notebook_paths() -> list[Path]:
    """Every lesson notebook, in both editions (``notebooks/NN_*.ipynb``, ``notebooks/*/NN_*``)."""
    top = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    return top + sorted((ROOT / "notebooks").glob("*/[0-9][0-9]_*.ipynb"))


def clean(nb) -> None:
    """Drop what changes on every run or bloats the file."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop("execution", None)


def execute(path: Path, env: dict[str, str] | None = None, timeout: int = 600):
    """``path`` executed top to bottom in a fresh kernel (with ``env`` added to its
    environment); returns the executed notebook, not written anywhere."""
    nb = nbformat.read(path, as_version=4)
    old = {k: os.environ.get(k) for k in env or {}}
    os.environ.update(env or {})  # the kernel is a child process: it inherits these
    try:
        NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb


def _sanitizers() -> list[tuple[re.Pattern, str]]:
    cfg = configparser.ConfigParser()
    cfg.read(SANITIZE)
    return [(re.compile(cfg[s]["regex"]), cfg[s]["replace"]) for s in cfg.sections()]


def text_outputs(nb) -> dict[int, str]:
    """{code cell index: its text outputs as nbval compares them (sanitised)}."""
    subs = _sanitizers()
    out = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "nbval-ignore-output" in cell.metadata.get("tags", []):
            continue
        parts = []
        for o in cell.get("outputs", []):
            if o.output_type == "stream":
                parts.append(o.text)
            elif "data" in o:
                parts += [o.data[k] for k in ("text/plain", "text/html") if k in o.data]
        text = "".join(parts)
        for pattern, replace in subs:
            text = pattern.sub(replace, text)
        out[i] = text
    return out


def differences(a, b) -> list[str]:
    """A line per cell whose text output differs between the executed notebooks a and b."""
    ta, tb = text_outputs(a), text_outputs(b)
    found = []
    for i in sorted(ta):
        if ta[i] != tb.get(i):
            la, lb = ta[i].splitlines(), (tb.get(i) or "").splitlines()
            pairs = [(x, y) for x, y in zip(la, lb) if x != y] or [(ta[i][-200:], "")]
            first = pairs[0]
            found.append(f"cell {i}: {first[0]!r}\n      vs   {first[1]!r}")
    return found


def refresh(path: Path, *, check: bool = True, timeout: int = 600) -> tuple[float, list[str]]:
    """Execute ``path`` in a fresh kernel, clean it, write it back; with ``check``, execute
    it again under :data:`OTHER_KERNELS` and compare. Returns (seconds, differences)."""
    start = time.perf_counter()
    nb = execute(path, timeout=timeout)
    clean(nb)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    seconds = time.perf_counter() - start
    found = differences(nb, execute(path, OTHER_KERNELS, timeout)) if check else []
    return seconds, found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument(
        "--no-check", action="store_true", help="skip the second execution under other kernels"
    )
    args = parser.parse_args(argv)
    status = 0
    for path in args.paths or notebook_paths():
        seconds, found = refresh(path, check=not args.no_check)
        size = path.stat().st_size / 1000
        print(f"{path.name}: executed in {seconds:.1f} s, {size:.0f} kB")
        if found:
            status = 2
            kernels = " ".join(f"{k}={v}" for k, v in OTHER_KERNELS.items())
            print(f"  WARNING: prints differently under {kernels}:", file=sys.stderr)
            for line in found:
                print(f"    {line}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
