"""Exercise checks of notebook 10 (Smooth L1 and a line through outliers): a right answer
passes; the placeholder and typical wrong answers get a hint (never the solution)."""

from __future__ import annotations

import numpy as np

from lessons_lib.exercises.robust import check_smooth_l1

from ._feedback import assert_hint as _wrong
from ._feedback import assert_right as _right
from ._feedback import placeholder


def smooth_l1(d, beta):
    return np.where(np.abs(d) < beta, 0.5 * d * d / beta, np.abs(d) - 0.5 * beta)


def test_smooth_l1():
    _right(check_smooth_l1(smooth_l1))
    _wrong(check_smooth_l1(placeholder), "returned None")
    _wrong(check_smooth_l1(lambda d, b: b * smooth_l1(d, b)), "Huber")

    def no_division(d, b):
        return np.where(np.abs(d) < b, 0.5 * d * d, np.abs(d) - 0.5 * b)

    _wrong(check_smooth_l1(no_division), "0.5·d²/β")

    def no_offset(d, b):
        return np.where(np.abs(d) < b, 0.5 * d * d / b, np.abs(d))

    _wrong(check_smooth_l1(no_offset), "subtract 0.5·β")
    _wrong(check_smooth_l1(lambda d, b: d[:3]), "one value per difference")
