"""Exercise checks of notebook 10 (exploding gradients): a right answer passes; the placeholder
and typical wrong answers get a hint that names the mistake, never the answer."""

from __future__ import annotations

import numpy as np

from lessons_lib.exercises.exploding import check_clip_by_norm, check_explosion_factor
from lessons_lib.experiments.exploding import initial_gradients

from ._feedback import assert_hint as _wrong
from ._feedback import assert_right as _right
from ._feedback import placeholder


def test_explosion_factor_accepts_a_prediction_and_the_panels_reading():
    measured = initial_gradients(1.5)[0] / initial_gradients(1.0)[0]
    assert 185 < measured < 200
    _right(check_explosion_factor(1.5**13))  # the prediction: 1.5⁶ backward × 1.5⁷ forward
    _right(check_explosion_factor(1515 / 7.89))  # read off the panel, from its rounded numbers
    fb = check_explosion_factor(measured)
    _right(fb)
    assert "1515" in fb.message and "7.89" in fb.message  # what the panel shows


def test_explosion_factor_names_the_typical_slips():
    _wrong(check_explosion_factor(...), "replace `...`")
    _wrong(check_explosion_factor(1.5), "one layer's factor")
    _wrong(check_explosion_factor(1.5**6), "backward steps only")
    _wrong(check_explosion_factor(1.5**7), "how much larger the output is")
    _wrong(check_explosion_factor(1.5**14), "squares the error")
    _wrong(check_explosion_factor(1.5**12), "count again")
    _wrong(check_explosion_factor(8077), "for scale 2")
    _wrong(check_explosion_factor(1 + 0.5 * 8076), "straight line")
    _wrong(check_explosion_factor(-2), "positive")
    _wrong(check_explosion_factor(40.0), "each of the six hidden layers")


def test_explosion_factor_never_reveals_the_answer():
    measured = initial_gradients(1.5)[0] / initial_gradients(1.0)[0]
    for guess in (..., 0.0, 1.0, 1e9, -3.0, 1.5, 1.5**6, 40.0, 8077):
        fb = check_explosion_factor(guess)
        assert not fb.correct
        for answer in (f"{measured:.0f}", f"{1.5**13:.0f}", "1515"):
            assert answer not in fb.message, (guess, fb.message)


def clip_by_norm(g, max_norm):
    norm = np.linalg.norm(g)
    return g * min(1.0, max_norm / norm)


def test_clip_by_norm():
    _right(check_clip_by_norm(clip_by_norm))
    _wrong(check_clip_by_norm(placeholder), "returned None")
    _wrong(check_clip_by_norm(lambda g, c: np.clip(g, -c, c)), "direction")
    _wrong(check_clip_by_norm(lambda g, c: g * c / np.linalg.norm(g)), "left as it is")
    _wrong(check_clip_by_norm(lambda g, c: g), "kept its length")
    _wrong(check_clip_by_norm(lambda g, c: 0.5 * g), "one number")
    _wrong(check_clip_by_norm(lambda g, c: g[:2]), "shaped like g")
    assert "min(1" not in check_clip_by_norm(lambda g, c: 0.5 * g).message  # no solution
