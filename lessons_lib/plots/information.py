"""Plots for entropy, cross-entropy and KL divergence (notebook 05).

- :func:`plot_distributions` — p (the truth) and q (the model) over up to ``k_max``
  outcomes as paired bars;
- :func:`plot_identity` — the identity H(p, q) = H(p) + KL(p‖q) as a picture: the
  cross-entropy −Σ p ln q as one bar, beside the stack of H(p) and KL(p‖q), with brackets
  naming the two parts;
- :func:`plot_kl_pair` — KL(p‖q) beside KL(q‖p) on their own axis (they differ);
- :func:`plot_neg_log` — the loss −ln q of the true class, with predictions marked;
- :func:`plot_cross_entropy_vs_kl` — H(p, q(t)) and KL(p‖q(t)) along a path of
  predictions: the same curve shifted by H(p).

Colours by concept (:data:`lessons_lib.plots.style.COLORS`): ``p`` black, ``q`` sky blue
(hatched), ``entropy`` grey, ``kl`` yellow with a dark edge (KL(q‖p) hatched),
``cross_entropy`` blue. ``plot_*`` draws on a given Axes and returns its artists;
``update_*`` changes them in place. Values are in nats; a value may be ``inf`` (drawn to the
top edge and labelled ∞).
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib import patheffects

from ..i18n import fig_text
from .common import end_label, get_ax
from .style import COLORS, LINESTYLES, OKABE_ITO

__all__ = [
    "MEASURES",
    "INK",
    "plot_distributions",
    "update_distributions",
    "plot_identity",
    "update_identity",
    "plot_kl_pair",
    "update_kl_pair",
    "plot_neg_log",
    "plot_cross_entropy_vs_kl",
]

MEASURES = ("H(p)", "H(p, q)", "KL(p‖q)", "KL(q‖p)")  # the keys of a ``values`` mapping
INK = OKABE_ITO["black"]  # edges of light bars, brackets
KL_EDGE = {"edgecolor": INK, "linewidth": 1.0}  # yellow needs a dark edge on white paper
REVERSE_HATCH = "//"  # KL(q‖p): the same concept as KL(p‖q), told apart by a hatch
Q_HATCH = "///"
_PROBABILITY_TOPS = (0.25, 0.5, 0.75, 1.0)
_UNFITTED = 1e-9  # a new axis's top: any data leave it, so the first update fits the axis

# mathtext names of the measures
TEX = {
    "H(p)": r"$H(p)$",
    "H(p, q)": r"$H(p,q)$",
    "KL(p‖q)": r"$\mathrm{KL}(p\,\|\,q)$",
    "KL(q‖p)": r"$\mathrm{KL}(q\,\|\,p)$",
}


def _fmt(v: float) -> str:
    """A measure as it is written on a figure: 4 decimals, or ∞."""
    return f"{v:.4f}" if math.isfinite(v) else "∞"


_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def _round_up(x: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k that is ≥ x > 0."""
    e = 10.0 ** math.floor(math.log10(x))
    return next(m * e for m in _STEPS if m * e >= x * (1 - 1e-12))


def _fit_nats(ax, hi: float, floor: float) -> None:
    """Fit [0, max(hi, floor)] with a round top that changes only when the data leave the
    axis or shrink below 40 % of it: most slider moves keep the axes (a panel can blit).
    A new axis (top :data:`_UNFITTED`) is always fitted."""
    hi = max(hi, floor)
    top = ax.get_ylim()[1]
    if hi > top or hi < 0.4 * top:
        ax.set_ylim(0.0, _round_up(hi))


def _values(values) -> dict[str, float]:
    try:
        out = {name: float(values[name]) for name in MEASURES}
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"values: expected a number for each of {MEASURES}") from None
    if any(math.isnan(v) or v < 0 for v in out.values()):
        raise ValueError(f"values: every measure is a number ≥ 0 (or inf), got {out}")
    return out


# -- p and q ---------------------------------------------------------------------------------


def _fit_probabilities(ax, hi: float) -> None:
    """The probability axis: the smallest of 0.25, 0.5, 0.75, 1 that holds ``hi``; it
    changes only when the bars leave it or shrink below 40 % of it (a panel can blit)."""
    top = ax.get_ylim()[1]
    if hi > top or hi < 0.4 * top:
        top = next(t for t in _PROBABILITY_TOPS if t >= min(hi, 1.0) * (1 - 1e-12))
        ax.set_ylim(0.0, top)


def plot_distributions(p, q, *, ax=None, k_max: int = 5, labels=None):
    """p (black) and q (sky blue, hatched) side by side as paired bars.

    Bars for ``k_max`` outcomes are made once; :func:`update_distributions` shows the
    first K = len(p) of them. The y-axis fits the tallest bar (¼, ½, ¾ or 1). Returns
    {"p": BarContainer, "q": BarContainer, "legend"}.
    """
    ax = get_ax(ax)
    x = np.arange(k_max)
    width = 0.4
    bars_p = ax.bar(
        x - width / 2,
        np.zeros(k_max),
        width,
        color=COLORS["p"],
        label=fig_text("p, the truth"),
    )
    bars_q = ax.bar(
        x + width / 2,
        np.zeros(k_max),
        width,
        color=COLORS["q"],
        hatch=Q_HATCH,
        edgecolor=INK,
        linewidth=0.6,
        label=fig_text("q, the model"),
    )
    labels = labels or [str(i + 1) for i in range(k_max)]
    ax.set_xticks(x, labels)
    ax.set_xlabel(fig_text(r"outcome $i$"))
    ax.set_ylabel(fig_text("probability"))
    ax.set_ylim(0.0, _UNFITTED)
    legend = ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=2, borderaxespad=0.2)
    artists = {"p": bars_p, "q": bars_q, "legend": legend}
    update_distributions(artists, p, q)
    return artists


def update_distributions(artists, p, q) -> None:
    """Show p and q (both (K,), K ≤ k_max) in the bars of :func:`plot_distributions`."""
    p = np.asarray(p, dtype=np.float64)
    q = np.asarray(q, dtype=np.float64)
    k_max = len(artists["p"])
    K = p.shape[0] if p.ndim == 1 else 0
    if p.shape != q.shape or p.ndim != 1 or not 1 <= K <= k_max:
        raise ValueError(
            f"p, q: expected two vectors of length ≤ {k_max}, got {p.shape}, {q.shape}"
        )
    for key, values in (("p", p), ("q", q)):
        for i, bar in enumerate(artists[key]):
            bar.set_height(values[i] if i < K else 0.0)
            bar.set_visible(i < K)
    ax = artists["p"][0].axes
    ax.set_xlim(-0.6, K - 0.4)
    _fit_probabilities(ax, float(max(p.max(), q.max())))


# -- the identity H(p, q) = H(p) + KL(p‖q) ----------------------------------------------------

_BAR = 0.6  # width of the two bars, at x = 0 (cross-entropy) and x = 1 (the stack)
_TICK = 0.06
_BRACKET_X = 1.0 + _BAR / 2 + 0.06 + _TICK


def _bracket(x: float, y0: float, y1: float) -> tuple[list[float], list[float]]:
    """The corners of a "]" from y0 to y1 at x (its arms point left, to the bar)."""
    return [x - _TICK, x, x, x - _TICK], [y0, y0, y1, y1]


def plot_identity(values, *, ax=None):
    """H(p, q) = H(p) + KL(p‖q) as a picture.

    Left bar: the cross-entropy −Σ p ln q (blue). Right bar: H(p) (grey) with KL(p‖q)
    (yellow) stacked on top, each named by a bracket with its value; a dotted line at
    H(p, q) shows that the two bars end at the same height. ``values``: a mapping with the
    keys of :data:`MEASURES`. Returns {"cross_entropy", "entropy", "kl", "brackets",
    "labels", "total", "level"}.
    """
    ax = get_ax(ax)
    (ce,) = ax.bar([0.0], [0.0], _BAR, color=COLORS["cross_entropy"])
    (h,) = ax.bar([1.0], [0.0], _BAR, color=COLORS["entropy"])
    (kl,) = ax.bar([1.0], [0.0], _BAR, color=COLORS["kl"], **KL_EDGE)
    level = ax.plot([-_BAR / 2, 1.0 + _BAR / 2], [0.0, 0.0], ls=":", lw=1.2, color=INK)[0]
    brackets = [ax.plot([], [], color=c, lw=1.4)[0] for c in (COLORS["entropy"], INK)]
    labels = [
        ax.text(_BRACKET_X + 0.06, 0.0, "", va="center", ha="left", fontsize=9) for _ in range(2)
    ]
    total = ax.text(0.0, 0.0, "", ha="center", va="bottom", fontsize=9)
    ax.set_xticks([0.0, 1.0], [r"$-\Sigma_i\, p_i \ln q_i$", r"$H(p) + \mathrm{KL}(p\,\|\,q)$"])
    ax.set_xlim(-0.55, 2.45)
    ax.set_ylabel(fig_text("nats"))
    ax.set_ylim(0.0, _UNFITTED)
    artists = {
        "cross_entropy": ce,
        "entropy": h,
        "kl": kl,
        "brackets": brackets,
        "labels": labels,
        "total": total,
        "level": level,
    }
    update_identity(artists, values)
    return artists


def update_identity(artists, values) -> None:
    """Set the bars, brackets and labels of :func:`plot_identity`; the y-axis fits H(p, q)
    (round limits with hysteresis)."""
    v = _values(values)
    ax = artists["cross_entropy"].axes
    h_p, h_pq, kl = v["H(p)"], v["H(p, q)"], v["KL(p‖q)"]
    finite = [x for x in (h_p, h_pq) if math.isfinite(x)]
    _fit_nats(ax, 1.15 * max(finite, default=0.0), 0.1)
    top = ax.get_ylim()[1]
    shown = h_pq if math.isfinite(h_pq) else top
    artists["cross_entropy"].set_height(shown)
    artists["cross_entropy"].set_hatch("" if math.isfinite(h_pq) else "xx")
    artists["entropy"].set_height(h_p)
    artists["kl"].set_y(h_p)
    artists["kl"].set_height(max(shown - h_p, 0.0))
    artists["level"].set_ydata([shown, shown])
    total = artists["total"]
    total.set_text(_fmt(h_pq))
    total.set_position((0.0, min(shown + 0.01 * top, 0.93 * top)))
    # the brackets, and their labels kept apart when a part is thin
    gap = 0.1 * top
    y_h = 0.5 * h_p
    y_kl = max(0.5 * (h_p + shown), y_h + gap)
    if y_kl > 0.96 * top:
        y_kl, y_h = 0.96 * top, min(y_h, 0.96 * top - gap)
    for bracket, label, (y0, y1), y, name, value in zip(
        artists["brackets"],
        artists["labels"],
        ((0.0, h_p), (h_p, shown)),
        (y_h, y_kl),
        ("H(p)", "KL(p‖q)"),
        (h_p, kl),
    ):
        bracket.set_data(*_bracket(_BRACKET_X, y0, y1))
        label.set_text(f"{TEX[name]} = {_fmt(value)}")
        label.set_position((_BRACKET_X + 0.06, y))


# -- KL in both directions -----------------------------------------------------------------


def plot_kl_pair(values, *, ax=None):
    """KL(p‖q) and KL(q‖p) as two yellow bars on their own axis, KL(q‖p) hatched, values
    written on top (∞ drawn to the top edge). Returns {"bars", "texts"}."""
    ax = get_ax(ax)
    bars = ax.bar([0.0, 1.0], [0.0, 0.0], _BAR, color=COLORS["kl"], **KL_EDGE)
    bars[1].set_hatch(REVERSE_HATCH)
    texts = [ax.text(i, 0.0, "", ha="center", va="bottom", fontsize=9) for i in (0, 1)]
    ax.set_xticks([0.0, 1.0], [TEX["KL(p‖q)"], TEX["KL(q‖p)"]])
    ax.set_xlim(-0.6, 1.6)
    ax.set_ylabel(fig_text("nats"))
    ax.set_ylim(0.0, _UNFITTED)
    artists = {"bars": bars, "texts": texts}
    update_kl_pair(artists, values)
    return artists


def update_kl_pair(artists, values) -> None:
    """Set the two KL bars of :func:`plot_kl_pair`; the y-axis fits the finite values."""
    v = _values(values)
    ax = artists["bars"][0].axes
    kls = [v["KL(p‖q)"], v["KL(q‖p)"]]
    finite = [x for x in kls if math.isfinite(x)]
    _fit_nats(ax, 1.12 * max(finite, default=0.0), 0.05)
    top = ax.get_ylim()[1]
    for i, (bar, text, value) in enumerate(zip(artists["bars"], artists["texts"], kls)):
        ok = math.isfinite(value)
        bar.set_height(value if ok else top)
        text.set_text(_fmt(value))
        text.set_position((i, min(value, 0.93 * top) if ok else 0.97 * top))
        text.set_verticalalignment("bottom" if ok else "top")
        text.set_fontsize(9 if ok else 16)
        text.set_bbox(None if ok else {"facecolor": "white", "edgecolor": "none", "pad": 1.0})


# -- the loss of the true class ------------------------------------------------------------


def plot_neg_log(marks=(), *, ax=None, q_min: float = 0.01):
    """The loss of the true class, −ln q, on [q_min, 1], with marked predictions.

    marks: iterable of (q, label) pairs, ``label`` an English message (drawn through
    :func:`lessons_lib.i18n.fig_text`); each point is drawn and annotated with its loss.
    Returns {"curve": Line2D, "marks": [Line2D], "texts": [Annotation]}.
    """
    ax = get_ax(ax)
    if not 0.0 < q_min < 1.0:
        raise ValueError(f"q_min: expected a number in (0, 1), got {q_min}")
    q = np.linspace(q_min, 1.0, 400)
    (curve,) = ax.plot(q, 0.0 - np.log(q), color=COLORS["reference"], label=r"$-\ln q$")
    points, texts = [], []
    for qi, label in marks:
        loss = 0.0 - math.log(qi)
        (pt,) = ax.plot([qi], [loss], "o", color=COLORS["cross_entropy"], ms=7, mec=INK, mew=0.8)
        txt = ax.annotate(
            f"{fig_text(label)}\nq = {qi:.2f} → {loss:.2f}",
            (qi, loss),
            xytext=(8, 6),
            textcoords="offset points",
            fontsize=9,
        )
        points.append(pt)
        texts.append(txt)
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(0.0, -math.log(q_min) * 1.05)
    ax.set_xlabel(fig_text(r"$q$, the probability the model gives the true class"))
    ax.set_ylabel(fig_text(r"loss $-\ln q$ (nats)"))
    return {"curve": curve, "marks": points, "texts": texts}


# -- minimising cross-entropy minimises KL ---------------------------------------------------


def plot_cross_entropy_vs_kl(t, cross_entropy, kl, *, ax=None, t_best=None, xlabel=None):
    """H(p, q(t)) (blue, dashed) and KL(p‖q(t)) (yellow, dark-edged) along a path of
    predictions q(t), p fixed, each named at its end.

    The two curves differ by the constant H(p), drawn as a grey arrow at ``t_best``
    (default: the minimum of the cross-entropy), where both curves are marked: they have
    the same minimiser, q = p. Returns {"cross_entropy", "kl", "best", "arrow", "labels"}.
    """
    ax = get_ax(ax)
    t = np.asarray(t, dtype=np.float64)
    ce = np.asarray(cross_entropy, dtype=np.float64)
    kl = np.asarray(kl, dtype=np.float64)
    if not (t.ndim == 1 and t.shape == ce.shape == kl.shape and t.size >= 2):
        raise ValueError(
            f"t, cross_entropy, kl: expected three vectors of one length, got "
            f"{t.shape}, {ce.shape}, {kl.shape}"
        )
    (l_ce,) = ax.plot(
        t,
        ce,
        color=COLORS["cross_entropy"],
        ls=LINESTYLES["cross_entropy"],
        label=r"$H(p,q)$",
    )
    (l_kl,) = ax.plot(
        t,
        kl,
        color=COLORS["kl"],
        lw=2.4,
        label=r"$\mathrm{KL}(p\,\|\,q)$",
        path_effects=[patheffects.withStroke(linewidth=4.0, foreground=INK)],
    )
    i = int(np.argmin(ce)) if t_best is None else int(np.argmin(np.abs(t - t_best)))
    best = ax.plot([t[i], t[i]], [kl[i], ce[i]], ls="none", marker="o", ms=6, color=INK, zorder=4)[
        0
    ]
    arrow = ax.annotate(
        "",
        xy=(t[i], ce[i]),
        xytext=(t[i], kl[i]),
        arrowprops={"arrowstyle": "<->", "color": COLORS["entropy"], "lw": 1.5},
    )
    ax.text(
        t[i] + 0.015 * (t[-1] - t[0]),
        0.5 * (ce[i] + kl[i]),
        f"$H(p)$ = {ce[i] - kl[i]:.4f}",
        color=INK,
        va="center",
    )
    ax.annotate(
        r"$q = p$",
        (t[i], kl[i]),
        xytext=(8, 6),
        textcoords="offset points",
        fontsize=9,
        color=INK,
    )
    labels = [end_label(line) for line in (l_ce, l_kl)]
    labels[1].set_color(INK)  # yellow text is unreadable on white: the line carries the colour
    top = float(np.nanmax(np.concatenate([ce, kl])))
    ax.set_xlim(t[0], t[-1])
    ax.set_ylim(0.0, 1.05 * top)
    ax.set_ylabel(fig_text("nats"))
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    return {"cross_entropy": l_ce, "kl": l_kl, "best": best, "arrow": arrow, "labels": labels}
