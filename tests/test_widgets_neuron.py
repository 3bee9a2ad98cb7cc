"""Panels of notebooks 01–02 (one neuron, quadratic vs cross-entropy): driven from Python
without a browser: setting a control changes the artists, and their data equals what the
library computes."""

from __future__ import annotations

import numpy as np
import pytest

from lessons_lib.activations import sigmoid, sigmoid_prime
from lessons_lib.experiments.neuron import (
    CROSS_ENTROPY,
    QUADRATIC,
    comparison_etas,
    epochs_by_z0,
    matched_first_step_eta,
    plateau_end,
    scaled_eta,
)
from lessons_lib.neuron import epochs_to_target, train_neuron
from lessons_lib.plots.style import COLORS
from lessons_lib.widgets import CompareCostsPanel, LossSurfacePanel, NeuronPanel, SpeedMapPanel

from ._panels import pixels

# -- NeuronPanel (notebook 01) --------------------------------------------------------------


def test_neuron_panel_default_shows_the_plateau():
    p = NeuronPanel()
    ref = train_neuron(2.0, 2.0, cost=QUADRATIC, eta=0.15, epochs=300)
    assert (p.w0.value, p.b0.value, p.epoch.value, p.epoch.max) == (2.0, 2.0, 300, 300)
    np.testing.assert_array_equal(p.lines["cost"].get_ydata(), ref.cost)
    assert p.plateau["span"].get_width() == plateau_end(ref) == 208
    text = p.readout.value
    for part in ("plateau (z > 1): 208 epochs", "∂C/∂w = 0.0173", "a(300) = 0.203"):
        assert part in text
    caption = p.caption()  # what the stored image carries under it
    assert "epoch = 300" in caption and "208 epochs" in caption
    assert p.lines["cost"].axes.get_xlim() == (0, 300)  # the axis ends at the epoch count


def test_neuron_panel_follows_train_neuron():
    p = NeuronPanel(cost=QUADRATIC, w0=0.6, b0=0.9, eta=0.15, epochs=300)
    ref = train_neuron(0.6, 0.9, cost=QUADRATIC, eta=0.15, epochs=300)
    np.testing.assert_array_equal(p.lines["cost"].get_ydata(), ref.cost)
    assert "a(0) = 0.818 → a(300) = 0.094" in p.readout.value
    p.set_start(2.0, 2.0)  # the preset button's action
    ref = train_neuron(2.0, 2.0, cost=QUADRATIC, eta=0.15, epochs=300)
    np.testing.assert_array_equal(p.lines["cost"].get_ydata(), ref.cost)
    z = ref.w + ref.b
    np.testing.assert_allclose(p.sigma["trail"].get_xdata(), z[::10])
    np.testing.assert_allclose(p.sigma_prime["trail"].get_ydata(), sigmoid_prime(z[::10]))
    assert p.sigma["start"].get_xdata()[0] == pytest.approx(4.0)
    p.cost.value = CROSS_ENTROPY
    ref = train_neuron(2.0, 2.0, cost=CROSS_ENTROPY, eta=0.15, epochs=300)
    np.testing.assert_array_equal(p.lines["cost"].get_ydata(), ref.cost)
    assert p.lines["cost"].get_color() == COLORS[CROSS_ENTROPY]
    assert p.sigma["point"].get_color() == COLORS[CROSS_ENTROPY]
    assert [h.get_color() for h in p.key.legend_handles] == [COLORS[CROSS_ENTROPY]] * 3
    assert "plateau (z > 1): 12 epochs" in p.readout.value
    p.eta.value = 0.5
    p.epochs.value = 120
    ref = train_neuron(2.0, 2.0, cost=CROSS_ENTROPY, eta=p.eta.value, epochs=120)
    assert len(p.lines["cost"].get_xdata()) == 121
    np.testing.assert_allclose(p.lines["cost"].get_ydata(), ref.cost)


def test_epoch_scrubber_moves_the_operating_point_without_retraining():
    p = NeuronPanel()
    p.flush()
    run, draws = p.run, p.n_full_draws
    z = run.w + run.b
    for e in (0, 57, 150, 208, 299):
        p.epoch.value = e
        assert p.run is run  # no retraining while scrubbing
        assert p.cursor["line"].get_xdata()[0] == e
        assert p.cursor["dot"].get_ydata()[0] == run.cost[e]
        assert p.sigma["point"].get_xdata()[0] == pytest.approx(z[e])
        assert p.sigma["point"].get_ydata()[0] == pytest.approx(float(sigmoid(z[e])))
        assert p.sigma_prime["point"].get_ydata()[0] == pytest.approx(float(sigmoid_prime(z[e])))
        np.testing.assert_allclose(p.sigma["trail"].get_xdata(), z[: e + 1 : 10])
        assert f"epoch {e}: z = {z[e]:.2f}" in p.readout.value
    p.flush()
    assert p.n_full_draws == draws  # every scrub was blitted
    shown = pixels(p)
    p.fig.canvas.draw()
    np.testing.assert_array_equal(shown, pixels(p))


def test_epoch_scrubber_follows_the_epoch_count():
    p = NeuronPanel(epochs=300)
    p.epochs.value = 500  # at the end: it stays at the end
    assert (p.epoch.max, p.epoch.value) == (500, 500)
    p.epoch.value = 120
    p.epochs.value = 200  # in the middle: it stays where it is
    assert (p.epoch.max, p.epoch.value) == (200, 120)
    p.epochs.value = 100  # beyond the new end: it moves to the end
    assert (p.epoch.max, p.epoch.value) == (100, 100)
    assert p.cursor["line"].get_xdata()[0] == 100


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
    fig, line = p.fig, p.lines["cost"]
    n_artists = len(p.fig.axes[0].lines)
    for v in (-3.0, 0.0, 3.0):
        p.w0.value = v
    assert p.fig is fig and p.lines["cost"] is line
    assert len(p.fig.axes[0].lines) == n_artists


# -- CompareCostsPanel (notebook 02) --------------------------------------------------------


@pytest.mark.parametrize("mode", CompareCostsPanel.MODES)
def test_compare_panel_uses_the_eta_of_each_mode(mode):
    p = CompareCostsPanel(w0=2.0, b0=2.0, eta=0.15, mode=mode)
    want = {
        "same_eta": 0.15,
        "eta_over_4": scaled_eta(0.15),
        "same_first_step": matched_first_step_eta(0.15, 2.0, 2.0),
    }[mode]
    assert p.etas() == comparison_etas(mode, 0.15, 2.0, 2.0)
    assert p.etas()[CROSS_ENTROPY] == pytest.approx(want)
    for cost, eta in ((QUADRATIC, 0.15), (CROSS_ENTROPY, want)):
        ref = train_neuron(2.0, 2.0, cost=cost, eta=eta, epochs=300)
        np.testing.assert_allclose(p.lines[cost]["output"].get_ydata(), ref.a)
        np.testing.assert_allclose(p.steps[cost].get_ydata(), eta * np.abs(ref.dw))  # η·|∂C/∂w|
        assert f"η = {eta:.3g}" in p.lines[cost]["output"].get_label()
    legend = [t.get_text() for t in p.legend.get_texts()]
    assert legend == [p.lines[c]["output"].get_label() for c in (QUADRATIC, CROSS_ENTROPY)]
    assert "quadratic, η = 0.15: plateau (z > 1): 208 epochs; a ≤ 0.1 not within 300" in (
        p.readout.value
    )
    if mode == "same_first_step":  # the two steps start equal
        assert p.steps[QUADRATIC].get_ydata()[0] == pytest.approx(
            p.steps[CROSS_ENTROPY].get_ydata()[0], rel=1e-12
        )


def test_compare_panel_readout_gives_the_cross_entropy_plateau():
    p = CompareCostsPanel()
    p.set_start(4.0, 4.0)
    e = int(epochs_to_target(4.0, 4.0, cost=CROSS_ENTROPY, eta=0.15, epochs=300))
    assert f"cross-entropy, η = 0.15: plateau (z > 1): 25 epochs; a ≤ 0.1 at epoch {e}" in (
        p.readout.value
    )


def test_compare_panel_toggle_changes_the_cross_entropy_curve():
    p = CompareCostsPanel(w0=2.0, b0=2.0)
    same = p.lines[CROSS_ENTROPY]["output"].get_ydata().copy()
    p.mode.value = "eta_over_4"
    assert not np.array_equal(same, p.lines[CROSS_ENTROPY]["output"].get_ydata())


def test_compare_panel_axes_fit_the_run():
    p = CompareCostsPanel(epochs=300)
    for ax in p.fig.axes:
        assert ax.get_xlim() == (0, 300)
    lo, hi = p.steps[QUADRATIC].axes.get_ylim()
    values = np.concatenate([line.get_ydata() for line in p.steps.values()])
    assert lo <= values.min() and values.max() <= hi and hi / lo <= 1e4


# -- LossSurfacePanel (notebook 02) ---------------------------------------------------------


def test_loss_surface_panel_shows_runs_along_z_and_epochs_by_z0():
    p = LossSurfacePanel(w0=2.0, b0=2.0, eta=0.15, epochs=500)
    sweep = epochs_by_z0(p.Z0, eta=0.15, budget=500)
    for cost in (QUADRATIC, CROSS_ENTROPY):
        ref = train_neuron(2.0, 2.0, cost=cost, eta=0.15, epochs=500)
        stop = int(epochs_to_target(2.0, 2.0, cost=cost, eta=0.15, epochs=500))
        z = ref.w + ref.b
        np.testing.assert_allclose(p.along["dots"][cost].get_xdata(), z[: stop + 1 : 10])
        y = p.curves[cost].get_ydata()
        e = sweep[cost]
        np.testing.assert_array_equal(y[e > 0], e[e > 0])
        assert p.current["points"][cost].get_ydata()[0] == stop  # the start on its curve
    assert "z₀ = w₀ + b₀ = 4.00" in p.readout.value
    assert "quadratic: a ≤ 0.1 after 469 epochs" in p.readout.value


def test_loss_surface_panel_only_z0_matters_and_moves_blit():
    p = LossSurfacePanel()
    p.flush()
    draws = p.n_full_draws
    before = {c: p.along["dots"][c].get_xydata().copy() for c in (QUADRATIC, CROSS_ENTROPY)}
    text = p.readout.value
    p.set_start(-1.0, 5.0)  # the same z₀ = 4
    for cost, xy in before.items():
        np.testing.assert_allclose(p.along["dots"][cost].get_xydata(), xy, atol=1e-12)
    assert p.readout.value == text
    p.w0.value = 1.0  # z₀ = 6: only dots and markers move
    p.flush()
    assert p.n_full_draws == draws
    assert p.current["line"].get_xdata()[0] == pytest.approx(6.0)


def test_loss_surface_panel_recomputes_the_curves_for_a_new_eta():
    p = LossSurfacePanel()
    old = p.curves[CROSS_ENTROPY].get_ydata().copy()
    p.eta.value = 0.5
    new = p.curves[CROSS_ENTROPY].get_ydata()
    ref = epochs_by_z0(p.Z0, eta=0.5, budget=p.epochs.value)[CROSS_ENTROPY]
    np.testing.assert_array_equal(new[ref > 0], ref[ref > 0])
    assert np.nanmax(new) < np.nanmax(old)  # a larger η: every count shrinks


# -- SpeedMapPanel (notebook 02) ------------------------------------------------------------


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
    assert p.images[QUADRATIC]["start"].get_xdata()[0] == -2.0
    p.eta.value = 0.6  # a new η recomputes
    assert p.maps is not maps
    ref = epochs_to_target(p.W, p.B, cost=QUADRATIC, eta=p.eta.value, epochs=300)
    np.testing.assert_array_equal(
        np.ma.getmaskarray(p.images[QUADRATIC]["image"].get_array()), ref < 0
    )
    assert np.mean(p.maps[CROSS_ENTROPY] >= 0) > np.mean(p.maps[QUADRATIC] >= 0)
    # the readout's epochs for the start (run with the maps, or alone) are the library's
    for eta, start in ((0.6, (-2.0, 1.0)), (0.6, (1.5, -0.5)), (0.05, (1.5, -0.5))):
        p.eta.value = eta
        p.set_start(*start)
        for cost, label in ((QUADRATIC, "quadratic"), (CROSS_ENTROPY, "cross-entropy")):
            e = int(epochs_to_target(*start, cost=cost, eta=eta, epochs=300))
            when = f"{e} epochs from here" if e >= 0 else "not within 300 epochs from here"
            assert f"{label}: {when} (" in p.readout.value


def test_legend_follows_eta_and_static_changes_force_a_full_redraw():
    p = CompareCostsPanel()
    p.flush()
    p.eta.value = 0.5  # the legend's η changes with the curves
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
    assert m.images[QUADRATIC]["image"].get_clim() == (0, 500)


def test_snapshot_png_contains_the_moving_artists():
    p = LossSurfacePanel()
    assert all(a.get_animated() for a in p._blit_artists)
    with_dots = p.png()
    for a in p._blit_artists:
        a.set_visible(False)
    without = p.png()
    assert with_dots != without  # the PNG fallback draws the animated artists too


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


@pytest.mark.parametrize("epochs", [300, 1000])
def test_a_one_epoch_scrub_shows(epochs):
    """The cursor and the points are not snapped to whole pixels: one epoch is visible even
    when the axis holds a thousand (a slider step that changes nothing looks broken)."""
    p = NeuronPanel(epochs=epochs)
    p.flush()
    for e in (epochs - 1, epochs // 2, 1):
        before = pixels(p)
        p.epoch.value = e
        p.flush()
        assert np.any(pixels(p) != before), e


def test_bad_choices_name_the_argument():
    with pytest.raises(ValueError, match="cost"):
        NeuronPanel(cost="hinge")
    with pytest.raises(ValueError, match="mode"):
        CompareCostsPanel(mode="fair")
