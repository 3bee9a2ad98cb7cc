"""Exercise checks for notebook 08 (multiclass SVM hinge loss vs cross-entropy)."""

from __future__ import annotations

import numpy as np

from .. import losses
from ._feedback import Feedback, as_number, call_learner, right, same, wrong

__all__ = ["check_hinge_loss", "check_hinge_gradient", "check_largest_zero_margin"]


def _cases():
    """(scores, target, margin): the worked examples, then seeded random ones."""
    yield np.array([3.0, 1.0, -3.0]), 0, 1.0
    yield np.array([3.0, 1.0, -3.0]), 1, 1.0
    yield np.array([1.0, 2.0, 3.0]), 0, 1.0
    rng = np.random.default_rng(8)
    for _ in range(6):
        c = int(rng.integers(3, 6))
        yield rng.normal(size=c) * 2, int(rng.integers(0, c)), float(rng.choice([0.5, 1.0, 5.0]))


def check_hinge_loss(fn) -> Feedback:
    """Exercise 08.1: ``fn(scores, target, margin)`` → Σ_{j≠y} max(0, s_j − s_y + Δ)."""
    for s, t, m in _cases():
        got, fail = call_learner(fn, s.copy(), t, m)
        if fail is not None:
            return fail
        want = float(losses.multiclass_hinge_loss(s, t, m))
        if got.shape != ():
            return wrong(f"return one number for one example (got shape {got.shape}).")
        if same(got, want):
            continue
        raw = s - s[t] + m
        if same(got, want + m):
            return wrong("skip j = y: the true class would add max(0, Δ) = Δ to every loss.")
        if same(got, float(losses.multi_margin_loss(s, t, margin=m))):
            return wrong("that is PyTorch's multi_margin_loss (the sum ÷ C); here keep the sum.")
        if same(got, float(losses.multiclass_hinge_loss(s, t, m, form="max"))):
            return wrong("that is the Crammer–Singer form (the largest term); add up all terms.")
        if same(got, np.sum(np.delete(raw, t))):
            return wrong(
                "clip each term at 0 with max(0, ·): a class already past the margin adds 0."
            )
        if same(got, np.sum(np.delete(np.maximum(0, s[t] - s + m), t))):
            return wrong("the wrong class's score comes first: max(0, s_j − s_y + Δ).")
        return wrong(
            f"scores {np.round(s, 2).tolist()}, true class {t}, Δ = {m}: recheck one term."
        )
    return right("the Weston–Watkins sum: [3, 1, −3] gives 0 for cat and 3 for dog (Δ = 1).")


def check_hinge_gradient(fn) -> Feedback:
    """Exercise 08.2: ``fn(scores, target, margin)`` → ∂L/∂s for the hinge sum, shape (C,)."""
    for s, t, m in _cases():
        got, fail = call_learner(fn, s.copy(), t, m)
        if fail is not None:
            return fail
        want = losses.multiclass_hinge_loss_grad(s, t, m)
        if same(got, want):
            continue
        if got.shape != want.shape:
            return wrong(
                f"return one value per class: expected shape {want.shape}, got {got.shape}."
            )
        if same(got, -want):
            return wrong("check the sign: raising a violating wrong score raises the loss.")
        no_true = want.copy()
        no_true[t] = 0.0
        if same(got, no_true):
            return wrong(
                "s_y appears in every violated term with a minus sign: ∂L/∂s_y = −(count)."
            )
        return wrong("each violated j ≠ y contributes +1 to ∂L/∂s_j and −1 to ∂L/∂s_y.")
    return right(
        "the gradient is a count of violated margins: once none are violated it is exactly 0 "
        "and the example stops moving the weights."
    )


WORKED_SCORES, WORKED_TARGET = (3.0, 1.0, -3.0), 0


def check_largest_zero_margin(margin) -> Feedback:
    """Exercise 08.3: the largest Δ for which [3, 1, −3] with true class cat has zero hinge loss."""
    value, fail = as_number(margin, "the margin Δ")
    if fail is not None:
        return fail
    s, t = np.array(WORKED_SCORES), WORKED_TARGET
    zero_here = float(losses.multiclass_hinge_loss(s, t, value)) == 0.0
    positive_after = float(losses.multiclass_hinge_loss(s, t, value + 1e-6)) > 0.0
    if zero_here and positive_after:
        return right(
            f"Δ = {value:g}: the gap between the cat's score and the best wrong score. Beyond "
            "it the dog term switches on; below it the loss does not care how large the gap is."
        )
    if zero_here:
        return wrong("the loss is still 0 a little above that Δ: go higher (drag Δ in the panel).")
    return wrong("at that Δ a wrong class is inside the margin: which term became positive?")
