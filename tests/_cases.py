"""Loss test cases shared by the value/gradient tests and the PyTorch comparison.

Each case builds an (input, target) pair kept away from kinks, a reference written
straight from the formula (loops, no shared code with lessons_lib), and the kwargs.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Case:
    name: str  # name in lessons_lib.losses.LOSSES
    make: Callable[[np.random.Generator], tuple[np.ndarray, np.ndarray]]
    ref: Callable[..., np.ndarray]  # the "none" output, written from the formula
    kwargs: dict = field(default_factory=dict)
    id: str = ""


def _away(d, kinks, gap=0.05):
    """Push differences d at least `gap` away from every kink in `kinks`."""
    d = d.copy()
    for k in kinks:
        for s in (k, -k):
            close = np.abs(d - s) < gap
            d[close] = s + gap * np.where(d[close] >= s, 1.0, -1.0) * 1.5
    return d


def _real(rng, kinks=()):
    x = rng.normal(size=(4, 3)) * 2
    d = _away(rng.normal(size=(4, 3)) * 2, kinks)
    return x, x - d


def _probs(rng):
    return rng.uniform(0.05, 0.95, size=(5, 3)), rng.uniform(0, 1, size=(5, 3))


def _logits_binary(rng):
    return rng.normal(size=(5, 3)) * 3, rng.uniform(0, 1, size=(5, 3))


def _class(rng, n=6, c=4):
    return rng.normal(size=(n, c)) * 2, rng.integers(0, c, size=n)


def _class_soft(rng, n=5, c=4):
    t = rng.uniform(size=(n, c))
    return rng.normal(size=(n, c)) * 2, t / t.sum(axis=1, keepdims=True)


def _hinge_away(rng, margin, n=6, c=4):
    """Scores whose hinge terms are all at least 0.1 away from the kink at 0."""
    while True:
        x, t = _class(rng, n, c)
        h = margin - x[np.arange(n), t][:, None] + x
        h[np.arange(n), t] = 1.0
        if np.all(np.abs(h) > 0.1):
            return x, t


def ref_mse(x, y):
    return (x - y) ** 2


def ref_l1(x, y):
    return np.abs(x - y)


def ref_smooth_l1(x, y, beta):
    out = np.empty_like(x)
    for i, d in np.ndenumerate(x - y):
        out[i] = 0.5 * d * d / beta if abs(d) < beta else abs(d) - 0.5 * beta
    return out


def ref_huber(x, y, delta):
    out = np.empty_like(x)
    for i, d in np.ndenumerate(x - y):
        out[i] = 0.5 * d * d if abs(d) < delta else delta * (abs(d) - 0.5 * delta)
    return out


def ref_quadratic(a, y):
    return np.array([0.5 * sum((ai - yi) ** 2 for ai, yi in zip(ra, ry)) for ra, ry in zip(a, y)])


def ref_bce(x, y):
    out = np.empty_like(x)
    for i in np.ndindex(x.shape):
        out[i] = -(y[i] * max(math.log(x[i]), -100) + (1 - y[i]) * max(math.log(1 - x[i]), -100))
    return out


def ref_bce_logits(z, y):
    out = np.empty_like(z)
    for i in np.ndindex(z.shape):
        a = 1 / (1 + math.exp(-z[i]))
        out[i] = -(y[i] * math.log(a) + (1 - y[i]) * math.log(1 - a))
    return out


def _logits_labels(rng):
    return rng.normal(size=(4, 3)) * 1.5, rng.integers(0, 2, size=(4, 3)).astype(np.float64)


def ref_focal(z, t, alpha=0.25, gamma=2.0):
    """torchvision.ops.sigmoid_focal_loss, written from its documented formula."""
    out = np.empty_like(z)
    for i in np.ndindex(z.shape):
        p = 1 / (1 + math.exp(-z[i]))
        ce = -(t[i] * math.log(p) + (1 - t[i]) * math.log(1 - p))
        p_t = p * t[i] + (1 - p) * (1 - t[i])
        loss = ce * (1 - p_t) ** gamma
        if alpha >= 0:
            loss *= alpha * t[i] + (1 - alpha) * (1 - t[i])
        out[i] = loss
    return out


def _softmax_row(z):
    e = [math.exp(v) for v in z]
    s = sum(e)
    return [v / s for v in e]


def ref_ce(z, t, label_smoothing=0.0):
    out = []
    C = z.shape[1]
    for row, target in zip(z, t):
        a = _softmax_row(row)
        if np.ndim(target) == 0:
            q = [1.0 if c == target else 0.0 for c in range(C)]
        else:
            q = list(target)
        q = [(1 - label_smoothing) * v + label_smoothing / C for v in q]
        out.append(-sum(qc * math.log(ac) for qc, ac in zip(q, a)))
    return np.array(out)


def ref_nll(logp, t):
    return np.array([-row[c] for row, c in zip(logp, t)])


def ref_multi_margin(x, t, p=1, margin=1.0):
    C = x.shape[1]
    return np.array(
        [
            sum(max(0.0, margin - row[c] + row[j]) ** p for j in range(C) if j != c) / C
            for row, c in zip(x, t)
        ]
    )


def ref_hinge(x, t, margin=1.0, form="sum"):
    out = []
    for row, c in zip(x, t):
        terms = [max(0.0, row[j] - row[c] + margin) for j in range(len(row)) if j != c]
        out.append(sum(terms) if form == "sum" else max(terms))
    return np.array(out)


def _log_probs(rng):
    z, t = _class(rng)
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True)), t


CASES = [
    Case("mse_loss", _real, ref_mse),
    Case("l1_loss", lambda r: _real(r, kinks=(0.0,)), ref_l1),
    Case("smooth_l1_loss", lambda r: _real(r, (0.0, 1.0)), ref_smooth_l1, {"beta": 1.0}),
    Case("smooth_l1_loss", lambda r: _real(r, (0.0, 0.5)), ref_smooth_l1, {"beta": 0.5}, "b0.5"),
    Case("huber_loss", lambda r: _real(r, (0.0, 1.0)), ref_huber, {"delta": 1.0}),
    Case("huber_loss", lambda r: _real(r, (0.0, 2.0)), ref_huber, {"delta": 2.0}, "d2"),
    Case("quadratic_cost", _real, ref_quadratic),
    Case("binary_cross_entropy", _probs, ref_bce),
    Case("binary_cross_entropy_with_logits", _logits_binary, ref_bce_logits),
    Case("sigmoid_focal_loss", _logits_labels, ref_focal),
    Case("sigmoid_focal_loss", _logits_labels, ref_focal, {"alpha": -1.0, "gamma": 0.5}, "g0.5"),
    Case("sigmoid_focal_loss", _logits_binary, ref_focal, {"alpha": 0.6, "gamma": 1.0}, "soft"),
    Case("cross_entropy", _class, ref_ce),
    Case("cross_entropy", _class_soft, ref_ce, {}, "soft"),
    Case("cross_entropy", _class, ref_ce, {"label_smoothing": 0.1}, "smooth"),
    Case("nll_loss", _log_probs, ref_nll),
    Case("multi_margin_loss", lambda r: _hinge_away(r, 1.0), ref_multi_margin),
    Case(
        "multi_margin_loss",
        lambda r: _hinge_away(r, 2.0),
        ref_multi_margin,
        {"p": 2, "margin": 2.0},
        "p2",
    ),
    Case("multiclass_hinge_loss", lambda r: _hinge_away(r, 1.0), ref_hinge),
    Case(
        "multiclass_hinge_loss",
        lambda r: _hinge_away(r, 1.0),
        ref_hinge,
        {"form": "max"},
        "max",
    ),
]


def case_id(c: Case) -> str:
    return c.name + (f"-{c.id}" if c.id else "")
