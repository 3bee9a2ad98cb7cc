"""Entropy, cross-entropy and KL divergence: the lesson's examples and scans (notebook 05).

- the four measures of a pair of distributions, and the weights → distribution rule of the
  panel (:func:`information_measures`, :func:`normalise_weights`);
- the pairs the lesson is built on: the curriculum's worked example, an overconfident model
  whose two KL divergences differ a lot (the panel's default), the cat/dog/horse prediction;
- a path of predictions through p (:func:`path_measures`), every distribution on a grid
  (:func:`simplex_grid`), for "minimising H(p, q) minimises KL(p‖q)" and Gibbs' inequality;
- binary cross-entropy as the cross-entropy of two outcomes (:func:`two_outcomes`,
  :func:`bce_scan`), and the likelihood of a small labelled data set (:data:`PHOTOS`,
  :func:`likelihood`).

Every value is computed by :mod:`lessons_lib.information`, :mod:`lessons_lib.losses` and
:mod:`lessons_lib.activations`; nothing here draws.

A measure is never printed as "−0.0000": :func:`lessons_lib.information.entropy` and
``cross_entropy`` compute 0 − Σ …, and 0 − (±0) is +0 in IEEE arithmetic, while
``kl_divergence`` takes max(·, 0); so a zero is +0.0 and every value is ≥ +0 (the tests
check the sign bit).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from ..activations import softmax
from ..i18n import N_
from ..information import cross_entropy, entropy, kl_divergence
from ..losses import binary_cross_entropy
from ..losses import cross_entropy as cross_entropy_loss

__all__ = [
    "MEASURES",
    "WORKED_EXAMPLE",
    "OVERCONFIDENT",
    "CAT_DOG_HORSE",
    "LOSS_CASES",
    "PHOTOS",
    "information_measures",
    "normalise_weights",
    "path_measures",
    "simplex_grid",
    "two_outcomes",
    "bce_scan",
    "Likelihood",
    "likelihood",
]

MEASURES = ("H(p)", "H(p, q)", "KL(p‖q)", "KL(q‖p)")

# (p, q) pairs of the lesson
WORKED_EXAMPLE = ((0.5, 0.3, 0.2), (0.4, 0.4, 0.2))  # the curriculum's: 1.0297, 1.0549, 0.0253
OVERCONFIDENT = ((0.5, 0.3, 0.2), (0.96, 0.02, 0.02))  # KL(p‖q) 0.9468 vs KL(q‖p) 0.5260
CAT_DOG_HORSE = ((1.0, 0.0, 0.0), (0.67, 0.24, 0.09))  # a cat, and the model's prediction

# the probability a model gives the true class, and what the lesson calls that prediction
LOSS_CASES = (
    (N_("right and confident"), 0.95),
    (N_("the cat above"), 0.67),
    (N_("right but unsure"), 0.35),
    (N_("wrong"), 0.05),
)

# five labelled photos and a model's scores for them (the first is notebook 03's)
PHOTOS = {
    "classes": (N_("cat"), N_("dog"), N_("horse")),
    "logits": np.array(
        [
            [10.0, 9.0, 8.0],
            [1.0, 3.0, 0.5],
            [0.2, 1.5, 2.0],
            [2.0, 2.2, -1.0],
            [3.0, 0.5, 0.0],
        ]
    ),
    "labels": np.array([0, 1, 2, 0, 1]),
}


def normalise_weights(weights) -> np.ndarray:
    """Weights ≥ 0 (K,) → a probability vector w / Σw; all zeros give the uniform vector.

    Every entry is ≤ 1 (w_i ≤ Σw, and division rounds monotonically), so the measures of
    the result are never below 0.
    """
    weights = np.asarray(weights, dtype=np.float64)
    if weights.ndim != 1 or weights.size == 0 or not np.all(np.isfinite(weights)):
        raise ValueError("weights: expected a non-empty vector of finite numbers")
    if np.any(weights < 0):
        raise ValueError("weights: expected numbers ≥ 0")
    total = weights.sum()
    if total <= 0:
        return np.full(weights.size, 1.0 / weights.size)
    return weights / total


def information_measures(p, q) -> dict[str, float]:
    """{"H(p)", "H(p, q)", "KL(p‖q)", "KL(q‖p)"} in nats (may be ``inf``), via
    :mod:`lessons_lib.information`. Each is ≥ +0.0 (never −0.0)."""
    values = (entropy(p), cross_entropy(p, q), kl_divergence(p, q), kl_divergence(q, p))
    return {name: float(v) for name, v in zip(MEASURES, values)}


def path_measures(p, t):
    """Predictions q(t) = [t, (1 − t)·p₂/(1 − p₁), (1 − t)·p₃/(1 − p₁), …] that move the
    first probability and keep the others in p's proportions; q(p₁) = p.

    p: (K,) with p₁ < 1; t: (T,) in (0, 1). Returns (q (T, K), H(p, q(t)) (T,),
    KL(p‖q(t)) (T,)).
    """
    p = np.asarray(p, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    if p.ndim != 1 or p.size < 2 or not p[0] < 1.0:
        raise ValueError("p: expected a distribution (K,) with K ≥ 2 and p₁ < 1")
    if t.ndim != 1 or np.any(t <= 0.0) or np.any(t >= 1.0):
        raise ValueError("t: expected a vector of numbers strictly between 0 and 1")
    rest = p[1:] / (1.0 - p[0])
    q = np.column_stack([t, np.outer(1.0 - t, rest)])
    return q, cross_entropy(p, q), kl_divergence(p, q)


def simplex_grid(step: float, k: int = 3, *, low: float = 0.0) -> np.ndarray:
    """Every distribution over ``k`` outcomes whose entries are multiples of ``step``
    (1/step an integer) and ≥ ``low``: (M, k), M = C(n + k − 1, k − 1) for low = 0.

    Entries are i·step computed as i / n, so 0.3 is the same float as the literal 0.3.
    """
    n = round(1.0 / step)
    if n < 1 or not math.isclose(n * step, 1.0):
        raise ValueError(f"step: expected 1/n for a whole number n, got {step}")
    if not (isinstance(k, int) and k >= 2):
        raise ValueError(f"k: expected a whole number ≥ 2, got {k!r}")
    rows = []
    # stars and bars: k − 1 cut points among n + k − 1 places
    for cuts in combinations(range(n + k - 1), k - 1):
        edges = (-1, *cuts, n + k - 1)
        rows.append([edges[i + 1] - edges[i] - 1 for i in range(k)])
    grid = np.array(rows, dtype=np.float64) / n
    return grid[np.all(grid >= low - 1e-12, axis=1)]


def two_outcomes(x) -> np.ndarray:
    """x (...) in [0, 1] → the two-outcome distributions [x, 1 − x] (..., 2)."""
    x = np.asarray(x, dtype=np.float64)
    if np.any(~np.isfinite(x)) or np.any(x < 0.0) or np.any(x > 1.0):
        raise ValueError("x: expected probabilities in [0, 1]")
    return np.stack([x, 1.0 - x], axis=-1)


def bce_scan(y: float, a) -> dict[str, np.ndarray | float]:
    """Binary cross-entropy of a prediction a for a target y, over a grid of a (notebook 05).

    Returns {"a", "bce" (``losses.binary_cross_entropy`` per a), "two_outcomes" (the same
    from ``information.cross_entropy`` of [y, 1 − y] and [a, 1 − a]), "kl" (KL of those
    two), "a_best", "bce_min", "entropy" (H([y, 1 − y]))}.
    """
    y = float(y)
    if not 0.0 <= y <= 1.0:
        raise ValueError(f"y: expected a probability in [0, 1], got {y}")
    a = np.asarray(a, dtype=np.float64)
    if a.ndim != 1 or a.size == 0 or np.any(a <= 0.0) or np.any(a >= 1.0):
        raise ValueError("a: expected a vector of predictions strictly between 0 and 1")
    bce = binary_cross_entropy(a, np.full_like(a, y), reduction="none")
    p, q = two_outcomes(y), two_outcomes(a)
    best = int(np.argmin(bce))
    return {
        "a": a,
        "bce": bce,
        "two_outcomes": cross_entropy(p, q),
        "kl": kl_divergence(p, q),
        "a_best": float(a[best]),
        "bce_min": float(bce[best]),
        "entropy": float(entropy(p)),
    }


@dataclass(frozen=True)
class Likelihood:
    """A model's probabilities for a labelled data set and what they give.

    probabilities: (N, K) softmax of the logits; true: (N,) the probability of each true
    class; likelihood: Π true; nll: −ln of that product (inf if it underflows);
    summed_cost: ``losses.cross_entropy(logits, labels, reduction="sum")``, computed with
    log-softmax (never underflows).
    """

    probabilities: np.ndarray
    true: np.ndarray
    likelihood: float
    nll: float
    summed_cost: float


def likelihood(logits, labels) -> Likelihood:
    """The likelihood Π_n a_{y_n} of labels (N,) under logits (N, K), and −ln of it, next
    to the summed cross-entropy cost Σ_n −ln a_{y_n} (notebook 05)."""
    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels)
    if logits.ndim != 2:
        raise ValueError(f"logits: expected shape (N, K), got {logits.shape}")
    if labels.shape != logits.shape[:1]:
        raise ValueError(f"labels: expected shape ({logits.shape[0]},), got {labels.shape}")
    a = softmax(logits)
    true = a[np.arange(len(labels)), labels]
    product = float(np.prod(true))
    with np.errstate(divide="ignore"):
        nll = float(0.0 - np.log(product))  # +inf once the product underflows to 0; 0 − 0 = +0
    summed = float(cross_entropy_loss(logits, labels, reduction="sum"))
    return Likelihood(a, true, product, nll, summed)
