"""The regularisation panel (notebook 07): λ slider and L1/L2 toggle on the spiral
classifier of :mod:`lessons_lib.experiments.regularization`."""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from ..experiments.regularization import (
    LAMBDAS,
    NEAR_ZERO,
    PENALTIES,
    SpiralFit,
    spiral_data,
    trained_spirals,
)
from ..plots.common import decision_grid, plot_decision_regions, update_decision_regions
from ..plots.regularization import (
    PENALTY_COLORS,
    plot_accuracy_curves,
    plot_weight_histogram,
    update_accuracy_curves,
    update_weight_histogram,
)
from ._base import SEP, Panel

__all__ = ["RegularizationPanel"]


class RegularizationPanel(Panel):
    """λ slider and L1/L2 toggle on the spiral classifier (notebook 07).

    Left: decision regions (training points filled, test points hollow); middle:
    histogram of all weights; right: train and test accuracy over the epochs. The λ slider
    has 7 settings and there are 2 penalties: the panel trains all 14 runs when it is
    built (those :func:`fit_spirals` already trained are reused), so every move is instant.
    """

    figsize = (10.5, 3.3)

    def __init__(self, *, lam: float = 1e-3, kind: str = "l2", grid: int = 120):
        super().__init__()
        self.lam = w.SelectionSlider(
            options=[(f"{v:g}", v) for v in LAMBDAS],
            value=lam,
            description="λ",
            continuous_update=False,
            layout=w.Layout(width="320px"),
        )
        self.kind = w.ToggleButtons(
            options=[(label, k) for k, label in PENALTIES.items()],
            value=kind,
            description="penalty",
        )
        self.Xtr, self.Xte, self.ytr, self.yte = spiral_data()
        self._points, extent = decision_grid(np.vstack([self.Xtr, self.Xte]), n=grid)
        self._shape = (grid, grid)
        self._labels: dict[tuple[float, str], np.ndarray] = {}
        for k in PENALTIES:  # every setting the controls can reach, trained once
            for v in LAMBDAS:
                self._result(v, k)
        fit, labels = self._result()
        ax_r, ax_h, ax_a = self.fig.subplots(1, 3)
        self.regions = plot_decision_regions(
            labels, extent, self.Xtr, self.ytr, ax=ax_r, X_test=self.Xte, y_test=self.yte
        )
        ax_r.set_title("decision regions")
        self.hist = plot_weight_histogram(fit.weights, ax=ax_h)
        ax_h.set_title("all weights")
        h = fit.history
        self.curves = plot_accuracy_curves(h.accuracy, h.val_accuracy, ax=ax_a)
        ax_a.set_title("accuracy")
        # the points lie above the blitted regions, so they are redrawn with them (in order)
        r = self.regions
        self._blit(r["regions"], *r["train"], *r["test"], *self.hist["bars"], *self.curves.values())
        self._finish([[self.lam, self.kind]])

    def _result(self, lam=None, kind=None) -> tuple[SpiralFit, np.ndarray]:
        """(run, predicted class on the grid) for a setting, the current one by default."""
        lam = float(self.lam.value if lam is None else lam)
        kind = self.kind.value if kind is None else kind
        fit = trained_spirals(lam, kind, ())
        if (lam, kind) not in self._labels:
            self._labels[lam, kind] = fit.net.predict(self._points).reshape(self._shape)
        return fit, self._labels[lam, kind]

    @property
    def fit(self) -> SpiralFit:
        """The run shown now."""
        return self._result()[0]

    def _update(self) -> None:
        fit, labels = self._result()
        update_decision_regions(self.regions, labels)
        update_weight_histogram(self.hist, fit.weights, color=PENALTY_COLORS[fit.kind])
        update_accuracy_curves(self.curves, fit.history.accuracy, fit.history.val_accuracy)
        name = "Σw²" if fit.kind == "l2" else "Σ|w|"
        size = fit.sum_squares if fit.kind == "l2" else fit.sum_abs
        self.readout.value = (
            f"λ = {fit.lam:g}, {fit.kind.upper()}: train {fit.train_accuracy:.0%}"
            f"{SEP}test {fit.test_accuracy:.0%}"
            f"{SEP}{name} = {size:.1f}"
            f"{SEP}weights with |w| &lt; {NEAR_ZERO:g}: {fit.near_zero:.0%}"
        )
