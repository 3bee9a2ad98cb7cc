"""Panels for the hinge (multiclass SVM) loss vs softmax cross-entropy (notebook 08); the
experiments they show are in :mod:`lessons_lib.experiments.hinge`.

- :class:`HingePanel` — drag three class scores, the margin Δ and the true class: the
  hinge terms, both losses as the true score rises, and both gradients.
- :class:`MarginPanel` — a linear classifier trained with each loss on three blobs with
  eight mislabelled points, scrubbed epoch by epoch: the hinge listens only to the
  examples inside their margins, cross-entropy to every example.
"""

from __future__ import annotations

import math

import ipywidgets as w
import numpy as np

from .. import losses
from ..experiments.hinge import (
    CLASS_NAMES,
    FIT_CONFIG,
    FIT_LOSSES,
    HINGE_CONVENTIONS,
    LOSS_NAMES,
    OUTLIER_CONFIG,
    accuracy,
    active_examples,
    blob_data,
    boundary_lines,
    check_convention,
    compare_losses,
    hinge_loss_grad,
    hinge_terms,
    kept_fit,
    losses_vs_true_score,
    outlier_mask,
    test_data,
)
from ..i18n import N_, fig_text, tr
from ..linear import LinearFit
from ..plots.common import (
    decision_grid,
    plot_decision_regions,
    set_title,
    update_decision_regions,
)
from ..plots.hinge import (
    plot_active_points,
    plot_boundary,
    plot_gradient_bars,
    plot_loss_curves,
    plot_margin_history,
    plot_scores,
    update_active_points,
    update_boundary,
    update_gradient_bars,
    update_loss_curves,
    update_margin_history,
    update_points,
    update_scores,
)
from ..plots.style import COLORS
from ._base import SEP, Panel, float_slider, fmt_vector, int_slider, on_grid

__all__ = ["HingePanel", "MarginPanel"]

SCORE_RANGE = (-10.0, 10.0)
MARGIN_RANGE = (0.0, 10.0)


def curve_window(s_y: float, kinks, current=None) -> tuple[float, float]:
    """x-limits for the loss curves: the true score s_y and every kink s_j + Δ with room
    around them, on even numbers. ``current`` (the limits now) is kept while it still
    fits and is not more than 2.5 times wider than needed; when it must change, the side
    that ran out gets a quarter of the width to spare, so that a drag in that direction
    redraws the axes once every few moves rather than on every move (an axis change is a
    full redraw, a move inside the window a blit)."""
    lo = min(s_y, float(np.min(kinks))) - 2.0
    hi = max(s_y, float(np.max(kinks))) + 3.0
    if current is not None:
        c_lo, c_hi = current
        if c_lo <= lo and c_hi >= hi and (c_hi - c_lo) <= 2.5 * (hi - lo):
            return c_lo, c_hi
        spare = 0.25 * (hi - lo)
        if lo < c_lo:
            lo -= spare
        if hi > c_hi:
            hi += spare
    return 2.0 * math.floor(lo / 2.0), 2.0 * math.ceil(hi / 2.0)


class HingePanel(Panel):
    """Three class scores, the margin Δ, the true class and the hinge convention (notebook 08).

    Left: the scores on a number line with the margin zone [s_y − Δ, s_y]; a wrong class
    inside it has a hinge term (hatched, orange), one below it has none (grey), and the
    true class has no term at all. Middle: the hinge loss (the chosen convention) and
    cross-entropy as the true score s_y rises: the hinge is exactly 0 once every margin is
    met, cross-entropy never is. Right: both gradients ∂L/∂s_j, each bar with its value.
    The default (true class dog) has one margin violated and one met.
    """

    figsize = (11.8, 3.7)

    def __init__(
        self, *, scores=(3.0, 1.0, -3.0), target: int = 1, margin: float = 1.0, form="sum"
    ):
        super().__init__()
        self.scores = [
            float_slider(tr("score {name}", name=tr(name)), float(s), *SCORE_RANGE, 0.1, fmt=".1f")
            for name, s in zip(CLASS_NAMES, scores)
        ]
        self.margin = float_slider(tr("margin Δ"), margin, *MARGIN_RANGE, 0.1, fmt=".1f")
        self.target = w.ToggleButtons(
            options=[(tr(n), i) for i, n in enumerate(CLASS_NAMES)],
            value=target,
            description=tr("true class"),
        )
        self.form = w.ToggleButtons(
            options=[(tr(label), k) for k, label in HINGE_CONVENTIONS.items()],
            value=check_convention(form),
            description=tr("hinge"),
        )
        ax_s, ax_l, ax_g = self.fig.subplots(1, 3, width_ratios=[1.0, 1.25, 1.0])
        self._compute()
        s, t, m = self.values()
        self.score_art = plot_scores(s, t, m, names=CLASS_NAMES, ax=ax_s)
        set_title(ax_s, fig_text("scores and the margin"))
        self.curve_art = plot_loss_curves(self.grid, self.curves, s[t], self.now, ax=ax_l)
        set_title(ax_l, fig_text("each loss as the true score rises"))
        self.grad_art = plot_gradient_bars(
            self.grads["hinge"], self.grads["cross_entropy"], names=CLASS_NAMES, ax=ax_g
        )
        set_title(ax_g, fig_text("gradients: who still pushes"))
        sa, ca, ga = self.score_art, self.curve_art, self.grad_art
        self._blit(
            sa["band"],
            sa["top"],
            sa["line"],
            sa["top_label"],
            sa["line_label"],
            *sa["terms"],
            *sa["ticks"],
            *sa["term_text"],
            *ca["curves"].values(),
            ca["met"],
            *ca["ends"].values(),
            *ca["dots"].values(),
            *ga["hinge"],
            *ga["cross_entropy"],
            *(t for texts in ga["values"].values() for t in texts),
        )
        self._finish([self.scores, [self.margin, self.target], [self.form]])

    def values(self) -> tuple[np.ndarray, int, float]:
        """(scores (3,), true class, Δ) as set now."""
        return np.array([s.value for s in self.scores]), self.target.value, self.margin.value

    def set_scores(self, *scores: float) -> None:
        """Set all three scores with one redraw."""
        with self.hold():
            for slider, v in zip(self.scores, scores):
                slider.value = v

    def _compute(self) -> None:
        """The hinge terms, every loss, both gradients and the loss curves for the controls."""
        s, t, m = self.values()
        form = self.form.value
        self.terms = hinge_terms(s, t, m)
        self.losses = compare_losses(s, t, m)
        self.grads = {
            "hinge": hinge_loss_grad(s, t, m, form),
            "cross_entropy": losses.cross_entropy_grad(s, t),
        }
        ax = getattr(self, "curve_art", {}).get("met")
        current = ax.axes.get_xlim() if ax is not None else None
        kinks = np.delete(s, t) + m
        self.window = curve_window(float(s[t]), kinks, current)
        self.grid = np.linspace(*self.window, 241)
        self.curves = losses_vs_true_score(s, t, m, form, self.grid)
        self.now = {"hinge": self.losses[form], "cross_entropy": self.losses["cross_entropy"]}

    def _update(self) -> None:
        self._compute()
        s, t, m = self.values()
        form = self.form.value
        update_scores(self.score_art, s, t, m)
        ax_l = self.curve_art["met"].axes
        if ax_l.get_xlim() != self.window:
            ax_l.set_xlim(*self.window)
        update_loss_curves(self.curve_art, self.grid, self.curves, s[t], self.now)
        update_gradient_bars(self.grad_art, self.grads["hinge"], self.grads["cross_entropy"])
        L = self.losses
        wrong = [j for j in range(len(s)) if j != t]
        terms = ", ".join(f"{tr(CLASS_NAMES[j])} {self.terms[j]:.2f}" for j in wrong)
        self.readout.value = (
            tr("true class {name}, Δ = {m:.1f}", name=tr(CLASS_NAMES[t]), m=m)
            + SEP
            + tr("hinge terms: {terms}", terms=terms)
            + SEP
            + tr(
                "hinge loss: Σ {s:.4f}, Σ ÷ C {p:.4f}, max {x:.4f}",
                s=L["sum"],
                p=L["pytorch"],
                x=L["max"],
            )
            + SEP
            + tr("cross-entropy {ce:.4f}", ce=L["cross_entropy"])
            + "<br>"
            + tr(
                "∂L/∂s — hinge, {form}: {gh}; cross-entropy: {gc}",
                form=tr(HINGE_CONVENTIONS[form]),
                gh=fmt_vector(self.grads["hinge"], ".3f"),
                gc=fmt_vector(self.grads["cross_entropy"], ".4f"),
            )
        )


DATA_CHOICES = {True: N_("with the 8 mislabelled points"), False: N_("without them")}


class MarginPanel(Panel):
    """Hinge vs cross-entropy on the blobs with eight mislabelled points, scrubbed epoch
    by epoch (notebook 08).

    The two maps show each classifier's regions at the chosen epoch with both boundaries
    (hinge orange and solid, cross-entropy blue and dashed) and a ring round every example
    that still pushes the weights (non-zero gradient); the right plots show how many do,
    and ‖W‖, over training. The toggle trains on the blobs without the eight points. Every
    run (each Δ of the slider's grid, 0.5 to 4 in steps of 0.25, with and without the
    eight) is trained when the first panel is built and kept for every panel, so no
    control retrains anything.
    """

    figsize = (11.8, 3.6)

    def __init__(
        self, *, margin: float = 1.0, epoch: int = FIT_CONFIG["epochs"], outliers: bool = True
    ):
        super().__init__()
        self.margin = float_slider(tr("margin Δ"), margin, 0.5, 4.0, 0.25, fmt=".2f")
        self.epoch = int_slider(tr("epoch"), epoch, 0, FIT_CONFIG["epochs"], step=5)
        self.outliers = w.ToggleButtons(
            options=[(tr(label), v) for v, label in DATA_CHOICES.items()],
            value=bool(outliers),
            description=tr("training set"),
        )
        X_all, _ = blob_data(True)
        self.X_test, self.y_test = test_data()
        self._points, self.extent = decision_grid(X_all, n=100, pad=0.5)
        self._shape = (100, 100)
        self._hinge_fits: dict[tuple[float, bool], LinearFit] = {}
        s = self.margin
        for with_outliers in (True, False):
            for value in np.arange(s.min, s.max + s.step / 2, s.step):
                self._hinge_fit(value, with_outliers)
        self._ce_fits = {v: kept_fit("cross_entropy", 1.0, v) for v in (True, False)}
        axes = self.fig.subplots(1, 4, width_ratios=[1.25, 1.25, 1.0, 1.0])
        X, y = self.data
        fits = self.fits
        e = self.epoch.value
        self.regions, self.rings, self.boundaries, self.notes = {}, {}, {}, {}
        for ax, name in zip(axes[:2], FIT_LOSSES):
            self.regions[name] = plot_decision_regions(
                self._labels(fits[name], e), self.extent, X, y, ax=ax
            )
            self.rings[name] = plot_active_points(X, active_examples(fits[name], X, y, e), ax=ax)
            self.boundaries[name] = {
                other: plot_boundary(*self._boundary(fits[other], e), other, ax=ax)
                for other in FIT_LOSSES
            }
            Xo = X_all[outlier_mask(len(X_all))]
            self.notes[name] = ax.annotate(
                fig_text("{n} mislabelled", n=OUTLIER_CONFIG["n"]),
                xy=(Xo[:, 0].min() - 0.2, Xo[:, 1].min()),
                xytext=(-3, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize=9,
                color=COLORS["true_class"],
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
        set_title(axes[0], fig_text("the hinge classifier"))
        set_title(axes[1], fig_text("the cross-entropy classifier"))
        axes[0].legend(
            handles=list(self.boundaries["hinge"].values()),
            loc="upper left",
            bbox_to_anchor=(0.0, -0.01),
            ncols=2,
            title=fig_text("boundaries"),
        )
        self.history = plot_margin_history(fits, e, ax_active=axes[2], ax_norm=axes[3])
        set_title(axes[2], fig_text("examples still pushing"))
        set_title(axes[3], fig_text("size of the weights"))
        h = self.history
        # regions, then the points above them, then the boundaries and rings (drawing order)
        self._blit(
            *(a for r in self.regions.values() for a in (r["regions"], *r["train"])),
            *(line for b in self.boundaries.values() for line in b.values()),
            *(a["rings"] for a in self.rings.values()),
            *h["active"].values(),
            *h["norm"].values(),
            *h["cursors"],
            *h["counts"].values(),
        )
        self._finish([[self.margin, self.epoch], [self.outliers]])

    def _static_state(self):
        return self.outliers.value  # shows or hides the note on the mislabelled points

    @property
    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """The training set the toggle chooses: (158, 2), (158,) or (150, 2), (150,)."""
        return blob_data(self.outliers.value)

    @property
    def fits(self) -> dict[str, LinearFit]:
        """{"hinge": run at the current Δ, "cross_entropy": run} on the chosen training set."""
        v = self.outliers.value
        return {
            "hinge": self._hinge_fit(on_grid(self.margin), v),
            "cross_entropy": self._ce_fits[v],
        }

    def _hinge_fit(self, margin: float, outliers: bool = True) -> LinearFit:
        key = (round(float(margin), 6), bool(outliers))
        if key not in self._hinge_fits:
            self._hinge_fits[key] = kept_fit("hinge", *key)
        return self._hinge_fits[key]

    def _labels(self, fit: LinearFit, epoch: int) -> np.ndarray:
        return np.argmax(fit.scores(self._points, epoch), axis=1).reshape(self._shape)

    def _boundary(self, fit: LinearFit, epoch: int):
        return boundary_lines(fit.W_path[epoch], fit.b_path[epoch], self.extent)

    def _update(self) -> None:
        e = self.epoch.value
        X, y = self.data
        fits = self.fits
        for name, fit in fits.items():
            update_decision_regions(self.regions[name], self._labels(fit, e))
            update_points(self.regions[name], X, y)
            update_active_points(self.rings[name], active_examples(fit, X, y, e), X)
            for other, line in self.boundaries[name].items():
                update_boundary(line, *self._boundary(fits[other], e))
            self.notes[name].set_visible(self.outliers.value)
        update_margin_history(self.history, fits, e)
        parts = []
        for name, fit in fits.items():
            parts.append(
                tr(
                    "{loss}: loss {value:.3f}, {k} of {n} examples push, ‖W‖ = {norm:.2f}, "
                    "accuracy on fresh clean points {acc:.1%}",
                    loss=tr(LOSS_NAMES[name]),
                    value=float(fit.loss[e]),
                    k=int(fit.n_active[e]),
                    n=len(y),
                    norm=float(fit.weight_norm[e]),
                    acc=accuracy(fit, self.X_test, self.y_test, e),
                )
            )
        self.readout.value = tr(
            "epoch {e}, Δ = {m:.2f}: {parts}", e=e, m=on_grid(self.margin), parts=SEP.join(parts)
        )
