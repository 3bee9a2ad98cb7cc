"""Panels of notebooks 09–10 (vanishing and exploding gradients): driven from Python without a
browser: setting a control changes the artists, and their data equals what the library
computes."""

from __future__ import annotations

import numpy as np
import pytest

from lessons_lib.experiments.gradients import initial_gradient_norms
from lessons_lib.widgets.gradients import (
    ExplodingPanel,
    VanishingPanel,
    describe_run,
    exploding_run,
    first_step_sizes,
    per_layer_factor,
    vanishing_run,
)

from ._panels import ends, one_step, pixels


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


def test_exploding_panel_reports_the_divergence_as_a_result(strict):
    p = ExplodingPanel(weight_scale=2.0, eta=0.01)
    ref = exploding_run(2.0, 0.01)
    assert ref.diverged and ref.diverged_at == (1, 4)
    assert describe_run(ref) == "diverged at epoch 1, batch 4"
    assert "diverged at epoch 1, batch 4" in p.readout.value
    assert p.loss["note"].get_text() == "NaN: diverged at epoch 1, batch 4"
    assert p.loss["marker"].get_xdata()[0] == 1
    tops = np.array([b.get_y() + b.get_height() for b in p.bars["bars"]])
    np.testing.assert_allclose(tops, ref.grad_norms[0], rtol=1e-12)
    assert np.all(np.diff(ref.grad_norms[0]) < 0)  # largest at the first layer: explosion
    p.clip.value = 1.0  # a remedy: the same start trains with clipped steps
    ref = exploding_run(2.0, 0.01, clip_norm=1.0)
    assert not ref.diverged and "loss" in p.readout.value and "diverged" not in p.readout.value
    np.testing.assert_allclose(p.loss["loss"].get_ydata(), ref.loss)
    assert p.loss["note"].get_text() == "" and len(p.loss["marker"].get_xdata()) == 0
    p.weight_scale.value = 3.0
    p.clip.value = 0.0
    p.flush()
    assert "diverged at epoch 1" in p.readout.value


def test_exploding_panel_eta_moves_the_figure_where_every_run_diverges():
    """At scale 2 every η in the slider's range diverges in the first epoch, so loss and
    gradient history hardly change with η; the red step markers η·‖∂C/∂b^l‖ always do."""
    p = ExplodingPanel(weight_scale=2.0, eta=0.01)
    p.flush()
    for control in (p.weight_scale, p.eta):
        for value in (one_step(control), *ends(control)):
            before = pixels(p)
            control.value = value
            p.flush()
            assert np.any(pixels(p) != before), f"{control.description} = {value}"
            h = p.history
            np.testing.assert_allclose(
                p.steps.get_ydata(), first_step_sizes(h, p.key()[1]), rtol=1e-12
            )
            bottom, top = p.bars["bars"][0].axes.get_ylim()
            assert bottom <= np.min(p.steps.get_ydata()) and np.max(h.grad_norms[0]) <= top
    h = exploding_run(2.0, 0.01)
    g = h.grad_norms[0]
    np.testing.assert_array_equal(first_step_sizes(h, 0.01), 0.01 * g)
    total = np.sqrt(np.sum(g**2) + np.sum(h.weight_grad_norms[0] ** 2))
    np.testing.assert_allclose(first_step_sizes(h, 0.01, 10.0), 0.01 * g * 10.0 / total)
    assert np.linalg.norm(first_step_sizes(h, 1.0, 10.0)) <= 10.0
    with p.hold():
        p.weight_scale.value, p.eta.value, p.clip.value = 2.0, 0.01, 10.0
    np.testing.assert_allclose(p.steps.get_ydata(), first_step_sizes(h, 0.01, 10.0))


def test_he_initialisation_trains_where_scale_two_explodes():
    assert not exploding_run(1.0, 0.01).diverged
    assert exploding_run(2.0, 0.01, l2=0.01).diverged  # L2 cannot stop a first-batch blow-up
