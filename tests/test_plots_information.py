"""Plot helpers of notebook 05 (entropy, KL divergence, cross-entropy): they draw what they are
given and update in place."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons_lib.plots.information import (
    MEASURES,
    plot_cross_entropy_vs_kl,
    plot_distributions,
    plot_information_bars,
    plot_neg_log,
    update_distributions,
    update_information_bars,
)

from ._panels import blank_axes


def test_distributions_show_only_k_outcomes():
    ax = blank_axes()
    art = plot_distributions([0.5, 0.5, 0.0], [0.2, 0.3, 0.5], ax=ax, k_max=5)
    assert [b.get_visible() for b in art["p"]] == [True] * 3 + [False] * 2
    assert ax.get_xlim() == (-0.6, 2.6)
    update_distributions(art, [0.25] * 4, [0.1, 0.2, 0.3, 0.4])
    assert [b.get_height() for b in art["q"]][:4] == [0.1, 0.2, 0.3, 0.4]
    assert art["q"][3].get_visible() and not art["q"][4].get_visible()
    with pytest.raises(ValueError, match="p, q"):
        update_distributions(art, [1.0] * 6, [1.0] * 6)


def test_information_bars_stack_and_infinity():
    ax = blank_axes()
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
    ax = blank_axes()
    art = plot_neg_log([(0.67, "cat"), (0.09, "horse")], ax=ax)
    assert art["marks"][0].get_ydata()[0] == pytest.approx(-math.log(0.67))
    assert "0.40" in art["texts"][0].get_text() and "2.41" in art["texts"][1].get_text()
    q = art["curve"].get_xdata()
    np.testing.assert_allclose(art["curve"].get_ydata(), -np.log(q))


def test_cross_entropy_vs_kl_marks_the_common_minimum():
    ax = blank_axes()
    t = np.linspace(0.1, 0.9, 81)
    kl = (t - 0.5) ** 2
    art = plot_cross_entropy_vs_kl(t, kl + 1.0, kl, ax=ax)
    assert art["best"].get_xdata()[0] == pytest.approx(0.5)
    assert any("H(p) = 1.0000" in txt.get_text() for txt in ax.texts)
