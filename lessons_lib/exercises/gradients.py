"""Exercise checks for notebook 09 (vanishing gradients, ReLU)."""

from __future__ import annotations

import numpy as np

from ..activations import relu, relu_prime, sigmoid_prime
from ._feedback import Feedback, as_number, call_learner, right, same, wrong

__all__ = [
    "check_relu_prime",
    "check_sigmoid_bound",
    "check_he_scale",
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
