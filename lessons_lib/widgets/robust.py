"""Smooth L1 and a line fitted through outliers: the experiment and its panel (notebook 10).

- :func:`outlier_data` — 30 points on y = 0.5x + 1 with noise, the three right-most
  pushed up by ``shift``.
- :func:`fit_line` — fit y ≈ wx + b under one regression loss by plain gradient descent
  (:func:`lessons_lib.network.fit_linear` with the loss's ``*_grad``).
- :class:`RobustLossPanel` — β and the outliers' shift: L1, MSE and Smooth L1 with their
  gradients, and the line each one fits.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..network import LinearFit, fit_linear
from ..plots.robust import (
    plot_line_fits,
    plot_regression_losses,
    update_line_fits,
    update_regression_losses,
)
from ._base import Panel, float_slider, log_slider

__all__ = ["TRUE_LINE", "outlier_data", "fit_line", "RobustLossPanel"]

TRUE_LINE = (0.5, 1.0)  # slope, intercept of the clean data
N_POINTS, N_OUTLIERS, NOISE = 30, 3, 0.15
FIT_CONFIG = {"eta": 0.3, "epochs": 400}


def outlier_data(shift: float = 8.0, *, seed: int = 0):
    """x (30,) evenly spread on [−1, 1], y = 0.5x + 1 + 0.15·noise, and a (30,) bool mask.

    The three points with the largest x are outliers: ``shift`` is added to their y.
    Returns (x, y, outliers).
    """
    rng = np.random.default_rng(seed)
    x = np.linspace(-1.0, 1.0, N_POINTS)
    y = TRUE_LINE[0] * x + TRUE_LINE[1] + NOISE * rng.standard_normal(N_POINTS)
    outliers = np.zeros(N_POINTS, dtype=bool)
    outliers[-N_OUTLIERS:] = True
    y[outliers] += shift
    return x, y, outliers


def fit_line(x, y, loss: str, *, beta: float = 1.0, **overrides) -> LinearFit:
    """Fit y ≈ w·x + b under ``loss`` ("mse_loss", "l1_loss", "smooth_l1_loss",
    "huber_loss") by full-batch gradient descent from w = b = 0.

    β is Smooth L1's β or Huber's δ. η = 0.3 for 400 steps (``overrides``: eta, epochs).
    The slope is ``fit.W[0, 0]``, the intercept ``fit.b[0]``.
    """
    cfg = {**FIT_CONFIG, **overrides}
    kw = {"smooth_l1_loss": {"beta": beta}, "huber_loss": {"delta": beta}}.get(loss, {})
    x = np.asarray(x, dtype=np.float64)
    return fit_linear(x[:, None], y, loss=loss, eta=cfg["eta"], epochs=cfg["epochs"], **kw)


PANEL_LOSSES = ("mse_loss", "l1_loss", "smooth_l1_loss")


class RobustLossPanel(Panel):
    """β of Smooth L1 and the outliers' shift (notebook 10).

    Left: ℓ(d) of L2 (MSE), L1 and Smooth L1(β); middle: their gradients — the squared
    loss's grows with d, the others stay within ±1; right: the data and the line each loss
    fits. The last 256 fits are kept (MSE and L1 per shift, Smooth L1 per (shift, β)).
    """

    figsize = (10.5, 3.3)

    def __init__(self, *, beta: float = 1.0, shift: float = 8.0):
        super().__init__()
        self.beta = log_slider("β", beta, 0.05, 5.0)
        self.shift = float_slider("outlier shift", shift, 0.0, 15.0, 0.5, fmt=".1f")
        self._fit = lru_cache(maxsize=256)(self._fit_uncached)
        ax_l, ax_g, ax_f = self.fig.subplots(1, 3)
        self.curves = plot_regression_losses(beta, ax_loss=ax_l, ax_grad=ax_g)
        ax_l.set_title("loss of one residual")
        ax_g.set_title("its gradient")
        x, y, outliers = self.data()
        self.fits_art = plot_line_fits(x, y, outliers, self.fits(), ax=ax_f)
        ax_f.set_title("fitted lines")
        self.legend = ax_l.get_legend()
        c, f = self.curves, self.fits_art
        self._blit(
            c["loss"]["smooth_l1_loss"],
            c["grad"]["smooth_l1_loss"],
            *c["beta"],
            f["points"],
            f["outliers"],
            *f["lines"].values(),
            self.legend,
        )
        self._finish([[self.beta, self.shift]])

    def data(self):
        """(x, y, outliers) for the current shift."""
        return outlier_data(self.shift.value)

    def fits(self) -> dict[str, LinearFit]:
        """{loss name: LinearFit} for the current shift and β."""
        shift, beta = round(self.shift.value, 6), round(self.beta.value, 6)
        return {
            name: self._fit(name, shift, beta if name == "smooth_l1_loss" else 1.0)
            for name in PANEL_LOSSES
        }

    @staticmethod
    def _fit_uncached(name: str, shift: float, beta: float) -> LinearFit:
        x, y, _ = outlier_data(shift)
        return fit_line(x, y, name, beta=beta)

    def _update(self) -> None:
        beta = self.beta.value
        update_regression_losses(self.curves, beta)
        for text, line in zip(self.legend.get_texts(), self.curves["loss"].values()):
            text.set_text(line.get_label())  # the legend is blitted with the curves
        x, y, outliers = self.data()
        fits = self.fits()
        update_line_fits(self.fits_art, x, y, outliers, fits)
        parts = [
            f"{label}: y = {fits[n].W[0, 0]:.2f}x + {fits[n].b[0]:.2f}"
            for n, label in (
                ("mse_loss", "MSE"),
                ("l1_loss", "L1"),
                ("smooth_l1_loss", "Smooth L1"),
            )
        ]
        a, b = TRUE_LINE
        self.readout.value = (
            f"β = {beta:.3g}, outliers +{self.shift.value:.1f} &nbsp;·&nbsp; "
            + " &nbsp;·&nbsp; ".join(parts)
            + f" &nbsp;·&nbsp; clean data: y = {a:.2f}x + {b:.2f}"
        )
