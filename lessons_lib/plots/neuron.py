"""Plots for the single-neuron lessons (notebooks 01–02).

Each ``plot_*`` draws on the given Axes and returns a dict of the artists it made; its
``update_*`` partner changes those artists' data in place, so a slider never builds a new
figure. Nothing here calls ``plt.show()``.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import MaxNLocator

from ..activations import sigmoid_prime
from ..neuron import NeuronRun, neuron_cost
from .common import get_ax, rescale
from .style import COLORS, LABELS, NOT_REACHED

__all__ = [
    "plot_training",
    "update_training",
    "plot_sigmoid_prime",
    "update_sigmoid_prime",
    "plot_loss_surface",
    "update_loss_path",
    "plot_speed_map",
    "update_speed_map",
]


def _label(run: NeuronRun) -> str:
    return f"{LABELS[run.cost_name]} (η = {run.eta:g})"


def plot_training(run: NeuronRun, *, ax_cost=None, ax_output=None, color=None, label=None):
    """Cost vs epoch on ``ax_cost`` and output a vs epoch on ``ax_output`` (either may be None).

    Returns {"cost": Line2D, "output": Line2D} (only those drawn).
    """
    color = color or COLORS[run.cost_name]
    label = label or _label(run)
    epochs = np.arange(run.epochs + 1)
    artists = {}
    for ax in (ax_cost, ax_output):
        if ax is not None:
            rescale(ax, 0.0, float(max(run.epochs, 1)), axis="x", force=True)
    if ax_cost is not None:
        (artists["cost"],) = ax_cost.plot(epochs, run.cost, color=color, label=label)
        rescale(ax_cost, 0.0, _cost_top(run), force=True)
        ax_cost.set_xlabel("epoch")
        ax_cost.set_ylabel("cost C")
    if ax_output is not None:
        (artists["output"],) = ax_output.plot(epochs, run.a, color=color, label=label)
        ax_output.set_xlabel("epoch")
        ax_output.set_ylabel("output a")
        ax_output.set_ylim(-0.02, 1.02)
    return artists


def _cost_top(run: NeuronRun) -> float:
    """Top of the cost axis: the quadratic cost never exceeds ½·max(y, 1 − y)², so its
    axis stays put; the cross-entropy cost is unbounded and follows the data."""
    if run.cost_name == "quadratic_cost":
        return 0.5 * max(run.y, 1.0 - run.y) ** 2
    return float(np.max(run.cost))


def update_training(artists, run: NeuronRun, *, label=None) -> None:
    """Put a new run's curves into the lines from :func:`plot_training`; the cost axis
    rescales only when the curve leaves it or shrinks well inside it (see ``rescale``)."""
    epochs = np.arange(run.epochs + 1)
    for key, values in (("cost", run.cost), ("output", run.a)):
        line = artists.get(key)
        if line is None:
            continue
        line.set_data(epochs, values)
        line.set_label(label or _label(run))
        ax = line.axes
        rescale(ax, 0.0, float(max(run.epochs, 1)), axis="x")
        if key == "cost":
            rescale(ax, 0.0, _cost_top(run), slack=10.0)


def plot_sigmoid_prime(z_start: float, z_end: float | None = None, *, ax=None, z_max=8.0):
    """σ′(z) on [−z_max, z_max] with the starting z (and the final z) marked (notebook 01).

    Returns {"curve", "start", "end"} Line2D artists.
    """
    ax = get_ax(ax)
    z = np.linspace(-z_max, z_max, 401)
    (curve,) = ax.plot(z, sigmoid_prime(z), color="0.3", label="σ′(z)")
    (start,) = ax.plot([], [], "o", color="#ff7f0e", ms=8, label="start z")
    (end,) = ax.plot([], [], "s", color="#2ca02c", ms=7, label="final z")
    ax.set_xlabel("z = w·x + b")
    ax.set_ylabel("σ′(z)")
    ax.set_ylim(-0.01, 0.27)
    ax.axhline(0.25, color="0.7", lw=0.8, ls=":")
    artists = {"curve": curve, "start": start, "end": end}
    update_sigmoid_prime(artists, z_start, z_end)
    return artists


def update_sigmoid_prime(artists, z_start: float, z_end: float | None = None) -> None:
    """Move the start/final markers of :func:`plot_sigmoid_prime`."""
    lim = artists["curve"].get_xdata()[-1]
    for key, z in (("start", z_start), ("end", z_end)):
        if z is None:
            artists[key].set_data([], [])
        else:
            zc = float(np.clip(z, -lim, lim))  # a far-off z sits on the edge, σ′ ≈ 0
            artists[key].set_data([zc], [float(sigmoid_prime(z))])


def plot_loss_surface(
    cost: str,
    run: NeuronRun | None = None,
    *,
    ax=None,
    lim: float = 6.0,
    n: int = 121,
    x: float = 1.0,
    y: float = 0.0,
    mark_every: int = 10,
):
    """Filled contours of C(w, b) on [−lim, lim]² with a gradient-descent path (notebook 02).

    The path is drawn with a dot every ``mark_every`` epochs: dots bunch up where learning
    is slow. Returns {"contour", "path", "dots", "start"}.
    """
    ax = get_ax(ax)
    g = np.linspace(-lim, lim, n)
    W, B = np.meshgrid(g, g)
    C = neuron_cost(W, B, cost=cost, x=x, y=y)
    levels = MaxNLocator(12).tick_values(0.0, float(C.max()))
    contour = ax.contourf(W, B, C, levels=levels, cmap="viridis")
    color = "white"
    (path,) = ax.plot([], [], "-", color=color, lw=1.2)
    (dots,) = ax.plot([], [], "o", color=color, ms=3)
    (start,) = ax.plot([], [], "o", color="#ff7f0e", ms=8, mec="k")
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_xlabel("w")
    ax.set_ylabel("b")
    ax.set_title(f"{LABELS[cost]} cost C(w, b)")
    artists = {"contour": contour, "path": path, "dots": dots, "start": start}
    artists["mark_every"] = mark_every
    if run is not None:
        update_loss_path(artists, run)
    return artists


def update_loss_path(artists, run: NeuronRun) -> None:
    """Draw ``run``'s (w, b) trajectory on a :func:`plot_loss_surface` panel."""
    k = artists["mark_every"]
    artists["path"].set_data(run.w, run.b)
    artists["dots"].set_data(run.w[::k], run.b[::k])
    artists["start"].set_data([run.w[0]], [run.b[0]])


def plot_speed_map(
    epochs_map: np.ndarray,
    *,
    budget: int,
    lim: float,
    ax=None,
    start: tuple[float, float] | None = None,
    title: str = "",
    colorbar: bool = True,
):
    """Colour = epochs until a ≤ 0.1 from each start (w₀, b₀); grey = not within budget.

    ``epochs_map`` comes from :func:`lessons_lib.neuron.epochs_to_target` on the grid of
    :func:`speed_map_grid` (−1 = not reached). Returns {"image", "start", "colorbar"}.
    """
    ax = get_ax(ax)
    cmap = _speed_cmap()
    image = ax.imshow(
        np.ma.masked_less(epochs_map, 0),
        origin="lower",
        extent=(-lim, lim, -lim, lim),
        cmap=cmap,
        vmin=0,
        vmax=budget,
        interpolation="nearest",
        aspect="equal",
    )
    (marker,) = ax.plot([], [], "o", color="#ff7f0e", ms=8, mec="k")
    ax.set_xlabel("initial w")
    ax.set_ylabel("initial b")
    if title:
        ax.set_title(title)
    cbar = None
    if colorbar:
        cbar = ax.figure.colorbar(image, ax=ax, shrink=0.85)
        cbar.set_label("epochs until a ≤ 0.1 (grey: not within budget)")
    artists = {"image": image, "start": marker, "colorbar": cbar}
    if start is not None:
        update_speed_map(artists, start=start)
    return artists


def update_speed_map(artists, epochs_map=None, *, budget=None, start=None) -> None:
    """Replace the map's data (and colour range), or move its start marker."""
    if epochs_map is not None:
        artists["image"].set_data(np.ma.masked_less(epochs_map, 0))
    if budget is not None:
        artists["image"].set_clim(0, budget)
    if start is not None:
        artists["start"].set_data([start[0]], [start[1]])


def _speed_cmap():
    import matplotlib as mpl

    return mpl.colormaps["magma_r"].with_extremes(bad=NOT_REACHED)
