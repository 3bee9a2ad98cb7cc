"""A live plot of training runs (notebook 03): training loss and validation error drawn
epoch by epoch while networks train, with a progress bar."""

from __future__ import annotations

import base64
import math
import time

import ipywidgets as w
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..i18n import tr
from ..plots.common import figure_png
from ..plots.softmax import plot_histories, update_history
from ..plots.style import COLORS, styled

__all__ = ["TrainingMonitor"]


class TrainingMonitor:
    """Training loss and validation error of several runs, drawn epoch by epoch (nb 03).

    ``names``: the runs' labels; ``concepts``: for each run a key of the suite's palette
    (``plots.style.COLORS``) that gives its colour and line style — by default "softmax",
    "sigmoid", "validation", "test", in that order.

    Show it with :meth:`show` (or as a cell's value), then train with :meth:`fit`, which
    passes a callback to :meth:`lessons_lib.network.Network.fit`: after every epoch the
    progress bar and the readout change, and the curves are redrawn, while the cell is
    still running. A figure redraw costs more than an epoch of a small network, so by
    default (``min_interval=None``) the monitor waits at least 0.15 s and twice the last
    redraw's duration between redraws: drawing takes at most a third of the time. A
    number sets a fixed interval instead (0: every epoch). The last epoch always redraws.

    The figure is shown as a PNG image widget, not an ipympl canvas: an ipympl canvas
    needs the kernel to answer the browser's set-up messages before it shows anything,
    and the kernel is busy training; an image widget's new value goes straight to the
    browser.
    """

    figsize = (9.0, 3.0)
    CONCEPTS = ("softmax", "sigmoid", "validation", "test")
    ADAPTIVE_MIN_INTERVAL = 0.15

    def __init__(self, names, *, epochs: int, concepts=None, min_interval: float | None = None):
        self._image = w.Image(format="png")
        self.readout = w.HTML()
        self.n_updates = 0
        self.names = [str(n) for n in names]
        if not 1 <= len(self.names) <= len(self.CONCEPTS):
            raise ValueError(f"names: expected 1 to {len(self.CONCEPTS)} run names")
        concepts = self.CONCEPTS[: len(self.names)] if concepts is None else tuple(concepts)
        if len(concepts) != len(self.names) or any(c not in COLORS for c in concepts):
            raise ValueError("concepts: expected one key of plots.style.COLORS per run")
        self.concepts = concepts
        self.epochs = int(epochs)
        self.min_interval = None if min_interval is None else float(min_interval)
        self._draw_cost = 0.0
        self.histories = {}
        self.progress = w.IntProgress(
            value=0, min=0, max=self.epochs * len(self.names), description=tr("training")
        )
        with styled():  # a plain Agg figure, shown through an image widget
            self.fig = Figure(figsize=self.figsize, layout="constrained")
            FigureCanvasAgg(self.fig)
            ax_loss, ax_err = self.fig.subplots(1, 2)
            self.lines = plot_histories(
                self.names, self.concepts, epochs=self.epochs, ax_loss=ax_loss, ax_err=ax_err
            )
        self._handle = None
        self.widget = w.VBox([self.progress, self.readout, self._image])
        self.draw_now()
        self._last_draw = -math.inf  # the first epoch always draws

    def show(self):
        """Display the monitor in the notebook; after training it shows the final curves."""
        from IPython.display import display

        self._handle = display(self, display_id=True)

    def _update(self) -> None:
        parts = []
        for name, h in self.histories.items():
            update_history(self.lines, name, h)
            if h.val_accuracy:
                text = tr(
                    "{name}: epoch {epoch}/{epochs}, training loss {loss:.4f}, "
                    "validation accuracy {accuracy:.3f}",
                    name=name,
                    epoch=h.epochs,
                    epochs=self.epochs,
                    loss=h.loss[-1],
                    accuracy=h.val_accuracy[-1],
                )
            else:
                text = tr(
                    "{name}: epoch {epoch}/{epochs}, training loss {loss:.4f}, "
                    "training accuracy {accuracy:.3f}",
                    name=name,
                    epoch=h.epochs,
                    epochs=self.epochs,
                    loss=h.loss[-1],
                    accuracy=h.accuracy[-1],
                )
            parts.append(text)
        self.readout.value = "<br>".join(parts) or tr("waiting for training to start")

    def draw_now(self) -> None:
        """Redraw at once, also while a cell is running (a requested redraw would wait)."""
        start = time.perf_counter()
        self._update()
        self.n_updates += 1
        self._image.value, width = figure_png(self.fig)  # sent at once, even mid-cell
        self._image.width = str(width)
        self._last_draw = time.perf_counter()
        self._draw_cost = self._last_draw - start

    def _due(self) -> bool:
        if self.min_interval is None:
            wait = max(self.ADAPTIVE_MIN_INTERVAL, 2.0 * self._draw_cost)
        else:
            wait = self.min_interval
        return time.perf_counter() - self._last_draw >= wait

    def callback(self, name: str):
        """A ``callback(epoch, history)`` for :meth:`Network.fit` that records run ``name``."""
        if name not in self.names:
            raise ValueError(f"name: {name!r} is not one of {self.names}")
        offset = self.names.index(name) * self.epochs

        def on_epoch(epoch: int, history) -> None:
            self.histories[name] = history
            self.progress.value = offset + epoch
            last = epoch >= self.epochs or history.diverged
            if last or self._due():
                self.draw_now()
            else:
                self._update()

        return on_epoch

    def fit(self, name: str, net, X, y, **fit_kwargs):
        """``net.fit(X, y, epochs=self.epochs, callback=…, **fit_kwargs)``; returns the History."""
        fit_kwargs.setdefault("epochs", self.epochs)
        history = net.fit(X, y, callback=self.callback(name), **fit_kwargs)
        if self._handle is not None:
            self._handle.update(self)  # the stored output shows the finished curves
        return history

    def png(self) -> bytes:
        """The figure as it is now, as PNG bytes (plots.common.figure_png)."""
        return figure_png(self.fig)[0]

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude, **kwargs)
        data = dict(bundle[0] if isinstance(bundle, tuple) else bundle)
        png, width = figure_png(self.fig)  # the finished curves, for renderers without a kernel
        data["image/png"] = base64.b64encode(png).decode("ascii")
        data["text/plain"] = f"<{type(self).__name__}: live training plot>"
        return data, {"image/png": {"width": width}}

    def close(self) -> None:
        """Close the widgets (tests and long sessions)."""
        self.widget.close()
