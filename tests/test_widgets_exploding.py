"""The panel of notebook 10 (exploding gradients), driven from Python without a browser:
what it shows equals what the library computes."""

from __future__ import annotations

import numpy as np

from lessons_lib.experiments import exploding as ex
from lessons_lib.widgets._base import plain_text
from lessons_lib.widgets.exploding import ExplodingPanel

from ._panels import pixels


def _shows_the_library(p: ExplodingPanel) -> None:
    scale, eta, clip = p.key()
    np.testing.assert_array_equal(p.grads["reference"].get_ydata(), ex.initial_gradients(1.0))
    np.testing.assert_array_equal(p.grads["current"].get_ydata(), ex.initial_gradients(scale))
    settings = ex.remedy_settings(scale, eta, clip)
    for key, line in p.curves["lines"].items():
        run = ex.step_run(**settings[key])
        x, y = line.get_data()
        np.testing.assert_array_equal(x, run.steps)
        finite = np.isfinite(y)
        np.testing.assert_array_equal(y[finite], run.loss[finite])
        cross = p.curves["crosses"][key].get_xdata()
        assert list(cross) == ([run.diverged_step] if run.diverged else [])
        assert run.describe() in plain_text(p.readout.value)


def test_default_view_is_the_scale_two_network_and_its_remedies(strict):
    p = ExplodingPanel()
    assert p.key() == (2.0, 0.01, 10.0)
    _shows_the_library(p)
    text = plain_text(p.readout.value)
    assert "×2.33 per layer" in text and "(×1.16 at scale 1)" in text
    assert "first-layer gradient 6.37·10⁴ (7.89 at scale 1)" in text
    assert "no remedy: diverged at step 4 (epoch 1, batch 4)" in text
    assert "smaller step, η = 1·10⁻⁵: loss 9.13·10⁴ → 26.2" in text
    assert "clipping at ‖g‖ = 10: loss 9.13·10⁴ → 0.408" in text
    assert "He initialisation (scale 1): loss 6.24 → 0.344" in text
    caption = p.caption()
    assert caption.startswith("weight scale = 2.00 · η = 0.01 · clipping = ‖g‖ ≤ 10")
    assert "6.37·10⁴" in caption and "diverged at step 4" in caption
    # the stored view teaches: one run diverges, the reference and two remedies converge
    runs = p.runs()
    assert runs["as_set"].diverged and not runs["he_init"].diverged
    assert runs["clipping"].loss[-1] < 1 and runs["he_init"].loss[-1] < 1


def test_every_control_moves_what_the_library_says(strict):
    p = ExplodingPanel()
    p.weight_scale.value = 1.25  # the loss first falls, then jumps
    _shows_the_library(p)
    run = p.history
    assert run.diverged and run.loss[1] < run.loss[0] < run.loss[3]
    before = p.curves["lines"]["clipping"].get_ydata().copy()
    he = p.curves["lines"]["he_init"].get_ydata().copy()
    p.clip.value = 1.0  # only the clipping run changes
    _shows_the_library(p)
    assert not np.array_equal(p.curves["lines"]["clipping"].get_ydata(), before)
    np.testing.assert_array_equal(p.curves["lines"]["he_init"].get_ydata(), he)
    p.eta.value = 0.3
    _shows_the_library(p)
    assert p.runs()["he_init"].diverged  # too large an η diverges even at He's scale


def test_a_scale_move_redraws_only_the_moving_artists():
    p = ExplodingPanel()
    p.flush()
    full = p.n_full_draws
    limits = [ax.get_ylim() for ax in p.fig.axes]
    p.weight_scale.value = 2.25
    p.flush()
    assert p.n_full_draws == full and [ax.get_ylim() for ax in p.fig.axes] == limits
    shown = pixels(p)
    p.fig.canvas.draw()
    np.testing.assert_array_equal(shown, pixels(p))


def test_runs_are_shared_and_kept():
    p, q = ExplodingPanel(), ExplodingPanel()
    assert all(p.runs()[k] is q.runs()[k] for k in ex.REMEDIES)
    first = p.history
    p.eta.value = 0.03
    assert p.history is not first
    p.eta.value = 0.01
    assert p.history is first
