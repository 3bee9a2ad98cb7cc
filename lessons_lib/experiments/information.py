"""Entropy, cross-entropy and KL divergence of a pair of distributions (notebook 05)."""

from __future__ import annotations

import numpy as np

from ..information import cross_entropy, entropy, kl_divergence

__all__ = ["MEASURES", "information_measures", "normalise_weights"]

MEASURES = ("H(p)", "H(p, q)", "KL(p‖q)", "KL(q‖p)")


def normalise_weights(weights) -> np.ndarray:
    """Weights ≥ 0 (K,) → a probability vector w / Σw; all zeros give the uniform vector."""
    weights = np.asarray(weights, dtype=np.float64)
    if weights.ndim != 1 or weights.size == 0 or np.any(weights < 0):
        raise ValueError("weights: expected a non-empty vector of non-negative numbers")
    total = weights.sum()
    if total <= 0:
        return np.full(weights.size, 1.0 / weights.size)
    return weights / total


def information_measures(p, q) -> dict[str, float]:
    """{"H(p)", "H(p, q)", "KL(p‖q)", "KL(q‖p)"} in nats (may be ``inf``), via
    :mod:`lessons_lib.information`."""
    values = (entropy(p), cross_entropy(p, q), kl_divergence(p, q), kl_divergence(q, p))
    return {name: float(v) for name, v in zip(MEASURES, values)}
