"""Plots for the regularisation lesson (notebook 07); the decision regions serve 08 too.

Each ``plot_*`` draws on the given Axes and returns a dict of the artists it made; its
``update_*`` partner changes those artists in place. Nothing here calls ``plt.show()``.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap

from ._style import get_ax

__all__ = [
    "CLASS_COLORS",
    "PENALTY_COLORS",
    "decision_grid",
    "plot_decision_regions",
    "update_decision_regions",
    "plot_weight_histogram",
    "update_weight_histogram",
    "weight_counts",
    "plot_accuracy_curves",
    "update_accuracy_curves",
]

CLASS_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c")
REGION_COLORS = ("#c6dbef", "#fdd0a2", "#c7e9c0")
PENALTY_COLORS = {"l2": "#6a3d9a", "l1": "#b15928"}
_BAR_FLOOR = 0.5  # histogram bars start below the log axis, so an empty bin draws nothing


def decision_grid(X: np.ndarray, *, n: int = 120, pad: float = 0.1):
    """A regular n × n grid of points covering X (N, 2) plus a margin ``pad``.

    Returns (points (n², 2), extent (x0, x1, y0, y1)); compute it once per data set and
    reshape a classifier's predictions on ``points`` to (n, n) for
    :func:`plot_decision_regions`.
    """
    X = np.asarray(X, dtype=np.float64)
    lo, hi = X.min(axis=0) - pad, X.max(axis=0) + pad
    gx, gy = np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n)
    xx, yy = np.meshgrid(gx, gy)
    return np.column_stack([xx.ravel(), yy.ravel()]), (lo[0], hi[0], lo[1], hi[1])


def plot_decision_regions(
    labels: np.ndarray,
    extent,
    X: np.ndarray,
    y: np.ndarray,
    *,
    ax=None,
    X_test: np.ndarray | None = None,
    y_test: np.ndarray | None = None,
    n_classes: int = 3,
):
    """Predicted class on a grid as coloured regions, with the data on top.

    labels: (n, n) class indices on the grid of :func:`decision_grid`; X, y: training
    points (filled); X_test, y_test: test points (hollow). Returns {"regions", "train",
    "test"} (``test`` is None without test points).
    """
    ax = get_ax(ax)
    cmap = ListedColormap(REGION_COLORS[:n_classes])
    regions = ax.imshow(
        labels,
        origin="lower",
        extent=extent,
        cmap=cmap,
        vmin=-0.5,
        vmax=n_classes - 0.5,
        interpolation="nearest",
        aspect="auto",
    )
    colors = np.array(CLASS_COLORS)
    train = ax.scatter(X[:, 0], X[:, 1], c=colors[y], s=14, edgecolors="k", linewidths=0.4)
    test = None
    if X_test is not None:
        test = ax.scatter(
            X_test[:, 0],
            X_test[:, 1],
            facecolors="none",
            edgecolors=colors[y_test],
            s=16,
            linewidths=1.0,
        )
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xticks([])
    ax.set_yticks([])
    return {"regions": regions, "train": train, "test": test}


def update_decision_regions(artists, labels: np.ndarray) -> None:
    """Show new grid predictions in the regions of :func:`plot_decision_regions`."""
    artists["regions"].set_data(labels)


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
