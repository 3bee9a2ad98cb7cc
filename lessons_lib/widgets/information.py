"""Slider panel for entropy, cross-entropy and KL divergence (notebook 05).

- :class:`InformationPanel` — weights shaping p (the truth) and q (the model) over 3–5
  outcomes; beside them the identity H(p, q) = H(p) + KL(p‖q) as a picture, and KL(p‖q)
  next to KL(q‖p) on their own axis.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from ..experiments.information import (
    CAT_DOG_HORSE,
    OVERCONFIDENT,
    WORKED_EXAMPLE,
    information_measures,
    normalise_weights,
)
from ..i18n import fig_text, tr
from ..plots.common import set_title
from ..plots.information import (
    plot_distributions,
    plot_identity,
    plot_kl_pair,
    update_distributions,
    update_identity,
    update_kl_pair,
)
from ._base import (
    SEP,
    SUBSCRIPTS,
    Panel,
    control_text,
    float_slider,
    fmt_vector,
    int_slider,
    plain_text,
)

__all__ = ["InformationPanel", "K_MAX"]

K_MAX = 5
_EXTRA = 0.2  # the weight of outcomes 4 and 5 until a button sets them


def _padded(weights) -> list[float]:
    weights = [float(v) for v in weights]
    if not 1 <= len(weights) <= K_MAX:
        raise ValueError(f"weights: expected 1 to {K_MAX} numbers, got {len(weights)}")
    return weights + [_EXTRA] * (K_MAX - len(weights))


class InformationPanel(Panel):
    """Shape p (black) and q (blue) with sliders; watch H(p, q) = H(p) + KL(p‖q) and the two
    KL divergences (notebook 05).

    Each slider is a weight; the panel divides by the sum, so p and q always sum to 1.
    p may contain zeros (a one-hot label is a distribution too); q's weights stay ≥ 0.01,
    like a softmax output, which is never exactly 0, so H(p, q) and KL(p‖q) stay finite
    (KL(q‖p) is ∞ where p has a zero). "outcomes K" picks 3, 4 or 5. It starts at an
    overconfident model (p = [0.5, 0.3, 0.2], q = [0.96, 0.02, 0.02]), where KL is large
    and visibly not symmetric; the buttons load that pair again, the curriculum's worked
    example, the cat/dog/horse prediction, or set q = p.
    """

    figsize = (10.0, 3.4)
    DEFAULT = OVERCONFIDENT
    EXAMPLE = WORKED_EXAMPLE
    CAT_DOG_HORSE = CAT_DOG_HORSE
    Q_MIN = 0.01

    def __init__(self, p_weights=DEFAULT[0], q_weights=DEFAULT[1], *, outcomes: int = 3):
        super().__init__()
        p_weights, q_weights = _padded(p_weights), _padded(q_weights)
        self.outcomes = int_slider(tr("outcomes K"), outcomes, 3, K_MAX, width="200px")
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
            (tr("overconfident q"), lambda _b: self.set_weights(*self.DEFAULT, outcomes=3)),
            (tr("worked example"), lambda _b: self.set_weights(*self.EXAMPLE, outcomes=3)),
            (tr("cat / dog / horse"), lambda _b: self.set_weights(*self.CAT_DOG_HORSE, outcomes=3)),
            (tr("q = p"), lambda _b: self.set_q_to_p()),
        ):
            button = w.Button(description=label, layout=w.Layout(width="150px"))
            button.on_click(action)
            self.buttons.append(button)
        ax_d, ax_i, ax_k = self.fig.subplots(1, 3, width_ratios=(1.15, 1.35, 0.8))
        p, q = self.distributions()
        values = information_measures(p, q)
        self.dist = plot_distributions(p, q, ax=ax_d, k_max=K_MAX)
        self.identity = plot_identity(values, ax=ax_i)
        set_title(ax_i, r"$H(p,q) = H(p) + \mathrm{KL}(p\,\|\,q)$")
        self.kl_pair = plot_kl_pair(values, ax=ax_k)
        set_title(ax_k, fig_text("KL is not symmetric"))
        i, k = self.identity, self.kl_pair
        self._blit(
            *self.dist["p"],
            *self.dist["q"],
            i["cross_entropy"],
            i["entropy"],
            i["kl"],
            i["level"],
            *i["brackets"],
            *i["labels"],
            i["total"],
            *k["bars"],
            *k["texts"],
        )
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

    def caption(self) -> str:
        """The settings of the controls a learner sees (the first K weights of p and q)
        and the readout: what a reader without a kernel needs beside the figure."""
        K = self.outcomes.value
        shown = [self.outcomes, *self.p_sliders[:K], *self.q_sliders[:K]]
        return " · ".join(map(control_text, shown)) + "\n" + plain_text(self.readout.value)

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
        update_identity(self.identity, values)
        update_kl_pair(self.kl_pair, values)
        if hasattr(self, "_p_row"):
            self._show_rows()
        reverse = values["KL(q‖p)"]
        reverse = (
            f"{reverse:.4f}"
            if np.isfinite(reverse)
            else tr("∞ (q puts weight on an outcome that p rules out)")
        )
        self.readout.value = (
            f"p = {fmt_vector(p)}{SEP}q = {fmt_vector(q)}"
            f"<br>H(p) = {values['H(p)']:.4f}{SEP}KL(p‖q) = {values['KL(p‖q)']:.4f}{SEP}"
            f"H(p, q) = {values['H(p, q)']:.4f}{SEP}KL(q‖p) = {reverse}"
        )
