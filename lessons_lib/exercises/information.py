"""Exercise checks for notebook 05 (entropy, KL divergence and cross-entropy).

- :func:`check_entropy` — the learner's entropy of every row of a matrix (rows with zeros);
- :func:`check_kl_asymmetry` — predict, then check with the panel: KL(p‖q) and KL(q‖p)
  for a nearly certain p and a uniform q;
- :func:`check_negative_log_likelihood` — −ln of the likelihood of 50 labelled photos.
"""

from __future__ import annotations

import math

import numpy as np

from ..i18n import tr
from ..information import entropy, kl_divergence
from ._feedback import Feedback, as_number, call_learner, right, same, wrong

__all__ = [
    "check_entropy",
    "check_kl_asymmetry",
    "check_negative_log_likelihood",
]

ASYMMETRY_P = np.array([0.98, 0.01, 0.01])  # nearly certain
ASYMMETRY_Q = np.full(3, 1.0 / 3.0)  # uniform
PANEL_DEFAULT = (np.array([0.5, 0.3, 0.2]), np.array([0.96, 0.02, 0.02]))
NLL_PHOTOS, NLL_TRUE = 50, 0.9  # 50 photos, the true class given 0.9 on each


def _close(value: float, want: float, tol: float = 5e-4) -> bool:
    return abs(value - want) <= tol


def check_entropy(fn) -> Feedback:
    """Exercise 05.1: ``fn(P)`` → H(p) in nats for each row p of P (N, K); rows may hold 0."""
    P = np.array(
        [
            [0.5, 0.3, 0.2, 0.0],
            [0.25, 0.25, 0.25, 0.25],
            [1.0, 0.0, 0.0, 0.0],
            [0.7, 0.1, 0.1, 0.1],
        ]
    )
    got, fail = call_learner(fn, P.copy())
    if fail is not None:
        return fail
    want = entropy(P)
    if same(got, want):
        return right(tr("H(p) = −Σ p ln p ≥ 0, with 0·ln 0 = 0; a one-hot p has entropy 0."))
    if got.shape != want.shape:
        return wrong(
            tr(
                "one entropy per row: expected shape {want}, got {got}.",
                want=want.shape,
                got=got.shape,
            )
        )
    if not np.all(np.isfinite(got)):
        return wrong(
            tr(
                "a row with a 0 gives 0·ln 0 = 0·(−∞) = NaN in NumPy; by convention the term "
                "is 0 (p ln p → 0 as p → 0): leave those entries out."
            )
        )
    if same(got, -want):
        return wrong(tr("an entropy is never negative: the definition has a minus sign in front."))
    if same(got, want / math.log(2)) or same(got, want / math.log(10)):
        return wrong(tr("use the natural log (nats), as the rest of the lesson does."))
    return wrong(tr("sum −p_i ln p_i over each row (axis=1)."))


def _pair(value):
    """(KL(p‖q), KL(q‖p)) as two floats, or (None, Feedback)."""
    if value is None or value is ...:
        return None, wrong(
            tr("replace `...` with the two values you read from the panel: (KL(p‖q), KL(q‖p)).")
        )
    if isinstance(value, (str, bytes, dict)) or callable(value):
        return None, wrong(tr("give the two values as a pair of numbers: (KL(p‖q), KL(q‖p))."))
    try:
        items = list(value)
    except TypeError:
        return None, wrong(tr("give the two values as a pair of numbers: (KL(p‖q), KL(q‖p))."))
    if len(items) != 2:
        return None, wrong(
            tr("give exactly two values, (KL(p‖q), KL(q‖p)); got {n}.", n=len(items))
        )
    out = []
    for item, what in zip(items, ("KL(p‖q)", "KL(q‖p)")):
        number, fail = as_number(item, what)
        if fail is not None:
            return None, fail
        if not math.isfinite(number):
            return None, wrong(
                tr("{what} is a finite number for these two distributions.", what=what)
            )
        out.append(number)
    return tuple(out), None


def _prediction_note(prediction, ratio: float) -> str:
    """What the learner's predicted ratio KL(q‖p) / KL(p‖q) got right or missed."""
    if prediction is None or prediction is ...:
        return tr("Next time write your predicted ratio down first: predicting is the point.")
    guess, fail = as_number(prediction, tr("your predicted ratio"))
    if fail is not None or not math.isfinite(guess):
        return tr("Your prediction was not a number, so there is nothing to compare.")
    if guess <= 1.0:
        return tr(
            "You predicted KL(p‖q) to be at least as large ({guess:.2g}): the distribution "
            "that does the weighting decides which small probabilities are seen.",
            guess=guess,
        )
    if abs(guess - ratio) <= 0.25 * ratio:
        return tr(
            "Your prediction, {guess:.2g}, had the right direction and size.",
            guess=guess,
        )
    return tr(
        "Your prediction, {guess:.2g}, had the right direction; the size is {ratio:.1f}.",
        guess=guess,
        ratio=ratio,
    )


def check_kl_asymmetry(readings, *, prediction=None) -> Feedback:
    """Exercise 05.2 (predict, then check with the panel): the pair (KL(p‖q), KL(q‖p)) for
    p = [0.98, 0.01, 0.01] and a uniform q, read from the panel; ``prediction``: the ratio
    KL(q‖p) / KL(p‖q) the learner wrote down before setting the panel."""
    values, fail = _pair(readings)
    if fail is not None:
        return fail
    forward = float(kl_divergence(ASYMMETRY_P, ASYMMETRY_Q))
    reverse = float(kl_divergence(ASYMMETRY_Q, ASYMMETRY_P))
    got_f, got_r = values
    tol = 6e-4  # the readout shows 4 decimals; the bars 4 as well
    if _close(got_f, forward, tol) and _close(got_r, reverse, tol):
        ratio = reverse / forward
        rare = math.log((1.0 / 3.0) / ASYMMETRY_P[1])
        return right(
            tr(
                "KL(q‖p) is {ratio:.1f} times KL(p‖q). KL(q‖p) = Σ q ln(q/p) weights by the "
                "uniform q, so the two outcomes p nearly rules out count a third each, and "
                "each costs ln((1/3)/0.01) = {rare:.2f} nats. KL(p‖q) weights by p, which "
                "barely looks at those two outcomes.",
                ratio=ratio,
                rare=rare,
            )
            + " "
            + _prediction_note(prediction, ratio)
        )
    if _close(got_f, reverse, tol) and _close(got_r, forward, tol):
        return wrong(
            tr(
                "the two values are the other way round: give (KL(p‖q), KL(q‖p)) in that "
                "order, with p = [0.98, 0.01, 0.01] (the truth) and q uniform in the panel."
            )
        )
    if got_f < 0 or got_r < 0:
        return wrong(tr("a KL divergence is never negative (Gibbs' inequality)."))
    if _close(got_f, forward / math.log(2), 2e-3) or _close(got_r, reverse / math.log(2), 2e-3):
        return wrong(tr("use nats (the natural log), as the panel does."))
    default = PANEL_DEFAULT
    if _close(got_f, float(kl_divergence(*default)), tol) or _close(
        got_r, float(kl_divergence(default[1], default[0])), tol
    ):
        return wrong(
            tr(
                "those are the panel's starting values: set p₁ = 0.98, p₂ = p₃ = 0.01 and "
                "give the three q weights one common value first."
            )
        )
    half_set = (ASYMMETRY_P, default[1])  # p set, q left at its start
    if _close(got_f, float(kl_divergence(*half_set)), tol):
        return wrong(tr("q is not uniform yet: give the three q weights one common value."))
    if _close(got_f, forward, tol):
        return wrong(tr("KL(p‖q) is right; read KL(q‖p) again (it may be ∞ if p has a 0)."))
    return wrong(
        tr(
            "set the panel to K = 3, p weights 0.98, 0.01, 0.01 and three equal q weights, "
            "then read both KL values from the readout."
        )
    )


def check_negative_log_likelihood(value) -> Feedback:
    """Exercise 05.3: −ln L for 50 photos whose true class the model gives 0.9 each."""
    value, fail = as_number(value, tr("−ln L"))
    if fail is not None:
        return fail
    n, a = NLL_PHOTOS, NLL_TRUE
    want = n * (0.0 - math.log(a))
    if _close(value, want, 5e-3):
        return right(
            tr(
                "L = 0.9^50 is a product, so −ln L = 50 · (−ln 0.9) is a sum: the summed "
                "cross-entropy cost. L is tiny ({L:.1e}) and would underflow for a real data "
                "set; the sum of logs never does, and its mean ({mean:.3f}) is the cost a "
                "trainer reports.",
                L=a**n,
                mean=-math.log(a),
            )
        )
    if _close(value, -math.log(a), 5e-4):
        return wrong(
            tr("that is the cost of one photo (the mean); −ln L adds the costs of all 50.")
        )
    if _close(value, a**n, 5e-5):
        return wrong(tr("that is the likelihood L itself; the cost is −ln L."))
    if value < 0:
        return wrong(tr("L < 1, so −ln L is positive: check the sign."))
    if _close(value, n * -math.log10(a), 5e-3) or _close(value, n * -math.log2(a), 5e-3):
        return wrong(tr("use the natural logarithm (nats)."))
    if _close(value, n * (1.0 - a), 5e-3):
        return wrong(tr("the cost of a photo is −ln 0.9, not 1 − 0.9."))
    return wrong(
        tr("L is the product of the 50 probabilities of the true classes; take −ln of it.")
    )
