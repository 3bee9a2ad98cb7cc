"""The vanishing-gradient experiments of notebook 09 (and the digits subset notebook 10's
exploding nets train on).

:func:`vanishing_run` trains :class:`lessons_lib.network.Network` — depth, activation,
weight scale and cost — on a subset of the handwritten digits and reads the per-layer
gradient norms ‖∂C/∂b^l‖ that :class:`~lessons_lib.training.History` records (entry 0 is
at initialisation): the gradient of each layer at the start and during a short run.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..datasets import load_digits
from ..network import Network
from ..training import History

__all__ = [
    "VANISH_CONFIG",
    "MAX_DEPTH",
    "digits_subset",
    "vanishing_run",
    "initial_gradient_norms",
    "per_layer_factor",
]

VANISH_CONFIG = {"width": 30, "n": 300, "epochs": 15, "batch_size": 20, "eta": 0.2, "seed": 0}
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
