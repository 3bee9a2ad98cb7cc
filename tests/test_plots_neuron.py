"""The plots of notebooks 01–02 (lessons_lib.plots.neuron): what each draws equals what the
library computes, axes fit the data, and every comparison has a second cue."""

from __future__ import annotations

import numpy as np
import pytest

from lessons_lib.activations import sigmoid, sigmoid_prime
from lessons_lib.experiments.neuron import (
    CROSS_ENTROPY,
    QUADRATIC,
    START_A,
    START_B,
    cost_along_z,
    epochs_by_z0,
    plateau_end,
)
from lessons_lib.neuron import epochs_to_target, train_neuron
from lessons_lib.plots import neuron as pn
from lessons_lib.plots.style import COLORS, LINESTYLES

from ._panels import blank_axes


@pytest.fixture
def runs_b():
    return {
        c: train_neuron(*START_B, cost=c, eta=0.15, epochs=500) for c in (QUADRATIC, CROSS_ENTROPY)
    }


@pytest.mark.parametrize(
    ("x", "top"), [(0.482, 0.5), (0.33, 0.4), (4.02, 5.0), (1.0, 1.2), (0.0001, 0.00012)]
)
def test_nice_top_fits_closely(x, top):
    assert pn.nice_top(x) == pytest.approx(top)


def test_training_axes_end_at_the_epoch_count_and_fit_the_cost():
    ax_c, ax_a = blank_axes(2)
    run = train_neuron(*START_B, cost=QUADRATIC, eta=0.15, epochs=300)
    lines = pn.plot_training(run, ax_cost=ax_c, ax_output=ax_a)
    np.testing.assert_array_equal(lines["cost"].get_ydata(), run.cost)
    np.testing.assert_array_equal(lines["output"].get_ydata(), run.a)
    assert ax_c.get_xlim() == (0, 300) and ax_a.get_xlim() == (0, 300)
    assert ax_c.get_ylim() == (0.0, 0.5)  # a cost ≤ 0.482 is not drawn on a 0–1 axis
    assert ax_c.get_ylabel() and ax_a.get_ylabel() and ax_c.get_xlabel() == "epoch"
    longer = train_neuron(*START_B, cost=CROSS_ENTROPY, eta=0.15, epochs=120)
    pn.update_training(lines, longer)
    assert ax_c.get_xlim() == (0, 120) and ax_c.get_ylim() == (0.0, 5.0)
    assert lines["cost"].get_color() == COLORS[CROSS_ENTROPY]
    assert lines["cost"].get_linestyle() == "--"


def test_plateau_shading_and_label():
    ax = blank_axes(1)
    run = train_neuron(*START_B, cost=QUADRATIC, eta=0.15, epochs=300)
    art = pn.plot_plateau(ax, plateau_end(run), run.epochs)
    assert art["span"].get_width() == 208 and "208" in art["label"].get_text()
    pn.update_plateau(art, -1, 300)
    assert art["span"].get_width() == 300 and "all 300" in art["label"].get_text()
    pn.update_plateau(art, 0, 300)
    assert art["span"].get_width() == 0 and "no plateau" in art["label"].get_text()
    quiet = pn.plot_plateau(ax, 208, 300, label=False)
    assert quiet["label"] is None and quiet["span"].get_width() == 208


@pytest.mark.parametrize("kind", ["sigma", "sigma_prime"])
def test_z_curve_marks_the_run(kind):
    ax = blank_axes(1)
    art = pn.plot_z_curve(kind, ax=ax)
    fn = sigmoid if kind == "sigma" else sigmoid_prime
    run = train_neuron(*START_B, cost=QUADRATIC, eta=0.15, epochs=300)
    z = run.w + run.b
    pn.update_z_curve(art, z[:151:10], float(z[150]), float(z[0]), cost=QUADRATIC)
    np.testing.assert_allclose(art["trail"].get_xdata(), z[:151:10])
    np.testing.assert_allclose(art["trail"].get_ydata(), fn(z[:151:10]))
    assert art["point"].get_ydata()[0] == pytest.approx(float(fn(z[150])))
    assert art["start"].get_markerfacecolor() == "white"  # the start is hollow
    if kind == "sigma_prime":
        assert art["bound"].get_ydata()[0] == 0.25  # the bound σ′ ≤ 1/4 is marked


def test_fit_z_axis_holds_the_run_with_hysteresis():
    ax = blank_axes(1)
    pn.fit_z_axis(ax, np.array([4.0, -1.4]), force=True)
    assert ax.get_xlim() == (-6.0, 6.0)
    pn.fit_z_axis(ax, np.array([3.2, -1.0]))
    assert ax.get_xlim() == (-6.0, 6.0)
    pn.fit_z_axis(ax, np.array([12.0, 2.0]))
    assert ax.get_xlim() == (-16.0, 16.0)


def test_step_sizes_are_eta_times_the_gradient(runs_b):
    ax = blank_axes(1)
    lines = pn.plot_step_sizes(runs_b, ax=ax)
    for cost, run in runs_b.items():
        np.testing.assert_allclose(lines[cost].get_ydata(), 0.15 * np.abs(run.dw))
        assert lines[cost].get_linestyle() == ("-" if cost == QUADRATIC else "--")
    assert ax.get_yscale() == "log" and ax.get_xlim() == (0, 500)


def test_cost_along_z_dots_until_the_target(runs_b):
    ax = blank_axes(1)
    art = pn.plot_cost_along_z(ax=ax)
    pn.update_cost_along_z(art, runs_b)
    for cost, run in runs_b.items():
        z = run.w + run.b
        stop = int(epochs_to_target(*START_B, cost=cost, eta=0.15, epochs=500))
        np.testing.assert_allclose(art["dots"][cost].get_xdata(), z[: stop + 1 : 10])
        np.testing.assert_allclose(
            art["dots"][cost].get_ydata(), cost_along_z(z[: stop + 1 : 10], cost)
        )
        assert art["starts"][cost].get_xdata()[0] == pytest.approx(4.0)
    # the quadratic run crawls: many more dots than the cross-entropy run
    assert len(art["dots"][QUADRATIC].get_xdata()) > 5 * len(art["dots"][CROSS_ENTROPY].get_xdata())


def test_epochs_by_z0_curves_labels_and_budget():
    ax = blank_axes(1)
    z0 = np.linspace(-3.0, 8.0, 45)
    sweep = epochs_by_z0(z0, eta=0.15, budget=500)
    art = pn.plot_epochs_by_z0(z0, sweep, ax=ax, budget=500)
    for cost, e in sweep.items():
        y = art[cost].get_ydata()
        assert np.all(np.isnan(y[e <= 0])) and np.array_equal(y[e > 0], e[e > 0])
        last = np.flatnonzero(e > 0)[-1]
        assert art["labels"][cost].xy == (pytest.approx(z0[last]), pytest.approx(e[last]))
    assert art["budget"].get_ydata()[0] == 500 and ax.get_ylim() == (1, 1000)
    marks = pn.mark_z0(ax, {"start_b": 4.0}, {"start_b": {QUADRATIC: 469, CROSS_ENTROPY: 50}})
    points = marks["start_b"]["points"]
    assert points[QUADRATIC].get_ydata()[0] == 469 and points[CROSS_ENTROPY].get_xdata()[0] == 4.0
    pn.update_z0_marks(marks["start_b"], 4.0, {QUADRATIC: -1, CROSS_ENTROPY: 50})
    assert len(points[QUADRATIC].get_xdata()) == 0  # not reached: no marker


def test_notebook_01_figures_use_the_starts_palette():
    ax_c, ax_a = blank_axes(2)
    runs = {
        name: train_neuron(*s, cost=QUADRATIC, eta=0.15, epochs=300)
        for name, s in (("start_a", START_A), ("start_b", START_B))
    }
    out = pn.plot_starts(runs, ax_cost=ax_c, ax_output=ax_a)
    for name in runs:
        line = out[name]["output"]
        assert line.get_color() == COLORS[name]
        assert line.get_linestyle() == LINESTYLES[name]
    assert out["start_a"]["output"].get_linestyle() != out["start_b"]["output"].get_linestyle()
    texts = " ".join(t.get_text() for t in ax_a.texts)
    assert "208" in texts and "A" in texts and "B" in texts  # B's plateau and direct labels
    ax_s, ax_p = blank_axes(2)
    pn.plot_sigmoid_pair({"start_a": 1.5, "start_b": 4.0}, ax_sigma=ax_s, ax_prime=ax_p)
    labels = " ".join(t.get_text() for t in ax_p.texts)
    assert "0.0177" in labels and "0.149" in labels


def test_notebook_02_figure(runs_b):
    ax_c, ax_e = blank_axes(2)
    z0 = np.linspace(-3.0, 6.0, 37)
    sweep = epochs_by_z0(z0, eta=0.15, budget=3000)
    marks = {"start_b": (4.0, {QUADRATIC: 469, CROSS_ENTROPY: 50})}
    out = pn.plot_z0_figure(runs_b, z0, sweep, marks, ax_cost=ax_c, ax_epochs=ax_e)
    assert set(out) == {"along", "curves", "marks"}
    assert ax_c.get_yscale() == "log" and ax_e.get_yscale() == "log"
    assert ax_c.get_title() and ax_e.get_title() and ax_c.get_xlabel() and ax_e.get_ylabel()


def test_loss_surface_contours_run_along_the_diagonals():
    ax = blank_axes(1)
    run = train_neuron(-1.0, 3.0, cost=QUADRATIC, eta=0.4, epochs=100)
    art = pn.plot_loss_surface(QUADRATIC, run, ax=ax, n=41)
    np.testing.assert_allclose(art["path"].get_xdata(), run.w)
    np.testing.assert_allclose(art["dots"].get_ydata(), run.b[::10])


def test_speed_map_masks_starts_not_reached():
    ax = blank_axes(1)
    m = np.array([[3, -1], [0, 7]])
    art = pn.plot_speed_map(
        m, budget=10, lim=1.0, ax=ax, colorbar=False, marks={"start_a": (0.5, 0.5)}
    )
    data = art["image"].get_array()
    assert np.ma.getmaskarray(data).tolist() == [[False, True], [False, False]]
    pn.update_speed_map(art, start=(0.2, -0.3))
    assert art["start"].get_xdata()[0] == 0.2
