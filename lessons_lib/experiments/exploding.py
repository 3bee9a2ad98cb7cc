"""The exploding-gradient experiments of notebook 10: a deep ReLU regression net whose
weights are scaled up. The loss jumps and the parameters become NaN, reported as a result
("diverged at epoch k, batch j"), never as a Python warning; the remedies (a smaller η,
clipping, He's initialisation, L2) are runs of the same function.
"""

from __future__ import annotations

import numpy as np

from ..network import Network
from ..training import History, clip_by_norm
from .gradients import digits_subset

__all__ = ["EXPLODE_CONFIG", "exploding_run", "describe_run", "first_step_sizes"]

EXPLODE_CONFIG = {
    "depth": 6,
    "width": 30,
    "n": 300,
    "epochs": 20,
    "batch_size": 20,
    "hidden": "relu",
    "init": "he",
    "seed": 0,
}


def exploding_run(
    weight_scale: float = 2.0,
    eta: float = 0.01,
    *,
    clip_norm: float | None = None,
    l2: float = 0.0,
    **overrides,
) -> History:
    """Train a deep regression net on 300 digits (one-hot targets, linear output, MSE).

    [64, 30 × 6, 10], ReLU, He initialisation × ``weight_scale``: scale 1 keeps the
    signal's size from layer to layer, scale 2 doubles it at every layer, so the gradient
    of the first layer grows like 2^(2·6). The cost is the quadratic ½‖a − y‖² averaged
    over examples. 20 epochs of mini-batches of 20 at ``eta``; ``clip_norm`` and ``l2``
    go to :meth:`Network.fit`; ``overrides`` change any of depth, width, n, epochs,
    batch_size, hidden, init, seed. Never warns: a run that overflows stops and reports
    ``history.diverged_at`` = (epoch, batch).
    """
    cfg = {**EXPLODE_CONFIG, **overrides}
    X, y = digits_subset(cfg["n"])
    net = Network(
        [64] + [cfg["width"]] * cfg["depth"] + [10],
        hidden=cfg["hidden"],
        output="linear",
        cost="quadratic_cost",
        init=cfg["init"],
        weight_scale=weight_scale,
        seed=cfg["seed"],
    )
    return net.fit(
        X,
        np.eye(10)[y],
        epochs=cfg["epochs"],
        batch_size=cfg["batch_size"],
        eta=eta,
        clip_norm=clip_norm,
        l2=l2,
    )


def describe_run(history: History) -> str:
    """One line for a run: "diverged at epoch k, batch j", or how far the loss fell."""
    if history.diverged:
        epoch, batch = history.diverged_at
        return f"diverged at epoch {epoch}, batch {batch}"
    return f"loss {history.loss[0]:.3g} → {history.loss[-1]:.3g} in {history.epochs} epochs"


def first_step_sizes(history: History, eta: float, clip: float | None = None) -> np.ndarray:
    """η·‖∂C/∂b^l‖ per layer at the start: how far a step along the full training set's
    gradient would move each layer's biases, after clipping the whole gradient (weights
    and biases) to norm ``clip`` if given. Shape (L,), like ``history.grad_norms[0]``."""
    g = np.asarray(history.grad_norms[0], dtype=np.float64)
    gw = np.asarray(history.weight_grad_norms[0], dtype=np.float64)
    if clip and np.all(np.isfinite(g)) and np.all(np.isfinite(gw)):
        # the norms of the parts make up the whole gradient's norm: clip them together
        g = clip_by_norm([g, gw], clip)[0]
    return eta * g
