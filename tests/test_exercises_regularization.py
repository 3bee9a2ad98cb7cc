"""Exercise checks of notebook 07 (regularisation): a right answer passes; the placeholder and
typical wrong answers get a hint (never the solution)."""

from __future__ import annotations

import numpy as np

from lessons_lib.exercises.regularization import (
    check_halving_steps,
    check_penalty_gradient,
    check_sparse_penalty,
)

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


def test_sparse_penalty():
    _right(check_sparse_penalty("l1"))
    _right(check_sparse_penalty(" L1 "))
    _wrong(check_sparse_penalty(...), "replace `...`")
    _wrong(check_sparse_penalty("l2"), "λ·sign(w)")
    _wrong(check_sparse_penalty(3), '"l1" or "l2"')
