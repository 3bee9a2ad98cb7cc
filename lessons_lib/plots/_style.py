"""Colours and small helpers shared by every plot module."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np

COST_COLORS = {"quadratic": "#d62728", "cross_entropy": "#1f77b4"}
COST_LABELS = {"quadratic": "quadratic", "cross_entropy": "cross-entropy"}
NOT_REACHED_COLOR = "#bdbdbd"


def get_ax(ax=None):
    """Return ``ax``, or a fresh Axes on a new figure when ``ax`` is None."""
    if ax is None:
        _, ax = plt.subplots()
    return ax


def new_figure(nrows: int = 1, ncols: int = 1, *, figsize=(6.0, 3.5), **subplot_kw):
    """A static figure and its axes, outside pyplot: no widget canvas, no auto-display.

    Use it for figures that do not move; show it with :func:`show`.
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, layout="constrained")
    axes = fig.subplots(nrows, ncols, **subplot_kw)
    return fig, axes


def show(fig, dpi: int = 80):
    """Display ``fig`` as a PNG image (text form "<IPython.core.display.Image object>").

    A static image behaves the same under every backend, and nbval ignores images.
    """
    import io

    from IPython.display import Image

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return Image(data=buf.getvalue(), format="png")


def nice_ceil(x: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ x (x > 0)."""
    if not x > 0:
        return 1.0
    e = 10.0 ** math.floor(math.log10(x))
    return next(m * e for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * e >= x * (1 - 1e-12))


def rescale(
    ax, lo: float, hi: float, *, axis: str = "y", slack: float = 4.0, force: bool = False
) -> None:
    """Fit [lo, hi] on ``ax`` with hysteresis and round limits: the axis changes only when
    the data leave it or shrink to under 1/``slack`` of its span, so most slider moves keep
    the axes (and a panel's cached background) as they are. Log axes work in decades."""
    get, set_ = (ax.get_ylim, ax.set_ylim) if axis == "y" else (ax.get_xlim, ax.set_xlim)
    log = (ax.get_yscale() if axis == "y" else ax.get_xscale()) == "log"
    if not (np.isfinite(lo) and np.isfinite(hi)):
        return
    cur_lo, cur_hi = get()
    if log:
        lo, hi = max(lo, 1e-300), max(hi, 1e-300)
        span, cur = math.log10(hi / lo) + 1, math.log10(cur_hi / cur_lo)
        if force or lo < cur_lo or hi > cur_hi or cur > slack * span:
            set_(10 ** math.floor(math.log10(lo)), 10 ** math.ceil(math.log10(hi)))
        return
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    if force or lo < cur_lo or hi > cur_hi or (cur_hi - cur_lo) > slack * span:
        top = nice_ceil(hi * 1.05) if hi > 0 else 0.05 * span
        bottom = -nice_ceil(-lo * 1.05) if lo < 0 else -0.02 * (top - lo)
        set_(bottom, top)
