"""Plots of notebook 10's exploding gradients: what they draw equals what the library
computes, in the palette's colours, with the divergence marked."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from lessons_lib import plots
from lessons_lib.activations import sigmoid_prime
from lessons_lib.experiments import exploding as ex
from lessons_lib.plots import exploding as pe
from lessons_lib.plots.style import COLORS


def test_factor_window_against_a_fine_grid():
    a = np.linspace(0.0, 1.0, 200_001)
    for w in (4.5, 10.0, 30.0, 100.0, 1000.0):
        f = w * sigmoid_prime(w * (a - 0.5))
        assert pe.factor_window(w) == pytest.approx(np.ptp(a[f > 1]), abs=2e-5), w
    assert pe.factor_window(4.0) == pe.factor_window(1.0) == 0.0
    assert pe.factor_window(-10.0) == pe.factor_window(10.0)


def test_layer_factor_plot_draws_the_factor_and_marks_each_window():
    _fig, ax = plots.new_figure()
    art = pe.plot_layer_factor((1.0, 4.0, 10.0, 100.0), ax=ax)
    for w, line in zip((1.0, 4.0, 10.0, 100.0), art["curves"]):
        a, f = line.get_data()
        np.testing.assert_allclose(f, w * sigmoid_prime(w * (a - 0.5)))
    assert [float(np.ptp(bar.get_xdata())) for bar in art["windows"]] == pytest.approx(
        [pe.factor_window(10.0), pe.factor_window(100.0)]
    )
    assert ax.get_yscale() == "log" and ax.get_xlim() == (0.0, 1.0)
    assert ax.get_xlabel() and ax.get_ylabel()
    texts = " ".join(t.get_text() for t in art["labels"])
    assert "0.41" in texts and "0.092" in texts


def test_layer_gradients_show_both_scales_with_their_numbers():
    _fig, ax = plots.new_figure()
    ref, g2 = ex.initial_gradients(1.0), ex.initial_gradients(2.0)
    art = pe.plot_layer_gradients(ref, g2, ax=ax, scale=2.0)
    np.testing.assert_array_equal(art["reference"].get_ydata(), ref)
    np.testing.assert_array_equal(art["current"].get_ydata(), g2)
    assert art["value"].get_text() == "6.37·10⁴" and art["ref_value"].get_text() == "7.89"
    assert art["label"].get_text() == "scale 2.00\n×2.33 per layer"
    assert to_hex(art["reference"].get_color()) == COLORS["he_init"].lower()
    assert to_hex(art["current"].get_color()) == COLORS["diverged"].lower()
    lo, hi = ax.get_ylim()
    assert lo <= ref.min() and g2.max() <= hi and hi / lo < 1e8  # fitted, in decades
    g3 = ex.initial_gradients(1.25)
    pe.update_layer_gradients(art, g3, 1.25)
    np.testing.assert_array_equal(art["current"].get_ydata(), g3)
    assert art["value"].get_text() == "142"
    with pytest.raises(ValueError, match="norms"):
        pe.update_layer_gradients(art, g3[:3], 1.25)


def test_step_curves_draw_each_run_and_a_cross_where_it_diverged():
    _fig, ax = plots.new_figure()
    runs = {k: ex.step_run(**kw) for k, kw in ex.remedy_settings(2.0, 0.01, 10.0).items()}
    art = pe.plot_step_curves(runs, ax=ax, top=1e8)
    assert list(art["lines"]) == list(ex.REMEDIES)
    for key, line in art["lines"].items():
        x, y = line.get_data()
        np.testing.assert_array_equal(x, runs[key].steps)
        shown = np.isfinite(y)
        np.testing.assert_array_equal(y[shown], runs[key].loss[shown])
        assert to_hex(line.get_color()) == to_hex(pe.RUN_COLORS[key])
        cross = art["crosses"][key]
        if runs[key].diverged:
            assert list(cross.get_xdata()) == [runs[key].diverged_step]
        else:
            assert len(cross.get_xdata()) == 0
    heights = [art["crosses"][k].get_ydata()[0] for k in ("as_set", "l2")]
    assert heights[0] != heights[1]  # two runs diverging at the same step stay apart
    assert ax.get_ylim()[1] == 1e8 and ax.get_xscale() == "symlog"
    assert len({pe.RUN_STYLES[k] for k in ex.REMEDIES}) >= 4  # a second cue besides colour
    later = {k: ex.step_run(**kw) for k, kw in ex.remedy_settings(1.0, 0.01, 1.0).items()}
    pe.update_step_curves(art, later)
    assert all(len(c.get_xdata()) == 0 for c in art["crosses"].values())


def test_step_curves_survive_a_loss_of_ten_to_the_280():
    fig, (a1, a2) = plots.new_figure(1, 2)
    runs = {"as_set": ex.step_run(2.0, 0.01), "he_init": ex.step_run(1.0, 0.01)}
    pe.plot_step_curves(runs, ax=a1, max_step=8, xscale="linear", values_of="as_set")
    pe.plot_step_curves(runs, ax=a2, quantity="weight_norm", max_step=8, xscale="linear")
    png, _ = plots.common.figure_png(fig)  # draws: matplotlib's own log ticks would overflow
    assert png[:4] == b"\x89PNG"
    assert a1.get_ylim()[1] >= runs["as_set"].loss[2] and a1.get_xlim() == (0, 8)
    texts = [t.get_text() for t in a1.texts]
    assert "5.2·10²⁸⁰" in texts and "1.5·10²⁶" in texts
    with pytest.raises(ValueError, match="quantity"):
        pe.plot_step_curves(runs, ax=a1, quantity="accuracy")
