"""The panel base class: sliders + one matplotlib figure, updated in place.

With ``%matplotlib widget`` (ipympl) the figure's canvas is itself a widget and redraws
live; under any other backend the panel shows a PNG of the figure, refreshed on change.
Displayed in a notebook, a panel carries a PNG of its current view as well as the live
widget, so the notebook still shows the figure where no kernel runs.

Redraw strategy. A full draw of a figure with a few axes costs ~50–100 ms of Agg
rendering, too slow to follow a hand. So a panel may *blit*: it names the artists a
slider changes (:meth:`Panel._blit`); the rest of the figure is drawn once and cached,
and a slider move redraws only those artists over the cached background. Whenever
something static changes — axis limits, a legend's text, anything in
:meth:`Panel._static_state` — the panel falls back to one full draw and caches anew.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import math
import re
import warnings
from contextlib import contextmanager

import ipywidgets as w
import matplotlib.pyplot as plt

from ..plots.common import DISPLAY_DPI, figure_png
from ..plots.style import finish, styled

SLIDER_STYLE = {"description_width": "initial"}
SEP = " &nbsp;·&nbsp; "  # between the parts of a readout
SUBSCRIPTS = "₁₂₃₄₅₆₇₈₉"


def fmt_vector(values, fmt: str = ".3f") -> str:
    """[0.123, 0.456] — a short vector for a readout."""
    return "[" + ", ".join(f"{v:{fmt}}" for v in values) + "]"


def on_grid(slider) -> float:
    """The slider's value taken to its nearest step (a drag only reaches those; a value
    set from Python between two steps is shown as the nearest one)."""
    k = round((slider.value - slider.min) / slider.step)
    return round(min(max(slider.min + k * slider.step, slider.min), slider.max), 6)


def plain_text(markup: str) -> str:
    """A readout's HTML as plain text: tags dropped (<br> → a new line), entities decoded."""
    text = re.sub(r"<br\s*/?>", "\n", markup)
    text = re.sub(r"<sub>(.*?)</sub>", r"_\1", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\xa0", " ")


def control_text(control) -> str | None:
    """ "η = 0.15" for a slider or toggle as it is set now (None for a button)."""
    if isinstance(control, w.Button) or not isinstance(control, w.ValueWidget):
        return None
    name = control.description or type(control).__name__
    if isinstance(control, (w.ToggleButtons, w.Dropdown, w.RadioButtons, w.SelectionSlider)):
        value = control.label
    elif isinstance(control, (w.FloatLogSlider, w.FloatSlider, w.IntSlider)):
        value = f"{control.value:{control.readout_format}}".replace("-", "−")  # a true minus
    else:
        value = str(control.value)
    return f"{name} = {value}"


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

    Subclasses create their controls and artists in ``__init__``, optionally name the
    artists that change with :meth:`_blit`, then call :meth:`_finish`; they implement
    :meth:`_update` (recompute and set artist data). Set any control's ``.value`` from
    Python and the figure follows, as when a learner drags.
    """

    figsize = (9.0, 3.2)
    _naive = False  # set by Panel.naive(): no layout freeze, no blitting (benchmarks)

    def __init_subclass__(cls, **kwargs):
        """Every panel is built in the suite's style (plots.style.RC): its figure, its
        axes and the artists its ``__init__`` makes."""
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is not None:

            @functools.wraps(init)
            def styled_init(self, *args, **kw):
                with styled():
                    init(self, *args, **kw)

            cls.__init__ = styled_init

    def __init__(self) -> None:
        with plt.ioff(), warnings.catch_warnings():
            # ipympl's toolbar passes an argument traitlets deprecates; not ours to fix
            warnings.filterwarnings("ignore", "Passing unrecognized arguments", DeprecationWarning)
            # the live canvas shows the figure as large as its static image (DISPLAY_DPI);
            # ipympl multiplies it by the screen's device-pixel ratio, so it stays sharp
            self.fig = plt.figure(figsize=self.figsize, dpi=DISPLAY_DPI, layout="constrained")
        # The panel decides when to draw. In interactive mode (``%matplotlib widget``)
        # pyplot would otherwise ask for a full redraw whenever an artist changes — after
        # every blit, and again after the draw itself marks a blitted artist stale — and
        # the canvas would keep repainting with nobody touching it.
        self.fig.stale_callback = None
        self._holding = False
        self._stale = True  # the canvas owes a full draw
        self._blit_artists: list = []
        self._saving = False
        self._background = None
        self._background_key = None
        self.n_updates = 0
        self.n_full_draws = 0
        canvas = self.fig.canvas
        if isinstance(canvas, w.DOMWidget):  # ipympl
            canvas.header_visible = False
            canvas.footer_visible = False
            canvas.toolbar_position = "left"
            canvas.resizable = False
            # Until the browser's view says "initialized", ipympl keeps the canvas's
            # `_data_url` in sync with every frame, and in doing so sends that frame as raw
            # RGBA bytes and stores its base64 without the "data:image/png" prefix: a view
            # created in that window gets a broken image ("drawImage … 'broken' state") and
            # may stay blank. A panel has its own static image (_repr_mimebundle_), so it
            # never needs that sync: every frame goes out as the PNG the browser expects.
            canvas.syncing_data_url = False
            self._image = None
            self._view = canvas
        else:
            self._image = w.Image(format="png")
            self._view = self._image
        self.readout = w.HTML()

    # -- building --------------------------------------------------------------------

    def _blit(self, *artists) -> None:
        """Declare the artists a slider move changes; everything else is cached."""
        if self._naive or self._image is not None:
            return
        self._blit_artists = [a for a in artists if a is not None]
        for a in self._blit_artists:
            a.set_animated(True)
        self.fig.canvas.mpl_connect("draw_event", self._on_draw)

    def _finish(self, rows) -> None:
        """Lay out ``rows`` (lists of controls) above the readout and the figure."""
        self.controls = [c for row in rows for c in row]
        for c in self.controls:
            if isinstance(c, w.ValueWidget):
                c.observe(self._on_change, names="value")
        self.widget = w.VBox([*(w.HBox(list(r)) for r in rows), self.readout, self._view])
        self._update()
        finish(self.fig)
        if not self._naive:
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

    def _static_state(self):
        """Anything besides axis limits whose change needs a full redraw (e.g. legend text)."""
        return None

    def _key(self):
        limits = tuple((ax.get_xlim(), ax.get_ylim()) for ax in self.fig.axes)
        return (limits, self._static_state(), self.fig.bbox.bounds)

    def _on_draw(self, event) -> None:
        canvas = self.fig.canvas
        if self._saving or (event is not None and event.canvas is not canvas):
            return  # savefig draws the artists itself (see png), maybe through another canvas
        self._background = canvas.copy_from_bbox(self.fig.bbox)
        self._background_key = self._key()
        for artist in self._blit_artists:
            self.fig.draw_artist(artist)
        # drawing an artist (a legend, say) marks its figure stale, and after every widget
        # message ipykernel runs pyplot's hook that redraws stale figures: in JupyterLab
        # that would be a redraw loop with nobody touching the page. The canvas is current.
        self.fig.stale = False

    def update(self) -> None:
        """Recompute from the controls, update the artists, and bring the canvas up to date.

        Blitting panels redraw their moving artists at once; a full redraw is requested
        with ``draw_idle`` (ipympl asks for it when the browser is ready for a frame).
        """
        self._update()
        self.n_updates += 1
        if self._image is not None:  # no ipympl: a plain image, redrawn in full (fast PNG)
            buf = io.BytesIO()
            self.fig.savefig(buf, format="png", dpi=DISPLAY_DPI)
            self._image.value = buf.getvalue()
            return
        if (
            self._blit_artists
            and self._background is not None
            and self._key() == self._background_key
        ):
            canvas = self.fig.canvas
            canvas.restore_region(self._background)
            for artist in self._blit_artists:
                self.fig.draw_artist(artist)
            # A blit pushes its frame without waiting for the browser to ask, so the
            # browser may drop one while it is still decoding the last. A dropped *diff*
            # frame would leave stale pixels for good; a full frame cannot.
            canvas._force_full = True
            canvas.blit(self.fig.bbox)
            self._stale = False
            # Everything is on the canvas. The update may have touched static artists
            # without changing them (set the same limits, read tick labels), which marks
            # the figure stale; left so, pyplot would redraw it in full after every move.
            self.fig.stale = False
        else:
            self._stale = True
            self.fig.canvas.draw_idle()

    def flush(self) -> None:
        """Do now the full draw a previous update requested (tests, benchmarks)."""
        if self._stale and self._image is None:
            self.fig.canvas.draw()
            self.n_full_draws += 1
            self._stale = False

    def caption(self) -> str:
        """The settings of every control and the readout, as plain text: what a reader
        without a kernel needs beside the static figure."""
        settings = [t for t in map(control_text, getattr(self, "controls", [])) if t]
        readout = plain_text(self.readout.value)
        return " · ".join(settings) + ("\n" + readout if readout else "")

    def png(self, *, caption: bool = False) -> bytes:
        """The figure as it is now, as PNG bytes at print resolution (plots.common.figure_png),
        with :meth:`caption` under it if asked."""
        return self._png(caption)[0]

    def _png(self, caption: bool) -> tuple[bytes, int]:
        self._saving = True
        for artist in self._blit_artists:
            artist.set_animated(False)
        try:
            return figure_png(self.fig, caption=self.caption() if caption else None)
        finally:
            self._saving = False
            for artist in self._blit_artists:
                artist.set_animated(True)

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        if self._image is None:
            # Displaying the VBox skips the canvas's own display hook, which gives the
            # ipympl canvas its size and first frame; without it the browser shows a 0 × 0
            # canvas. Run the hook ourselves (its bundle is not needed).
            self.fig.canvas._repr_mimebundle_()
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude, **kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data = dict(data)
        # a static view for renderers without a kernel (GitHub, nbviewer, stripped state):
        # the figure at print resolution with the settings and readout written under it
        png, width = self._png(caption=True)
        data["image/png"] = base64.b64encode(png).decode("ascii")
        data["text/plain"] = f"<{type(self).__name__}: interactive panel>"
        if isinstance(bundle, tuple):
            metadata = dict(bundle[1] or {})
            metadata["image/png"] = {"width": width}
            return data, metadata
        return data, {"image/png": {"width": width}}

    def close(self) -> None:
        """Close the figure and the widgets (tests and long sessions)."""
        plt.close(self.fig)
        self.widget.close()

    @classmethod
    @contextmanager
    def naive(cls):
        """Build panels the naive way inside this block (benchmark baselines)."""
        old = Panel._naive
        Panel._naive = True
        try:
            yield
        finally:
            Panel._naive = old
