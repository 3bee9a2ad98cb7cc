"""Panels of notebooks 07–10, driven from Python without a browser: setting a control
changes the artists, their data equals what the library computes for those values, every
control reaches both ends without a warning, and a blitted frame equals a full redraw."""

from __future__ import annotations

import importlib
import inspect

import numpy as np
import pytest
from matplotlib.colors import to_hex

from lessons_lib import losses
from lessons_lib.network import fit_linear
from lessons_lib.widgets.gradients import (
    ExplodingPanel,
    VanishingPanel,
    describe_run,
    exploding_run,
    first_step_sizes,
    initial_gradient_norms,
    per_layer_factor,
    vanishing_run,
)
from lessons_lib.widgets.hinge import (
    HINGE_CONVENTIONS,
    HingePanel,
    MarginPanel,
    active_examples,
    blob_data,
    compare_losses,
    fit_blobs,
    hinge_loss,
    hinge_loss_grad,
    hinge_terms,
)
from lessons_lib.widgets.regularization import (
    LAMBDAS,
    RegularizationPanel,
    fit_spirals,
    spiral_data,
)
from lessons_lib.widgets.robust import RobustLossPanel, fit_line, outlier_data

from ._panels import ends, one_step, pixels


def _heights(bars):
    return np.array([b.get_height() for b in bars])


# -- generic behaviour of every panel --------------------------------------------------------


MODULES = [
    f"lessons_lib.{kind}.{topic}"
    for kind in ("plots", "widgets", "exercises")
    for topic in ("regularization", "hinge", "gradients", "robust")
]


@pytest.mark.parametrize("name", MODULES)
def test_public_names_are_documented(name):
    module = importlib.import_module(name)
    assert module.__doc__ and "otebook" in module.__doc__
    for public in module.__all__:
        obj = getattr(module, public)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            doc = inspect.getdoc(obj)
            assert doc and len(doc.splitlines()[0]) > 10, f"{name}.{public} lacks a docstring"


@pytest.mark.parametrize(
    ("Panel", "control", "value", "result"),
    [
        (VanishingPanel, "weight_scale", 2.0, lambda p: p.history),
        (ExplodingPanel, "eta", 0.05, lambda p: p.history),
        (RobustLossPanel, "beta", 0.3, lambda p: p.fits()["smooth_l1_loss"]),
        (MarginPanel, "margin", 2.0, lambda p: p.fits["hinge"]),
    ],
)
def test_returning_to_a_setting_reuses_its_run(Panel, control, value, result):
    p = Panel()
    first = result(p)
    start = getattr(p, control).value
    getattr(p, control).value = value
    assert result(p) is not first
    getattr(p, control).value = start
    assert result(p) is first  # no retraining


# -- 07: regularisation ------------------------------------------------------------------------


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


# -- 08: hinge vs cross-entropy -----------------------------------------------------------------


def test_hinge_panel_shows_the_library_values():
    p = HingePanel(scores=(3, 1, -3), target=0, margin=1.0)
    p.set_scores(1.0, 2.0, 3.0)
    s, t, m = p.values()
    np.testing.assert_array_equal(_heights(p.score_art["bars"]), [1.0, 2.0, 3.0])
    red = [to_hex(b.get_facecolor()) == "#d62728" for b in p.score_art["bars"]]
    assert red == list(hinge_terms(s, t, m) > 0)  # red bars: the classes inside the margin
    assert p.score_art["margin"].get_ydata()[0] == pytest.approx(s[t] - m)
    for form, want in (("sum", 5.0), ("pytorch", 5.0 / 3.0), ("max", 3.0)):
        p.form.value = form
        heights = _heights(p.loss_art["bars"])
        np.testing.assert_allclose(heights[:3], hinge_terms(s, t, m))
        assert heights[3] == pytest.approx(want) == hinge_loss(s, t, m, form)
        assert heights[4] == pytest.approx(float(losses.cross_entropy(s, t)))
        assert f"plotted: {HINGE_CONVENTIONS[form]}" in p.readout.value
        np.testing.assert_allclose(_heights(p.grad_art["hinge"]), hinge_loss_grad(s, t, m, form))
        np.testing.assert_allclose(
            _heights(p.grad_art["cross_entropy"]), losses.cross_entropy_grad(s, t)
        )
    assert "hinge Σ = 5.0000" in p.readout.value
    assert "PyTorch Σ÷C = 1.6667" in p.readout.value
    assert "Crammer–Singer max = 3.0000" in p.readout.value


def test_hinge_worked_examples():
    assert compare_losses([3, 1, -3], 0)["sum"] == 0.0
    assert compare_losses([3, 1, -3], 1)["sum"] == 3.0
    wide, narrow = compare_losses([3, -10, -10], 0, 5.0), compare_losses([3, -2, -2], 0, 5.0)
    assert wide["sum"] == narrow["sum"] == 0.0
    assert (
        f"{wide['cross_entropy']:.4f}" == "0.0000" and f"{narrow['cross_entropy']:.4f}" == "0.0134"
    )
    p = HingePanel(scores=(3, -2, -2), margin=5.0)
    assert "hinge Σ = 0.0000" in p.readout.value and "cross-entropy = 0.0134" in p.readout.value
    assert not np.any(_heights(p.grad_art["hinge"]))  # hinge stops pushing …
    assert np.all(_heights(p.grad_art["cross_entropy"]) != 0)  # … cross-entropy does not


def test_hinge_terms_add_up_to_the_library_losses():
    rng = np.random.default_rng(0)
    for _ in range(20):
        s, t, m = rng.normal(size=4) * 3, int(rng.integers(0, 4)), float(rng.uniform(0, 3))
        terms = hinge_terms(s, t, m)
        assert terms.sum() == pytest.approx(hinge_loss(s, t, m, "sum"))
        assert terms.max() == pytest.approx(hinge_loss(s, t, m, "max"))
        assert terms.sum() / 4 == pytest.approx(hinge_loss(s, t, m, "pytorch"))
    assert set(HINGE_CONVENTIONS) == {"sum", "pytorch", "max"}
    with pytest.raises(ValueError, match="form"):
        hinge_loss([1, 2], 0, form="squared")


def test_margin_panel_scrubs_the_library_runs():
    p = MarginPanel(margin=1.0, epoch=300)
    X, y = blob_data()
    fits = {"hinge": fit_blobs("hinge", 1.0), "cross_entropy": fit_blobs("cross_entropy")}
    for name, fit in fits.items():
        np.testing.assert_array_equal(p.history["active"][name].get_ydata(), fit.n_active)
        np.testing.assert_allclose(p.history["norm"][name].get_ydata(), fit.weight_norm)
    assert "hinge (Σ): loss 0.0000, 0 of 150 examples push" in p.readout.value
    assert (
        "cross-entropy: loss" in p.readout.value and "150 of 150 examples push" in p.readout.value
    )
    p.epoch.value = 40
    for name, fit in fits.items():
        active = active_examples(fit, X, y, 40)
        np.testing.assert_array_equal(p.rings[name]["rings"].get_xdata(), X[active, 0])
        labels = np.argmax(fit.scores(p._points, 40), axis=1).reshape(p._shape)
        np.testing.assert_array_equal(p.regions[name]["regions"].get_array(), labels)
    assert p.history["cursors"][0].get_xdata()[0] == 40
    # every Δ of the slider's grid is trained when the panel is built
    assert sorted(p._hinge_fits) == [round(0.1 * k, 6) for k in range(1, 41)]
    kept = dict(p._hinge_fits)
    p.margin.value = 2.0
    assert p.fits["hinge"] is kept[2.0]
    p.margin.value = 1.96  # between two steps: the nearest one, as a drag would give
    assert p.fits["hinge"] is kept[2.0] and "Δ = 2.0" in p.readout.value
    p.margin.value = 2.0
    assert p.fits["hinge"].loss_kwargs == {"margin": 2.0}
    np.testing.assert_array_equal(
        p.history["active"]["hinge"].get_ydata(), fit_blobs("hinge", 2.0).n_active
    )


def test_margin_panel_trains_every_margin_when_built(monkeypatch):
    from lessons_lib.widgets import hinge

    p = MarginPanel(margin=1.0, epoch=300)

    def no_training(*args, **kwargs):
        raise AssertionError("a slider move trained a classifier")

    monkeypatch.setattr(hinge, "fit_linear", no_training)
    for k in range(1, 41):
        p.margin.value = 0.1 * k
        assert p.fits["hinge"].loss_kwargs == {"margin": round(0.1 * k, 6)}
    p.epoch.value = 100


def test_hinge_stops_pushing_and_cross_entropy_does_not():
    hinge, ce = fit_blobs("hinge", 1.0), fit_blobs("cross_entropy")
    done = int(np.argmax(hinge.n_active == 0))
    assert hinge.n_active[0] == 150 and 0 < done < 300
    np.testing.assert_array_equal(hinge.W_path[done], hinge.W_path[-1])  # frozen from then on
    assert np.all(ce.n_active == 150)
    assert np.all(np.diff(ce.weight_norm) > 0) and ce.weight_norm[-1] > 2 * hinge.weight_norm[-1]


# -- 09: vanishing gradients ---------------------------------------------------------------------


def test_vanishing_panel_bars_and_lines_are_the_history():
    p = VanishingPanel(depth=4, hidden="sigmoid", weight_scale=1.0)
    for setting in ((4, "sigmoid", 1.0), (2, "relu", 2.0)):
        with p.hold():
            p.depth.value, p.hidden.value, p.weight_scale.value = setting
        h = vanishing_run(*setting)
        g0 = h.grad_norms[0]
        bars = p.bars["bars"]
        tops = np.array([b.get_y() + b.get_height() for b in bars[: len(g0)]])
        np.testing.assert_allclose(tops, g0, rtol=1e-12)
        assert all(b.get_visible() for b in bars[: len(g0)])
        assert not any(b.get_visible() for b in bars[len(g0) :])
        G = np.array(h.grad_norms)
        for i, line in enumerate(p.lines["lines"][: len(g0)]):
            np.testing.assert_allclose(line.get_ydata(), G[:, i])
        labels = [t.get_text() for t in bars[0].axes.get_xticklabels()]
        assert labels == [f"h{i}" for i in range(1, setting[0] + 1)] + ["output"]
    assert "training accuracy after 15 epochs" in p.readout.value


def test_vanishing_panel_depth_changes_force_one_full_redraw():
    p = VanishingPanel(depth=4)
    p.flush()
    n = p.n_full_draws
    p.depth.value = 5  # new layer names under the bars: part of the background
    p.flush()
    assert p.n_full_draws == n + 1


def test_vanishing_panel_reports_a_saturated_output_without_warnings(strict):
    # 8 ReLU layers × scale 10: the sigmoid output saturates and every gradient is 0
    p = VanishingPanel(depth=8, hidden="relu", weight_scale=10.0, cost="quadratic")
    p.flush()
    assert not np.any(p.history.grad_norms[0])
    assert "no gradient reaches the hidden layers" in p.readout.value
    assert np.isnan(per_layer_factor(p.history.grad_norms[0]))
    assert [t.get_text() for t in p.bars["values"]] == ["0"] * 9


def test_sigmoid_layers_shrink_the_gradient_and_he_scale_keeps_it():
    g = initial_gradient_norms(4, "sigmoid")
    assert np.all(np.diff(g) > 0)  # earlier layers learn slower
    assert per_layer_factor(g) < 0.3  # about an order of magnitude per two layers
    assert abs(per_layer_factor(initial_gradient_norms(8, "relu", np.sqrt(2))) - 1) < 0.1
    np.testing.assert_array_equal(vanishing_run(2).grad_norms[0], initial_gradient_norms(2))
    with pytest.raises(ValueError, match="two hidden"):
        per_layer_factor([0.1, 1.0])


# -- 10: exploding gradients, Smooth L1 -----------------------------------------------------------


def test_exploding_panel_reports_the_divergence_as_a_result(strict):
    p = ExplodingPanel(weight_scale=2.0, eta=0.01)
    ref = exploding_run(2.0, 0.01)
    assert ref.diverged and ref.diverged_at == (1, 4)
    assert describe_run(ref) == "diverged at epoch 1, batch 4"
    assert "diverged at epoch 1, batch 4" in p.readout.value
    assert p.loss["note"].get_text() == "NaN: diverged at epoch 1, batch 4"
    assert p.loss["marker"].get_xdata()[0] == 1
    tops = np.array([b.get_y() + b.get_height() for b in p.bars["bars"]])
    np.testing.assert_allclose(tops, ref.grad_norms[0], rtol=1e-12)
    assert np.all(np.diff(ref.grad_norms[0]) < 0)  # largest at the first layer: explosion
    p.clip.value = 1.0  # a remedy: the same start trains with clipped steps
    ref = exploding_run(2.0, 0.01, clip_norm=1.0)
    assert not ref.diverged and "loss" in p.readout.value and "diverged" not in p.readout.value
    np.testing.assert_allclose(p.loss["loss"].get_ydata(), ref.loss)
    assert p.loss["note"].get_text() == "" and len(p.loss["marker"].get_xdata()) == 0
    p.weight_scale.value = 3.0
    p.clip.value = 0.0
    p.flush()
    assert "diverged at epoch 1" in p.readout.value


def test_exploding_panel_eta_moves_the_figure_where_every_run_diverges():
    """At scale 2 every η in the slider's range diverges in the first epoch, so loss and
    gradient history hardly change with η; the red step markers η·‖∂C/∂b^l‖ always do."""
    p = ExplodingPanel(weight_scale=2.0, eta=0.01)
    p.flush()
    for control in (p.weight_scale, p.eta):
        for value in (one_step(control), *ends(control)):
            before = pixels(p)
            control.value = value
            p.flush()
            assert np.any(pixels(p) != before), f"{control.description} = {value}"
            h = p.history
            np.testing.assert_allclose(
                p.steps.get_ydata(), first_step_sizes(h, p.key()[1]), rtol=1e-12
            )
            bottom, top = p.bars["bars"][0].axes.get_ylim()
            assert bottom <= np.min(p.steps.get_ydata()) and np.max(h.grad_norms[0]) <= top
    h = exploding_run(2.0, 0.01)
    g = h.grad_norms[0]
    np.testing.assert_array_equal(first_step_sizes(h, 0.01), 0.01 * g)
    total = np.sqrt(np.sum(g**2) + np.sum(h.weight_grad_norms[0] ** 2))
    np.testing.assert_allclose(first_step_sizes(h, 0.01, 10.0), 0.01 * g * 10.0 / total)
    assert np.linalg.norm(first_step_sizes(h, 1.0, 10.0)) <= 10.0
    with p.hold():
        p.weight_scale.value, p.eta.value, p.clip.value = 2.0, 0.01, 10.0
    np.testing.assert_allclose(p.steps.get_ydata(), first_step_sizes(h, 0.01, 10.0))


def test_he_initialisation_trains_where_scale_two_explodes():
    assert not exploding_run(1.0, 0.01).diverged
    assert exploding_run(2.0, 0.01, l2=0.01).diverged  # L2 cannot stop a first-batch blow-up


def test_robust_panel_curves_and_fits_follow_the_library():
    p = RobustLossPanel(beta=1.0, shift=8.0)
    for beta, shift in ((1.0, 8.0), (0.3, 12.0)):
        with p.hold():
            p.beta.value, p.shift.value = beta, shift
        beta = p.beta.value
        d = p.curves["d"]
        zero = np.zeros_like(d)
        np.testing.assert_allclose(
            p.curves["loss"]["smooth_l1_loss"].get_ydata(),
            losses.smooth_l1_loss(d, zero, reduction="none", beta=beta),
        )
        np.testing.assert_allclose(
            p.curves["grad"]["smooth_l1_loss"].get_ydata(),
            losses.smooth_l1_loss_grad(d, zero, reduction="none", beta=beta),
        )
        assert sorted(m.get_xdata()[0] for m in p.curves["beta"][:2]) == [-beta, beta]
        x, y, outliers = outlier_data(shift)
        np.testing.assert_array_equal(p.fits_art["outliers"].get_ydata(), y[outliers])
        grid = p.fits_art["grid"]
        for name in ("mse_loss", "l1_loss", "smooth_l1_loss"):
            ref = fit_line(x, y, name, beta=beta)
            np.testing.assert_allclose(
                p.fits_art["lines"][name].get_ydata(), ref.scores(grid[:, None])
            )
        assert p.beta_label.get_text().endswith(f"β = {beta:.3g}")
        # the legend is drawn with the background: it must not change with β
        assert [t.get_text() for t in p.legend.get_texts()] == [
            "L2 / MSE: d²",
            "L1: |d|",
            "Smooth L1 (β)",
        ]
        assert p.legend not in p._blit_artists


def test_robust_panel_fits_mse_and_l1_for_every_shift_when_built():
    p = RobustLossPanel(beta=1.0, shift=8.0)
    fits = p.fits()
    p.shift.value = 12.2  # between two steps of 0.5: the nearest one, as a drag gives
    assert "outliers +12.0" in p.readout.value
    np.testing.assert_array_equal(p.data()[1], outlier_data(12.0)[1])
    p.shift.value = 8.0
    assert all(p.fits()[name] is fits[name] for name in fits)
    misses = _fits_made()
    for shift in np.arange(0.0, 15.25, 0.5):
        p.shift.value = float(shift)  # no slider position refits MSE or L1 ...
    assert _fits_made() - misses <= 31  # ... at most Smooth L1, once per position


def _fits_made() -> int:
    from lessons_lib.widgets import robust

    return robust._fit.cache_info().misses


def test_outliers_pull_mse_but_not_smooth_l1():
    x, y8, _ = outlier_data(8.0)
    _, y15, _ = outlier_data(15.0)
    A = np.column_stack([x, np.ones_like(x)])
    mse = fit_line(x, y8, "mse_loss")
    np.testing.assert_allclose([mse.W[0, 0], mse.b[0]], np.linalg.lstsq(A, y8, rcond=None)[0])
    slope = {
        s: {n: fit_line(x, yy, n).W[0, 0] for n in ("mse_loss", "smooth_l1_loss", "l1_loss")}
        for s, yy in ((8, y8), (15, y15))
    }
    assert slope[15]["mse_loss"] > slope[8]["mse_loss"] + 1.5  # pulled further, the further out
    assert slope[15]["smooth_l1_loss"] == pytest.approx(slope[8]["smooth_l1_loss"], abs=1e-9)
    assert abs(slope[8]["l1_loss"] - 0.5) < 0.1  # near the clean line's slope 0.5
    huber = fit_line(x, y8, "huber_loss", beta=1.0)  # Huber(δ) = δ·SmoothL1(β = δ): same line
    assert huber.W[0, 0] == pytest.approx(slope[8]["smooth_l1_loss"], abs=1e-3)


def test_fit_line_is_fit_linear_with_the_loss():
    x, y, _ = outlier_data(4.0)
    a = fit_line(x, y, "smooth_l1_loss", beta=0.5)
    b = fit_linear(x[:, None], y, loss="smooth_l1_loss", beta=0.5, eta=0.3, epochs=400)
    np.testing.assert_array_equal(a.W_path, b.W_path)
