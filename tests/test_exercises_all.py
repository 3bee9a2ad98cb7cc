"""What every exercise check must do, on all of them (found in lessons_lib.exercises, so a
new lesson's checks are covered without a new test): whatever a learner passes — the
placeholder, None, text, code that raises or returns nonsense — the check answers with a
hint and never raises; and a number check never prints the number it wants."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

import lessons_lib.exercises as ex

CHECKS = {name: getattr(ex, name) for name in ex.__all__ if name.startswith("check_")}


def _raises(*args):
    raise RuntimeError("broken on purpose")


def _nan(*args):
    return np.full(3, np.nan)


BAD_ANSWERS = [..., None, "abc", True, [1, 2], {"a": 1}, _raises, _nan, lambda *a: None]


def test_every_check_is_discovered():
    assert len(CHECKS) >= 25
    for name, check in CHECKS.items():
        assert inspect.getdoc(check), f"{name} lacks a docstring"


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_no_answer_crashes_a_check(name):
    for answer in BAD_ANSWERS:
        fb = CHECKS[name](answer)
        assert isinstance(fb, ex.Feedback), f"{name}({answer!r}) returned {fb!r}"
        assert not fb.correct and fb.message, f"{name}({answer!r}) accepted nonsense"


# the answers of the number checks (from the curriculum and the notebooks' own runs)
ANSWERS = {
    "check_halving_steps": "139",
    "check_largest_zero_margin": "2",
    "check_explosion_factor": "192",
    "check_frozen_shift": "1.62",
    "check_vanishing_depth": "7",
    "check_relu_factor": "2.2",
    "check_equivalent_lambda": "0.03",
    "check_sparse_penalty": "0.001",
    "check_clean_fit_accuracy": "80",
    "check_cold_cost": "7.0",
    "check_matching_logit": "-1.1",
    "check_plateau_length": "161",
    "check_ce_plateau_length": "25",
    "check_matched_eta": "0.0224",
    "check_soft_target_minimum": "0.500",
    "check_kl_asymmetry": "0.98",
    "check_negative_log_likelihood": "5.26",
}


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_number_checks_never_reveal_the_answer(name):
    for guess in (..., 0.0, 1.0, 1e9, -3.0):
        fb = CHECKS[name](guess)
        assert not fb.correct
        assert ANSWERS[name] not in fb.message
