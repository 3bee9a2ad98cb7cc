"""Exercise checks of notebooks 03, 04 and 06 (softmax, log-likelihood, the softmax Jacobian):
a right answer passes; the placeholder and typical wrong answers get a hint (never the
solution)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons_lib.exercises import Feedback
from lessons_lib.exercises.softmax import (
    OUTPUT_LAYER_SCENARIOS,
    cat_logit,
    check_cat_logit,
    check_cold_cost,
    check_either_class_gradient,
    check_equal_scores_jacobian,
    check_jacobian_entry,
    check_log_softmax_jacobian,
    check_matching_logit,
    check_multilabel_gradient,
    check_output_layers,
    check_softmax,
    check_temperature_gradient,
)

from ._feedback import assert_hint as _hint
from ._feedback import assert_right as _ok
from ._feedback import placeholder

# the predict-then-check exercises (until lessons_lib.exercises lists them, the generic
# tests in test_exercises_all.py do not see them: the same checks here)
NEW_CHECKS = [check_cold_cost, check_matching_logit, check_equal_scores_jacobian]


def _raises(*args):
    raise RuntimeError("broken on purpose")


BAD_ANSWERS = [..., None, "abc", True, [1, 2], {"a": 1}, _raises, lambda *a: None, [..., 1]]


@pytest.mark.parametrize("check", NEW_CHECKS, ids=lambda c: c.__name__)
def test_no_answer_crashes_a_new_check(check):
    for answer in BAD_ANSWERS:
        fb = check(answer)
        assert isinstance(fb, Feedback) and not fb.correct and fb.message, (answer, fb)


@pytest.mark.parametrize(
    ("check", "answer"),
    [(check_cold_cost, "7.0"), (check_matching_logit, "-1.1"), (check_matching_logit, "1.0986")],
    ids=["cold_cost", "matching_logit", "matching_logit_digits"],
)
def test_new_checks_never_reveal_the_answer(check, answer):
    for guess in (..., 0.0, 1.0, 1e9, -3.0, 0.5):
        fb = check(guess)
        assert not fb.correct and answer not in fb.message


def test_cold_cost():
    z = np.array([2.5, -1.0, 3.2, 0.5]) / 0.1
    want = math.log(sum(math.exp(v - z.max()) for v in z)) + z.max() - z[0]
    assert want == pytest.approx(7.0009, abs=1e-4)
    _ok(check_cold_cost(round(want, 1)))
    _ok(check_cold_cost(7))  # the estimate (z_max − z_y)/T is good enough
    _hint(check_cold_cost(...), "replace")
    _hint(check_cold_cost(-7.0), "never negative")
    _hint(check_cold_cost(0.7), "temperature divides")
    _hint(check_cold_cost(0.07), "do not multiply")
    _hint(check_cold_cost(1.157), "T = 1")
    _hint(check_cold_cost(0.0009), "class 2")
    _hint(check_cold_cost(0.5), "not below 1")
    _hint(check_cold_cost(3.0), "dominates")


def test_matching_logit():
    want = -math.log(3)
    assert 1 / (1 + math.exp(-want)) == pytest.approx(0.25)
    _ok(check_matching_logit(round(want, 2)))
    _ok(check_matching_logit(-1.1))  # the panel's slider step
    _hint(check_matching_logit(...), "replace")
    _hint(check_matching_logit(0.25), "probability")
    _hint(check_matching_logit(-0.25), "probability")
    _hint(check_matching_logit(-want), "negative")
    _hint(check_matching_logit(-math.log(4)), "solve for")
    _hint(check_matching_logit(-math.log10(3)), "natural")
    _hint(check_matching_logit(0.0), "add up to 2")
    _hint(check_matching_logit(-3.0), "does their value matter")


def test_equal_scores_jacobian():
    a = 0.25
    diag, off = a * (1 - a), -a * a
    _ok(check_equal_scores_jacobian((diag, off)))
    _ok(check_equal_scores_jacobian([round(diag, 4), round(off, 4)]))
    _ok(check_equal_scores_jacobian(np.array([diag, off])))
    _hint(check_equal_scores_jacobian(...), "replace")
    _hint(check_equal_scores_jacobian(0.1875), "two numbers")
    _hint(check_equal_scores_jacobian((1, 2, 3)), "two numbers")
    _hint(check_equal_scores_jacobian((off, diag)), "diagonal comes first")
    _hint(check_equal_scores_jacobian((a, off)), "not a_i.")
    _hint(check_equal_scores_jacobian((a * a, off)), "not a_i²")
    _hint(check_equal_scores_jacobian((diag, -off)), "sign")
    _hint(check_equal_scores_jacobian((diag, -a)), "product of two probabilities")
    _hint(check_equal_scores_jacobian((2 / 9, -1 / 9)), "K = 4", "sum to 0")


def my_softmax(Z):
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def naive_softmax(Z):
    e = np.exp(Z)
    return e / e.sum(axis=1, keepdims=True)


def my_sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_softmax():
    _ok(check_softmax(my_softmax))
    _hint(check_softmax(placeholder), "None")
    _hint(check_softmax(naive_softmax), "NaN", "subtract")
    _hint(check_softmax(lambda Z: np.log(my_softmax(Z))), "log-softmax")
    _hint(check_softmax(lambda Z: my_softmax(Z.T).T), "column")
    _hint(check_softmax(lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum()), "own sum")
    _hint(check_softmax(lambda Z: my_softmax(Z)[:, :2]), "shape")
    _hint(check_softmax(lambda Z: Z), "every row sums to 1")


def test_cat_logit():
    want = math.log(9) + math.log(math.exp(9) + math.exp(8))
    assert cat_logit() == pytest.approx(want)
    a = np.exp(want) / (np.exp(want) + np.exp(9) + np.exp(8))
    assert a == pytest.approx(0.9)
    _ok(check_cat_logit(round(want, 2)))
    _hint(check_cat_logit(...), "replace")
    _hint(check_cat_logit(want - 10), "rises")
    _hint(check_cat_logit(0.9), "probability")
    _hint(check_cat_logit(12.0), "solve for e^z")
    _hint(check_cat_logit(True), "number")


def test_temperature_gradient():
    def grad(Z, y, T):
        return (my_softmax(Z / T) - np.eye(Z.shape[1])[y]) / T

    _ok(check_temperature_gradient(grad))
    _hint(check_temperature_gradient(placeholder), "None")
    _hint(check_temperature_gradient(lambda Z, y, T: grad(Z, y, T) * T), "chain rule")
    _hint(check_temperature_gradient(lambda Z, y, T: grad(Z, y, T) * T * T), "divide")
    _hint(
        check_temperature_gradient(lambda Z, y, T: (my_softmax(Z) - np.eye(4)[y]) / T),
        "softmax(z/T)",
    )
    _hint(check_temperature_gradient(lambda Z, y, T: -grad(Z, y, T)), "sign")
    _hint(check_temperature_gradient(lambda Z, y, T: grad(Z, y, T)[:, :2]), "one-hot rows")
    _hint(check_temperature_gradient(lambda Z, y, T: my_softmax(Z / T) / T), "differentiate")


RIGHT_CHOICES = {
    "digit": "softmax",
    "film_genres": "sigmoid",
    "card_suit": "softmax",
    "friends": "sigmoid",
}


def test_output_layers():
    assert set(RIGHT_CHOICES) == set(OUTPUT_LAYER_SCENARIOS)
    _ok(check_output_layers(RIGHT_CHOICES))
    _ok(check_output_layers({k: v.upper() + "s" for k, v in RIGHT_CHOICES.items()}))
    _hint(check_output_layers(dict.fromkeys(RIGHT_CHOICES, ...)), "replace")
    _hint(check_output_layers({**RIGHT_CHOICES, "digit": "sigmoid"}), "1 of 4", "two of these")
    flipped = {k: "sigmoid" if v == "softmax" else "softmax" for k, v in RIGHT_CHOICES.items()}
    _hint(check_output_layers(flipped), "4 of 4")
    _hint(check_output_layers({"digit": "softmax"}), "missing")
    _hint(check_output_layers({**RIGHT_CHOICES, "friends": "relu"}), "friends")
    _hint(check_output_layers(["softmax"]), "dict")


def test_multilabel_gradient():
    def grad(Z, Y):
        return (my_sigmoid(Z) - Y) / Z.shape[0]

    _ok(check_multilabel_gradient(grad))
    _hint(check_multilabel_gradient(placeholder), "None")
    _hint(check_multilabel_gradient(lambda Z, Y: grad(Z, Y) * Z.shape[0]), "divide by N")
    _hint(check_multilabel_gradient(lambda Z, Y: (my_softmax(Z) - Y) / Z.shape[0]), "softmax")
    _hint(check_multilabel_gradient(lambda Z, Y: -grad(Z, Y)), "sign")
    s = my_sigmoid
    _hint(check_multilabel_gradient(lambda Z, Y: grad(Z, Y) * s(Z) * (1 - s(Z))), "cancels")
    _hint(check_multilabel_gradient(lambda Z, Y: grad(Z, Y)[:, 0]), "shape")


def sm(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def test_log_softmax_jacobian():
    def jac_log(z):
        return np.eye(z.size) - sm(z)[None, :]

    _ok(check_log_softmax_jacobian(jac_log))
    _hint(check_log_softmax_jacobian(placeholder), "None")
    jac_a = lambda z: np.diag(sm(z)) - np.outer(sm(z), sm(z))  # noqa: E731
    _hint(check_log_softmax_jacobian(jac_a), "Jacobian of a itself")
    _hint(check_log_softmax_jacobian(lambda z: jac_log(z).T), "transposed")
    _hint(check_log_softmax_jacobian(lambda z: -jac_log(z)), "sign")
    _hint(check_log_softmax_jacobian(lambda z: np.diag(1 - sm(z))), "off-diagonal")
    _hint(check_log_softmax_jacobian(lambda z: jac_log(z)[:2]), "K × K")
    _hint(check_log_softmax_jacobian(lambda z: np.ones((5, 5))), "derivative of the second term")


def test_either_class_gradient():
    def grad(z, pair):
        a = sm(z)
        mask = np.isin(np.arange(z.size), pair)
        return a - a * mask / a[mask].sum()

    def onehots(z, pair):
        return np.isin(np.arange(z.size), pair).astype(float)

    _ok(check_either_class_gradient(grad))
    _hint(check_either_class_gradient(placeholder), "None")
    _hint(check_either_class_gradient(lambda z, p: sm(z) - onehots(z, p) / 2), "soft label")
    _hint(check_either_class_gradient(lambda z, p: 2 * sm(z) - onehots(z, p)), "−ln a_i − ln a_j")
    _hint(check_either_class_gradient(lambda z, p: -grad(z, p)), "sign")
    s = lambda z, p: sm(z)[list(p)].sum()  # noqa: E731
    _hint(check_either_class_gradient(lambda z, p: -onehots(z, p) / s(z, p)), "∂L/∂a")
    _hint(check_either_class_gradient(lambda z, p: grad(z, p)[:2]), "shape")
    _hint(check_either_class_gradient(lambda z, p: z), "Jᵀ(∂L/∂a)")
    # the right answer really is the gradient: compare with central differences
    z, pair = np.array([1.0, -0.5, 2.0, 0.3]), (0, 2)
    h = 1e-6
    num = [
        (-np.log(sm(z + h * e)[list(pair)].sum()) + np.log(sm(z - h * e)[list(pair)].sum()))
        / (2 * h)
        for e in np.eye(4)
    ]
    np.testing.assert_allclose(grad(z, pair), num, rtol=1e-6, atol=1e-9)


def test_jacobian_entry():
    a = np.exp([10.0, 9.0, 8.0])
    a /= a.sum()
    want = -a[0] * a[1]
    assert f"{want:.4f}" == "-0.1628"
    _ok(check_jacobian_entry(round(want, 4)))
    _hint(check_jacobian_entry(...), "replace")
    _hint(check_jacobian_entry(-want), "sign")
    _hint(check_jacobian_entry(a[0] * (1 - a[0])), "diagonal")
    _hint(check_jacobian_entry(a[1] * (1 - a[1])), "diagonal")
    _hint(check_jacobian_entry(0.0), "softmax([10, 9, 8])")
