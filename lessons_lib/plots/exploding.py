"""Plots for exploding gradients (notebook 10): the factor one sigmoid layer multiplies the
gradient by, the per-layer gradients of a network at two weight scales, and the loss (or
weight size) of a run and its remedies step by step, with a ✕ where a run became NaN.

Each ``plot_*`` returns a dict of the artists it made; its ``update_*`` partner changes
them in place. Colours are the concepts' (:data:`~lessons_lib.plots.style.COLORS`): the
unremedied run is ``"diverged"``, the remedies ``"smaller_eta"``, ``"clipping"``,
``"he_init"`` and ``"l2"``; each also has its own line style.
"""

from __future__ import annotations

import math

import matplotlib as mpl
import numpy as np

from ..activations import sigmoid_prime
from ..experiments.exploding import REMEDIES, StepRecord, backward_factor
from ..experiments.seeds import fmt_number
from ..i18n import fig_text
from .common import get_ax, rescale
from .gradients import _positive
from .style import COLORS, MARKERS, SEQUENTIAL

__all__ = [
    "RUN_COLORS",
    "RUN_STYLES",
    "run_label",
    "factor_window",
    "plot_layer_factor",
    "plot_layer_gradients",
    "update_layer_gradients",
    "plot_step_curves",
    "update_step_curves",
]

# the colour and line style of each run (experiments.exploding.REMEDIES)
RUN_COLORS = {
    "as_set": COLORS["diverged"],
    "smaller_eta": COLORS["smaller_eta"],
    "clipping": COLORS["clipping"],
    "he_init": COLORS["he_init"],
    "l2": COLORS["l2"],
}
RUN_STYLES = {
    "as_set": "-",
    "smaller_eta": (0, (1, 1.5)),
    "clipping": "--",
    "he_init": "-",
    "l2": (0, (6, 2, 1, 2)),
}
RUN_WIDTHS = {"as_set": 2.2, "he_init": 1.6}
_FACTOR_STYLES = ("-", "--", "-.", ":")


def run_label(key: str) -> str:
    """How a run is named on a figure (mathtext where there is maths)."""
    labels = {
        "as_set": fig_text("no remedy"),
        "smaller_eta": fig_text(r"smaller step, $\eta/1000$"),
        "clipping": fig_text(r"clipping, $\|g\| \leq c$"),
        "he_init": fig_text("He initialisation (scale 1)"),
        "l2": fig_text(r"L2, $\lambda = 0.01$"),
    }
    return labels[key]


# -- one sigmoid layer ------------------------------------------------------------------


def factor_window(w: float) -> float:
    """Width, in the incoming activation a, of the window where |w·σ′(z)| > 1 (z = w·a + b).

    The edges solve w·σ(1 − σ) = 1, i.e. σ = (1 ± √(1 − 4/w))/2, so in z the window is
    2·ln((1 + r)/(1 − r)) with r = √(1 − 4/w) wide, and in a (z moves w times faster) it
    is that divided by w; 0 for |w| ≤ 4, where the factor never exceeds 1.
    """
    w = abs(float(w))
    if w <= 4.0:
        return 0.0
    r = math.sqrt(1.0 - 4.0 / w)
    return 2.0 * math.log((1.0 + r) / (1.0 - r)) / w


def plot_layer_factor(weights=(1.0, 4.0, 10.0, 100.0), *, ax=None, n: int = 2001):
    """|w·σ′(w·a + b)| against the incoming activation a ∈ [0, 1] for a few weights w, with
    b = −w/2 (so z = 0 at a = ½), on a log axis with the line 1.

    Above 1 a layer multiplies the backpropagated gradient up. The window of a where it
    does is drawn as a bar on the line 1 for each w, and its width (:func:`factor_window`)
    is written in the upper left: it narrows as w grows. Returns {"curves": [Line2D],
    "one": Line2D, "windows": [Line2D], "labels": [Text]}.
    """
    ax = get_ax(ax)
    a = np.linspace(0.0, 1.0, n)
    cmap = mpl.colormaps[SEQUENTIAL]
    colors = [cmap(v) for v in np.linspace(0.0, 0.8, len(weights))]
    one = ax.axhline(1.0, color=COLORS["bound"], lw=1.0, ls=":")
    curves, windows, labels, tops, widths = [], [], [], [], []
    label_at = _label_positions(weights)
    for i, (w, color) in enumerate(zip(weights, colors)):
        f = abs(w) * sigmoid_prime(w * (a - 0.5))
        tops.append(float(f.max()))
        ls = _FACTOR_STYLES[i % len(_FACTOR_STYLES)]
        (line,) = ax.plot(a, f, color=color, ls=ls, lw=1.8, label=f"$w = {w:g}$")
        curves.append(line)
        x = label_at[i]
        y = abs(w) * float(sigmoid_prime(w * (x - 0.5)))
        peak = x == 0.5 or y >= 1.0  # above the curve, or below it where the line 1 is
        labels.append(
            ax.annotate(
                f"$w = {w:g}$",
                (x, y),
                xytext=(0, 4 if peak else -5),
                textcoords="offset points",
                ha="center",
                va="bottom" if peak else "top",
                color=color,
                fontsize=9,
            )
        )
        width = factor_window(w)
        if width > 0:
            lo, hi = 0.5 - width / 2, 0.5 + width / 2
            (bar,) = ax.plot([lo, hi], [1.0, 1.0], color=color, lw=4.5, solid_capstyle="butt")
            windows.append(bar)
        if abs(w) >= 4.0:  # its peak w/4 reaches the line 1
            widths.append((w, width, color))
    labels.append(
        ax.annotate(
            fig_text("factor 1"),
            (1.0, 1.0),
            xytext=(-2, 3),
            textcoords="offset points",
            ha="right",
            va="bottom",
            color=COLORS["bound"],
            fontsize=9,
        )
    )
    if widths:  # the widths of the windows, in the empty upper left
        labels.append(
            ax.text(
                0.02,
                0.97,
                fig_text("window where the factor > 1:"),
                transform=ax.transAxes,
                ha="left",
                va="top",
                fontsize=9,
                color="0.2",
            )
        )
        for k, (w, width, color) in enumerate(widths, start=1):
            labels.append(
                ax.text(
                    0.04,
                    0.97 - 0.1 * k,
                    f"$w = {w:g}$:  {width:.2g}"
                    if width
                    else fig_text("$w = {w}$:  0 (its peak is exactly 1)", w=f"{w:g}"),
                    transform=ax.transAxes,
                    ha="left",
                    va="top",
                    fontsize=9,
                    color=color,
                )
            )
    ax.set_yscale("log")
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(min(0.02, min(tops) / 2), 4 * max(tops))
    ax.set_xlabel(fig_text(r"incoming activation $a$ (bias $b = -w/2$)"))
    ax.set_ylabel(fig_text(r"factor per layer $|w\,\sigma'(wa + b)|$"))
    return {"curves": curves, "one": one, "windows": windows, "labels": labels}


def _label_positions(weights) -> list[float]:
    """Where along a each curve of :func:`plot_layer_factor` gets its label: the peak for
    the largest and the smallest w, the flanks for the others (so labels do not meet)."""
    order = np.argsort(np.abs(np.asarray(weights, dtype=float)))
    at = [0.5] * len(weights)
    flanks = [0.85, 0.63, 0.75, 0.9]
    for k, i in enumerate(order[1:-1]):
        at[i] = flanks[k % len(flanks)]
    return at


# -- per-layer gradients at two weight scales --------------------------------------------


def _layer_ticks(n_layers: int) -> list[str]:
    return [fig_text("h{l}", l=l) for l in range(1, n_layers)] + [fig_text("out")]


def plot_layer_gradients(reference, norms, *, ax=None, scale: float = 2.0, ylim=None):
    """‖∂C/∂b^l‖ per layer before training at scale 1 (He) and at ``scale``, one log axis.

    reference, norms: (L,), first hidden layer first. Each line is labelled at its right
    end, and its first-layer value is written at its left end. ``ylim``: fixed limits
    (e.g. what every scale a slider reaches needs); else fitted. Returns {"reference",
    "current", "ref_value", "value", "ref_label", "label", "n_layers"}.
    """
    ax = get_ax(ax)
    ref = _positive(reference)
    L = ref.size
    x = np.arange(L)
    (ref_line,) = ax.plot(
        x,
        ref,
        color=COLORS["he_init"],
        marker="o",
        ms=5,
        lw=1.8,
        label=fig_text("scale 1 (He)"),
    )
    (line,) = ax.plot(
        [],
        [],
        color=COLORS["diverged"],
        marker="s",
        ms=5,
        lw=1.8,
        ls="--",
        label=fig_text("scale as set"),
    )
    common = {"textcoords": "offset points", "fontsize": 9, "annotation_clip": False}
    ref_value = ax.annotate(
        fmt_number(ref[0]),
        (0, ref[0]),
        xytext=(5, 5),
        ha="left",
        va="bottom",
        color=COLORS["he_init"],
        **common,
    )
    value = ax.annotate(
        "", (0, 1.0), xytext=(5, 5), ha="left", va="bottom", color=COLORS["diverged"], **common
    )
    ref_label = ax.annotate(
        fig_text("scale 1 (He)\n×{factor} per layer", factor=f"{backward_factor(ref):.2f}"),
        (L - 1, ref[-1]),
        xytext=(6, 0),
        ha="left",
        va="center",
        color=COLORS["he_init"],
        **common,
    )
    label = ax.annotate(
        "", (L - 1, 1.0), xytext=(6, 0), ha="left", va="center", color=COLORS["diverged"], **common
    )
    for text in (ref_value, value, ref_label, label):
        text.set_in_layout(False)  # kept inside the axes by the x-limits
    ax.set_yscale("log")
    ax.set_xticks(x, _layer_ticks(L))
    ax.set_xlim(-0.5, L + 1.6)
    ax.set_xlabel(fig_text("layer (backpropagation runs from out to h1)"))
    ax.set_ylabel(r"$\|\partial C/\partial b^l\|$")
    artists = {
        "reference": ref_line,
        "current": line,
        "ref_value": ref_value,
        "value": value,
        "ref_label": ref_label,
        "label": label,
        "n_layers": L,
        "ylim": ylim,
    }
    update_layer_gradients(artists, norms, scale, force_limits=True)
    return artists


def update_layer_gradients(artists, norms, scale: float, *, force_limits: bool = False) -> None:
    """New per-layer norms at ``scale`` into :func:`plot_layer_gradients`."""
    g = _positive(norms)
    L = artists["n_layers"]
    if g.size != L:
        raise ValueError(f"norms: expected {L} layers, got {g.size}")
    artists["current"].set_data(np.arange(L), g)
    first, last = g[0], g[-1]
    artists["value"].xy = (0, first if np.isfinite(first) else 1.0)
    artists["value"].set_text(fmt_number(first) if np.isfinite(first) else "")
    artists["label"].xy = (L - 1, last if np.isfinite(last) else 1.0)
    factor = backward_factor(g)
    artists["label"].set_text(
        fig_text("scale {scale}\n×{factor} per layer", scale=f"{scale:.2f}", factor=f"{factor:.2f}")
        if np.isfinite(factor)
        else fig_text("scale {scale}", scale=f"{scale:.2f}")
    )
    ax = artists["current"].axes
    if artists["ylim"] is not None:
        if force_limits:
            ax.set_ylim(*artists["ylim"])
        return
    shown = np.concatenate([_positive(artists["reference"].get_ydata()), g])
    shown = shown[np.isfinite(shown)]
    if shown.size:
        rescale(ax, float(shown.min()) / 3, float(shown.max()) * 3, force=force_limits)


# -- a run and its remedies, step by step ------------------------------------------------


def _values(record: StepRecord, quantity: str) -> np.ndarray:
    v = _positive(getattr(record, quantity))
    return v


def plot_step_curves(
    records: dict,
    *,
    ax=None,
    quantity: str = "loss",
    max_step: int | None = None,
    xscale: str = "symlog",
    top: float | None = None,
    legend: str | None = "upper right",
    labels: dict | None = None,
    values_of: str | None = None,
):
    """``quantity`` ("loss" or "weight_norm") of each run against the mini-batch step.

    records: {run key (experiments.exploding.REMEDIES): StepRecord}. A run whose
    parameters became NaN gets a ✕ in its colour at that step, near the top of the axis
    (one row per run, so that two runs diverging at the same step stay apart); values
    beyond the top (a loss of 10²⁸⁰) leave the axis. ``xscale`` "symlog" shows step 0
    and every step up to 10 as well as the last epochs; ``max_step`` ends the x-axis
    (default: the longest run); ``top`` fixes the top of the log y-axis (else fitted);
    ``legend``: its place, or None; ``labels``: {key: label} instead of the remedies'
    names; ``values_of``: a run whose values are written beside its points (static
    figures). Returns {"lines": {key: Line2D}, "crosses": {key: Line2D}, …}.
    """
    ax = get_ax(ax)
    if quantity not in ("loss", "weight_norm"):
        raise ValueError(f"quantity: expected 'loss' or 'weight_norm', got {quantity!r}")
    keys = [k for k in REMEDIES if k in records] + [k for k in records if k not in REMEDIES]
    labels = labels or {}
    lines, crosses = {}, {}
    for key in keys:
        (lines[key],) = ax.plot(
            [],
            [],
            color=RUN_COLORS[key],
            ls=RUN_STYLES[key],
            lw=RUN_WIDTHS.get(key, 1.8),
            label=labels.get(key) or run_label(key),
            zorder=3 if key == "as_set" else 2,
        )
        (crosses[key],) = ax.plot(
            [],
            [],
            ls="",
            marker=MARKERS["diverged"],
            ms=9,
            mew=0.8,
            mec="white",
            color=RUN_COLORS[key],
            transform=ax.get_xaxis_transform(),  # x in steps, y in axes fractions
            zorder=4,
        )
        crosses[key].set_in_layout(False)
    if xscale == "symlog":
        ax.set_xscale("symlog", linthresh=1.0, linscale=0.4)
        batches = next(iter(records.values())).batches
        ax.set_xlabel(fig_text("mini-batch step, {n} per epoch (log scale from 1 on)", n=batches))
    else:
        ax.set_xscale(xscale)
        ax.set_xlabel(fig_text("mini-batch step"))
    ax.set_yscale("log")
    ax.set_ylabel(
        fig_text("training loss ½‖a − y‖²")
        if quantity == "loss"
        else fig_text(r"$\|W\|$ (all layers)")
    )
    if legend is not None:
        from matplotlib.lines import Line2D

        nan = Line2D(
            [],
            [],
            ls="",
            marker=MARKERS["diverged"],
            ms=8,
            color=COLORS["diverged"],
            label=fig_text("parameters became NaN"),
        )
        handles = [*lines.values(), nan]
        ax.legend(handles=handles, loc=legend, fontsize=8.5)
    if values_of is not None:
        r = records[values_of]
        for x, v in zip(r.steps[1:], getattr(r, quantity)[1:]):
            if np.isfinite(v) and v > 0:
                ax.annotate(
                    fmt_number(v, 2),
                    (x, v),
                    xytext=(-4, 3),
                    textcoords="offset points",
                    ha="right",
                    va="bottom",
                    fontsize=8.5,
                    color=RUN_COLORS[values_of],
                )
    artists = {
        "lines": lines,
        "crosses": crosses,
        "quantity": quantity,
        "max_step": max_step,
        "top": top,
    }
    update_step_curves(artists, records, force_limits=True)
    return artists


def update_step_curves(artists, records: dict, *, force_limits: bool = False) -> None:
    """New runs (the same keys) into :func:`plot_step_curves`."""
    quantity = artists["quantity"]
    finite, last, lane = [], 1, 0
    for key, line in artists["lines"].items():
        r = records[key]
        v = _values(r, quantity)
        line.set_data(r.steps, v)
        finite.append(v[np.isfinite(v)])
        cross = artists["crosses"][key]
        if r.diverged:  # one row per diverged run, from the top down
            cross.set_data([r.diverged_step], [0.94 - 0.07 * lane])
            lane += 1
        else:
            cross.set_data([], [])
        last = max(last, int(r.steps[-1]), r.diverged_step or 0)
    ax = next(iter(artists["lines"].values())).axes
    right = artists["max_step"] or last
    if force_limits:
        ax.set_xlim(0, right)
    values = np.concatenate(finite) if finite else np.array([])
    if artists["max_step"] is not None:  # only what is shown counts for the y-axis
        values = np.concatenate(
            [_values(records[k], quantity)[records[k].steps <= right] for k in artists["lines"]]
        )
        values = values[np.isfinite(values)]
    if not values.size:
        return
    lo = float(values.min()) / 2
    hi = artists["top"] if artists["top"] is not None else float(values.max()) * 2
    _fit_log(ax, lo, hi, force=force_limits)


def _fit_log(ax, lo: float, hi: float, *, force: bool = False, slack: float = 4.0) -> None:
    """Whole decades around [lo, hi] on a log y-axis, changed only when the data leave the
    axis or fill less than 1/``slack`` of it (as ``common.rescale``, for any size: a loss
    of 10²⁸⁰ is a float, not an int power of ten)."""
    if not (math.isfinite(lo) and math.isfinite(hi) and 0 < lo < hi):
        return
    first, last = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    if last - first > 30:  # hundreds of decades: leave room above the highest value
        last += math.ceil(0.08 * (last - first))
    bottom, top = 10.0**first, 10.0**last
    cur_lo, cur_hi = ax.get_ylim()
    span = math.log10(hi / lo) + 1
    if force or lo < cur_lo or hi > cur_hi or math.log10(cur_hi / cur_lo) > slack * span:
        top = min(top, 1e300)
        ax.set_ylim(bottom, top)
        decades = math.log10(top / bottom)
        if decades > 30:  # matplotlib's log ticks overflow near 10³⁰⁸: place them ourselves
            from matplotlib.ticker import FixedLocator, NullLocator

            step = 10 ** math.floor(math.log10(decades / 3))
            step *= next(m for m in (1, 2, 5, 10) if decades / (m * step) <= 6)
            first = math.ceil(math.log10(bottom) / step) * step
            ticks = [10.0**k for k in range(first, math.floor(math.log10(top)) + 1, step)]
            ax.yaxis.set_major_locator(FixedLocator(ticks))
            ax.yaxis.set_minor_locator(NullLocator())
