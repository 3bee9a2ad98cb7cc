"""Panels of notebook 05 (entropy, KL divergence, cross-entropy): driven from Python without a
browser: setting a control changes the artists, and their data equals what the library
computes."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons_lib.experiments.information import OVERCONFIDENT, information_measures
from lessons_lib.information import cross_entropy, entropy, kl_divergence
from lessons_lib.widgets.information import InformationPanel

from ._panels import assert_all_finite, texts


def _shown(p):
    """What the panel draws, as numbers: {name: value} read from its artists."""
    i, k = p.identity, p.kl_pair
    return {
        "H(p)": i["entropy"].get_height(),
        "H(p, q)": i["cross_entropy"].get_height(),
        "stack": i["kl"].get_y() + i["kl"].get_height(),
        "KL(p‖q) part": i["kl"].get_height(),
        "KL(p‖q)": k["bars"][0].get_height(),
        "KL(q‖p)": k["bars"][1].get_height(),
    }


def test_information_panel_starts_at_a_visibly_wrong_q():
    p = InformationPanel()
    P, Q = p.distributions()
    np.testing.assert_allclose(P, OVERCONFIDENT[0])
    np.testing.assert_allclose(Q, OVERCONFIDENT[1])
    v = p.values
    assert (f"{v['KL(p‖q)']:.4f}", f"{v['KL(q‖p)']:.4f}") == ("0.9468", "0.5260")
    assert f"{v['H(p, q)']:.4f}" == "1.9764"
    shown = _shown(p)
    assert shown["H(p)"] == pytest.approx(float(entropy(P)))
    assert shown["H(p, q)"] == pytest.approx(float(cross_entropy(P, Q)))
    assert shown["stack"] == pytest.approx(shown["H(p, q)"])  # the identity, drawn
    assert shown["KL(p‖q) part"] == pytest.approx(float(kl_divergence(P, Q)))
    assert shown["KL(p‖q)"] == pytest.approx(float(kl_divergence(P, Q)))
    assert shown["KL(q‖p)"] == pytest.approx(float(kl_divergence(Q, P)))
    # the KL part is no sliver: over a third of the middle axis, and both KL bars tall
    ax_i, ax_k = p.identity["kl"].axes, p.kl_pair["bars"][0].axes
    assert shown["KL(p‖q) part"] > 0.35 * ax_i.get_ylim()[1]
    assert shown["KL(q‖p)"] > 0.4 * ax_k.get_ylim()[1]
    assert texts(p.kl_pair) == ["0.9468", "0.5260"]
    assert "0.9468" in p.identity["labels"][1].get_text()


def test_caption_has_the_numbers_and_only_the_shown_sliders():
    p = InformationPanel()
    caption = p.caption()
    for number in ("1.0297", "0.9468", "1.9764", "0.5260", "q₁ = 0.96", "p₃ = 0.20"):
        assert number in caption
    assert "p₄" not in caption and "q₅" not in caption  # K = 3: outcomes 4 and 5 are hidden
    p.outcomes.value = 5
    assert "p₅" in p.caption() and "q₄" in p.caption()


def test_information_panel_redraws_fully_when_the_axes_change():
    p = InformationPanel()
    p.flush()
    n = p.n_full_draws
    p.outcomes.value = 5  # new x-range
    p.flush()
    assert p.n_full_draws == n + 1
    p.buttons[2].click()  # cat / dog / horse: back to K = 3, other y-ranges
    p.flush()
    assert p.n_full_draws == n + 2
    p.q_sliders[1].value = 0.25  # a small change of q keeps the axes: blitted
    p.flush()
    assert p.n_full_draws == n + 2
    p.q_sliders[0].value = 0.01  # a far worse q needs taller axes
    p.flush()
    assert p.n_full_draws == n + 3
    assert p.values["H(p, q)"] < p.identity["kl"].axes.get_ylim()[1]
    assert p.values["KL(p‖q)"] < p.kl_pair["bars"][0].axes.get_ylim()[1]


def test_information_panel_follows_the_library():
    p = InformationPanel()
    with p.hold():
        p.outcomes.value = 4
        for s, v in zip(p.p_sliders, (0.1, 0.0, 0.6, 0.3)):
            s.value = v
        for s, v in zip(p.q_sliders, (0.2, 0.5, 0.2, 0.1)):
            s.value = v
    pw, qw = np.array([0.1, 0.0, 0.6, 0.3]), np.array([0.2, 0.5, 0.2, 0.1])
    P, Q = pw / pw.sum(), qw / qw.sum()
    np.testing.assert_allclose(p.distributions()[0], P)
    assert p.values == pytest.approx(information_measures(P, Q))
    assert p.values["H(p)"] == pytest.approx(float(entropy(P)))
    assert p.values["H(p, q)"] == pytest.approx(float(cross_entropy(P, Q)))
    assert p.values["KL(p‖q)"] == pytest.approx(float(kl_divergence(P, Q)))
    shown = _shown(p)
    assert shown["stack"] == pytest.approx(float(cross_entropy(P, Q)))
    # p has a zero where q does not: KL(q‖p) is infinite, drawn to the top and labelled ∞
    assert p.values["KL(q‖p)"] == np.inf
    assert texts(p.kl_pair)[1] == "∞" and "∞" in p.readout.value
    bar = p.kl_pair["bars"][1]
    assert bar.get_height() == pytest.approx(bar.axes.get_ylim()[1])
    shown = [b.get_visible() for b in p.dist["p"]]
    assert shown == [True] * 4 + [False]
    np.testing.assert_allclose([b.get_height() for b in p.dist["q"]][:4], Q)
    assert_all_finite(p)


def test_outcome_count_changes_bars_and_slider_rows():
    p = InformationPanel()
    assert len(p._p_row.children) == len(p._q_row.children) == 3
    p.outcomes.value = 5
    assert len(p._p_row.children) == len(p._q_row.children) == 5
    assert p.dist["p"][0].axes.get_xlim() == (-0.6, 4.6)
    assert len(p.distributions()[0]) == 5
    p.outcomes.value = 3
    assert len(p._p_row.children) == 3 and not p.dist["q"][4].get_visible()


def test_information_panel_buttons():
    p = InformationPanel()
    overconfident, example, cat, q_is_p = p.buttons
    cat.click()
    P, Q = p.distributions()
    np.testing.assert_allclose(P, [1.0, 0.0, 0.0])
    np.testing.assert_allclose(Q, [0.67, 0.24, 0.09])
    assert f"{p.values['H(p, q)']:.2f}" == "0.40"  # −ln 0.67
    assert p.values["H(p)"] == 0.0 and p.identity["entropy"].get_height() == 0.0
    n = p.n_updates
    q_is_p.click()
    assert p.n_updates == n + 1  # several sliders, one redraw
    assert p.values["KL(p‖q)"] < 0.05  # q's zeros are raised to the slider minimum
    example.click()
    assert [f"{p.values[k]:.4f}" for k in ("H(p)", "H(p, q)", "KL(p‖q)", "KL(q‖p)")] == [
        "1.0297",
        "1.0549",
        "0.0253",
        "0.0258",
    ]
    assert texts(p.kl_pair) == ["0.0253", "0.0258"]
    assert p.kl_pair["bars"][0].axes.get_ylim()[1] <= 0.1  # a small KL fills its own axis
    p.outcomes.value = 4
    q_is_p.click()
    assert p.values["KL(p‖q)"] == pytest.approx(0.0, abs=1e-12)
    assert p.values["KL(q‖p)"] == pytest.approx(0.0, abs=1e-12)
    overconfident.click()
    assert p.outcomes.value == 3 and f"{p.values['KL(p‖q)']:.4f}" == "0.9468"


def test_zeros_are_shown_without_a_minus_sign():
    p = InformationPanel()
    p.set_weights([0.5, 0.3, 0.2], [0.5, 0.3, 0.2])  # q = p exactly
    shown = [*texts(p.kl_pair), *(t.get_text() for t in p.identity["labels"]), p.readout.value]
    assert "0.0000" in shown[0] and not any("-0.0" in s or "−0.0" in s for s in shown)
    assert all(math.copysign(1.0, v) == 1.0 for v in p.values.values())


def test_all_zero_p_weights_fall_back_to_uniform(strict):
    p = InformationPanel()
    with p.hold():
        for s in p.p_sliders:
            s.value = 0.0
    np.testing.assert_allclose(p.distributions()[0], np.full(3, 1 / 3))
    assert p.values["H(p)"] == pytest.approx(np.log(3))
    assert_all_finite(p)


def test_bad_weights_are_named():
    with pytest.raises(ValueError, match="weights"):
        InformationPanel(p_weights=[0.1] * 6)
