"""The vanishing-gradient panel (notebook 09): depth, activation, weight scale and cost;
the gradient of each layer at the start (a staircase against the layer counted back from
the output) and during a short training run (:mod:`lessons_lib.experiments.gradients`)."""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from ..experiments.gradients import (
    MAX_DEPTH,
    VANISH_CONFIG,
    VanishingRun,
    first_last_ratio,
    per_layer_factor,
    vanishing_run,
)
from ..i18n import fig_text, tr
from ..plots.gradients import (
    _log_limits,
    plot_norm_history,
    plot_staircase,
    staircase_legend,
    update_norm_history,
    update_staircase,
)
from ._base import SEP, Panel, int_slider, log_slider

__all__ = ["VanishingPanel"]


class VanishingPanel(Panel):
    """Gradient norm of every layer at the start and during training (notebook 09).

    Controls: depth (1–8 hidden layers of 30), hidden activation, a factor on the initial
    weights, and the cost of the sigmoid output layer. Left: ‖∂C/∂b^l‖ per layer at
    initialisation against the layer counted back from the output, with the dashed
    ×¼-per-layer reference and the measured factor per layer; right, on the same y-axis:
    the same norms after each epoch of a 15-epoch run, each layer in its colour. Runs are
    cached (:func:`~lessons_lib.experiments.gradients.vanishing_run`), so going back to a
    setting is instant.
    """

    figsize = (10.5, 3.4)

    def __init__(
        self,
        *,
        depth=4,
        hidden="sigmoid",
        weight_scale=1.0,
        cost="binary_cross_entropy_with_logits",
    ):
        super().__init__()
        self.depth = int_slider(tr("hidden layers"), depth, 1, MAX_DEPTH)
        self.hidden = w.ToggleButtons(
            options=[(tr("sigmoid"), "sigmoid"), (tr("tanh"), "tanh"), (tr("ReLU"), "relu")],
            value=hidden,
            description=tr("hidden"),
        )
        self.weight_scale = log_slider(tr("weight scale"), weight_scale, 0.1, 10.0)
        self.cost = w.ToggleButtons(
            options=[
                (tr("quadratic"), "quadratic_cost"),
                (tr("cross-entropy"), "binary_cross_entropy_with_logits"),
            ],
            value=cost,
            description=tr("cost"),
        )
        run = self.history
        ax_s, ax_t = self.fig.subplots(1, 2, sharey=True)
        self.stairs = plot_staircase(run.grad_norms[0], ax=ax_s, max_layers=MAX_DEPTH + 1)
        ax_s.set_title(fig_text("at the start"))
        self.note = ax_s.text(0.03, 0.96, "", transform=ax_s.transAxes, ha="left", va="top")
        staircase_legend(
            ax_s,
            [],
            reference_label=fig_text(r"$\times 1/4$ per layer ($\sigma' \leq 1/4$, $|w| \leq 1$)"),
            loc="lower right",
        )
        self.lines = plot_norm_history(
            run.grad_norms,
            ax=ax_t,
            max_layers=MAX_DEPTH + 1,
            epochs=VANISH_CONFIG["epochs"],
            colors_by_output=True,
            labels=True,
        )
        ax_t.set_title(fig_text("during training ({n} epochs)", n=VANISH_CONFIG["epochs"]))
        ax_t.tick_params(labelleft=True)
        self.stopped = ax_t.text(
            0.5, 0.5, "", transform=ax_t.transAxes, ha="center", va="center", fontsize=10
        )
        self._fit_limits(run, force=True)
        st = self.stairs
        self._blit(
            st["line"],
            st["points"],
            st["spread"],
            st["reference"],
            self.note,
            self.stopped,
            *self.lines["lines"],
            *self.lines["labels"],
        )
        self._finish([[self.depth, self.weight_scale], [self.hidden], [self.cost]])

    def key(self) -> tuple:
        """(depth, hidden, weight scale, cost) as set now."""
        return (
            self.depth.value,
            self.hidden.value,
            round(self.weight_scale.value, 6),
            self.cost.value,
        )

    @property
    def history(self) -> VanishingRun:
        """The run for the current setting (trained on first use, then kept)."""
        return vanishing_run(*self.key())

    def _fit_limits(self, run: VanishingRun, *, force: bool = False) -> None:
        """One y-range for both axes: the staircase, its reference and the whole run."""
        values = np.concatenate([np.ravel(run.grad_norms), self.stairs["reference"].get_ydata()])
        _log_limits(self.stairs["line"].axes, values, force=force)

    def _update(self) -> None:
        run = self.history
        g0 = run.grad_norms[0]
        update_staircase(self.stairs, g0, fit_limits=False)
        update_norm_history(self.lines, run.grad_norms, fit_limits=False)
        self._fit_limits(run)
        depth = self.depth.value
        factor = per_layer_factor(g0) if depth >= 2 else float("nan")
        # the note goes where the staircase is not: top left, or top right when the
        # gradient grows towards the input (then the first layers are at the top left)
        grows = bool(factor > 1)
        self.note.set_x(0.97 if grows else 0.03)
        self.note.set_ha("right" if grows else "left")
        if depth >= 2 and np.isfinite(factor):
            self.note.set_text(fig_text("measured: × {f:.2f} per layer", f=factor))
            parts = [
                tr(
                    "factor per layer at the start: × {factor:.2f} "
                    "(first / last hidden layer: {ratio:.1e})",
                    factor=factor,
                    ratio=first_last_ratio(g0),
                )
            ]
        elif depth >= 2:
            self.note.set_text(fig_text("no gradient reaches the hidden layers"))
            parts = [tr("no gradient reaches the hidden layers: the output is saturated")]
        else:
            self.note.set_text("")
            parts = [tr("one hidden layer: no factor between hidden layers yet")]
        parts.append(tr("output layer at the start: {g:.2g}", g=g0[-1]))
        self.stopped.set_text("")
        if run.diverged:
            epoch, batch = run.diverged_at
            self.stopped.set_text(
                fig_text("diverged at epoch {epoch}, batch {batch}", epoch=epoch, batch=batch)
            )
            parts.append(
                tr("training diverged at epoch {epoch}, batch {batch}", epoch=epoch, batch=batch)
            )
        else:
            parts.append(
                tr(
                    "training accuracy after {n} epochs: {acc:.0%}",
                    n=run.epochs,
                    acc=run.accuracy,
                )
            )
        self.readout.value = SEP.join(parts)
