"""Exercise checks of notebooks 03, 04 and 06 (softmax, log-likelihood, the softmax Jacobian):
a right answer passes; the placeholder and typical wrong answers get a hint (never the
solution)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons_lib.exercises.softmax import (
    OUTPUT_LAYER_SCENARIOS,
    cat_logit,
    check_cat_logit,
    check_either_class_gradient,
    check_jacobian_entry,
    check_log_softmax_jacobian,
    check_multilabel_gradient,
    check_output_layers,
    check_softmax,
    check_temperature_gradient,
    check_two_label_ceiling,
)

from ._feedback import assert_hint as _hint
from ._feedback import assert_right as _ok
from ._feedback import placeholder


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


def test_two_label_ceiling():
    _ok(check_two_label_ceiling(0.5))
    _ok(check_two_label_ceiling(1 / 2))
    _hint(check_two_label_ceiling(...), "replace")
    _hint(check_two_label_ceiling(0.95), "add up")
    _hint(check_two_label_ceiling(1 / 3), "equal")


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
