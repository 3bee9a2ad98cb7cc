"""Plot helpers of notebook 05 (entropy, KL divergence, cross-entropy): they draw what they are
given, in the palette's colours with a second cue, on fitted axes, and update in place."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.colors import to_hex

from lessons_lib.plots.information import (
    MEASURES,
    plot_cross_entropy_vs_kl,
    plot_distributions,
    plot_identity,
    plot_kl_pair,
    plot_neg_log,
    update_distributions,
    update_identity,
    update_kl_pair,
)
from lessons_lib.plots.style import COLORS

from ._panels import blank_axes


def _hex(artist) -> str:
    return to_hex(artist.get_facecolor())


def _values(h_p, h_pq, kl_pq, kl_qp):
    return dict(zip(MEASURES, (h_p, h_pq, kl_pq, kl_qp)))


def test_distributions_show_only_k_outcomes_on_a_fitted_axis():
    ax = blank_axes()
    art = plot_distributions([0.5, 0.5, 0.0], [0.2, 0.3, 0.5], ax=ax, k_max=5)
    assert [b.get_visible() for b in art["p"]] == [True] * 3 + [False] * 2
    assert ax.get_xlim() == (-0.6, 2.6)
    assert ax.get_ylim() == (0.0, 0.5)  # the tallest bar is 0.5
    assert _hex(art["p"][0]) == COLORS["p"].lower() and _hex(art["q"][0]) == COLORS["q"].lower()
    assert art["q"][0].get_hatch() and not art["p"][0].get_hatch()  # a second cue
    assert ax.get_xlabel() and ax.get_ylabel() == "probability"
    update_distributions(art, [0.25] * 4, [0.1, 0.2, 0.3, 0.4])
    assert [b.get_height() for b in art["q"]][:4] == [0.1, 0.2, 0.3, 0.4]
    assert art["q"][3].get_visible() and not art["q"][4].get_visible()
    assert ax.get_ylim() == (0.0, 0.5)  # still fits: kept
    update_distributions(art, [0.98, 0.01, 0.01], [1 / 3] * 3)
    assert ax.get_ylim() == (0.0, 1.0)
    update_distributions(art, [0.34, 0.33, 0.33], [0.34, 0.33, 0.33])
    assert ax.get_ylim() == (0.0, 0.5)  # shrunk a lot: refitted
    with pytest.raises(ValueError, match="p, q"):
        update_distributions(art, [1.0] * 6, [1.0] * 6)


def test_identity_stacks_entropy_and_kl_to_the_cross_entropy():
    ax = blank_axes()
    art = plot_identity(_values(1.0, 1.5, 0.5, 0.4), ax=ax)
    assert art["cross_entropy"].get_height() == 1.5
    assert art["entropy"].get_height() == 1.0
    assert art["kl"].get_y() == 1.0 and art["kl"].get_height() == pytest.approx(0.5)
    assert list(art["level"].get_ydata()) == [1.5, 1.5]  # both bars end here
    # the KL bracket spans exactly the KL part, the H(p) bracket the rest
    np.testing.assert_allclose(sorted(set(art["brackets"][1].get_ydata())), [1.0, 1.5])
    np.testing.assert_allclose(sorted(set(art["brackets"][0].get_ydata())), [0.0, 1.0])
    h_label, kl_label = (t.get_text() for t in art["labels"])
    assert "1.0000" in h_label and "H(p)" in h_label
    assert "0.5000" in kl_label and r"\mathrm{KL}" in kl_label
    assert art["total"].get_text() == "1.5000"
    assert _hex(art["cross_entropy"]) == COLORS["cross_entropy"].lower()
    assert _hex(art["entropy"]) == COLORS["entropy"].lower()
    assert _hex(art["kl"]) == COLORS["kl"].lower()
    assert to_hex(art["kl"].get_edgecolor()) == "#000000"  # yellow needs a dark edge
    top = ax.get_ylim()[1]
    assert 1.5 * 1.15 <= top <= 2.0 and ax.get_ylabel() == "nats"
    update_identity(art, _values(1.0, 1.6, 0.6, 0.4))
    assert ax.get_ylim()[1] == top  # still fits: the axis stays (a panel can blit)
    update_identity(art, _values(0.0, 8.0, 8.0, math.inf))
    assert ax.get_ylim()[1] >= 8.0 * 1.15
    update_identity(art, _values(0.05, 0.06, 0.01, 0.01))
    assert ax.get_ylim()[1] <= 0.2  # shrunk a lot: refitted, with a floor
    a, b = (t.get_position()[1] for t in art["labels"])
    assert b - a >= 0.1 * ax.get_ylim()[1] - 1e-12  # thin parts: labels kept apart


def test_identity_draws_an_infinite_cross_entropy_to_the_top():
    ax = blank_axes()
    art = plot_identity(_values(1.0, math.inf, math.inf, 0.3), ax=ax)
    top = ax.get_ylim()[1]
    assert art["cross_entropy"].get_height() == top and art["cross_entropy"].get_hatch()
    assert art["total"].get_text() == "∞" and "∞" in art["labels"][1].get_text()
    assert np.isfinite(art["kl"].get_height())


def test_kl_pair_on_its_own_axis():
    ax = blank_axes()
    art = plot_kl_pair(_values(1.0, 1.0253, 0.0253, 0.0258), ax=ax)
    heights = [b.get_height() for b in art["bars"]]
    assert heights == [0.0253, 0.0258]
    assert ax.get_ylim()[1] <= 0.06  # a small KL is not a sliver: the axis fits it
    assert [t.get_text() for t in art["texts"]] == ["0.0253", "0.0258"]
    assert all(_hex(b) == COLORS["kl"].lower() for b in art["bars"])
    assert art["bars"][1].get_hatch() and not art["bars"][0].get_hatch()  # a second cue
    update_kl_pair(art, _values(0.0, 0.4, 0.4, math.inf))
    top = ax.get_ylim()[1]
    assert 0.4 < top <= 0.5 and art["bars"][1].get_height() == top
    assert art["texts"][1].get_text() == "∞"
    update_kl_pair(art, _values(0.0, 0.0, 0.0, 0.0))
    assert 0.0 < ax.get_ylim()[1] <= 0.1 and [t.get_text() for t in art["texts"]] == [
        "0.0000",
        "0.0000",
    ]


def test_values_must_be_measures():
    ax = blank_axes()
    for bad in ({}, _values(1.0, 1.5, -0.1, 0.0), _values(1.0, math.nan, 0.5, 0.0)):
        with pytest.raises(ValueError, match="values"):
            plot_kl_pair(bad, ax=ax)


def test_neg_log_marks_the_losses():
    ax = blank_axes()
    art = plot_neg_log([(0.67, "cat"), (0.09, "horse")], ax=ax)
    assert art["marks"][0].get_ydata()[0] == pytest.approx(-math.log(0.67))
    assert "0.40" in art["texts"][0].get_text() and "2.41" in art["texts"][1].get_text()
    assert art["texts"][0].get_text().startswith("cat")
    q = art["curve"].get_xdata()
    np.testing.assert_allclose(art["curve"].get_ydata(), -np.log(q))
    assert art["curve"].get_color() == COLORS["reference"]
    assert r"$-\ln q$" in ax.get_ylabel() and ax.get_xlabel()
    assert ax.get_ylim()[1] == pytest.approx(-math.log(0.01) * 1.05)
    with pytest.raises(ValueError, match="q_min"):
        plot_neg_log([], ax=ax, q_min=0.0)


def test_cross_entropy_vs_kl_marks_the_common_minimum():
    ax = blank_axes()
    t = np.linspace(0.1, 0.9, 81)
    kl = (t - 0.5) ** 2
    art = plot_cross_entropy_vs_kl(t, kl + 1.0, kl, ax=ax, xlabel="t")
    np.testing.assert_allclose(art["best"].get_xdata(), [0.5, 0.5])
    np.testing.assert_allclose(art["best"].get_ydata(), [0.0, 1.0])
    assert any("= 1.0000" in txt.get_text() and "H(p)" in txt.get_text() for txt in ax.texts)
    assert art["cross_entropy"].get_color() == COLORS["cross_entropy"]
    assert art["kl"].get_color() == COLORS["kl"] and art["kl"].get_path_effects()
    assert art["cross_entropy"].get_linestyle() != art["kl"].get_linestyle()  # a second cue
    assert [lab.get_text() for lab in art["labels"]] == [r"$H(p,q)$", r"$\mathrm{KL}(p\,\|\,q)$"]
    assert ax.get_xlim() == (0.1, 0.9) and ax.get_xlabel() == "t" and ax.get_ylabel() == "nats"
    with pytest.raises(ValueError, match="t, cross_entropy, kl"):
        plot_cross_entropy_vs_kl(t, kl[:-1], kl, ax=ax)
