"""Exercise checks for notebook 09 (vanishing gradients, ReLU).

The notebook's exercises are predictions checked against the panel's own numbers
(:class:`~lessons_lib.widgets.gradients.VanishingPanel` at its defaults: seed 0,
cross-entropy, 30 units per layer): :func:`check_vanishing_depth` (how deep before the
first hidden layer is 10⁴ times slower than the last), :func:`check_relu_factor` (the
ReLU factor per layer at weight scale 3) and :func:`check_he_scale` (the scale that keeps
8 ReLU layers level). :func:`check_relu_prime` and :func:`check_sigmoid_bound` are the
earlier, warm-up checks.
"""

from __future__ import annotations

import math

import numpy as np

from ..i18n import tr
from ._feedback import Feedback, as_number, right, wrong

__all__ = [
    "check_vanishing_depth",
    "check_relu_factor",
    "check_he_scale",
]

VANISH_RATIO = 1e-4  # exercise 09.1: "10,000 times slower"


def _measured(depth, hidden="sigmoid", scale=1.0):
    """The panel's numbers: per-layer norms at the start of its default network."""
    from ..experiments.gradients import initial_gradient_norms

    return initial_gradient_norms(depth, hidden, scale)


def _whole(value, what: str):
    """(int, None) or (None, Feedback) for an answer that must be a whole number."""
    got, fail = as_number(value, what)
    if fail is not None:
        return None, fail
    if not math.isfinite(got) or got != round(got):
        return None, wrong(tr("{what} is a whole number.", what=what))
    return round(got), None


def check_vanishing_depth(depth) -> Feedback:
    """Exercise 09.1: the smallest number of hidden sigmoid layers at which the first hidden
    layer's gradient is below 10⁻⁴ times the last hidden layer's, at the start.

    Judged by the panel's own network (seed 0, cross-entropy, weight scale 1): the answer
    is the depth whose first/last ratio (``experiments.gradients.first_last_ratio``) is
    the first below 10⁻⁴.
    """
    from ..experiments.gradients import MAX_DEPTH, first_last_ratio

    got, fail = _whole(depth, tr("the number of hidden layers"))
    if fail is not None:
        return fail
    if not 2 <= got <= MAX_DEPTH:
        return wrong(tr("the panel has 2 to {n} hidden layers to compare.", n=MAX_DEPTH))
    ratios = {d: first_last_ratio(_measured(d)) for d in range(2, MAX_DEPTH + 1)}
    want = next(d for d, r in ratios.items() if r < VANISH_RATIO)
    if got == want:
        factor = ratios[want] ** (1 / (want - 1))
        return right(
            tr(
                "{n} hidden layers are {k} steps apart, and {k} factors of about "
                "× {f:.2f} give {r:.1e}; one layer fewer gives only {r1:.1e}.",
                n=want,
                k=want - 1,
                f=factor,
                r=ratios[want],
                r1=ratios[want - 1],
            )
        )
    if got == want + 1:
        return wrong(
            tr(
                "that is what the bound's × 1/4 per layer would need. The measured factor is "
                "smaller — σ′ averages about 0.2, not its peak 1/4 — so fewer layers suffice."
            )
        )
    if got == want - 1:
        return wrong(
            tr(
                "between the first and the last of n hidden layers there are n − 1 steps, "
                "not n. Count the steps, then check the ratio in the panel's readout."
            )
        )
    if got < want:
        return wrong(
            tr(
                "at {n} hidden layers the ratio is still above 10⁻⁴: set the panel to that "
                "depth and read “first / last hidden layer”.",
                n=got,
            )
        )
    return wrong(
        tr(
            "that is deeper than needed: how many factors of about × 0.2 make 10⁻⁴? "
            "(10⁻⁴ = 0.2^k: take logarithms.)"
        )
    )


RELU_DEPTH, RELU_SCALE, RELU_TOLERANCE = 8, 3.0, 0.15


def check_relu_factor(factor) -> Feedback:
    """Exercise 09.2: the factor per layer of 8 hidden ReLU layers at weight scale 3.

    Judged by the panel's own number (``per_layer_factor`` of the default network at
    scale 3), within ±15 % — a prediction from the printed factor at scale 1 passes.
    """
    from ..experiments.gradients import per_layer_factor

    got, fail = as_number(factor, tr("the factor per layer"))
    if fail is not None:
        return fail
    base = per_layer_factor(_measured(RELU_DEPTH, "relu", 1.0))
    want = per_layer_factor(_measured(RELU_DEPTH, "relu", RELU_SCALE))

    def near(x, rel=0.05):  # a typical mistake, computed from the printed numbers
        return abs(got - x) <= rel * abs(x)

    if near(want, RELU_TOLERANCE):
        return right(
            tr(
                "the panel shows × {f:.2f}. Scaling every weight by 3 scales the matrix part "
                "W by 3 and leaves ReLU′ (0 or 1) as it is, so the factor per layer is about "
                "3 × {b:.2f}: ReLU is linear on each side of 0.",
                f=want,
                b=base,
            )
        )
    if near(base):
        return wrong(
            tr(
                "the weight scale multiplies every weight, and the error passes through "
                "W once per layer: the factor changes with it."
            )
        )
    if near(base**RELU_SCALE) or near(base**2):
        return wrong(
            tr(
                "each layer's weights are multiplied by the scale once, so each layer's "
                "factor is multiplied by it once — not raised to a power."
            )
        )
    if near(RELU_SCALE):
        return wrong(tr("3 is the matrix part alone; the slope part of ReLU still counts."))
    if near(RELU_SCALE**2 * base):
        return wrong(tr("the scale multiplies the weights, not their variance: one factor of 3."))
    if near(base / RELU_SCALE):
        return wrong(tr("larger weights pass more of the error back, not less."))
    if near(RELU_SCALE * 0.25):
        return wrong(tr("1/4 is the sigmoid's largest slope; ReLU′ is 1 on its active side."))
    return wrong(
        tr(
            "start from the factor printed for 8 ReLU layers at scale 1. Which of its two "
            "parts — the matrix part or the slope part — does the weight scale change?"
        )
    )


HE_DEPTH, HE_TOLERANCE = 8, 0.1


def check_he_scale(scale) -> Feedback:
    """Exercise 09.3: a weight scale at which 8 ReLU layers keep the gradient's size.

    Judged by the panel's own numbers: the average factor between neighbouring hidden
    layers at initialisation must lie within 1 ± 0.1.
    """
    from ..experiments.gradients import per_layer_factor

    value, fail = as_number(scale, tr("the weight scale"))
    if fail is not None:
        return fail
    if not 0.1 <= value <= 10.0:
        return wrong(tr("stay within the panel's range, 0.1 to 10."))
    factor = per_layer_factor(_measured(HE_DEPTH, "relu", value))
    if not np.isfinite(factor):
        return wrong(tr("at that scale no gradient reaches the hidden layers: go lower."))
    if abs(factor - 1.0) <= HE_TOLERANCE:
        return right(
            tr(
                "× {factor:.2f} per layer at scale {scale:g}. He et al. chose weights of "
                "variance 2/n_in — scale √2 ≈ 1.41 on the 'scaled' start — because a ReLU "
                "passes about half of its inputs: init='he' in Network.",
                factor=factor,
                scale=value,
            )
        )
    if factor < 1.0:
        return wrong(
            tr(
                "× {factor:.2f} per layer: the gradient still shrinks towards the input — "
                "go higher.",
                factor=factor,
            )
        )
    return wrong(
        tr(
            "× {factor:.2f} per layer: the gradient now grows towards the input — go lower.",
            factor=factor,
        )
    )


# -- warm-ups (not in the notebook's exercises) -----------------------------------------------
