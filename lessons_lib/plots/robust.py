"""Plots for L1, L2 (MSE), Smooth L1 and Huber, and a line fitted through outliers (notebook 10).

Each ``plot_*`` draws on the given Axes and returns a dict of the artists it made; its
``update_*`` partner changes them in place. Every curve comes from
:mod:`lessons_lib.losses` (per-element values and gradients, ``reduction="none"``).
"""

from __future__ import annotations

import numpy as np

from .. import losses
from .common import get_ax, rescale

__all__ = [
    "REGRESSION_LOSSES",
    "loss_curves",
    "plot_regression_losses",
    "update_regression_losses",
    "plot_line_fits",
    "update_line_fits",
]

# name in lessons_lib.losses → (label, colour); Smooth L1 and Huber take β / δ
REGRESSION_LOSSES = {
    "mse_loss": ("L2 / MSE: d²", "#d62728"),
    "l1_loss": ("L1: |d|", "#2ca02c"),
    "smooth_l1_loss": ("Smooth L1 (β)", "#6a3d9a"),
    "huber_loss": ("Huber (δ)", "#ff7f0e"),
}


def _kwargs(name: str, beta: float) -> dict:
    if name == "smooth_l1_loss":
        return {"beta": beta}
    if name == "huber_loss":
        return {"delta": beta}
    return {}


def loss_curves(name: str, d: np.ndarray, beta: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """(ℓ(d), ∂ℓ/∂d) of a regression loss at the differences d = prediction − target.

    β is Smooth L1's β, or Huber's δ; ignored by the other losses.
    """
    spec = losses.LOSSES[name]
    kw = _kwargs(name, beta)
    zero = np.zeros_like(d)
    return spec.fn(d, zero, reduction="none", **kw), spec.grad(d, zero, reduction="none", **kw)


def plot_regression_losses(
    beta: float,
    *,
    ax_loss=None,
    ax_grad=None,
    names=("mse_loss", "l1_loss", "smooth_l1_loss"),
    d_max: float = 3.0,
):
    """ℓ(d) on ``ax_loss`` and ∂ℓ/∂d on ``ax_grad`` for each loss, with ±β marked.

    Returns {"loss": {name: Line2D}, "grad": {name: Line2D}, "beta": [Line2D, …], "d"}.
    """
    ax_loss, ax_grad = get_ax(ax_loss), get_ax(ax_grad)
    d = np.linspace(-d_max, d_max, 601)
    art = {"loss": {}, "grad": {}, "beta": [], "d": d}
    for name in names:
        label, color = REGRESSION_LOSSES[name]
        ls = "--" if name == "huber_loss" else "-"
        (art["loss"][name],) = ax_loss.plot([], [], ls, color=color, label=label, lw=1.8)
        (art["grad"][name],) = ax_grad.plot([], [], ls, color=color, label=label, lw=1.8)
    for ax in (ax_loss, ax_grad):
        ax.axhline(0, color="0.6", lw=0.6)
        for _ in range(2):
            art["beta"].append(ax.axvline(0, color="0.5", lw=0.8, ls=":"))
        ax.set_xlim(-d_max, d_max)
        ax.set_xlabel("d = prediction − target")
    ax_loss.set_ylim(-0.1, 4.0)
    ax_grad.set_ylim(-2.5, 2.5)
    ax_loss.set_ylabel("ℓ(d)")
    ax_grad.set_ylabel("∂ℓ/∂d")
    update_regression_losses(art, beta)  # sets the β in the labels, before the legend
    ax_loss.legend(fontsize=8, loc="upper center")
    return art


def update_regression_losses(artists, beta: float) -> None:
    """Redraw the β-dependent curves (Smooth L1, Huber) and the ±β markers."""
    d = artists["d"]
    for name, line in artists["loss"].items():
        if _kwargs(name, beta) or not len(line.get_xdata()):
            value, grad = loss_curves(name, d, beta)
            line.set_data(d, value)
            artists["grad"][name].set_data(d, grad)
        if name == "smooth_l1_loss":
            line.set_label(f"Smooth L1 (β = {beta:.3g})")
    for i, marker in enumerate(artists["beta"]):
        x = beta if i % 2 == 0 else -beta
        marker.set_xdata([x, x])


def plot_line_fits(x, y, outliers, fits: dict, *, ax=None, labels=None):
    """Data (outliers in red) and the line each named fit found.

    fits: {loss name: LinearFit} from :func:`lessons_lib.network.fit_linear` on x[:, None].
    Returns {"points", "outliers", "lines": {name: Line2D}, "grid"}.
    """
    ax = get_ax(ax)
    labels = labels or {}
    (points,) = ax.plot([], [], "o", color="0.35", ms=4)
    (bad,) = ax.plot([], [], "o", color="#d62728", ms=6, mfc="none", mew=1.5, label="outliers")
    grid = np.linspace(np.min(x) - 0.1, np.max(x) + 0.1, 2)
    lines = {}
    for name in fits:
        label, color = REGRESSION_LOSSES[name]
        (lines[name],) = ax.plot([], [], color=color, lw=2, label=labels.get(name, label))
    ax.set_xlim(grid[0], grid[-1])
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    art = {"points": points, "outliers": bad, "lines": lines, "grid": grid}
    update_line_fits(art, x, y, outliers, fits)
    ax.legend(fontsize=8, loc="upper left")
    return art


def update_line_fits(artists, x, y, outliers, fits: dict) -> None:
    """New data and fitted lines into :func:`plot_line_fits` (y follows with hysteresis)."""
    outliers = np.asarray(outliers, dtype=bool)
    artists["points"].set_data(x[~outliers], y[~outliers])
    artists["outliers"].set_data(x[outliers], y[outliers])
    g = artists["grid"]
    for name, fit in fits.items():
        artists["lines"][name].set_data(g, fit.scores(g[:, None]))
    rescale(artists["points"].axes, min(float(np.min(y)), 0.0) - 0.5, float(np.max(y)) + 1.0)
