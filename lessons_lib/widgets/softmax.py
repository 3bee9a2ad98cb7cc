"""Slider panels for the softmax lessons (notebooks 03, 04 and 06).

- :class:`LogitsPanel` — four logits and a temperature → softmax probabilities, the
  log-likelihood cost of a chosen true class and its gradient a − y (notebook 03).
- :class:`SoftmaxSigmoidPanel` — the same logits through softmax and through independent
  sigmoids, side by side (notebook 04).
- :class:`JacobianPanel` — the softmax Jacobian diag(a) − a aᵀ as a heat map (notebook 06).
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from ..activations import sigmoid, softmax, softmax_jacobian
from ..gradcheck import numerical_jacobian, rel_error
from ..losses import cross_entropy, cross_entropy_grad
from ..plots.common import set_title
from ..plots.softmax import (
    LOGIT_COLOR,
    SIGMOID_COLOR,
    SOFTMAX_COLOR,
    TARGET_COLOR,
    plot_jacobian,
    plot_value_bars,
    update_jacobian,
    update_value_bars,
)
from ._base import SEP, SUBSCRIPTS, Panel, float_slider, fmt_vector, log_slider

__all__ = [
    "LOGIT_RANGE",
    "TEMPERATURE_RANGE",
    "LogitsPanel",
    "SoftmaxSigmoidPanel",
    "JacobianPanel",
]

LOGIT_RANGE = (-5.0, 5.0)
TEMPERATURE_RANGE = (0.1, 10.0)


def _logit_sliders(values, labels=None, width="200px"):
    """One slider per logit, named z₁, z₂, … (or z(label))."""
    sliders = []
    for i, v in enumerate(values):
        name = f"z{SUBSCRIPTS[i]}" if labels is None else f"z({labels[i]})"
        sliders.append(float_slider(name, float(v), *LOGIT_RANGE, 0.1, fmt=".1f", width=width))
    return sliders


def _moving(*value_bars):
    """The artists of :func:`plot_value_bars` dicts that a slider move changes (to blit)."""
    return [a for bars in value_bars for a in (*bars["bars"], *bars["texts"])]


class LogitsPanel(Panel):
    """Four logits z and a temperature T → a = softmax(z / T) as bars (notebook 03).

    Left: the logits; middle: the probabilities (the true class in orange); right: the
    error a − y, which is ∂C/∂(z/T) of the log-likelihood cost C = −ln a_y (∂C/∂z at
    T = 1). Readout: Σ a, the most probable class and C.
    """

    figsize = (10.0, 3.0)
    START = (2.5, -1.0, 3.2, 0.5)

    def __init__(self, logits=START, *, temperature=1.0, target=2):
        super().__init__()
        logits = np.asarray(logits, dtype=np.float64)
        if logits.shape != (4,):
            raise ValueError(f"logits: expected four values, got shape {logits.shape}")
        self.labels = [str(i + 1) for i in range(4)]
        self.z = _logit_sliders(logits)
        self.temperature = log_slider("temperature T", temperature, *TEMPERATURE_RANGE)
        self.target = w.ToggleButtons(
            options=[(s, i) for i, s in enumerate(self.labels)],
            value=target,
            description="true class y",
            style={"button_width": "36px"},
        )
        ax_z, ax_a, ax_g = self.fig.subplots(1, 3)
        zeros = np.zeros(4)
        self.bars = {
            "logits": plot_value_bars(
                zeros,
                self.labels,
                ax=ax_z,
                color=LOGIT_COLOR,
                ylim=(-5.6, 5.6),
                fmt="{:.1f}",
                title="logits z",
            ),
            "probabilities": plot_value_bars(
                zeros, self.labels, ax=ax_a, ylim=(0.0, 1.08), title="a = softmax(z / T)"
            ),
            "error": plot_value_bars(
                zeros,
                self.labels,
                ax=ax_g,
                color=SOFTMAX_COLOR,
                ylim=(-1.1, 1.1),
                fmt="{:+.3f}",
                title="a − y  (= ∂C/∂z at T = 1)",
            ),
        }
        for ax in (ax_z, ax_a, ax_g):
            ax.set_xlabel("class")
        self._blit(*_moving(*self.bars.values()))
        self._finish([self.z, [self.temperature, self.target]])

    def logits(self) -> np.ndarray:
        """The slider logits z, shape (4,)."""
        return np.array([s.value for s in self.z])

    def probabilities(self) -> np.ndarray:
        """a = softmax(z / T) for the current sliders, shape (4,)."""
        return softmax(self.logits() / self.temperature.value)

    def _update(self) -> None:
        z = self.logits()
        zt = z / self.temperature.value
        y = self.target.value
        a = softmax(zt)
        cost = float(cross_entropy(zt, y))
        error = cross_entropy_grad(zt, y)  # a − one_hot(y)
        colors = [TARGET_COLOR if i == y else SOFTMAX_COLOR for i in range(4)]
        update_value_bars(self.bars["logits"], z)
        update_value_bars(self.bars["probabilities"], a, colors=colors)
        update_value_bars(self.bars["error"], error, colors=colors)
        self.cost = cost
        top = int(np.argmax(a))
        self.readout.value = (
            f"a = {fmt_vector(a, '.4f')}{SEP}Σ a = {a.sum():.4f}{SEP}"
            f"most probable: class {self.labels[top]}{SEP}"
            f"log-likelihood cost C = −ln a<sub>{self.labels[y]}</sub> = {cost:.4f}"
        )


class SoftmaxSigmoidPanel(Panel):
    """The same logits through softmax (left) and through one sigmoid each (right) (nb 04).

    A shift slider adds the same c to every logit: softmax does not change, the sigmoids
    all do. The dashed line marks the 0.5 threshold of the sigmoid labels.
    """

    figsize = (9.0, 3.0)
    LABELS = ("vocal", "dance", "soundtrack", "pop")
    START = (2.0, -1.5, 0.5, 1.0)

    def __init__(self, logits=START, *, labels=LABELS, shift=0.0):
        super().__init__()
        logits = np.asarray(logits, dtype=np.float64)
        self.labels = [str(s) for s in labels]
        if logits.shape != (len(self.labels),) or not 2 <= len(self.labels) <= 6:
            raise ValueError("logits: expected one value per label (2 to 6 labels)")
        self.z = _logit_sliders(logits, self.labels, width="230px")
        # a long description needs a wide slider, or the track shrinks to nothing
        self.shift = float_slider(
            "shift c (added to every z)", shift, *LOGIT_RANGE, 0.1, fmt=".1f", width="460px"
        )
        ax_s, ax_g = self.fig.subplots(1, 2, sharey=True)
        zeros = np.zeros(len(self.labels))
        self.bars = {
            "softmax": plot_value_bars(
                zeros, self.labels, ax=ax_s, ylim=(0.0, 1.08), title="softmax(z + c): one label"
            ),
            "sigmoid": plot_value_bars(
                zeros,
                self.labels,
                ax=ax_g,
                color=SIGMOID_COLOR,
                ylim=(0.0, 1.08),
                title="σ(z + c) for each label: any number of labels",
            ),
        }
        ax_g.axhline(0.5, color="0.3", ls="--", lw=0.8)
        self._blit(*_moving(*self.bars.values()))
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
        on = [name for name, v in zip(self.labels, s) if v >= 0.5]
        self.readout.value = (
            f"softmax: Σ = {a.sum():.3f}, picks <b>{self.labels[int(np.argmax(a))]}</b> "
            f"({a.max():.3f}){SEP}sigmoids: Σ = {s.sum():.3f}, labels with σ ≥ 0.5: "
            f"<b>{', '.join(on) or 'none'}</b>"
        )


class JacobianPanel(Panel):
    """Logit sliders → softmax output a and its Jacobian J = diag(a) − a aᵀ (notebook 06).

    J[j, i] = ∂a_j/∂z_i is drawn as a heat map (red > 0 on the diagonal, blue < 0 off
    it). The readout checks it against central differences and shows its row sums (0).
    """

    figsize = (9.0, 3.6)
    START = (2.5, -1.0, 3.2, 0.5)

    def __init__(self, logits=START):
        super().__init__()
        logits = np.asarray(logits, dtype=np.float64)
        if logits.ndim != 1 or not 2 <= logits.size <= 6:
            raise ValueError("logits: expected a vector of 2 to 6 logits")
        K = logits.size
        self.labels = [str(i + 1) for i in range(K)]
        self.z = _logit_sliders(logits)
        ax_a, ax_j = self.fig.subplots(1, 2, width_ratios=[1, 1.3])
        self.bars = plot_value_bars(
            np.zeros(K), self.labels, ax=ax_a, ylim=(0.0, 1.08), title="a = softmax(z)"
        )
        ax_a.set_xlabel("class")
        self.heat = plot_jacobian(np.zeros((K, K)), self.labels, ax=ax_j)
        set_title(ax_j, "J[j, i] = ∂a_j / ∂z_i")
        texts = [t for row in self.heat["texts"] for t in row]
        self._blit(*_moving(self.bars), self.heat["image"], *texts)
        self._finish([self.z])

    def logits(self) -> np.ndarray:
        """The slider logits z."""
        return np.array([s.value for s in self.z])

    def jacobian(self) -> np.ndarray:
        """J = diag(a) − a aᵀ at the slider logits, shape (K, K)."""
        return softmax_jacobian(self.logits())

    def _update(self) -> None:
        z = self.logits()
        a = softmax(z)
        J = softmax_jacobian(z)
        update_value_bars(self.bars, a)
        update_jacobian(self.heat, J)
        err = rel_error(J, numerical_jacobian(softmax, z))
        j, i = np.unravel_index(np.argmax(np.abs(J)), J.shape)
        self.readout.value = (
            f"a = {fmt_vector(a)}{SEP}largest |entry|: J[{j + 1}, {i + 1}] = {J[j, i]:+.4f}{SEP}"
            f"row sums max |Σ_i J[j, i]| = {np.abs(J.sum(axis=1)).max():.1e}{SEP}"
            f"relative error against central differences: {err:.1e}"
        )
