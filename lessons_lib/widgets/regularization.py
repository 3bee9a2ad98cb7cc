"""The regularisation panel (notebook 07): λ slider and L1/L2 toggle on the spiral
classifier of :mod:`lessons_lib.experiments.regularization` (one seed of its sweep)."""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from ..experiments.regularization import (
    LAMBDAS,
    PENALTIES,
    SEEDS,
    SpiralFit,
    spiral_data,
    trained_spirals,
)
from ..i18n import N_, fig_text, tr
from ..plots.common import decision_grid, plot_decision_regions, update_decision_regions
from ..plots.regularization import (
    PENALTY_COLORS,
    histogram_edges,
    plot_accuracy_vs_lambda,
    plot_weight_histogram,
    plot_wrong_labels,
    sci,
    update_accuracy_vs_lambda,
    update_weight_histogram,
    weight_counts,
    wrong_label_legend,
)
from ._base import SEP, SLIDER_STYLE, Panel

__all__ = ["RegularizationPanel"]

PENALTY_NAMES = {"l2": N_("L2: (λ/2)·Σw²"), "l1": N_("L1: λ·Σ|w|")}


class RegularizationPanel(Panel):
    """λ slider and L1/L2 toggle on the spiral classifier of one seed (notebook 07).

    Left: decision regions with the training points (a black ring marks a wrong label);
    middle: histogram of |w| on a log axis, the band |w| ≤ ηλ where L1 leaves the weights
    it switched off, and λ = 0 as a grey outline; right: training and validation accuracy
    of this seed against λ, the λ shown now marked. The 5 settings of λ and the 2
    penalties are trained when the panel is built (9 runs, λ = 0 being one; runs the
    notebook already made are reused), so every move is instant. The axes are fitted to
    every run the controls can reach, so a move never changes them.
    """

    figsize = (10.5, 3.5)

    def __init__(self, *, lam: float = 3e-3, kind: str = "l2", seed: int = 0, grid: int = 100):
        if lam not in LAMBDAS:
            raise ValueError(f"lam: expected one of {LAMBDAS}, got {lam!r}")
        if kind not in PENALTIES:
            raise ValueError(f"kind: expected one of {PENALTIES}, got {kind!r}")
        super().__init__()
        self.seed = seed
        self.data = spiral_data(seed)
        self.lam = w.SelectionSlider(
            options=[(sci(v), v) for v in LAMBDAS],
            value=lam,
            description="λ",
            continuous_update=False,
            style=SLIDER_STYLE,
            layout=w.Layout(width="320px"),
        )
        self.kind = w.ToggleButtons(
            options=[(tr(PENALTY_NAMES[k]), k) for k in PENALTIES],
            value=kind,
            description=tr("penalty"),
            style=SLIDER_STYLE,
        )
        d = self.data
        self._points, extent = decision_grid(np.vstack([d.X_train, d.X_val]), n=grid)
        self._shape = (grid, grid)
        # every setting the controls can reach, trained (or found) once
        self._runs = {(k, v): trained_spirals(v, k, seed) for k in PENALTIES for v in LAMBDAS}
        self._labels = {
            key: self._grid_labels(fit)
            for key, fit in self._runs.items()
            if key[1] or key[0] == "l2"
        }
        fit = self.fit
        all_w = np.concatenate([f.weights for f in self._runs.values()])
        edges_top = float(np.abs(all_w).max())
        ax_r, ax_h, ax_a = self.fig.subplots(1, 3, width_ratios=[1.0, 1.25, 1.15])
        self.regions = plot_decision_regions(
            self._labels_for(fit), extent, d.X_train, d.y_train, ax=ax_r
        )
        self.rings = plot_wrong_labels(d.X_train, d.wrong, ax=ax_r)
        wrong_label_legend(ax_r, loc="lower right", handletextpad=0.2, borderaxespad=0.2)
        ax_r.set_title(fig_text("decision regions (seed {seed})", seed=seed))
        ymax = self._hist_ymax(edges_top)
        self.hist = plot_weight_histogram(
            fit.weights,
            ax=ax_h,
            threshold=fit.threshold,
            color=PENALTY_COLORS[fit.kind],
            high=edges_top,
            ymax=ymax,
            reference=self._runs["l2", 0.0].weights,
        )
        ax_h.set_title(fig_text("all {n} weights", n=fit.weights.size))
        train, val, best = self._curves(fit.kind)
        lo = min(min(f.train_accuracy, f.val_accuracy) for f in self._runs.values())
        self.curves = plot_accuracy_vs_lambda(
            LAMBDAS,
            train,
            val,
            ax=ax_a,
            current=LAMBDAS.index(fit.lam),
            best=best,
            ylim=(np.floor(lo * 10 - 0.3) / 10, 1.0),
        )
        ax_a.set_title(fig_text("accuracy of this seed (★ best on validation)"))
        r, h, c = self.regions, self.hist, self.curves
        self._blit(
            r["regions"],
            *r["train"],
            self.rings,
            *h["bars"],
            h["band"],
            h["line"],
            h["share"],
            c["train"],
            c["val"],
            c["now_line"],
            c["now_train"],
            c["now_val"],
            c["best"],
            c["train_label"],
            c["val_label"],
        )
        self._finish([[self.lam, self.kind]])

    # -- the runs -------------------------------------------------------------------------

    def _grid_labels(self, fit: SpiralFit) -> np.ndarray:
        return fit.net.predict(self._points).reshape(self._shape)

    def _labels_for(self, fit: SpiralFit) -> np.ndarray:
        return self._labels["l2" if fit.lam == 0 else fit.kind, fit.lam]

    def _curves(self, kind: str):
        runs = [self._runs[kind, v] for v in LAMBDAS]
        train = np.array([f.train_accuracy for f in runs])
        val = np.array([f.val_accuracy for f in runs])
        return train, val, np.flatnonzero(val == val.max())

    def _hist_ymax(self, high: float) -> float:
        """Top of the count axis: room for the text above the tallest bar of any run."""
        edges = histogram_edges(high)
        top = max(weight_counts(f.weights, edges).max() for f in self._runs.values())
        return float(np.ceil(1.35 * top / 50) * 50)

    @property
    def fit(self) -> SpiralFit:
        """The run shown now."""
        return self._runs[self.kind.value, float(self.lam.value)]

    # -- drawing --------------------------------------------------------------------------

    def _update(self) -> None:
        fit = self.fit
        update_decision_regions(self.regions, self._labels_for(fit))
        update_weight_histogram(
            self.hist, fit.weights, threshold=fit.threshold, color=PENALTY_COLORS[fit.kind]
        )
        train, val, best = self._curves(fit.kind)
        update_accuracy_vs_lambda(
            self.curves, train, val, current=LAMBDAS.index(fit.lam), best=best
        )
        parts = [
            tr(
                "seed {seed}, one of the {n} seeds the notebook's table averages",
                seed=self.seed,
                n=len(SEEDS),
            ),
            tr(
                "accuracy: training {train} %, validation {val} %, test {test} %",
                train=round(100 * fit.train_accuracy),
                val=round(100 * fit.val_accuracy),
                test=round(100 * fit.test_accuracy),
            ),
            tr(
                "wrong labels fitted: {k} of {n}",
                k=fit.fitted_wrong,
                n=int(self.data.wrong.sum()),
            ),
            tr("Σw² = {ssq:.0f}, Σ|w| = {sabs:.0f}", ssq=fit.sum_squares, sabs=fit.sum_abs),
        ]
        if fit.lam:
            parts.append(
                tr(
                    "weights with |w| ≤ ηλ = {t}: {share} %",
                    t=sci(fit.threshold),
                    share=round(100 * fit.switched_off),
                )
            )
        self.readout.value = SEP.join(parts)
