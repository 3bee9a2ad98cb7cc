"""Exercise checks for notebook 07 (regularisation)."""

from __future__ import annotations

import numpy as np

from ..network import Network
from ._feedback import Feedback, as_number, call_learner, right, same, wrong

__all__ = ["check_penalty_gradient", "check_halving_steps", "check_sparse_penalty"]


def _penalty_gradient(kind: str, lam: float):
    """(W, ∂penalty/∂W) read off Network.backprop: with the penalty minus without it."""
    rng = np.random.default_rng(3)
    net = Network([3, 4, 2], hidden="tanh", output="softmax", cost="cross_entropy", seed=3)
    X, y = rng.normal(size=(5, 3)), np.array([0, 1, 1, 0, 1])
    with_penalty = net.backprop(X, y, **{kind: lam}).nabla_w[0]
    return net.weights[0].copy(), with_penalty - net.backprop(X, y).nabla_w[0]


def check_penalty_gradient(fn) -> Feedback:
    """Exercise 07.1: ``fn(W, lam, kind)`` → what the penalty adds to ∂C/∂W.

    kind "l2": penalty (λ/2)·Σw²; kind "l1": penalty λ·Σ|w| (Network's conventions).
    """
    for kind, lam in (("l2", 0.3), ("l1", 0.3), ("l2", 0.05), ("l1", 0.05)):
        W, want = _penalty_gradient(kind, lam)
        got, fail = call_learner(fn, W.copy(), lam, kind)
        if fail is not None:
            return fail
        if same(got, want):
            continue
        if got.shape != want.shape:
            return wrong(f"return one value per weight: expected shape {W.shape}, got {got.shape}.")
        if kind == "l2" and same(got, 2 * want):
            return wrong("the L2 penalty here is (λ/2)·Σw²: the ½ cancels the 2 of w².")
        if kind == "l2" and same(got, 0.5 * lam * W**2):
            return wrong("that is the penalty itself; differentiate (λ/2)·w² with respect to w.")
        if kind == "l1" and same(got, lam * np.abs(W)):
            return wrong("that is the penalty itself; d|w|/dw is +1 for w > 0 and −1 for w < 0.")
        if kind == "l1" and same(got, lam * W):
            return wrong("that is the L2 gradient; for kind 'l1' differentiate λ·|w|.")
        if kind == "l2" and same(got, lam * np.sign(W)):
            return wrong("that is the L1 gradient; for kind 'l2' differentiate (λ/2)·w².")
        return wrong(f"for kind {kind!r}, λ = {lam}: check the derivative of one term of the sum.")
    return right(
        "L2 adds λ·w, a pull that fades as w shrinks; L1 adds λ·sign(w), the same pull "
        "however small w is — which is why L1 drives weights all the way to zero."
    )


DECAY_ETA, DECAY_LAM = 0.5, 0.01


def _halving_steps(eta: float = DECAY_ETA, lam: float = DECAY_LAM) -> int:
    """Steps of weight decay alone, w ← (1 − ηλ)·w, until w has fallen to half or less."""
    steps, w = 0, 1.0
    while w > 0.5:
        w *= 1.0 - eta * lam
        steps += 1
    return steps


def check_halving_steps(steps) -> Feedback:
    """Exercise 07.2: with L2 at λ = 0.01 and η = 0.5 and no data gradient, after how many
    steps is a weight first at half its size or less?"""
    value, fail = as_number(steps, "the number of steps")
    if fail is not None:
        return fail
    want = _halving_steps()
    if abs(value - want) <= 1:
        return right(
            f"{want} steps: each multiplies w by 1 − ηλ = {1 - DECAY_ETA * DECAY_LAM:g}, so "
            "(1 − ηλ)ⁿ = ½ gives n = ln 2 / −ln(1 − ηλ) ≈ ln 2 / (ηλ). Decay shrinks a weight "
            "in proportion to its size: it never reaches exactly 0."
        )
    if abs(value - _halving_steps(DECAY_ETA, DECAY_LAM / 2)) <= 1:
        return wrong("differentiate (λ/2)·w²: the ½ cancels, the factor per step is 1 − ηλ.")
    if abs(value - 0.5 / (DECAY_ETA * DECAY_LAM)) <= 1:
        return wrong("that is how long L1 would take (it subtracts ηλ each step); L2 multiplies.")
    return wrong("one step multiplies w by 1 − ηλ; find the smallest n with (1 − ηλ)ⁿ ≤ ½.")


def check_sparse_penalty(answer) -> Feedback:
    """Exercise 07.3: which penalty leaves many weights at (almost) exactly zero: "l1" or "l2"?"""
    if answer is None or answer is ...:
        return wrong('replace `...` with "l1" or "l2".')
    text = str(answer).strip().lower().replace(" ", "")
    if text in ("l1", "lasso", "λσ|w|"):
        return right(
            "L1: its pull λ·sign(w) does not fade near 0, so a weight the data does not need "
            "is pushed all the way there (look at the spike in the panel's histogram)."
        )
    if text in ("l2", "ridge", "weightdecay"):
        return wrong(
            "compare the two gradients near w = 0: λ·w fades away, λ·sign(w) does not. "
            "Set the panel to λ = 0.003 and toggle the penalty."
        )
    return wrong('answer with the string "l1" or "l2".')
