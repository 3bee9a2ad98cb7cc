"""Panels of notebooks 01–02 (one neuron, quadratic vs cross-entropy): driven from Python
without a browser: setting a control changes the artists, and their data equals what the
library computes."""

from __future__ import annotations

import numpy as np
import pytest

from lessons_lib.experiments.neuron import scaled_eta
from lessons_lib.neuron import epochs_to_target, train_neuron
from lessons_lib.widgets import CompareCostsPanel, LossSurfacePanel, NeuronPanel, SpeedMapPanel

from ._panels import pixels


def test_neuron_panel_follows_train_neuron():
    p = NeuronPanel(cost="quadratic_cost", w0=0.6, b0=0.9, eta=0.15, epochs=300)
    ref = train_neuron(0.6, 0.9, cost="quadratic_cost", eta=0.15, epochs=300)
    np.testing.assert_array_equal(p.lines["output"].get_ydata(), ref.a)
    assert "a(0) = 0.818" in p.readout.value and "a(300) = 0.094" in p.readout.value
    before = p.readout.value
    p.set_start(2.0, 2.0)  # the preset button's action
    ref = train_neuron(2.0, 2.0, cost="quadratic_cost", eta=0.15, epochs=300)
    np.testing.assert_array_equal(p.lines["output"].get_ydata(), ref.a)
    np.testing.assert_array_equal(p.lines["cost"].get_ydata(), ref.cost)
    assert p.readout.value != before and "0.0173" in p.readout.value
    assert p.marks["start"].get_xdata()[0] == pytest.approx(4.0)
    p.cost.value = "binary_cross_entropy_with_logits"
    ref = train_neuron(2.0, 2.0, cost="binary_cross_entropy_with_logits", eta=0.15, epochs=300)
    np.testing.assert_array_equal(p.lines["output"].get_ydata(), ref.a)
    p.eta.value = 0.5
    p.epochs.value = 120
    ref = train_neuron(
        2.0, 2.0, cost="binary_cross_entropy_with_logits", eta=p.eta.value, epochs=120
    )
    assert len(p.lines["output"].get_xdata()) == 121
    np.testing.assert_allclose(p.lines["output"].get_ydata(), ref.a)


def test_preset_buttons_move_both_sliders_with_one_update():
    p = NeuronPanel(w0=0.0, b0=0.0)
    n = p.n_updates
    p.buttons[1].click()
    assert (p.w0.value, p.b0.value) == (2.0, 2.0)
    assert p.n_updates == n + 1
    p.buttons[0].click()
    assert (p.w0.value, p.b0.value) == (0.6, 0.9)


def test_panels_reuse_their_figure_and_artists():
    p = NeuronPanel()
    fig, line = p.fig, p.lines["output"]
    n_artists = len(p.fig.axes[0].lines)
    for v in (-3.0, 0.0, 3.0):
        p.w0.value = v
    assert p.fig is fig and p.lines["output"] is line
    assert len(p.fig.axes[0].lines) == n_artists


@pytest.mark.parametrize("mode", CompareCostsPanel.MODES)
def test_compare_panel_uses_the_eta_of_each_mode(mode):
    p = CompareCostsPanel(w0=2.0, b0=2.0, eta=0.15, mode=mode)
    eta_ce = 0.15 if mode == "same η" else scaled_eta(0.15)
    assert p.etas() == {
        "quadratic_cost": 0.15,
        "binary_cross_entropy_with_logits": pytest.approx(eta_ce),
    }
    for cost, eta in (("quadratic_cost", 0.15), ("binary_cross_entropy_with_logits", eta_ce)):
        ref = train_neuron(2.0, 2.0, cost=cost, eta=eta, epochs=300)
        np.testing.assert_allclose(p.lines[cost]["output"].get_ydata(), ref.a)
        np.testing.assert_allclose(p.grad_lines[cost].get_ydata(), np.abs(ref.dw))
        assert f"η = {eta:.3g}" in p.lines[cost]["output"].get_label()
    assert "not within 300" in p.readout.value  # the quadratic neuron from (2, 2)


def test_compare_panel_toggle_changes_the_cross_entropy_curve():
    p = CompareCostsPanel(w0=2.0, b0=2.0)
    same = p.lines["binary_cross_entropy_with_logits"]["output"].get_ydata().copy()
    p.mode.value = "η scaled"
    assert not np.array_equal(
        same, p.lines["binary_cross_entropy_with_logits"]["output"].get_ydata()
    )


def test_loss_surface_path_follows_train_neuron():
    p = LossSurfacePanel(w0=2.0, b0=2.0, eta=0.15, epochs=300)
    contours = {c: a["contour"] for c, a in p.surfaces.items()}
    p.set_start(-1.0, 3.0)
    p.eta.value = 0.4
    for cost, artists in p.surfaces.items():
        ref = train_neuron(-1.0, 3.0, cost=cost, eta=p.eta.value, epochs=300)
        np.testing.assert_allclose(artists["path"].get_xdata(), ref.w)
        np.testing.assert_allclose(artists["path"].get_ydata(), ref.b)
        np.testing.assert_allclose(artists["dots"].get_xdata(), ref.w[::10])
        assert artists["contour"] is contours[cost]  # the surface is not redrawn


def test_speed_map_matches_epochs_to_target_and_caches():
    p = SpeedMapPanel(n=101)
    assert p.W.shape == (101, 101)
    for cost, artists in p.images.items():
        ref = epochs_to_target(p.W, p.B, cost=cost, eta=0.15, epochs=300)
        data = artists["image"].get_array()
        mask = np.ma.getmaskarray(data)
        np.testing.assert_array_equal(np.ma.getdata(data)[~mask], ref[ref >= 0])
        np.testing.assert_array_equal(mask, ref < 0)
    maps = p.maps
    p.set_start(-2.0, 1.0)  # only the marker moves: the maps are reused
    assert p.maps is maps
    assert p.images["quadratic_cost"]["start"].get_xdata()[0] == -2.0
    p.eta.value = 0.6  # a new η recomputes
    assert p.maps is not maps
    ref = epochs_to_target(p.W, p.B, cost="quadratic_cost", eta=p.eta.value, epochs=300)
    np.testing.assert_array_equal(
        np.ma.getmaskarray(p.images["quadratic_cost"]["image"].get_array()), ref < 0
    )
    assert np.mean(p.maps["binary_cross_entropy_with_logits"] >= 0) > np.mean(
        p.maps["quadratic_cost"] >= 0
    )
    # the readout's epochs for the start (run with the maps, or alone) are the library's
    for eta, start in ((0.6, (-2.0, 1.0)), (0.6, (1.5, -0.5)), (0.05, (1.5, -0.5))):
        p.eta.value = eta
        p.set_start(*start)
        for cost, label in (
            ("quadratic_cost", "quadratic"),
            ("binary_cross_entropy_with_logits", "cross-entropy"),
        ):
            e = int(epochs_to_target(*start, cost=cost, eta=eta, epochs=300))
            when = f"{e} epochs" if e >= 0 else "not within 300"
            assert f"{label}: {when} (" in p.readout.value


def test_legend_follows_eta_and_static_changes_force_a_full_redraw():
    p = CompareCostsPanel()
    p.flush()
    p.eta.value = 0.5  # the legend's η changes with the curves (blitted, pixel-exact)
    labels = [t.get_text() for t in p.legend.get_texts()]
    assert labels == ["quadratic (η = 0.5)", "cross-entropy (η = 0.5)"]
    p.flush()
    blitted = pixels(p)
    p.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, pixels(p))

    m = SpeedMapPanel(n=41)
    m.flush()
    n = m.n_full_draws
    m.eta.value = 0.5  # new maps: blitted
    m.flush()
    assert m.n_full_draws == n
    m.epochs.value = 500  # the colour bar changes: one full redraw
    m.flush()
    assert m.n_full_draws == n + 1
    assert m.images["quadratic_cost"]["image"].get_clim() == (0, 500)


def test_snapshot_png_contains_the_moving_artists():
    p = LossSurfacePanel()
    assert all(a.get_animated() for a in p._blit_artists)
    with_path = p.png()
    for a in p._blit_artists:
        a.set_visible(False)
    without = p.png()
    assert with_path != without  # the PNG fallback draws the animated path too


def test_snapshot_draws_each_moving_artist_once():
    """The PNG fallback equals a plain render: no artist drawn twice (a doubled line is
    darker, a doubled text bolder)."""
    from lessons_lib.plots.common import figure_png

    p = NeuronPanel()
    snap = p.png()
    for a in p._blit_artists:
        a.set_animated(False)
    p._blit_artists = []  # no blitting machinery at all
    assert snap == figure_png(p.fig)[0]
