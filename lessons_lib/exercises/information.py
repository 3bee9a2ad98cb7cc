"""Exercise checks for notebook 05 (entropy, KL divergence and cross-entropy)."""

from __future__ import annotations

import math

import numpy as np

from ..information import entropy, kl_divergence
from ._feedback import Feedback, as_number, call_learner, right, same, wrong

__all__ = ["check_entropy", "check_reverse_kl", "check_wrong_class_loss"]

REVERSE_P = np.array([0.8, 0.1, 0.1])
REVERSE_Q = np.array([0.4, 0.3, 0.3])
CAT_DOG_HORSE_Q = np.array([0.67, 0.24, 0.09])


def _close(value: float, want: float, tol: float = 5e-4) -> bool:
    return abs(value - want) <= tol


def check_entropy(fn) -> Feedback:
    """Exercise 05.1: ``fn(P)`` → H(p) in nats for each row p of P (N, K); rows may hold 0."""
    P = np.array(
        [
            [0.5, 0.3, 0.2, 0.0],
            [0.25, 0.25, 0.25, 0.25],
            [1.0, 0.0, 0.0, 0.0],
            [0.7, 0.1, 0.1, 0.1],
        ]
    )
    got, fail = call_learner(fn, P.copy())
    if fail is not None:
        return fail
    want = entropy(P)
    if same(got, want):
        return right("H(p) = −Σ p ln p ≥ 0, with 0·ln 0 = 0; a one-hot p has entropy 0.")
    if got.shape != want.shape:
        return wrong(f"one entropy per row: expected shape {want.shape}, got {got.shape}.")
    if not np.all(np.isfinite(got)):
        return wrong(
            "a row with a 0 gives 0·ln 0 = 0·(−∞) = NaN in NumPy; by convention the term is 0 "
            "(p ln p → 0 as p → 0): leave those entries out."
        )
    if same(got, -want):
        return wrong("an entropy is never negative: the definition has a minus sign in front.")
    if same(got, want / math.log(2)) or same(got, want / math.log(10)):
        return wrong("use the natural log (nats), as the rest of the lesson does.")
    return wrong("sum −p_i ln p_i over each row (axis=1).")


def check_reverse_kl(value) -> Feedback:
    """Exercise 05.2: KL(q‖p) for p = [0.8, 0.1, 0.1] and q = [0.4, 0.3, 0.3]."""
    value, fail = as_number(value, "KL(q‖p)")
    if fail is not None:
        return fail
    want = float(kl_divergence(REVERSE_Q, REVERSE_P))
    forward = float(kl_divergence(REVERSE_P, REVERSE_Q))
    if _close(value, want, 2e-4):
        return right(
            f"KL(q‖p) = {want:.4f} while KL(p‖q) = {forward:.4f}: the two directions differ — "
            "KL is not a distance."
        )
    if _close(value, forward, 2e-4):
        return wrong(
            "that is KL(p‖q); swap the roles: weight by q, and divide by p inside the log."
        )
    if value < 0:
        return wrong("KL divergence is never negative; check the order inside the logarithm.")
    if _close(value, want / math.log(2), 2e-4):
        return wrong("use the natural log (nats).")
    return wrong("KL(q‖p) = Σ_i q_i ln(q_i / p_i).")


def check_wrong_class_loss(value) -> Feedback:
    """Exercise 05.3: the loss of the prediction [0.67, 0.24, 0.09] if the photo is a horse."""
    value, fail = as_number(value, "the loss")
    if fail is not None:
        return fail
    want = -math.log(CAT_DOG_HORSE_Q[2])
    if _close(value, want, 2e-3):
        return right(
            f"−ln 0.09 ≈ {want:.2f}, six times the 0.40 of the cat: a confident wrong answer "
            "costs the most."
        )
    if _close(value, -math.log(CAT_DOG_HORSE_Q[0]), 2e-3):
        return wrong("that is the loss if the photo is a cat; the label is now [0, 0, 1].")
    if _close(value, -math.log10(CAT_DOG_HORSE_Q[2]), 2e-3) or _close(
        value, -math.log2(CAT_DOG_HORSE_Q[2]), 2e-3
    ):
        return wrong("use the natural logarithm.")
    if value < 0:
        return wrong("−ln q is positive for every q < 1.")
    return wrong("with a one-hot label only the true class's term survives: loss = −ln q_true.")
