"""Exercise checks for notebook 07 (regularisation)."""

from __future__ import annotations

import math

import numpy as np

from ..experiments.regularization import DATA_CONFIG, NET_CONFIG
from ..i18n import tr
from ..network import Network
from ._feedback import Feedback, as_number, call_learner, right, same, wrong

__all__ = [
    "check_penalty_gradient",
    "check_halving_steps",
    "check_clean_fit_accuracy",
    "check_sparse_penalty",
]


def _penalty_gradient(kind: str, lam: float):
    """(W, ∂penalty/∂W) read off Network.backprop: with the penalty minus without it."""
    rng = np.random.default_rng(3)
    net = Network([3, 4, 2], hidden="tanh", output="softmax", cost="cross_entropy", seed=3)
    X, y = rng.normal(size=(5, 3)), np.array([0, 1, 1, 0, 1])
    with_penalty = net.backprop(X, y, **{kind: lam}).nabla_w[0]
    return net.weights[0].copy(), with_penalty - net.backprop(X, y).nabla_w[0]


def check_penalty_gradient(fn) -> Feedback:
    """Exercise 07.1: ``fn(W, lam, kind)`` → what the penalty adds to ∂C/∂W.

    kind "l2": penalty (λ/2)·Σw²; kind "l1": penalty λ·Σ|w| (Network's conventions).
    """
    for kind, lam in (("l2", 0.3), ("l1", 0.3), ("l2", 0.05), ("l1", 0.05)):
        W, want = _penalty_gradient(kind, lam)
        got, fail = call_learner(fn, W.copy(), lam, kind)
        if fail is not None:
            return fail
        if same(got, want):
            continue
        if got.shape != want.shape:
            return wrong(
                tr(
                    "return one value per weight: expected shape {want}, got {got}.",
                    want=W.shape,
                    got=got.shape,
                )
            )
        if kind == "l2" and same(got, 2 * want):
            return wrong(tr("the L2 penalty here is (λ/2)·Σw²: the ½ cancels the 2 of w²."))
        if kind == "l2" and same(got, 0.5 * lam * W**2):
            return wrong(
                tr("that is the penalty itself; differentiate (λ/2)·w² with respect to w.")
            )
        if kind == "l1" and same(got, lam * np.abs(W)):
            return wrong(
                tr("that is the penalty itself; d|w|/dw is +1 for w > 0 and −1 for w < 0.")
            )
        if kind == "l1" and same(got, lam * W):
            return wrong(tr("that is the L2 gradient; for kind 'l1' differentiate λ·|w|."))
        if kind == "l2" and same(got, lam * np.sign(W)):
            return wrong(tr("that is the L1 gradient; for kind 'l2' differentiate (λ/2)·w²."))
        return wrong(
            tr(
                "for kind {kind!r}, λ = {lam}: check the derivative of one term of the sum.",
                kind=kind,
                lam=lam,
            )
        )
    return right(
        tr(
            "L2 adds λ·w, a pull that fades as w shrinks; L1 adds λ·sign(w), the same pull "
            "however small w is — which is why L1 drives weights all the way to zero."
        )
    )


DECAY_ETA, DECAY_LAM = 0.5, 0.01


def _halving_steps(eta: float = DECAY_ETA, lam: float = DECAY_LAM) -> int:
    """Steps of weight decay alone, w ← (1 − ηλ)·w, until w has fallen to half or less."""
    steps, w = 0, 1.0
    while w > 0.5:
        w *= 1.0 - eta * lam
        steps += 1
    return steps


def check_halving_steps(steps) -> Feedback:
    """Exercise 07.2: with L2 at λ = 0.01 and η = 0.5 and no data gradient, after how many
    steps is a weight first at half its size or less?"""
    value, fail = as_number(steps, tr("the number of steps"))
    if fail is not None:
        return fail
    want = _halving_steps()
    if abs(value - want) <= 1:
        return right(
            tr(
                "{n} steps: each multiplies w by 1 − ηλ = {f:g}, so (1 − ηλ)ⁿ = ½ gives "
                "n = ln 2 / −ln(1 − ηλ) ≈ ln 2 / (ηλ). Decay shrinks a weight in proportion "
                "to its size: it never reaches exactly 0.",
                n=want,
                f=1 - DECAY_ETA * DECAY_LAM,
            )
        )
    if abs(value - _halving_steps(DECAY_ETA, DECAY_LAM / 2)) <= 1:
        return wrong(tr("differentiate (λ/2)·w²: the ½ cancels, the factor per step is 1 − ηλ."))
    if abs(value - 0.5 / (DECAY_ETA * DECAY_LAM)) <= 1:
        return wrong(
            tr("that is how long L1 would take (it subtracts ηλ each step); L2 multiplies.")
        )
    return wrong(tr("one step multiplies w by 1 − ηλ; find the smallest n with (1 − ηλ)ⁿ ≤ ½."))


def _as_fraction(value: float) -> float:
    """An accuracy given as a fraction (0.8) or in percent (80) → a fraction."""
    return value / 100 if value > 1 else value


def check_clean_fit_accuracy(accuracy) -> Feedback:
    """Exercise 07.3 (predict, then check with the panel): the training accuracy of a
    network that has learned the three arms exactly and none of the wrong labels (a fifth
    of the training labels are wrong). A fraction (0.8) or a percentage (80) is accepted."""
    value, fail = as_number(accuracy, tr("the training accuracy (a fraction or a percentage)"))
    if fail is not None:
        return fail
    wrong_share = DATA_CONFIG["wrong_labels"]
    n = 3 * DATA_CONFIG["n_per_class"] // 2  # training points: half of the 3 arms' points
    if not 0 <= value <= 100:
        return wrong(tr("an accuracy lies between 0 and 1 (or 0 and 100 %)."))
    if value > 1 and abs(value - (1 - wrong_share) * n) < 0.5:
        return wrong(
            tr("that is a number of points; give the accuracy, the share of all {n}.", n=n)
        )
    frac = _as_fraction(value)
    if abs(frac - (1 - wrong_share)) <= 0.02:
        return right(
            tr(
                "{acc} %: the training accuracy is measured against the labels the network "
                "was given, and a network that found the true arms disagrees with exactly the "
                "{k} wrong ones (a little less still, where the noisy arms overlap). A training "
                "accuracy above it means the network has learned wrong labels — in the panel, "
                "λ = 0 lies above it, and the λ that validation prefers brings it down to "
                "about this value.",
                acc=round(100 * (1 - wrong_share)),
                k=round(wrong_share * n),
            )
        )
    if abs(frac - 1) <= 0.02:
        return wrong(
            tr(
                "training accuracy counts agreement with the given labels, and some of them "
                "are wrong: what does a network that follows the true arms predict there?"
            )
        )
    if abs(frac - wrong_share) <= 0.02:
        return wrong(
            tr("that is the share of wrong labels; the accuracy counts the points it gets right.")
        )
    return wrong(
        tr(
            "count the training points where the true arm and the given label agree: the "
            "network that learned the arms is right exactly there."
        )
    )


BAND_LAM = 0.01  # exercise 07.4: L1 at this λ, the experiment's η


def check_sparse_penalty(band) -> Feedback:
    """Exercise 07.4 (predict, then check with the panel): with L1 at λ = 0.01 and the
    experiment's step η = 0.1, within what distance of 0 do the weights that L1 switched
    off keep hopping? (The half-width of the band round 0, a number.)"""
    value, fail = as_number(band, tr("the half-width of the band"))
    if fail is not None:
        return fail
    eta = NET_CONFIG["eta"]
    want = eta * BAND_LAM

    def near(x: float) -> bool:
        return math.isclose(value, x, rel_tol=0.05)

    if near(want):
        return right(
            tr(
                "ηλ = {eta:g} × {lam:g}: one L1 step moves a weight by ηλ towards 0, so a "
                "weight the data do not need overshoots 0 and hops across it, never more "
                "than ηλ away. That is why sparsity is counted as |w| ≤ ηλ, a threshold that "
                "grows with λ (a fixed one, such as 0.01, misses the hopping weights as soon "
                "as ηλ exceeds it).",
                eta=eta,
                lam=BAND_LAM,
            )
        )
    if value == 0:
        return wrong(
            tr(
                "a step of fixed size ηλ cannot stop exactly at 0: it jumps over it. How far "
                "can it land on the other side?"
            )
        )
    if near(BAND_LAM):
        return wrong(tr("that is λ; a step moves the weight by η times the gradient λ·sign(w)."))
    if near(0.5 * BAND_LAM):
        return wrong(
            tr(
                "that uses η = 0.5 of section 3; the experiment (and the panel) trains with "
                "its own η."
            )
        )
    if near(2 * want) or near(want / 2):
        return wrong(
            tr(
                "follow one weight just above 0: one step takes ηλ off it. Where can it land, "
                "at most?"
            )
        )
    return wrong(tr("one L1 step changes a weight by η·λ·sign(w); how far past 0 can it go?"))
