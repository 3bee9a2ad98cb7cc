"""The panel of notebook 09 (vanishing gradients), driven from Python without a browser:
setting a control changes the artists, and what they show equals what the library
computes (the runs of lessons_lib.experiments.gradients)."""

from __future__ import annotations

import numpy as np

from lessons_lib.experiments.gradients import (
    MAX_DEPTH,
    first_last_ratio,
    per_layer_factor,
    vanishing_run,
)
from lessons_lib.plots.gradients import REFERENCE_FACTOR, layer_colors
from lessons_lib.widgets.gradients import VanishingPanel

from ._panels import pixels


def _points(p):
    return np.asarray(p.stairs["points"].get_offsets())


def test_staircase_and_lines_are_the_run():
    p = VanishingPanel(depth=4, hidden="sigmoid", weight_scale=1.0)
    for setting in ((4, "sigmoid", 1.0), (2, "relu", 2.0), (8, "tanh", 0.5)):
        with p.hold():
            p.depth.value, p.hidden.value, p.weight_scale.value = setting
        run = vanishing_run(*setting)
        assert p.history is run
        g0 = run.grad_norms[0]
        L = len(g0)
        xy = _points(p)
        np.testing.assert_array_equal(xy[:, 0], np.arange(-(L - 1), 1))  # output at x = 0
        np.testing.assert_allclose(xy[:, 1], g0, rtol=1e-12)
        # each layer in the colour of its distance from the output, whatever the depth
        want = np.array(layer_colors(MAX_DEPTH + 1))[-L:]
        np.testing.assert_allclose(p.stairs["points"].get_facecolor(), want)
        # the dashed reference: ×1/4 per layer back from the last hidden layer
        k = np.arange(L - 1)
        rx, ry = p.stairs["reference"].get_data()
        np.testing.assert_array_equal(rx, -1 - k)
        np.testing.assert_allclose(ry, g0[-2] * REFERENCE_FACTOR**k, rtol=1e-12)
        # during training: one line per layer, epoch on x, the same colours
        for i, line in enumerate(p.lines["lines"]):
            assert line.get_visible() == (i < L)
            if i < L:
                np.testing.assert_allclose(line.get_ydata(), run.grad_norms[:, i])
                np.testing.assert_allclose(line.get_color(), want[i])
        # the numbers the lesson is about, on the figure and in the caption
        factor = per_layer_factor(g0)
        assert p.note.get_text() == f"measured: × {factor:.2f} per layer"
        caption = p.caption()
        assert f"× {factor:.2f}" in caption
        assert f"first / last hidden layer: {first_last_ratio(g0):.1e}" in caption
        assert f"training accuracy after 15 epochs: {run.accuracy:.0%}" in caption
        # one y-range for both axes, holding every value shown
        lo, hi = p.stairs["line"].axes.get_ylim()
        assert p.lines["lines"][0].axes.get_ylim() == (lo, hi)
        shown = np.concatenate([run.grad_norms.ravel(), ry])
        assert lo <= shown.min() and shown.max() <= hi


def test_default_view_shows_the_staircase_and_its_factor():
    p = VanishingPanel()
    g0 = vanishing_run(4).grad_norms[0]
    assert np.all(np.diff(g0) > 0)  # each layer back is smaller: a staircase
    assert per_layer_factor(g0) < 0.25  # steeper than the ×1/4 reference
    first = p.caption().splitlines()[0]
    assert "hidden layers = 4" in first and "sigmoid" in first and "cross-entropy" in first
    assert f"× {per_layer_factor(g0):.2f}" in p.caption().splitlines()[1]
    labels = [t.get_text() for t in p.lines["labels"]]
    assert labels == ["hidden 1", "output"]


def test_a_depth_move_keeps_the_axes_and_blits():
    """The x-axis counts layers back from the output (fixed for every depth), so a depth
    move that stays inside the y-range needs no full redraw, and is pixel-exact."""
    p = VanishingPanel(depth=4)
    p.flush()
    n = p.n_full_draws
    limits = p.stairs["line"].axes.get_ylim()
    p.depth.value = 3  # a shorter staircase: inside the y-range
    p.flush()
    assert p.stairs["line"].axes.get_ylim() == limits
    assert p.n_full_draws == n
    assert len(_points(p)) == 4
    blitted = pixels(p)
    p.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, pixels(p))


def test_a_saturated_output_is_reported_without_warnings(strict):
    # 8 ReLU layers × scale 10 with the quadratic cost: the sigmoid outputs saturate and
    # every gradient is 0 — nothing to draw on a log axis, a sentence instead
    p = VanishingPanel(depth=8, hidden="relu", weight_scale=10.0, cost="quadratic_cost")
    p.flush()
    g0 = p.history.grad_norms[0]
    assert not np.any(g0)
    assert np.isnan(per_layer_factor(g0))
    assert "no gradient reaches the hidden layers" in p.readout.value
    assert p.note.get_text() == "no gradient reaches the hidden layers"
    assert len(_points(p)) == 0


def test_a_diverged_run_is_reported_on_the_figure(strict):
    p = VanishingPanel(depth=8, hidden="relu", weight_scale=10.0)
    p.flush()
    run = vanishing_run(8, "relu", 10.0)
    assert run.diverged_at == (1, 3) and np.isnan(run.accuracy)
    assert p.stopped.get_text() == "diverged at epoch 1, batch 3"
    assert "training diverged at epoch 1, batch 3" in p.readout.value
    assert per_layer_factor(run.grad_norms[0]) > 5  # it grows towards the input …
    assert p.note.get_ha() == "right"  # … so the note moves out of the staircase's way
    p.weight_scale.value = 1.0
    assert p.stopped.get_text() == "" and p.note.get_ha() == "left"


def test_one_hidden_layer_has_no_factor_yet():
    p = VanishingPanel(depth=1)
    assert "one hidden layer" in p.readout.value and p.note.get_text() == ""
    assert len(_points(p)) == 2 and len(p.stairs["reference"].get_xdata()) == 0
