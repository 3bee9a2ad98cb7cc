"""Plot helpers of notebooks 03–06: they draw what they are given, update in place, and
turn awkward values (out of range, infinite) into something drawable."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

from lessons_lib.network import History
from lessons_lib.plots.information import (
    MEASURES,
    plot_cross_entropy_vs_kl,
    plot_distributions,
    plot_information_bars,
    plot_neg_log,
    update_distributions,
    update_information_bars,
)
from lessons_lib.plots.softmax import (
    plot_histories,
    plot_jacobian,
    plot_label_count_map,
    plot_value_bars,
    update_history,
    update_jacobian,
    update_value_bars,
)


def _ax(ncols=1):
    fig = Figure()
    return fig.subplots(1, ncols)


def test_value_bars_write_and_clip():
    ax = _ax()
    art = plot_value_bars([0.2, -0.5, 3.0], ["a", "b", "c"], ax=ax, ylim=(-1, 1), fmt="{:.2f}")
    heights = [b.get_height() for b in art["bars"]]
    assert heights == [0.2, -0.5, 1.0]  # 3.0 drawn to the top edge …
    assert [t.get_text() for t in art["texts"]] == ["0.20", "-0.50", "3.00"]  # … labelled true
    assert art["texts"][1].get_verticalalignment() == "top"
    update_value_bars(art, [0.1, 0.1, 0.1], colors=["r", "g", "b"])
    assert [b.get_height() for b in art["bars"]] == [0.1] * 3
    assert art["bars"][2].get_facecolor()[:3] == (0.0, 0.0, 1.0)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    with pytest.raises(ValueError, match="values"):
        update_value_bars(art, [1.0, 2.0])


def test_jacobian_heat_map():
    ax = _ax()
    J = np.array([[0.2, -0.2], [-0.2, 0.2]])
    art = plot_jacobian(J, ["1", "2"], ax=ax)
    np.testing.assert_array_equal(art["image"].get_array(), J)
    assert art["texts"][0][1].get_text() == "-0.200"
    update_jacobian(art, np.zeros((2, 2)))
    assert art["texts"][1][1].get_text() == "0"
    with pytest.raises(ValueError, match="J"):
        update_jacobian(art, np.zeros((3, 3)))


def test_histories_fill_in_and_rescale():
    ax_l, ax_a = _ax(2)
    art = plot_histories(["a", "b"], ["r", "b"], epochs=5, ax_loss=ax_l, ax_acc=ax_a)
    h = History(loss=[2.0, 1.0, 0.05], accuracy=[0.1, 0.5, 0.9])
    update_history(art, "a", h)
    np.testing.assert_array_equal(art["a"]["loss"].get_xdata(), [0, 1, 2])
    np.testing.assert_array_equal(art["a"]["accuracy"].get_ydata(), [0.1, 0.5, 0.9])
    assert len(art["b"]["loss"].get_xdata()) == 0
    lo, hi = ax_l.get_ylim()
    assert lo < 0.05 and hi > 2.0 and ax_l.get_yscale() == "log"
    h.val_accuracy[:] = [0.2, 0.6, 0.95]
    update_history(art, "a", h)
    np.testing.assert_array_equal(art["a"]["accuracy"].get_ydata(), [0.2, 0.6, 0.95])
    assert ax_l.get_xlim() == (0.0, 5.0)


def test_label_count_map():
    ax = _ax()
    counts = np.array([[0, 1], [2, 3]])
    art = plot_label_count_map(counts, (-1, 1, -1, 1), ax=ax, points=(np.zeros((2, 2)), [0, 3]))
    np.testing.assert_array_equal(art["image"].get_array(), counts)
    assert art["points"] is not None and art["colorbar"] is not None
    ax = _ax()
    art = plot_label_count_map(None, (-1, 1, -1, 1), ax=ax, points=(np.zeros((2, 2)), [1, 2]))
    assert art["image"] is None and ax.get_xlim() == (-1, 1)
    assert art["colorbar"] is not None


def test_distributions_show_only_k_outcomes():
    ax = _ax()
    art = plot_distributions([0.5, 0.5, 0.0], [0.2, 0.3, 0.5], ax=ax, k_max=5)
    assert [b.get_visible() for b in art["p"]] == [True] * 3 + [False] * 2
    assert ax.get_xlim() == (-0.6, 2.6)
    update_distributions(art, [0.25] * 4, [0.1, 0.2, 0.3, 0.4])
    assert [b.get_height() for b in art["q"]][:4] == [0.1, 0.2, 0.3, 0.4]
    assert art["q"][3].get_visible() and not art["q"][4].get_visible()
    with pytest.raises(ValueError, match="p, q"):
        update_distributions(art, [1.0] * 6, [1.0] * 6)


def test_information_bars_stack_and_infinity():
    ax = _ax()
    values = dict(zip(MEASURES, (1.0, 1.5, 0.5, math.inf)))
    art = plot_information_bars(values, ax=ax)
    top = ax.get_ylim()[1]
    assert 1.5 < top <= 2.0  # fits the largest finite value, with a round limit
    assert [t.get_text() for t in art["texts"]] == ["1.0000", "1.5000", "0.5000", "∞"]
    assert art["bars"][3].get_height() == pytest.approx(top) and art["bars"][3].get_hatch()
    assert art["bars"][1].get_height() == 1.0  # H(p) below …
    assert art["kl_part"].get_y() == 1.0 and art["kl_part"].get_height() == pytest.approx(0.5)
    update_information_bars(art, dict(zip(MEASURES, (1.0, 1.7, 0.7, 0.6))))
    assert ax.get_ylim()[1] == top  # still fits: the axis stays as it is
    update_information_bars(art, dict(zip(MEASURES, (1.0, 8.0, 7.0, 0.6))))
    assert ax.get_ylim()[1] >= 8.0  # grown to fit
    update_information_bars(art, dict(zip(MEASURES, (0.0, 0.0, 0.0, 0.0))))
    assert math.log(2) < ax.get_ylim()[1] <= 1.0  # shrunk a lot: the axis follows
    assert not art["bars"][3].get_hatch()


def test_neg_log_marks_the_losses():
    ax = _ax()
    art = plot_neg_log([(0.67, "cat"), (0.09, "horse")], ax=ax)
    assert art["marks"][0].get_ydata()[0] == pytest.approx(-math.log(0.67))
    assert "0.40" in art["texts"][0].get_text() and "2.41" in art["texts"][1].get_text()
    q = art["curve"].get_xdata()
    np.testing.assert_allclose(art["curve"].get_ydata(), -np.log(q))


def test_cross_entropy_vs_kl_marks_the_common_minimum():
    ax = _ax()
    t = np.linspace(0.1, 0.9, 81)
    kl = (t - 0.5) ** 2
    art = plot_cross_entropy_vs_kl(t, kl + 1.0, kl, ax=ax)
    assert art["best"].get_xdata()[0] == pytest.approx(0.5)
    assert any("H(p) = 1.0000" in txt.get_text() for txt in ax.texts)
