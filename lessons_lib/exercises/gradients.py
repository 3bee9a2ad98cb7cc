"""Exercise checks for notebooks 09 (vanishing gradients, ReLU) and 10 (exploding gradients)."""

from __future__ import annotations

import numpy as np

from ..activations import relu, relu_prime, sigmoid_prime
from ._feedback import Feedback, as_number, call_learner, right, same, wrong

__all__ = [
    "check_relu_prime",
    "check_sigmoid_bound",
    "check_he_scale",
    "check_explosion_factor",
    "check_clip_by_norm",
]


def check_relu_prime(fn) -> Feedback:
    """Exercise 09.1: ``fn(z)`` → ReLU′(z) elementwise (z is never exactly 0 here)."""
    z = np.linspace(-3.05, 3.05, 62)
    got, fail = call_learner(fn, z.copy())
    if fail is not None:
        return fail
    want = relu_prime(z)
    if same(got, want):
        return right(
            "ReLU′ is 1 wherever the unit is active: nothing to shrink the gradient there."
        )
    if got.shape != want.shape:
        return wrong(f"return one value per input: expected shape {want.shape}, got {got.shape}.")
    if same(got, relu(z)):
        return wrong("that is ReLU itself; its slope is constant on each side of 0.")
    if same(got, 1.0 - want):
        return wrong("flipped: the slope is 1 for z > 0 (where ReLU(z) = z) and 0 for z < 0.")
    return wrong("ReLU(z) = max(0, z): what is its slope for z < 0, and for z > 0?")


def check_sigmoid_bound(value) -> Feedback:
    """Exercise 09.2: the largest possible product σ′(z₁)·σ′(z₂)·σ′(z₃)·σ′(z₄)."""
    got, fail = as_number(value, "the largest product of four σ′ factors")
    if fail is not None:
        return fail
    top = float(sigmoid_prime(0.0))
    want = top**4
    if abs(got - want) <= 1e-6 * want:
        return right(
            f"(1/4)⁴ = {want:.5f}: with weights of order 1, four sigmoid layers shrink the "
            "gradient at least 256-fold — the order-of-magnitude drop per layer you saw."
        )
    if abs(got - 4 * top) < 1e-9:
        return wrong("the chain rule multiplies the factors; it does not add them.")
    if abs(got - top) < 1e-9:
        return wrong("that is the bound for one layer; there are four factors.")
    return wrong("σ′(z) is largest at z = 0; what is σ′(0), and what is its fourth power?")


HE_DEPTH, HE_TOLERANCE = 8, 0.1


def check_he_scale(scale) -> Feedback:
    """Exercise 09.3: a weight scale at which 8 ReLU layers keep the gradient's size.

    Judged by the panel's own numbers: the average factor between neighbouring hidden
    layers at initialisation must lie within 1 ± 0.1.
    """
    from ..experiments.gradients import initial_gradient_norms, per_layer_factor

    value, fail = as_number(scale, "the weight scale")
    if fail is not None:
        return fail
    if not 0.1 <= value <= 10.0:
        return wrong("stay within the panel's range, 0.1 to 10.")
    factor = per_layer_factor(initial_gradient_norms(HE_DEPTH, "relu", value))
    if not np.isfinite(factor):
        return wrong("at that scale no gradient reaches the hidden layers: go lower.")
    if abs(factor - 1.0) <= HE_TOLERANCE:
        return right(
            f"× {factor:.2f} per layer at scale {value:g}. He et al. chose weights with "
            "variance 2/n_in — √2 times the 'scaled' start — because a ReLU passes half of "
            "its inputs: init='he' in Network."
        )
    if factor < 1.0:
        return wrong(
            f"× {factor:.2f} per layer: the gradient still shrinks towards the input — go higher."
        )
    return wrong(f"× {factor:.2f} per layer: the gradient now grows towards the input — go lower.")


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
        norm = np.linalg.norm(g)
        want = g * min(1.0, c / norm)
        if same(got, want):
            continue
        if got.shape != g.shape:
            return wrong(f"return a vector shaped like g: expected {g.shape}, got {got.shape}.")
        if same(got, np.clip(g, -c, c)):
            return wrong("clipping each entry changes the direction; rescale the whole vector.")
        if same(got, g * c / norm):
            return wrong("a gradient already shorter than max_norm should be left as it is.")
        return wrong("g · min(1, max_norm / ‖g‖): the length becomes at most max_norm.")
    return right(
        "the step keeps its direction but can never be longer than η·max_norm — what "
        "Network.fit(clip_norm=…) does to all layers' gradients together."
    )
