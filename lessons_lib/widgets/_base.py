"""The panel base class: sliders + one matplotlib figure, updated in place.

With ``%matplotlib widget`` (ipympl) the figure's canvas is itself a widget and redraws
live; under any other backend the panel shows a PNG of the figure, refreshed on change.
Displayed in a notebook, a panel carries a PNG of its current view as well as the live
widget, so the notebook still shows the figure where no kernel runs.
"""

from __future__ import annotations

import base64
import io
import warnings
from contextlib import contextmanager

import ipywidgets as w
import matplotlib.pyplot as plt

SLIDER_STYLE = {"description_width": "initial"}


def float_slider(description, value, lo, hi, step, fmt=".2f", width="260px"):
    """A FloatSlider with the suite's look; dragging updates continuously."""
    return w.FloatSlider(
        value=value,
        min=lo,
        max=hi,
        step=step,
        description=description,
        readout_format=fmt,
        continuous_update=True,
        style=SLIDER_STYLE,
        layout=w.Layout(width=width),
    )


def log_slider(description, value, lo, hi, width="260px"):
    """A FloatLogSlider (base 10) between ``lo`` and ``hi``."""
    import math

    return w.FloatLogSlider(
        value=value,
        base=10,
        min=math.log10(lo),
        max=math.log10(hi),
        step=0.01,
        description=description,
        readout_format=".3g",
        continuous_update=True,
        style=SLIDER_STYLE,
        layout=w.Layout(width=width),
    )


def int_slider(description, value, lo, hi, step=1, width="260px"):
    """An IntSlider with the suite's look."""
    return w.IntSlider(
        value=value,
        min=lo,
        max=hi,
        step=step,
        description=description,
        continuous_update=True,
        style=SLIDER_STYLE,
        layout=w.Layout(width=width),
    )


class Panel:
    """Base class of every interactive panel.

    Subclasses create their controls and artists in ``__init__``, then call
    :meth:`_finish`; they implement :meth:`_update` (recompute and set artist data). Set
    any control's ``.value`` from Python and the figure follows, as when a learner drags.
    """

    figsize = (9.0, 3.2)

    def __init__(self) -> None:
        with plt.ioff(), warnings.catch_warnings():
            # ipympl's toolbar passes an argument traitlets deprecates; not ours to fix
            warnings.filterwarnings("ignore", "Passing unrecognized arguments", DeprecationWarning)
            self.fig = plt.figure(figsize=self.figsize, layout="constrained")
        self._holding = False
        self.n_updates = 0
        canvas = self.fig.canvas
        if isinstance(canvas, w.DOMWidget):  # ipympl
            canvas.header_visible = False
            canvas.footer_visible = False
            canvas.toolbar_position = "left"
            canvas.resizable = False
            self._image = None
            self._view = canvas
        else:
            self._image = w.Image(format="png")
            self._view = self._image
        self.readout = w.HTML()

    # -- building --------------------------------------------------------------------

    def _finish(self, rows) -> None:
        """Lay out ``rows`` (lists of controls) above the readout and the figure."""
        self.controls = [c for row in rows for c in row]
        for c in self.controls:
            if isinstance(c, w.ValueWidget):
                c.observe(self._on_change, names="value")
        self.widget = w.VBox([*(w.HBox(list(r)) for r in rows), self.readout, self._view])
        self._update()
        # lay the figure out once, then freeze it: constrained layout on every redraw
        # would cost more than everything else a slider move does
        self.fig.canvas.draw()
        self.fig.set_layout_engine("none")
        self.update()

    def _on_change(self, _change=None) -> None:
        if not self._holding:
            self.update()

    @contextmanager
    def hold(self):
        """Change several controls at once with a single redraw at the end."""
        self._holding = True
        try:
            yield self
        finally:
            self._holding = False
        self.update()

    # -- updating --------------------------------------------------------------------

    def _update(self) -> None:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def update(self) -> None:
        """Recompute from the controls, update the artists in place, request a redraw."""
        self._update()
        self.n_updates += 1
        if self._image is None:
            self.fig.canvas.draw_idle()
        else:
            self._image.value = self.png()

    def png(self) -> bytes:
        """The figure as it is now, as PNG bytes (drawn with Agg)."""
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", dpi=80)
        return buf.getvalue()

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude, **kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data = dict(data)
        # a static view for renderers without a kernel (GitHub, nbviewer, stripped state)
        data["image/png"] = base64.b64encode(self.png()).decode("ascii")
        data["text/plain"] = f"<{type(self).__name__}: interactive panel>"
        return data

    def close(self) -> None:
        """Close the figure and the widgets (tests and long sessions)."""
        plt.close(self.fig)
        self.widget.close()
