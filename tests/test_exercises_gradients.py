"""Exercise checks of notebook 09 (vanishing gradients, ReLU): a right answer passes —
including one computed from the numbers the notebook prints —, the placeholder and the
typical wrong answers get a hint that names the mistake, and no hint gives the answer."""

from __future__ import annotations

import numpy as np
import pytest

from lessons_lib.exercises import Feedback
from lessons_lib.exercises.gradients import (
    check_he_scale,
    check_relu_factor,
    check_vanishing_depth,
)
from lessons_lib.experiments.gradients import (
    first_last_ratio,
    initial_gradient_norms,
    per_layer_factor,
)

from ._feedback import assert_hint as _wrong
from ._feedback import assert_right as _right
from ._feedback import placeholder

BAD_ANSWERS = [..., None, "abc", True, [1, 2], {"a": 1}, placeholder, float("nan"), np.inf]
PREDICTIONS = (check_vanishing_depth, check_relu_factor, check_he_scale)


@pytest.mark.parametrize("check", PREDICTIONS)
def test_no_answer_crashes_a_prediction_check(check):
    for answer in BAD_ANSWERS:
        fb = check(answer)
        assert isinstance(fb, Feedback) and not fb.correct and fb.message, answer


def test_vanishing_depth():
    # the panel's numbers: 6 hidden layers are not yet 10⁻⁴ apart, 7 are
    assert first_last_ratio(initial_gradient_norms(6)) > 1e-4
    assert first_last_ratio(initial_gradient_norms(7)) < 1e-4
    _right(check_vanishing_depth(7))
    _right(check_vanishing_depth(7.0))
    # from the printed factor: 0.19^k < 10⁻⁴ needs k = 6 steps, so 7 layers
    k = int(np.ceil(np.log(1e-4) / np.log(0.19)))
    _right(check_vanishing_depth(k + 1))
    _wrong(check_vanishing_depth(...), "replace `...`")
    _wrong(check_vanishing_depth(8), "bound", "1/4")  # ×1/4 per layer needs one more
    _wrong(check_vanishing_depth(6), "n − 1 steps")  # counted layers, not steps
    _wrong(check_vanishing_depth(4), "still above")
    _wrong(check_vanishing_depth(6.5), "whole number")
    _wrong(check_vanishing_depth(12), "2 to 8")
    for guess in (2, 3, 4, 5, 6, 8, 1, 0, 6.5):
        assert "7" not in check_vanishing_depth(guess).message


def test_relu_factor():
    base = per_layer_factor(initial_gradient_norms(8, "relu"))
    want = per_layer_factor(initial_gradient_norms(8, "relu", 3.0))
    _right(check_relu_factor(want))
    _right(check_relu_factor(3 * round(base, 2)))  # from the printed 0.68 (or 0.69)
    _right(check_relu_factor(3 * 0.69))
    _wrong(check_relu_factor(...), "replace `...`")
    _wrong(check_relu_factor(round(base, 2)), "changes with it")
    _wrong(check_relu_factor(round(base, 2) ** 3), "not raised to a power")
    _wrong(check_relu_factor(3.0), "matrix part alone")
    _wrong(check_relu_factor(9 * round(base, 2)), "not their variance")
    _wrong(check_relu_factor(round(base, 2) / 3), "not less")
    _wrong(check_relu_factor(0.75), "1/4")
    _wrong(check_relu_factor(1.2), "Which of its two parts")
    for guess in (0.0, 1.0, 3.0, 1e9, -3.0, base):
        assert f"{want:.2f}" not in check_relu_factor(guess).message


def test_he_scale():
    _right(check_he_scale(np.sqrt(2)))
    _right(check_he_scale(1.45))  # 1 / 0.69 from the printed factor
    _wrong(check_he_scale(...), "replace `...`")
    _wrong(check_he_scale(1.0), "go higher")
    _wrong(check_he_scale(2.0), "go lower")
    _wrong(check_he_scale(50), "range")
