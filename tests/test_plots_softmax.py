"""Plot helpers of notebooks 03, 04 and 06 (softmax, log-likelihood, the softmax Jacobian):
they draw what they are given, in the suite's colours, and update in place."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_rgba

from lessons_lib.plots.softmax import (
    plot_both_on_sweep,
    plot_count_map,
    plot_count_maps,
    plot_grouped_bars,
    plot_histories,
    plot_jacobian,
    plot_value_bars,
    update_grouped_bars,
    update_history,
    update_jacobian,
    update_value_bars,
)
from lessons_lib.plots.style import COLORS, DIVERGING, SEQUENTIAL
from lessons_lib.training import History

from ._panels import blank_axes


def _same(a, b) -> bool:
    return np.allclose(to_rgba(a), to_rgba(b))


def test_value_bars_write_and_clip():
    ax = blank_axes()
    art = plot_value_bars([0.2, -0.5, 3.0], ["a", "b", "c"], ax=ax, ylim=(-1, 1), fmt="{:.2f}")
    heights = [b.get_height() for b in art["bars"]]
    assert heights == [0.2, -0.5, 1.0]  # 3.0 drawn to the top edge …
    assert [t.get_text() for t in art["texts"]] == ["0.20", "−0.50", "3.00"]  # … labelled true
    assert art["texts"][1].get_verticalalignment() == "top"
    assert _same(art["bars"][0].get_facecolor(), COLORS["softmax"])  # the default colour
    update_value_bars(art, [0.1, 0.1, 0.1], colors=[COLORS["true_class"]] * 3)
    assert [b.get_height() for b in art["bars"]] == [0.1] * 3
    assert _same(art["bars"][2].get_facecolor(), COLORS["true_class"])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    with pytest.raises(ValueError, match="values"):
        update_value_bars(art, [1.0, 2.0])
    ax = blank_axes()
    art = plot_value_bars([0.5], ["x"], ax=ax, ylim=(0, 1.3), ticks=(0, 0.5, 1))
    assert list(ax.get_yticks()) == [0, 0.5, 1]


def test_grouped_bars_side_by_side():
    ax = blank_axes()
    series = {"cross_entropy": [0.5, -0.5], "quadratic_cost": [0.1, 2.0]}
    art = plot_grouped_bars(series, ["0", "1"], ax=ax, hatches={"quadratic_cost": "//"})
    ce, quad = art["bars"]["cross_entropy"], art["bars"]["quadratic_cost"]
    assert [b.get_height() for b in ce] == [0.5, -0.5]
    assert [b.get_height() for b in quad] == [0.1, 1.0]  # clipped to the axis
    assert ce[0].get_x() < quad[0].get_x() < ce[1].get_x()  # pairs side by side
    assert _same(ce[0].get_facecolor(), COLORS["cross_entropy"]) and quad[0].get_hatch() == "//"
    update_grouped_bars(art, {"cross_entropy": [0.0, 0.25]})
    assert [b.get_height() for b in ce] == [0.0, 0.25]
    with pytest.raises(ValueError, match="series"):
        update_grouped_bars(art, {"cross_entropy": [1.0]})


def test_jacobian_heat_map():
    ax = blank_axes()
    J = np.array([[0.2, -0.2], [-0.2, 0.2]])
    art = plot_jacobian(J, ax=ax)
    np.testing.assert_array_equal(art["image"].get_array(), J)
    assert art["image"].get_cmap().name == DIVERGING
    assert art["texts"][0][1].get_text() == "−0.200"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["$a_0$", "$a_1$"]
    assert ax.get_xlabel() and ax.get_ylabel()
    update_jacobian(art, np.zeros((2, 2)))
    assert art["texts"][1][1].get_text() == "0"
    with pytest.raises(ValueError, match="J"):
        update_jacobian(art, np.zeros((3, 3)))


def test_histories_fill_in_and_fit_their_axes():
    ax_l, ax_e = blank_axes(2)
    art = plot_histories(["a", "b"], ["softmax", "sigmoid"], epochs=5, ax_loss=ax_l, ax_err=ax_e)
    assert _same(art["a"]["loss"].get_color(), COLORS["softmax"])
    assert art["b"]["error"].get_linestyle() == "--"
    h = History(loss=[2.0, 1.0, 0.05], accuracy=[0.1, 0.5, 0.97])
    update_history(art, "a", h)
    np.testing.assert_array_equal(art["a"]["loss"].get_xdata(), [0, 1, 2])
    np.testing.assert_allclose(art["a"]["error"].get_ydata(), [0.9, 0.5, 0.03])
    assert len(art["b"]["loss"].get_xdata()) == 0
    lo, hi = ax_l.get_ylim()
    assert lo < 0.05 and hi > 2.0 and ax_l.get_yscale() == "log"
    lo, hi = ax_e.get_ylim()
    assert 0.01 < lo < 0.03 and hi == 1.0 and ax_e.get_yscale() == "log"  # fitted, not 0–1
    assert art["a"]["final"].get_text() == "a: 3.0% at epoch 2"
    h.val_accuracy[:] = [0.2, 0.6, 1.0]  # an error of 0 has no log: not drawn
    update_history(art, "a", h)
    err = np.asarray(art["a"]["error"].get_ydata(), float)
    np.testing.assert_allclose(err[:2], [0.8, 0.4])
    assert np.isnan(err[2])
    assert ax_l.get_xlim() == (0.0, 5.0)


def test_count_maps():
    ax = blank_axes()
    counts = np.array([[0.0, 1.0], [2.0, 3.0]])
    art = plot_count_map(counts, (-1, 1, -1, 1), ax=ax, discs=(np.zeros((3, 2)), 0.5))
    np.testing.assert_array_equal(art["image"].get_array(), counts)
    assert art["image"].get_cmap().name == SEQUENTIAL and art["image"].get_clim() == (0.0, 3.0)
    assert len(art["discs"]) == 3 and art["discs"][0].get_radius() == 0.5
    assert ax.get_xlim() == (-1, 1)
    from matplotlib.figure import Figure

    axes = Figure().subplots(2, 2)
    art = plot_count_maps(
        axes,
        [[counts, counts], [counts, 2 * counts]],
        (-1, 1, -1, 1),
        row_labels=["r0", "r1"],
        col_titles=["c0", "c1"],
    )
    assert axes[1][0].get_ylabel() == "r1" and axes[0][1].get_title() == "c1"
    assert axes[1][1].get_title() == ""  # titles on the first row only
    assert art["colorbar"] is not None and art["colorbar"].ax.get_ylabel()


def test_both_on_sweep():
    ax = blank_axes()
    t = np.array([0.1, 0.5, 0.9])
    shares = {"and": np.array([[1.0, 0.9, 0.5], [1.0, 0.7, 0.3]]), "or": np.zeros((2, 3))}
    lines = plot_both_on_sweep(t, shares, ax=ax, color=COLORS["sigmoid"])
    np.testing.assert_allclose(lines["and"].get_ydata(), [1.0, 0.8, 0.4])  # the seeds' mean
    assert lines["and"].get_linestyle() != lines["or"].get_linestyle()
    assert lines["and"].get_marker() != lines["or"].get_marker()
    assert _same(lines["or"].get_color(), COLORS["sigmoid"])
    assert ax.get_xlabel() and ax.get_ylabel() and len(ax.collections) == 2  # the bands
    ax = blank_axes()
    plot_both_on_sweep(t, shares, ax=ax, ylabel=False)
    assert ax.get_ylabel() == ""
