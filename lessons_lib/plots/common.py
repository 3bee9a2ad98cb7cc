"""Helpers every plot module and panel shares (every notebook): axes, static figures at
print resolution, captions, axis fitting, titles and decision regions.

A stored figure is what a reader without a kernel sees (GitHub, nbviewer), so
:func:`figure_png` renders it at twice the pixels it is shown with (sharp on any
high-resolution screen) as a compact 8-bit PNG, optionally with a caption strip under it
(the settings and the numbers a panel shows).
"""

from __future__ import annotations

import io
import math
import textwrap

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap, to_rgba
from matplotlib.figure import Figure

from .style import COLORS, MARKERS, finish, styled

__all__ = [
    "DISPLAY_DPI",
    "SCALE",
    "get_ax",
    "new_figure",
    "figure_png",
    "show",
    "nice_ceil",
    "rescale",
    "set_title",
    "end_label",
    "decision_grid",
    "plot_decision_regions",
    "update_decision_regions",
]

DISPLAY_DPI = 80  # pixels per inch a figure is shown with
SCALE = 2  # stored with SCALE × the pixels (a "retina" image), shown at 1 / SCALE


def get_ax(ax=None):
    """Return ``ax``, or a fresh Axes on a new figure when ``ax`` is None."""
    if ax is None:
        with styled():
            _, ax = plt.subplots()
    return ax


def new_figure(nrows: int = 1, ncols: int = 1, *, figsize=(6.0, 3.5), **subplot_kw):
    """A static figure in the suite's style and its axes, outside pyplot: no widget
    canvas, no auto-display. Draw on it inside ``with plots.styled():`` or with the
    ``plot_*`` functions, and show it with :func:`show`."""
    with styled():
        fig = Figure(figsize=figsize, layout="constrained")
        axes = fig.subplots(nrows, ncols, **subplot_kw)
    return fig, axes


def _caption_png(text: str, width_px: int) -> bytes:
    """A strip of small text ``width_px`` wide (already at SCALE), wrapped to fit."""
    chars = max(20, int(width_px / (SCALE * 5.6)))  # ≈ 9 pt glyphs at DISPLAY_DPI
    lines = [w for para in text.splitlines() for w in textwrap.wrap(para, chars) or [""]]
    with styled():
        fig = Figure(figsize=(width_px / (SCALE * DISPLAY_DPI), 0.2 + 0.19 * len(lines)))
        fig.text(0.01, 0.5, "\n".join(lines), va="center", ha="left", fontsize=9, color="0.15")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=SCALE * DISPLAY_DPI)
    return buf.getvalue()


def figure_png(fig, *, caption: str | None = None) -> tuple[bytes, int]:
    """(PNG bytes, width in pixels to show it at) for ``fig``: twice the pixels it is shown
    with, 8-bit colour (small files), and ``caption`` as a strip of text under it."""
    from PIL import Image as PILImage

    finish(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=SCALE * DISPLAY_DPI)
    image = PILImage.open(io.BytesIO(buf.getvalue())).convert("RGB")
    if caption:
        strip = PILImage.open(io.BytesIO(_caption_png(caption, image.width))).convert("RGB")
        both = PILImage.new("RGB", (image.width, image.height + strip.height), "white")
        both.paste(image, (0, 0))
        both.paste(strip, (0, image.height))
        image = both
    out = io.BytesIO()
    image.quantize(colors=256, method=PILImage.Quantize.MEDIANCUT).save(
        out, format="png", optimize=True
    )
    return out.getvalue(), math.ceil(image.width / SCALE)


def show(fig, *, caption: str | None = None):
    """Display ``fig`` as a static PNG (see :func:`figure_png`); nbval ignores images, and
    the text form is "<IPython.core.display.Image object>"."""
    from IPython.display import Image

    data, width = figure_png(fig, caption=caption)
    return Image(data=data, format="png", width=width)


NICE = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_ceil(x: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k that is ≥ x (x > 0): a
    round axis limit that leaves at most a fifth of the axis empty."""
    if not x > 0:
        return 1.0
    e = 10.0 ** math.floor(math.log10(x))
    return next(m * e for m in NICE if m * e >= x * (1 - 1e-12))


def rescale(
    ax, lo: float, hi: float, *, axis: str = "y", slack: float = 4.0, force: bool = False
) -> None:
    """Fit [lo, hi] on ``ax`` with hysteresis and round limits: the axis changes only when
    the data leave it or shrink to under 1/``slack`` of its span, so most slider moves keep
    the axes (and a panel's cached background) as they are; a side the data outgrow gets a
    quarter of their span to spare, so that a drag changes it once every few moves. Log
    axes work in decades."""
    get, set_ = (ax.get_ylim, ax.set_ylim) if axis == "y" else (ax.get_xlim, ax.set_xlim)
    log = (ax.get_yscale() if axis == "y" else ax.get_xscale()) == "log"
    if not (np.isfinite(lo) and np.isfinite(hi)):
        return
    cur_lo, cur_hi = get()
    if log:
        lo, hi = max(lo, 1e-300), max(hi, 1e-300)
        span, cur = math.log10(hi / lo) + 1, math.log10(cur_hi / cur_lo)
        if force or lo < cur_lo or hi > cur_hi or cur > slack * span:
            set_(10.0 ** math.floor(math.log10(lo)), 10.0 ** math.ceil(math.log10(hi)))
        return
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    if force or lo < cur_lo or hi > cur_hi or (cur_hi - cur_lo) > slack * span:
        spare = 0.0 if force else 0.25 * span
        hi_room = spare if hi > cur_hi else 0.0
        lo_room = spare if lo < cur_lo else 0.0
        top = nice_ceil(hi * 1.05 + hi_room) if hi > 0 else 0.05 * span
        bottom = -nice_ceil(-lo * 1.05 + lo_room) if lo < 0 else -0.02 * (top - lo)
        set_(bottom, top)


def set_title(ax, text: str) -> None:
    """A title at a fixed height: automatic title placement costs ~5 ms per redraw."""
    ax.set_title(text, y=1.0)


def end_label(line, text: str | None = None, *, dx: float = 4.0, **kw):
    """Write ``text`` (default: the line's label) just right of the line's last point, in
    its colour: a key that needs no legend and is read where the eye already is."""
    x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
    ok = np.isfinite(x) & np.isfinite(y)
    if not ok.any():
        return None
    kw = {"va": "center", "ha": "left", "fontsize": 9, "color": line.get_color(), **kw}
    return line.axes.annotate(
        line.get_label() if text is None else text,
        (x[ok][-1], y[ok][-1]),
        xytext=(dx, 0),
        textcoords="offset points",
        annotation_clip=False,
        **kw,
    )


# -- a classifier's regions on a 2-D data set (notebooks 07, 08) --------------------------

CLASSES = ("class_0", "class_1", "class_2")
# how far each class's region colour is mixed with white: different lightnesses keep the
# regions apart for colour-blind readers too (sky blue and reddish purple alone do not)
REGION_TINT = {"class_0": 0.72, "class_1": 0.5, "class_2": 0.55}


def decision_grid(X: np.ndarray, *, n: int = 120, pad: float = 0.1):
    """A regular n × n grid of points covering X (N, 2) plus a margin ``pad``.

    Returns (points (n², 2), extent (x0, x1, y0, y1)); compute it once per data set and
    reshape a classifier's predictions on ``points`` to (n, n) for
    :func:`plot_decision_regions`.
    """
    X = np.asarray(X, dtype=np.float64)
    lo, hi = X.min(axis=0) - pad, X.max(axis=0) + pad
    gx, gy = np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n)
    xx, yy = np.meshgrid(gx, gy)
    return np.column_stack([xx.ravel(), yy.ravel()]), (lo[0], hi[0], lo[1], hi[1])


def _tint(hex_color: str, amount: float = 0.72):
    """``hex_color`` mixed with white: a light version for filled regions."""
    r, g, b, _ = to_rgba(hex_color)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def plot_decision_regions(
    labels: np.ndarray,
    extent,
    X: np.ndarray,
    y: np.ndarray,
    *,
    ax=None,
    X_test: np.ndarray | None = None,
    y_test: np.ndarray | None = None,
    n_classes: int = 3,
):
    """Predicted class on a grid as light regions, with the data on top, each class with
    its colour and marker (``class_0`` … in :data:`~lessons_lib.plots.style.COLORS`).

    labels: (n, n) class indices on the grid of :func:`decision_grid`; X, y: training
    points (filled with the class's colour); X_test, y_test: test points (white).
    Returns {"regions", "train", "test"}: ``train``/``test`` are lists of one scatter per
    class (``test`` None without test points).
    """
    ax = get_ax(ax)
    names = CLASSES[:n_classes]
    cmap = ListedColormap([_tint(COLORS[c], REGION_TINT[c]) for c in names])
    regions = ax.imshow(
        labels,
        origin="lower",
        extent=extent,
        cmap=cmap,
        vmin=-0.5,
        vmax=n_classes - 0.5,
        interpolation="nearest",
        aspect="auto",
    )

    def points(Xs, ys, hollow):
        # training points: the class's colour; test points: white, so they read as "held
        # out" on any region. Both carry the class's marker and a dark edge.
        out = []
        for k, c in enumerate(names):
            pts = Xs[ys == k]
            face = "white" if hollow else COLORS[c]
            out.append(
                ax.scatter(
                    pts[:, 0],
                    pts[:, 1],
                    marker=MARKERS[c],
                    s=16,
                    facecolors=face,
                    edgecolors="0.15",
                    linewidths=0.6,
                )
            )
        return out

    train = points(np.asarray(X), np.asarray(y), False)
    test = points(np.asarray(X_test), np.asarray(y_test), True) if X_test is not None else None
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xticks([])
    ax.set_yticks([])
    return {"regions": regions, "train": train, "test": test}


def update_decision_regions(artists, labels: np.ndarray) -> None:
    """Show new grid predictions in the regions of :func:`plot_decision_regions`."""
    artists["regions"].set_data(labels)
