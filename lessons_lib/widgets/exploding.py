"""The exploding-gradient panel (notebook 10): explosion, then remedies.

A deep ReLU net whose initial weights are He's × a weight scale
(:mod:`lessons_lib.experiments.exploding`). Left, the explosion: every layer's gradient
before training at scale 1 and at the slider's scale, on one log axis. Right, the
remedies: the training loss step by step of the run as set (a ✕ where it became NaN)
beside the same run with each remedy alone — a 1000× smaller η, clipping, He's scale 1,
L2 — on one axis.
"""

from __future__ import annotations

import math
from functools import lru_cache

import ipywidgets as w
import numpy as np

from ..experiments.exploding import (
    REMEDIES,
    StepRecord,
    backward_factor,
    exploding_data,
    exploding_net,
    fmt_number,
    initial_gradients,
    remedy_name,
    remedy_settings,
    step_run,
)
from ..i18n import fig_text, tr
from ..plots.common import set_title
from ..plots.exploding import (
    plot_layer_gradients,
    plot_step_curves,
    update_layer_gradients,
    update_step_curves,
)
from ._base import SEP, SLIDER_STYLE, Panel, float_slider, on_grid

__all__ = ["ExplodingPanel"]

CLIP_OPTIONS = (("‖g‖ ≤ 10", 10.0), ("‖g‖ ≤ 1", 1.0))
# A move trains five networks (the run as set and four remedies, ~0.1 s together), so the
# controls take the values of a grid whose runs are kept once made (for every panel of
# the process), and the default η's row of scales is trained when the panel is built:
# dragging the scale is then instant, and a new η costs one training per scale.
SCALE_RANGE, SCALE_STEP = (0.5, 3.0), 0.25
ETAS = (1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3)


@lru_cache(maxsize=1)
def _loss_top() -> float:
    """The top of the loss axis: a decade above the largest loss any scale starts from."""
    X, Y = exploding_data()
    start = exploding_net(SCALE_RANGE[1]).loss(X, Y)
    return 10.0 ** math.ceil(math.log10(start))


class ExplodingPanel(Panel):
    """Explosion, then remedies (notebook 10).

    Controls: the weight scale (1 = He's initialisation), η, and the clipping remedy's
    threshold c. Left: ‖∂C/∂b^l‖ of every layer before training at scale 1 and at the
    set scale, with the first layer's value and the average factor per layer written on
    the figure. Right: the training loss after every mini-batch step (log scales) of the
    run as set and of each remedy applied to it alone; a ✕ marks where a run's
    parameters became NaN. The readout carries the numbers.
    """

    figsize = (10.5, 3.6)

    def __init__(self, *, weight_scale: float = 2.0, eta: float = 0.01, clip: float = 10.0):
        super().__init__()
        self.weight_scale = float_slider(tr("weight scale"), weight_scale, *SCALE_RANGE, SCALE_STEP)
        self.eta = w.SelectionSlider(
            options=[(fmt_number(v, trim=True), v) for v in ETAS],
            value=eta,
            description="η",
            style=SLIDER_STYLE,
            layout=w.Layout(width="260px"),
        )
        self.clip = w.ToggleButtons(
            options=list(CLIP_OPTIONS), value=clip, description=tr("clipping")
        )
        for scale in np.arange(SCALE_RANGE[0], SCALE_RANGE[1] + SCALE_STEP / 2, SCALE_STEP):
            self.runs(round(float(scale), 6), eta, clip)  # the default η's row, trained now
        self.reference = initial_gradients(1.0)
        ax_g, ax_l = self.fig.subplots(1, 2, width_ratios=(1.0, 1.45))
        scale = self.key()[0]
        self.grads = plot_layer_gradients(
            self.reference, initial_gradients(scale), ax=ax_g, scale=scale
        )
        set_title(ax_g, fig_text("gradient per layer before training"))
        self.curves = plot_step_curves(self.runs(), ax=ax_l, top=_loss_top())
        set_title(ax_l, fig_text("the run as set, and each remedy alone"))
        g, c = self.grads, self.curves
        self._blit(
            g["current"],
            g["value"],
            g["label"],
            *c["lines"].values(),
            *c["crosses"].values(),
        )
        self._finish([[self.weight_scale, self.eta, self.clip]])

    def key(self) -> tuple:
        """(weight scale on its grid, η, clipping threshold) as set now."""
        return (on_grid(self.weight_scale), self.eta.value, self.clip.value)

    def runs(self, *key) -> dict[str, StepRecord]:
        """{run key: StepRecord} for the run as set and each remedy, at ``key`` = (scale,
        η, clip) or as set now (cached for the process)."""
        settings = remedy_settings(*(key or self.key()))
        return {name: step_run(**settings[name]) for name in REMEDIES}

    @property
    def history(self) -> StepRecord:
        """The run as set (trained on first use, then kept)."""
        return self.runs()["as_set"]

    def _update(self) -> None:
        scale, eta, clip = self.key()
        norms = initial_gradients(scale)
        update_layer_gradients(self.grads, norms, scale)
        runs = self.runs()
        update_step_curves(self.curves, runs)
        ref = self.reference
        parts = [
            tr(
                "scale {scale}: the gradient grows ×{factor} per layer on the way back "
                "(×{ref_factor} at scale 1)",
                scale=f"{scale:.2f}",
                factor=f"{backward_factor(norms):.2f}",
                ref_factor=f"{backward_factor(ref):.2f}",
            ),
            tr(
                "first-layer gradient {value} ({ref} at scale 1)",
                value=fmt_number(norms[0]),
                ref=fmt_number(ref[0]),
            ),
        ]
        for key in REMEDIES:
            name = tr("no remedy") if key == "as_set" else remedy_name(key, scale, eta, clip)
            text = tr("{run}: {outcome}", run=name, outcome=runs[key].describe())
            parts.append(f"<b>{text}</b>" if key == "as_set" else text)
        self.readout.value = SEP.join(parts)
