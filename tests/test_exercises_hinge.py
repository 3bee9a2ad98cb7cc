"""Exercise checks of notebook 08 (the hinge loss): a right answer passes; the placeholder and
typical wrong answers get a hint (never the solution)."""

from __future__ import annotations

import numpy as np

from lessons_lib.exercises.hinge import (
    check_hinge_gradient,
    check_hinge_loss,
    check_largest_zero_margin,
)

from ._feedback import assert_hint as _wrong
from ._feedback import assert_right as _right
from ._feedback import placeholder


def hinge(scores, target, margin):
    s = np.asarray(scores, dtype=float)
    terms = np.maximum(0.0, s - s[target] + margin)
    terms[target] = 0.0
    return terms.sum()


def hinge_grad(scores, target, margin):
    s = np.asarray(scores, dtype=float)
    active = (s - s[target] + margin > 0).astype(float)
    active[target] = 0.0
    active[target] = -active.sum()
    return active


def test_hinge_loss():
    _right(check_hinge_loss(hinge))
    _wrong(check_hinge_loss(placeholder), "returned None")
    _wrong(check_hinge_loss(lambda s, t, m: hinge(s, t, m) + m), "skip j = y")
    _wrong(check_hinge_loss(lambda s, t, m: hinge(s, t, m) / len(s)), "PyTorch")
    _wrong(
        check_hinge_loss(lambda s, t, m: np.delete(np.maximum(0, s - s[t] + m), t).max()),
        "Crammer–Singer",
    )
    _wrong(check_hinge_loss(lambda s, t, m: np.delete(s - s[t] + m, t).sum()), "clip each term")
    _wrong(check_hinge_loss(lambda s, t, m: np.zeros(len(s))), "one number")


def test_hinge_gradient():
    _right(check_hinge_gradient(hinge_grad))
    _wrong(check_hinge_gradient(placeholder), "returned None")
    _wrong(check_hinge_gradient(lambda s, t, m: -hinge_grad(s, t, m)), "sign")

    def forgot_true_class(s, t, m):
        g = hinge_grad(s, t, m)
        g[t] = 0.0
        return g

    _wrong(check_hinge_gradient(forgot_true_class), "∂L/∂s_y")
    _wrong(check_hinge_gradient(lambda s, t, m: 0.0), "shape")


def test_largest_zero_margin():
    _right(check_largest_zero_margin(2))
    _right(check_largest_zero_margin(2.0))
    _wrong(check_largest_zero_margin(...), "replace `...`")
    _wrong(check_largest_zero_margin(1.0), "go higher")
    _wrong(check_largest_zero_margin(2.5), "inside the margin")
    _wrong(check_largest_zero_margin(True), "number")
