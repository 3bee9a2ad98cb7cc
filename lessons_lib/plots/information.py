"""Plots for entropy, cross-entropy and KL divergence (notebook 05).

- two distributions p and q over up to ``k_max`` outcomes as paired bars;
- the four measures H(p), H(p, q), KL(p‖q), KL(q‖p) as bars, with H(p, q) drawn as the
  stack H(p) + KL(p‖q);
- the loss −ln q of the true class, with predictions marked;
- cross-entropy and KL along a path of predictions q(t): the same curve shifted by H(p).

``plot_*`` draws on a given Axes and returns its artists; ``update_*`` changes them in place.
"""

from __future__ import annotations

import math

import numpy as np

from .common import get_ax, rescale

__all__ = [
    "P_COLOR",
    "Q_COLOR",
    "MEASURES",
    "plot_distributions",
    "update_distributions",
    "plot_information_bars",
    "update_information_bars",
    "plot_neg_log",
    "plot_cross_entropy_vs_kl",
]

P_COLOR = "#2ca02c"  # the true distribution (labels)
Q_COLOR = "#1f77b4"  # the model's distribution (predictions)
KL_COLOR = "#d62728"
REVERSE_KL_COLOR = "#ff9896"
MEASURES = ("H(p)", "H(p, q)", "KL(p‖q)", "KL(q‖p)")
_MEASURE_COLORS = (P_COLOR, Q_COLOR, KL_COLOR, REVERSE_KL_COLOR)


def plot_distributions(p, q, *, ax=None, k_max: int = 5, labels=None):
    """p and q side by side as paired bars (p left, green; q right, blue).

    Bars for ``k_max`` outcomes are made once; :func:`update_distributions` shows the
    first K = len(p) of them. Returns {"p": BarContainer, "q": BarContainer}.
    """
    ax = get_ax(ax)
    x = np.arange(k_max)
    width = 0.38
    bars_p = ax.bar(x - width / 2, np.zeros(k_max), width, color=P_COLOR, label="p (true)")
    bars_q = ax.bar(x + width / 2, np.zeros(k_max), width, color=Q_COLOR, label="q (model)")
    labels = labels or [f"x{i + 1}" for i in range(k_max)]
    ax.set_xticks(x, labels)
    ax.set_ylim(0.0, 1.0)
    ax.set_yticks([0.0, 0.5, 1.0])
    ax.set_ylabel("probability")
    ax.legend(loc="upper right", fontsize=8)
    artists = {"p": bars_p, "q": bars_q}
    update_distributions(artists, p, q)
    return artists


def update_distributions(artists, p, q) -> None:
    """Show p and q (both (K,), K ≤ k_max) in the bars of :func:`plot_distributions`."""
    p = np.asarray(p, dtype=np.float64)
    q = np.asarray(q, dtype=np.float64)
    k_max = len(artists["p"])
    K = p.shape[0]
    if p.shape != q.shape or p.ndim != 1 or not 1 <= K <= k_max:
        raise ValueError(
            f"p, q: expected two vectors of length ≤ {k_max}, got {p.shape}, {q.shape}"
        )
    for key, values in (("p", p), ("q", q)):
        for i, bar in enumerate(artists[key]):
            bar.set_height(values[i] if i < K else 0.0)
            bar.set_visible(i < K)
    artists["p"][0].axes.set_xlim(-0.6, K - 0.4)


def plot_information_bars(values, *, ax=None):
    """Bars of the four measures in :data:`MEASURES` (nats), values written on top.

    ``values``: mapping from each name in :data:`MEASURES` to a number (``inf`` allowed:
    drawn to the top edge and labelled ∞). The H(p, q) bar is split into its two parts,
    H(p) (green) below and KL(p‖q) (red) above. Returns {"bars", "kl_part", "texts"}.
    """
    ax = get_ax(ax)
    x = np.arange(len(MEASURES))
    bars = ax.bar(x, np.zeros(len(x)), 0.6, color=_MEASURE_COLORS)
    bars[1].set_color(P_COLOR)  # the lower part of H(p, q) is H(p) …
    (kl_part,) = ax.bar([1], [0.0], 0.6, color=KL_COLOR)  # … and the upper part KL(p‖q)
    texts = [ax.text(i, 0.0, "", ha="center", va="bottom", fontsize=9) for i in x]
    ax.set_xticks(x, MEASURES)
    ax.set_ylabel("nats")
    artists = {"bars": bars, "kl_part": kl_part, "texts": texts}
    update_information_bars(artists, values)
    return artists


def update_information_bars(artists, values) -> None:
    """Set the measures of :func:`plot_information_bars`; the y-range follows the values
    (with hysteresis, see :func:`lessons_lib.plots._style.rescale`)."""
    v = np.array([float(values[name]) for name in MEASURES])
    finite = v[np.isfinite(v)]
    ax = artists["bars"][0].axes
    # round limits that change only when the values leave them or shrink a lot: most
    # slider moves then keep the axes as they are (and a panel can blit)
    rescale(ax, 0.0, 1.1 * max(float(finite.max()) if finite.size else 0.0, math.log(2.0)))
    top = ax.get_ylim()[1]
    shown = np.where(np.isfinite(v), v, top)
    h_p = shown[0]
    for i, (bar, text) in enumerate(zip(artists["bars"], artists["texts"])):
        finite = bool(np.isfinite(v[i]))
        bar.set_height(h_p if i == 1 else shown[i])
        bar.set_hatch("" if finite else "//")
        # every measure is ≥ 0: print a rounding-level −0.0000 as 0.0000
        text.set_text(f"{v[i] if v[i] > 0 else 0.0:.4f}" if finite else "∞")
        text.set_position((i, min(shown[i], top * 0.93) if finite else top * 0.97))
        text.set_verticalalignment("bottom" if finite else "top")
        text.set_fontsize(9 if finite else 16)
    artists["kl_part"].set_y(h_p)
    artists["kl_part"].set_height(max(shown[1] - h_p, 0.0))


def plot_neg_log(marks=(), *, ax=None, q_min: float = 0.01):
    """The loss of the true class, −ln q, on [q_min, 1], with marked predictions.

    marks: iterable of (q, label) pairs; each point is drawn and annotated with its loss.
    Returns {"curve": Line2D, "marks": [Line2D], "texts": [Annotation]}.
    """
    ax = get_ax(ax)
    q = np.linspace(q_min, 1.0, 400)
    (curve,) = ax.plot(q, -np.log(q), color="0.3", label="−ln q")
    points, texts = [], []
    for qi, label in marks:
        loss = -math.log(qi)
        (pt,) = ax.plot([qi], [loss], "o", color=KL_COLOR, ms=7)
        txt = ax.annotate(
            f"{label}\nq = {qi:.2f} → {loss:.2f}",
            (qi, loss),
            xytext=(8, 8),
            textcoords="offset points",
            fontsize=8,
        )
        points.append(pt)
        texts.append(txt)
    ax.set_xlim(0.0, 1.02)
    ax.set_ylim(0.0, -math.log(q_min) * 1.05)
    ax.set_xlabel("q: probability the model gives the true class")
    ax.set_ylabel("loss −ln q")
    return {"curve": curve, "marks": points, "texts": texts}


def plot_cross_entropy_vs_kl(t, cross_entropy, kl, *, ax=None, t_best=None):
    """H(p, q(t)) and KL(p‖q(t)) along a path of predictions q(t), p fixed.

    The two curves differ by the constant H(p) (drawn as an arrow at ``t_best``), so they
    have the same minimiser. Returns {"cross_entropy", "kl", "best"}.
    """
    ax = get_ax(ax)
    t = np.asarray(t, dtype=np.float64)
    ce = np.asarray(cross_entropy, dtype=np.float64)
    kl = np.asarray(kl, dtype=np.float64)
    (l_ce,) = ax.plot(t, ce, color=Q_COLOR, label="cross-entropy H(p, q)")
    (l_kl,) = ax.plot(t, kl, color=KL_COLOR, label="KL(p‖q)")
    i = int(np.argmin(ce)) if t_best is None else int(np.argmin(np.abs(t - t_best)))
    best = ax.axvline(t[i], color="0.5", ls=":", lw=1)
    ax.annotate(
        "",
        xy=(t[i], ce[i]),
        xytext=(t[i], kl[i]),
        arrowprops={"arrowstyle": "<->", "color": P_COLOR},
    )
    ax.text(
        t[i], 0.5 * (ce[i] + kl[i]), f"  H(p) = {ce[i] - kl[i]:.4f}", color=P_COLOR, va="center"
    )
    ax.set_ylim(bottom=0.0)
    ax.set_ylabel("nats")
    ax.legend(loc="upper right", fontsize=8)
    return {"cross_entropy": l_ce, "kl": l_kl, "best": best}
