"""Exercise checks of notebooks 01–02 (one neuron, quadratic vs cross-entropy): a right answer
passes — the law's prediction as well as the trainer's count, and values computed from the
notebooks' printed (rounded) numbers; the placeholder and typical wrong answers get a hint
that names the mistake, never the solution."""

from __future__ import annotations

import math

import numpy as np
import pytest

import lessons_lib.exercises.neuron as ex
from lessons_lib.exercises import Feedback
from lessons_lib.exercises.neuron import (
    check_ce_plateau_length,
    check_first_step_ratio,
    check_matched_eta,
    check_plateau_length,
    check_sigmoid_prime,
    check_smallest_eta,
    check_soft_target_minimum,
    smallest_eta,
)
from lessons_lib.neuron import epochs_to_target

from ._feedback import assert_hint as _hint
from ._feedback import assert_right as _ok


def sig(z):
    return 1 / (1 + np.exp(-z))


def sp(z):
    return sig(z) * (1 - sig(z))


def test_sigmoid_prime():
    _ok(check_sigmoid_prime(lambda z: sig(z) * (1 - sig(z))))
    _hint(check_sigmoid_prime(lambda z: None), "None")
    _hint(check_sigmoid_prime(sig), "σ(z) itself")
    _hint(check_sigmoid_prime(lambda z: sig(z) * (1 + sig(z))), "sign")
    _hint(check_sigmoid_prime(lambda z: 1 / 0), "ZeroDivisionError")
    _hint(check_sigmoid_prime(lambda z: z[:3]), "shape")
    _hint(check_sigmoid_prime("sigmoid"), "function itself")


def test_first_step_ratio_a_over_c():
    fast = sig(1.5) * sp(1.5)
    slow = sig(8.0) * sp(8.0)
    _ok(check_first_step_ratio(fast / slow))
    # from the printed values: ∂C/∂w at A = 0.122, σ′(8) = 0.000335, a at C ≈ 1
    _ok(check_first_step_ratio(0.122 / 0.000335))
    _ok(check_first_step_ratio(0.82 * 0.149 / (0.99966 * 0.000335)))
    _hint(check_first_step_ratio(slow / fast), "other way round")
    _hint(check_first_step_ratio(sp(1.5) / sp(8.0)), "σ′ factors alone")
    _hint(check_first_step_ratio(0.122 / 0.017), "C = (4, 4)")  # A over B: the old exercise
    _hint(check_first_step_ratio(1.0), "σ′(z)")
    _hint(check_first_step_ratio(...), "replace")


def test_plateau_length_accepts_the_law_and_the_trainer():
    w0, b0, eta = ex.PLATEAU_EXERCISE
    z0 = w0 + b0
    law = (math.exp(z0) - math.e) / (2 * eta)
    trainer = int(
        epochs_to_target(w0, b0, cost="quadratic_cost", eta=eta, epochs=10_000, tol=sig(1.0))
    )
    assert (round(law), trainer) == (146, 161)
    for answer in (law, round(law), trainer, math.exp(z0) / (2 * eta)):
        _ok(check_plateau_length(answer))
    _hint(check_plateau_length(2 * law), "2η·δ")
    _hint(check_plateau_length((math.exp(2.5) - math.e) / (2 * eta)), "w₀·x + b₀")
    _hint(check_plateau_length(238), "a ≤ 0.1")  # epochs until a ≤ 0.1, not the plateau
    _hint(check_plateau_length((math.exp(z0) - math.e) / 0.3), "η = 0.15")
    _hint(check_plateau_length(20), "too short")
    _hint(check_plateau_length(5000), "too long")
    for guess in (20, 291, 238, 5000):
        assert "161" not in check_plateau_length(guess).message


def test_smallest_eta_is_the_threshold():
    best = smallest_eta()
    assert int(epochs_to_target(2.0, 2.0, cost="quadratic_cost", eta=best, epochs=300)) >= 0
    assert int(epochs_to_target(2.0, 2.0, cost="quadratic_cost", eta=best * 0.99, epochs=300)) < 0
    _ok(check_smallest_eta(best * 1.05))
    _ok(check_smallest_eta(0.15 * 469 / 300))  # predicted from the 1/η scaling
    _hint(check_smallest_eta(0.15), "go higher")
    _hint(check_smallest_eta(2.0), "smaller one")
    _hint(check_smallest_eta(-1), "positive")


def test_ce_plateau_length():
    w0, b0, eta = ex.CE_PLATEAU_EXERCISE
    z0 = w0 + b0
    law = (z0 - 1) / (2 * eta)
    trainer = int(
        epochs_to_target(
            w0, b0, cost="binary_cross_entropy_with_logits", eta=eta, epochs=1000, tol=sig(1.0)
        )
    )
    assert trainer == 25
    for answer in (law, 23, trainer, z0 / (2 * eta)):
        _ok(check_ce_plateau_length(answer))
    _hint(check_ce_plateau_length((math.exp(z0) - math.e) / (2 * eta)), "quadratic cost's plateau")
    _hint(check_ce_plateau_length(2 * law), "2η·δ")
    _hint(check_ce_plateau_length(63), "a ≤ 0.1")
    _hint(check_ce_plateau_length(5), "down to 1")
    assert "25" not in check_ce_plateau_length(5).message


def test_matched_eta():
    want = 0.15 * sp(1.5)
    _ok(check_matched_eta(want))
    _ok(check_matched_eta(0.15 * 0.149))  # from the printed σ′(1.5)
    _hint(check_matched_eta(0.15 / 4), "z = 0")
    _hint(check_matched_eta(0.15 * sp(4.0)), "from B")
    _hint(check_matched_eta(0.15 / sp(1.5)), "upside down")
    _hint(check_matched_eta(want * sig(1.5)), "cancels")
    _hint(check_matched_eta(0.5), "set them equal")
    assert "0.022" not in check_matched_eta(0.5).message


def test_soft_target_minimum():
    y = ex.SOFT_TARGET
    want = -(y * math.log(y) + (1 - y) * math.log(1 - y))
    assert round(want, 4) == 0.5004
    _ok(check_soft_target_minimum(want))
    _ok(check_soft_target_minimum(0.5))  # read off a grid, rounded
    _hint(check_soft_target_minimum(0.0), "neither term can vanish")
    _hint(check_soft_target_minimum(-want), "sign")
    _hint(check_soft_target_minimum(math.log(2)), "a = 1/2")
    _hint(check_soft_target_minimum(want / math.log(2)), "bits")
    _hint(check_soft_target_minimum(want / math.log(10)), "log₁₀")
    _hint(check_soft_target_minimum(0.3), "∂C/∂a")
    assert "0.50" not in check_soft_target_minimum(0.3).message


def _raises(*args):
    raise RuntimeError("broken on purpose")


BAD_ANSWERS = [..., None, "abc", True, [1, 2], {"a": 1}, _raises, float("nan"), lambda *a: None]


@pytest.mark.parametrize("name", [n for n in ex.__all__ if n.startswith("check_")])
def test_no_answer_crashes_a_check(name):
    """The generic exercise test covers the checks lessons_lib.exercises exports; the new
    ones of notebooks 01–02 are checked here the same way."""
    for answer in BAD_ANSWERS:
        fb = getattr(ex, name)(answer)
        assert isinstance(fb, Feedback) and not fb.correct and fb.message, (name, answer)
