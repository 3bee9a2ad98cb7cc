"""Exercise checks of notebook 10 (Smooth L1 and a line through outliers): a right answer
passes; the placeholder and typical wrong answers get a hint (never the solution)."""

from __future__ import annotations

import numpy as np

from lessons_lib.exercises import Feedback
from lessons_lib.exercises.robust import check_frozen_shift, check_smooth_l1
from lessons_lib.experiments.robust import frozen_shift, outlier_data

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
    fb = check_smooth_l1(lambda d, b: d**2)
    _wrong(fb, "both pieces")
    assert "|d| − 0.5·β" not in fb.message  # the hint is not the formula


def test_frozen_shift_from_the_printed_line_is_right():
    x, y, out = outlier_data(8.0)
    line = 0.90 * x + 1.14  # as §6 prints it
    answer = 1.0 + max(line[out] - (y[out] - 8.0))
    _right(check_frozen_shift(answer))
    _right(check_frozen_shift(frozen_shift(1.0)))
    fb = check_frozen_shift(answer)
    assert "y = 0.90x + 1.14" in fb.message and "1.5" in fb.message and "2.0" in fb.message


def test_frozen_shift_names_the_typical_slips():
    want = frozen_shift(1.0)
    _wrong(check_frozen_shift(...), "replace `...`")
    _wrong(check_frozen_shift(1.0), "add how far above")
    _wrong(check_frozen_shift(want - 1.0), "on the line")
    _wrong(check_frozen_shift(8.0), "froze earlier")
    _wrong(check_frozen_shift(1.3), "within β of the line")
    _wrong(check_frozen_shift(-1.0), "positive")


def test_frozen_shift_handles_any_answer_and_never_reveals_it():
    want = f"{frozen_shift(1.0):.2f}"
    for guess in (..., None, "abc", True, [1, 2], 0.0, 1.0, 1e9, -3.0, 1.5, 2.0):
        fb = check_frozen_shift(guess)
        assert isinstance(fb, Feedback) and not fb.correct and fb.message
        assert want not in fb.message
