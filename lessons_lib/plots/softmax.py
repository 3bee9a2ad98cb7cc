r"""Plots for the softmax lessons (notebooks 03, 04 and 06).

- value bars with their numbers on top (logits, probabilities, gradients): notebooks 03, 04
  and 06; grouped bars of two series side by side (two costs' gradients): notebook 06;
- the softmax Jacobian as a heat map with its entries written in: notebook 06;
- loss and validation error of several training runs, filled in epoch by epoch: notebook 03;
- notebook 04's multi-label maps (the expected number of labels, with the discs drawn in)
  and its threshold sweep (how often both labels of an overlap are switched on).

Colours are the suite's (:data:`~lessons_lib.plots.style.COLORS`): softmax outputs
``"softmax"``, sigmoid outputs ``"sigmoid"``, the true class ``"true_class"``, logits and
bounds neutral grey; the costs their own colours. Each ``plot_*`` draws on the given Axes
and returns a dict of the artists it made; its ``update_*`` partner changes those artists
in place, so a slider never builds a new figure. Nothing here calls ``plt.show()``; text
on a figure goes through :func:`lessons_lib.i18n.fig_text`, maths is mathtext.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Circle
from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter

from ..i18n import fig_text
from .common import get_ax, set_title
from .style import COLORS, DIVERGING, LINESTYLES, MARKERS, SEQUENTIAL

__all__ = [
    "plot_value_bars",
    "update_value_bars",
    "plot_grouped_bars",
    "update_grouped_bars",
    "plot_jacobian",
    "update_jacobian",
    "plot_histories",
    "update_history",
    "plot_count_map",
    "plot_count_maps",
    "plot_both_on_sweep",
]


# -- bars with their values written on top -------------------------------------------------


def plot_value_bars(
    values,
    labels,
    *,
    ax=None,
    color=None,
    ylim=(0.0, 1.0),
    fmt="{:.3f}",
    title: str = "",
    ticks=None,
):
    """Bars of ``values`` (K,) over ``labels`` with each value written above (below) its bar.

    ``color``: one colour for every bar (default: the softmax colour). ``ticks``: the
    y-ticks (default: about four round values in ``ylim``). ``ylim`` and the ticks stay
    fixed, so a slider move changes only bar heights and texts (the cheapest
    redraw); values beyond ``ylim`` are drawn to the edge.
    Returns {"bars": BarContainer, "texts": [Text] * K, "fmt": fmt, "zero": Line2D}.
    """
    ax = get_ax(ax)
    labels = [str(s) for s in labels]
    x = np.arange(len(labels))
    color = COLORS["softmax"] if color is None else color
    bars = ax.bar(x, np.zeros(len(labels)), color=color, width=0.65)
    texts = [ax.text(i, 0.0, "", ha="center", va="bottom", fontsize=9, clip_on=True) for i in x]
    zero = ax.axhline(0.0, color=COLORS["reference"], lw=0.8)
    ax.set_xticks(x, labels)
    ax.set_xlim(-0.6, len(labels) - 0.4)
    ax.set_ylim(*ylim)
    ax.set_yticks(MaxNLocator(4).tick_values(*ylim) if ticks is None else ticks)
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
        text.set_text(artists["fmt"].format(v).replace("-", "−"))
        if v >= 0:
            text.set_position((i, min(s + pad, hi - 4 * pad)))
            text.set_verticalalignment("bottom")
        else:
            text.set_position((i, max(s - pad, lo + 4 * pad)))
            text.set_verticalalignment("top")


def plot_grouped_bars(series: dict, labels, *, ax=None, ylim=(-1.0, 1.0), hatches=None):
    """Two or more series of bars side by side per label (notebook 06: two costs' gradients).

    series: {concept: values (K,)}, each drawn in ``COLORS[concept]`` with its hatch
    (``hatches[concept]``, the second cue) and a legend entry of its name in ``labels``
    order. Returns {"bars": {concept: BarContainer}}; ``ylim`` stays fixed.
    """
    ax = get_ax(ax)
    labels = [str(s) for s in labels]
    x = np.arange(len(labels))
    n = len(series)
    width = 0.8 / n
    hatches = hatches or {}
    bars = {}
    for k, concept in enumerate(series):
        bars[concept] = ax.bar(
            x + (k - (n - 1) / 2) * width,
            np.zeros(len(labels)),
            width=width,
            color=COLORS[concept],
            hatch=hatches.get(concept),
            linewidth=0,
        )
    ax.axhline(0.0, color=COLORS["reference"], lw=0.8)
    ax.set_xticks(x, labels)
    ax.set_xlim(-0.6, len(labels) - 0.4)
    ax.set_ylim(*ylim)
    artists = {"bars": bars}
    update_grouped_bars(artists, series)
    return artists


def update_grouped_bars(artists, series: dict) -> None:
    """New heights for the bars of :func:`plot_grouped_bars` (clipped to the axis)."""
    for concept, values in series.items():
        bars = artists["bars"][concept]
        values = np.asarray(values, dtype=np.float64)
        if values.shape != (len(bars),):
            raise ValueError(f"series: {concept!r} needs {len(bars)} values, got {values.shape}")
        lo, hi = bars[0].axes.get_ylim()
        for bar, v in zip(bars, np.clip(values, lo, hi)):
            bar.set_height(v)


# -- the softmax Jacobian -----------------------------------------------------------------


def plot_jacobian(J, *, ax=None, vmax: float = 0.25, colorbar: bool = True):
    r"""Heat map of a K × K Jacobian, J[j, i] = ∂a_j/∂z_i, entries written in (notebook 06).

    Rows are the outputs $a_j$, columns the scores $z_i$ (classes numbered from 0, as in
    the code). The colour scale is the suite's diverging map, fixed to [−vmax, vmax] so
    colours compare across slider moves. Returns {"image", "texts", "colorbar", "vmax"}.
    """
    ax = get_ax(ax)
    J = np.asarray(J, dtype=np.float64)
    K = J.shape[0]
    image = ax.imshow(J, cmap=DIVERGING, vmin=-vmax, vmax=vmax, interpolation="nearest")
    texts = [
        [ax.text(i, j, "", ha="center", va="center", fontsize=9) for i in range(K)]
        for j in range(K)
    ]
    ax.set_xticks(range(K), [f"$z_{i}$" for i in range(K)])
    ax.set_yticks(range(K), [f"$a_{j}$" for j in range(K)])
    ax.tick_params(length=0)
    ax.set_xlabel(fig_text("score $z_i$ that changes"))
    ax.set_ylabel(fig_text("output $a_j$"))
    cbar = None
    if colorbar:
        cbar = ax.figure.colorbar(image, ax=ax, shrink=0.85, ticks=[-vmax, 0, vmax])
        cbar.set_label(r"$J_{ji}$", rotation=0, labelpad=10)
    artists = {"image": image, "texts": texts, "colorbar": cbar, "vmax": vmax}
    update_jacobian(artists, J)
    return artists


def update_jacobian(artists, J) -> None:
    """Put a new Jacobian into :func:`plot_jacobian`'s image and texts (three decimals, a
    true minus sign; "0" for entries that round to zero)."""
    J = np.asarray(J, dtype=np.float64)
    texts = artists["texts"]
    if J.shape != (len(texts), len(texts)):
        raise ValueError(f"J: expected shape ({len(texts)}, {len(texts)}), got {J.shape}")
    artists["image"].set_data(J)
    dark = 0.55 * artists["vmax"]
    for j, row in enumerate(texts):
        for i, text in enumerate(row):
            v = J[j, i]
            text.set_text(f"{v:+.3f}".replace("-", "−") if abs(v) >= 5e-4 else "0")
            text.set_color("white" if abs(v) > dark else COLORS["truth"])


# -- training curves ----------------------------------------------------------------------


def plot_histories(names, concepts, *, epochs: int, ax_loss, ax_err):
    """Empty curves of several training runs, to fill in while they train (notebook 03).

    names: the runs' labels; concepts: for each run a key of ``COLORS`` and
    ``LINESTYLES`` ("softmax", "sigmoid", …): its colour and line style. Left: the training
    loss; right: the validation error 1 − accuracy, both on log scales (the loss falls by
    two decades, and the error ends at 1–2 %, which a linear accuracy axis would squash
    against its top). The x-axis is fixed to [0, epochs]; the final errors are written in
    the runs' colours. Returns {name: {"loss": Line2D, "error": Line2D, "final": Text}}.
    """
    artists = {}
    for k, (name, concept) in enumerate(zip(names, concepts)):
        style = {"color": COLORS[concept], "ls": LINESTYLES.get(concept, "-"), "label": name}
        (loss,) = ax_loss.plot([], [], **style)
        (err,) = ax_err.plot([], [], **style)
        final = ax_err.text(
            0.98, 0.97 - 0.09 * k, "", transform=ax_err.transAxes, ha="right", va="top",
            color=COLORS[concept], fontsize=9,
        )  # fmt: skip
        artists[name] = {"loss": loss, "error": err, "final": final}
    for ax in (ax_loss, ax_err):
        ax.set_xlim(0, max(epochs, 1))
        ax.set_xlabel(fig_text("epoch"))
        ax.set_yscale("log")
    ax_loss.set_ylabel(fig_text("training loss (log scale)"))
    ax_loss.set_ylim(1e-2, 1e1)
    ax_err.set_ylabel(fig_text("validation error, 1 − accuracy"))
    ax_err.set_ylim(5e-3, 1.0)
    ax_err.yaxis.set_major_formatter(FuncFormatter(_percent))
    ax_loss.legend(loc="upper right")
    return artists


def _percent(v, _pos=None) -> str:
    """0.1 → "10 %", 0.005 → "0.5 %": a log axis's ticks as percentages."""
    return f"{v:.0%}" if v >= 0.01 else f"{v:.1%}"


def _error(history) -> np.ndarray:
    acc = history.val_accuracy if history.val_accuracy else history.accuracy
    return 1.0 - np.asarray(acc, dtype=np.float64)


def update_history(artists, name, history) -> None:
    """Show ``history`` (a :class:`lessons_lib.training.History`) in run ``name``'s lines:
    the training loss and 1 − the validation accuracy (the training accuracy if no
    validation set was watched). Both axes fit every curve drawn so far."""
    lines = artists[name]
    epochs = np.arange(len(history.loss))
    err = _error(history)
    lines["loss"].set_data(epochs, history.loss)
    lines["error"].set_data(epochs, np.where(err > 0, err, np.nan))  # 0 has no log
    if err.size:
        lines["final"].set_text(
            fig_text("{name}: {err:.1%} at epoch {epoch}", name=name, err=err[-1], epoch=epochs[-1])
        )
    for key in ("loss", "error"):
        ax = lines[key].axes
        ys = [np.asarray(line.get_ydata(), dtype=np.float64) for line in ax.lines]
        ys = np.concatenate([y[np.isfinite(y) & (y > 0)] for y in ys] or [np.empty(0)])
        if ys.size:
            top = 1.0 if key == "error" else ys.max() * 1.5
            ax.set_ylim(ys.min() / 1.6, top)


# -- notebook 04: what a softmax output can say ---------------------------------------------


def plot_count_map(counts, extent, *, ax=None, discs=None, vmax: float = 3.0, title: str = ""):
    """A map of an expected number of labels, Σ_j p_j, over the square (notebook 04).

    counts: (n, n) on a grid spanning ``extent`` = (x0, x1, y0, y1), row 0 at the bottom,
    drawn with the suite's sequential colormap from 0 to ``vmax``; ``discs``: optional
    (centres (M, 2), radius) outlined on top in the truth colour (where the labels hold).
    Returns {"image", "discs": [Circle]}.
    """
    ax = get_ax(ax)
    image = ax.imshow(
        np.asarray(counts, dtype=np.float64),
        origin="lower",
        extent=extent,
        cmap=SEQUENTIAL,
        vmin=0.0,
        vmax=vmax,
        interpolation="nearest",
    )
    circles = []
    if discs is not None:
        centres, radius = discs
        for c in np.asarray(centres):
            circle = Circle(c, radius, fill=False, lw=0.8, ls="--", color=COLORS["truth"])
            ax.add_patch(circle)
            circles.append(circle)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        set_title(ax, title)
    return {"image": image, "discs": circles}


def plot_count_maps(axes, maps, extent, *, row_labels, col_titles, discs=None, vmax=3.0):
    """A grid of :func:`plot_count_map` maps on the 2-D array ``axes`` (notebook 04), with one
    colour bar for all of them.

    maps: nested lists, maps[r][c] an (n, n) array; row_labels / col_titles: the text at the
    left of each row and above each column. Returns {"images": [[AxesImage]], "colorbar"}.
    """
    images = []
    for r, (row_axes, row_maps) in enumerate(zip(axes, maps)):
        row = []
        for c, (ax, m) in enumerate(zip(row_axes, row_maps)):
            art = plot_count_map(
                m, extent, ax=ax, discs=discs, vmax=vmax, title=col_titles[c] if r == 0 else ""
            )
            row.append(art["image"])
        row_axes[0].set_ylabel(row_labels[r])
        images.append(row)
    fig = np.asarray(axes).flat[0].figure
    cbar = fig.colorbar(images[0][0], ax=axes, shrink=0.8, ticks=range(int(vmax) + 1))
    cbar.set_label(fig_text(r"expected number of labels, $\Sigma_j\, p_j$"))
    return {"images": images, "colorbar": cbar}


def plot_both_on_sweep(
    thresholds, shares: dict, *, ax=None, color=None, title: str = "", ylabel: bool = True
):
    """How often both labels of an overlap are switched on, against the threshold (nb 04).

    shares: {world: (S, T)} for the worlds "and" (both labels hold: right is 1) and "or"
    (one of the two holds: right is 0), one row per seed. Each world is drawn as its mean
    over the seeds (line style and marker: "and" solid with circles, "or" dashed with
    squares) with the seeds' range as a band, in ``color``, labelled at its start; the
    default threshold 0.5 is marked. Returns {world: Line2D}.
    """
    ax = get_ax(ax)
    t = np.asarray(thresholds, dtype=np.float64)
    color = COLORS["softmax"] if color is None else color
    style = {
        "and": {"ls": LINESTYLES["start_a"], "marker": MARKERS["start_a"]},
        "or": {"ls": LINESTYLES["start_b"], "marker": MARKERS["start_b"], "mfc": "none"},
    }
    names = {
        "and": fig_text("labels “and”: both hold"),
        "or": fig_text("labels “or”: one holds"),
    }
    lines = {}
    for world, rows in shares.items():
        rows = np.asarray(rows, dtype=np.float64)
        mean = rows.mean(axis=0)
        ax.fill_between(t, rows.min(axis=0), rows.max(axis=0), color=color, alpha=0.15, lw=0)
        (line,) = ax.plot(t, mean, color=color, ms=4, label=names[world], **style[world])
        lines[world] = line
    ax.axvline(0.5, color=COLORS["bound"], ls=LINESTYLES["bound"], lw=1.0)
    ax.annotate(
        fig_text("usual threshold 0.5"),
        (0.5, 1.02),
        xytext=(3, 0),
        textcoords="offset points",
        fontsize=9,
        color=COLORS["bound"],
        va="bottom",
    )
    ax.set_xlim(t.min(), t.max())
    ax.set_ylim(-0.03, 1.12)
    ax.set_xlabel(fig_text("threshold $t$: a label is on when $p \\geq t$"))
    if ylabel:
        ax.set_ylabel(fig_text("overlap points with both labels on"))
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    if title:
        set_title(ax, title)
    return lines
