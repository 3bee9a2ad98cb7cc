"""The result every ``check_*`` function returns: right or not, and a hint."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..i18n import tr


@dataclass(frozen=True)
class Feedback:
    """Outcome of an exercise check; shows as one line of text in a notebook."""

    correct: bool
    message: str

    def __bool__(self) -> bool:
        return self.correct

    def __repr__(self) -> str:
        mark = tr("✔ Correct.") if self.correct else tr("✘ Not yet.")
        return f"{mark} {self.message}"


def _capital(text: str) -> str:
    # only ASCII: "σ′(z) …" must not become "Σ′(z) …"
    return text[:1].upper() + text[1:] if text[:1].isascii() else text


def right(message: str) -> Feedback:
    """A correct answer, with what it confirms."""
    return Feedback(True, _capital(message))


def wrong(hint: str) -> Feedback:
    """A wrong answer, with a hint (never the solution)."""
    return Feedback(False, tr("Hint: {hint}", hint=hint))


def call_learner(fn, *args):
    """Call the learner's function; return (value, None) or (None, Feedback)."""
    if not callable(fn):
        return None, wrong(tr("pass your function itself (got {kind}).", kind=type(fn).__name__))
    try:
        with np.errstate(all="ignore"):
            value = fn(*args)
    except Exception as exc:  # the learner's code may fail in any way
        return None, wrong(
            tr("your function raised {name}: {exc}", name=type(exc).__name__, exc=exc)
        )
    if value is None:
        return None, wrong(tr("your function returned None — replace `...` with your formula."))
    try:
        return np.asarray(value, dtype=np.float64), None
    except (TypeError, ValueError):
        return None, wrong(tr("return numbers (got {kind}).", kind=type(value).__name__))


def same(a, b, rtol=1e-6) -> bool:
    """Do two arrays agree in shape and value?"""
    a, b = np.asarray(a), np.asarray(b)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=1e-12))


def as_number(value, what: str):
    """(float, None) or (None, Feedback) for a numeric answer."""
    if value is None or value is ...:
        return None, wrong(tr("replace `...` with {what}.", what=what))
    if isinstance(value, bool):
        return None, wrong(tr("{what} is a number, not {value}.", what=what, value=value))
    try:
        return float(value), None
    except (TypeError, ValueError):
        return None, wrong(
            tr("{what} is a number (got {kind}).", what=what, kind=type(value).__name__)
        )
