"""The regularisation experiment of notebook 07: a small ReLU network on the spirals.

Its objective is the mean cross-entropy + (λ/2)·Σw² ("l2") or + λ·Σ|w| ("l1") — the
penalty of :meth:`lessons_lib.network.Network.fit` (biases are not penalised).
:func:`spiral_data` and :func:`fit_spirals` give the data and one training run; the
notebook prints its table with the same function the panel uses.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..datasets import make_spirals, train_test_split
from ..network import Network
from ..training import History

__all__ = [
    "LAMBDAS",
    "PENALTIES",
    "NEAR_ZERO",
    "SpiralFit",
    "spiral_data",
    "fit_spirals",
    "trained_spirals",
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
    return copy.deepcopy(trained_spirals(float(lam), kind, tuple(sorted(overrides.items()))))


@lru_cache(maxsize=64)
def trained_spirals(lam: float, kind: str, overrides: tuple) -> SpiralFit:
    """The run of :func:`fit_spirals`, kept (not a copy): shared by the notebook's table
    and the panel, which only read it. ``overrides``: sorted (name, value) pairs."""
    cfg = {**NET_CONFIG, **dict(overrides)}
    Xtr, Xte, ytr, yte = spiral_data()
    net = Network(
        [2, cfg["hidden"], 3],
        hidden="relu",
        output="softmax",
        cost="cross_entropy",
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
