"""Panels of notebook 08 (the hinge loss): driven from Python without a browser: setting a
control changes the artists, and their data equals what the library computes."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from lessons_lib import losses
from lessons_lib.experiments.hinge import (
    HINGE_CONVENTIONS,
    active_examples,
    blob_data,
    boundary_lines,
    compare_losses,
    fit_blobs,
    hinge_loss,
    hinge_loss_grad,
    hinge_terms,
    losses_vs_true_score,
)
from lessons_lib.experiments.hinge import test_data as fresh_points
from lessons_lib.plots.style import COLORS
from lessons_lib.widgets.hinge import HingePanel, MarginPanel, curve_window

from ._panels import heights


def _term_heights(p) -> np.ndarray:
    return heights(p.score_art["terms"])


def test_hinge_panel_default_teaches_a_violated_and_a_met_margin():
    p = HingePanel()
    s, t, m = p.values()
    assert (s.tolist(), t, m) == ([3.0, 1.0, -3.0], 1, 1.0)  # the worked example, true dog
    terms = hinge_terms(s, t, m)
    np.testing.assert_allclose(_term_heights(p), terms)
    assert terms[0] == 3.0 and terms[2] == 0.0  # cat violates its margin, bird meets it
    visible = [b.get_visible() for b in p.score_art["terms"]]
    assert visible == [True, False, False]  # the true class has no term, the bird none either
    gh, gc = heights(p.grad_art["hinge"]), heights(p.grad_art["cross_entropy"])
    assert gh[2] == 0.0 and gc[2] > 0.0  # met: the hinge stops pushing, cross-entropy does not
    assert [x.get_text() for x in p.grad_art["values"]["hinge"]] == ["1", "−1", "0"]
    caption = p.caption()
    for text in ("true class = dog", "hinge terms: cat 3.00, bird 0.00", "Σ 3.0000"):
        assert text in caption
    assert "cross-entropy 2.1291" in caption and "0.0022" in caption


def test_hinge_panel_shows_the_library_values():
    p = HingePanel(scores=(3, 1, -3), target=0, margin=1.0)
    p.set_scores(1.0, 2.0, 3.0)
    s, t, m = p.values()
    ticks = [tick.get_ydata()[0] for tick in p.score_art["ticks"]]
    np.testing.assert_array_equal(ticks, [1.0, 2.0, 3.0])
    colors = [to_hex(tick.get_color()) for tick in p.score_art["ticks"]]
    orange, black = to_hex(COLORS["violated"]), to_hex(COLORS["true_class"])
    assert colors == [black, orange, orange]  # both wrong classes are inside the margin
    assert p.score_art["line"].get_ydata()[0] == pytest.approx(s[t] - m)
    np.testing.assert_allclose(_term_heights(p), hinge_terms(s, t, m))
    for form, want in (("sum", 5.0), ("pytorch", 5.0 / 3.0), ("max", 3.0)):
        p.form.value = form
        assert p.curve_art["dots"]["hinge"].get_ydata()[0] == pytest.approx(want)
        assert want == pytest.approx(hinge_loss(s, t, m, form))
        grid = p.curve_art["curves"]["hinge"].get_xdata()
        curves = losses_vs_true_score(s, t, m, form, grid)
        np.testing.assert_allclose(p.curve_art["curves"]["hinge"].get_ydata(), curves["hinge"])
        np.testing.assert_allclose(
            p.curve_art["curves"]["cross_entropy"].get_ydata(), curves["cross_entropy"]
        )
        assert p.curve_art["met"].get_xdata()[0] == pytest.approx(3.0 + 1.0)
        np.testing.assert_allclose(heights(p.grad_art["hinge"]), hinge_loss_grad(s, t, m, form))
        np.testing.assert_allclose(
            heights(p.grad_art["cross_entropy"]), losses.cross_entropy_grad(s, t)
        )
        assert f"hinge, {HINGE_CONVENTIONS[form]}" in p.readout.value
    assert "hinge loss: Σ 5.0000, Σ ÷ C 1.6667, max 3.0000" in p.readout.value
    assert f"cross-entropy {float(losses.cross_entropy(s, t)):.4f}" in p.readout.value


def test_hinge_worked_examples():
    assert compare_losses([3, 1, -3], 0)["sum"] == 0.0
    assert compare_losses([3, 1, -3], 1)["sum"] == 3.0
    p = HingePanel(scores=(3, -2, -2), target=0, margin=5.0)
    assert "Σ 0.0000" in p.readout.value and "cross-entropy 0.0134" in p.readout.value
    assert not np.any(heights(p.grad_art["hinge"]))  # hinge stops pushing …
    assert np.all(heights(p.grad_art["cross_entropy"]) != 0)  # … cross-entropy does not
    assert p.curve_art["ends"]["hinge"].get_text() == "hinge = 0 exactly"
    assert not any(b.get_visible() for b in p.score_art["terms"])


def test_curve_window_keeps_its_limits_while_they_fit():
    assert curve_window(1.0, [4.0, -2.0]) == (-4.0, 8.0)
    assert curve_window(0.5, [4.0, -2.0], (-4.0, 8.0)) == (-4.0, 8.0)  # a small move: kept
    # left the window on the right: needs [−4, 12], and gets a quarter of that to spare there
    assert curve_window(9.0, [4.0, -2.0], (-4.0, 8.0)) == (-4.0, 16.0)
    lo, hi = curve_window(1.0, [1.5, 1.2], (-20.0, 20.0))  # far too wide: refitted
    assert (lo, hi) == (-2.0, 6.0)


def test_hinge_panel_typical_drag_keeps_the_axes():
    p = HingePanel()
    p.flush()
    limits = [(ax.get_xlim(), ax.get_ylim()) for ax in p.fig.axes]
    p.scores[1].value = 0.5  # the dog (true class) score
    assert [(ax.get_xlim(), ax.get_ylim()) for ax in p.fig.axes] == limits
    p.scores[1].value = 10.0  # far out: the curves' axis follows
    xlim = p.curve_art["met"].axes.get_xlim()
    assert xlim[0] <= 10.0 <= xlim[1]


def test_margin_panel_scrubs_the_library_runs():
    p = MarginPanel()
    assert (p.margin.value, p.epoch.value, p.outliers.value) == (1.0, 300, True)
    X, y = blob_data()
    Xt, yt = fresh_points()
    fits = {"hinge": fit_blobs("hinge", 1.0), "cross_entropy": fit_blobs("cross_entropy")}
    for name, fit in fits.items():
        np.testing.assert_array_equal(p.history["active"][name].get_ydata(), fit.n_active)
        np.testing.assert_allclose(p.history["norm"][name].get_ydata(), fit.weight_norm)
        acc = np.mean(np.argmax(fit.scores(Xt), axis=1) == yt)
        assert f"accuracy on fresh clean points {acc:.1%}" in p.readout.value
    k = int(fits["hinge"].n_active[-1])
    assert f"hinge: loss {fits['hinge'].loss[-1]:.3f}, {k} of 158 examples push" in p.readout.value
    assert (
        "cross-entropy: loss" in p.readout.value and "158 of 158 examples push" in p.readout.value
    )
    # the boundaries differ visibly at the default: the two maps label the grid differently
    hinge_map = p.regions["hinge"]["regions"].get_array()
    ce_map = p.regions["cross_entropy"]["regions"].get_array()
    assert np.mean(hinge_map != ce_map) > 0.05
    p.epoch.value = 40
    for name, fit in fits.items():
        active = active_examples(fit, X, y, 40)
        np.testing.assert_array_equal(p.rings[name]["rings"].get_xdata(), X[active, 0])
        labels = np.argmax(fit.scores(p._points, 40), axis=1).reshape(p._shape)
        np.testing.assert_array_equal(p.regions[name]["regions"].get_array(), labels)
        bx, by = boundary_lines(fit.W_path[40], fit.b_path[40], p.extent)
        for line in (p.boundaries["hinge"][name], p.boundaries["cross_entropy"][name]):
            np.testing.assert_array_equal(line.get_xdata(), bx)
            np.testing.assert_array_equal(line.get_ydata(), by)
    assert p.history["cursors"][0].get_xdata()[0] == 40
    # every Δ of the slider's grid, with and without the eight, is trained when built
    grid = [round(0.5 + 0.25 * k, 6) for k in range(15)]
    assert sorted(p._hinge_fits) == sorted((m, v) for m in grid for v in (True, False))
    kept = dict(p._hinge_fits)
    p.margin.value = 2.0
    assert p.fits["hinge"] is kept[(2.0, True)]
    p.margin.value = 1.95  # between two steps: the nearest one, as a drag would give
    assert p.fits["hinge"] is kept[(2.0, True)] and "Δ = 2.00" in p.readout.value
    np.testing.assert_array_equal(
        p.history["active"]["hinge"].get_ydata(), fit_blobs("hinge", 2.0).n_active
    )


def test_margin_panel_without_the_mislabelled_points():
    p = MarginPanel()
    notes = [p.notes[name].get_visible() for name in p.notes]
    assert notes == [True, True]
    p.outliers.value = False
    _, y = blob_data(False)
    assert len(p.regions["hinge"]["train"][0].get_offsets()) == np.sum(y == 0) == 50
    clean = fit_blobs("hinge", 1.0, outliers=False)
    assert p.fits["hinge"] is p._hinge_fits[(1.0, False)]
    np.testing.assert_array_equal(p.history["active"]["hinge"].get_ydata(), clean.n_active)
    assert f"{int(clean.n_active[-1])} of 150 examples push" in p.readout.value
    assert "150 of 150 examples push" in p.readout.value  # cross-entropy
    assert not any(p.notes[name].get_visible() for name in p.notes)
    assert len(p.rings["hinge"]["rings"].get_xdata()) == clean.n_active[-1]


def test_margin_panel_trains_every_run_when_built(monkeypatch):
    from lessons_lib.experiments import hinge

    p = MarginPanel()

    def no_training(*args, **kwargs):
        raise AssertionError("a control move trained a classifier")

    monkeypatch.setattr(hinge, "fit_linear", no_training)
    for outliers in (True, False):
        p.outliers.value = outliers
        for k in range(15):
            p.margin.value = 0.5 + 0.25 * k
            assert p.fits["hinge"].loss_kwargs == {"margin": round(0.5 + 0.25 * k, 6)}
    p.epoch.value = 100
