"""Exercise checks for notebook 10 (Smooth L1 and Huber)."""

from __future__ import annotations

import numpy as np

from .. import losses
from ._feedback import Feedback, call_learner, right, same, wrong

__all__ = ["check_smooth_l1"]


def check_smooth_l1(fn) -> Feedback:
    """Exercise 10.3: ``fn(d, beta)`` → Smooth L1 of each difference d (elementwise)."""
    d = np.linspace(-4.1, 4.1, 83)
    for beta in (1.0, 0.5, 2.0):
        got, fail = call_learner(fn, d.copy(), beta)
        if fail is not None:
            return fail
        zero = np.zeros_like(d)
        want = losses.smooth_l1_loss(d, zero, reduction="none", beta=beta)
        if same(got, want):
            continue
        if got.shape != d.shape:
            return wrong(f"return one value per difference: expected {d.shape}, got {got.shape}.")
        if same(got, losses.huber_loss(d, zero, reduction="none", delta=beta)):
            return wrong("that is Huber(δ = β) = β·SmoothL1(β); divide by β.")
        ad = np.abs(d)
        if same(got, np.where(ad < beta, 0.5 * d * d, ad - 0.5 * beta)):
            return wrong(f"with β = {beta}: inside |d| < β the parabola is 0.5·d²/β.")
        if same(got, np.where(ad < beta, 0.5 * d * d / beta, ad)):
            return wrong(
                f"with β = {beta}: outside, subtract 0.5·β so the two pieces meet at |d| = β."
            )
        if same(got, np.where(ad < beta, ad - 0.5 * beta, 0.5 * d * d / beta)):
            return wrong("the branches are swapped: quadratic near 0, linear far away.")
        return wrong(f"with β = {beta}: 0.5·d²/β if |d| < β, else |d| − 0.5·β.")
    return right(
        "quadratic near 0 (smooth at the minimum), linear beyond β: its gradient never "
        "exceeds 1 in size, however far off the prediction is."
    )
