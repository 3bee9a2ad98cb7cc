"""Exercise checks of notebooks 07–10: a right answer passes, the placeholder and typical
wrong answers get a hint (never the solution), and nothing a learner writes crashes them."""

from __future__ import annotations

import numpy as np
import pytest

from lessons_lib.activations import relu, sigmoid
from lessons_lib.exercises.gradients import (
    check_clip_by_norm,
    check_explosion_factor,
    check_he_scale,
    check_relu_prime,
    check_sigmoid_bound,
)
from lessons_lib.exercises.hinge import (
    check_hinge_gradient,
    check_hinge_loss,
    check_largest_zero_margin,
)
from lessons_lib.exercises.regularization import (
    check_halving_steps,
    check_penalty_gradient,
    check_sparse_penalty,
)
from lessons_lib.exercises.robust import check_smooth_l1

from ._feedback import assert_hint as _wrong
from ._feedback import assert_right as _right


def placeholder_fn(*args):
    ...  # the committed notebook's cell: the learner has not written anything yet
    return None


# -- solutions (tests only; notebooks never print them) ---------------------------------------


def penalty_gradient(W, lam, kind):
    return lam * W if kind == "l2" else lam * np.sign(W)


def hinge(scores, target, margin):
    s = np.asarray(scores, dtype=float)
    terms = np.maximum(0.0, s - s[target] + margin)
    terms[target] = 0.0
    return terms.sum()


def hinge_grad(scores, target, margin):
    s = np.asarray(scores, dtype=float)
    active = (s - s[target] + margin > 0).astype(float)
    active[target] = 0.0
    active[target] = -active.sum()
    return active


def clip_by_norm(g, max_norm):
    norm = np.linalg.norm(g)
    return g * min(1.0, max_norm / norm)


def smooth_l1(d, beta):
    return np.where(np.abs(d) < beta, 0.5 * d * d / beta, np.abs(d) - 0.5 * beta)


# -- 07 -------------------------------------------------------------------------------------------


def test_penalty_gradient():
    _right(check_penalty_gradient(penalty_gradient))
    _wrong(check_penalty_gradient(placeholder_fn), "returned None")
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


def test_sparse_penalty():
    _right(check_sparse_penalty("l1"))
    _right(check_sparse_penalty(" L1 "))
    _wrong(check_sparse_penalty(...), "replace `...`")
    _wrong(check_sparse_penalty("l2"), "λ·sign(w)")
    _wrong(check_sparse_penalty(3), '"l1" or "l2"')


# -- 08 -------------------------------------------------------------------------------------------


def test_hinge_loss():
    _right(check_hinge_loss(hinge))
    _wrong(check_hinge_loss(placeholder_fn), "returned None")
    _wrong(check_hinge_loss(lambda s, t, m: hinge(s, t, m) + m), "skip j = y")
    _wrong(check_hinge_loss(lambda s, t, m: hinge(s, t, m) / len(s)), "PyTorch")
    _wrong(
        check_hinge_loss(lambda s, t, m: np.delete(np.maximum(0, s - s[t] + m), t).max()),
        "Crammer–Singer",
    )
    _wrong(check_hinge_loss(lambda s, t, m: np.delete(s - s[t] + m, t).sum()), "clip each term")
    _wrong(check_hinge_loss(lambda s, t, m: np.zeros(len(s))), "one number")


def test_hinge_gradient():
    _right(check_hinge_gradient(hinge_grad))
    _wrong(check_hinge_gradient(placeholder_fn), "returned None")
    _wrong(check_hinge_gradient(lambda s, t, m: -hinge_grad(s, t, m)), "sign")

    def forgot_true_class(s, t, m):
        g = hinge_grad(s, t, m)
        g[t] = 0.0
        return g

    _wrong(check_hinge_gradient(forgot_true_class), "∂L/∂s_y")
    _wrong(check_hinge_gradient(lambda s, t, m: 0.0), "shape")


def test_largest_zero_margin():
    _right(check_largest_zero_margin(2))
    _right(check_largest_zero_margin(2.0))
    _wrong(check_largest_zero_margin(...), "replace `...`")
    _wrong(check_largest_zero_margin(1.0), "go higher")
    _wrong(check_largest_zero_margin(2.5), "inside the margin")
    _wrong(check_largest_zero_margin(True), "number")


# -- 09 -------------------------------------------------------------------------------------------


def test_relu_prime():
    _right(check_relu_prime(lambda z: (z > 0).astype(float)))
    _right(check_relu_prime(lambda z: np.heaviside(z, 0.0)))
    _wrong(check_relu_prime(placeholder_fn), "returned None")
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


# -- 10 -------------------------------------------------------------------------------------------


def test_explosion_factor():
    _right(check_explosion_factor(2.5**6))
    _right(check_explosion_factor(244.140625))
    _wrong(check_explosion_factor(...), "replace `...`")
    _wrong(check_explosion_factor(2.5), "six factors multiply")
    _wrong(check_explosion_factor(1e6), "σ′(0) = 1/4")
    _wrong(check_explosion_factor(15), "raise it")


def test_clip_by_norm():
    _right(check_clip_by_norm(clip_by_norm))
    _wrong(check_clip_by_norm(placeholder_fn), "returned None")
    _wrong(check_clip_by_norm(lambda g, c: np.clip(g, -c, c)), "direction")
    _wrong(check_clip_by_norm(lambda g, c: g * c / np.linalg.norm(g)), "left as it is")
    _wrong(check_clip_by_norm(lambda g, c: g), "min(1")


def test_smooth_l1():
    _right(check_smooth_l1(smooth_l1))
    _wrong(check_smooth_l1(placeholder_fn), "returned None")
    _wrong(check_smooth_l1(lambda d, b: b * smooth_l1(d, b)), "Huber")

    def no_division(d, b):
        return np.where(np.abs(d) < b, 0.5 * d * d, np.abs(d) - 0.5 * b)

    _wrong(check_smooth_l1(no_division), "0.5·d²/β")

    def no_offset(d, b):
        return np.where(np.abs(d) < b, 0.5 * d * d / b, np.abs(d))

    _wrong(check_smooth_l1(no_offset), "subtract 0.5·β")
    _wrong(check_smooth_l1(lambda d, b: d[:3]), "one value per difference")


@pytest.mark.parametrize(
    "check",
    [check_halving_steps, check_largest_zero_margin, check_sigmoid_bound, check_explosion_factor],
)
def test_number_checks_never_reveal_the_answer(check):
    answers = {
        check_halving_steps: "139",
        check_largest_zero_margin: "2",
        check_sigmoid_bound: "0.0039",
        check_explosion_factor: "244",
    }
    for guess in (..., 0.0, 1.0, 1e9, -3.0):
        fb = check(guess)
        assert not fb.correct
        assert answers[check] not in fb.message
