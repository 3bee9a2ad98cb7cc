"""Panels for vanishing and exploding gradients (notebooks 09, 10); the experiments they
show are in :mod:`lessons_lib.experiments.gradients`.

- :class:`VanishingPanel` — depth, activation, weight scale and cost; the gradient of each
  layer at the start and during a short training run.
- :class:`ExplodingPanel` — a deep ReLU net whose weights are scaled up: the loss jumps and
  the parameters become NaN, reported as a result, never as a Python warning.
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as w
import numpy as np

from ..experiments.gradients import (
    EXPLODE_CONFIG,
    MAX_DEPTH,
    VANISH_CONFIG,
    describe_run,
    exploding_run,
    first_step_sizes,
    per_layer_factor,
    vanishing_run,
)
from ..plots.common import rescale
from ..plots.gradients import (
    DIVERGED_COLOR,
    plot_layer_norms,
    plot_loss_history,
    plot_norm_history,
    update_layer_norms,
    update_loss_history,
    update_norm_history,
)
from ..training import History
from ._base import SEP, Panel, float_slider, int_slider, log_slider

__all__ = ["VanishingPanel", "ExplodingPanel"]

HIDDEN_LABELS = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU"}
COST_LABELS = {"quadratic_cost": "quadratic", "binary_cross_entropy_with_logits": "cross-entropy"}
CLIP_OPTIONS = (("off", 0.0), ("‖g‖ ≤ 10", 10.0), ("‖g‖ ≤ 1", 1.0))
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


# -- exploding gradients --------------------------------------------------------------------


class ExplodingPanel(Panel):
    """A deep ReLU net whose initial weights are scaled up (notebook 10).

    Sliders: weight scale (1 = He's initialisation), η, and gradient clipping. Left: each
    layer's ‖∂C/∂b^l‖ at the start (log scale), and in red the step η·‖∂C/∂b^l‖ a layer
    would take (clipped if clipping is on) — η moves it even where every run diverges at
    once; middle: the training loss, with a red ✕ where the parameters became NaN; right:
    each layer's gradient norm after every epoch.
    """

    figsize = (10.5, 3.3)

    def __init__(self, *, weight_scale: float = 2.0, eta: float = 0.01, clip: float = 0.0):
        super().__init__()
        self.weight_scale = float_slider("weight scale", weight_scale, 0.5, 3.0, 0.05)
        self.eta = log_slider("η", eta, 1e-4, 0.3)
        self.clip = w.ToggleButtons(options=list(CLIP_OPTIONS), value=clip, description="clip")
        self._runs = lru_cache(maxsize=CACHE_SIZE)(
            lambda scale, eta, clip: exploding_run(scale, eta, clip_norm=clip or None)
        )
        h = self.history
        ax_b, ax_l, ax_g = self.fig.subplots(1, 3)
        depth = EXPLODE_CONFIG["depth"]
        self.bars = plot_layer_norms(h.grad_norms[0], ax=ax_b, max_layers=depth + 1)
        (self.steps,) = ax_b.plot([], [], "_", color=DIVERGED_COLOR, ms=16, mew=2.5)
        ax_b.set_title("gradient at the start; red: η × it")
        self.loss = plot_loss_history(
            h.loss, h.diverged_at, ax=ax_l, epochs=EXPLODE_CONFIG["epochs"]
        )
        ax_l.set_title("training loss ½‖a − y‖²")
        self.lines = plot_norm_history(
            np.array(h.grad_norms), ax=ax_g, max_layers=depth + 1, epochs=EXPLODE_CONFIG["epochs"]
        )
        ax_g.set_title("gradient during training")
        lo = self.loss
        self._blit(
            *self.bars["bars"],
            self.steps,
            *self.bars["values"],
            lo["loss"],
            lo["marker"],
            lo["note"],
            *self.lines["lines"],
        )
        self._finish([[self.weight_scale, self.eta], [self.clip]])

    def key(self) -> tuple:
        """(weight scale, η, clip norm or 0) as set now."""
        return (round(self.weight_scale.value, 6), round(self.eta.value, 8), self.clip.value)

    @property
    def history(self) -> History:
        """The run for the current setting (trained on first use, then kept)."""
        return self._runs(*self.key())

    def _update_bars(self, h: History, steps: np.ndarray) -> None:
        """Bars of the initial gradient and the step markers, on one log axis."""
        g = h.grad_norms[0]
        ax = self.bars["bars"][0].axes
        shown = np.concatenate([g, steps])
        shown = shown[np.isfinite(shown) & (shown > 0)]
        if shown.size:
            # what plot_layer_norms' own fit asks for (bars), extended down to the steps
            hi = 2.0 * float(shown.max())
            lo = min(float(shown.min()) / 2.0, hi / 100.0)
            rescale(ax, lo, hi)
        update_layer_norms(self.bars, g)
        if shown.size:
            bottom, top = ax.get_ylim()
            if not (bottom <= lo and hi <= top):  # the bars' fit shrank the axis: refit
                rescale(ax, lo, hi, force=True)
                update_layer_norms(self.bars, g)
        v = np.where(np.isfinite(steps) & (steps > 0), steps, np.nan)
        self.steps.set_data(np.arange(len(v)), v)

    def _update(self) -> None:
        h = self.history
        scale, eta, clip = self.key()
        self._update_bars(h, first_step_sizes(h, eta, clip))
        update_loss_history(self.loss, h.loss, h.diverged_at)
        update_norm_history(self.lines, np.array(h.grad_norms))
        self.readout.value = (
            f"scale {scale:.2f}, η = {eta:.3g}, clipping {'off' if not clip else f'at {clip:g}'}"
            f"{SEP}first-layer gradient at the start: {h.grad_norms[0][0]:.3g}"
            f"{SEP}<b>{describe_run(h)}</b>"
        )
