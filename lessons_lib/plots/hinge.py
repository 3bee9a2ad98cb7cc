"""Plots for the multiclass SVM (hinge) loss vs softmax cross-entropy (notebook 08).

Each ``plot_*`` draws on the given Axes and returns a dict of the artists it made; its
``update_*`` partner changes those artists in place. Nothing here calls ``plt.show()``.
"""

from __future__ import annotations

import numpy as np

from .common import get_ax, rescale

__all__ = [
    "LOSS_COLORS",
    "plot_scores",
    "update_scores",
    "plot_loss_bars",
    "update_loss_bars",
    "plot_gradient_bars",
    "update_gradient_bars",
    "plot_margin_history",
    "update_margin_history",
    "plot_active_points",
    "update_active_points",
]

LOSS_COLORS = {"hinge": "#6a3d9a", "cross_entropy": "#1f77b4"}
TRUE_COLOR, VIOLATION_COLOR, OK_COLOR = "#2ca02c", "#d62728", "0.65"


def plot_scores(scores, target: int, margin: float, *, names, ax=None, lim: float = 11.0):
    """Class scores as bars with the line s_y − Δ every wrong score must stay below.

    Green: the true class; red: a wrong class inside the margin (its hinge term is > 0);
    grey: a wrong class that has cleared it. Returns {"bars", "margin", "true", "values"}.
    """
    ax = get_ax(ax)
    x = np.arange(len(scores))
    bars = ax.bar(x, np.zeros(len(scores)), width=0.6)
    (true,) = ax.plot([-0.5, len(scores) - 0.5], [0, 0], "--", color=TRUE_COLOR, lw=1)
    (line,) = ax.plot([-0.5, len(scores) - 0.5], [0, 0], "-", color=VIOLATION_COLOR, lw=1.5)
    values = [ax.text(i, 0, "", ha="center", fontsize=8) for i in x]
    ax.axhline(0, color="0.3", lw=0.6)
    ax.set_xticks(x, names)
    ax.set_xlim(-0.5, len(scores) - 0.5)
    ax.set_ylim(-lim, lim)
    ax.set_ylabel("score s_j")
    artists = {"bars": bars, "margin": line, "true": true, "values": values}
    update_scores(artists, scores, target, margin)
    return artists


def update_scores(artists, scores, target: int, margin: float) -> None:
    """Move the bars, the s_y and s_y − Δ lines and the value labels of :func:`plot_scores`."""
    scores = np.asarray(scores, dtype=np.float64)
    line = scores[target] - margin  # a wrong bar reaching above it has a positive term
    for j, (bar, s) in enumerate(zip(artists["bars"], scores)):
        bar.set_height(s)
        bar.set_facecolor(TRUE_COLOR if j == target else VIOLATION_COLOR if s > line else OK_COLOR)
    artists["true"].set_ydata([scores[target]] * 2)
    artists["margin"].set_ydata([line] * 2)
    for i, (text, s) in enumerate(zip(artists["values"], scores)):
        text.set_position((i, s + (0.4 if s >= 0 else -1.2)))
        text.set_text(f"{s:.1f}")


def plot_loss_bars(terms, hinge: float, ce: float, *, names, hinge_label="hinge", ax=None):
    """Hinge term of each class, then the total hinge loss and the cross-entropy.

    Returns {"bars", "values", "labels"}; ``labels`` are the x tick texts (the hinge
    label changes with the convention).
    """
    ax = get_ax(ax)
    n = len(terms)
    x = np.arange(n + 2)
    colors = [OK_COLOR] * n + [LOSS_COLORS["hinge"], LOSS_COLORS["cross_entropy"]]
    bars = ax.bar(x, np.zeros(n + 2), width=0.6, color=colors)
    values = [ax.text(i, 0, "", ha="center", fontsize=8) for i in x]
    ax.axvline(n - 0.5, color="0.7", lw=0.8)
    ax.set_xticks(x, [f"term\n{c}" for c in names] + [hinge_label, "cross-\nentropy"])
    ax.set_ylabel("loss")
    artists = {"bars": bars, "values": values, "n": n}
    update_loss_bars(artists, terms, hinge, ce, hinge_label=hinge_label)
    return artists


def update_loss_bars(artists, terms, hinge: float, ce: float, *, hinge_label=None) -> None:
    """New terms and totals into :func:`plot_loss_bars` (the y-axis follows with hysteresis)."""
    heights = [*np.asarray(terms, dtype=np.float64), hinge, ce]
    for i, (bar, v, text) in enumerate(zip(artists["bars"], heights, artists["values"])):
        bar.set_height(v)
        if i < artists["n"]:  # a class's term: red while it is violated
            bar.set_facecolor(VIOLATION_COLOR if v > 0 else OK_COLOR)
        text.set_position((bar.get_x() + bar.get_width() / 2, v))
        text.set_text(f"{v:.4f}" if v < 10 else f"{v:.2f}")
    ax = artists["bars"][0].axes
    rescale(ax, 0.0, max(1.0, 1.2 * max(heights)))  # room for the value labels
    labels = [t.get_text() for t in ax.get_xticklabels()]
    if hinge_label is not None and labels[artists["n"]] != hinge_label:
        labels[artists["n"]] = hinge_label
        ax.set_xticks(ax.get_xticks(), labels)


def plot_gradient_bars(g_hinge, g_ce, *, names, ax=None, lim=(-2.2, 1.2)):
    """∂L/∂s_j of the hinge loss and of cross-entropy, side by side for each class.

    Returns {"hinge", "cross_entropy"} bar containers.
    """
    ax = get_ax(ax)
    x = np.arange(len(g_hinge))
    width = 0.38
    artists = {
        "hinge": ax.bar(x - width / 2, g_hinge, width, color=LOSS_COLORS["hinge"], label="hinge"),
        "cross_entropy": ax.bar(
            x + width / 2, g_ce, width, color=LOSS_COLORS["cross_entropy"], label="cross-entropy"
        ),
    }
    ax.axhline(0, color="0.3", lw=0.6)
    ax.set_xticks(x, names)
    ax.set_ylim(*lim)
    ax.set_ylabel("∂L/∂s_j")
    ax.legend(loc="lower right", fontsize=8)
    return artists


def update_gradient_bars(artists, g_hinge, g_ce) -> None:
    """New gradients into :func:`plot_gradient_bars`."""
    for key, g in (("hinge", g_hinge), ("cross_entropy", g_ce)):
        for bar, v in zip(artists[key], g):
            bar.set_height(v)


def plot_margin_history(fits: dict, epoch: int, *, ax_active=None, ax_norm=None, labels=None):
    """For each named :class:`~lessons_lib.network.LinearFit`: examples still pushing
    (non-zero loss gradient) and ‖W‖ against epoch, with a cursor at ``epoch``.

    Returns {"active": {name: Line2D}, "norm": {name: Line2D}, "cursors": [Line2D, Line2D]}.
    """
    ax_active, ax_norm = get_ax(ax_active), get_ax(ax_norm)
    labels = labels or {}
    active, norm = {}, {}
    for name, fit in fits.items():
        e = np.arange(fit.epochs + 1)
        kw = {"color": LOSS_COLORS.get(name), "label": labels.get(name, name)}
        (active[name],) = ax_active.plot(e, fit.n_active, **kw)
        (norm[name],) = ax_norm.plot(e, fit.weight_norm, **kw)
    cursors = [ax.axvline(epoch, color="0.4", lw=0.8, ls=":") for ax in (ax_active, ax_norm)]
    ax_active.set_yscale("symlog", linthresh=1)
    n_examples = max(int(fit.n_active.max()) for fit in fits.values())  # all push at W = 0
    ax_active.set_ylim(0, 1.5 * n_examples)
    ax_active.set_ylabel("examples with ∂L ≠ 0")
    ax_norm.set_ylabel("‖W‖")
    for ax in (ax_active, ax_norm):
        ax.set_xlabel("epoch")
    ax_norm.legend(loc="lower right", fontsize=8)
    artists = {"active": active, "norm": norm, "cursors": cursors}
    update_margin_history(artists, fits, epoch)
    return artists


def update_margin_history(artists, fits: dict, epoch: int) -> None:
    """New runs (same names) and cursor position for :func:`plot_margin_history`."""
    top_norm, last = 1e-3, 1
    for name, fit in fits.items():
        e = np.arange(fit.epochs + 1)
        artists["active"][name].set_data(e, fit.n_active)
        artists["norm"][name].set_data(e, fit.weight_norm)
        top_norm = max(top_norm, float(fit.weight_norm.max()))
        last = max(last, fit.epochs)
    for c in artists["cursors"]:
        c.set_xdata([epoch, epoch])
        c.axes.set_xlim(0, last)
    rescale(artists["cursors"][1].axes, 0.0, top_norm)


def plot_active_points(X: np.ndarray, active: np.ndarray, *, ax=None):
    """Ring the examples whose loss gradient is not zero (``active``: (N,) bool).

    Returns {"rings": Line2D}.
    """
    ax = get_ax(ax)
    (rings,) = ax.plot([], [], "o", ms=7, mfc="none", mec="k", mew=1.0)
    artists = {"rings": rings, "X": X}
    update_active_points(artists, active)
    return artists


def update_active_points(artists, active: np.ndarray) -> None:
    """Ring a new set of examples in :func:`plot_active_points`."""
    X = artists["X"][np.asarray(active, dtype=bool)]
    artists["rings"].set_data(X[:, 0], X[:, 1])
