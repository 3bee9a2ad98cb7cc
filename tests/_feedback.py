"""Assertions shared by the exercise-checker tests."""

from __future__ import annotations

from lessons_lib.exercises import Feedback


def assert_right(fb) -> None:
    """The checker accepted the answer and says so."""
    assert isinstance(fb, Feedback) and fb.correct, fb
    assert repr(fb).startswith("✔ Correct.")


def assert_hint(fb, *words) -> None:
    """The checker rejected the answer with a hint containing every one of ``words``."""
    assert isinstance(fb, Feedback) and not fb.correct, fb
    assert repr(fb).startswith("✘ Not yet. Hint: ")
    for word in words:
        assert word in fb.message, (word, fb.message)


def placeholder(*args):
    """The committed notebook's exercise cell: the learner has not written anything yet."""
    ...  # your code here
    return None
