"""Panels of notebook 10 (Smooth L1 and a line through outliers): driven from Python without a
browser: setting a control changes the artists, and their data equals what the library
computes."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import to_hex

from lessons_lib import losses
from lessons_lib.experiments.robust import fit_line
from lessons_lib.plots.style import COLORS, LINESTYLES
from lessons_lib.widgets._base import plain_text
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
        np.testing.assert_allclose(
            p.curves["grad"]["mse_loss"].get_ydata(),
            losses.mse_loss_grad(d, zero, reduction="none"),
        )
        assert sorted(m.get_xdata()[0] for m in p.curves["beta"][:2]) == [-beta, beta]
        x, y, outliers = outlier_data(shift)
        np.testing.assert_array_equal(p.fits_art["outliers"].get_ydata(), y[outliers])
        np.testing.assert_array_equal(p.fits_art["points"].get_ydata(), y[~outliers])
        grid = p.fits_art["grid"]
        text = plain_text(p.readout.value)
        for name, short in (
            ("mse_loss", "MSE"),
            ("l1_loss", "L1"),
            ("smooth_l1_loss", "Smooth L1"),
        ):
            ref = fit_line(x, y, name, beta=beta)
            np.testing.assert_allclose(
                p.fits_art["lines"][name].get_ydata(), ref.scores(grid[:, None])
            )
            assert f"{short}: y = {ref.W[0, 0]:.2f}x + {ref.b[0]:.2f}" in text
        lo, hi = p.fits_art["points"].axes.get_ylim()
        assert lo <= y.min() and y.max() <= hi and (hi - lo) < 2 * (y.max() - min(y.min(), 0) + 1.5)
        assert p.beta_label.get_text() == f"$\\beta = {beta:.3g}$"
        # the legend is drawn with the background: it must not change with β
        assert [t.get_text() for t in p.legend.get_texts()] == [
            "MSE: $d^2$",
            "L1: $|d|$",
            r"Smooth L1 ($\beta$)",
        ]
        assert p.legend not in p._blit_artists


def test_every_loss_keeps_its_colour_and_line_style_in_all_three_plots():
    p = RobustLossPanel()
    for name in ("mse_loss", "l1_loss", "smooth_l1_loss"):
        lines = (p.curves["loss"][name], p.curves["grad"][name], p.fits_art["lines"][name])
        assert {to_hex(line.get_color()) for line in lines} == {COLORS[name].lower()}
        assert len({str(line.get_linestyle()) for line in lines}) == 1
    assert len({str(LINESTYLES[n]) for n in ("mse_loss", "l1_loss", "smooth_l1_loss")}) == 3
    outliers, points = p.fits_art["outliers"], p.fits_art["points"]
    assert outliers.get_marker() != points.get_marker()  # a second cue besides colour
    assert outliers.get_markerfacecolor() == "none"
    axes = p.fig.axes
    assert all(ax.get_xlabel() and ax.get_ylabel() for ax in axes)


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
