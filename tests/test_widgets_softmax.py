"""Panels of notebooks 03, 04 and 06 (softmax, log-likelihood, the softmax Jacobian) and the
training monitor of notebook 03: driven from Python without a browser, setting a control
changes the artists, and what they show equals what the library computes (checked against
formulas written here, not against the functions the panels call)."""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import pytest
from matplotlib.colors import to_rgba

from lessons_lib.activations import sigmoid, softmax, softmax_jacobian
from lessons_lib.datasets import load_digits
from lessons_lib.losses import cross_entropy as ce_loss
from lessons_lib.network import History, Network
from lessons_lib.plots.style import COLORS, DIVERGING, LINESTYLES
from lessons_lib.widgets.monitor import TrainingMonitor
from lessons_lib.widgets.softmax import JacobianPanel, LogitsPanel, SoftmaxSigmoidPanel

from ._panels import assert_all_finite, heights, texts


def _softmax(z):
    e = np.exp(np.asarray(z, float) - np.max(z))
    return e / e.sum()


def _same_color(a, b) -> bool:
    return np.allclose(to_rgba(a), to_rgba(b))


# -- LogitsPanel (notebook 03) ----------------------------------------------------------------


def test_logits_panel_starts_at_the_curriculum_values():
    p = LogitsPanel()
    z = np.array([2.5, -1.0, 3.2, 0.5])
    assert [s.value for s in p.z] == list(z)
    assert [s.description for s in p.z] == ["z₀", "z₁", "z₂", "z₃"]  # classes from 0
    assert all((s.min, s.max) == (-5.0, 5.0) for s in p.z)
    a = _softmax(z)
    np.testing.assert_allclose(heights(p.bars["logits"]), z)
    np.testing.assert_allclose(heights(p.bars["probabilities"]), a)
    assert texts(p.bars["probabilities"]) == [f"{v:.3f}" for v in a]
    assert texts(p.bars["logits"])[1] == "−1.0"  # a true minus sign
    cost = -np.log(a[2])
    assert f"= {cost:.4f}" in p.readout.value and "a<sub>2</sub>" in p.readout.value
    assert p.cost_text.get_text() == rf"$C = -\ln a_2 = {cost:.3f}$"  # 0.457, cited in 03
    assert f"{cost:.3f}" == "0.457"
    assert "Σ a = 1.0000" in p.readout.value and "most probable: class 2" in p.readout.value


def test_logits_panel_marks_the_true_class_in_the_truth_colour():
    p = LogitsPanel()
    for y in (2, 0):
        p.target.value = y
        colors = [bar.get_facecolor() for bar in p.bars["probabilities"]["bars"]]
        for i, c in enumerate(colors):
            assert _same_color(c, COLORS["true_class"] if i == y else COLORS["softmax"])
        ticks = [t.get_text() for t in p.fig.axes[1].get_xticklabels()]
        assert "$y$" in ticks[y] and all("$y$" not in t for i, t in enumerate(ticks) if i != y)
    assert _same_color(p.bars["logits"]["bars"][0].get_facecolor(), COLORS["reference"])


def test_logits_panel_follows_softmax_with_temperature_and_target():
    p = LogitsPanel()
    z = np.array([1.0, -2.0, 0.5, 4.0])
    with p.hold():
        for s, v in zip(p.z, z):
            s.value = v
        p.temperature.value = 2.0
        p.target.value = 1
    a = _softmax(z / 2.0)
    np.testing.assert_allclose(heights(p.bars["logits"]), z)
    np.testing.assert_allclose(heights(p.bars["probabilities"]), a)
    np.testing.assert_allclose(p.probabilities(), a)
    np.testing.assert_allclose(heights(p.bars["error"]), a - np.eye(4)[1])
    assert p.cost == pytest.approx(-np.log(a[1]))
    assert "most probable: class 3" in p.readout.value
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


def test_the_cold_runner_up_of_exercise_03_1_is_what_the_panel_shows():
    from lessons_lib.exercises.softmax import check_cold_cost

    p = LogitsPanel()
    with p.hold():
        p.temperature.value = p.temperature.base**p.temperature.min
        p.target.value = 0
    gap = (3.2 - 2.5) / 0.1
    assert p.cost == pytest.approx(gap + np.log1p(np.exp(-gap) + np.exp(-42) + np.exp(-27)))
    assert check_cold_cost(round(p.cost, 2)).correct


def test_values_beyond_the_axis_are_drawn_to_its_edge():
    p = LogitsPanel()
    p.target.value = 0
    p.z[0].value = -5.0  # the true class is unlikely: a − y ≈ −1 sits at the bottom
    err = heights(p.bars["error"])
    assert err[0] == pytest.approx(_softmax(p.logits())[0] - 1)
    lo, hi = p.bars["error"]["bars"][0].axes.get_ylim()
    for text in p.bars["error"]["texts"]:
        assert lo < text.get_position()[1] < hi


def test_logits_panel_rejects_bad_input():
    with pytest.raises(ValueError, match="logits"):
        LogitsPanel(logits=[1.0, 2.0])
    with pytest.raises(ValueError, match="logits"):
        LogitsPanel(logits=[1.0, 2.0, 3.0, 9.0])  # beyond the sliders
    with pytest.raises(ValueError, match="target"):
        LogitsPanel(target=4)


# -- SoftmaxSigmoidPanel (notebook 04) ------------------------------------------------------


def test_softmax_sigmoid_panel_follows_both_functions():
    p = SoftmaxSigmoidPanel()
    z = np.array(SoftmaxSigmoidPanel.START)
    s = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(heights(p.bars["softmax"]), _softmax(z))
    np.testing.assert_allclose(heights(p.bars["sigmoid"]), s)
    assert "labels with σ ≥ 0.5: <b>vocal, soundtrack, pop</b>" in p.readout.value
    assert "Σ a = 1.000" in p.readout.value and f"Σ σ = {s.sum():.3f}" in p.readout.value
    # the sums are on the figure too: Σ a = 1 against Σ σ = 2.417 (cited in notebook 04)
    assert p.sums["softmax"].get_text() == "Σ a = 1.000"
    assert p.sums["sigmoid"].get_text() == "Σ σ = 2.417"
    assert _same_color(p.bars["softmax"]["bars"][0].get_facecolor(), COLORS["softmax"])
    assert _same_color(p.bars["sigmoid"]["bars"][0].get_facecolor(), COLORS["sigmoid"])
    p.z[3].value = 4.0
    z[3] = 4.0
    np.testing.assert_allclose(heights(p.bars["softmax"]), _softmax(z))
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


def test_equal_logits_at_minus_ln_3_make_both_readings_agree():
    """Exercise 04.3 done in the panel: four logits at 0, shift −1.1 ≈ −ln 3."""
    p = SoftmaxSigmoidPanel()
    with p.hold():
        for s in p.z:
            s.value = 0.0
        p.shift.value = -1.1
    np.testing.assert_allclose(heights(p.bars["softmax"]), 0.25)
    np.testing.assert_allclose(heights(p.bars["sigmoid"]), 0.25, atol=5e-4)
    assert "Σ σ = 0.999" in p.sums["sigmoid"].get_text()


def test_softmax_sigmoid_panel_rejects_bad_logits():
    with pytest.raises(ValueError, match="logits"):
        SoftmaxSigmoidPanel(logits=[1.0, 2.0])


# -- JacobianPanel (notebook 06) ------------------------------------------------------------


def test_jacobian_panel_shows_diag_minus_outer():
    p = JacobianPanel()
    z = np.array([-2.0, 0.5, 1.5, 4.0])
    with p.hold():
        for s, v in zip(p.z, z):
            s.value = v
    a = _softmax(z)
    J = np.diag(a) - np.outer(a, a)  # written out here, not the library's function
    np.testing.assert_allclose(p.heat["image"].get_array(), J)
    np.testing.assert_allclose(p.jacobian(), J)
    np.testing.assert_allclose(heights(p.bars), a)
    assert p.heat["texts"][3][3].get_text() == f"{J[3, 3]:+.3f}"
    assert p.heat["texts"][0][3].get_text() == f"{J[0, 3]:+.3f}".replace("-", "−")
    assert "J against central differences: relative error < 1e-7 ✓" in p.readout.value
    assert "rows of J sum to 0" in p.readout.value and "✓" in p.readout.value
    image = p.heat["image"]
    assert image.get_clim() == (-0.25, 0.25)  # a fixed scale: colours compare across moves
    assert image.get_cmap().name == DIVERGING
    assert [t.get_text() for t in p.fig.axes[1].get_xticklabels()] == [f"$z_{i}$" for i in range(4)]


def test_jacobian_panel_shows_both_costs_gradients():
    p = JacobianPanel()  # start: y = 1, whose probability is 0.009
    z = np.array(JacobianPanel.START)
    a = _softmax(z)
    g = a - np.eye(4)[1]
    J = np.diag(a) - np.outer(a, a)
    grads = p.gradients()
    np.testing.assert_allclose(grads["cross_entropy"], g)
    np.testing.assert_allclose(grads["quadratic_cost"], J.T @ g)
    bars = p.grads["bars"]
    np.testing.assert_allclose(heights(bars["cross_entropy"]), g)
    np.testing.assert_allclose(heights(bars["quadratic_cost"]), J.T @ g)
    assert _same_color(bars["cross_entropy"][0].get_facecolor(), COLORS["cross_entropy"])
    assert _same_color(bars["quadratic_cost"][0].get_facecolor(), COLORS["quadratic_cost"])
    assert bars["quadratic_cost"][0].get_hatch()  # a second cue beside the colour
    assert f"‖a − y‖ = {np.linalg.norm(g):.4f}" in p.readout.value
    assert f"‖Jᵀ(a − y)‖ = {np.linalg.norm(J.T @ g):.2e}" in p.readout.value
    # saturated and wrong: the quadratic gradient vanishes, cross-entropy's does not
    with p.hold():
        for s, v in zip(p.z, (5.0, -5.0, -5.0, -5.0)):
            s.value = v
    grads = p.gradients()
    assert (
        np.linalg.norm(grads["quadratic_cost"])
        < 1e-3
        < 1.4
        < np.linalg.norm(grads["cross_entropy"])
    )
    p.target.value = 0  # … and both vanish once the answer is right
    assert np.linalg.norm(p.gradients()["cross_entropy"]) < 1e-3


def test_jacobian_panel_equal_scores():
    """Exercise 06.1 done in the panel: equal scores give 3/16 and −1/16, at any value."""
    from lessons_lib.exercises.softmax import check_equal_scores_jacobian

    p = JacobianPanel()
    for v in (0.0, 3.0):
        with p.hold():
            for s in p.z:
                s.value = v
        J = p.jacobian()
        np.testing.assert_allclose(np.diag(J), 3 / 16)
        np.testing.assert_allclose(J[0, 1], -1 / 16)
        assert p.heat["texts"][0][0].get_text() == "+0.188"
        assert check_equal_scores_jacobian((J[0, 0], J[0, 1])).correct


def test_jacobian_panel_rejects_bad_logits():
    with pytest.raises(ValueError, match="logits"):
        JacobianPanel(logits=[1.0])
    with pytest.raises(ValueError, match="target"):
        JacobianPanel(target=7)


def test_jacobian_panel_agrees_with_the_library():
    p = JacobianPanel(logits=[0.5, -1.0, 2.0])
    np.testing.assert_allclose(p.jacobian(), softmax_jacobian(np.array([0.5, -1.0, 2.0])))
    np.testing.assert_allclose(heights(p.bars), softmax(np.array([0.5, -1.0, 2.0])))


# -- TrainingMonitor (notebook 03) ----------------------------------------------------------


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
        err = 1.0 - np.asarray(h.val_accuracy)
        np.testing.assert_array_equal(mon.lines[name]["loss"].get_ydata(), h.loss)
        np.testing.assert_allclose(mon.lines[name]["error"].get_ydata(), err)
        assert (
            f"{name}: epoch 3/3, training loss {h.loss[-1]:.4f}, "
            f"validation accuracy {h.val_accuracy[-1]:.3f}" in mon.readout.value
        )
        assert f"{err[-1]:.1%} at epoch 3" in mon.lines[name]["final"].get_text()
        # the error axis fits the curves: the smallest error is inside, not squashed at 0
        lo, hi = mon.lines[name]["error"].axes.get_ylim()
        assert 0 < lo <= err.min() and hi == 1.0
    assert mon.n_updates >= 1 + 8  # a redraw per epoch with min_interval = 0


def test_training_monitor_styles_runs_by_concept():
    mon = TrainingMonitor(["a", "b"], epochs=3)
    for name, concept in zip("ab", ("softmax", "sigmoid")):
        for key in ("loss", "error"):
            line = mon.lines[name][key]
            assert _same_color(line.get_color(), COLORS[concept])
        ls = mon.lines[name]["loss"].get_linestyle()
        assert ls == {"-": "-", "--": "--"}[LINESTYLES[concept]]
    mon = TrainingMonitor(["x"], epochs=3, concepts=["test"])
    assert _same_color(mon.lines["x"]["loss"].get_color(), COLORS["test"])
    with pytest.raises(ValueError, match="concepts"):
        TrainingMonitor(["x"], epochs=3, concepts=["no such concept"])
    with pytest.raises(ValueError, match="concepts"):
        TrainingMonitor(["x", "y"], epochs=3, concepts=["softmax"])


def test_training_monitor_fit_passes_the_callback_and_throttles(digits_small):
    X, y, _, _ = digits_small
    mon = TrainingMonitor(["run"], epochs=4, min_interval=3600.0)
    n = mon.n_updates
    net = Network([64, 10, 10], output="softmax", cost="cross_entropy", seed=1)
    h = mon.fit("run", net, X, y, batch_size=20, eta=0.3)
    assert h.epochs == 4 and mon.histories["run"] is h
    assert mon.n_updates == n + 2  # the start and the last epoch; nothing in between
    err = 1.0 - np.asarray(h.accuracy)  # no validation set: the training accuracy
    np.testing.assert_allclose(
        mon.lines["run"]["error"].get_ydata(), np.where(err > 0, err, np.nan)
    )
    assert "training accuracy" in mon.readout.value
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


def test_cross_entropy_readout_uses_the_library_loss():
    p = LogitsPanel()
    assert p.cost == pytest.approx(float(ce_loss(np.array(LogitsPanel.START), 2)))
