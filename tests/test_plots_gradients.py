"""The plots of per-layer gradient norms (lessons_lib.plots.gradients; notebooks 09–10):
what they draw equals the data given, colours keep their meaning across depths, and values
a log axis cannot show are left out, not drawn as nonsense."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pytest

from lessons_lib import plots
from lessons_lib.experiments.gradients import per_layer_factor
from lessons_lib.plots.gradients import (
    NORM_LABEL,
    REFERENCE_FACTOR,
    depth_style,
    layer_colors,
    layer_names,
    plot_depth_staircases,
    plot_layer_norms,
    plot_norm_history,
    plot_staircase,
    update_layer_norms,
    update_norm_history,
    update_staircase,
)
from lessons_lib.plots.style import SEQUENTIAL


def _ax():
    return plots.new_figure()[1]


def test_layer_colors_keep_a_layer_s_colour_across_depths():
    cmap = mpl.colormaps[SEQUENTIAL]
    assert layer_colors(3) == [cmap(v) for v in (0.0, 0.425, 0.85)]  # first dark, output light
    nine = layer_colors(9)
    for n in range(1, 10):  # counted from the output, a layer has one colour at every depth
        assert layer_colors(n, max_layers=9) == nine[9 - n :]
    assert layer_names(3) == ["hidden 1", "hidden 2", "output"]


def test_depth_styles_differ():
    styles = [tuple(depth_style(d).values()) for d in (1, 2, 4, 8)]
    assert len(set(styles)) == 4
    assert all(s[0] for s in styles)


def test_staircase_draws_the_mean_the_seeds_range_and_the_reference():
    G = np.array([[0.01, 0.05, 0.3, 1.0], [0.02, 0.07, 0.2, 2.0], [0.03, 0.06, 0.25, 1.5]])
    ax = _ax()
    st = plot_staircase(G, ax=ax, max_layers=9, offset=0.1)
    xy = np.asarray(st["points"].get_offsets())
    np.testing.assert_allclose(xy[:, 0], np.array([-3, -2, -1, 0]) + 0.1)
    np.testing.assert_allclose(xy[:, 1], G.mean(axis=0))
    np.testing.assert_allclose(st["points"].get_facecolor(), layer_colors(4, max_layers=9))
    segments = st["spread"].get_segments()
    np.testing.assert_allclose([s[:, 1] for s in segments], np.stack([G.min(0), G.max(0)], 1))
    x, y = st["reference"].get_data()
    np.testing.assert_allclose(x, np.array([-1, -2, -3]) + 0.1)
    np.testing.assert_allclose(y, G.mean(0)[-2] * REFERENCE_FACTOR ** np.arange(3))
    lo, hi = ax.get_ylim()
    assert lo <= min(G.min(), y.min()) and G.max() <= hi
    assert ax.get_yscale() == "log" and ax.get_ylabel() == NORM_LABEL
    assert [t.get_text() for t in ax.get_xticklabels()][-2:] == ["$L-1$", "$L$"]
    assert ax.get_xlim() == (-8.5, 0.5)


def test_staircase_leaves_out_what_a_log_axis_cannot_show(strict):
    ax = _ax()
    st = plot_staircase([0.1, 0.2, 1.0], ax=ax)
    update_staircase(st, [0.0, 0.0, 0.0, 0.0, 1.0])  # a saturated network: no gradient
    assert len(st["points"].get_offsets()) == 1
    assert len(st["reference"].get_xdata()) == 0
    update_staircase(st, [np.nan, 0.5, 1.0])
    np.testing.assert_allclose(np.asarray(st["points"].get_offsets())[:, 1], [0.5, 1.0])


def test_fit_limits_false_leaves_the_axis_alone():
    ax = _ax()
    st = plot_staircase([0.1, 0.2, 1.0], ax=ax)
    limits = ax.get_ylim()
    update_staircase(st, [1e-9, 1e-8, 1.0], fit_limits=False)
    assert ax.get_ylim() == limits


def test_depth_staircases_key_each_depth_with_its_measured_factor():
    rng = np.random.default_rng(0)
    data = {
        d: np.cumprod(np.full((3, d + 1), 5.0), axis=1) * rng.uniform(0.9, 1.1, (3, 1))
        for d in (2, 4)
    }
    ax = _ax()
    out = plot_depth_staircases(data, ax=ax)
    labels = [t.get_text() for t in out["legend"].get_texts()]
    for label, d in zip(labels, (2, 4)):
        factor = np.mean([per_layer_factor(g) for g in data[d]])
        assert label == f"{d} hidden layers: $\\times$ {factor:.2f} per layer"
    assert "1/4" in labels[-1]
    assert not out["staircases"][2]["reference"].get_visible()
    assert out["staircases"][4]["reference"].get_visible()
    with pytest.raises(ValueError, match="norms_by_depth"):
        plot_depth_staircases({3: np.ones((2, 3))}, ax=_ax())


def test_norm_history_lines_and_their_labels():
    G = np.array([[0.01, 0.1, 1.0], [0.02, 0.2, 0.5], [0.03, 0.3, 0.2]])
    ax = _ax()
    art = plot_norm_history(G, ax=ax, max_layers=9, epochs=2, colors_by_output=True, labels=True)
    for i, line in enumerate(art["lines"]):
        assert line.get_visible() == (i < 3)
    np.testing.assert_allclose(art["lines"][1].get_ydata(), G[:, 1])
    np.testing.assert_allclose(art["lines"][0].get_color(), layer_colors(3, max_layers=9)[0])
    first, output = art["labels"]
    assert (first.get_text(), output.get_text()) == ("hidden 1", "output")
    assert first.xy == (2.0, 0.03) and output.xy == (2.0, 0.2)
    assert output.get_va() == "bottom" and first.get_va() == "top"  # the higher one above
    update_norm_history(art, np.array([[0.1, 1.0], [np.nan, np.nan]]))  # a diverged run
    assert first.xy == (0.0, 0.1) and first.get_ha() == "left"  # right of its only point


def test_layer_norm_bars_for_notebook_10_keep_working():
    ax = _ax()
    art = plot_layer_norms([0.01, 0.1, 1.0], ax=ax, max_layers=5)
    tops = [b.get_y() + b.get_height() for b in art["bars"][:3]]
    np.testing.assert_allclose(tops, [0.01, 0.1, 1.0])
    assert ax.get_ylabel() == NORM_LABEL
    update_layer_norms(art, [np.inf, 0.0, 0.5, 1.0])
    assert [t.get_text() for t in art["values"][:4]] == ["not finite", "0", "0.5", "1"]
    assert [b.get_visible() for b in art["bars"]] == [False, False, True, True, False]
