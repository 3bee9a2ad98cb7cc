"""Helpers shared by the panel tests: controls' ends, pixels (panels: widgets.all_panels)."""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from lessons_lib.widgets import all_panels  # noqa: F401  (re-exported for the tests)


def ends(control) -> list:
    """The values a control can reach at its ends (every option of a choice)."""
    if isinstance(control, w.FloatLogSlider):
        return [control.base**control.min, control.base**control.max]
    if isinstance(control, (w.FloatSlider, w.IntSlider)):
        return [control.min, control.max]
    if isinstance(control, w.SelectionSlider):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return [options[0], options[-1]]
    if isinstance(control, (w.ToggleButtons, w.Dropdown, w.RadioButtons)):
        return [o[1] if isinstance(o, tuple) else o for o in control.options]
    return []


def one_step(control):
    """A nearby value, as one arrow-key press would give (None if there is none)."""
    if isinstance(control, w.FloatLogSlider):
        e = np.log(control.value) / np.log(control.base)
        e = e + control.step if e + control.step <= control.max else e - control.step
        return control.base**e
    if isinstance(control, (w.FloatSlider, w.IntSlider)):
        v = control.value + control.step
        return v if v <= control.max else control.value - control.step
    if isinstance(control, w.SelectionSlider):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        i = options.index(control.value)
        return options[i + 1] if i + 1 < len(options) else options[i - 1]
    return None


def drive_to_extremes(panel) -> set[str]:
    """Move every control to each end (one at a time), draw; return the readouts seen."""
    seen = set()
    for control in panel.controls:
        if not ends(control):
            continue  # buttons: the panel tests click them
        start = control.value
        for value in ends(control):
            control.value = value
            panel.flush()
            seen.add(panel.readout.value)
        control.value = start
    return seen


def pixels(panel) -> np.ndarray:
    """A copy of the canvas's RGBA buffer."""
    return np.asarray(panel.fig.canvas.buffer_rgba()).copy()


def other_values(control) -> list:
    """A one-step move of a slider, or every other option of a toggle."""
    value = one_step(control)
    if value is not None:
        return [value]
    return [v for v in ends(control) if v != control.value]


def shown_controls(panel) -> list:
    """The panel's controls a learner can see now (InformationPanel, say, hides the
    sliders of outcomes beyond K)."""
    shown, stack = set(), [panel.widget]
    while stack:
        widget = stack.pop()
        shown.add(id(widget))
        stack.extend(getattr(widget, "children", ()))
    return [c for c in panel.controls if id(c) in shown]


def heights(bars) -> np.ndarray:
    """The heights of a bar container (or of ``artists["bars"]`` when given a dict)."""
    bars = bars["bars"] if isinstance(bars, dict) else bars
    return np.array([bar.get_height() for bar in bars])


def texts(artists) -> list[str]:
    """The strings of ``artists["texts"]``."""
    return [t.get_text() for t in artists["texts"]]


def blank_axes(ncols: int = 1):
    """Axes on a fresh Agg figure, for the plot helpers' tests."""
    from matplotlib.figure import Figure

    return Figure().subplots(1, ncols)


def assert_all_finite(panel) -> None:
    """Every bar, line and the readout of ``panel`` hold finite numbers (no NaN shown)."""
    for ax in panel.fig.axes:
        for patch in ax.patches:
            assert np.isfinite(patch.get_height()) and np.isfinite(patch.get_y())
        for line in ax.lines:
            assert np.all(np.isfinite(np.asarray(line.get_ydata(), dtype=float)))
    assert "nan" not in panel.readout.value.lower()
