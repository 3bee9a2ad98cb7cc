"""Plot helpers of notebooks 03, 04 and 06 (softmax, log-likelihood, the softmax Jacobian):
they draw what they are given and update in place."""

from __future__ import annotations

import numpy as np
import pytest

from lessons_lib.network import History
from lessons_lib.plots.softmax import (
    plot_histories,
    plot_jacobian,
    plot_label_count_map,
    plot_value_bars,
    update_history,
    update_jacobian,
    update_value_bars,
)

from ._panels import blank_axes


def test_value_bars_write_and_clip():
    ax = blank_axes()
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
    ax = blank_axes()
    J = np.array([[0.2, -0.2], [-0.2, 0.2]])
    art = plot_jacobian(J, ["1", "2"], ax=ax)
    np.testing.assert_array_equal(art["image"].get_array(), J)
    assert art["texts"][0][1].get_text() == "-0.200"
    update_jacobian(art, np.zeros((2, 2)))
    assert art["texts"][1][1].get_text() == "0"
    with pytest.raises(ValueError, match="J"):
        update_jacobian(art, np.zeros((3, 3)))


def test_histories_fill_in_and_rescale():
    ax_l, ax_a = blank_axes(2)
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
    ax = blank_axes()
    counts = np.array([[0, 1], [2, 3]])
    art = plot_label_count_map(counts, (-1, 1, -1, 1), ax=ax, points=(np.zeros((2, 2)), [0, 3]))
    np.testing.assert_array_equal(art["image"].get_array(), counts)
    assert art["points"] is not None and art["colorbar"] is not None
    ax = blank_axes()
    art = plot_label_count_map(None, (-1, 1, -1, 1), ax=ax, points=(np.zeros((2, 2)), [1, 2]))
    assert art["image"] is None and ax.get_xlim() == (-1, 1)
    assert art["colorbar"] is not None
