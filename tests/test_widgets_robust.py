"""Panels of notebook 10 (Smooth L1 and a line through outliers): driven from Python without a
browser: setting a control changes the artists, and their data equals what the library
computes."""

from __future__ import annotations

import numpy as np
import pytest

from lessons_lib import losses
from lessons_lib.experiments.robust import fit_line
from lessons_lib.linear import fit_linear
from lessons_lib.widgets.robust import RobustLossPanel, outlier_data


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
    from lessons_lib.experiments import robust

    return robust.kept_fit.cache_info().misses


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
