"""Plots for the multiclass SVM (hinge) loss vs softmax cross-entropy (notebook 08).

Each ``plot_*`` draws on the given Axes and returns a dict of the artists it made; its
``update_*`` partner changes those artists in place. Nothing here calls ``plt.show()``.

Colours and cues (:mod:`~lessons_lib.plots.style`): the hinge is orange, solid, hatched
where it is a bar; cross-entropy blue, dashed, plain bars. A hinge term that is active (a
margin violated) has the hinge's colour (``COLORS["violated"]``), hatched; a wrong class
that has met its margin is light grey (``"met"``); the true class is black
(``"true_class"``). Every curve and bar set is keyed by a legend or a direct label.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib import patheffects
from matplotlib.patches import Patch, Rectangle

from ..experiments.hinge import LOSS_NAMES
from ..i18n import fig_text
from .common import get_ax, rescale
from .style import COLORS, LINESTYLES

__all__ = [
    "LOSS_KEYS",
    "HINGE_HATCH",
    "loss_label",
    "plot_scores",
    "update_scores",
    "plot_loss_curves",
    "update_loss_curves",
    "plot_gradient_bars",
    "update_gradient_bars",
    "plot_boundary",
    "update_boundary",
    "update_points",
    "plot_active_points",
    "update_active_points",
    "plot_margin_history",
    "update_margin_history",
]

# the two losses of the lesson: their key in plots.style and their name on a figure
LOSS_KEYS = {"hinge": "multiclass_hinge_loss", "cross_entropy": "cross_entropy"}
HINGE_HATCH = "///"
_MARKS = {"hinge": "o", "cross_entropy": "s"}
_TEXT = {"fontsize": 9}


def loss_label(name: str) -> str:
    """How loss ``name`` ("hinge", "cross_entropy") is written on a figure, translated."""
    return fig_text(LOSS_NAMES[name])


def _color(name: str) -> str:
    return COLORS[LOSS_KEYS[name]]


def _style(name: str) -> str:
    return LINESTYLES[LOSS_KEYS[name]]


# -- one example: scores, the margin and the hinge terms ----------------------------------


def plot_scores(scores, target: int, margin: float, *, names, ax=None):
    """The class scores on a number line, with the margin zone [s_y − Δ, s_y] below the
    true score and, for every wrong class inside it, its hinge term as a hatched column
    from s_y − Δ up to its score (its length is the term).

    The true class's score is black and has no term; a wrong class is orange while its
    margin is violated and light grey once it is met. Returns {"band", "top", "line",
    "top_label", "line_label", "terms", "ticks", "term_text"}.
    """
    ax = get_ax(ax)
    n = len(scores)
    x = np.arange(n)
    band = Rectangle(
        (-0.5, 0.0), n, 1.0, facecolor=COLORS["met"], alpha=0.5, edgecolor="none", zorder=0
    )
    ax.add_patch(band)
    ax.axhline(0.0, color=COLORS["reference"], lw=0.6, zorder=0)
    line_kw = {"color": COLORS["true_class"], "lw": 1.1, "zorder": 1}
    (top,) = ax.plot([-0.5, n - 0.5], [0, 0], ls="-", **line_kw)
    (line,) = ax.plot([-0.5, n - 0.5], [0, 0], ls="--", **line_kw)
    label_kw = {"ha": "right", "fontsize": 9, "color": COLORS["true_class"], "zorder": 4}
    top_label = ax.text(n - 0.52, 0, r"$s_y$", va="bottom", **label_kw)
    line_label = ax.text(n - 0.52, 0, r"$s_y - \Delta$", va="top", **label_kw)
    terms = ax.bar(
        x,
        np.zeros(n),
        width=0.42,
        facecolor="white",
        edgecolor=COLORS["violated"],
        hatch=HINGE_HATCH,
        lw=1.2,
        zorder=2,
    )
    ticks = [
        ax.plot([j - 0.3, j + 0.3], [0, 0], lw=4, solid_capstyle="butt", zorder=3)[0] for j in x
    ]
    term_text = [ax.text(j, 0, "", ha="center", va="bottom", zorder=4, **_TEXT) for j in x]
    ax.set_xticks(x, [fig_text(c) for c in names])
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_xlabel(fig_text("class $j$"))
    ax.set_ylabel(fig_text("score $s_j$"))
    artists = {
        "band": band,
        "top": top,
        "line": line,
        "top_label": top_label,
        "line_label": line_label,
        "terms": terms,
        "ticks": ticks,
        "term_text": term_text,
    }
    update_scores(artists, scores, target, margin)
    return artists


def update_scores(artists, scores, target: int, margin: float) -> None:
    """Move the scores, the margin zone and the term columns of :func:`plot_scores`."""
    s = np.asarray(scores, dtype=np.float64)
    line = s[target] - margin  # a wrong score above it has a positive term
    ax = artists["top"].axes
    lo, hi = min(float(s.min()), line), max(float(s.max()), float(s[target]))
    pad = 0.22 * max(hi - lo, 2.0)  # room for the labels above the scores
    rescale(ax, lo - 0.5 * pad, hi + pad)
    artists["band"].set_y(line)
    artists["band"].set_height(margin)
    artists["top"].set_ydata([s[target]] * 2)
    artists["line"].set_ydata([line] * 2)
    artists["top_label"].set_y(s[target])
    artists["line_label"].set_y(line)
    for j, (bar, tick, text, v) in enumerate(
        zip(artists["terms"], artists["ticks"], artists["term_text"], s)
    ):
        term = 0.0 if j == target else max(0.0, v - line)
        bar.set_y(line)
        bar.set_height(term)
        bar.set_visible(term > 0)  # a bar of height 0 would still draw its edge
        tick.set_ydata([v, v])
        if j == target:
            tick.set_color(COLORS["true_class"])
            text.set_text(fig_text("true class:\nno term"))
        else:
            tick.set_color(COLORS["violated"] if term > 0 else COLORS["met"])
            text.set_text(fig_text("term {t:.1f}", t=term) if term > 0 else fig_text("term 0"))
        text.set_y(v + 0.04 * pad)


# -- one example: each loss as the true score rises ----------------------------------------


def _nice(x: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k that is ≥ x (x > 0)."""
    e = 10.0 ** math.floor(math.log10(max(x, 1e-9)))
    return next(m * e for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * e >= x * (1 - 1e-12))


def _fit_loss_axis(ax, top: float) -> None:
    """y-limits for the loss curves: 0 to a round value a little above ``top``, with room
    under 0 for the label of the flat hinge; kept while ``top`` stays between 50 % and
    100 % of them (hysteresis: fewer full redraws). When the curves outgrow the axis it
    gets a third to spare, so that a drag redraws it once every few moves."""
    lo, hi = ax.get_ylim()
    if 0.5 * hi <= top <= hi and lo < 0:
        return
    nice = _nice((1.33 if top > hi else 1.08) * top)
    ax.set_ylim(-0.16 * nice, nice)


def plot_loss_curves(grid, curves: dict, s_y: float, now: dict, *, ax=None):
    """The hinge loss and cross-entropy of one example against its true score s_y (the
    other scores fixed), with a dot at the current s_y and a dotted line where every
    margin is met (s_y = max_{j≠y} s_j + Δ): the hinge is exactly 0 from there on,
    cross-entropy only approaches 0 (both values at the right edge are written there).

    curves: {"hinge", "cross_entropy", "met_at"} as from
    :func:`lessons_lib.experiments.hinge.losses_vs_true_score`; now: the two losses at s_y.
    Returns {"curves", "dots", "met", "ends"}.
    """
    ax = get_ax(ax)
    lines, dots, ends = {}, {}, {}
    for name in LOSS_KEYS:
        (lines[name],) = ax.plot(
            grid, curves[name], color=_color(name), ls=_style(name), label=loss_label(name)
        )
        (dots[name],) = ax.plot(
            [s_y], [now[name]], _MARKS[name], color=_color(name), ms=7, mec="white", zorder=4
        )
        ends[name] = ax.text(grid[-1], 0, "", ha="right", color=_color(name), zorder=4, **_TEXT)
    ax.axhline(0.0, color=COLORS["reference"], lw=0.6, zorder=0)
    # keyed in the legend (a label that moved with the line cost a redraw of its
    # mathtext on every slider move)
    met = ax.axvline(
        curves["met_at"],
        color=COLORS["bound"],
        ls=LINESTYLES["bound"],
        lw=1.2,
        label=fig_text("all margins met:\n" r"$s_y = \max_{j \neq y}\, s_j + \Delta$"),
    )
    ax.set_xlim(grid[0], grid[-1])
    ax.set_ylim(0.0, 1.0)  # fitted to the curves by the update below
    ax.set_xlabel(fig_text("score of the true class $s_y$"))
    ax.set_ylabel(fig_text("loss $L_i$"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=3)
    artists = {"curves": lines, "dots": dots, "met": met, "ends": ends}
    update_loss_curves(artists, grid, curves, s_y, now)
    return artists


def update_loss_curves(artists, grid, curves: dict, s_y: float, now: dict) -> None:
    """New curves (on ``grid``), dots, margin-met line and end values of
    :func:`plot_loss_curves`; the y-axis follows the curves (with hysteresis)."""
    top = 0.0
    for name in LOSS_KEYS:
        artists["curves"][name].set_data(grid, curves[name])
        artists["dots"][name].set_data([s_y], [now[name]])
        top = max(top, float(np.max(curves[name])))
    met_at = curves["met_at"]
    artists["met"].set_xdata([met_at] * 2)
    ax = artists["met"].axes
    _fit_loss_axis(ax, top)
    # the values at the right edge: the hinge's exactly 0 under the axis line, cross-entropy's above
    h_end, ce_end = float(curves["hinge"][-1]), float(curves["cross_entropy"][-1])
    ends = artists["ends"]
    lo, hi = ax.get_ylim()
    off = 0.03 * (hi - lo)  # clear of the lines
    ends["hinge"].set_position((grid[-1], h_end - off))
    ends["hinge"].set_va("top")
    ends["hinge"].set_text(
        fig_text("hinge = 0 exactly") if h_end == 0 else fig_text("hinge = {v:.3g}", v=h_end)
    )
    ends["cross_entropy"].set_position((grid[-1], ce_end + off))
    ends["cross_entropy"].set_va("bottom")
    ends["cross_entropy"].set_text(fig_text("cross-entropy = {v:.2g}", v=ce_end))


# -- one example: the gradients -------------------------------------------------------------


def _fmt_grad(v: float) -> str:
    if v == 0.0:
        return "0"
    return f"{v:.2g}".replace("-", "−")


def plot_gradient_bars(g_hinge, g_ce, *, names, ax=None):
    """∂L/∂s_j of the hinge loss (orange, hatched) and of cross-entropy (blue), side by
    side for each class, each with its value written at its end: a hinge bar is exactly
    "0" for a class whose margin is met, a cross-entropy bar never is. The y-axis is fixed
    to the range these gradients can take (the true class's hinge gradient reaches
    −(C − 1), every other one lies in [−1, 1]): a fitted axis would draw a gradient of
    0.002 as long as one of 1.

    Returns {"hinge", "cross_entropy"} bar containers and {"values": {name: [Text]}}.
    """
    ax = get_ax(ax)
    n = len(g_hinge)
    x = np.arange(n)
    width = 0.38
    artists = {"values": {}}
    for name, shift in (("hinge", -width / 2), ("cross_entropy", width / 2)):
        hinge = name == "hinge"
        artists[name] = ax.bar(
            x + shift,
            np.zeros(n),
            width,
            facecolor="white" if hinge else _color(name),
            edgecolor=_color(name),
            hatch=HINGE_HATCH if hinge else None,
            lw=1.2,
        )
        artists["values"][name] = [
            ax.text(j + shift, 0, "", ha="center", color="0.15", **_TEXT) for j in x
        ]
    ax.axhline(0.0, color=COLORS["reference"], lw=0.6)
    ax.set_xticks(x, [fig_text(c) for c in names])
    ax.set_xlim(-0.6, n - 0.4)
    ax.set_ylim(-(n - 1) - 0.6, 1.6)  # what the gradients can reach, with room for values
    ax.set_xlabel(fig_text("class $j$"))
    ax.set_ylabel(r"$\partial L_i / \partial s_j$")
    ax.legend(
        handles=[
            Patch(
                facecolor="white",
                edgecolor=_color("hinge"),
                hatch=HINGE_HATCH,
                label=loss_label("hinge"),
            ),
            Patch(facecolor=_color("cross_entropy"), label=loss_label("cross_entropy")),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2),
        ncols=2,
    )
    update_gradient_bars(artists, g_hinge, g_ce)
    return artists


def update_gradient_bars(artists, g_hinge, g_ce) -> None:
    """New gradients into :func:`plot_gradient_bars` (its y-axis stays as it is)."""
    values = {"hinge": np.asarray(g_hinge, float), "cross_entropy": np.asarray(g_ce, float)}
    ax = artists["hinge"][0].axes
    span = np.diff(ax.get_ylim())[0]
    for name, g in values.items():
        for bar, text, v in zip(artists[name], artists["values"][name], g):
            bar.set_height(v)
            text.set_text(_fmt_grad(v))
            text.set_y(v + (0.02 * span if v >= 0 else -0.02 * span))
            text.set_va("bottom" if v >= 0 else "top")


# -- a classifier on the plane --------------------------------------------------------------


def plot_boundary(x, y, name: str, *, ax=None):
    """A classifier's decision boundary (``x``, ``y`` from
    :func:`lessons_lib.experiments.hinge.boundary_lines`) in its loss's colour and line
    style, with a white edge so it reads over the class regions. Returns the Line2D."""
    ax = get_ax(ax)
    (line,) = ax.plot(
        x,
        y,
        color=_color(name),
        ls=_style(name),
        lw=1.8,
        label=loss_label(name),
        path_effects=[patheffects.withStroke(linewidth=3.6, foreground="white")],
        zorder=3,
    )
    return line


def update_boundary(line, x, y) -> None:
    """Move the boundary of :func:`plot_boundary`."""
    line.set_data(x, y)


def update_points(artists, X: np.ndarray, y: np.ndarray) -> None:
    """Show other points (X, y) in the class scatters of ``plots.common.plot_decision_regions``."""
    for k, scatter in enumerate(artists["train"]):
        scatter.set_offsets(np.asarray(X)[np.asarray(y) == k])


def plot_active_points(X: np.ndarray, active: np.ndarray, *, ax=None):
    """Ring the examples whose loss gradient is not zero (``active``: (N,) bool).

    Returns {"rings": Line2D, "X": X}.
    """
    ax = get_ax(ax)
    (rings,) = ax.plot([], [], "o", ms=7.5, mfc="none", mec=COLORS["true_class"], mew=0.9, zorder=4)
    artists = {"rings": rings, "X": X}
    update_active_points(artists, active)
    return artists


def update_active_points(artists, active: np.ndarray, X: np.ndarray | None = None) -> None:
    """Ring a new set of examples in :func:`plot_active_points` (of new points ``X``)."""
    if X is not None:
        artists["X"] = X
    X = artists["X"][np.asarray(active, dtype=bool)]
    artists["rings"].set_data(X[:, 0], X[:, 1])


# -- training: who still pushes, and the size of W -----------------------------------------


def plot_margin_history(fits: dict, epoch: int, *, ax_active=None, ax_norm=None):
    """For each :class:`~lessons_lib.linear.LinearFit` ({"hinge", "cross_entropy"}): the
    examples still pushing (non-zero loss gradient) and ‖W‖ against epoch, with a cursor
    at ``epoch`` and the counts there written beside the lines. Returns {"active": {name:
    Line2D}, "norm": {name: Line2D}, "cursors": [Line2D, Line2D], "counts": {name: Text}}."""
    ax_active, ax_norm = get_ax(ax_active), get_ax(ax_norm)
    active, norm = {}, {}
    for name in fits:
        kw = {"color": _color(name), "ls": _style(name), "label": loss_label(name)}
        (active[name],) = ax_active.plot([], [], **kw)
        (norm[name],) = ax_norm.plot([], [], **kw)
    cursor = {"color": COLORS["reference"], "lw": 0.9, "ls": ":"}
    cursors = [ax.axvline(epoch, **cursor) for ax in (ax_active, ax_norm)]
    counts = {  # how many push at the cursor, written beside each line
        name: ax_active.text(epoch, 0, "", color=_color(name), va="bottom", **_TEXT)
        for name in fits
    }
    ax_active.set_ylabel(fig_text(r"examples with $\partial L_i/\partial s \neq 0$"))
    ax_norm.set_ylabel(r"$\|W\|$")
    for ax in (ax_active, ax_norm):
        ax.set_xlabel(fig_text("epoch"))
    ax_active.legend(loc="center right")
    artists = {"active": active, "norm": norm, "cursors": cursors, "counts": counts}
    update_margin_history(artists, fits, epoch)
    return artists


def update_margin_history(artists, fits: dict, epoch: int) -> None:
    """New runs (same names) and cursor position for :func:`plot_margin_history`."""
    top_norm, top_active, last = 1e-3, 1, 1
    for name, fit in fits.items():
        e = np.arange(fit.epochs + 1)
        artists["active"][name].set_data(e, fit.n_active)
        artists["norm"][name].set_data(e, fit.weight_norm)
        top_norm = max(top_norm, float(fit.weight_norm.max()))
        top_active = max(top_active, int(fit.n_active.max()))
        last = max(last, fit.epochs)
    for c in artists["cursors"]:
        c.set_xdata([epoch, epoch])
        c.axes.set_xlim(0, last)
    ax_active, ax_norm = (c.axes for c in artists["cursors"])
    if ax_active.get_ylim() != (0.0, 1.08 * top_active):
        ax_active.set_ylim(0.0, 1.08 * top_active)  # every example pushes at W = 0
    lo, hi = ax_norm.get_ylim()
    if not (lo <= 0 and 0.6 * hi <= top_norm <= hi):
        ax_norm.set_ylim(-0.02 * _nice(1.05 * top_norm), _nice(1.05 * top_norm))
    for name, text in artists.get("counts", {}).items():
        k = int(fits[name].n_active[min(epoch, fits[name].epochs)])
        text.set_position((epoch, k + 0.04 * top_active))
        text.set_ha("right" if epoch > 0.6 * last else "left")
        text.set_text(f" {k} " if epoch <= 0.6 * last else f"{k} ")
