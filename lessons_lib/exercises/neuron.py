"""Exercise checks for notebooks 01 (quadratic cost) and 02 (cross-entropy).

Each check recognises the typical mistakes by name and never prints the number it wants
unless the answer is right. The "predict, then check" exercises compare a learner's
prediction with what the trainer does (:mod:`lessons_lib.experiments.neuron`), with a
tolerance wide enough for the law the notebook derives and for values computed from the
notebook's printed (rounded) numbers.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np

from ..activations import sigmoid, sigmoid_prime
from ..experiments.neuron import (
    CROSS_ENTROPY,
    QUADRATIC,
    REFERENCE_ETA,
    START_A,
    START_B,
    START_C,
    matched_first_step_eta,
    plateau_epochs,
    plateau_law,
    scaled_eta,
)
from ..i18n import tr
from ..information import entropy
from ..neuron import epochs_to_target
from ._feedback import Feedback, as_number, call_learner, right, same, wrong

__all__ = [
    "check_sigmoid_prime",
    "check_first_step_ratio",
    "check_plateau_length",
    "check_smallest_eta",
    "check_ce_plateau_length",
    "check_matched_eta",
    "check_soft_target_minimum",
    "PLATEAU_EXERCISE",
    "CE_PLATEAU_EXERCISE",
    "SOFT_TARGET",
]

# the settings of the "predict, then check" exercises: (w₀, b₀, η)
PLATEAU_EXERCISE = (2.5, 2.5, 0.5)  # 01: quadratic cost, z₀ = 5
CE_PLATEAU_EXERCISE = (*START_C, REFERENCE_ETA)  # 02: cross-entropy, z₀ = 8
SOFT_TARGET = 0.2  # 02: a soft label


def _near(value: float, want: float, rel: float) -> bool:
    return abs(value - want) <= rel * abs(want)


def _number(value, what: str):
    """:func:`as_number`, and a finite number at that: (float, None) or (None, Feedback)."""
    got, fail = as_number(value, what)
    if fail is None and not math.isfinite(got):
        return None, wrong(tr("{what} is a finite number (got {value}).", what=what, value=got))
    return got, fail


# -- notebook 01 ---------------------------------------------------------------------------


def check_sigmoid_prime(fn) -> Feedback:
    """Exercise 01.1: ``fn(z)`` should return σ′(z) elementwise for an array z."""
    z = np.linspace(-6.0, 6.0, 41)
    got, fail = call_learner(fn, z.copy())
    if fail is not None:
        return fail
    want = sigmoid_prime(z)
    if same(got, want):
        return right(tr("σ′(z) = σ(z)(1 − σ(z)) — largest at z = 0, where it is 1/4."))
    if got.shape != want.shape:
        return wrong(
            tr(
                "return one value per input: expected shape {want}, got {got}.",
                want=want.shape,
                got=got.shape,
            )
        )
    s = sigmoid(z)
    if same(got, s):
        return wrong(tr("that is σ(z) itself; differentiate 1/(1 + e^(−z)) with the chain rule."))
    if same(got, s * (1 + s)) or same(got, -s * (1 - s)):
        return wrong(tr("check the sign: d/dz (1 + e^(−z))^(−1) = e^(−z)/(1 + e^(−z))²."))
    if same(got, s * s) or same(got, np.exp(-z)):
        return wrong(tr("write e^(−z)/(1 + e^(−z))² as a product of σ(z) and 1 − σ(z)."))
    return wrong(tr("at z = 0 your function should give 0.25 and it should be symmetric in z."))


def _first_grad(w, b):
    """∂C/∂w of the first step, quadratic cost, x = 1, y = 0: a·σ′(z)."""
    return float(sigmoid(w + b) * sigmoid_prime(w + b))


def check_first_step_ratio(ratio) -> Feedback:
    """Exercise 01.2: ∂C/∂w of the first step at A = (0.6, 0.9) divided by the one at
    C = (4, 4), quadratic cost (±3 %: values computed from the printed, rounded numbers
    pass)."""
    value, fail = _number(ratio, tr("the ratio of the two first-step gradients"))
    if fail is not None:
        return fail
    want = _first_grad(*START_A) / _first_grad(*START_C)
    if _near(value, want, 0.03):
        return right(
            tr(
                "A's first step is about {ratio:.0f} times C's. The error a − y is about the "
                "same at both starts (0.82 and 1.00); the factor comes from σ′(z): "
                "σ′(1.5) = 0.149 against σ′(8) = 0.000335.",
                ratio=want,
            )
        )
    if value > 0 and _near(1 / value, want, 0.03):
        return wrong(tr("you divided the other way round: A's gradient goes on top."))
    only_sp = float(sigmoid_prime(sum(START_A)) / sigmoid_prime(sum(START_C)))
    if _near(value, only_sp, 0.03):
        return wrong(
            tr("that is the ratio of the σ′ factors alone; ∂C/∂w also carries the error a − y.")
        )
    if _near(value, _first_grad(*START_A) / _first_grad(*START_B), 0.03):
        return wrong(tr("that is A against B = (2, 2); this exercise compares A with C = (4, 4)."))
    return wrong(
        tr("∂C/∂w = (a − y)·σ′(z)·x with x = 1, y = 0 and z = w + b; compute it at both starts.")
    )


def check_plateau_length(epochs) -> Feedback:
    """Exercise 01.3 (predict, then check): how many epochs the quadratic neuron from
    (2.5, 2.5) with η = 0.5 stays on the plateau (until z ≤ 1). Accepts the law's
    prediction (e^z₀ − e)/(2η) and the trainer's count, and anything between (±10 %)."""
    value, fail = _number(epochs, tr("the number of epochs"))
    if fail is not None:
        return fail
    w0, b0, eta = PLATEAU_EXERCISE
    z0 = w0 + b0
    want = plateau_epochs(w0, b0, cost=QUADRATIC, eta=eta)
    law = plateau_law(z0, eta)
    if 0.9 * law <= value <= 1.1 * want:
        return right(
            tr(
                "the law gives (e^{z0:g} − e)/(2·{eta:g}) ≈ {law:.0f} epochs and the trainer "
                "leaves the plateau after {want}: a little later, because a < 1 makes each "
                "step a little smaller than the law assumes.",
                z0=z0,
                eta=eta,
                law=law,
                want=want,
            )
        )
    if _near(value, 2 * law, 0.1):
        return wrong(tr("both w and b move by η·δ, so z = w + b falls by 2η·δ per epoch, not η·δ."))
    if _near(value, plateau_law(w0, eta), 0.15) or _near(value, plateau_law(b0, eta), 0.15):
        return wrong(tr("z₀ is w₀·x + b₀ with x = 1, not w₀ or b₀ alone."))
    reach = int(epochs_to_target(w0, b0, cost=QUADRATIC, eta=eta, epochs=10_000))
    if _near(value, reach, 0.05):
        return wrong(
            tr("that is when a ≤ 0.1; the plateau ends earlier, when z reaches 1 (a ≈ 0.73).")
        )
    if _near(value, plateau_law(z0, REFERENCE_ETA), 0.15):
        return wrong(
            tr("that is the plateau at η = 0.15; this exercise uses η = {eta:g}.", eta=eta)
        )
    if value < 0.9 * law:
        return wrong(
            tr(
                "too short. On the plateau e^z falls by about 2η per epoch: how many epochs "
                "take it from e^z₀ down to e?"
            )
        )
    return wrong(
        tr(
            "too long. On the plateau e^z falls by about 2η per epoch: how many epochs "
            "take it from e^z₀ down to e?"
        )
    )


@cache
def smallest_eta(w0=2.0, b0=2.0, epochs=300, tol=1e-4) -> float:
    """Smallest η for which the quadratic neuron from (w0, b0) reaches a ≤ 0.1 in time."""

    def reaches(eta):
        return int(epochs_to_target(w0, b0, cost=QUADRATIC, eta=eta, epochs=epochs)) >= 0

    lo, hi = 0.01, 5.0
    while hi - lo > tol:
        mid = 0.5 * (lo + hi)
        lo, hi = (lo, mid) if reaches(mid) else (mid, hi)
    return hi


def check_smallest_eta(eta) -> Feedback:
    """Exercise 01.4 (predict, then check): the smallest η (within 10 %) that brings start B
    = (2, 2) to a ≤ 0.1 within 300 epochs under the quadratic cost."""
    value, fail = _number(eta, tr("the learning rate you found"))
    if fail is not None:
        return fail
    if value <= 0:
        return wrong(tr("a learning rate is positive."))
    best = smallest_eta()
    reached = int(epochs_to_target(*START_B, cost=QUADRATIC, eta=value, epochs=300))
    if reached < 0:
        return wrong(
            tr(
                "with η = {eta:g} the output is still above 0.1 at epoch 300: go higher. "
                "(Every epoch count here shrinks like 1/η.)",
                eta=value,
            )
        )
    if value > 1.1 * best:
        return wrong(
            tr(
                "η = {eta:g} works (a ≤ 0.1 at epoch {epoch}), but a smaller one does too.",
                eta=value,
                epoch=reached,
            )
        )
    return right(
        tr(
            "η ≈ {best:.3f}. Epochs scale like 1/η: 469 epochs at η = 0.15 become 300 at "
            "0.15 × 469/300 ≈ 0.23.",
            best=best,
        )
    )


# -- notebook 02 ---------------------------------------------------------------------------


def check_ce_plateau_length(epochs) -> Feedback:
    """Exercise 02.1 (predict, then check): how many epochs the cross-entropy neuron from
    C = (4, 4) with η = 0.15 stays on the plateau (until z ≤ 1). Accepts the prediction
    (z₀ − 1)/(2η) and the trainer's count, and anything between (±10 %)."""
    value, fail = _number(epochs, tr("the number of epochs"))
    if fail is not None:
        return fail
    w0, b0, eta = CE_PLATEAU_EXERCISE
    z0 = w0 + b0
    want = plateau_epochs(w0, b0, cost=CROSS_ENTROPY, eta=eta)
    law = plateau_law(z0, eta, CROSS_ENTROPY)
    if 0.9 * law <= value <= 1.1 * want:
        quad = plateau_law(z0, eta, QUADRATIC)
        return right(
            tr(
                "with δ = a ≈ 1, z itself falls by about 2η per epoch: ({z0:g} − 1)/(2·{eta:g}) "
                "≈ {law:.0f} epochs, and the trainer takes {want}. The quadratic cost's law "
                "gives about {quad:,.0f} epochs from the same start.",
                z0=z0,
                eta=eta,
                law=law,
                want=want,
                quad=quad,
            )
        )
    if value > 1000:
        return wrong(
            tr(
                "that is the size of the quadratic cost's plateau. With cross-entropy "
                "δ = a − y = a ≈ 1 on the plateau: no σ′(z) factor."
            )
        )
    if _near(value, 2 * law, 0.1):
        return wrong(tr("both w and b move by η·δ, so z = w + b falls by 2η·δ per epoch, not η·δ."))
    reach = int(epochs_to_target(w0, b0, cost=CROSS_ENTROPY, eta=eta, epochs=10_000))
    if _near(value, reach, 0.05):
        return wrong(
            tr("that is when a ≤ 0.1; the plateau ends earlier, when z reaches 1 (a ≈ 0.73).")
        )
    return wrong(
        tr(
            "on the plateau a ≈ 1, so δ = a − y ≈ 1 and each epoch moves z by about −2η. "
            "How many epochs take z from z₀ = w₀ + b₀ down to 1?"
        )
    )


def check_matched_eta(eta) -> Feedback:
    """Exercise 02.2 (predict, then check): the η for cross-entropy whose first step from
    A = (0.6, 0.9) equals the quadratic cost's first step at η = 0.15 (±3 %)."""
    value, fail = _number(eta, tr("the learning rate for cross-entropy"))
    if fail is not None:
        return fail
    want = matched_first_step_eta(REFERENCE_ETA, *START_A)
    if _near(value, want, 0.03):
        return right(
            tr(
                "η·σ′(z₀) = 0.15 × σ′(1.5) ≈ {want:.4f}: the two δ differ only by the factor "
                "σ′(z₀), so matching the first step costs cross-entropy that factor in η — "
                "and it differs from start to start.",
                want=want,
            )
        )
    if _near(value, scaled_eta(REFERENCE_ETA), 0.03):
        return wrong(tr("η/4 matches the steps at z = 0, where σ′ = 1/4; A starts at z₀ = 1.5."))
    if _near(value, matched_first_step_eta(REFERENCE_ETA, *START_B), 0.03):
        return wrong(tr("that matches the first steps from B (z₀ = 4); A starts at z₀ = 1.5."))
    if value > 0 and _near(value, REFERENCE_ETA**2 / want, 0.03):
        return wrong(
            tr(
                "upside down: cross-entropy's δ is the larger one (no σ′ factor), so its η "
                "must be smaller than 0.15."
            )
        )
    a0 = float(sigmoid(sum(START_A)))
    if _near(value, want * a0, 0.03):
        return wrong(tr("the error a − y appears in both δ: it cancels from the ratio."))
    return wrong(
        tr(
            "the first steps are η·δ with δ = (a − y)·σ′(z₀) for the quadratic cost and "
            "δ = a − y for cross-entropy; set them equal and solve for cross-entropy's η."
        )
    )


def check_soft_target_minimum(value) -> Feedback:
    """Exercise 02.3 (predict, then compute): the smallest cross-entropy cost a neuron can
    reach for the soft target y = 0.2, in nats (±1 %)."""
    got, fail = _number(value, tr("the smallest cost"))
    if fail is not None:
        return fail
    y = SOFT_TARGET
    want = float(entropy(np.array([y, 1.0 - y])))
    if _near(got, want, 0.01):
        return right(
            tr(
                "the minimum is at a = y = {y:g}, where C = −[y ln y + (1 − y) ln(1 − y)] "
                "≈ {want:.4f}: the entropy of the target, not 0. Notebook 05 explains why.",
                y=y,
                want=want,
            )
        )
    if abs(got) < 1e-3:
        return wrong(
            tr(
                "with 0 < y < 1 neither term can vanish: y ln a and (1 − y) ln(1 − a) are "
                "both negative for every a in (0, 1). Where is ∂C/∂a = 0?"
            )
        )
    if _near(got, -want, 0.01):
        return wrong(tr("check the sign: the cost is positive."))
    if _near(got, math.log(2), 0.01):
        return wrong(tr("that is the cost at a = 1/2; the minimum is where ∂C/∂a = 0."))
    if _near(got, want / math.log(2), 0.01):
        return wrong(tr("that is in bits; the cost uses the natural logarithm."))
    if _near(got, want / math.log(10), 0.01):
        return wrong(tr("that uses log₁₀; the cost uses the natural logarithm."))
    return wrong(
        tr(
            "∂C/∂a = (a − y)/(a(1 − a)) is zero at one a; put that a into "
            "C = −[y ln a + (1 − y) ln(1 − a)]."
        )
    )
