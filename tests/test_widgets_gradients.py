"""Panels of notebooks 09–10 (vanishing and exploding gradients): driven from Python without a
browser: setting a control changes the artists, and their data equals what the library
computes."""

from __future__ import annotations

import numpy as np
import pytest

from lessons_lib.experiments.gradients import (
    initial_gradient_norms,
    per_layer_factor,
    vanishing_run,
)
from lessons_lib.widgets.gradients import VanishingPanel


def test_vanishing_panel_bars_and_lines_are_the_history():
    p = VanishingPanel(depth=4, hidden="sigmoid", weight_scale=1.0)
    for setting in ((4, "sigmoid", 1.0), (2, "relu", 2.0)):
        with p.hold():
            p.depth.value, p.hidden.value, p.weight_scale.value = setting
        h = vanishing_run(*setting)
        g0 = h.grad_norms[0]
        bars = p.bars["bars"]
        tops = np.array([b.get_y() + b.get_height() for b in bars[: len(g0)]])
        np.testing.assert_allclose(tops, g0, rtol=1e-12)
        assert all(b.get_visible() for b in bars[: len(g0)])
        assert not any(b.get_visible() for b in bars[len(g0) :])
        G = np.array(h.grad_norms)
        for i, line in enumerate(p.lines["lines"][: len(g0)]):
            np.testing.assert_allclose(line.get_ydata(), G[:, i])
        labels = [t.get_text() for t in bars[0].axes.get_xticklabels()]
        assert labels == [f"h{i}" for i in range(1, setting[0] + 1)] + ["output"]
    assert "training accuracy after 15 epochs" in p.readout.value


def test_vanishing_panel_depth_changes_force_one_full_redraw():
    p = VanishingPanel(depth=4)
    p.flush()
    n = p.n_full_draws
    p.depth.value = 5  # new layer names under the bars: part of the background
    p.flush()
    assert p.n_full_draws == n + 1


def test_vanishing_panel_reports_a_saturated_output_without_warnings(strict):
    # 8 ReLU layers × scale 10: the sigmoid output saturates and every gradient is 0
    p = VanishingPanel(depth=8, hidden="relu", weight_scale=10.0, cost="quadratic_cost")
    p.flush()
    assert not np.any(p.history.grad_norms[0])
    assert "no gradient reaches the hidden layers" in p.readout.value
    assert np.isnan(per_layer_factor(p.history.grad_norms[0]))
    assert [t.get_text() for t in p.bars["values"]] == ["0"] * 9


def test_sigmoid_layers_shrink_the_gradient_and_he_scale_keeps_it():
    g = initial_gradient_norms(4, "sigmoid")
    assert np.all(np.diff(g) > 0)  # earlier layers learn slower
    assert per_layer_factor(g) < 0.3  # about an order of magnitude per two layers
    assert abs(per_layer_factor(initial_gradient_norms(8, "relu", np.sqrt(2))) - 1) < 0.1
    np.testing.assert_array_equal(vanishing_run(2).grad_norms[0], initial_gradient_norms(2))
    with pytest.raises(ValueError, match="two hidden"):
        per_layer_factor([0.1, 1.0])
