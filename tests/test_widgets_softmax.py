"""Panels of notebooks 03, 04 and 06 (softmax, log-likelihood, the softmax Jacobian): driven
from Python without a browser: setting a control changes the artists, and their data equals
what the library computes."""

from __future__ import annotations

import re

import ipywidgets as w
import numpy as np
import pytest

from lessons_lib.activations import sigmoid, softmax, softmax_jacobian
from lessons_lib.datasets import load_digits
from lessons_lib.losses import cross_entropy as ce_loss
from lessons_lib.network import History, Network
from lessons_lib.widgets.information import (
    InformationPanel,
)
from lessons_lib.widgets.monitor import TrainingMonitor
from lessons_lib.widgets.softmax import JacobianPanel, LogitsPanel, SoftmaxSigmoidPanel

from ._panels import assert_all_finite, heights, texts

PANELS = [LogitsPanel, SoftmaxSigmoidPanel, JacobianPanel, InformationPanel]


def test_logits_panel_starts_at_the_curriculum_values():
    p = LogitsPanel()
    z = np.array([2.5, -1.0, 3.2, 0.5])
    assert [s.value for s in p.z] == list(z)
    assert all((s.min, s.max) == (-5.0, 5.0) for s in p.z)
    np.testing.assert_allclose(heights(p.bars["logits"]), z)
    np.testing.assert_allclose(heights(p.bars["probabilities"]), softmax(z))
    assert texts(p.bars["probabilities"]) == [f"{v:.3f}" for v in softmax(z)]
    assert f"= {float(ce_loss(z, 2)):.4f}" in p.readout.value


def test_logits_panel_follows_softmax_with_temperature_and_target():
    p = LogitsPanel()
    z = np.array([1.0, -2.0, 0.5, 4.0])
    with p.hold():
        for s, v in zip(p.z, z):
            s.value = v
        p.temperature.value = 2.0
        p.target.value = 1
    a = softmax(z / 2.0)
    np.testing.assert_allclose(heights(p.bars["logits"]), z)
    np.testing.assert_allclose(heights(p.bars["probabilities"]), a)
    np.testing.assert_allclose(p.probabilities(), a)
    np.testing.assert_allclose(heights(p.bars["error"]), a - np.eye(4)[1])
    assert p.cost == pytest.approx(-np.log(a[1]))
    assert "most probable: class 4" in p.readout.value
    colors = [bar.get_facecolor() for bar in p.bars["probabilities"]["bars"]]
    assert colors[1] != colors[0] and colors[0] == colors[2] == colors[3]
    # a colder softmax is sharper, a hotter one flatter
    p.temperature.value = 0.5
    assert p.probabilities().max() > a.max()
    p.temperature.value = 10.0
    assert p.probabilities().max() < a.max()


def test_logits_panel_coldest_temperature_at_extreme_logits(strict):
    p = LogitsPanel()
    with p.hold():
        for s, v in zip(p.z, (5.0, -5.0, 5.0, -5.0)):
            s.value = v
        p.temperature.value = p.temperature.base**p.temperature.min  # T = 0.1
        p.target.value = 1  # the true class has logit −5: z/T is 100 below the top
    p.fig.canvas.draw()
    assert_all_finite(p)
    np.testing.assert_allclose(heights(p.bars["probabilities"]), [0.5, 0.0, 0.5, 0.0], atol=1e-40)
    assert p.cost == pytest.approx(100.0 + np.log(2.0))
    assert "= 100.6931" in p.readout.value


def test_values_beyond_the_axis_are_drawn_to_its_edge():
    p = LogitsPanel()
    p.target.value = 0
    p.z[0].value = -5.0  # the true class is unlikely: a − y ≈ −1 sits at the bottom
    err = heights(p.bars["error"])
    assert err[0] == pytest.approx(softmax(p.logits())[0] - 1)
    lo, hi = p.bars["error"]["bars"][0].axes.get_ylim()
    for text in p.bars["error"]["texts"]:
        assert lo < text.get_position()[1] < hi


@pytest.fixture(scope="module")
def digits_small():
    X, y = load_digits()
    return X[:300], y[:300], X[300:400], y[300:400]


def test_training_monitor_draws_every_run_while_it_trains(digits_small):
    X, y, Xv, yv = digits_small
    names = ["softmax + log-likelihood", "sigmoid + cross-entropy"]
    mon = TrainingMonitor(names, epochs=3, min_interval=0.0)
    seen = []
    nets = {
        names[0]: Network([64, 10, 10], output="softmax", cost="cross_entropy", seed=0),
        names[1]: Network(
            [64, 10, 10], output="sigmoid", cost="binary_cross_entropy_with_logits", seed=0
        ),
    }
    histories = {}
    for name, net in nets.items():
        cb = mon.callback(name)

        def spy(epoch, history, cb=cb, name=name):
            cb(epoch, history)
            seen.append((name, epoch, mon.progress.value, len(mon.lines[name]["loss"].get_xdata())))

        histories[name] = net.fit(
            X, y, epochs=3, batch_size=10, eta=0.5, X_val=Xv, y_val=yv, callback=spy
        )
    # the curves grow epoch by epoch, the progress bar counts both runs
    assert [s[1:] for s in seen] == [(e, off + e, e + 1) for off in (0, 3) for e in range(4)]
    assert mon.progress.value == mon.progress.max == 6
    for name, h in histories.items():
        np.testing.assert_array_equal(mon.lines[name]["loss"].get_ydata(), h.loss)
        np.testing.assert_array_equal(mon.lines[name]["accuracy"].get_ydata(), h.val_accuracy)
        assert (
            f"{name}: epoch 3/3, loss {h.loss[-1]:.4f}, accuracy {h.val_accuracy[-1]:.3f}"
            in mon.readout.value
        )
    assert mon.n_updates >= 1 + 8  # a redraw per epoch with min_interval = 0


def test_training_monitor_fit_passes_the_callback_and_throttles(digits_small):
    X, y, _, _ = digits_small
    mon = TrainingMonitor(["run"], epochs=4, min_interval=3600.0)
    n = mon.n_updates
    net = Network([64, 10, 10], output="softmax", cost="cross_entropy", seed=1)
    h = mon.fit("run", net, X, y, batch_size=20, eta=0.3)
    assert h.epochs == 4 and mon.histories["run"] is h
    assert mon.n_updates == n + 2  # the start and the last epoch; nothing in between
    np.testing.assert_array_equal(mon.lines["run"]["accuracy"].get_ydata(), h.accuracy)
    with pytest.raises(ValueError, match="name"):
        mon.callback("other")


def test_training_monitor_adapts_its_redraws_to_their_cost():
    mon = TrainingMonitor(["run"], epochs=10)  # min_interval=None: adaptive
    h = History(loss=[2.0, 1.0], accuracy=[0.1, 0.5])
    cb = mon.callback("run")
    mon.draw_now()
    assert mon._draw_cost > 0
    mon._draw_cost = 5.0  # pretend a redraw takes 5 s: wait 10 s before the next one
    n = mon.n_updates
    cb(1, h)
    assert mon.n_updates == n and mon.progress.value == 1  # progress moves, no redraw
    assert "epoch 1/10" in mon.readout.value
    mon._last_draw -= 10.0  # … 10 s later it is due
    cb(2, h)
    assert mon.n_updates == n + 1
    h.loss.extend([0.5] * 8)
    h.accuracy.extend([0.9] * 8)
    mon._draw_cost = 5.0
    cb(10, h)  # the last epoch always redraws
    assert mon.n_updates == n + 2


def test_training_monitor_pushes_png_frames():
    """The monitor shows an image widget: its value reaches the browser while a cell runs."""
    mon = TrainingMonitor(["run"], epochs=2, min_interval=0.0)
    assert isinstance(mon._image, w.Image) and mon._image in mon.widget.children
    assert isinstance(mon.widget.children[0], w.IntProgress)
    first = mon._image.value
    h = History(loss=[2.0, 1.0], accuracy=[0.1, 0.6])
    mon.callback("run")(1, h)
    assert bytes(mon._image.value) != bytes(first)
    assert bytes(mon._image.value).startswith(b"\x89PNG")
    bundle, _ = mon._repr_mimebundle_()
    assert bundle["image/png"].startswith("iVBOR")
    assert "application/vnd.jupyter.widget-view+json" in bundle
    with pytest.raises(ValueError, match="names"):
        TrainingMonitor([], epochs=3)


def test_softmax_sigmoid_panel_follows_both_functions():
    p = SoftmaxSigmoidPanel()
    z = np.array(SoftmaxSigmoidPanel.START)
    np.testing.assert_allclose(heights(p.bars["softmax"]), softmax(z))
    np.testing.assert_allclose(heights(p.bars["sigmoid"]), sigmoid(z))
    assert "labels with σ ≥ 0.5: <b>vocal, soundtrack, pop</b>" in p.readout.value
    assert "Σ = 1.000" in p.readout.value and f"Σ = {sigmoid(z).sum():.3f}" in p.readout.value
    p.z[3].value = 4.0
    z[3] = 4.0
    np.testing.assert_allclose(heights(p.bars["softmax"]), softmax(z))
    assert "picks <b>pop</b>" in p.readout.value


def test_shift_moves_the_sigmoids_but_not_the_softmax():
    p = SoftmaxSigmoidPanel()
    soft, sig = heights(p.bars["softmax"]), heights(p.bars["sigmoid"])
    p.shift.value = -3.0
    np.testing.assert_allclose(heights(p.bars["softmax"]), soft, rtol=1e-12)
    z = np.array(SoftmaxSigmoidPanel.START) - 3.0
    np.testing.assert_allclose(heights(p.bars["sigmoid"]), sigmoid(z))
    assert np.all(heights(p.bars["sigmoid"]) < sig)
    assert "labels with σ ≥ 0.5: <b>none</b>" in p.readout.value


def test_jacobian_panel_shows_diag_minus_outer():
    p = JacobianPanel()
    z = np.array([-2.0, 0.5, 1.5, 4.0])
    with p.hold():
        for s, v in zip(p.z, z):
            s.value = v
    J = softmax_jacobian(z)
    np.testing.assert_allclose(p.heat["image"].get_array(), J)
    np.testing.assert_allclose(p.jacobian(), J)
    np.testing.assert_allclose(heights(p.bars), softmax(z))
    assert p.heat["texts"][3][3].get_text() == f"{J[3, 3]:+.3f}"
    assert p.heat["texts"][0][3].get_text() == f"{J[0, 3]:+.3f}"
    err = float(re.search(r"central differences: ([0-9.e+-]+)", p.readout.value).group(1))
    assert err < 1e-6
    clim = p.heat["image"].get_clim()
    assert clim == (-0.25, 0.25)  # a fixed scale: the colours are comparable across moves


def test_jacobian_panel_rejects_bad_logits():
    with pytest.raises(ValueError, match="logits"):
        JacobianPanel(logits=[1.0])
