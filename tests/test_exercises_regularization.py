"""Exercise checks of notebook 07 (regularisation): a right answer passes; the placeholder and
typical wrong answers get a hint (never the solution)."""

from __future__ import annotations

import numpy as np
import pytest

from lessons_lib.exercises import Feedback
from lessons_lib.exercises.regularization import (
    check_clean_fit_accuracy,
    check_halving_steps,
    check_penalty_gradient,
    check_sparse_penalty,
)
from lessons_lib.experiments.regularization import NET_CONFIG, spiral_data

from ._feedback import assert_hint as _wrong
from ._feedback import assert_right as _right
from ._feedback import placeholder


def penalty_gradient(W, lam, kind):
    return lam * W if kind == "l2" else lam * np.sign(W)


def test_penalty_gradient():
    _right(check_penalty_gradient(penalty_gradient))
    _wrong(check_penalty_gradient(placeholder), "returned None")
    _wrong(
        check_penalty_gradient(lambda W, lam, kind: 2 * penalty_gradient(W, lam, kind)), "½ cancels"
    )
    _wrong(check_penalty_gradient(lambda W, lam, kind: lam * W), "L2 gradient")
    _wrong(check_penalty_gradient(lambda W, lam, kind: W[:1]), "shape")
    _wrong(check_penalty_gradient(lambda W, lam, kind: 1 / 0), "ZeroDivisionError")


def test_halving_steps():
    want = int(np.ceil(np.log(0.5) / np.log(1 - 0.5 * 0.01)))  # 139
    _right(check_halving_steps(want))
    _right(check_halving_steps(138))  # ln 2 / −ln(0.995) = 138.3
    _wrong(check_halving_steps(...), "replace `...`")
    _wrong(check_halving_steps(277), "½ cancels")
    _wrong(check_halving_steps(100), "L1")
    _wrong(check_halving_steps(0.995), "smallest n")
    _wrong(check_halving_steps("139 steps"), "number")


def test_clean_fit_accuracy():
    """The answer from the data themselves: the share of training labels that are right."""
    d = spiral_data(0)
    want = 1 - d.wrong.mean()  # 48 of 60
    assert want == pytest.approx(0.8)
    for answer in (want, 100 * want, 0.79, 81, "0.8"):
        _right(check_clean_fit_accuracy(answer))
    _wrong(check_clean_fit_accuracy(...), "replace `...`")
    _wrong(check_clean_fit_accuracy(1.0), "given labels")
    _wrong(check_clean_fit_accuracy(100), "given labels")
    _wrong(check_clean_fit_accuracy(0.2), "share of wrong labels")
    _wrong(check_clean_fit_accuracy(48), "number of points")
    _wrong(check_clean_fit_accuracy(0.9), "count the training points")
    _wrong(check_clean_fit_accuracy(-3), "between 0 and 1")


def test_sparse_penalty_band():
    """The band is one L1 step, η·λ with the experiment's η (checked against its config and
    against the hop of penalty_path)."""
    from lessons_lib.experiments.regularization import penalty_path

    want = NET_CONFIG["eta"] * 0.01
    hop = penalty_path("l1", eta=NET_CONFIG["eta"], lam=0.01, steps=2000, w0=np.array([0.37]))
    assert np.abs(hop[-100:]).max() == pytest.approx(want, rel=1e-6)
    _right(check_sparse_penalty(want))
    _right(check_sparse_penalty(1.02e-3))
    _wrong(check_sparse_penalty(...), "replace `...`")
    _wrong(check_sparse_penalty(0), "cannot stop exactly at 0")
    _wrong(check_sparse_penalty(0.01), "that is λ")
    _wrong(check_sparse_penalty(0.005), "η = 0.5 of section 3")
    _wrong(check_sparse_penalty(2 * want), "at most")
    _wrong(check_sparse_penalty(0.3), "how far past 0")


BAD = [..., None, "abc", True, [1, 2], {"a": 1}, lambda *a: None, float("nan")]


@pytest.mark.parametrize("check", [check_clean_fit_accuracy, check_sparse_penalty])
def test_new_checks_never_crash_and_never_reveal_the_answer(check):
    """What tests/test_exercises_all.py asks of every exported check, for the two checks that
    lessons_lib.exercises does not export yet (check_clean_fit_accuracy)."""
    for answer in BAD:
        fb = check(answer)
        assert isinstance(fb, Feedback) and not fb.correct and fb.message
    secret = {check_clean_fit_accuracy: "80", check_sparse_penalty: "0.001"}[check]
    for guess in (..., 0.0, 1.0, 1e9, -3.0, 0.5, 50, 0.01, 0.005):
        fb = check(guess)
        assert not fb.correct and secret not in fb.message and "10⁻³" not in fb.message
