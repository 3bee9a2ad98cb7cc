"""Panels of notebook 10 (exploding gradients): driven from Python without a browser."""

from __future__ import annotations

import numpy as np

from lessons_lib.experiments.exploding import describe_run, exploding_run, first_step_sizes
from lessons_lib.widgets.exploding import ExplodingPanel

from ._panels import ends, one_step, pixels


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
