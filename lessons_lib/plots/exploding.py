"""Plots for exploding gradients (notebook 10): the training loss with the point of
divergence, and the factor w·σ′(z) one layer multiplies the gradient by.

Each ``plot_*`` returns a dict of the artists it made; its ``update_*`` partner changes
them in place.
"""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid_prime
from .common import get_ax
from .gradients import _log_limits, _positive, layer_colors
from .style import COLORS

__all__ = ["DIVERGED_COLOR", "plot_loss_history", "update_loss_history", "plot_layer_factor"]

DIVERGED_COLOR = COLORS["diverged"]


def plot_loss_history(loss, diverged_at=None, *, ax=None, epochs: int | None = None):
    """Training loss against epoch (log scale) with the point of divergence marked.

    ``diverged_at``: (epoch, batch) from :class:`~lessons_lib.network.History`, or None.
    A diverged run's loss is NaN from that epoch on: the curve stops there and a red ✕
    with a note marks it. Returns {"loss", "marker", "note"}.
    """
    ax = get_ax(ax)
    (line,) = ax.plot([], [], color="0.2", marker=".", ms=4)
    (marker,) = ax.plot([], [], "x", color=DIVERGED_COLOR, ms=10, mew=2.5)
    note = ax.text(
        0.97, 0.95, "", transform=ax.transAxes, ha="right", va="top", color=DIVERGED_COLOR
    )
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("training loss")
    artists = {"loss": line, "marker": marker, "note": note, "epochs": epochs}
    update_loss_history(artists, loss, diverged_at, force_limits=True)
    return artists


def update_loss_history(artists, loss, diverged_at=None, *, force_limits: bool = False) -> None:
    """New loss curve (and divergence point) into :func:`plot_loss_history`."""
    v = _positive(loss)
    e = np.arange(len(v))
    artists["loss"].set_data(e, v)
    ax = artists["loss"].axes
    last = artists["epochs"] or max(len(v) - 1, 1)
    ax.set_xlim(-0.5, last + 0.5)
    finite = v[np.isfinite(v)]
    if diverged_at is None:
        artists["marker"].set_data([], [])
        artists["note"].set_text("")
        _log_limits(ax, finite, force=force_limits)
    else:
        epoch, batch = diverged_at
        top = float(finite.max()) if finite.size else 1.0
        _log_limits(ax, np.append(finite, 10 * top), force=force_limits)
        artists["marker"].set_data([epoch], [10 * top])
        artists["note"].set_text(f"NaN: diverged at epoch {epoch}, batch {batch}")


def plot_layer_factor(weights=(1.0, 4.0, 10.0, 100.0), *, ax=None, z_max: float = 10.0):
    """|w·σ′(z)| against z for a few weights w, log scale, with the line 1 (notebook 10).

    Above 1 a layer multiplies the backpropagated gradient up (explosion when it holds
    layer after layer); below 1 it shrinks it. Returns {"curves": [Line2D], "one": Line2D}.
    """
    ax = get_ax(ax)
    z = np.linspace(-z_max, z_max, 801)
    sp = sigmoid_prime(z)
    colors = layer_colors(len(weights) + 1)
    curves = [
        ax.plot(z, abs(wt) * sp, color=c, label=f"w = {wt:g}")[0] for wt, c in zip(weights, colors)
    ]
    one = ax.axhline(1.0, color="0.3", lw=0.8, ls="--")
    ax.set_yscale("log")
    ax.set_xlabel("z = w·a + b")
    ax.set_ylabel("|w·σ′(z)|: factor per layer")
    ax.legend(fontsize=8, loc="upper right")
    return {"curves": curves, "one": one}
