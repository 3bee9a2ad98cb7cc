"""Panels of notebook 05 (entropy, KL divergence, cross-entropy): driven from Python without a
browser: setting a control changes the artists, and their data equals what the library
computes."""

from __future__ import annotations

import numpy as np
import pytest

from lessons_lib.information import cross_entropy, entropy, kl_divergence
from lessons_lib.widgets.information import (
    InformationPanel,
    information_measures,
    normalise_weights,
)

from ._panels import assert_all_finite, heights, texts


def test_information_panel_redraws_fully_when_the_axes_change():
    p = InformationPanel()
    p.flush()
    n = p.n_full_draws
    p.outcomes.value = 5  # new x-range
    p.flush()
    assert p.n_full_draws == n + 1
    p.buttons[1].click()  # cat / dog / horse: back to K = 3
    p.flush()
    assert p.n_full_draws == n + 2
    p.q_sliders[1].value = 0.5  # a small change of q keeps the axes: blitted
    p.flush()
    assert p.n_full_draws == n + 2
    p.q_sliders[0].value = 0.01  # a far worse q needs a taller axis
    p.flush()
    assert p.n_full_draws == n + 3
    assert p.values["H(p, q)"] < p.measure_bars["bars"][0].axes.get_ylim()[1]


def test_information_panel_starts_at_the_worked_example():
    p = InformationPanel()
    v = p.values
    assert f"{v['H(p)']:.4f}" == "1.0297"
    assert f"{v['H(p, q)']:.4f}" == "1.0549"
    assert f"{v['KL(p‖q)']:.4f}" == "0.0253"
    h = heights(p.measure_bars)
    np.testing.assert_allclose(h[[0, 2, 3]], [v["H(p)"], v["KL(p‖q)"], v["KL(q‖p)"]])
    # H(p, q) is drawn as H(p) with KL(p‖q) stacked on top
    part = p.measure_bars["kl_part"]
    assert h[1] == pytest.approx(v["H(p)"])
    assert part.get_y() + part.get_height() == pytest.approx(v["H(p, q)"])
    assert texts(p.measure_bars) == ["1.0297", "1.0549", "0.0253", "0.0258"]


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
    assert p.values["H(p)"] == pytest.approx(float(entropy(P)))
    assert p.values["H(p, q)"] == pytest.approx(float(cross_entropy(P, Q)))
    assert p.values["KL(p‖q)"] == pytest.approx(float(kl_divergence(P, Q)))
    # p has a zero where q does not: KL(q‖p) is infinite, drawn to the top and labelled ∞
    assert p.values["KL(q‖p)"] == np.inf
    assert texts(p.measure_bars)[3] == "∞" and "∞" in p.readout.value
    bar = p.measure_bars["bars"][3]
    assert bar.get_height() == pytest.approx(bar.axes.get_ylim()[1])
    shown = [b.get_visible() for b in p.dist["p"]]
    assert shown == [True] * 4 + [False]
    np.testing.assert_allclose([b.get_height() for b in p.dist["q"]][:4], Q)


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
    example, cat, q_is_p = p.buttons
    cat.click()
    P, Q = p.distributions()
    np.testing.assert_allclose(P, [1.0, 0.0, 0.0])
    np.testing.assert_allclose(Q, [0.67, 0.24, 0.09])
    assert f"{p.values['H(p, q)']:.2f}" == "0.40"  # −ln 0.67
    assert p.values["H(p)"] == 0.0
    n = p.n_updates
    q_is_p.click()
    assert p.n_updates == n + 1  # several sliders, one redraw
    assert p.values["KL(p‖q)"] < 0.05  # q's zeros are raised to the slider minimum
    example.click()
    assert texts(p.measure_bars)[:3] == ["1.0297", "1.0549", "0.0253"]
    p.outcomes.value = 4
    q_is_p.click()
    assert p.values["KL(p‖q)"] == pytest.approx(0.0, abs=1e-12)
    assert p.values["KL(q‖p)"] == pytest.approx(0.0, abs=1e-12)


def test_all_zero_p_weights_fall_back_to_uniform(strict):
    p = InformationPanel()
    with p.hold():
        for s in p.p_sliders:
            s.value = 0.0
    np.testing.assert_allclose(p.distributions()[0], np.full(3, 1 / 3))
    assert p.values["H(p)"] == pytest.approx(np.log(3))
    assert_all_finite(p)


def test_helpers():
    np.testing.assert_allclose(normalise_weights([1, 3]), [0.25, 0.75])
    np.testing.assert_allclose(normalise_weights([0, 0]), [0.5, 0.5])
    with pytest.raises(ValueError, match="weights"):
        normalise_weights([1, -1])
    m = information_measures([0.5, 0.3, 0.2], [0.4, 0.4, 0.2])
    assert list(m) == ["H(p)", "H(p, q)", "KL(p‖q)", "KL(q‖p)"]
    assert m["H(p, q)"] == pytest.approx(m["H(p)"] + m["KL(p‖q)"])
