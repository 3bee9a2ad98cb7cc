"""Plots for the softmax lessons (notebooks 03, 04 and 06).

- value bars with their numbers on top (logits, probabilities, gradients): notebooks 03–04;
- the softmax Jacobian as a heat map with its entries written in: notebook 06;
- loss and accuracy curves of several training runs, filled in epoch by epoch: notebook 03;
- a map of how many labels a multi-label model switches on: notebook 04.

Each ``plot_*`` draws on the given Axes and returns a dict of the artists it made; its
``update_*`` partner changes those artists in place, so a slider never builds a new figure.
Nothing here calls ``plt.show()``.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.ticker import MaxNLocator

from .common import get_ax, set_title

__all__ = [
    "SOFTMAX_COLOR",
    "SIGMOID_COLOR",
    "TARGET_COLOR",
    "LOGIT_COLOR",
    "plot_value_bars",
    "update_value_bars",
    "plot_jacobian",
    "update_jacobian",
    "plot_histories",
    "update_history",
    "plot_label_count_map",
]

SOFTMAX_COLOR = "#1f77b4"
SIGMOID_COLOR = "#2ca02c"
TARGET_COLOR = "#ff7f0e"
LOGIT_COLOR = "#7f7f7f"
LABEL_COUNT_COLORS = ("#f0f0f0", "#9ecae1", "#4292c6", "#08306b")


# -- bars with their values written on top -------------------------------------------------


def plot_value_bars(
    values,
    labels,
    *,
    ax=None,
    color=SOFTMAX_COLOR,
    ylim=(0.0, 1.0),
    fmt="{:.3f}",
    title: str = "",
):
    """Bars of ``values`` (K,) over ``labels`` with each value written above (below) its bar.

    ``ylim`` and the ticks stay fixed, so a slider move changes only bar heights and
    texts (the cheapest redraw); values beyond ``ylim`` are drawn to the edge.
    Returns {"bars": BarContainer, "texts": [Text] * K, "fmt": fmt, "zero": Line2D}.
    """
    ax = get_ax(ax)
    labels = [str(s) for s in labels]
    x = np.arange(len(labels))
    bars = ax.bar(x, np.zeros(len(labels)), color=color, width=0.65)
    texts = [ax.text(i, 0.0, "", ha="center", va="bottom", fontsize=8, clip_on=True) for i in x]
    zero = ax.axhline(0.0, color="0.4", lw=0.8)
    ax.set_xticks(x, labels)
    ax.set_xlim(-0.6, len(labels) - 0.4)
    ax.set_ylim(*ylim)
    ax.set_yticks(MaxNLocator(4).tick_values(*ylim))
    ax.set_ylim(*ylim)
    if title:
        set_title(ax, title)
    artists = {"bars": bars, "texts": texts, "fmt": fmt, "zero": zero}
    update_value_bars(artists, values)
    return artists


def update_value_bars(artists, values, *, colors=None) -> None:
    """Set the bar heights and texts of :func:`plot_value_bars` (optionally the colours)."""
    values = np.asarray(values, dtype=np.float64)
    bars, texts = artists["bars"], artists["texts"]
    if values.shape != (len(bars),):
        raise ValueError(f"values: expected shape ({len(bars)},), got {values.shape}")
    lo, hi = bars[0].axes.get_ylim()
    pad = 0.02 * (hi - lo)
    shown = np.clip(values, lo, hi)
    for i, (bar, text, v, s) in enumerate(zip(bars, texts, values, shown)):
        bar.set_height(s)
        if colors is not None:
            bar.set_color(colors[i])
        text.set_text(artists["fmt"].format(v))
        if v >= 0:
            text.set_position((i, min(s + pad, hi - 4 * pad)))
            text.set_verticalalignment("bottom")
        else:
            text.set_position((i, max(s - pad, lo + 4 * pad)))
            text.set_verticalalignment("top")


# -- the softmax Jacobian -----------------------------------------------------------------


def plot_jacobian(J, labels, *, ax=None, vmax: float = 0.25, colorbar: bool = True):
    """Heat map of a K × K Jacobian, J[j, i] = ∂a_j/∂z_i, entries written in (notebook 06).

    The colour scale is fixed to [−vmax, vmax] (for softmax every entry lies in
    [−1/4, 1/4]), blue negative, red positive. Returns {"image", "texts", "colorbar"}.
    """
    ax = get_ax(ax)
    J = np.asarray(J, dtype=np.float64)
    K = J.shape[0]
    image = ax.imshow(J, cmap="RdBu_r", vmin=-vmax, vmax=vmax, interpolation="nearest")
    texts = [
        [ax.text(i, j, "", ha="center", va="center", fontsize=8) for i in range(K)]
        for j in range(K)
    ]
    labels = [str(s) for s in labels]
    ax.set_xticks(range(K), [f"z {s}" for s in labels])
    ax.set_yticks(range(K), [f"a {s}" for s in labels])
    ax.tick_params(length=0)
    cbar = ax.figure.colorbar(image, ax=ax, shrink=0.85) if colorbar else None
    artists = {"image": image, "texts": texts, "colorbar": cbar, "vmax": vmax}
    update_jacobian(artists, J)
    return artists


def update_jacobian(artists, J) -> None:
    """Put a new Jacobian into :func:`plot_jacobian`'s image and texts."""
    J = np.asarray(J, dtype=np.float64)
    texts = artists["texts"]
    if J.shape != (len(texts), len(texts)):
        raise ValueError(f"J: expected shape ({len(texts)}, {len(texts)}), got {J.shape}")
    artists["image"].set_data(J)
    dark = 0.6 * artists["vmax"]
    for j, row in enumerate(texts):
        for i, text in enumerate(row):
            v = J[j, i]
            text.set_text(f"{v:+.3f}" if abs(v) >= 5e-4 else "0")
            text.set_color("white" if abs(v) > dark else "black")


# -- training curves ----------------------------------------------------------------------


def plot_histories(names, colors, *, epochs: int, ax_loss, ax_acc, acc_floor: float = 0.0):
    """Empty loss and accuracy curves, one pair per run, to fill in while training (nb 03).

    Training loss on a log scale (the runs may use different costs), test accuracy on a
    linear one; the x-axis is fixed to [0, epochs].
    Returns {name: {"loss": Line2D, "accuracy": Line2D}}.
    """
    artists = {}
    for name, color in zip(names, colors):
        (loss,) = ax_loss.plot([], [], color=color, label=name)
        (acc,) = ax_acc.plot([], [], color=color, label=name)
        artists[name] = {"loss": loss, "accuracy": acc}
    for ax in (ax_loss, ax_acc):
        ax.set_xlim(0, max(epochs, 1))
        ax.set_xlabel("epoch")
    ax_loss.set_ylabel("training loss")
    ax_loss.set_yscale("log")
    ax_loss.set_ylim(1e-2, 1e1)
    ax_acc.set_ylabel("test accuracy")
    ax_acc.set_ylim(acc_floor, 1.0)
    ax_acc.axhline(0.95, color="0.6", lw=0.8, ls=":")
    ax_acc.legend(loc="lower right", fontsize=8)
    return artists


def update_history(artists, name, history) -> None:
    """Show ``history`` (a :class:`lessons_lib.network.History`) in run ``name``'s lines.

    Accuracy is the validation accuracy when recorded, else the training accuracy; the
    loss axis rescales to every loss curve drawn so far.
    """
    lines = artists[name]
    epochs = np.arange(len(history.loss))
    acc = history.val_accuracy if history.val_accuracy else history.accuracy
    lines["loss"].set_data(epochs, history.loss)
    lines["accuracy"].set_data(epochs, acc)
    ax = lines["loss"].axes
    ys = [np.asarray(line.get_ydata(), dtype=np.float64) for line in ax.lines]
    ys = np.concatenate([y[np.isfinite(y) & (y > 0)] for y in ys])
    if ys.size:
        ax.set_ylim(ys.min() / 1.5, ys.max() * 1.5)


# -- multi-label predictions ----------------------------------------------------------------


def plot_label_count_map(counts, extent, *, ax=None, title: str = "", points=None, colorbar=True):
    """How many labels a model switches on at each grid point: 0, 1, 2 or 3 (notebook 04).

    counts: (n, n) integers on a grid spanning ``extent`` = (x0, x1, y0, y1), row 0 at
    the bottom, or None for no map. ``points``: optional (X, n_labels) drawn on top,
    coloured the same way. Returns {"image", "points", "colorbar"}.
    """
    ax = get_ax(ax)
    cmap = ListedColormap(LABEL_COUNT_COLORS)
    norm = BoundaryNorm(np.arange(-0.5, 4.5), cmap.N)
    image = None
    if counts is not None:
        image = ax.imshow(
            np.asarray(counts), origin="lower", extent=extent, cmap=cmap, norm=norm, aspect="equal"
        )
    else:
        ax.set_xlim(extent[0], extent[1])
        ax.set_ylim(extent[2], extent[3])
        ax.set_aspect("equal")
    scatter = None
    if points is not None:
        X, n = points
        scatter = ax.scatter(
            X[:, 0], X[:, 1], c=n, cmap=cmap, norm=norm, s=9, edgecolors="k", linewidths=0.3
        )
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        set_title(ax, title)
    cbar = None
    if colorbar and (image is not None or scatter is not None):
        mappable = image if image is not None else scatter
        cbar = ax.figure.colorbar(mappable, ax=ax, ticks=range(4), shrink=0.85)
        cbar.set_label("labels switched on")
    return {"image": image, "points": scatter, "colorbar": cbar}
