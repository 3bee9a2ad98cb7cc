"""Re-execute notebooks in fresh kernels and store them clean.

    .venv/bin/python scripts/refresh_notebooks.py                 # every notebook
    .venv/bin/python scripts/refresh_notebooks.py notebooks/01_*.ipynb

Each notebook runs top to bottom in a new ``python3`` kernel with ``notebooks/`` as the
working directory; then widget state (``metadata.widgets``) and per-cell execution
timestamps are removed, the kernelspec is set to ``python3`` and the file is written back.
It stops at the first notebook whose execution raises.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def clean(nb) -> None:
    """Drop what changes on every run or bloats the file."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop("execution", None)


def refresh(path: Path, timeout: int = 600) -> float:
    """Execute ``path`` in a fresh kernel, clean it, write it back; return the seconds taken."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    clean(nb)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.paths or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for path in paths:
        seconds = refresh(path)
        size = path.stat().st_size / 1000
        print(f"{path.name}: executed in {seconds:.1f} s, {size:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
