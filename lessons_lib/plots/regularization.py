"""Plots for the regularisation lesson (notebook 07): weight histograms, accuracy against λ,
the seeds' test accuracies, decision regions with the mislabelled points ringed.

Each ``plot_*`` draws on the given Axes and returns a dict of the artists it made; its
``update_*`` partner changes those artists in place. Nothing here calls ``plt.show()``.

Colours and cues (:mod:`~lessons_lib.plots.style`): L2 is vermillion and L1 bluish green
(``COLORS["l2"]``, ``COLORS["l1"]``), each also with its own marker and line style
(:data:`PENALTY_STYLE`); no penalty (λ = 0) is grey. Training accuracy is a solid line,
validation accuracy dash-dotted (``LINESTYLES["train"]``, ``["validation"]``). A
training point whose label is wrong wears a black ring.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.ticker import MultipleLocator

from ..experiments.regularization import LAMBDAS
from ..experiments.regularization import _sci as sci
from ..i18n import N_, fig_text
from .common import decision_grid, get_ax, plot_decision_regions
from .style import COLORS, LINESTYLES

__all__ = [
    "PENALTY_COLORS",
    "PENALTY_STYLE",
    "penalty_label",
    "lambda_label",
    "HIST_LOW",
    "histogram_edges",
    "weight_counts",
    "plot_weight_histogram",
    "update_weight_histogram",
    "plot_accuracy_vs_lambda",
    "update_accuracy_vs_lambda",
    "plot_seed_tuning",
    "plot_test_pairs",
    "plot_fit_regions",
    "plot_wrong_labels",
    "wrong_label_legend",
    "sci",
]

PENALTY_COLORS = {kind: COLORS[kind] for kind in ("l2", "l1")}
# the second cue of each penalty: a marker and a line style
PENALTY_STYLE = {
    "l2": {"marker": "o", "linestyle": "-"},
    "l1": {"marker": "s", "linestyle": "--"},
}
NONE_COLOR = COLORS["reference"]  # λ = 0: no penalty
HIST_LOW = 1e-6  # |w| below this goes into the histogram's first bin, labelled "< 10⁻⁶"
_PER_DECADE = 4


def penalty_label(kind: str) -> str:
    """ "L2" or "L1", as a figure writes it."""
    return fig_text({"l2": "L2", "l1": "L1"}[kind])


def lambda_label(lam: float) -> str:
    """λ as a tick label in mathtext: "0", "$10^{-4}$", "$3{\\cdot}10^{-4}$"."""
    if lam == 0:
        return "0"
    e = math.floor(math.log10(lam) + 1e-9)
    m = round(lam / 10**e, 6)
    head = "" if m == 1 else f"{m:g}{{\\cdot}}"
    return f"${head}10^{{{e}}}$"


# -- the histogram of |w| ---------------------------------------------------------------------


def histogram_edges(high: float) -> np.ndarray:
    """Bin edges of :func:`plot_weight_histogram`: 0, then :data:`HIST_LOW` up to the
    power of ten at or above ``high`` (the largest |w| to show), four bins per decade."""
    if not high > 0:
        raise ValueError(f"high: expected the largest |w| (> 0), got {high}")
    top = max(math.ceil(math.log10(high) - 1e-12), math.log10(HIST_LOW) + 1)
    n = round((top - math.log10(HIST_LOW)) * _PER_DECADE)
    return np.concatenate([[0.0], np.logspace(math.log10(HIST_LOW), top, n + 1)])


def weight_counts(weights: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Counts of |w| per bin of ``edges`` (:func:`histogram_edges`); the first bin holds
    every |w| < :data:`HIST_LOW`. A |w| beyond the last edge raises ``ValueError``: the
    histogram never folds a weight silently into an end bin."""
    a = np.abs(np.ravel(weights))
    if a.size and a.max() > edges[-1]:
        raise ValueError(
            f"weights: |w| up to {a.max():.3g} lies beyond the last edge {edges[-1]:g}"
        )
    return np.histogram(a, bins=edges)[0]


def _bar_geometry(edges):
    """(left, width) of each bar on the log axis; the first bin [0, HIST_LOW) is drawn one
    bin wide just left of HIST_LOW (a log axis has no 0)."""
    step = 10 ** (1 / _PER_DECADE)
    left = np.concatenate([[edges[1] / step], edges[1:-1]])
    right = edges[1:]
    return left, right - left


def plot_weight_histogram(
    weights: np.ndarray,
    *,
    ax=None,
    threshold: float = 0.0,
    color: str = NONE_COLOR,
    high: float | None = None,
    ymax: float | None = None,
    reference: np.ndarray | None = None,
    reference_label: str = N_("λ = 0"),
):
    """Histogram of |w| on a log axis: how many weights lie at each order of magnitude.

    The band |w| ≤ ``threshold`` (ηλ: where L1 leaves the weights it switched off) is
    shaded grey and edged by a dotted line, with the share of weights inside written
    over it; the first bar (hatched, tick "< 10⁻⁶") holds every |w| < 10⁻⁶, and a |w|
    beyond the axis raises (:func:`weight_counts`). ``high``: the largest |w| the axis
    must hold (default: these weights'); ``ymax``: top of the count axis (default: room
    for the text above these counts); both fixed, so that an update never moves an axis.
    ``reference``: other weights drawn as a grey outline (e.g. λ = 0), keyed in a legend
    as ``reference_label`` (through ``fig_text``); ``color``: the bars (the penalty's).
    Returns {"bars", "edges", "band", "line", "share"}.
    """
    ax = get_ax(ax)
    a = np.abs(np.ravel(weights))
    edges = histogram_edges(high if high is not None else float(a.max()))
    left, width = _bar_geometry(edges)
    bars = ax.bar(left, np.zeros(left.size), width, align="edge", color=color, linewidth=0)
    bars[0].set_hatch("////")
    bars[0].set_edgecolor("white")
    if reference is not None:
        ref = weight_counts(reference, edges)
        xs = np.repeat(np.append(left, left[-1] + width[-1]), 2)[1:-1]
        ax.plot(xs, np.repeat(ref, 2), color=NONE_COLOR, lw=1.2, label=fig_text(reference_label))
        ax.legend(loc="upper right", fontsize=8.5, handlelength=1.4)
    ax.set_xscale("log")
    ax.set_xlim(left[0], edges[-1])
    counts = weight_counts(a, edges)
    top = ymax if ymax is not None else 1.35 * max(counts.max(), 1)
    ax.set_ylim(0, top)
    decades = [
        10.0**e for e in range(int(math.log10(HIST_LOW)) + 1, round(math.log10(edges[-1])) + 1)
    ]
    ticks = [math.sqrt(left[0] * edges[1]), *decades]
    ax.set_xticks(ticks, [r"$<\!10^{-6}$"] + [f"$10^{{{round(math.log10(d))}}}$" for d in decades])
    ax.minorticks_off()
    ax.set_xlabel(fig_text("|w|, the size of a weight (log scale)"))
    ax.set_ylabel(fig_text("number of weights"))
    band = ax.axvspan(left[0], max(threshold, left[0]), color=COLORS["bound"], alpha=0.13, lw=0)
    line = ax.axvline(max(threshold, left[0]), color=COLORS["bound"], ls=":", lw=1.4)
    share = ax.text(
        0.03,
        0.96,
        "",
        transform=ax.transAxes,
        ha="left",
        va="top",
        fontsize=9,
        color="0.15",
        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5},
    )
    artists = {"bars": bars, "edges": edges, "band": band, "line": line, "share": share}
    update_weight_histogram(artists, weights, threshold=threshold, color=color)
    return artists


def update_weight_histogram(
    artists, weights: np.ndarray, *, threshold: float = 0.0, color: str | None = None
) -> None:
    """New weights (and ηλ, colour) into the artists of :func:`plot_weight_histogram`."""
    counts = weight_counts(weights, artists["edges"])
    for bar, c in zip(artists["bars"], counts):
        bar.set_height(c)
        if color is not None:
            bar.set_facecolor(color)
    lo = artists["bars"][0].get_x()
    shown = threshold > 0
    x = max(threshold, lo)
    artists["band"].set_x(lo)
    artists["band"].set_width(x - lo)
    artists["line"].set_xdata([x, x])
    for key in ("band", "line"):
        artists[key].set_visible(shown)
    share = float(np.mean(np.abs(np.ravel(weights)) <= threshold)) if shown else 0.0
    artists["share"].set_text(
        fig_text(
            "{share} % of the weights\nhave |w| ≤ ηλ = {t}",
            t=sci(threshold),
            share=round(100 * share),
        )
        if shown
        else fig_text("λ = 0: nothing pushes a weight to 0")
    )


# -- accuracy against λ (one seed) --------------------------------------------------------------


def plot_accuracy_vs_lambda(lambdas, train, val, *, ax=None, current: int = 0, best=(), ylim=None):
    """Training and validation accuracy of one seed against λ (λ = 0 first; the λ axis is
    categorical, one slot per setting). ``current``: index of the λ shown now (a vertical
    line and larger markers); ``best``: indices of the highest validation accuracy (a star
    on each, when several tie).
    Returns {"train", "val", "now_train", "now_val", "now_line", "best", "train_label",
    "val_label"}.
    """
    ax = get_ax(ax)
    x = np.arange(len(lambdas))
    styles = {
        "train": {"color": COLORS["train"], "ls": LINESTYLES["train"], "marker": "o"},
        "val": {"color": COLORS["validation"], "ls": LINESTYLES["validation"], "marker": "s"},
    }
    (tr,) = ax.plot(x, train, ms=4, **styles["train"])
    (va,) = ax.plot(x, val, ms=4, **styles["val"])
    now_line = ax.axvline(current, color=COLORS["bound"], ls=":", lw=1.2)
    big = {k: {**v, "ls": "none", "ms": 8} for k, v in styles.items()}
    (now_tr,) = ax.plot([current], [train[current]], **big["train"])
    (now_va,) = ax.plot([current], [val[current]], **big["val"])
    (star,) = ax.plot([], [], ls="none", marker="*", ms=13, color=COLORS["validation"], mec="k")
    tl = ax.annotate(fig_text("train"), (x[-1], train[-1]), xytext=(5, 0), **_END)
    vl = ax.annotate(fig_text("validation"), (x[-1], val[-1]), xytext=(5, 0), **_END)
    tl.set_color(COLORS["train"])
    vl.set_color(COLORS["validation"])
    ax.set_xticks(x, [lambda_label(v) for v in lambdas])
    ax.set_xlim(-0.3, len(lambdas) - 0.7)
    ax.set_ylim(*(ylim or (0.3, 1.0)))
    ax.yaxis.set_major_formatter(_percent)
    ax.set_xlabel(fig_text("penalty strength λ"))
    ax.set_ylabel(fig_text("accuracy"))
    artists = {
        "train": tr,
        "val": va,
        "now_train": now_tr,
        "now_val": now_va,
        "now_line": now_line,
        "best": star,
        "train_label": tl,
        "val_label": vl,
    }
    update_accuracy_vs_lambda(artists, train, val, current=current, best=best)
    return artists


_END = {
    "textcoords": "offset points",
    "va": "center",
    "ha": "left",
    "fontsize": 9,
    "annotation_clip": False,
}


def update_accuracy_vs_lambda(artists, train, val, *, current: int, best=()):
    """New curves and a new current λ into :func:`plot_accuracy_vs_lambda`'s artists."""
    train, val = np.asarray(train, float), np.asarray(val, float)
    x = np.arange(train.size)
    artists["train"].set_data(x, train)
    artists["val"].set_data(x, val)
    artists["now_line"].set_xdata([current, current])
    artists["now_train"].set_data([current], [train[current]])
    artists["now_val"].set_data([current], [val[current]])
    best = list(best)
    artists["best"].set_data(best, val[best])
    artists["train_label"].xy = (x[-1], train[-1])
    artists["val_label"].xy = (x[-1], val[-1])


# -- over the seeds (static figures of the notebook) -------------------------------------------


def plot_seed_tuning(runs, *, ax=None):
    """Accuracy against λ, mean over the seeds of a :class:`~lessons_lib.experiments.
    regularization.Sweep`, for both penalties: training (thin, solid) and validation
    (thick, dash-dotted, with ± sd bars); a star marks the λ chosen on validation.
    Returns {(kind, split): line}."""
    ax = get_ax(ax)
    lambdas = LAMBDAS
    x = np.arange(len(lambdas))
    lines = {}
    for kind in ("l2", "l1"):
        c, st = PENALTY_COLORS[kind], PENALTY_STYLE[kind]
        for split, what, lw in (("train", "train_accuracy", 1.0), ("val", "val_accuracy", 2.0)):
            spreads = [runs.spread(kind, lam, what) for lam in lambdas]
            m = np.array([sp.mean for sp in spreads])
            ls = LINESTYLES["train" if split == "train" else "validation"]
            (ln,) = ax.plot(x, m, color=c, ls=ls, lw=lw, marker=st["marker"], ms=3 + 1.5 * lw)
            lines[kind, split] = ln
            if split == "val":
                sd = np.array([sp.sd for sp in spreads])
                dx = -0.07 if kind == "l2" else 0.07
                ax.errorbar(x + dx, m, yerr=sd, color=c, ls="none", lw=1.0, capsize=2.5)
                b = lambdas.index(runs.best_lambda(kind))
                ax.plot([b], [m[b]], marker="*", ms=15, color=c, mec="k", ls="none")
    ax.set_xticks(x, [lambda_label(v) for v in lambdas])
    ax.set_xlim(-0.3, len(lambdas) - 0.7)
    ax.set_xlabel(fig_text("penalty strength λ"))
    ax.set_ylabel(fig_text("accuracy, mean over {n} seeds", n=len(runs.seeds)))
    ax.yaxis.set_major_formatter(_percent)
    handles = [
        Line2D([], [], color=PENALTY_COLORS[k], marker=PENALTY_STYLE[k]["marker"], ls="none")
        for k in ("l2", "l1")
    ] + [
        Line2D([], [], color="0.2", ls=LINESTYLES["train"], lw=1.0),
        Line2D([], [], color="0.2", ls=LINESTYLES["validation"], lw=2.0),
        Line2D([], [], color="0.5", marker="*", ms=12, mec="k", ls="none"),
    ]
    labels = [
        penalty_label("l2"),
        penalty_label("l1"),
        fig_text("training set"),
        fig_text("validation set (bars: ± sd)"),
        fig_text("best on validation"),
    ]
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8.5)
    gap = lines["l2", "train"].get_ydata()[0], lines["l2", "val"].get_ydata()[0]
    ax.annotate(
        fig_text("overfitting:\na wide gap"),
        (0, sum(gap) / 2),
        xytext=(8, 0),
        textcoords="offset points",
        va="center",
        fontsize=9,
        color="0.3",
    )
    ax.annotate(
        fig_text("underfitting:\nboth fall"),
        (len(lambdas) - 1, 0.5 * (gap[0] + gap[1]) - 0.05),
        xytext=(-6, 0),
        textcoords="offset points",
        ha="right",
        va="center",
        fontsize=9,
        color="0.3",
    )
    return lines


def _percent(v, _pos=None) -> str:
    return f"{v:.0%}".replace("%", " %")


def plot_test_pairs(runs, *, ax=None):
    """Test accuracy of every seed of a :class:`~lessons_lib.experiments.regularization.
    Sweep`, without a penalty and with each penalty at the λ chosen on validation: one
    grey line per seed joins its three results; the means are large markers with ± sd
    bars, labelled with the mean gain over no penalty. Returns {"means": [errorbar
    containers]}."""
    ax = get_ax(ax)
    cols = [("none", runs.test("l2", 0.0))] + [
        (k, runs.test(k, runs.best_lambda(k))) for k in ("l2", "l1")
    ]
    x = np.arange(len(cols))
    ys = np.array([sp.values for _, sp in cols])
    for s in range(ys.shape[1]):
        ax.plot(x, ys[:, s], color="0.75", lw=0.9, zorder=1)
    means = []
    for i, (kind, sp) in enumerate(cols):
        c = NONE_COLOR if kind == "none" else PENALTY_COLORS[kind]
        m = "D" if kind == "none" else PENALTY_STYLE[kind]["marker"]
        ax.scatter(np.full(len(sp.values), i), sp.values, s=12, color=c, marker=m, zorder=2, lw=0)
        means.append(
            ax.errorbar(
                [i + 0.2],
                [sp.mean],
                yerr=[sp.sd],
                color=c,
                marker=m,
                ms=8,
                capsize=3,
                mec="k",
                lw=1.5,
                zorder=3,
            )
        )
        if kind != "none":
            gain = 100 * (sp.mean - cols[0][1].mean)
            ax.annotate(
                fig_text("{gain:+.1f} points", gain=gain),
                (i + 0.2, sp.mean),
                xytext=(7, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
                color=c,
            )
    names = [fig_text("no penalty")] + [
        fig_text("{penalty}, λ = {lam}", penalty=penalty_label(k), lam=sci(runs.best_lambda(k)))
        for k in ("l2", "l1")
    ]
    ax.set_xticks(x, names)
    ax.set_xlim(-0.4, len(cols) - 0.5)
    lo, hi = float(ys.min()), float(ys.max())
    ax.set_ylim(lo - 0.02, hi + 0.02)
    ax.yaxis.set_major_locator(MultipleLocator(0.05))
    ax.yaxis.set_major_formatter(_percent)
    ax.set_ylabel(fig_text("test accuracy (correct labels)"))
    ax.legend(
        [Line2D([], [], color="0.75"), Line2D([], [], color="0.3", marker="o", mec="k", ms=7)],
        [fig_text("one seed"), fig_text("mean ± sd")],
        loc="upper left",
        fontsize=8.5,
    )
    return {"means": means}


def plot_fit_regions(fit, *, ax=None, n: int = 100, wrong_legend: bool = True):
    """The decision regions of one trained run (:class:`~lessons_lib.experiments.
    regularization.SpiralFit`) over its training and validation points, with its
    training points and a ring round each wrong label. Returns the regions' artists."""
    ax = get_ax(ax)
    d = fit.data
    points, extent = decision_grid(np.vstack([d.X_train, d.X_val]), n=n)
    labels = fit.net.predict(points).reshape(n, n)
    artists = plot_decision_regions(labels, extent, d.X_train, d.y_train, ax=ax)
    artists["rings"] = plot_wrong_labels(d.X_train, d.wrong, ax=ax)
    if wrong_legend:
        wrong_label_legend(ax, loc="lower right", handletextpad=0.2, borderaxespad=0.2)
    return artists


def plot_wrong_labels(X: np.ndarray, wrong: np.ndarray, *, ax=None):
    """A black ring round every training point whose label is wrong (on top of
    :func:`~lessons_lib.plots.common.plot_decision_regions`). Returns the scatter."""
    ax = get_ax(ax)
    pts = np.asarray(X)[np.asarray(wrong, bool)]
    return ax.scatter(
        pts[:, 0], pts[:, 1], s=70, facecolors="none", edgecolors=COLORS["truth"], linewidths=1.1
    )


def wrong_label_legend(ax, **kw):
    """A legend entry for :func:`plot_wrong_labels`' rings."""
    handle = Line2D([], [], ls="none", marker="o", ms=8, mfc="none", mec=COLORS["truth"], mew=1.1)
    return ax.legend([handle], [fig_text("wrong label")], **{"fontsize": 8.5, **kw})
