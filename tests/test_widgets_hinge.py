"""Panels of notebook 08 (the hinge loss): driven from Python without a browser: setting a
control changes the artists, and their data equals what the library computes."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from lessons_lib import losses
from lessons_lib.experiments.hinge import fit_blobs, hinge_loss
from lessons_lib.widgets.hinge import (
    HINGE_CONVENTIONS,
    HingePanel,
    MarginPanel,
    active_examples,
    blob_data,
    compare_losses,
    hinge_loss_grad,
    hinge_terms,
)

from ._panels import heights


def test_hinge_panel_shows_the_library_values():
    p = HingePanel(scores=(3, 1, -3), target=0, margin=1.0)
    p.set_scores(1.0, 2.0, 3.0)
    s, t, m = p.values()
    np.testing.assert_array_equal(heights(p.score_art["bars"]), [1.0, 2.0, 3.0])
    red = [to_hex(b.get_facecolor()) == "#d62728" for b in p.score_art["bars"]]
    assert red == list(hinge_terms(s, t, m) > 0)  # red bars: the classes inside the margin
    assert p.score_art["margin"].get_ydata()[0] == pytest.approx(s[t] - m)
    for form, want in (("sum", 5.0), ("pytorch", 5.0 / 3.0), ("max", 3.0)):
        p.form.value = form
        h = heights(p.loss_art["bars"])
        np.testing.assert_allclose(h[:3], hinge_terms(s, t, m))
        assert h[3] == pytest.approx(want) == hinge_loss(s, t, m, form)
        assert h[4] == pytest.approx(float(losses.cross_entropy(s, t)))
        assert f"plotted: {HINGE_CONVENTIONS[form]}" in p.readout.value
        np.testing.assert_allclose(heights(p.grad_art["hinge"]), hinge_loss_grad(s, t, m, form))
        np.testing.assert_allclose(
            heights(p.grad_art["cross_entropy"]), losses.cross_entropy_grad(s, t)
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
    assert not np.any(heights(p.grad_art["hinge"]))  # hinge stops pushing …
    assert np.all(heights(p.grad_art["cross_entropy"]) != 0)  # … cross-entropy does not


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
    from lessons_lib.experiments import hinge

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
