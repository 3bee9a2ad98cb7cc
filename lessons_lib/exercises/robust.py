"""Exercise checks for notebook 10 (Smooth L1 and a line through outliers)."""

from __future__ import annotations

import math

import numpy as np

from .. import losses
from ..experiments.robust import frozen_shift, kept_fit
from ..i18n import tr
from ._feedback import Feedback, as_number, call_learner, right, same, wrong

__all__ = ["check_smooth_l1", "check_frozen_shift"]

FROZEN_BETA = 1.0  # exercise 10.4 is about Smooth L1 with β = 1 on outlier_data(seed 0)
FROZEN_TOLERANCE = 0.03  # the line printed to two decimals moves the answer by < 0.01


def check_smooth_l1(fn) -> Feedback:
    """Exercise 10.3: ``fn(d, beta)`` → Smooth L1 of each difference d (elementwise)."""
    d = np.linspace(-4.1, 4.1, 83)
    for beta in (1.0, 0.5, 2.0):
        got, fail = call_learner(fn, d.copy(), beta)
        if fail is not None:
            return fail
        zero = np.zeros_like(d)
        want = losses.smooth_l1_loss(d, zero, reduction="none", beta=beta)
        if same(got, want):
            continue
        if got.shape != d.shape:
            return wrong(
                tr(
                    "return one value per difference: expected {want}, got {got}.",
                    want=d.shape,
                    got=got.shape,
                )
            )
        if same(got, losses.huber_loss(d, zero, reduction="none", delta=beta)):
            return wrong(tr("that is Huber(δ = β) = β·SmoothL1(β); divide by β."))
        ad = np.abs(d)
        if same(got, np.where(ad < beta, 0.5 * d * d, ad - 0.5 * beta)):
            return wrong(tr("with β = {beta}: inside |d| < β the parabola is 0.5·d²/β.", beta=beta))
        if same(got, np.where(ad < beta, 0.5 * d * d / beta, ad)):
            return wrong(
                tr(
                    "with β = {beta}: outside, subtract 0.5·β so the two pieces meet at |d| = β.",
                    beta=beta,
                )
            )
        if same(got, np.where(ad < beta, ad - 0.5 * beta, 0.5 * d * d / beta)):
            return wrong(tr("the branches are swapped: quadratic near 0, linear far away."))
        return wrong(
            tr(
                "with β = {beta}: check both pieces at d = 0, at |d| = β (where they must "
                "meet) and far out, where the slope must be 1.",
                beta=beta,
            )
        )
    return right(
        tr(
            "quadratic near 0 (smooth at the minimum), linear beyond β: its gradient never "
            "exceeds 1 in size, however far off the prediction is."
        )
    )


def check_frozen_shift(value) -> Feedback:
    """Exercise 10.4 (predict, then check with the panel): from which outlier shift on does
    the Smooth L1 (β = 1) line stop moving?

    From there on every outlier lies at least β above the fitted line, where its pull is 1
    however far it is: the answer is β + the largest (line − clean y) over the three
    outliers, with the line y = 0.90x + 1.14 (:func:`~lessons_lib.experiments.robust.
    frozen_shift`). Accepted within 0.03, so an answer from the printed line counts.
    """
    got, fail = as_number(value, tr("the outlier shift"))
    if fail is not None:
        return fail
    want = frozen_shift(FROZEN_BETA)
    if abs(got - want) <= FROZEN_TOLERANCE:
        line = kept_fit("smooth_l1_loss", 15.0, FROZEN_BETA)
        below, above = math.floor(want * 2) / 2, math.ceil(want * 2) / 2  # the panel's steps
        return right(
            tr(
                "from a shift of {want} on, each outlier is at least β = 1 above the line, "
                "so each pulls with the same force 1 however far it is. In the panel the "
                "Smooth L1 line still moves up to shift {below} and is y = {w}x + {b} from "
                "{above} on: beyond β an outlier's size no longer matters.",
                want=f"{want:.2f}",
                below=f"{below:.1f}",
                above=f"{above:.1f}",
                w=f"{line.W[0, 0]:.2f}",
                b=f"{line.b[0]:.2f}",
            )
        )
    if abs(got - FROZEN_BETA) < 1e-9:
        return wrong(
            tr(
                "β = 1 is how far an outlier must be from the line, and the line sits above "
                "the clean data where the outliers are: add how far above."
            )
        )
    if abs(got - (want - FROZEN_BETA)) <= FROZEN_TOLERANCE:
        return wrong(
            tr(
                "that puts the outliers on the line; they must be β above it to pull with "
                "the constant force."
            )
        )
    if got <= 0:
        return wrong(tr("with no shift there are no outliers to speak of; the answer is positive."))
    if got > want:
        return wrong(
            tr(
                "at that shift the line is frozen, but it froze earlier: find the smallest "
                "shift at which every outlier is at least β above the line."
            )
        )
    return wrong(
        tr(
            "below that shift some outlier is within β of the line and pulls less than 1: "
            "compare each outlier's clean y with the line at its x."
        )
    )
