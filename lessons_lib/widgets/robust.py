"""The robust-loss panel (notebook 10): β of Smooth L1 and the outliers' shift; L1, MSE and
Smooth L1 with their gradients, and the line each fits to the data of
:mod:`lessons_lib.experiments.robust`."""

from __future__ import annotations

import numpy as np

from ..experiments.robust import TRUE_LINE, kept_fit, outlier_data
from ..linear import LinearFit
from ..plots.robust import (
    REGRESSION_LOSSES,
    plot_line_fits,
    plot_regression_losses,
    update_line_fits,
    update_regression_losses,
)
from ._base import SEP, Panel, float_slider, log_slider, on_grid

__all__ = ["RobustLossPanel"]

PANEL_LOSSES = ("mse_loss", "l1_loss", "smooth_l1_loss")
SMOOTH_L1_LABEL = "Smooth L1 (β)"


class RobustLossPanel(Panel):
    """β of Smooth L1 and the outliers' shift (notebook 10).

    Left: ℓ(d) of L2 (MSE), L1 and Smooth L1(β); middle: their gradients — the squared
    loss's grows with d, the others stay within ±1; right: the data and the line each loss
    fits. MSE and L1 are fitted for every shift when the panel is built, Smooth L1 per
    (shift, β) when first shown; the last 512 fits are kept (by every panel together).
    """

    figsize = (10.5, 3.3)

    def __init__(self, *, beta: float = 1.0, shift: float = 8.0):
        super().__init__()
        self.beta = log_slider("β", beta, 0.05, 5.0)
        self.shift = float_slider("outlier shift", shift, 0.0, 15.0, 0.5, fmt=".1f")
        # MSE and L1 do not depend on β: fit them for every shift the slider can reach
        # now (62 short fits), so that a move refits at most Smooth L1
        s = self.shift
        for value in np.arange(s.min, s.max + s.step / 2, s.step):
            for name in ("mse_loss", "l1_loss"):
                kept_fit(name, round(float(value), 6), 1.0)
        ax_l, ax_g, ax_f = self.fig.subplots(1, 3)
        self.curves = plot_regression_losses(beta, ax_loss=ax_l, ax_grad=ax_g)
        ax_l.set_title("loss of one residual")
        ax_g.set_title("its gradient")
        x, y, outliers = self.data()
        self.fits_art = plot_line_fits(x, y, outliers, self.fits(), ax=ax_f)
        ax_f.set_title("fitted lines")
        # The legend is part of the cached background: its text must not follow β (a
        # blitted legend marks the figure stale whenever it is drawn, and in the browser
        # the canvas then kept repainting itself). β's value is a text of its own.
        self.legend = ax_l.get_legend()
        self.legend.get_texts()[PANEL_LOSSES.index("smooth_l1_loss")].set_text(SMOOTH_L1_LABEL)
        color = REGRESSION_LOSSES["smooth_l1_loss"][1]
        self.beta_label = ax_g.text(  # in the empty lower right of the gradient plot
            0.97, 0.04, "", transform=ax_g.transAxes, ha="right", va="bottom", color=color
        )
        c, f = self.curves, self.fits_art
        self._blit(
            c["loss"]["smooth_l1_loss"],
            c["grad"]["smooth_l1_loss"],
            *c["beta"],
            self.beta_label,
            f["points"],
            f["outliers"],
            *f["lines"].values(),
        )
        self._finish([[self.beta, self.shift]])

    def _static_state(self):
        return tuple(t.get_text() for t in self.legend.get_texts())

    def data(self):
        """(x, y, outliers) for the current shift (on the slider's grid of 0.5)."""
        return outlier_data(on_grid(self.shift))

    def fits(self) -> dict[str, LinearFit]:
        """{loss name: LinearFit} for the current shift and β."""
        shift, beta = on_grid(self.shift), round(self.beta.value, 6)
        return {
            name: kept_fit(name, shift, beta if name == "smooth_l1_loss" else 1.0)
            for name in PANEL_LOSSES
        }

    def _update(self) -> None:
        beta = self.beta.value
        update_regression_losses(self.curves, beta)
        self.beta_label.set_text(f"dotted: ±β, β = {beta:.3g}")
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
            f"β = {beta:.3g}, outliers +{on_grid(self.shift):.1f}{SEP}"
            + SEP.join(parts)
            + f"{SEP}clean data: y = {a:.2f}x + {b:.2f}"
        )
