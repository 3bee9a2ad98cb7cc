"""What every slider panel must do, checked on all of them (found by discovery, so a new
panel is covered without a new test): controls reach both ends without a warning, the
figure is updated in place, a displayed panel works in JupyterLab and carries a static
PNG, and whatever a control changes, the canvas ends up exactly as a full redraw."""

from __future__ import annotations

import numpy as np
import pytest

from ._panels import (
    all_panels,
    drive_to_extremes,
    ends,
    one_step,
    other_values,
    pixels,
    shown_controls,
)

PANELS = all_panels()


def test_every_notebook_family_has_panels():
    families = {name.split(".")[0] for name in PANELS}
    assert {
        "neuron",
        "softmax",
        "information",
        "regularization",
        "hinge",
        "gradients",
        "exploding",
        "robust",
    } <= families


@pytest.mark.parametrize("name", sorted(PANELS))
def test_every_control_to_both_ends_without_warnings(name, strict):
    p = PANELS[name]()
    seen = drive_to_extremes(p)
    assert len(seen) >= 2  # the readout really follows the controls
    assert "nan" not in " ".join(seen).lower().replace(
        "nan<", ""
    )  # divergence is reported in words


@pytest.mark.parametrize("name", sorted(PANELS))
def test_updates_in_place(name):
    p = PANELS[name]()
    fig, axes = p.fig, list(p.fig.axes)
    counts = [len(ax.get_children()) for ax in axes]
    for control in p.controls:
        if ends(control):
            control.value = ends(control)[-1]
    p.flush()
    assert p.fig is fig and list(p.fig.axes) == axes
    assert [len(ax.get_children()) for ax in axes] == counts  # no artist added per move


@pytest.mark.parametrize("name", sorted(PANELS))
def test_displayed_panel_is_live_in_jupyterlab_and_static_elsewhere(name):
    import base64
    import io

    from PIL import Image

    p = PANELS[name]()
    bundle, metadata = p._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == f"<{PANELS[name].__name__}: interactive panel>"
    # the static view: twice the pixels it is shown with, the settings and readout under it
    png = Image.open(io.BytesIO(base64.b64decode(bundle["image/png"])))
    shown = metadata["image/png"]["width"]
    assert png.width == 2 * shown >= 2 * p.fig.get_size_inches()[0] * 80 - 2
    assert png.height > 2 * p.fig.get_size_inches()[1] * 80  # the caption strip
    assert p.readout.value and p.caption().endswith(p.caption().splitlines()[-1])
    # the ipympl canvas got its first frame and its size (else the browser shows 0 × 0)
    canvas = p.fig.canvas
    assert str(canvas._data_url).startswith("data:image/png;base64,")
    width, height = (p.fig.get_size_inches() * p.fig.dpi).tolist()
    assert tuple(canvas._size) == pytest.approx((width, height))
    # frames drawn before the browser's view is up leave that image as it is (ipympl would
    # store them without the data-URL prefix, a broken image for a view created then)
    for control in p.controls:
        if one_step(control) is not None:
            break
    p.fig.canvas.draw()
    assert str(canvas._data_url).startswith("data:image/png;base64,")


@pytest.mark.parametrize("name", sorted(PANELS))
def test_every_move_leaves_the_canvas_as_a_full_redraw(name):
    """Blitting must never leave a stale pixel: after a one-step move of any control (and
    a flush of any full draw it asked for), the canvas equals a fresh full redraw."""
    p = PANELS[name]()
    p.flush()
    moved = 0
    for control in p.controls:
        value = one_step(control)
        if value is None:
            continue
        control.value = value
        p.flush()
        shown = pixels(p)
        p.fig.canvas.draw()
        np.testing.assert_array_equal(shown, pixels(p), err_msg=f"{name}: {control.description}")
        moved += 1
    assert moved >= 1


# a typical drag of each panel: it must blit (no full redraw) and still be pixel-exact
TYPICAL_MOVES = [
    ("neuron.NeuronPanel", "w0", None, 1.2),
    ("neuron.CompareCostsPanel", "b0", None, 1.0),
    ("neuron.LossSurfacePanel", "w0", None, -2.0),
    ("neuron.SpeedMapPanel", "b0", None, -1.5),
    ("softmax.LogitsPanel", "temperature", None, 0.5),
    ("softmax.SoftmaxSigmoidPanel", "shift", None, 1.5),
    ("softmax.JacobianPanel", "z", 0, -2.0),
    ("information.InformationPanel", "q_sliders", 0, 0.7),
    ("regularization.RegularizationPanel", "lam", None, 3e-4),
    ("hinge.HingePanel", "scores", 1, 0.5),
    ("hinge.MarginPanel", "epoch", None, 150),
    ("gradients.VanishingPanel", "weight_scale", None, 1.2),
    ("exploding.ExplodingPanel", "weight_scale", None, 2.25),
    ("robust.RobustLossPanel", "beta", None, 0.8),
]


def test_typical_moves_cover_every_panel():
    assert {m[0] for m in TYPICAL_MOVES} == set(PANELS)


@pytest.mark.parametrize(("name", "attr", "index", "value"), TYPICAL_MOVES)
def test_a_typical_drag_blits_and_is_pixel_exact(name, attr, index, value):
    p = PANELS[name]()
    p.flush()
    full_draws = p.n_full_draws
    control = getattr(p, attr) if index is None else getattr(p, attr)[index]
    control.value = value
    p.flush()  # nothing is left to draw if the move was blitted
    assert p.n_full_draws == full_draws, "this move should blit, not redraw everything"
    blitted = pixels(p)
    p.fig.canvas.draw()  # what a full redraw of the same state gives
    np.testing.assert_array_equal(blitted, pixels(p))


@pytest.mark.parametrize("name", sorted(PANELS))
def test_no_redraw_requests_of_its_own_in_interactive_mode(name, monkeypatch):
    """No redraw the panel did not ask for, under the conditions of JupyterLab.

    There (``%matplotlib widget``, interactive mode), after every widget message — a slider
    move, the browser asking for a frame — ipykernel runs the post-execute hooks, and
    pyplot's hook redraws every *stale* figure (``plt.draw_all``). So a full draw must leave
    the figure clean, else the canvas repaints forever with nobody touching the page (a
    blitted legend did that), and a blitted move must too, else every blit is followed by
    a needless full redraw.
    """
    import matplotlib.pyplot as plt

    with plt.ion():
        p = PANELS[name]()
        p.flush()
        requests = []
        monkeypatch.setattr(p.fig.canvas, "draw_idle", lambda *a, **k: requests.append(1))
        p.fig.canvas.draw()  # the browser asked for a frame ...
        plt.draw_all()  # ... and the kernel's post-execute hook ran
        assert requests == [], "after a full draw the figure is stale: it would redraw forever"
        for control in shown_controls(p):
            for value in other_values(control):
                p._stale = False
                control.value = value
                if p._stale:  # this move needed a full redraw: one request, no more
                    assert len(requests) <= 1
                    requests.clear()
                    p.fig.canvas.draw()  # the browser draws it
                plt.draw_all()
                assert requests == [], f"{control.description} → {value}: a redraw nobody asked for"


@pytest.mark.parametrize("name", sorted(PANELS))
def test_every_control_changes_the_figure(name):
    """Every slider step and every option changes the canvas's pixels (in the browser a
    control that only changes the readout looks broken)."""
    p = PANELS[name]()
    p.flush()
    for control in shown_controls(p):
        for value in other_values(control):
            before = pixels(p)
            control.value = value
            p.flush()
            assert np.any(pixels(p) != before), f"{control.description} → {value}: same figure"


# -- panels that keep their runs ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "control", "value", "result"),
    [
        ("gradients.VanishingPanel", "weight_scale", 2.0, lambda p: p.history),
        ("exploding.ExplodingPanel", "eta", 0.03, lambda p: p.history),
        ("robust.RobustLossPanel", "beta", 0.3, lambda p: p.fits()["smooth_l1_loss"]),
        ("hinge.MarginPanel", "margin", 2.0, lambda p: p.fits["hinge"]),
    ],
)
def test_returning_to_a_setting_reuses_its_run(name, control, value, result):
    p = PANELS[name]()
    first = result(p)
    start = getattr(p, control).value
    getattr(p, control).value = value
    assert result(p) is not first
    getattr(p, control).value = start
    assert result(p) is first  # no retraining
