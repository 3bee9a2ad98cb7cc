"""The regularisation experiment and its panel (notebook 07).

A small ReLU network classifies the spiral data; its objective is
mean log-likelihood cost + (λ/2)·Σw² ("l2") or + λ·Σ|w| ("l1") — the penalty of
:meth:`lessons_lib.network.Network.fit` (biases are not penalised).

- :func:`spiral_data` and :func:`fit_spirals` — the data and one training run; the
  notebook prints its table of λ with the same function the panel uses.
- :class:`RegularizationPanel` — λ slider and L1/L2 toggle: decision regions, weight
  histogram, train/test accuracy.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache

import ipywidgets as w
import numpy as np

from ..datasets import make_spirals, train_test_split
from ..network import History, Network
from ..plots.regularization import (
    PENALTY_COLORS,
    decision_grid,
    plot_accuracy_curves,
    plot_decision_regions,
    plot_weight_histogram,
    update_accuracy_curves,
    update_decision_regions,
    update_weight_histogram,
)
from ._base import Panel

__all__ = [
    "LAMBDAS",
    "PENALTIES",
    "NEAR_ZERO",
    "SpiralFit",
    "spiral_data",
    "fit_spirals",
    "RegularizationPanel",
]

LAMBDAS = (0.0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2)
PENALTIES = {"l2": "L2: (λ/2)·Σw²", "l1": "L1: λ·Σ|w|"}
NEAR_ZERO = 0.01  # |w| below this counts as "switched off"

# the experiment: 60 points per arm, half of them held out; one hidden layer of 60 ReLUs
SPIRAL_CONFIG = {"n_per_class": 60, "noise": 0.3, "seed": 0}
NET_CONFIG = {"hidden": 60, "epochs": 400, "batch_size": 15, "eta": 0.5, "seed": 0}


@lru_cache(maxsize=1)
def _spiral_split():
    cfg = SPIRAL_CONFIG
    X, y = make_spirals(cfg["n_per_class"], 3, noise=cfg["noise"], seed=cfg["seed"])
    parts = train_test_split(X, y, test_size=0.5, seed=cfg["seed"])
    for a in parts:
        a.setflags(write=False)
    return parts


def spiral_data():
    """The notebook's spirals, split half/half: X_train, X_test, y_train, y_test.

    Three arms of 60 points (noise 0.3, seed 0); X: (90, 2), y: (90,) in each part.
    The arrays are read-only (they are shared by every call).
    """
    return _spiral_split()


@dataclass(frozen=True)
class SpiralFit:
    """One run of :func:`fit_spirals`: the penalty, the trained network and its history."""

    lam: float
    kind: str
    net: Network
    history: History

    @property
    def train_accuracy(self) -> float:
        """Accuracy on the training half after the last epoch."""
        return self.history.accuracy[-1]

    @property
    def test_accuracy(self) -> float:
        """Accuracy on the held-out half after the last epoch."""
        return self.history.val_accuracy[-1]

    @property
    def weights(self) -> np.ndarray:
        """Every weight of the network (not the biases) in one flat array."""
        return np.concatenate([W.ravel() for W in self.net.weights])

    @property
    def sum_squares(self) -> float:
        """Σw² over all weights (the L2 penalty is λ/2 times this)."""
        return float(np.sum(self.weights**2))

    @property
    def sum_abs(self) -> float:
        """Σ|w| over all weights (the L1 penalty is λ times this)."""
        return float(np.sum(np.abs(self.weights)))

    @property
    def near_zero(self) -> float:
        """Fraction of weights with |w| < 0.01: switched off by the penalty."""
        return float(np.mean(np.abs(self.weights) < NEAR_ZERO))


def fit_spirals(lam: float, kind: str = "l2", **overrides) -> SpiralFit:
    """Train the spiral classifier [2, 60, 3] (ReLU, softmax) with penalty ``kind`` at ``lam``.

    kind: "l2" → + (λ/2)·Σw², "l1" → + λ·Σ|w|. Mini-batch SGD, 400 epochs of batches of
    15 at η = 0.5, seed 0 (``overrides`` change any of hidden, epochs, batch_size, eta,
    seed). Deterministic, so each setting is trained once (about 0.1 s) and kept: a
    repeated call returns a copy of the kept run (yours to change), without retraining.
    """
    if kind not in PENALTIES:
        raise ValueError(f"kind: expected one of {tuple(PENALTIES)}, got {kind!r}")
    return copy.deepcopy(_trained(float(lam), kind, tuple(sorted(overrides.items()))))


@lru_cache(maxsize=64)
def _trained(lam: float, kind: str, overrides: tuple) -> SpiralFit:
    """The run of :func:`fit_spirals`, kept; shared by the notebook's table and the panel,
    which only read it (fit_spirals hands out copies)."""
    cfg = {**NET_CONFIG, **dict(overrides)}
    Xtr, Xte, ytr, yte = spiral_data()
    net = Network(
        [2, cfg["hidden"], 3],
        hidden="relu",
        output="softmax",
        cost="log_likelihood",
        init="he",
        seed=cfg["seed"],
    )
    history = net.fit(
        Xtr,
        ytr,
        epochs=cfg["epochs"],
        batch_size=cfg["batch_size"],
        eta=cfg["eta"],
        X_val=Xte,
        y_val=yte,
        track_gradients=False,
        **{kind: lam},
    )
    return SpiralFit(lam, kind, net, history)


class RegularizationPanel(Panel):
    """λ slider and L1/L2 toggle on the spiral classifier (notebook 07).

    Left: decision regions (training points filled, test points hollow); middle:
    histogram of all weights; right: train and test accuracy over the epochs. The λ slider
    has 7 settings and there are 2 penalties: the panel trains all 14 runs when it is
    built (those :func:`fit_spirals` already trained are reused), so every move is instant.
    """

    figsize = (10.5, 3.3)

    def __init__(self, *, lam: float = 1e-3, kind: str = "l2", grid: int = 120):
        super().__init__()
        self.lam = w.SelectionSlider(
            options=[(f"{v:g}", v) for v in LAMBDAS],
            value=lam,
            description="λ",
            continuous_update=False,
            layout=w.Layout(width="320px"),
        )
        self.kind = w.ToggleButtons(
            options=[(label, k) for k, label in PENALTIES.items()],
            value=kind,
            description="penalty",
        )
        self.Xtr, self.Xte, self.ytr, self.yte = spiral_data()
        self._points, extent = decision_grid(np.vstack([self.Xtr, self.Xte]), n=grid)
        self._shape = (grid, grid)
        self._labels: dict[tuple[float, str], np.ndarray] = {}
        for k in PENALTIES:  # every setting the controls can reach, trained once
            for v in LAMBDAS:
                self._result(v, k)
        fit, labels = self._result()
        ax_r, ax_h, ax_a = self.fig.subplots(1, 3)
        self.regions = plot_decision_regions(
            labels, extent, self.Xtr, self.ytr, ax=ax_r, X_test=self.Xte, y_test=self.yte
        )
        ax_r.set_title("decision regions")
        self.hist = plot_weight_histogram(fit.weights, ax=ax_h)
        ax_h.set_title("all weights")
        h = fit.history
        self.curves = plot_accuracy_curves(h.accuracy, h.val_accuracy, ax=ax_a)
        ax_a.set_title("accuracy")
        # the points lie above the blitted regions, so they are redrawn with them (in order)
        r = self.regions
        self._blit(r["regions"], r["train"], r["test"], *self.hist["bars"], *self.curves.values())
        self._finish([[self.lam, self.kind]])

    def _result(self, lam=None, kind=None) -> tuple[SpiralFit, np.ndarray]:
        """(run, predicted class on the grid) for a setting, the current one by default."""
        lam = float(self.lam.value if lam is None else lam)
        kind = self.kind.value if kind is None else kind
        fit = _trained(lam, kind, ())
        if (lam, kind) not in self._labels:
            self._labels[lam, kind] = fit.net.predict(self._points).reshape(self._shape)
        return fit, self._labels[lam, kind]

    @property
    def fit(self) -> SpiralFit:
        """The run shown now."""
        return self._result()[0]

    def _update(self) -> None:
        fit, labels = self._result()
        update_decision_regions(self.regions, labels)
        update_weight_histogram(self.hist, fit.weights, color=PENALTY_COLORS[fit.kind])
        update_accuracy_curves(self.curves, fit.history.accuracy, fit.history.val_accuracy)
        name = "Σw²" if fit.kind == "l2" else "Σ|w|"
        size = fit.sum_squares if fit.kind == "l2" else fit.sum_abs
        self.readout.value = (
            f"λ = {fit.lam:g}, {fit.kind.upper()}: train {fit.train_accuracy:.0%}"
            f" &nbsp;·&nbsp; test {fit.test_accuracy:.0%}"
            f" &nbsp;·&nbsp; {name} = {size:.1f}"
            f" &nbsp;·&nbsp; weights with |w| &lt; {NEAR_ZERO:g}: {fit.near_zero:.0%}"
        )
