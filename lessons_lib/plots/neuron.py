"""Plots for the single-neuron lessons (notebooks 01–02).

Each ``plot_*`` draws on the given Axes and returns a dict of the artists it made; its
``update_*`` partner changes those artists' data in place, so a slider never builds a new
figure. Nothing here calls ``plt.show()``.

Colours and cues (:mod:`~lessons_lib.plots.style`): each cost has its colour, line style
and marker (quadratic vermillion, solid, circles; cross-entropy blue, dashed, squares);
the reference starts A and B theirs (sky blue / black, circle / square); the σ and σ′
curves are the neutral reference grey; the plateau — z > 1, where the quadratic neuron
crawls — is shaded light grey wherever it appears.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib import patheffects
from matplotlib.ticker import MaxNLocator

from ..activations import sigmoid, sigmoid_prime
from ..experiments.neuron import (
    CROSS_ENTROPY,
    PLATEAU_END_A,
    PLATEAU_END_Z,
    QUADRATIC,
    SIGMOID_PRIME_MAX,
    TARGET_A,
    cost_along_z,
    plateau_end,
    target_epoch,
)
from ..i18n import N_, fig_text
from ..neuron import NeuronRun, neuron_cost
from .common import get_ax
from .style import COLORS, LINESTYLES, MARKERS, NOT_REACHED, SEQUENTIAL, styled

__all__ = [
    "COST_NAMES",
    "START_NAMES",
    "cost_name",
    "nice_top",
    "fit_top",
    "plot_training",
    "update_training",
    "plot_plateau",
    "update_plateau",
    "plot_cursor",
    "update_cursor",
    "plot_z_curve",
    "update_z_curve",
    "fit_z_axis",
    "plot_sigmoid_prime",
    "update_sigmoid_prime",
    "plot_step_sizes",
    "update_step_sizes",
    "plot_reference_levels",
    "plot_cost_along_z",
    "update_cost_along_z",
    "plot_epochs_by_z0",
    "update_epochs_by_z0",
    "mark_z0",
    "update_z0_marks",
    "plot_starts",
    "plot_sigmoid_pair",
    "plot_z0_figure",
    "plot_loss_surface",
    "update_loss_path",
    "plot_speed_map",
    "update_speed_map",
]

COST_NAMES = {QUADRATIC: N_("quadratic"), CROSS_ENTROPY: N_("cross-entropy")}
START_NAMES = {"start_a": N_("A"), "start_b": N_("B")}
PLATEAU_SHADE = {"color": COLORS["reference"], "alpha": 0.14, "lw": 0}
LEVEL_STYLE = {"color": COLORS["bound"], "ls": LINESTYLES["bound"], "lw": 0.9}
TARGET_Z = math.log(TARGET_A / (1 - TARGET_A))  # a = 0.1 at z ≈ −2.2


def cost_name(cost: str) -> str:
    """How a cost is named on a figure ("quadratic", "cross-entropy"), translated."""
    return fig_text(COST_NAMES[cost])


def _style(cost: str) -> dict:
    return {"color": COLORS[cost], "ls": LINESTYLES[cost]}


def nice_top(x: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k above 1.02·x (an axis
    top that fits the data closely)."""
    if not x > 0:
        return 1.0
    x *= 1.02
    e = 10.0 ** math.floor(math.log10(x))
    return next(m * e for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * e >= x)


def fit_top(ax, hi: float, *, force: bool = False) -> None:
    """y from 0 to a nice top above ``hi``; kept while the data stay between 40 % and
    100 % of it (so most slider moves keep the axes and the panel can blit)."""
    cur = ax.get_ylim()[1]
    if force or hi > cur or hi < 0.4 * cur:
        ax.set_ylim(0.0, nice_top(hi))


def _epochs_axis(ax, epochs: int) -> None:
    """The epoch axis ends at the last epoch: no room for epochs that were not run."""
    ax.set_xlim(0, max(int(epochs), 1))
    ax.set_xlabel(fig_text("epoch"))


# -- notebook 01: one run, its cost and output, the plateau, the epoch cursor ------------


def _quarter_bound(ax):
    """The level σ′ never exceeds, 1/4, as a labelled line; returns the line."""
    line = ax.axhline(SIGMOID_PRIME_MAX, **LEVEL_STYLE)
    ax.text(
        0.03,
        SIGMOID_PRIME_MAX,
        fig_text("largest value 1/4"),
        transform=ax.get_yaxis_transform(),
        ha="left",
        va="bottom",
        fontsize=9,
        color="0.3",
    )
    return line


def _plateau_label(ax, x: float) -> None:
    """ "plateau: z > 1" in the lower right corner of ``ax`` (``x`` in axes coordinates)."""
    ax.text(
        x,
        0.04,
        fig_text("plateau: z > 1"),
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=9,
        color="0.25",
    )


def _run_label(run: NeuronRun) -> str:
    return fig_text("{cost} (η = {eta:.3g})", cost=cost_name(run.cost_name), eta=run.eta)


def plot_training(
    run: NeuronRun, *, ax_cost=None, ax_output=None, color=None, label=None, linestyle=None
):
    """Cost vs epoch on ``ax_cost`` and output a vs epoch on ``ax_output`` (either may be
    None), the epoch axis ending at the last epoch and the cost axis fitted to the curve.

    Returns {"cost": Line2D, "output": Line2D} (only those drawn).
    """
    color = color or COLORS[run.cost_name]
    linestyle = linestyle or LINESTYLES[run.cost_name]
    label = label or _run_label(run)
    epochs = np.arange(run.epochs + 1)
    artists = {}
    if ax_cost is not None:
        (artists["cost"],) = ax_cost.plot(epochs, run.cost, color=color, ls=linestyle, label=label)
        _epochs_axis(ax_cost, run.epochs)
        fit_top(ax_cost, float(np.max(run.cost)), force=True)
        ax_cost.set_ylabel(fig_text("cost $C$"))
    if ax_output is not None:
        (artists["output"],) = ax_output.plot(epochs, run.a, color=color, ls=linestyle, label=label)
        _epochs_axis(ax_output, run.epochs)
        ax_output.set_ylim(0.0, 1.0)
        ax_output.set_ylabel(fig_text("output $a$"))
    return artists


def update_training(artists, run: NeuronRun, *, label=None, fit: bool = True) -> None:
    """Put a new run's curves into the lines from :func:`plot_training`; the epoch axis
    follows the run, the cost axis changes only when the curve leaves it or shrinks well
    inside it (see :func:`fit_top`). ``fit=False`` leaves the cost axis to the caller."""
    epochs = np.arange(run.epochs + 1)
    for key, values in (("cost", run.cost), ("output", run.a)):
        line = artists.get(key)
        if line is None:
            continue
        line.set_data(epochs, values)
        line.set_label(label or _run_label(run))
        line.set_color(COLORS[run.cost_name])
        line.set_linestyle(LINESTYLES[run.cost_name])
        line.axes.set_xlim(0, max(run.epochs, 1))
        if key == "cost" and fit:
            fit_top(line.axes, float(np.max(values)))


def plot_plateau(
    ax,
    end: int,
    epochs: int,
    *,
    owner: str | None = None,
    where=(0.03, 0.04, "left"),
    label: bool = True,
):
    """Shade the plateau — epochs 0 … ``end`` while z > 1 — and write its length at
    ``where`` (x, y in axes fractions, horizontal alignment; default the bottom-left
    corner), unless ``label`` is False (a panel writes it in its readout: a text redrawn on
    every move costs more than the rest of the figure). ``owner``: whose plateau, e.g. "B",
    when several runs share the axes. ``end`` from
    :func:`~lessons_lib.experiments.neuron.plateau_end` (−1: the whole run).
    Returns {"span", "label"} ("label" None without one).
    """
    span = ax.axvspan(0, 1, **PLATEAU_SHADE)
    text = None
    if label:
        x, y, ha = where
        text = ax.text(
            x, y, "", transform=ax.transAxes, ha=ha, va="bottom", color="0.25", fontsize=9
        )
    artists = {"span": span, "label": text, "owner": owner}
    update_plateau(artists, end, epochs)
    return artists


def update_plateau(artists, end: int, epochs: int) -> None:
    """Move the plateau's shading and rewrite its label."""
    width = epochs if end < 0 else end
    artists["span"].set_x(0)
    artists["span"].set_width(width)
    if artists["label"] is None:
        return
    owner = artists.get("owner")
    if end < 0:
        text = fig_text("plateau (z > 1): all {n} epochs", n=epochs)
    elif end == 0:
        text = fig_text("no plateau: z starts ≤ 1")
    elif owner:
        text = fig_text("plateau of {owner} (z > 1): {n} epochs", owner=owner, n=end)
    else:
        text = fig_text("plateau (z > 1): {n} epochs", n=end)
    artists["label"].set_text(text)


def plot_cursor(ax, *, color=None, marker="o"):
    """An epoch cursor: a vertical line and a dot on a curve. Returns {"line", "dot"}."""
    # not snapped to whole pixels: a one-epoch move must show even on a long run
    line = ax.axvline(0, color=COLORS["reference"], lw=0.9, snap=False)
    (dot,) = ax.plot(
        [],
        [],
        marker,
        color=color or COLORS["reference"],
        ms=7,
        mec="white",
        clip_on=False,
        snap=False,
    )
    return {"line": line, "dot": dot}


def update_cursor(artists, epoch: int, value: float, *, color=None, marker=None) -> None:
    """Put the cursor at ``epoch`` with its dot at ``value``."""
    artists["line"].set_xdata([epoch, epoch])
    artists["dot"].set_data([epoch], [value])
    if color is not None:
        artists["dot"].set_color(color)
        artists["dot"].set_markeredgecolor("white")
    if marker is not None:
        artists["dot"].set_marker(marker)


_Z_CURVES = {
    "sigma": (lambda z: sigmoid(z), r"$a = \sigma(z)$"),
    "sigma_prime": (lambda z: sigmoid_prime(z), r"$\sigma'(z)$"),
}


def plot_z_curve(kind: str, *, ax=None, z_lim: float = 6.0, label_plateau: bool = True):
    """σ(z) (``kind="sigma"``) or σ′(z) (``"sigma_prime"``) against z, with the plateau
    region z > 1 shaded, and for σ′ its bound 1/4 marked. Moving parts (empty until
    :func:`update_z_curve`): the trail of the run's z, its start and its current point.

    Returns {"curve", "region", "trail", "start", "point"} (+ "bound" for σ′).
    """
    ax = get_ax(ax)
    fn, ylabel = _Z_CURVES[kind]
    z = np.linspace(-40.0, 40.0, 3201)
    (curve,) = ax.plot(z, fn(z), color=COLORS["reference"], lw=1.6)
    region = ax.axvspan(PLATEAU_END_Z, 1e3, **PLATEAU_SHADE)
    artists = {"curve": curve, "region": region}
    if kind == "sigma_prime":
        artists["bound"] = _quarter_bound(ax)
        ax.set_ylim(0.0, 0.29)
    else:
        ax.set_ylim(0.0, 1.05)
        if label_plateau:
            _plateau_label(ax, 0.97)
    (trail,) = ax.plot([], [], "o", ms=3.5, alpha=0.8, zorder=3)
    (start,) = ax.plot([], [], "o", ms=8, mfc="white", mew=1.6, zorder=4)
    (point,) = ax.plot([], [], "o", ms=9, mec="white", mew=1.0, zorder=5, snap=False)
    artists.update(trail=trail, start=start, point=point)
    ax.set_xlim(-z_lim, z_lim)
    ax.set_xlabel("$z = wx + b$")
    ax.set_ylabel(ylabel)
    return artists


def update_z_curve(artists, z_trail, z_now: float, z_start: float, *, cost: str) -> None:
    """Show a run on a :func:`plot_z_curve`: its z every few epochs (``z_trail``), its
    start (hollow) and where it is now (filled), in the cost's colour and marker."""
    fn = _Z_CURVES["sigma" if "bound" not in artists else "sigma_prime"][0]
    z_trail = np.asarray(z_trail, dtype=np.float64)
    color, marker = COLORS[cost], MARKERS[cost]
    artists["trail"].set_data(z_trail, fn(z_trail))
    artists["start"].set_data([z_start], [float(fn(z_start))])
    artists["point"].set_data([z_now], [float(fn(z_now))])
    for key in ("trail", "start", "point"):
        artists[key].set_color(color)
        artists[key].set_marker(marker)
    artists["start"].set_markerfacecolor("white")
    artists["point"].set_markeredgecolor("white")


Z_LIMITS = (6.0, 8.0, 10.0, 12.0, 16.0, 20.0, 30.0)


def fit_z_axis(ax, z, *, force: bool = False) -> None:
    """A symmetric z axis that holds every z of a run (at least ±6, at most ±30): kept
    while the run fits and fills more than 40 % of it."""
    need = float(np.max(np.abs(z))) * 1.05 if np.size(z) else 0.0
    lim = next((v for v in Z_LIMITS if v >= need), Z_LIMITS[-1])
    cur = ax.get_xlim()[1]
    if force or need > cur or (cur > Z_LIMITS[0] and need < 0.4 * cur):
        ax.set_xlim(-lim, lim)


def plot_sigmoid_prime(
    z_start: float | None = None, z_end: float | None = None, *, ax=None, z_max: float = 8.0
):
    """σ′(z) on [−z_max, z_max] with its bound 1/4 and the plateau region z > 1, and the
    starting z (hollow) and final z (filled) marked when given (notebook 01).

    Returns {"curve", "bound", "start", "end"}.
    """
    ax = get_ax(ax)
    z = np.linspace(-z_max, z_max, 401)
    (curve,) = ax.plot(z, sigmoid_prime(z), color=COLORS["reference"], lw=1.6)
    ax.axvspan(PLATEAU_END_Z, z_max, **PLATEAU_SHADE)
    bound = _quarter_bound(ax)
    (start,) = ax.plot([], [], "o", color=COLORS["start_b"], ms=8, mfc="white", mew=1.6)
    (end,) = ax.plot([], [], "s", color=COLORS["start_b"], ms=7)
    ax.set_xlim(-z_max, z_max)
    ax.set_ylim(0.0, 0.29)
    ax.set_xlabel("$z = wx + b$")
    ax.set_ylabel(r"$\sigma'(z)$")
    artists = {"curve": curve, "bound": bound, "start": start, "end": end}
    update_sigmoid_prime(artists, z_start, z_end)
    return artists


def update_sigmoid_prime(artists, z_start: float | None, z_end: float | None = None) -> None:
    """Move the start/final markers of :func:`plot_sigmoid_prime` (None hides one)."""
    lim = artists["curve"].get_xdata()[-1]
    for key, z in (("start", z_start), ("end", z_end)):
        if z is None:
            artists[key].set_data([], [])
        else:
            zc = float(np.clip(z, -lim, lim))  # a far-off z sits on the edge, σ′ ≈ 0
            artists[key].set_data([zc], [float(sigmoid_prime(z))])


# -- notebook 02: two costs side by side ---------------------------------------------------


def plot_step_sizes(runs: dict, *, ax=None):
    """The step each run takes, η·|∂C/∂w|, against epoch on a log axis, one line per cost
    (its colour and line style). Returns {cost: Line2D}."""
    ax = get_ax(ax)
    lines = {}
    for cost in runs:
        (lines[cost],) = ax.semilogy([], [], **_style(cost))
    ax.set_ylabel(fig_text("step size $\\eta\\,|\\partial C/\\partial w|$"))
    update_step_sizes(lines, runs, force=True)
    return lines


def _steps(run: NeuronRun) -> np.ndarray:
    return np.maximum(run.eta * np.abs(np.ravel(run.dw)), 1e-300)


def update_step_sizes(lines, runs: dict, *, force: bool = False) -> None:
    """New runs into :func:`plot_step_sizes`; the log axis keeps its decades while the
    steps stay inside them and fill at least a third of them."""
    steps = {}
    for cost, run in runs.items():
        steps[cost] = _steps(run)
        lines[cost].set_data(np.arange(run.epochs + 1), steps[cost])
    ax = next(iter(lines.values())).axes
    epochs = next(iter(runs.values())).epochs
    _epochs_axis(ax, epochs)
    values = np.concatenate(list(steps.values()))
    values = values[values > 1e-300]
    if values.size:
        lo = 10.0 ** math.floor(math.log10(values.min()))
        hi = 10.0 ** math.ceil(math.log10(values.max()))
        cur_lo, cur_hi = ax.get_ylim()
        span = math.log10(hi / lo)
        if (
            force
            or lo < cur_lo
            or hi > cur_hi
            or math.log10(cur_hi / cur_lo) > max(3.0 * span, span + 2)
        ):
            ax.set_ylim(lo, hi)


def plot_reference_levels(ax):
    """Dotted levels on an output axis: a = σ(1) ≈ 0.73, where the plateau ends (z = 1),
    and a = 0.1, the target. Returns the two lines."""
    lines = []
    for level, text, x in (
        (PLATEAU_END_A, N_("plateau ends (z = 1)"), 0.3),
        (TARGET_A, N_("target a = 0.1"), 0.98),
    ):
        lines.append(ax.axhline(level, **LEVEL_STYLE))
        ax.text(
            x,
            level,
            fig_text(text),
            transform=ax.get_yaxis_transform(),
            ha="right" if x > 0.5 else "left",
            va="bottom",
            fontsize=9,
            color="0.3",
        )
    return lines


def plot_cost_along_z(*, ax=None, z_lim=(-3.0, 9.0), costs=(QUADRATIC, CROSS_ENTROPY)):
    """C(z) for each cost on a log axis (the loss surface C(w, b) is this profile, constant
    along every line w + b = z), with the plateau region z > 1 shaded and the target
    a = 0.1 (z ≈ −2.2) marked. Moving parts (empty until :func:`update_cost_along_z`): each
    run's z every few epochs as dots on its curve, and its start.

    Returns {"curves": {cost: Line2D}, "dots": {cost: Line2D}, "starts": {cost: Line2D}}.
    """
    ax = get_ax(ax)
    z = np.linspace(z_lim[0], z_lim[1], 481)
    ax.axvspan(PLATEAU_END_Z, z_lim[1], **PLATEAU_SHADE)
    ax.axvline(TARGET_Z, **LEVEL_STYLE)
    ax.annotate(
        fig_text("target a = 0.1"),
        (TARGET_Z, 0.98),
        xycoords=ax.get_xaxis_transform(),
        xytext=(3, 0),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=9,
        color="0.3",
    )
    _plateau_label(ax, 0.98)
    curves, dots, starts = {}, {}, {}
    for cost in costs:
        (curves[cost],) = ax.semilogy(z, cost_along_z(z, cost), lw=1.4, **_style(cost))
        style = {"color": COLORS[cost], "marker": MARKERS[cost], "ls": "none"}
        (dots[cost],) = ax.plot([], [], ms=4.5, alpha=0.9, zorder=3, **style)
        (starts[cost],) = ax.plot([], [], ms=9, mfc="white", mew=1.6, zorder=4, **style)
        below = cost == CROSS_ENTROPY  # the upper curve is labelled below, the lower above
        ax.annotate(
            cost_name(cost),
            (z[-1], float(cost_along_z(z[-1], cost))),
            xytext=(-4, -8 if below else 6),
            textcoords="offset points",
            ha="right",
            va="top" if below else "bottom",
            fontsize=9,
            color=COLORS[cost],
        )
    ax.set_xlim(*z_lim)
    ax.set_xlabel("$z = wx + b$")
    ax.set_ylabel(fig_text("cost $C$ (log scale)"))
    return {"curves": curves, "dots": dots, "starts": starts}


def update_cost_along_z(artists, runs: dict, *, mark_every: int = 10) -> None:
    """Dots at each run's z every ``mark_every`` epochs until it reaches a ≤ 0.1 (or its
    last epoch): where they bunch up, learning is slow. The hollow marker is the start."""
    for cost, run in runs.items():
        z = np.ravel(run.w) * run.x + np.ravel(run.b)
        stop = target_epoch(run)
        last = run.epochs if stop < 0 else stop
        shown = z[: last + 1 : mark_every]
        c = cost_along_z(shown, cost) if shown.size else shown
        artists["dots"][cost].set_data(shown, c)
        artists["starts"][cost].set_data([z[0]], [float(cost_along_z(z[0], cost))])


def plot_epochs_by_z0(z0, epochs: dict, *, ax=None, budget: int | None = None):
    """Epochs until a ≤ 0.1 against the start's z₀ = w₀ + b₀, one line per cost (named at
    its last point), on a log axis; starts that do not get there within ``budget`` are
    left out (the line stops), and the budget is drawn as a dotted level.

    ``epochs``: {cost: array like z0} from
    :func:`~lessons_lib.experiments.neuron.epochs_by_z0`. Returns {cost: Line2D} with the
    names under "labels" ({cost: Text}) and the level under "budget".
    """
    ax = get_ax(ax)
    lines = {}
    for cost in epochs:
        (lines[cost],) = ax.semilogy([], [], **_style(cost))
    labels = {
        cost: ax.annotate(
            cost_name(cost),
            (0.0, 1.0),
            xytext=(-6, 3),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=9,
            color=COLORS[cost],
        )
        for cost in epochs
    }
    level = ax.axhline(1.0, **LEVEL_STYLE)
    level.set_visible(budget is not None)
    level_text = ax.text(
        0.02,
        1.0,
        fig_text("epoch budget"),
        transform=ax.get_yaxis_transform(),
        ha="left",
        va="top",
        fontsize=9,
        color="0.3",
        visible=budget is not None,
    )
    ax.axvspan(PLATEAU_END_Z, float(np.max(z0)), **PLATEAU_SHADE)
    ax.set_xlim(float(np.min(z0)), float(np.max(z0)))
    ax.set_xlabel(r"$z_0 = w_0 x + b_0$")
    ax.set_ylabel(fig_text("epochs until $a \\leq 0.1$"))
    artists = {**lines, "labels": labels, "budget": level, "budget_text": level_text}
    update_epochs_by_z0(artists, z0, epochs, budget=budget)
    return artists


def _positive_epochs(e) -> np.ndarray:
    e = np.asarray(e, dtype=np.float64)
    return np.where(e > 0, e, np.nan)  # 0 epochs (already there) and −1 (never) are off a log axis


def update_epochs_by_z0(artists, z0, epochs: dict, *, budget: int | None = None) -> None:
    """New curves into :func:`plot_epochs_by_z0`, each name moved to its line's last point;
    the y axis spans 1 … ``budget`` (or the largest count), rounded up to a decade."""
    z0 = np.asarray(z0, dtype=np.float64)
    for cost, values in epochs.items():
        y = _positive_epochs(values)
        artists[cost].set_data(z0, y)
        ok = np.flatnonzero(np.isfinite(y))
        label = artists["labels"][cost]
        label.set_visible(ok.size > 0)
        if ok.size:
            label.xy = (float(z0[ok[-1]]), float(y[ok[-1]]))
    ax = artists["budget"].axes
    top = budget
    if top is None:
        counts = np.concatenate([np.ravel(e) for e in epochs.values()])
        top = int(counts.max()) if counts.size else 10
    else:
        artists["budget"].set_ydata([budget, budget])
        artists["budget_text"].set_y(budget / 1.15)
    ax.set_ylim(1, 10.0 ** math.ceil(math.log10(max(top, 10))))


def mark_z0(ax, marks: dict, epochs_at: dict | None = None, *, labels: bool = True):
    """Mark starts on a :func:`plot_epochs_by_z0` axis: a dotted vertical line at each z₀
    (``marks``: {name: z₀}, name a key of ``plots.style.COLORS`` such as "start_a") with its
    letter, and, given ``epochs_at`` ({name: {cost: epochs}}), a marker on each curve.

    Returns {name: {"line", "text", "points": {cost: Line2D}}}.
    """
    out = {}
    for name, z0 in marks.items():
        color = COLORS.get(name, COLORS["reference"])
        line = ax.axvline(z0, color=color, ls=":", lw=1.0)
        text = None
        if labels:
            text = ax.text(
                z0,
                1.0,
                "\u2009" + fig_text(START_NAMES.get(name, name)),
                transform=ax.get_xaxis_transform(),
                ha="left",
                va="top",
                fontsize=10,
                fontweight="bold",
                color=color,
            )
        points = {}
        for cost in (QUADRATIC, CROSS_ENTROPY):
            (points[cost],) = ax.plot(
                [], [], MARKERS.get(name, "o"), color=COLORS[cost], ms=8, mec="white", zorder=5
            )
        out[name] = {"line": line, "text": text, "points": points}
        if epochs_at is not None:
            update_z0_marks(out[name], z0, epochs_at[name])
    return out


def update_z0_marks(mark, z0: float, epochs_at: dict) -> None:
    """Move one mark of :func:`mark_z0` to ``z0`` with its epochs {cost: epochs}."""
    mark["line"].set_xdata([z0, z0])
    if mark["text"] is not None:
        mark["text"].set_x(z0)
    for cost, point in mark["points"].items():
        e = float(epochs_at.get(cost, -1))
        point.set_data(([z0], [e]) if e > 0 else ([], []))


# -- the notebooks' static figures ---------------------------------------------------------


def plot_starts(runs: dict, *, ax_cost, ax_output):
    """Notebook 01: the runs from the reference starts ({"start_a": run, "start_b": run}),
    cost and output against epoch, each start in its colour and line style with its name
    at the line's end, and B's plateau shaded. Returns {name: {"cost", "output"}}."""
    from .common import end_label

    out = {}
    with styled():
        for name, run in runs.items():
            label = fig_text(START_NAMES[name])
            out[name] = plot_training(
                run,
                ax_cost=ax_cost,
                ax_output=ax_output,
                color=COLORS[name],
                linestyle=LINESTYLES[name],
                label=label,
            )
            end_label(out[name]["output"], fontweight="bold")
        ax_cost.legend(loc="upper right", handlelength=2.6)
        if "start_b" in runs:
            run, owner = runs["start_b"], fig_text(START_NAMES["start_b"])
            for ax in (ax_cost, ax_output):
                plot_plateau(
                    ax, plateau_end(run), run.epochs, owner=owner, where=(0.38, 0.5, "center")
                )
        ax_cost.set_title(fig_text("quadratic cost during training"))
        ax_output.set_title(fig_text("output $a$ (target $y = 0$)"))
    return out


def plot_sigmoid_pair(marks: dict, *, ax_sigma, ax_prime, z_lim: float = 8.0):
    """Notebook 01: σ(z) and σ′(z) side by side, the plateau region z > 1 shaded, σ′'s
    bound 1/4 marked, and the starts ``marks`` ({"start_a": z₀, …}) on both curves in
    their colours and markers, σ′(z₀) written beside each. Returns {"sigma", "prime"}."""
    with styled():
        sigma = plot_z_curve("sigma", ax=ax_sigma, z_lim=z_lim)
        prime = plot_z_curve("sigma_prime", ax=ax_prime, z_lim=z_lim)
        for name, z0 in marks.items():
            for ax, fn in ((ax_sigma, sigmoid), (ax_prime, sigmoid_prime)):
                v = float(fn(z0))
                ax.plot([z0], [v], MARKERS[name], color=COLORS[name], ms=8, mec="white", zorder=5)
                text = fig_text(START_NAMES[name])
                if fn is sigmoid_prime:
                    text = fig_text("{name}: σ′ = {v:.3g}", name=text, v=v)
                ax.annotate(
                    text,
                    (z0, v),
                    xytext=(6, 6),
                    textcoords="offset points",
                    fontsize=9,
                    fontweight="bold",
                    color=COLORS[name],
                )
        ax_sigma.set_title(fig_text("the sigmoid $\\sigma(z)$"))
        ax_prime.set_title(fig_text("its slope $\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$"))
    return {"sigma": sigma, "prime": prime}


def plot_z0_figure(runs: dict, z0, epochs: dict, marks: dict, *, ax_cost, ax_epochs):
    """Notebook 02, "only z₀ = w₀ + b₀ matters": left, C(z) for both costs with each run
    of ``runs`` ({cost: run}) as dots every 10 epochs until a ≤ 0.1; right, epochs until
    a ≤ 0.1 against z₀ (``epochs`` from
    :func:`~lessons_lib.experiments.neuron.epochs_by_z0`) with the starts ``marks``
    ({"start_a": (z₀, {cost: epochs}), …}) marked on both curves.

    Returns {"along", "curves", "marks"}.
    """
    with styled():
        along = plot_cost_along_z(ax=ax_cost)
        update_cost_along_z(along, runs)
        curves = plot_epochs_by_z0(z0, epochs, ax=ax_epochs)
        marked = mark_z0(
            ax_epochs,
            {name: v for name, (v, _) in marks.items()},
            {name: at for name, (_, at) in marks.items()},
        )
        ax_cost.set_title(fig_text("the cost along $z$; a dot every 10 epochs"))
        ax_epochs.set_title(fig_text("epochs until $a \\leq 0.1$ from each start"))
    return {"along": along, "curves": curves, "marks": marked}


# -- the loss surface C(w, b) and the learning-speed map ------------------------------------


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
    """Filled contours of C(w, b) on [−lim, lim]² with a gradient-descent path.

    With x = 1 the contours are the straight lines w + b = const: C depends on z alone
    (:func:`plot_cost_along_z` draws that profile). The path has a dot every ``mark_every``
    epochs: dots bunch up where learning is slow. Returns {"contour", "path", "dots",
    "start"}.
    """
    ax = get_ax(ax)
    g = np.linspace(-lim, lim, n)
    W, B = np.meshgrid(g, g)
    C = neuron_cost(W, B, cost=cost, x=x, y=y)
    levels = MaxNLocator(12).tick_values(0.0, float(C.max()))
    contour = ax.contourf(W, B, C, levels=levels, cmap=SEQUENTIAL)
    (path,) = ax.plot([], [], "-", color="white", lw=1.2)
    (dots,) = ax.plot([], [], MARKERS[cost], color="white", ms=3)
    (start,) = ax.plot([], [], MARKERS[cost], color=COLORS[cost], ms=8, mec="white")
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_xlabel("$w$")
    ax.set_ylabel("$b$")
    ax.set_title(fig_text("{cost}: $C(w, b)$", cost=cost_name(cost)))
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


# epochs on the speed map: perceptually uniform and made for colour-blind readers (cividis:
# viridis's yellow and yellow-green, side by side on this map, merge for a protanope)
SPEED_CMAP = "cividis_r"


def _speed_cmap():
    import matplotlib as mpl

    return mpl.colormaps[SPEED_CMAP].with_extremes(bad=NOT_REACHED)


def plot_speed_map(
    epochs_map: np.ndarray,
    *,
    budget: int,
    lim: float,
    ax=None,
    start: tuple[float, float] | None = None,
    title: str = "",
    colorbar: bool = True,
    marks: dict | None = None,
):
    """Colour = epochs until a ≤ 0.1 from each start (w₀, b₀); light grey = not within
    ``budget``. With x = 1 the bands run along the diagonals w₀ + b₀ = z₀.

    ``epochs_map`` comes from :func:`lessons_lib.neuron.epochs_to_target` on the grid of
    :func:`~lessons_lib.experiments.neuron.speed_map_grid` (−1 = not reached); ``marks``
    ({name: (w₀, b₀)}, names such as "start_a") are drawn with their colour, marker and
    letter. Returns {"image", "start", "colorbar"}.
    """
    ax = get_ax(ax)
    image = ax.imshow(
        np.ma.masked_less(epochs_map, 0),
        origin="lower",
        extent=(-lim, lim, -lim, lim),
        cmap=_speed_cmap(),
        vmin=0,
        vmax=budget,
        interpolation="nearest",
        aspect="equal",
    )
    outline = [patheffects.withStroke(linewidth=2.5, foreground="black")]
    for name, (w0, b0) in (marks or {}).items():
        ax.plot([w0], [b0], MARKERS[name], color=COLORS[name], ms=7, mec="white", mew=1.0)
        ax.annotate(
            fig_text(START_NAMES.get(name, name)),
            (w0, b0),
            xytext=(6, -4),
            textcoords="offset points",
            fontsize=10,
            fontweight="bold",
            color="white",
            ha="left",
            va="top",
            path_effects=outline,
        )
    (marker,) = ax.plot(
        [],
        [],
        "o",
        ms=15,
        mfc="none",
        mec="white",
        mew=2.0,
        path_effects=[patheffects.withStroke(linewidth=3.5, foreground="black")],
    )
    ax.set_xlabel("$w_0$")
    ax.set_ylabel("$b_0$")
    if title:
        ax.set_title(title)
    cbar = None
    if colorbar:
        cbar = ax.figure.colorbar(image, ax=ax, shrink=0.85)
        cbar.set_label(fig_text("epochs until $a \\leq 0.1$ (grey: not within the budget)"))
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
