"""Exercise checks of notebook 10 (exploding gradients): a right answer passes; the placeholder
and typical wrong answers get a hint."""

from __future__ import annotations

import numpy as np

from lessons_lib.exercises.exploding import check_clip_by_norm, check_explosion_factor

from ._feedback import assert_hint as _wrong
from ._feedback import assert_right as _right
from ._feedback import placeholder


def test_explosion_factor():
    _right(check_explosion_factor(2.5**6))
    _right(check_explosion_factor(244.140625))
    _wrong(check_explosion_factor(...), "replace `...`")
    _wrong(check_explosion_factor(2.5), "six factors multiply")
    _wrong(check_explosion_factor(1e6), "σ′(0) = 1/4")
    _wrong(check_explosion_factor(15), "raise it")


def clip_by_norm(g, max_norm):
    norm = np.linalg.norm(g)
    return g * min(1.0, max_norm / norm)


def test_clip_by_norm():
    _right(check_clip_by_norm(clip_by_norm))
    _wrong(check_clip_by_norm(placeholder), "returned None")
    _wrong(check_clip_by_norm(lambda g, c: np.clip(g, -c, c)), "direction")
    _wrong(check_clip_by_norm(lambda g, c: g * c / np.linalg.norm(g)), "left as it is")
    _wrong(check_clip_by_norm(lambda g, c: g), "min(1")
