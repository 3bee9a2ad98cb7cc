"""Slider panels for the softmax lessons (notebooks 03, 04 and 06).

- :class:`LogitsPanel` — four logits and a temperature → softmax probabilities, the
  log-likelihood cost of a chosen true class and its gradient a − y (notebook 03).
- :class:`SoftmaxSigmoidPanel` — the same logits through softmax and through independent
  sigmoids, side by side, with their sums (notebook 04).
- :class:`JacobianPanel` — the softmax Jacobian diag(a) − a aᵀ as a heat map, and the
  gradient it passes on under cross-entropy and under the quadratic cost (notebook 06).

Classes are numbered from 0, as in the code (``losses.cross_entropy(z, y)`` with y = 2 is
the third class). Every number shown is computed by :mod:`lessons_lib.activations` and
:mod:`lessons_lib.losses`.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from ..activations import sigmoid, softmax, softmax_jacobian, softmax_vjp
from ..gradcheck import numerical_jacobian, rel_error, verdict
from ..i18n import N_, fig_text, tr
from ..losses import cross_entropy, cross_entropy_grad
from ..plots.common import set_title
from ..plots.softmax import (
    plot_grouped_bars,
    plot_jacobian,
    plot_value_bars,
    update_grouped_bars,
    update_jacobian,
    update_value_bars,
)
from ..plots.style import COLORS, LINESTYLES
from ._base import SEP, Panel, float_slider, fmt_vector, log_slider

__all__ = [
    "LOGIT_RANGE",
    "TEMPERATURE_RANGE",
    "LogitsPanel",
    "SoftmaxSigmoidPanel",
    "JacobianPanel",
]

LOGIT_RANGE = (-5.0, 5.0)
TEMPERATURE_RANGE = (0.1, 10.0)
PROBABILITY_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
SUBSCRIPT_DIGITS = "₀₁₂₃₄₅₆₇₈₉"


def _logit_sliders(values, names=None, width="200px"):
    """One slider per logit, named z₀, z₁, … (or z(name))."""
    sliders = []
    for i, v in enumerate(values):
        label = f"z{SUBSCRIPT_DIGITS[i]}" if names is None else f"z({names[i]})"
        sliders.append(float_slider(label, float(v), *LOGIT_RANGE, 0.1, fmt=".1f", width=width))
    return sliders


def _class_toggle(n: int, value: int):
    """Buttons 0 … n − 1 choosing the true class y."""
    return w.ToggleButtons(
        options=[(str(i), i) for i in range(n)],
        value=value,
        description=tr("true class y"),
        style={"button_width": "36px"},
    )


def _class_ticks(axes, n: int, y: int) -> None:
    """Class numbers under the bars, the true class marked "y" (a second cue beside its
    colour)."""
    labels = [f"{i}\n$y$" if i == y else f"{i}\n" for i in range(n)]
    for ax in axes:
        ax.set_xticks(range(n), labels)


def _moving(*value_bars):
    """The artists of :func:`plot_value_bars` dicts that a slider move changes (to blit)."""
    return [a for bars in value_bars for a in (*bars["bars"], *bars["texts"])]


def _check_logits(logits, n_min=2, n_max=6) -> np.ndarray:
    z = np.asarray(logits, dtype=np.float64)
    if z.ndim != 1 or not n_min <= z.size <= n_max:
        raise ValueError(f"logits: expected a vector of {n_min} to {n_max} values, got {z.shape}")
    lo, hi = LOGIT_RANGE
    if not np.all((z >= lo) & (z <= hi)):
        raise ValueError(f"logits: every value must lie in [{lo:g}, {hi:g}]")
    return z


class LogitsPanel(Panel):
    """Four logits z and a temperature T → a = softmax(z / T) as bars (notebook 03).

    Left: the logits; middle: the probabilities (the true class y in the truth colour,
    marked under its bar); right: the error a − y, which is ∂C/∂z of the log-likelihood
    cost C = −ln a_y at T = 1 (at other T, ∂C/∂z = (a − y)/T). Readout: a, Σ a, the most
    probable class and C.
    """

    figsize = (10.0, 3.1)
    START = (2.5, -1.0, 3.2, 0.5)

    def __init__(self, logits=START, *, temperature=1.0, target=2):
        super().__init__()
        logits = _check_logits(logits, 4, 4)
        if target not in range(4):
            raise ValueError(f"target: expected a class 0 to 3, got {target!r}")
        self.z = _logit_sliders(logits)
        self.temperature = log_slider(tr("temperature T"), temperature, *TEMPERATURE_RANGE)
        self.target = _class_toggle(4, target)
        ax_z, ax_a, ax_g = self.fig.subplots(1, 3)
        zeros = np.zeros(4)
        names = [str(i) for i in range(4)]
        self.bars = {
            "logits": plot_value_bars(
                zeros,
                names,
                ax=ax_z,
                color=COLORS["reference"],
                ylim=(-5.6, 5.6),
                fmt="{:.1f}",
                title=fig_text("logits $z$ (scores)"),
            ),
            "probabilities": plot_value_bars(
                zeros,
                names,
                ax=ax_a,
                ylim=(0.0, 1.3),
                ticks=PROBABILITY_TICKS,
                title=r"$a = \mathrm{softmax}(z/T)$",
            ),
            "error": plot_value_bars(
                zeros,
                names,
                ax=ax_g,
                ylim=(-1.1, 1.1),
                fmt="{:+.3f}",
                title=fig_text(r"error $a - y$, which is $\partial C/\partial z$ at $T = 1$"),
            ),
        }
        self.cost_text = ax_a.text(1.5, 1.27, "", ha="center", va="top", fontsize=10)
        ax_z.set_ylabel(fig_text("score"))
        ax_a.set_ylabel(fig_text("probability"))
        ax_g.set_ylabel(fig_text("error"))
        for ax in (ax_z, ax_a, ax_g):
            ax.set_xlabel(fig_text("class"))
        self._axes = (ax_z, ax_a, ax_g)
        self._blit(*_moving(*self.bars.values()), self.cost_text)
        self._finish([self.z, [self.temperature, self.target]])

    def logits(self) -> np.ndarray:
        """The slider logits z, shape (4,)."""
        return np.array([s.value for s in self.z])

    def probabilities(self) -> np.ndarray:
        """a = softmax(z / T) for the current sliders, shape (4,)."""
        return softmax(self.logits() / self.temperature.value)

    def _static_state(self):
        return self.target.value  # the "y" under the true class's bars

    def _update(self) -> None:
        z = self.logits()
        zt = z / self.temperature.value
        y = self.target.value
        a = softmax(zt)
        cost = float(cross_entropy(zt, y))  # −ln a_y, from log-softmax
        error = cross_entropy_grad(zt, y)  # ∂C/∂(z/T) = a − one_hot(y)
        colors = [COLORS["true_class"] if i == y else COLORS["softmax"] for i in range(4)]
        _class_ticks(self._axes, 4, y)
        update_value_bars(self.bars["logits"], z)
        update_value_bars(self.bars["probabilities"], a, colors=colors)
        update_value_bars(self.bars["error"], error, colors=colors)
        self.cost = cost
        self.cost_text.set_text(rf"$C = -\ln a_{y} = {cost:.3f}$")
        top = int(np.argmax(a))
        self.readout.value = SEP.join(
            [
                f"a = {fmt_vector(a, '.4f')}",
                f"Σ a = {a.sum():.4f}",
                tr("most probable: class {top}", top=top),
                tr(
                    "log-likelihood cost C = −ln a<sub>{y}</sub> = {cost:.4f}",
                    y=y,
                    cost=cost,
                ),
            ]
        )


class SoftmaxSigmoidPanel(Panel):
    """The same logits through softmax (left) and through one sigmoid each (right) (nb 04).

    A shift slider adds the same c to every logit: softmax does not change, the sigmoids
    all do. Each plot writes its sum (Σ a = 1 always; Σ σ anything from 0 to K); the dotted
    line marks the usual 0.5 threshold of the sigmoid labels.
    """

    figsize = (9.0, 3.2)
    LABELS = (N_("vocal"), N_("dance"), N_("soundtrack"), N_("pop"))
    START = (2.0, -1.5, 0.5, 1.0)

    def __init__(self, logits=START, *, labels=LABELS, shift=0.0):
        super().__init__()
        self.labels = [tr(str(s)) for s in labels]
        logits = _check_logits(logits)
        if logits.size != len(self.labels):
            raise ValueError(
                f"logits: expected one value per label ({len(self.labels)}), got {logits.size}"
            )
        self.z = _logit_sliders(logits, self.labels, width="230px")
        # a long description needs a wide slider, or the track shrinks to nothing
        self.shift = float_slider(
            tr("shift c (added to every z)"), shift, *LOGIT_RANGE, 0.1, fmt=".1f", width="460px"
        )
        ax_s, ax_g = self.fig.subplots(1, 2, sharey=True)
        zeros = np.zeros(len(self.labels))
        self.bars = {
            "softmax": plot_value_bars(
                zeros,
                self.labels,
                ax=ax_s,
                color=COLORS["softmax"],
                ylim=(0.0, 1.12),
                ticks=PROBABILITY_TICKS,
                title=fig_text(r"$\mathrm{softmax}(z + c)$: one label"),
            ),
            "sigmoid": plot_value_bars(
                zeros,
                self.labels,
                ax=ax_g,
                color=COLORS["sigmoid"],
                ylim=(0.0, 1.12),
                ticks=PROBABILITY_TICKS,
                title=fig_text(r"$\sigma(z + c)$ for each label: any number of labels"),
            ),
        }
        ax_s.set_ylabel(fig_text("probability"))
        ax_g.axhline(0.5, color=COLORS["bound"], ls=LINESTYLES["bound"], lw=1.0)
        ax_g.text(len(self.labels) - 0.45, 0.5, "0.5", color=COLORS["bound"], va="bottom",
                  ha="right", fontsize=9)  # fmt: skip
        self.sums = {
            key: ax.text(0.02, 0.97, "", transform=ax.transAxes, ha="left", va="top", fontsize=10)
            for key, ax in (("softmax", ax_s), ("sigmoid", ax_g))
        }
        self._blit(*_moving(*self.bars.values()), *self.sums.values())
        self._finish([self.z[:2], self.z[2:], [self.shift]])

    def logits(self) -> np.ndarray:
        """The logits fed to both outputs, z + c."""
        return np.array([s.value for s in self.z]) + self.shift.value

    def _update(self) -> None:
        z = self.logits()
        a = softmax(z)
        s = sigmoid(z)
        update_value_bars(self.bars["softmax"], a)
        update_value_bars(self.bars["sigmoid"], s)
        self.sums["softmax"].set_text(f"Σ a = {a.sum():.3f}")
        self.sums["sigmoid"].set_text(f"Σ σ = {s.sum():.3f}")
        on = [name for name, v in zip(self.labels, s) if v >= 0.5]
        self.readout.value = SEP.join(
            [
                tr(
                    "softmax: Σ a = {total:.3f}, picks <b>{label}</b> ({p:.3f})",
                    total=a.sum(),
                    label=self.labels[int(np.argmax(a))],
                    p=a.max(),
                ),
                tr(
                    "sigmoids: Σ σ = {total:.3f}, labels with σ ≥ 0.5: <b>{labels}</b>",
                    total=s.sum(),
                    labels=", ".join(on) if on else tr("none"),
                ),
            ]
        )


class JacobianPanel(Panel):
    """Logit sliders → softmax output a, its Jacobian J = diag(a) − a aᵀ, and what J does
    to a gradient (notebook 06).

    Left: a; middle: J[j, i] = ∂a_j/∂z_i as a heat map (the suite's diverging colours,
    fixed to ±1/4); right: ∂C/∂z for the true class y under two costs — cross-entropy,
    a − y, and the quadratic cost ½‖a − y‖², Jᵀ(a − y) (the vector–Jacobian product,
    ``activations.softmax_vjp``). The readout checks J against central differences and
    gives both gradients' lengths.
    """

    figsize = (11.0, 3.5)
    START = (2.5, -1.0, 3.2, 0.5)

    def __init__(self, logits=START, *, target=1):
        super().__init__()
        logits = _check_logits(logits)
        K = logits.size
        if target not in range(K):
            raise ValueError(f"target: expected a class 0 to {K - 1}, got {target!r}")
        self.z = _logit_sliders(logits)
        self.target = _class_toggle(K, target)
        ax_a, ax_j, ax_g = self.fig.subplots(1, 3, width_ratios=[1, 1.25, 1.1])
        names = [str(i) for i in range(K)]
        self.bars = plot_value_bars(
            np.zeros(K),
            names,
            ax=ax_a,
            ylim=(0.0, 1.1),
            ticks=PROBABILITY_TICKS,
            title=r"$a = \mathrm{softmax}(z)$",
        )
        ax_a.set_xlabel(fig_text("class"))
        ax_a.set_ylabel(fig_text("probability"))
        self.heat = plot_jacobian(np.zeros((K, K)), ax=ax_j)
        set_title(ax_j, r"$J = \mathrm{diag}(a) - a\,a^{\mathsf{T}}$")
        zeros = np.zeros(K)
        self.grads = plot_grouped_bars(
            {"cross_entropy": zeros, "quadratic_cost": zeros},
            names,
            ax=ax_g,
            ylim=(-1.1, 1.1),
            hatches={"quadratic_cost": "////"},
        )
        bars = self.grads["bars"]
        bars["cross_entropy"].set_label(fig_text(r"cross-entropy: $a - y$"))
        bars["quadratic_cost"].set_label(fig_text(r"quadratic: $J^{\mathsf{T}}(a - y)$"))
        ax_g.legend(loc="upper left", fontsize=9, handlelength=1.2)
        set_title(ax_g, fig_text(r"gradient $\partial C/\partial z$"))
        ax_g.set_xlabel(fig_text("class"))
        ax_g.set_ylabel(r"$\partial C/\partial z_i$")
        self._axes_classes = (ax_a, ax_g)
        texts = [t for row in self.heat["texts"] for t in row]
        moving = [b for c in bars.values() for b in c]
        self._blit(*_moving(self.bars), self.heat["image"], *texts, *moving)
        self._finish([self.z, [self.target]])

    def logits(self) -> np.ndarray:
        """The slider logits z."""
        return np.array([s.value for s in self.z])

    def jacobian(self) -> np.ndarray:
        """J = diag(a) − a aᵀ at the slider logits, shape (K, K)."""
        return softmax_jacobian(self.logits())

    def gradients(self) -> dict[str, np.ndarray]:
        """∂C/∂z for the true class y: {"cross_entropy": a − y, "quadratic_cost": Jᵀ(a − y)}."""
        z = self.logits()
        y = self.target.value
        error = cross_entropy_grad(z, y)  # a − one_hot(y)
        return {"cross_entropy": error, "quadratic_cost": softmax_vjp(z, error)}

    def _static_state(self):
        return self.target.value

    def _update(self) -> None:
        z = self.logits()
        K = z.size
        a = softmax(z)
        J = softmax_jacobian(z)
        grads = self.gradients()
        _class_ticks(self._axes_classes, K, self.target.value)
        update_value_bars(self.bars, a)
        update_jacobian(self.heat, J)
        update_grouped_bars(self.grads, grads)
        err = rel_error(J, numerical_jacobian(softmax, z))
        row_sums = float(np.abs(J.sum(axis=1)).max())
        self.readout.value = SEP.join(
            [
                f"a = {fmt_vector(a)}",
                tr(
                    "rows of J sum to 0: {verdict}",
                    verdict=verdict(row_sums, 1e-12, tr("largest |row sum|")),
                ),
                tr(
                    "J against central differences: {verdict}",
                    verdict=verdict(err, 1e-7),
                ),
                tr(
                    "‖a − y‖ = {ce:.4f} (cross-entropy), ‖Jᵀ(a − y)‖ = {quad:.2e} (quadratic)",
                    ce=float(np.linalg.norm(grads["cross_entropy"])),
                    quad=float(np.linalg.norm(grads["quadratic_cost"])),
                ),
            ]
        )
