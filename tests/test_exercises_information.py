"""Exercise checks of notebook 05 (entropy, KL divergence, cross-entropy): a right answer
passes; the placeholder and typical wrong answers get a hint (never the solution)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons_lib.exercises import Feedback
from lessons_lib.exercises.information import (
    check_entropy,
    check_kl_asymmetry,
    check_negative_log_likelihood,
)

from ._feedback import assert_hint as _hint
from ._feedback import assert_right as _ok
from ._feedback import placeholder

# the answers, computed here from the published formulas
P_SURE, Q_FLAT = [0.98, 0.01, 0.01], [1 / 3] * 3
FORWARD = sum(p * math.log(p / q) for p, q in zip(P_SURE, Q_FLAT))
REVERSE = sum(q * math.log(q / p) for p, q in zip(P_SURE, Q_FLAT))
NLL = -50 * math.log(0.9)


def my_entropy(P):
    logs = np.log(np.where(P > 0, P, 1.0))
    return -np.sum(P * logs, axis=1)


def test_the_answers_are_the_issue_s_numbers():
    assert (f"{FORWARD:.3f}", f"{REVERSE:.3f}") == ("0.987", "1.978")
    assert f"{NLL:.3f}" == "5.268"


def test_entropy():
    _ok(check_entropy(my_entropy))
    _hint(check_entropy(placeholder), "None")
    _hint(check_entropy(lambda P: -my_entropy(P)), "minus sign")
    _hint(check_entropy(lambda P: -np.sum(P * np.log(P), axis=1)), "0·ln 0", "NaN")
    _hint(check_entropy(lambda P: my_entropy(P) / np.log(2)), "natural log")
    _hint(check_entropy(lambda P: my_entropy(P).sum()), "one entropy per row")
    _hint(check_entropy(lambda P: my_entropy(P) + 1), "axis=1")


def test_kl_asymmetry_accepts_the_panel_s_readings():
    fb = check_kl_asymmetry((FORWARD, REVERSE), prediction=2.0)
    _ok(fb)
    assert "2.0 times" in fb.message and "right direction and size" in fb.message
    _ok(check_kl_asymmetry((round(FORWARD, 4), round(REVERSE, 4)), prediction=3))
    _ok(check_kl_asymmetry(np.array([0.9867, 1.9782])))
    assert "write your predicted ratio down first" in check_kl_asymmetry((0.9867, 1.9782)).message
    wrong_way = check_kl_asymmetry((0.9867, 1.9782), prediction=0.5)
    assert wrong_way.correct and "at least as large" in wrong_way.message  # and why
    assert "the size is 2.0" in check_kl_asymmetry((0.9867, 1.9782), prediction=5).message


def test_kl_asymmetry_recognises_typical_mistakes():
    _hint(check_kl_asymmetry(...), "replace `...`")
    _hint(check_kl_asymmetry((..., ...)), "replace `...` with KL(p‖q)")
    _hint(check_kl_asymmetry((REVERSE, FORWARD)), "other way round")
    _hint(check_kl_asymmetry((FORWARD / math.log(2), REVERSE / math.log(2))), "nats")
    _hint(check_kl_asymmetry((-FORWARD, -REVERSE)), "never negative")
    _hint(check_kl_asymmetry((0.9468, 0.5260)), "starting values")  # the panel untouched
    p_only = sum(p * math.log(p / q) for p, q in zip(P_SURE, [0.96, 0.02, 0.02]))
    _hint(check_kl_asymmetry((p_only, 0.3)), "not uniform")
    _hint(check_kl_asymmetry((FORWARD, 1.0)), "KL(p‖q) is right")
    _hint(check_kl_asymmetry((0.5, 0.6)), "three equal q weights")
    _hint(check_kl_asymmetry((1.0, 2.0, 3.0)), "exactly two")
    _hint(check_kl_asymmetry((math.inf, 1.0)), "finite")


def test_negative_log_likelihood():
    _ok(check_negative_log_likelihood(NLL))
    _ok(check_negative_log_likelihood(5.27))  # from rounded numbers
    _hint(check_negative_log_likelihood(...), "replace")
    _hint(check_negative_log_likelihood(-math.log(0.9)), "mean", "all 50")
    _hint(check_negative_log_likelihood(0.9**50), "likelihood L itself")
    _hint(check_negative_log_likelihood(-NLL), "sign")
    _hint(check_negative_log_likelihood(-50 * math.log10(0.9)), "natural")
    _hint(check_negative_log_likelihood(-50 * math.log2(0.9)), "natural")
    _hint(check_negative_log_likelihood(50 * 0.1), "not 1 − 0.9")
    _hint(check_negative_log_likelihood(45.0), "product")


BAD_ANSWERS = [..., None, "abc", True, [1, 2], {"a": 1}, np.full(3, np.nan), lambda *a: None]


@pytest.mark.parametrize("check", [check_kl_asymmetry, check_negative_log_likelihood])
def test_new_checks_never_crash_nor_accept_nonsense(check):
    # (tests/test_exercises_all.py covers them too once lessons_lib.exercises exports them)
    for answer in BAD_ANSWERS:
        fb = check(answer)
        assert isinstance(fb, Feedback) and not fb.correct and fb.message, answer


@pytest.mark.parametrize(
    ("check", "answers"),
    [
        (check_kl_asymmetry, ("0.9867", "1.9782", "0.987", "1.978")),
        (check_negative_log_likelihood, ("5.268", "5.27")),
    ],
)
def test_hints_never_reveal_the_answer(check, answers):
    guesses = [..., 0.0, 1.0, 1e9, -3.0, (0.0, 0.0), (1.0, 1.0), (0.9468, 0.5260), (5.0, 6.0)]
    for guess in guesses:
        fb = check(guess)
        assert not fb.correct
        assert not any(a in fb.message for a in answers), (guess, fb.message)
