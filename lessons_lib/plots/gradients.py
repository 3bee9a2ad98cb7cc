r"""Plots of per-layer gradient norms (notebooks 09 and 10).

Per-layer gradient norms $\|\partial C/\partial b^l\|$ span many orders of magnitude, so
they are drawn on log axes; values that are zero or not finite (a diverged run) are left
out rather than drawn, and the axis limits come from the finite values only.

- :func:`plot_staircase`: the norms of one network against the layer counted back from
  the output layer L, so networks of every depth share one axis (each layer back costs
  the same factor; a deeper network reaches further down), with a dashed reference slope
  of ×¼ per layer and, over several seeds, the range of the seeds as whiskers (09);
- :func:`plot_layer_norms`: bars, one per layer (10);
- :func:`plot_norm_history`: each layer's norm against epoch (09, 10).

A layer keeps its colour everywhere (:func:`layer_colors`, the sequential colormap, dark
far from the output); each depth has its own marker and line style (:func:`depth_style`).
Each ``plot_*`` returns a dict of the artists it made; its ``update_*`` partner changes
them in place.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from ..i18n import fig_text
from .common import get_ax, rescale
from .style import COLORS, SEQUENTIAL

__all__ = [
    "NORM_LABEL",
    "REFERENCE_FACTOR",
    "layer_colors",
    "layer_names",
    "depth_style",
    "staircase_axes",
    "plot_staircase",
    "update_staircase",
    "staircase_legend",
    "plot_depth_staircases",
    "plot_layer_norms",
    "update_layer_norms",
    "plot_norm_history",
    "update_norm_history",
]

NORM_LABEL = r"$\|\partial C/\partial b^l\|$"
REFERENCE_FACTOR = 0.25  # σ′ ≤ 1/4: the most one sigmoid layer passes back when |w| ≤ 1
INK = "0.2"  # the lines that join a network's layers: neutral, the markers carry colour
# marker and line style of each depth (the staircase of notebook 09 compares 2, 4 and 8)
_DEPTH_STYLES = {1: ("v", "-"), 2: ("s", ":"), 4: ("D", "-."), 8: ("o", "-")}
_MORE_MARKERS = ("P", "X", "h", "*", "p")


def layer_names(n_layers: int) -> list[str]:
    """["hidden 1", …, "hidden L−1", "output"] for a network with ``n_layers`` weight layers."""
    return [fig_text("hidden {l}", l=l) for l in range(1, n_layers)] + [fig_text("output")]


def layer_colors(n_layers: int, *, max_layers: int | None = None) -> list:
    """One colour per weight layer, from the sequential colormap: dark for the first hidden
    layer, light for the output.

    With ``max_layers`` a layer's colour depends only on how far it is from the output
    (the colours of the last ``n_layers`` of a ``max_layers``-layer network), so the same
    layer has the same colour in networks of every depth (notebook 09).
    """
    n = n_layers if max_layers is None else max(int(max_layers), n_layers)
    cmap = mpl.colormaps[SEQUENTIAL]
    return [cmap(v) for v in np.linspace(0.0, 0.85, n)][n - n_layers :]


def depth_style(depth: int) -> dict:
    """{"marker", "linestyle"} of a network with ``depth`` hidden layers (its second cue)."""
    if depth in _DEPTH_STYLES:
        marker, ls = _DEPTH_STYLES[depth]
    else:
        marker, ls = _MORE_MARKERS[depth % len(_MORE_MARKERS)], "-"
    return {"marker": marker, "linestyle": ls}


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


# -- the staircase (09) ---------------------------------------------------------------------


def staircase_axes(ax, max_layers: int = 9) -> None:
    """Log y, and x = the layer counted back from the output layer L (L − 8, …, L − 1, L)."""
    ax.set_yscale("log")
    x = np.arange(-(max_layers - 1), 1)
    ax.set_xticks(x, [r"$L$" if k == 0 else rf"$L{k:+d}$" for k in x])
    ax.set_xlim(x[0] - 0.5, 0.5)
    ax.set_xlabel(fig_text("layer $l$ (the output layer is $L$)"))
    ax.set_ylabel(NORM_LABEL)


def plot_staircase(
    norms,
    *,
    ax=None,
    max_layers: int = 9,
    marker: str = "o",
    linestyle: str = "-",
    reference: float | None = REFERENCE_FACTOR,
    offset: float = 0.0,
    label: str | None = None,
    setup: bool = True,
):
    r"""$\|\partial C/\partial b^l\|$ of one network at x = l − L (output at 0), log scale.

    norms: (L,) for one network, or (n_seeds, L) for one per seed (the mean is drawn, the
    seeds' range as a whisker). Markers take each layer's colour (:func:`layer_colors`
    by distance from the output), joined by a neutral line in ``linestyle``;
    ``reference``: a dashed line falling by that factor per layer from the last hidden
    layer back (None: none); ``offset`` shifts x a little so several depths stay apart;
    ``label`` names the network in a legend (:func:`staircase_legend`). ``setup`` sets
    up the axes (:func:`staircase_axes`). Returns {"line", "points", "spread",
    "reference"}.
    """
    ax = get_ax(ax)
    if setup:
        staircase_axes(ax, max_layers)
    (line,) = ax.plot([], [], color=INK, lw=1.0, linestyle=linestyle, zorder=2, label=label)
    points = ax.scatter([], [], s=42, marker=marker, edgecolors=INK, linewidths=0.7, zorder=3)
    spread = LineCollection([], colors=INK, linewidths=1.0, zorder=2)
    ax.add_collection(spread)
    (ref,) = ax.plot(
        [], [], color=COLORS["bound"], lw=1.4, linestyle="--", zorder=1, visible=bool(reference)
    )
    artists = {
        "line": line,
        "points": points,
        "spread": spread,
        "reference": ref,
        "factor": reference,
        "offset": offset,
        "max_layers": max_layers,
        "marker": marker,
        "linestyle": linestyle,
    }
    update_staircase(artists, norms, force_limits=True)
    return artists


def update_staircase(
    artists, norms, *, force_limits: bool = False, fit_limits: bool = True
) -> None:
    """New norms — (L,) or (n_seeds, L), any depth — into :func:`plot_staircase`
    (``fit_limits=False``: leave the y-axis to the caller, e.g. a panel sharing it)."""
    G = _positive(np.atleast_2d(norms))
    mean, lo, hi = _column_stats(G)
    L = G.shape[1]
    x = np.arange(-(L - 1), 1) + artists["offset"]
    artists["line"].set_data(x, mean)
    ok = np.isfinite(mean)
    artists["points"].set_offsets(np.column_stack([x, mean])[ok])
    colors = np.array(layer_colors(L, max_layers=artists["max_layers"]))
    artists["points"].set_facecolor(colors[ok])
    if G.shape[0] > 1:
        artists["spread"].set_segments(
            [[(xi, a), (xi, b)] for xi, a, b in zip(x, lo, hi) if np.isfinite(a)]
        )
    else:
        artists["spread"].set_segments([])
    factor = artists["factor"]
    if factor and L >= 3 and np.isfinite(mean[-2]):
        k = np.arange(L - 1)  # steps back from the last hidden layer
        artists["reference"].set_data(x[-2] - k, mean[-2] * factor**k)
    else:
        artists["reference"].set_data([], [])
    if fit_limits:
        shown = np.concatenate([lo, hi, artists["reference"].get_ydata()])
        _log_limits(artists["line"].axes, shown, force=force_limits)


def _column_stats(G: np.ndarray):
    """Mean, min and max of each column over its finite entries (NaN where there are none)."""
    ok = np.isfinite(G)
    n = ok.sum(axis=0)
    filled = np.where(ok, G, 0.0)
    mean = np.where(n > 0, filled.sum(axis=0) / np.maximum(n, 1), np.nan)
    lo = np.where(n > 0, np.where(ok, G, np.inf).min(axis=0), np.nan)
    hi = np.where(n > 0, np.where(ok, G, -np.inf).max(axis=0), np.nan)
    return mean, lo, hi


def staircase_legend(ax, staircases, *, reference_label: str | None = None, **kw):
    """A legend keying each depth by its marker and line style (neutral markers: the
    colour belongs to the layer) and the dashed reference. ``staircases``: the dicts of
    :func:`plot_staircase`. Returns the Legend."""
    handles, labels = [], []
    for st in staircases:
        line = st["line"]
        handles.append(
            Line2D(
                [],
                [],
                color=INK,
                lw=1.0,
                linestyle=st["linestyle"],
                marker=st["marker"],
                markerfacecolor="white",
                markeredgecolor=INK,
                markersize=6,
            )
        )
        labels.append(line.get_label())
    if reference_label:
        handles.append(Line2D([], [], color=COLORS["bound"], lw=1.4, linestyle="--"))
        labels.append(reference_label)
    return ax.legend(handles, labels, **kw)


def plot_depth_staircases(
    norms_by_depth: dict, *, ax=None, reference: float = REFERENCE_FACTOR, spacing=0.14
):
    """One staircase per depth on one shared axis (notebook 09's figure).

    norms_by_depth: {depth: (n_seeds, depth + 1) or (depth + 1,)} gradient norms at the
    start. Each depth gets its marker and line style (:func:`depth_style`) and a legend
    entry with its factor per layer (mean over the seeds of
    :func:`~lessons_lib.experiments.gradients.per_layer_factor`); the deepest network
    carries the dashed reference (×``reference`` per layer). Returns {"staircases":
    {depth: artists of :func:`plot_staircase`}, "legend"}.
    """
    from ..experiments.gradients import per_layer_factor

    ax = get_ax(ax)
    depths = sorted(norms_by_depth)
    max_layers = max(depths) + 1
    staircases = {}
    for k, depth in enumerate(depths):
        G = np.atleast_2d(np.asarray(norms_by_depth[depth], dtype=np.float64))
        if G.shape[1] != depth + 1:
            raise ValueError(
                f"norms_by_depth: depth {depth} needs {depth + 1} norms per row, got {G.shape[1]}"
            )
        if depth >= 2:
            factor = float(np.mean([per_layer_factor(g) for g in G]))
            label = fig_text(r"{n} hidden layers: $\times$ {f:.2f} per layer", n=depth, f=factor)
        else:
            label = fig_text("{n} hidden layer", n=depth)
        staircases[depth] = plot_staircase(
            G,
            ax=ax,
            max_layers=max_layers,
            reference=reference if depth == depths[-1] else None,
            offset=(k - (len(depths) - 1) / 2) * spacing,
            label=label,
            setup=k == 0,
            **depth_style(depth),
        )
    everything = np.concatenate(
        [np.ravel(norms_by_depth[d]) for d in depths]
        + [staircases[depths[-1]]["reference"].get_ydata()]
    )
    _log_limits(ax, everything, force=True)
    legend = staircase_legend(
        ax,
        [staircases[d] for d in depths],
        reference_label=fig_text(
            r"$\times 1/4$ per layer: the most a sigmoid layer passes when $|w| \leq 1$"
        ),
        loc="upper left",
    )
    return {"staircases": staircases, "legend": legend}


# -- bars (10) -----------------------------------------------------------------------------


def plot_layer_norms(norms, *, ax=None, max_layers: int = 9, ylabel=NORM_LABEL):
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
            text.set_text(
                f"{v[i]:.2g}" if shown else "0" if norms[i] == 0 else fig_text("not finite")
            )
    if artists.get("n_layers") != L:  # ticks and x-range are part of the static background
        artists["n_layers"] = L
        short = [fig_text("h{l}", l=l) for l in range(1, L)] + [fig_text("output")]
        ax.set_xticks(np.arange(L), short)
        ax.set_xlim(-0.6, L - 0.4)


# -- during training (09, 10) ---------------------------------------------------------------


def plot_norm_history(
    grad_norms,
    *,
    ax=None,
    max_layers: int = 9,
    epochs: int | None = None,
    colors_by_output: bool = False,
    labels: bool = False,
):
    """Each layer's gradient norm against epoch (log scale).

    grad_norms: (epochs + 1, L), e.g. ``np.array(history.grad_norms)``; ``epochs`` fixes
    the x-axis (a diverged run's record is shorter). ``colors_by_output``: colour each
    layer by its distance from the output, as :func:`plot_staircase` does; ``labels``:
    name the first hidden layer and the output layer at the end of their lines. Returns
    {"lines": [Line2D] * max_layers, "labels": [Text, Text]}; lines beyond L are hidden.
    """
    ax = get_ax(ax)
    lines = [ax.plot([], [], lw=1.5, marker=".", ms=3)[0] for _ in range(max_layers)]
    names = [
        ax.annotate(
            "",
            (0, 1),
            xytext=(-2, 3),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=9,
            visible=labels,
        )
        for _ in range(2)
    ]
    ax.set_yscale("log")
    ax.set_xlabel(fig_text("epoch"))
    ax.set_ylabel(NORM_LABEL)
    artists = {
        "lines": lines,
        "labels": names,
        "epochs": epochs,
        "max_colors": max_layers if colors_by_output else None,
        "show_labels": labels,
    }
    update_norm_history(artists, grad_norms, force_limits=True)
    return artists


def update_norm_history(
    artists, grad_norms, *, force_limits: bool = False, fit_limits: bool = True
) -> None:
    """New per-epoch norms (epochs + 1, L) into :func:`plot_norm_history`
    (``fit_limits=False``: leave the y-axis to the caller)."""
    G = _positive(np.atleast_2d(grad_norms))
    L = G.shape[1]
    epochs = np.arange(G.shape[0])
    colors = layer_colors(L, max_layers=artists.get("max_colors"))
    names = layer_names(L)
    for i, line in enumerate(artists["lines"]):
        line.set_visible(i < L)
        if i < L:
            line.set_data(epochs, G[:, i])
            line.set_color(colors[i])
            line.set_label(names[i])
    ax = artists["lines"][0].axes
    ax.set_xlim(-0.5, (artists["epochs"] or max(G.shape[0] - 1, 1)) + 0.5)
    if artists.get("show_labels"):
        _place_labels(artists["labels"], G, colors, names, artists["epochs"])
    if fit_limits:
        _log_limits(ax, G, force=force_limits)


def _place_labels(texts, G, colors, names, epochs) -> None:
    """Name the first hidden layer and the output layer at the last finite point of their
    lines: the higher of the two just above its line, the lower just below; to the right
    of the point when the run stopped early (a diverged run), else to its left."""
    L = G.shape[1]
    ends = []
    for i in (0, L - 1):
        finite = np.flatnonzero(np.isfinite(G[:, i]))
        ends.append((int(finite[-1]), float(G[finite[-1], i])) if finite.size else None)
    both = ends[0] is not None and ends[1] is not None and L > 1
    for k, (text, i, end) in enumerate(zip(texts, (0, L - 1), ends)):
        text.set_visible(end is not None and (k == 1 or L > 1))
        if end is None:
            continue
        last, value = end
        other = ends[1 - k]
        above = not both or other is None or value >= other[1]
        early = last < 0.5 * (epochs or G.shape[0] - 1)
        text.xy = (float(last), value)
        text.set_text(names[i])
        text.set_color(colors[i] if i == 0 else INK)
        text.set_ha("left" if early else "right")
        text.set_va("bottom" if above else "top")
        text.xyann = (4 if early else -2, 3 if above else -3)
