"""Panels of notebook 07 (regularisation): driven from Python without a browser: setting a
control changes the artists, and their data equals what the library computes."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from lessons_lib.experiments.regularization import LAMBDAS, PENALTIES, SEEDS, fit_spirals
from lessons_lib.plots.regularization import histogram_edges
from lessons_lib.widgets._base import plain_text
from lessons_lib.widgets.regularization import RegularizationPanel


@pytest.fixture(scope="module")
def panel():
    p = RegularizationPanel()
    yield p
    p.close()


def test_default_view_is_the_lesson(panel):
    """The stored image shows L2 at the λ validation chose, with train, validation and test
    accuracy in its caption."""
    assert panel.kind.value == "l2" and panel.lam.value == 3e-3
    caption = panel.caption()
    f = fit_spirals(3e-3, "l2")
    for part in (
        f"training {round(100 * f.train_accuracy)} %",
        f"validation {round(100 * f.val_accuracy)} %",
        f"test {round(100 * f.test_accuracy)} %",
        f"{f.fitted_wrong} of 12",
        f"seed 0, one of the {len(SEEDS)} seeds",
    ):
        assert part in caption, (part, caption)


@pytest.mark.parametrize("kind", PENALTIES)
@pytest.mark.parametrize("lam", LAMBDAS)
def test_panel_shows_what_fit_spirals_computes(panel, lam, kind):
    with panel.hold():
        panel.lam.value, panel.kind.value = lam, kind
    ref = fit_spirals(lam, kind)
    assert panel.fit.lam == lam and panel.fit.kind == kind and panel.fit.net is ref.net
    # decision regions: the network's own predictions on the grid
    labels = ref.net.predict(panel._points).reshape(panel._shape)
    np.testing.assert_array_equal(panel.regions["regions"].get_array(), labels)
    # histogram: every weight counted once, by its |w|, with no weight beyond the axis
    edges = panel.hist["edges"]
    a = np.abs(ref.weights)
    assert a.max() <= edges[-1]
    counts = [np.sum(a < edges[1])] + [
        np.sum((a >= lo) & (a < hi)) for lo, hi in itertools.pairwise(edges[1:-1])
    ]
    counts.append(np.sum((a >= edges[-2]) & (a <= edges[-1])))
    heights = [bar.get_height() for bar in panel.hist["bars"]]
    np.testing.assert_array_equal(heights, counts)
    assert sum(heights) == ref.weights.size == 1000
    # the band |w| ≤ ηλ and its share
    assert panel.hist["line"].get_visible() == (lam > 0)
    if lam:
        assert panel.hist["line"].get_xdata()[0] == pytest.approx(0.1 * lam)
        share = np.mean(a <= 0.1 * lam)
        assert f"{round(100 * share)} % of the weights" in panel.hist["share"].get_text()
        assert f"{round(100 * share)} %" in plain_text(panel.readout.value).split("ηλ")[-1]
    # accuracy against λ: this seed's runs of this penalty, the current λ marked
    runs = [fit_spirals(v, kind) for v in LAMBDAS]
    np.testing.assert_array_equal(
        panel.curves["train"].get_ydata(), [f.train_accuracy for f in runs]
    )
    np.testing.assert_array_equal(panel.curves["val"].get_ydata(), [f.val_accuracy for f in runs])
    assert panel.curves["now_line"].get_xdata()[0] == LAMBDAS.index(lam)
    val = np.array([f.val_accuracy for f in runs])
    np.testing.assert_array_equal(
        panel.curves["best"].get_xdata(), np.flatnonzero(val == val.max())
    )
    text = plain_text(panel.readout.value)
    assert f"test {round(100 * ref.test_accuracy)} %" in text
    assert f"Σw² = {ref.sum_squares:.0f}" in text


def test_axes_hold_every_reachable_run(panel):
    """No weight of any run lies beyond the histogram, no count above its top, no accuracy
    below the accuracy axis: a move never needs new limits."""
    runs = [fit_spirals(v, k) for k in PENALTIES for v in LAMBDAS]
    top = max(np.abs(f.weights).max() for f in runs)
    np.testing.assert_array_equal(panel.hist["edges"], histogram_edges(top))
    ax_h, ax_a = panel.hist["bars"][0].axes, panel.curves["train"].axes
    assert max(bar.get_height() for bar in panel.hist["bars"]) < ax_h.get_ylim()[1]
    lo = min(min(f.train_accuracy, f.val_accuracy) for f in runs)
    assert ax_a.get_ylim()[0] < lo


def test_panel_trains_every_setting_when_built(monkeypatch):
    from lessons_lib.network import Network

    p = RegularizationPanel(lam=1e-3)

    def no_training(*args, **kwargs):
        raise AssertionError("a slider move trained a network")

    monkeypatch.setattr(Network, "fit", no_training)
    for kind in PENALTIES:
        for lam in LAMBDAS:
            with p.hold():
                p.lam.value, p.kind.value = lam, kind
            assert p.fit is fit_spirals(lam, kind)  # the kept run, shared with the notebook
    p.close()


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="lam"):
        RegularizationPanel(lam=0.5)
    with pytest.raises(ValueError, match="kind"):
        RegularizationPanel(kind="l3")
