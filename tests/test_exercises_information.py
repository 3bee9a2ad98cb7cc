"""Exercise checks of notebook 05 (entropy, KL divergence, cross-entropy): a right answer
passes; the placeholder and typical wrong answers get a hint (never the solution)."""

from __future__ import annotations

import math

import numpy as np

from lessons_lib.exercises.information import (
    check_entropy,
    check_reverse_kl,
    check_wrong_class_loss,
)

from ._feedback import assert_hint as _hint
from ._feedback import assert_right as _ok
from ._feedback import placeholder


def my_entropy(P):
    logs = np.log(np.where(P > 0, P, 1.0))
    return -np.sum(P * logs, axis=1)


def test_entropy():
    _ok(check_entropy(my_entropy))
    _hint(check_entropy(placeholder), "None")
    _hint(check_entropy(lambda P: -my_entropy(P)), "minus sign")
    _hint(check_entropy(lambda P: -np.sum(P * np.log(P), axis=1)), "0·ln 0", "NaN")
    _hint(check_entropy(lambda P: my_entropy(P) / np.log(2)), "natural log")
    _hint(check_entropy(lambda P: my_entropy(P).sum()), "one entropy per row")
    _hint(check_entropy(lambda P: my_entropy(P) + 1), "axis=1")


def test_reverse_kl():
    p = np.array([0.8, 0.1, 0.1])
    q = np.array([0.4, 0.3, 0.3])
    reverse = float(np.sum(q * np.log(q / p)))
    forward = float(np.sum(p * np.log(p / q)))
    assert f"{forward:.4f}" == "0.3348" and f"{reverse:.4f}" == "0.3819"
    _ok(check_reverse_kl(reverse))
    _ok(check_reverse_kl(round(reverse, 4)))
    _hint(check_reverse_kl(...), "replace")
    _hint(check_reverse_kl(forward), "KL(p‖q)")
    _hint(check_reverse_kl(-reverse), "never negative")
    _hint(check_reverse_kl(reverse / np.log(2)), "natural log")
    _hint(check_reverse_kl(0.1), "Σ_i q_i")
    _hint(check_reverse_kl(0.0258), "Σ_i q_i")  # the worked example's KL(q‖p) is not it


def test_wrong_class_loss():
    _ok(check_wrong_class_loss(-math.log(0.09)))
    _ok(check_wrong_class_loss(2.408))
    _hint(check_wrong_class_loss(...), "replace")
    _hint(check_wrong_class_loss(-math.log(0.67)), "cat")
    _hint(check_wrong_class_loss(-math.log10(0.09)), "natural")
    _hint(check_wrong_class_loss(-math.log2(0.09)), "natural")
    _hint(check_wrong_class_loss(math.log(0.09)), "positive")
    _hint(check_wrong_class_loss(1.0), "−ln q_true")
