"""Panels of notebook 07 (regularisation): driven from Python without a browser: setting a
control changes the artists, and their data equals what the library computes."""

from __future__ import annotations

import numpy as np
import pytest

from lessons_lib.experiments.regularization import fit_spirals
from lessons_lib.widgets.regularization import LAMBDAS, RegularizationPanel, spiral_data


def test_regularization_panel_follows_fit_spirals():
    p = RegularizationPanel(lam=1e-3, kind="l2")
    for lam, kind in ((1e-3, "l2"), (3e-3, "l1")):
        with p.hold():
            p.lam.value, p.kind.value = lam, kind
        ref = fit_spirals(lam, kind)
        edges = p.hist["edges"]
        counts = np.histogram(np.clip(ref.weights, edges[0], edges[-1]), bins=edges)[0]
        tops = [bar.get_y() + bar.get_height() for bar in p.hist["bars"]]
        np.testing.assert_array_equal(np.where(counts > 0, tops, 0), counts)
        assert counts.sum() == ref.weights.size == 300
        np.testing.assert_array_equal(p.curves["train"].get_ydata(), ref.history.accuracy)
        np.testing.assert_array_equal(p.curves["test"].get_ydata(), ref.history.val_accuracy)
        labels = ref.net.predict(p._points).reshape(p._shape)
        np.testing.assert_array_equal(p.regions["regions"].get_array(), labels)
        assert f"test {ref.test_accuracy:.0%}" in p.readout.value
        assert f"{ref.near_zero:.0%}" in p.readout.value
    # L1 switches most weights off, L2 only shrinks them
    l2 = fit_spirals(3e-3, "l2")
    assert p.fit.near_zero > 10 * max(l2.near_zero, 0.01)
    assert p.fit.sum_squares < fit_spirals(0.0, "l1").sum_squares


def test_regularization_panel_keeps_each_run():
    p = RegularizationPanel(lam=1e-3)
    first = p.fit
    p.lam.value = LAMBDAS[-1]
    assert p.fit is not first
    assert p.fit.train_accuracy < first.train_accuracy  # λ = 0.03 underfits
    p.lam.value = 1e-3
    assert p.fit is first  # back to a seen setting: no retraining


def test_regularization_panel_trains_every_setting_when_built(monkeypatch):
    from lessons_lib.network import Network

    p = RegularizationPanel(lam=1e-3)

    def no_training(*args, **kwargs):
        raise AssertionError("a slider move trained a network")

    monkeypatch.setattr(Network, "fit", no_training)
    for kind in ("l1", "l2"):
        for lam in LAMBDAS:
            with p.hold():
                p.lam.value, p.kind.value = lam, kind
            assert p.fit.lam == lam and p.fit.kind == kind
    # fit_spirals hands out copies of the kept runs: changing one changes nothing kept
    f = fit_spirals(1e-3, "l2")
    assert f is not fit_spirals(1e-3, "l2") and f.net is not p.fit.net
    f.net.weights[0][...] = 0.0
    assert np.all(p.fit.net.weights[0] != 0) and np.all(fit_spirals(1e-3).net.weights[0] != 0)


def test_spiral_data_is_fixed_and_shared():
    a, b = spiral_data(), spiral_data()
    assert all(x is y for x, y in zip(a, b))
    assert a[0].shape == (90, 2) and not a[0].flags.writeable
    with pytest.raises(ValueError, match="kind"):
        fit_spirals(0.1, "l3")
