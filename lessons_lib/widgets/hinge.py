"""Panels for the hinge (multiclass SVM) loss vs softmax cross-entropy (notebook 08); the
experiments they show are in :mod:`lessons_lib.experiments.hinge`.

- :class:`HingePanel` — drag three class scores and the margin Δ.
- :class:`MarginPanel` — a linear classifier trained with each loss on three blobs,
  scrubbed epoch by epoch; hinge stops pushing once the margins are met.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from .. import losses
from ..experiments.hinge import (
    CLASS_NAMES,
    FIT_CONFIG,
    FIT_LOSSES,
    HINGE_CONVENTIONS,
    active_examples,
    blob_data,
    check_convention,
    compare_losses,
    hinge_loss_grad,
    hinge_terms,
    kept_fit,
)
from ..linear import LinearFit
from ..plots.common import decision_grid, plot_decision_regions, update_decision_regions
from ..plots.hinge import (
    plot_active_points,
    plot_gradient_bars,
    plot_loss_bars,
    plot_margin_history,
    plot_scores,
    update_active_points,
    update_gradient_bars,
    update_loss_bars,
    update_margin_history,
    update_scores,
)
from ._base import SEP, Panel, float_slider, int_slider, on_grid

__all__ = ["HingePanel", "MarginPanel"]

SHORT_LABELS = {"sum": "hinge\nΣ", "pytorch": "hinge\nΣ÷C", "max": "hinge\nmax"}
FIT_LABELS = {"hinge": "hinge (Σ)", "cross_entropy": "cross-entropy"}


class HingePanel(Panel):
    """Three class scores, the margin Δ, the true class and the hinge convention (notebook 08).

    Left: the scores, with the line s_y − Δ that every wrong score must stay below; middle:
    each class's hinge term, the total hinge loss and the cross-entropy; right: both
    losses' gradients ∂L/∂s_j.
    """

    figsize = (10.5, 3.3)

    def __init__(
        self, *, scores=(3.0, 1.0, -3.0), target: int = 0, margin: float = 1.0, form="sum"
    ):
        super().__init__()
        self.scores = [
            float_slider(f"score {name}", float(s), -10.0, 10.0, 0.1, fmt=".1f")
            for name, s in zip(CLASS_NAMES, scores)
        ]
        self.margin = float_slider("margin Δ", margin, 0.0, 10.0, 0.1, fmt=".1f")
        self.target = w.ToggleButtons(
            options=[(n, i) for i, n in enumerate(CLASS_NAMES)], value=target, description="true"
        )
        self.form = w.ToggleButtons(
            options=[(label, k) for k, label in HINGE_CONVENTIONS.items()],
            value=check_convention(form),
            description="hinge",
        )
        ax_s, ax_l, ax_g = self.fig.subplots(1, 3)
        self._compute()
        self.score_art = plot_scores(*self.values(), names=CLASS_NAMES, ax=ax_s)
        ax_s.set_title("scores and the margin line s_y − Δ")
        self.loss_art = plot_loss_bars(
            self.terms,
            self.losses[form],
            self.losses["cross_entropy"],
            names=CLASS_NAMES,
            hinge_label=SHORT_LABELS[form],
            ax=ax_l,
        )
        ax_l.set_title("losses")
        self.grad_art = plot_gradient_bars(
            self.grads["hinge"], self.grads["cross_entropy"], names=CLASS_NAMES, ax=ax_g
        )
        ax_g.set_title("gradients ∂L/∂s_j")
        sa, la, ga = self.score_art, self.loss_art, self.grad_art
        self._blit(
            *sa["bars"],
            sa["margin"],
            sa["true"],
            *sa["values"],
            *la["bars"],
            *la["values"],
            *ga["hinge"],
            *ga["cross_entropy"],
        )
        self._finish([self.scores, [self.margin, self.target], [self.form]])

    def _static_state(self):
        return self.form.value  # names the hinge bar's tick label

    def values(self) -> tuple[np.ndarray, int, float]:
        """(scores (3,), true class, Δ) as set now."""
        return np.array([s.value for s in self.scores]), self.target.value, self.margin.value

    def set_scores(self, *scores: float) -> None:
        """Set all three scores with one redraw."""
        with self.hold():
            for slider, v in zip(self.scores, scores):
                slider.value = v

    def _compute(self) -> None:
        """The hinge terms, every loss and both gradients for the current controls."""
        s, t, m = self.values()
        self.terms = hinge_terms(s, t, m)
        self.losses = compare_losses(s, t, m)
        self.grads = {
            "hinge": hinge_loss_grad(s, t, m, self.form.value),
            "cross_entropy": losses.cross_entropy_grad(s, t),
        }

    def _update(self) -> None:
        self._compute()
        s, t, m = self.values()
        form = self.form.value
        update_scores(self.score_art, s, t, m)
        update_loss_bars(
            self.loss_art,
            self.terms,
            self.losses[form],
            self.losses["cross_entropy"],
            hinge_label=SHORT_LABELS[form],
        )
        update_gradient_bars(self.grad_art, self.grads["hinge"], self.grads["cross_entropy"])
        L = self.losses
        self.readout.value = (
            f"true class {CLASS_NAMES[t]}, Δ = {m:.1f}: hinge Σ = {L['sum']:.4f}"
            f"{SEP}PyTorch Σ÷C = {L['pytorch']:.4f}"
            f"{SEP}Crammer–Singer max = {L['max']:.4f}"
            f"{SEP}cross-entropy = {L['cross_entropy']:.4f}"
            f"{SEP}plotted: {HINGE_CONVENTIONS[form]}"  # the toggle shows here too
        )


class MarginPanel(Panel):
    """Hinge vs cross-entropy on the blobs, scrubbed epoch by epoch (notebook 08).

    The two left plots show each classifier's regions at the chosen epoch, with a ring
    round every example that still pushes the weights (non-zero gradient); the right plots
    show how many do, and ‖W‖, over training. The hinge classifier is trained for every
    Δ of the slider's grid (0.1 to 4 in steps of 0.1) when the panel is built (40 short
    runs, kept for every panel), so neither slider retrains anything.
    """

    figsize = (11.0, 3.0)

    def __init__(self, *, margin: float = 1.0, epoch: int = 300, grid: int = 100):
        super().__init__()
        self.margin = float_slider("margin Δ", margin, 0.1, 4.0, 0.1, fmt=".1f")
        self.epoch = int_slider("epoch", epoch, 0, FIT_CONFIG["epochs"], step=5)
        self.X, self.y = blob_data()
        self._points, extent = decision_grid(self.X, n=grid, pad=0.5)
        self._shape = (grid, grid)
        self._hinge_fits: dict[float, LinearFit] = {}
        s = self.margin
        for value in np.arange(s.min, s.max + s.step / 2, s.step):
            self._hinge_fit(value)
        self.ce_fit = kept_fit("cross_entropy", 1.0)
        axes = self.fig.subplots(1, 4)
        self.regions, self.rings = {}, {}
        for ax, name in zip(axes[:2], FIT_LOSSES):
            fit = self.fits[name]
            self.regions[name] = plot_decision_regions(
                self._labels(fit, epoch), extent, self.X, self.y, ax=ax
            )
            self.rings[name] = plot_active_points(
                self.X, active_examples(fit, self.X, self.y, epoch), ax=ax
            )
            ax.set_title(FIT_LABELS[name], fontsize=10)
        self.history = plot_margin_history(
            self.fits, epoch, ax_active=axes[2], ax_norm=axes[3], labels=FIT_LABELS
        )
        axes[2].set_title("examples still pushing", fontsize=10)
        axes[3].set_title("weight norm", fontsize=10)
        h = self.history
        # regions, then the points above them, then the rings (drawing order)
        self._blit(
            *(a for r in self.regions.values() for a in (r["regions"], *r["train"])),
            *(a["rings"] for a in self.rings.values()),
            *h["active"].values(),
            *h["norm"].values(),
            *h["cursors"],
        )
        self._finish([[self.margin, self.epoch]])

    @property
    def fits(self) -> dict[str, LinearFit]:
        """{"hinge": run at the current Δ, "cross_entropy": run}."""
        return {"hinge": self._hinge_fit(on_grid(self.margin)), "cross_entropy": self.ce_fit}

    def _hinge_fit(self, margin: float) -> LinearFit:
        m = round(float(margin), 6)
        if m not in self._hinge_fits:
            self._hinge_fits[m] = kept_fit("hinge", m)
        return self._hinge_fits[m]

    def _labels(self, fit: LinearFit, epoch: int) -> np.ndarray:
        return np.argmax(fit.scores(self._points, epoch), axis=1).reshape(self._shape)

    def _update(self) -> None:
        e = self.epoch.value
        fits = self.fits
        parts = []
        for name, fit in fits.items():
            active = active_examples(fit, self.X, self.y, e)
            update_decision_regions(self.regions[name], self._labels(fit, e))
            update_active_points(self.rings[name], active)
            parts.append(
                f"{FIT_LABELS[name]}: loss {fit.loss[e]:.4f}, {int(active.sum())} of"
                f" {len(self.y)} examples push, ‖W‖ = {fit.weight_norm[e]:.2f}"
            )
        update_margin_history(self.history, fits, e)
        margin = on_grid(self.margin)
        self.readout.value = f"epoch {e}, Δ = {margin:.1f} — " + SEP.join(parts)
