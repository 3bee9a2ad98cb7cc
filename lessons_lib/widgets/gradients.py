"""The vanishing-gradient panel (notebook 09): depth, activation, weight scale and cost;
the gradient of each layer at the start and during a short training run
(:mod:`lessons_lib.experiments.gradients`)."""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as w
import numpy as np

from ..experiments.gradients import MAX_DEPTH, VANISH_CONFIG, per_layer_factor, vanishing_run
from ..plots.gradients import (
    plot_layer_norms,
    plot_norm_history,
    update_layer_norms,
    update_norm_history,
)
from ..training import History
from ._base import SEP, Panel, int_slider, log_slider

__all__ = ["VanishingPanel"]

HIDDEN_LABELS = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU"}
COST_LABELS = {"quadratic_cost": "quadratic", "binary_cross_entropy_with_logits": "cross-entropy"}
CACHE_SIZE = 128  # runs a panel keeps, most recently used first


class VanishingPanel(Panel):
    """Gradient norm of every layer at the start and during training (notebook 09).

    Sliders: depth (1–8 hidden layers of 30), hidden activation, a factor on the initial
    weights, and the cost of the sigmoid output layer. Left: ‖∂C/∂b^l‖ per layer at
    initialisation (log scale); right: the same norms after each epoch of a short run.
    The last 128 settings are kept, so going back to one is instant.
    """

    figsize = (10.5, 3.3)

    def __init__(
        self,
        *,
        depth=4,
        hidden="sigmoid",
        weight_scale=1.0,
        cost="binary_cross_entropy_with_logits",
    ):
        super().__init__()
        self.depth = int_slider("hidden layers", depth, 1, MAX_DEPTH)
        self.hidden = w.ToggleButtons(
            options=[(v, k) for k, v in HIDDEN_LABELS.items()], value=hidden, description="hidden"
        )
        self.weight_scale = log_slider("weight scale", weight_scale, 0.1, 10.0)
        self.cost = w.ToggleButtons(
            options=[(v, k) for k, v in COST_LABELS.items()], value=cost, description="cost"
        )
        self._runs = lru_cache(maxsize=CACHE_SIZE)(vanishing_run)
        h = self.history
        ax_b, ax_t = self.fig.subplots(1, 2)
        self.bars = plot_layer_norms(h.grad_norms[0], ax=ax_b, max_layers=MAX_DEPTH + 1)
        ax_b.set_title("at initialisation")
        self.lines = plot_norm_history(np.array(h.grad_norms), ax=ax_t, max_layers=MAX_DEPTH + 1)
        ax_t.set_title(f"during training ({VANISH_CONFIG['epochs']} epochs)")
        self._blit(*self.bars["bars"], *self.bars["values"], *self.lines["lines"])
        self._finish([[self.depth, self.weight_scale], [self.hidden], [self.cost]])

    def _static_state(self):
        return self.depth.value  # the layer names under the bars

    def key(self) -> tuple:
        """(depth, hidden, weight scale, cost) as set now."""
        return (
            self.depth.value,
            self.hidden.value,
            round(self.weight_scale.value, 6),
            self.cost.value,
        )

    @property
    def history(self) -> History:
        """The run for the current setting (trained on first use, then kept)."""
        return self._runs(*self.key())

    def _update(self) -> None:
        h = self.history
        g0 = h.grad_norms[0]
        update_layer_norms(self.bars, g0)
        update_norm_history(self.lines, np.array(h.grad_norms))
        depth, hidden, scale, cost = self.key()
        parts = [f"{HIDDEN_LABELS[hidden]}, {depth} hidden, scale {scale:.3g}, {COST_LABELS[cost]}"]
        if depth >= 2 and g0[depth - 1] > 0:
            parts.append(
                f"first/last hidden layer at start: {g0[0] / g0[depth - 1]:.1e}"
                f" (× {per_layer_factor(g0):.2f} per layer)"
            )
        elif depth >= 2:
            parts.append("no gradient reaches the hidden layers: the output is saturated")
        parts.append(f"output layer: {g0[-1]:.3f}")
        if h.diverged:
            epoch, batch = h.diverged_at
            parts.append(f"training diverged at epoch {epoch}, batch {batch}")
        else:
            parts.append(f"training accuracy after {h.epochs} epochs: {h.accuracy[-1]:.0%}")
        self.readout.value = SEP.join(parts)
