"""Numerical gradient checking with central differences (every notebook; cs231n style).

A gradient is trusted only after it matches
(f(x + h·e_i) − f(x − h·e_i)) / 2h in float64; a relative error below about 1e-7 means
the analytic formula is right, 1e-4 or more means it is wrong.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_finite_array, check_number
from .i18n import tr

__all__ = [
    "numerical_gradient",
    "numerical_jacobian",
    "rel_error",
    "check_gradient",
    "verdict",
]


def numerical_gradient(f: Callable[[np.ndarray], float], x: ArrayLike, h: float = 1e-5):
    """∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / 2h for each entry; same shape as x.

    f: maps an array shaped like x to a scalar. x is copied (never modified in place).
    """
    h = check_number(h, "h", low=0.0, low_open=True)
    x = np.array(as_finite_array(x, "x"), dtype=np.float64, copy=True)
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        fp = float(np.asarray(f(x)))
        flat[i] = old - h
        fm = float(np.asarray(f(x)))
        flat[i] = old
        gflat[i] = (fp - fm) / (2.0 * h)
    return grad


def numerical_jacobian(f: Callable[[np.ndarray], np.ndarray], x: ArrayLike, h: float = 1e-5):
    """J[j, i] ≈ ∂f_j/∂x_i by central differences; f: (n,) → (m,) gives (m, n) (notebook 06)."""
    h = check_number(h, "h", low=0.0, low_open=True)
    x = np.array(as_finite_array(x, "x"), dtype=np.float64, copy=True)
    if x.ndim != 1:
        raise ValueError(f"x: expected a vector, got shape {x.shape}")
    cols = []
    for i in range(x.size):
        old = x[i]
        x[i] = old + h
        fp = np.asarray(f(x), dtype=np.float64).copy()
        x[i] = old - h
        fm = np.asarray(f(x), dtype=np.float64).copy()
        x[i] = old
        cols.append(np.ravel((fp - fm) / (2.0 * h)))
    return np.stack(cols, axis=1)


def rel_error(a: ArrayLike, b: ArrayLike) -> float:
    """max |a − b| / max(1e-8, |a| + |b|), elementwise then the worst entry (cs231n)."""
    a = as_finite_array(a, "a")
    b = as_finite_array(b, "b")
    if a.shape != b.shape:
        raise ValueError(f"b: shape {b.shape} does not match a shape {a.shape}")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


def check_gradient(
    f: Callable[[np.ndarray], float],
    grad_f: Callable[[np.ndarray], np.ndarray],
    x: ArrayLike,
    *,
    h: float = 1e-5,
    tol: float = 1e-7,
) -> float:
    """Compare grad_f(x) with :func:`numerical_gradient`; return the relative error.

    Raises ``AssertionError`` (with both gradients in the message) when it exceeds ``tol``.
    """
    tol = check_number(tol, "tol", low=0.0, low_open=True)
    x = np.array(as_finite_array(x, "x"), dtype=np.float64, copy=True)
    analytic = np.asarray(grad_f(x.copy()), dtype=np.float64)
    if analytic.shape != x.shape:
        raise ValueError(f"grad_f: returned shape {analytic.shape}, expected {x.shape}")
    numeric = numerical_gradient(f, x, h=h)
    err = rel_error(analytic, numeric)
    if not err < tol:
        raise AssertionError(
            f"gradient check failed: relative error {err:.3e} ≥ {tol:.0e}\n"
            f"analytic: {analytic}\nnumeric:  {numeric}"
        )
    return err


def verdict(value: float, bound: float, what: str | None = None) -> str:
    """ "relative error < 1e-07 ✓" (or "… = 3.2e-05 ≥ 1e-07 ✗"): a check's result as text.

    Rounding noise differs from machine to machine (another CPU, another BLAS), so a
    notebook prints the *verdict* against a bound — the same everywhere — and asserts
    the value itself. The exact value appears only when the check fails. ``what`` names
    the quantity (default: "relative error", translated); pass it through ``tr``.
    """
    value = float(value)
    bound = check_number(bound, "bound", low=0.0, low_open=True)
    what = tr("relative error") if what is None else what
    if value < bound:
        return f"{what} < {_short(bound)} ✓"
    return f"{what} = {value:.1e} ≥ {_short(bound)} ✗"


def _short(x: float) -> str:
    """1e-07 → "1e-7", 2.5e-05 → "2.5e-5": a bound as people write it."""
    mantissa, exponent = f"{x:.1e}".split("e")
    return f"{mantissa.removesuffix('.0')}e{int(exponent)}"
