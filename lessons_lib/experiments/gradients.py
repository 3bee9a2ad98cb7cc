"""The vanishing- and exploding-gradient experiments of notebooks 09 and 10.

Both train :class:`lessons_lib.network.Network` on a subset of the handwritten digits and
read the per-layer gradient norms ‖∂C/∂b^l‖ that :class:`~lessons_lib.training.History`
records (entry 0 is at initialisation).

- :func:`vanishing_run` — depth, activation, weight scale and cost; the gradient of each
  layer at the start and during a short training run.
- :func:`exploding_run` — a deep ReLU regression net whose weights are scaled up: the
  loss jumps and the parameters become NaN, reported as a result ("diverged at epoch k,
  batch j"), never as a Python warning.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..datasets import load_digits
from ..network import Network
from ..training import History, clip_by_norm

__all__ = [
    "VANISH_CONFIG",
    "EXPLODE_CONFIG",
    "MAX_DEPTH",
    "digits_subset",
    "vanishing_run",
    "initial_gradient_norms",
    "per_layer_factor",
    "exploding_run",
    "describe_run",
    "first_step_sizes",
]

VANISH_CONFIG = {"width": 30, "n": 300, "epochs": 15, "batch_size": 20, "eta": 0.2, "seed": 0}
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
MAX_DEPTH = 8
CACHE_SIZE = 128  # runs a panel keeps, most recently used first


@lru_cache(maxsize=4)
def _digits(n: int):
    X, y = load_digits()
    X, y = X[:n].copy(), y[:n].copy()
    X.setflags(write=False)
    y.setflags(write=False)
    return X, y


def digits_subset(n: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """The first ``n`` handwritten digits: X (n, 64) in [0, 1], y (n,) (read-only, shared)."""
    return _digits(int(n))


def _vanishing_net(depth, hidden, weight_scale, cost, cfg) -> Network:
    return Network(
        [64] + [cfg["width"]] * int(depth) + [10],
        hidden=hidden,
        output="sigmoid",
        cost=cost,
        init="scaled",
        weight_scale=weight_scale,
        seed=cfg["seed"],
    )


def vanishing_run(
    depth: int,
    hidden: str = "sigmoid",
    weight_scale: float = 1.0,
    cost: str = "binary_cross_entropy_with_logits",
    **overrides,
) -> History:
    """Train [64, 30 × depth, 10] (sigmoid outputs) on 300 digits; return its History.

    ``history.grad_norms[0]`` holds ‖∂C/∂b^l‖ of every layer at initialisation (Nielsen's
    "speed of learning" of a layer), later entries after each epoch. Default run: 15
    epochs of mini-batches of 20 at η = 0.2, init "scaled" × ``weight_scale``, seed 0;
    ``overrides`` change any of width, n, epochs, batch_size, eta, seed.
    """
    cfg = {**VANISH_CONFIG, **overrides}
    X, y = digits_subset(cfg["n"])
    net = _vanishing_net(depth, hidden, weight_scale, cost, cfg)
    return net.fit(X, y, epochs=cfg["epochs"], batch_size=cfg["batch_size"], eta=cfg["eta"])


def initial_gradient_norms(
    depth: int,
    hidden: str = "sigmoid",
    weight_scale: float = 1.0,
    cost: str = "binary_cross_entropy_with_logits",
    **overrides,
) -> np.ndarray:
    """‖∂C/∂b^l‖ per layer of :func:`vanishing_run`'s network before training, (depth + 1,)."""
    cfg = {**VANISH_CONFIG, **overrides}
    X, y = digits_subset(cfg["n"])
    return _vanishing_net(depth, hidden, weight_scale, cost, cfg).gradient_norms(X, y)[0]


def per_layer_factor(norms) -> float:
    """Average factor between neighbouring hidden layers: (‖g_first‖/‖g_last‖)^(1/(L−1)).

    norms: per-layer gradient norms with the output layer last (as in ``grad_norms``);
    needs at least two hidden layers. Below 1 the gradient shrinks towards the input.
    NaN when no gradient reaches the last hidden layer (a completely saturated output).
    """
    g = np.asarray(norms, dtype=np.float64)[:-1]
    if g.size < 2:
        raise ValueError("norms: need at least two hidden layers")
    if not g[-1] > 0:
        return float("nan")
    return float((g[0] / g[-1]) ** (1.0 / (g.size - 1)))


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
