"""Plots for the regularisation lesson (notebook 07): weight histograms, accuracy curves.

Each ``plot_*`` draws on the given Axes and returns a dict of the artists it made; its
``update_*`` partner changes those artists in place. Nothing here calls ``plt.show()``.
"""

from __future__ import annotations

import numpy as np

from .common import get_ax
from .style import COLORS

__all__ = [
    "PENALTY_COLORS",
    "plot_weight_histogram",
    "update_weight_histogram",
    "weight_counts",
    "plot_accuracy_curves",
    "update_accuracy_curves",
]

PENALTY_COLORS = {kind: COLORS[kind] for kind in ("l2", "l1")}
_BAR_FLOOR = 0.5  # histogram bars start below the log axis, so an empty bin draws nothing


def plot_weight_histogram(
    weights: np.ndarray, *, ax=None, lim: float = 3.0, bins: int = 61, color: str = "0.4"
):
    """Histogram of all weights on [−lim, lim] (values beyond land in the end bins).

    Counts are on a log axis from below 1 to the number of weights, so a spike of
    switched-off weights (L1) and a spread of small ones (L2) are both visible; bins and
    limits are fixed, so an update only changes bar heights. Returns {"bars", "edges"}.
    """
    ax = get_ax(ax)
    edges = np.linspace(-lim, lim, bins + 1)
    centers = 0.5 * (edges[:-1] + edges[1:])
    width = edges[1] - edges[0]
    bars = ax.bar(centers, np.ones(bins), width, bottom=_BAR_FLOOR, color=color, linewidth=0)
    ax.set_yscale("log")
    ax.set_ylim(_BAR_FLOOR * 1.6, 1.3 * max(np.size(weights), 1))
    ax.set_xlim(-lim, lim)
    ax.set_xlabel("weight value")
    ax.set_ylabel("number of weights")
    artists = {"bars": bars, "edges": edges}
    update_weight_histogram(artists, weights)
    return artists


def weight_counts(weights: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Counts per bin of :func:`plot_weight_histogram` (values beyond the edges clipped in)."""
    w = np.clip(np.ravel(weights), edges[0], edges[-1])
    return np.histogram(w, bins=edges)[0]


def update_weight_histogram(artists, weights: np.ndarray, *, color: str | None = None) -> None:
    """New weights into the bars of :func:`plot_weight_histogram`; a bar's top is its count."""
    counts = weight_counts(weights, artists["edges"])
    for bar, c in zip(artists["bars"], counts):
        bar.set_y(_BAR_FLOOR)
        bar.set_height(max(c - _BAR_FLOOR, 0.0))
        if color is not None:
            bar.set_facecolor(color)


def plot_accuracy_curves(train: np.ndarray, test: np.ndarray, *, ax=None):
    """Training and test accuracy against epoch. Returns {"train", "test"} lines."""
    ax = get_ax(ax)
    epochs = np.arange(len(train))
    (tr,) = ax.plot(epochs, train, color="0.2", label="train")
    (te,) = ax.plot(epochs, test, color="#d62728", label="test")
    ax.set_ylim(0.0, 1.02)
    ax.set_xlim(0, max(len(train) - 1, 1))
    ax.set_xlabel("epoch")
    ax.set_ylabel("accuracy")
    ax.legend(loc="lower right", fontsize=8)
    return {"train": tr, "test": te}


def update_accuracy_curves(artists, train: np.ndarray, test: np.ndarray) -> None:
    """New curves into the lines of :func:`plot_accuracy_curves`."""
    epochs = np.arange(len(train))
    artists["train"].set_data(epochs, train)
    artists["test"].set_data(epochs, test)
    artists["train"].axes.set_xlim(0, max(len(train) - 1, 1))
