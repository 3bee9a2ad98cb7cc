"""Entropy, cross-entropy and KL divergence of discrete distributions (notebook 05).

All functions work over the last axis, in nats (natural log) unless ``base`` is given,
with the convention 0·ln 0 = 0. Inputs must be probability vectors (entries in [0, 1]
summing to 1); anything else raises ``ValueError`` naming the argument.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_float_array, check_distribution, check_number

__all__ = ["entropy", "cross_entropy", "kl_divergence"]


def _dist(p, name):
    arr = as_float_array(p, name)
    check_distribution(arr, name)
    return arr


def _log_base(base):
    if base is None:
        return 1.0
    return math.log(check_number(base, "base", low=1.0, low_open=True))


def _xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x·ln y with 0·ln y = 0 (even for y = 0); x > 0, y = 0 gives −inf without a warning."""
    out = np.zeros(np.broadcast(x, y).shape)
    mask = np.broadcast_to(x > 0, out.shape)
    with np.errstate(divide="ignore"):
        np.multiply(x, np.log(y), out=out, where=mask)
    return out


def entropy(p: ArrayLike, *, base: float | None = None) -> np.ndarray:
    """H(p) = −Σ_i p_i ln p_i ≥ 0; p: (..., K) → (...) (notebook 05)."""
    p = _dist(p, "p")
    return (0.0 - np.sum(_xlogy(p, p), axis=-1)) / _log_base(base)  # 0 − 0 is +0, not −0


def cross_entropy(p: ArrayLike, q: ArrayLike, *, base: float | None = None) -> np.ndarray:
    """H(p, q) = −Σ_i p_i ln q_i = H(p) + KL(p‖q); (..., K) → (...) (notebook 05).

    Infinite where q_i = 0 but p_i > 0 (the model calls a possible outcome impossible).
    """
    p = _dist(p, "p")
    q = _dist(q, "q")
    _same_outcomes(p, q)
    return (0.0 - np.sum(_xlogy(p, q), axis=-1)) / _log_base(base)


def kl_divergence(p: ArrayLike, q: ArrayLike, *, base: float | None = None) -> np.ndarray:
    """KL(p‖q) = Σ_i p_i ln(p_i / q_i) ≥ 0, zero iff p = q, not symmetric (notebook 05)."""
    p = _dist(p, "p")
    q = _dist(q, "q")
    _same_outcomes(p, q)
    kl = np.sum(_xlogy(p, p) - _xlogy(p, q), axis=-1)
    # rounding can leave −1e-17 when p ≈ q; KL is never negative
    return np.maximum(kl, 0.0) / _log_base(base)


def _same_outcomes(p: np.ndarray, q: np.ndarray) -> None:
    if p.shape[-1] != q.shape[-1]:
        raise ValueError(f"q: has {q.shape[-1]} outcomes on the last axis but p has {p.shape[-1]}")
    try:
        np.broadcast_shapes(p.shape, q.shape)
    except ValueError:
        raise ValueError(f"q: shape {q.shape} does not broadcast with p shape {p.shape}") from None
