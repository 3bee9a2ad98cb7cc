"""Exercise checks of notebooks 01–02 (one neuron, quadratic vs cross-entropy): a right answer
passes; the placeholder and typical wrong answers get a hint (never the solution)."""

from __future__ import annotations

import numpy as np
import pytest

from lessons_lib.exercises import (
    check_ce_bias_gradient,
    check_ce_epochs,
    check_ce_weight_gradient,
    check_first_step_ratio,
    check_sigmoid_prime,
    check_smallest_eta,
)
from lessons_lib.exercises.neuron import smallest_eta
from lessons_lib.neuron import epochs_to_target

from ._feedback import assert_hint as _hint
from ._feedback import assert_right as _ok


def sig(z):
    return 1 / (1 + np.exp(-z))


def test_sigmoid_prime():
    _ok(check_sigmoid_prime(lambda z: sig(z) * (1 - sig(z))))
    _hint(check_sigmoid_prime(lambda z: None), "None")
    _hint(check_sigmoid_prime(sig), "σ(z) itself")
    _hint(check_sigmoid_prime(lambda z: sig(z) * (1 + sig(z))), "sign")
    _hint(check_sigmoid_prime(lambda z: 1 / 0), "ZeroDivisionError")
    _hint(check_sigmoid_prime(lambda z: z[:3]), "shape")
    _hint(check_sigmoid_prime("sigmoid"), "function itself")


def test_first_step_ratio():
    fast = sig(1.5) ** 2 * (1 - sig(1.5))
    slow = sig(4.0) ** 2 * (1 - sig(4.0))
    _ok(check_first_step_ratio(fast / slow))
    _hint(check_first_step_ratio(slow / fast), "other way round")
    _hint(check_first_step_ratio(1.0), "σ′(z)")
    _hint(check_first_step_ratio(...), "replace")


def test_smallest_eta_is_the_threshold():
    best = smallest_eta()
    assert int(epochs_to_target(2.0, 2.0, cost="quadratic_cost", eta=best, epochs=300)) >= 0
    assert int(epochs_to_target(2.0, 2.0, cost="quadratic_cost", eta=best * 0.99, epochs=300)) < 0
    _ok(check_smallest_eta(best * 1.05))
    _hint(check_smallest_eta(0.15), "go higher")
    _hint(check_smallest_eta(2.0), "smaller one")
    _hint(check_smallest_eta(-1), "positive")


def test_ce_bias_gradient():
    _ok(check_ce_bias_gradient(lambda a, y: a - y))
    _hint(check_ce_bias_gradient(lambda a, y: (a - y) * a * (1 - a)), "quadratic")
    _hint(check_ce_bias_gradient(lambda a, y: y - a), "sign")
    _hint(check_ce_bias_gradient(lambda a, y: (a - y) / (a * (1 - a))), "∂C/∂a")


def test_ce_weight_gradient():
    _ok(check_ce_weight_gradient(lambda ap, a, y: np.outer(a - y, ap)))
    _hint(check_ce_weight_gradient(lambda ap, a, y: np.outer(ap, a - y)), "transposed")
    _hint(check_ce_weight_gradient(lambda ap, a, y: np.outer((a - y) * a * (1 - a), ap)), "cancel")


@pytest.mark.parametrize("answer", [49, 50, 51])
def test_ce_epochs_accepts_plus_minus_one(answer):
    _ok(check_ce_epochs(answer))


def test_ce_epochs_wrong():
    _hint(check_ce_epochs(300), "readout")
    _hint(check_ce_epochs(True), "number")
