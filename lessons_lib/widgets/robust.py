"""The robust-loss panel (notebook 10): β of Smooth L1 and the outliers' shift; MSE, L1 and
Smooth L1 with their gradients, and the line each fits to the data of
:mod:`lessons_lib.experiments.robust`."""

from __future__ import annotations

import numpy as np

from ..experiments.robust import TRUE_LINE, kept_fit, outlier_data
from ..i18n import fig_text, tr
from ..linear import LinearFit
from ..plots.common import set_title
from ..plots.robust import (
    plot_line_fits,
    plot_regression_losses,
    update_line_fits,
    update_regression_losses,
)
from ._base import SEP, Panel, float_slider, log_slider, on_grid

__all__ = ["RobustLossPanel"]

PANEL_LOSSES = ("mse_loss", "l1_loss", "smooth_l1_loss")
READOUT_NAMES = {"mse_loss": "MSE", "l1_loss": "L1", "smooth_l1_loss": "Smooth L1"}


class RobustLossPanel(Panel):
    """β of Smooth L1 and the outliers' shift (notebook 10).

    Left: ℓ(d) of L2 (MSE), L1 and Smooth L1(β), ±β dotted; middle: their gradients — the
    squared loss's grows with d, the others stay within ±1 (dashed); right: the data, the
    outliers (hollow triangles) and the line each loss fits, with the clean line dotted.
    Every loss keeps its colour and line style in all three. MSE and L1 are fitted for
    every shift when the panel is built, Smooth L1 per (shift, β) when first shown; the
    last 512 fits are kept (by every panel together).
    """

    figsize = (10.5, 3.4)

    def __init__(self, *, beta: float = 1.0, shift: float = 8.0):
        super().__init__()
        self.beta = log_slider("β", beta, 0.05, 5.0)
        self.shift = float_slider(tr("outlier shift"), shift, 0.0, 15.0, 0.5, fmt=".1f")
        # MSE and L1 do not depend on β: fit them for every shift the slider can reach
        # now (62 short fits), so that a move refits at most Smooth L1
        s = self.shift
        for value in np.arange(s.min, s.max + s.step / 2, s.step):
            for name in ("mse_loss", "l1_loss"):
                kept_fit(name, round(float(value), 6), 1.0)
        ax_l, ax_g, ax_f = self.fig.subplots(1, 3, width_ratios=(1.0, 1.0, 1.1))
        # The legend is part of the cached background: its text must not follow β (a
        # blitted legend marks the figure stale whenever it is drawn, and in the browser
        # the canvas then kept repainting itself). β's value is a text of its own.
        self.curves = plot_regression_losses(
            beta, ax_loss=ax_l, ax_grad=ax_g, names=PANEL_LOSSES, beta_in_labels=False
        )
        self.legend = ax_l.get_legend()
        set_title(ax_l, fig_text("loss of one residual"))
        set_title(ax_g, fig_text("its gradient"))
        x, y, outliers = self.data()
        self.fits_art = plot_line_fits(x, y, outliers, self.fits(), ax=ax_f)
        set_title(ax_f, fig_text("the line each loss fits"))
        self.beta_label = self.curves["beta_text"][0]  # "β = 1" at the +β marker
        c, f = self.curves, self.fits_art
        self._blit(
            c["loss"]["smooth_l1_loss"],
            c["grad"]["smooth_l1_loss"],
            *c["beta"],
            *c["beta_text"],
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
        x, y, outliers = self.data()
        fits = self.fits()
        update_line_fits(self.fits_art, x, y, outliers, fits)
        parts = [
            tr(
                "{loss}: y = {w}x + {b}",
                loss=READOUT_NAMES[n],
                w=f"{fits[n].W[0, 0]:.2f}",
                b=f"{fits[n].b[0]:.2f}",
            )
            for n in PANEL_LOSSES
        ]
        a, b = TRUE_LINE
        self.readout.value = (
            tr(
                "β = {beta}, outliers +{shift}",
                beta=f"{beta:.3g}",
                shift=f"{on_grid(self.shift):.1f}",
            )
            + SEP
            + SEP.join(parts)
            + SEP
            + tr("clean data: y = {w}x + {b}", w=f"{a:.2f}", b=f"{b:.2f}")
        )
