"""Colours and small helpers shared by every plot module."""

from __future__ import annotations

import matplotlib.pyplot as plt

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
