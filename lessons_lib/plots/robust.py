"""Plots for L1, L2 (MSE), Smooth L1 and Huber, and a line fitted through outliers (notebook 10).

Each ``plot_*`` draws on the given Axes and returns a dict of the artists it made; its
``update_*`` partner changes them in place. Every curve comes from
:mod:`lessons_lib.losses` (per-element values and gradients, ``reduction="none"``); every
loss has its concept's colour and line style (:mod:`lessons_lib.plots.style`), so the
curves read in grey too.
"""

from __future__ import annotations

import numpy as np

from .. import losses
from ..experiments.robust import TRUE_LINE
from ..i18n import fig_text
from .common import get_ax
from .style import COLORS, LINESTYLES

__all__ = [
    "REGRESSION_LOSSES",
    "loss_label",
    "loss_curves",
    "plot_regression_losses",
    "update_regression_losses",
    "plot_line_fits",
    "update_line_fits",
]

# the losses these plots draw, in order (names in lessons_lib.losses.LOSSES)
REGRESSION_LOSSES = ("mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss")
POINT_COLOR, OUTLIER_COLOR = COLORS["reference"], COLORS["truth"]


def loss_label(name: str, beta: float | None = None) -> str:
    """How a regression loss is named on a figure, in mathtext (β shown if given)."""
    if name == "mse_loss":
        return fig_text("MSE: $d^2$")
    if name == "l1_loss":
        return fig_text("L1: $|d|$")
    if name == "smooth_l1_loss":
        if beta is None:
            return fig_text(r"Smooth L1 ($\beta$)")
        return fig_text(r"Smooth L1 ($\beta = {beta}$)", beta=f"{beta:.3g}")
    if name == "huber_loss":
        if beta is None:
            return fig_text(r"Huber ($\delta$)")
        return fig_text(r"Huber ($\delta = {delta}$)", delta=f"{beta:.3g}")
    raise ValueError(f"name: expected one of {REGRESSION_LOSSES}, got {name!r}")


def _kwargs(name: str, beta: float) -> dict:
    if name == "smooth_l1_loss":
        return {"beta": beta}
    if name == "huber_loss":
        return {"delta": beta}
    return {}


def loss_curves(name: str, d: np.ndarray, beta: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """(ℓ(d), ∂ℓ/∂d) of a regression loss at the residuals d = prediction − target.

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
    beta_in_labels: bool = True,
    legend: str | None = "upper center",
):
    """ℓ(d) on ``ax_loss`` and ∂ℓ/∂d on ``ax_grad`` for each loss, with ±β marked.

    Both axes are fitted to the curves on [−``d_max``, ``d_max``]; the squared loss, which
    β does not move, is the largest, so a new β keeps the axes. On the gradient axis the
    dashed lines ±1 mark the cap of L1 and Smooth L1. ``beta_in_labels`` writes β's value
    in the legend (static figures; a panel keeps its legend fixed). Returns {"loss":
    {name: Line2D}, "grad": {name: Line2D}, "beta": [Line2D, …], "beta_text": [Text,
    Text], "d"}.
    """
    ax_loss, ax_grad = get_ax(ax_loss), get_ax(ax_grad)
    d = np.linspace(-d_max, d_max, 601)
    art = {"loss": {}, "grad": {}, "beta": [], "beta_text": [], "d": d, "names": tuple(names)}
    top_loss, top_grad = 0.0, 1.0
    for name in names:
        label = loss_label(name, beta if beta_in_labels and _kwargs(name, beta) else None)
        style = {"color": COLORS[name], "ls": LINESTYLES[name], "lw": 1.9, "label": label}
        (art["loss"][name],) = ax_loss.plot([], [], **style)
        (art["grad"][name],) = ax_grad.plot([], [], **style)
        value, grad = loss_curves(name, d, beta)
        top_loss = max(top_loss, float(value.max()))
        top_grad = max(top_grad, float(np.abs(grad).max()))
    for ax in (ax_loss, ax_grad):
        ax.axhline(0, color=COLORS["reference"], lw=0.6)
        ax.axvline(0, color=COLORS["reference"], lw=0.6)
        for _ in (1, -1):
            art["beta"].append(ax.axvline(0, color=COLORS["bound"], lw=0.9, ls=":"))
        ax.set_xlim(-d_max, d_max)
        ax.set_xlabel(fig_text(r"residual $d$ = prediction − target"))
    for sign in (1, -1):  # "β = 1" right of +β and "−β" left of −β, at the foot
        art["beta_text"].append(
            ax_grad.annotate(
                "",
                (0.0, 0.0),
                xycoords=ax_grad.get_xaxis_transform(),
                xytext=(3 * sign, 3),
                textcoords="offset points",
                ha="left" if sign > 0 else "right",
                va="bottom",
                fontsize=9,
                color=COLORS["bound"],
            )
        )
    ax_grad.axhline(1.0, color=COLORS["bound"], lw=0.8, ls="--")
    ax_grad.axhline(-1.0, color=COLORS["bound"], lw=0.8, ls="--")
    ax_grad.annotate(
        fig_text("cap ±1"),
        (d_max, 1.0),
        xytext=(-2, 3),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=9,
        color=COLORS["bound"],
    )
    ax_loss.set_ylim(-0.03 * top_loss, 1.05 * top_loss)
    ax_grad.set_ylim(-1.08 * top_grad, 1.08 * top_grad)
    ax_loss.set_ylabel(r"$\ell(d)$")
    ax_grad.set_ylabel(r"$\partial\ell/\partial d$")
    update_regression_losses(art, beta)
    if legend is not None:
        ax_loss.legend(loc=legend, fontsize=8.5)
    return art


def update_regression_losses(artists, beta: float) -> None:
    """Redraw the β-dependent curves (Smooth L1, Huber) and the ±β markers."""
    d = artists["d"]
    for name, line in artists["loss"].items():
        if _kwargs(name, beta) or not len(line.get_xdata()):
            value, grad = loss_curves(name, d, beta)
            line.set_data(d, value)
            artists["grad"][name].set_data(d, grad)
    for i, marker in enumerate(artists["beta"]):
        x = beta if i % 2 == 0 else -beta
        marker.set_xdata([x, x])
    plus, minus = artists["beta_text"]
    plus.xy, minus.xy = (beta, 0.0), (-beta, 0.0)
    plus.set_text(rf"$\beta = {beta:.3g}$")
    minus.set_text(r"$-\beta$")


def plot_line_fits(x, y, outliers, fits: dict, *, ax=None, labels=None, legend="upper left"):
    """The data, the outliers (hollow triangles) and the line each named fit found, with
    the clean line y = 0.5x + 1 as a thin reference.

    fits: {loss name: LinearFit} from :func:`lessons_lib.linear.fit_linear` on x[:, None];
    labels: {loss name: label} instead of :func:`loss_label`. Returns {"points",
    "outliers", "lines": {name: Line2D}, "clean", "grid"}.
    """
    ax = get_ax(ax)
    labels = labels or {}
    grid = np.linspace(np.min(x) - 0.1, np.max(x) + 0.1, 2)
    (clean,) = ax.plot(
        grid,
        TRUE_LINE[0] * grid + TRUE_LINE[1],
        color=COLORS["reference"],
        lw=1.0,
        ls=":",
        label=fig_text("clean line $y = 0.5x + 1$"),
    )
    (points,) = ax.plot([], [], "o", color=POINT_COLOR, ms=4, label=fig_text("data"), zorder=3)
    (bad,) = ax.plot(
        [],
        [],
        "^",
        color=OUTLIER_COLOR,
        ms=7,
        mfc="none",
        mew=1.5,
        label=fig_text("outliers"),
        zorder=3,
    )
    lines = {}
    for name in fits:
        (lines[name],) = ax.plot(
            [],
            [],
            color=COLORS[name],
            ls=LINESTYLES[name],
            lw=2,
            label=labels.get(name) or loss_label(name),
        )
    ax.set_xlim(grid[0], grid[-1])
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    art = {"points": points, "outliers": bad, "lines": lines, "clean": clean, "grid": grid}
    update_line_fits(art, x, y, outliers, fits)
    if legend is not None:
        ax.legend(loc=legend, fontsize=8.5)
    return art


def update_line_fits(artists, x, y, outliers, fits: dict) -> None:
    """New data and fitted lines into :func:`plot_line_fits` (y follows with hysteresis)."""
    outliers = np.asarray(outliers, dtype=bool)
    artists["points"].set_data(x[~outliers], y[~outliers])
    artists["outliers"].set_data(x[outliers], y[outliers])
    g = artists["grid"]
    for name, fit in fits.items():
        artists["lines"][name].set_data(g, fit.scores(g[:, None]))
    ax = artists["points"].axes
    ends = [line.get_ydata() for line in artists["lines"].values()] + [np.ravel(y)]
    ends = np.concatenate(ends)
    lo, hi = min(float(np.min(ends)), 0.0) - 0.5, float(np.max(ends)) + 1.0
    cur_lo, cur_hi = ax.get_ylim()
    # refit when the data leave the axis or fill less than 60 % of it (few full redraws)
    if (
        lo < cur_lo
        or hi > cur_hi
        or (cur_hi - cur_lo) > (hi - lo) / 0.6
        or not artists.get("fitted")
    ):
        ax.set_ylim(lo, hi)
        artists["fitted"] = True
