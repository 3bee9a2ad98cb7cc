"""Exercise checks of notebooks 09–10 (vanishing and exploding gradients): a right answer
passes; the placeholder and typical wrong answers get a hint (never the solution)."""

from __future__ import annotations

import numpy as np

from lessons_lib.activations import relu, sigmoid
from lessons_lib.exercises.gradients import (
    check_he_scale,
    check_relu_prime,
    check_sigmoid_bound,
)

from ._feedback import assert_hint as _wrong
from ._feedback import assert_right as _right
from ._feedback import placeholder


def clip_by_norm(g, max_norm):
    norm = np.linalg.norm(g)
    return g * min(1.0, max_norm / norm)


def test_relu_prime():
    _right(check_relu_prime(lambda z: (z > 0).astype(float)))
    _right(check_relu_prime(lambda z: np.heaviside(z, 0.0)))
    _wrong(check_relu_prime(placeholder), "returned None")
    _wrong(check_relu_prime(relu), "ReLU itself")
    _wrong(check_relu_prime(lambda z: (z < 0).astype(float)), "flipped")
    _wrong(check_relu_prime(lambda z: sigmoid(z)), "slope")


def test_sigmoid_bound():
    _right(check_sigmoid_bound(0.25**4))
    _right(check_sigmoid_bound(1 / 256))
    _wrong(check_sigmoid_bound(...), "replace `...`")
    _wrong(check_sigmoid_bound(1.0), "multiplies")
    _wrong(check_sigmoid_bound(0.25), "four factors")
    _wrong(check_sigmoid_bound(0.5**4), "σ′(0)")


def test_he_scale():
    _right(check_he_scale(np.sqrt(2)))
    _right(check_he_scale(1.4))
    _wrong(check_he_scale(...), "replace `...`")
    _wrong(check_he_scale(1.0), "go higher")
    _wrong(check_he_scale(2.0), "go lower")
    _wrong(check_he_scale(50), "range")
