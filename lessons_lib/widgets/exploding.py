"""The exploding-gradient panel (notebook 10): a deep ReLU net whose initial weights are
scaled up, with η and gradient clipping (:mod:`lessons_lib.experiments.exploding`)."""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as w
import numpy as np

from ..experiments.exploding import EXPLODE_CONFIG, describe_run, exploding_run, first_step_sizes
from ..plots.common import rescale
from ..plots.exploding import DIVERGED_COLOR, plot_loss_history, update_loss_history
from ..plots.gradients import (
    plot_layer_norms,
    plot_norm_history,
    update_layer_norms,
    update_norm_history,
)
from ..training import History
from ._base import SEP, Panel, float_slider, log_slider

__all__ = ["ExplodingPanel"]

CLIP_OPTIONS = (("off", 0.0), ("‖g‖ ≤ 10", 10.0), ("‖g‖ ≤ 1", 1.0))
CACHE_SIZE = 128  # runs a panel keeps, most recently used first


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
