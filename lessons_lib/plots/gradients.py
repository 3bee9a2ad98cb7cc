"""Plots of per-layer gradient norms (notebooks 09 and 10).

Per-layer gradient norms span many orders of magnitude, so they are drawn on log axes;
values that are zero or not finite (a diverged run) are left out rather than drawn, and
the axis limits come from the finite values only. Each ``plot_*`` returns a dict of the
artists it made; its ``update_*`` partner changes them in place.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np

from .common import get_ax, rescale

__all__ = [
    "layer_colors",
    "layer_names",
    "plot_layer_norms",
    "update_layer_norms",
    "plot_norm_history",
    "update_norm_history",
]


def layer_names(n_layers: int) -> list[str]:
    """["hidden 1", …, "hidden L−1", "output"] for a network with ``n_layers`` weight layers."""
    return [f"hidden {l}" for l in range(1, n_layers)] + ["output"]


def layer_colors(n_layers: int) -> list:
    """One colour per weight layer: dark for the first hidden layer, light for the output."""
    cmap = mpl.colormaps["viridis"]
    return [cmap(v) for v in np.linspace(0.0, 0.85, n_layers)]


def _positive(values) -> np.ndarray:
    """Finite, positive values kept; the rest become NaN (not drawn on a log axis)."""
    v = np.array(values, dtype=np.float64)
    v[~(np.isfinite(v) & (v > 0))] = np.nan
    return v


def _log_limits(ax, values, *, pad=2.0, min_decades=2.0, force=False) -> None:
    """Fit a log axis to the finite positive ``values`` (whole decades, with hysteresis),
    at least ``min_decades`` tall: a shorter span would label its minor ticks."""
    v = _positive(values)
    v = v[np.isfinite(v)]
    if v.size:
        hi = float(v.max()) * pad
        lo = min(float(v.min()) / pad, hi / 10**min_decades)
        rescale(ax, lo, hi, force=force)


def plot_layer_norms(norms, *, ax=None, max_layers: int = 9, ylabel="‖∂C/∂b^l‖"):
    """Bars of one gradient norm per layer (log scale); room for ``max_layers`` bars.

    norms: (L,) for a network with L weight layers (the last is the output layer).
    Returns {"bars", "values"}; bars beyond L are hidden.
    """
    ax = get_ax(ax)
    x = np.arange(max_layers)
    bars = ax.bar(x, np.ones(max_layers), width=0.7)
    values = [ax.text(i, 1.0, "", ha="center", va="bottom", fontsize=7.5) for i in x]
    ax.set_yscale("log")
    ax.set_ylabel(ylabel)
    artists = {"bars": bars, "values": values}
    update_layer_norms(artists, norms, force_limits=True)
    return artists


def update_layer_norms(artists, norms, *, force_limits: bool = False) -> None:
    """New per-layer norms into :func:`plot_layer_norms` (layer count may change).

    The log axis keeps its limits while the bars fit well (``force_limits`` refits it).
    """
    v = _positive(norms)
    L = len(v)
    ax = artists["bars"][0].axes
    colors = layer_colors(L)
    _log_limits(ax, v, force=force_limits)
    bottom = ax.get_ylim()[0]
    for i, (bar, text) in enumerate(zip(artists["bars"], artists["values"])):
        shown = i < L and np.isfinite(v[i])
        bar.set_visible(shown)
        text.set_visible(i < L)
        if i < L:
            bar.set_y(bottom)
            bar.set_height(v[i] - bottom if shown else 0.0)
            bar.set_facecolor(colors[i])
            text.set_position((i, v[i] if shown else bottom))
            text.set_text(f"{v[i]:.2g}" if shown else "0" if norms[i] == 0 else "not finite")
    if artists.get("n_layers") != L:  # ticks and x-range are part of the static background
        artists["n_layers"] = L
        ax.set_xticks(np.arange(L), [n.replace("hidden ", "h") for n in layer_names(L)])
        ax.set_xlim(-0.6, L - 0.4)


def plot_norm_history(grad_norms, *, ax=None, max_layers: int = 9, epochs: int | None = None):
    """Each layer's gradient norm against epoch (log scale).

    grad_norms: (epochs + 1, L), e.g. ``np.array(history.grad_norms)``; ``epochs`` fixes
    the x-axis (a diverged run's record is shorter). Returns {"lines": [Line2D] *
    max_layers}; lines beyond L are hidden.
    """
    ax = get_ax(ax)
    lines = [ax.plot([], [], lw=1.5, marker=".", ms=3)[0] for _ in range(max_layers)]
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("‖∂C/∂b^l‖")
    artists = {"lines": lines, "epochs": epochs}
    update_norm_history(artists, grad_norms, force_limits=True)
    return artists


def update_norm_history(artists, grad_norms, *, force_limits: bool = False) -> None:
    """New per-epoch norms (epochs + 1, L) into :func:`plot_norm_history`."""
    G = _positive(np.atleast_2d(grad_norms))
    L = G.shape[1]
    epochs = np.arange(G.shape[0])
    colors = layer_colors(L)
    names = layer_names(L)
    for i, line in enumerate(artists["lines"]):
        line.set_visible(i < L)
        if i < L:
            line.set_data(epochs, G[:, i])
            line.set_color(colors[i])
            line.set_label(names[i])
    ax = artists["lines"][0].axes
    ax.set_xlim(-0.5, (artists["epochs"] or max(G.shape[0] - 1, 1)) + 0.5)
    _log_limits(ax, G, force=force_limits)
