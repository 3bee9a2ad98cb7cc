"""The stored notebook outputs hold on another CPU.

The README's test command runs nbval with this machine's BLAS kernels; this test runs it
again, in a fresh process, under OpenBLAS's generic Prescott kernels with one thread
(``scripts/refresh_notebooks.py``'s ``OTHER_KERNELS``): another summation order and
other rounding, as on an instructor's machine. Both must pass.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _refresh_script():
    spec = importlib.util.spec_from_file_location("refresh", ROOT / "scripts/refresh_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REFRESH = _refresh_script()


def _blas_architecture(env) -> str:
    code = (
        "import numpy, threadpoolctl;"
        "print([i.get('architecture') for i in threadpoolctl.threadpool_info()"
        " if i['internal_api'] == 'openblas'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_other_kernels_are_really_other():
    """The variable must change what OpenBLAS runs, or the nbval run below proves nothing."""
    default = _blas_architecture(os.environ)
    if default == "[]":
        pytest.skip("NumPy is not linked to OpenBLAS here: OPENBLAS_CORETYPE has no effect")
    other = _blas_architecture({**os.environ, **REFRESH.OTHER_KERNELS})
    assert other != default, f"OPENBLAS_CORETYPE changed nothing: {default} both times"


def test_nbval_passes_under_other_blas_kernels():
    env = {**os.environ, **REFRESH.OTHER_KERNELS}
    paths = [str(p.relative_to(ROOT)) for p in REFRESH.notebook_paths()]
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        *paths,
        "--nbval",
        "--nbval-current-env",
        "--nbval-sanitize-with",
        str(REFRESH.SANITIZE.relative_to(ROOT)),
        "-q",
        "-p",
        "no:cacheprovider",
    ]
    r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
    assert r.returncode == 0, (
        "nbval fails under "
        + str(REFRESH.OTHER_KERNELS)
        + ":\n"
        + r.stdout[-6000:]
        + r.stderr[-2000:]
    )
