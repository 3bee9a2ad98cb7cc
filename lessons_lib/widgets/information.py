"""Slider panel for entropy, cross-entropy and KL divergence (notebook 05).

- :class:`InformationPanel` — weights shaping p (the truth) and q (the model) over 3–5
  outcomes; bars of H(p), H(p, q), KL(p‖q) and KL(q‖p) follow.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from ..experiments.information import information_measures, normalise_weights
from ..plots.common import set_title
from ..plots.information import (
    plot_distributions,
    plot_information_bars,
    update_distributions,
    update_information_bars,
)
from ._base import SEP, SUBSCRIPTS, Panel, float_slider, fmt_vector, int_slider

__all__ = ["InformationPanel"]

K_MAX = 5


class InformationPanel(Panel):
    """Shape p (green) and q (blue) with sliders and watch the four measures (notebook 05).

    Each slider is a weight; the panel divides by the sum, so p and q always sum to 1.
    p may contain zeros (a one-hot label is a distribution too); q's weights stay ≥ 0.01,
    like a softmax output, which is never exactly 0. "outcomes" picks K = 3, 4 or 5; the
    buttons load the worked example, the cat/dog/horse prediction, or set q = p.
    """

    figsize = (9.0, 3.2)
    EXAMPLE = ((0.5, 0.3, 0.2, 0.2, 0.2), (0.4, 0.4, 0.2, 0.2, 0.2))
    CAT_DOG_HORSE = ((1.0, 0.0, 0.0), (0.67, 0.24, 0.09))
    Q_MIN = 0.01

    def __init__(self, p_weights=EXAMPLE[0], q_weights=EXAMPLE[1], *, outcomes: int = 3):
        super().__init__()
        p_weights = list(p_weights) + [0.2] * (K_MAX - len(p_weights))
        q_weights = list(q_weights) + [0.2] * (K_MAX - len(q_weights))
        self.outcomes = int_slider("outcomes K", outcomes, 3, K_MAX, width="200px")
        self.p_sliders = [
            float_slider(f"p{SUBSCRIPTS[i]}", p_weights[i], 0.0, 1.0, 0.01, width="180px")
            for i in range(K_MAX)
        ]
        self.q_sliders = [
            float_slider(f"q{SUBSCRIPTS[i]}", q_weights[i], self.Q_MIN, 1.0, 0.01, width="180px")
            for i in range(K_MAX)
        ]
        self.buttons = []
        for label, action in (
            ("worked example", lambda _b: self.set_weights(*self.EXAMPLE, outcomes=3)),
            ("cat / dog / horse", lambda _b: self.set_weights(*self.CAT_DOG_HORSE, outcomes=3)),
            ("q = p", lambda _b: self.set_q_to_p()),
        ):
            button = w.Button(description=label, layout=w.Layout(width="150px"))
            button.on_click(action)
            self.buttons.append(button)
        ax_d, ax_m = self.fig.subplots(1, 2)
        p, q = self.distributions()
        self.dist = plot_distributions(p, q, ax=ax_d, k_max=K_MAX)
        set_title(ax_d, "p and q (weights ÷ their sum)")
        self.measure_bars = plot_information_bars(information_measures(p, q), ax=ax_m)
        set_title(ax_m, "H(p, q) = H(p) + KL(p‖q)")
        m = self.measure_bars
        self._blit(*self.dist["p"], *self.dist["q"], *m["bars"], m["kl_part"], *m["texts"])
        self._finish([[self.outcomes, *self.buttons], self.p_sliders, self.q_sliders])
        self._p_row, self._q_row = self.widget.children[1], self.widget.children[2]
        self._show_rows()

    # -- state ----------------------------------------------------------------------------

    def distributions(self) -> tuple[np.ndarray, np.ndarray]:
        """(p, q) for the current sliders, each of length K."""
        K = self.outcomes.value
        p = normalise_weights([s.value for s in self.p_sliders[:K]])
        q = normalise_weights([s.value for s in self.q_sliders[:K]])
        return p, q

    def set_weights(self, p_weights, q_weights, *, outcomes: int | None = None) -> None:
        """Set several weights (and K) with a single redraw (what the buttons do)."""
        with self.hold():
            if outcomes is not None:
                self.outcomes.value = outcomes
            for s, v in zip(self.p_sliders, p_weights):
                s.value = v
            for s, v in zip(self.q_sliders, q_weights):
                s.value = max(v, self.Q_MIN)

    def set_q_to_p(self) -> None:
        """Make q the normalised p (entries raised to the slider minimum where p is 0)."""
        p, _ = self.distributions()
        self.set_weights([s.value for s in self.p_sliders], p)

    # -- drawing --------------------------------------------------------------------------

    def _show_rows(self) -> None:
        K = self.outcomes.value
        self._p_row.children = tuple(self.p_sliders[:K])
        self._q_row.children = tuple(self.q_sliders[:K])

    def _update(self) -> None:
        p, q = self.distributions()
        values = information_measures(p, q)
        self.values = values
        update_distributions(self.dist, p, q)
        update_information_bars(self.measure_bars, values)
        if hasattr(self, "_p_row"):
            self._show_rows()
        reverse = values["KL(q‖p)"]
        reverse = (
            f"{reverse:.4f}" if np.isfinite(reverse) else "∞ (q gives weight where p has none)"
        )
        self.readout.value = (
            f"p = {fmt_vector(p)}{SEP}q = {fmt_vector(q)}"
            f"<br>H(p) = {values['H(p)']:.4f}{SEP}H(p, q) = {values['H(p, q)']:.4f}{SEP}"
            f"KL(p‖q) = {values['KL(p‖q)']:.4f}{SEP}KL(q‖p) = {reverse}"
        )
