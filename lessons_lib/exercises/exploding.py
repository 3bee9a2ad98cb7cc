"""Exercise checks for notebook 10 (exploding gradients)."""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid_prime
from ..training import clip_by_norm
from ._feedback import Feedback, as_number, call_learner, right, same, wrong

__all__ = ["check_explosion_factor", "check_clip_by_norm"]


FACTOR_W, FACTOR_LAYERS = 10.0, 6


def check_explosion_factor(value) -> Feedback:
    """Exercise 10.1: the product of 6 layers' factors w·σ′(z) with w = 10 and z = 0."""
    got, fail = as_number(value, "the product of the six factors")
    if fail is not None:
        return fail
    per_layer = FACTOR_W * float(sigmoid_prime(0.0))
    want = per_layer**FACTOR_LAYERS
    if abs(got - want) <= 1e-6 * want:
        return right(
            f"(10 · 1/4)⁶ = 2.5⁶ ≈ {want:.1f}: a factor only a little above 1 per layer is "
            "already a 244-fold gradient after six layers."
        )
    if abs(got - per_layer) < 1e-9:
        return wrong("that is one layer's factor; the six factors multiply.")
    if abs(got - FACTOR_W**FACTOR_LAYERS) < 1e-3:
        return wrong("each layer also multiplies by σ′(0) = 1/4, not just by w.")
    return wrong("one layer's factor is w·σ′(0) = 10 × 1/4; raise it to the number of layers.")


def check_clip_by_norm(fn) -> Feedback:
    """Exercise 10.2: ``fn(g, max_norm)`` → g rescaled so that ‖g‖ ≤ max_norm (direction kept)."""
    rng = np.random.default_rng(10)
    cases = [(rng.normal(size=6) * 50, 1.0), (rng.normal(size=4) * 0.01, 1.0), (np.ones(3), 0.5)]
    for g, c in cases:
        got, fail = call_learner(fn, g.copy(), c)
        if fail is not None:
            return fail
        want = clip_by_norm(g, c)
        if same(got, want):
            continue
        if got.shape != g.shape:
            return wrong(f"return a vector shaped like g: expected {g.shape}, got {got.shape}.")
        if same(got, np.clip(g, -c, c)):
            return wrong("clipping each entry changes the direction; rescale the whole vector.")
        if same(got, g * c / np.linalg.norm(g)):
            return wrong("a gradient already shorter than max_norm should be left as it is.")
        return wrong("g · min(1, max_norm / ‖g‖): the length becomes at most max_norm.")
    return right(
        "the step keeps its direction but can never be longer than η·max_norm — what "
        "Network.fit(clip_norm=…) does to all layers' gradients together."
    )
