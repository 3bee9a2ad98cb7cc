"""Exercise checks for notebook 10 (exploding gradients)."""

from __future__ import annotations

import numpy as np

from ..experiments.exploding import EXPLODE_CONFIG, initial_gradients
from ..experiments.seeds import fmt_number
from ..i18n import tr
from ..training import clip_by_norm
from ._feedback import Feedback, as_number, call_learner, right, same, wrong

__all__ = ["check_explosion_factor", "check_clip_by_norm"]

PREDICT_SCALE = 1.5  # exercise 10.1 asks about this weight scale
TOLERANCE = 0.12  # a prediction within 12 % of the measured factor counts as right


def _measured() -> tuple[float, float, float]:
    """(first-layer gradient at scale 1, at PREDICT_SCALE, their ratio) — what the panel shows."""
    g1 = float(initial_gradients(1.0)[0])
    g = float(initial_gradients(PREDICT_SCALE)[0])
    return g1, g, g / g1


def check_explosion_factor(value) -> Feedback:
    """Exercise 10.1 (predict, then check with the panel): by what factor does the first
    layer's gradient ‖∂C/∂b¹‖ grow when the weight scale goes from 1 to 1.5?

    The measured factor is about 1.5⁶ (six backward steps, each through weights 1.5×
    larger) × 1.5⁷ (an output error about 1.5⁷ larger, as the output is) = 1.5¹³; an
    answer within 12 % of the measured ratio is right. Typical slips are recognised: one
    layer's factor, only the backward or only the forward part, the loss's power 14, a
    straight line between scales 1 and 2.
    """
    got, fail = as_number(value, tr("the factor by which the first-layer gradient grows"))
    if fail is not None:
        return fail
    g1, g, want = _measured()
    s, depth = PREDICT_SCALE, EXPLODE_CONFIG["depth"]
    if got > 0 and abs(got / want - 1) <= TOLERANCE:
        return right(
            tr(
                "the panel at scale {s} shows {g} against {g1} at scale 1, a factor of "
                "{want}: {s}⁶ from the six backward steps times about {s}⁷ from the larger "
                "output error, {s}¹³ ≈ {power}. A weight scale only 1.5 times He's already makes "
                "the first layer's steps about two hundred times longer.",
                s=f"{s:g}",
                g=fmt_number(g),
                g1=fmt_number(g1),
                want=f"{want:.0f}",
                power=f"{s**13:.0f}",
            )
        )
    slips = [
        (s, tr("that is one layer's factor; the gradient passes through several.")),
        (
            s**depth,
            tr(
                "that counts the six backward steps only. The error entering backpropagation "
                "grows too: the output itself is larger."
            ),
        ),
        (
            s ** (depth + 1),
            tr(
                "that is how much larger the output is (seven weight layers on the way "
                "forward); the six backward steps multiply the gradient again."
            ),
        ),
        (
            s ** (2 * depth + 2),
            tr(
                "that is how much larger the loss is — it squares the error. The gradient "
                "is linear in the error."
            ),
        ),
        (
            s ** (2 * depth),
            tr("count again: six backward steps, and seven weight layers on the way forward."),
        ),
        (
            2 ** (2 * depth + 1),
            tr("that is the factor for scale 2; at scale 1.5 each layer multiplies by 1.5."),
        ),
        (
            1 + (s - 1) * (2 ** (2 * depth + 1) - 1),
            tr(
                "gradients do not grow in a straight line with the scale: each layer "
                "multiplies by the scale, so the factor is a power of it."
            ),
        ),
    ]
    for slip, hint in slips:
        if abs(got - slip) <= 0.03 * abs(slip):
            return wrong(hint)
    if got <= 0:
        return wrong(tr("a factor by which something grows is positive."))
    return wrong(
        tr(
            "each of the six hidden layers multiplies the backpropagated gradient by about "
            "the scale, and the error that enters backpropagation grows as the output does "
            "(how many weight layers does the input pass on the way forward?)."
        )
    )


def check_clip_by_norm(fn) -> Feedback:
    """Exercise 10.2: ``fn(g, max_norm)`` → g rescaled so that ‖g‖ ≤ max_norm (direction kept)."""
    rng = np.random.default_rng(10)
    cases = [(rng.normal(size=6) * 50, 1.0), (rng.normal(size=4) * 0.01, 1.0), (np.ones(3), 0.5)]
    for g, c in cases:
        got, fail = call_learner(fn, g.copy(), c)
        if fail is not None:
            return fail
        want = clip_by_norm(g, c)
        if same(got, want):
            continue
        if got.shape != g.shape:
            return wrong(
                tr(
                    "return a vector shaped like g: expected {want}, got {got}.",
                    want=g.shape,
                    got=got.shape,
                )
            )
        if same(got, np.clip(g, -c, c)):
            return wrong(tr("clipping each entry changes the direction; rescale the whole vector."))
        if same(got, g * c / np.linalg.norm(g)):
            return wrong(tr("a gradient already shorter than max_norm should be left as it is."))
        if same(got, g) and np.linalg.norm(g) > c:
            return wrong(
                tr("a gradient longer than max_norm must come out shorter; yours kept its length.")
            )
        return wrong(
            tr(
                "keep g's direction: multiply the whole vector by one number, chosen so that "
                "a long gradient comes out exactly max_norm long."
            )
        )
    return right(
        tr(
            "the step keeps its direction but can never be longer than η·max_norm — what "
            "Network.fit(clip_norm=…) does to all layers' gradients together."
        )
    )
