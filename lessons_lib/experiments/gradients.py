"""The vanishing-gradient experiments of notebook 09 (and the digits subset notebook 10's
exploding nets train on).

:func:`vanishing_run` trains :class:`lessons_lib.network.Network` — depth, activation,
weight scale and cost — on a subset of the handwritten digits and records every layer's
gradient norm ‖∂C/∂b^l‖ over the training set (:meth:`Network.gradient_norms
<lessons_lib.network.Network.gradient_norms>`, Nielsen's "speed of learning" of a layer)
before training and after every epoch. :func:`layer_factors` splits the factor one
hidden layer multiplies the backpropagated error by (BP2, δ^l = (δ^(l+1) W^(l+1)) ⊙ f′(z^l))
into its matrix part and its slope part. Everything that depends on the random start is
also available over :data:`SEEDS` (``*_over_seeds``), summarised by :class:`Spread`.
Runs are cached (:data:`CACHE_SIZE`), so the notebook, its panel and its exercise checks
share them; a cached run is read-only.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .._checks import check_choice, check_int, check_number, with_overrides
from ..datasets import load_digits
from ..losses import LOSSES
from ..network import HIDDEN, Network
from .seeds import SEEDS

__all__ = [
    "VANISH_CONFIG",
    "MAX_DEPTH",
    "SEEDS",
    "CACHE_SIZE",
    "digits_subset",
    "vanishing_net",
    "VanishingRun",
    "vanishing_run",
    "initial_gradient_norms",
    "per_layer_factor",
    "first_last_ratio",
    "LayerFactors",
    "layer_factors",
    "inactive_share",
    "initial_norms_over_seeds",
    "runs_over_seeds",
]

VANISH_CONFIG = {"width": 30, "n": 300, "epochs": 15, "batch_size": 20, "eta": 0.2, "seed": 0}
MAX_DEPTH = 8
CACHE_SIZE = 128  # runs kept, most recently used first (a panel, the notebook, the checks)


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


def _config(overrides: dict) -> dict:
    return with_overrides(VANISH_CONFIG, overrides)


def vanishing_net(
    depth: int,
    hidden: str = "sigmoid",
    weight_scale: float = 1.0,
    cost: str = "binary_cross_entropy_with_logits",
    **overrides,
) -> Network:
    """The untrained network of :func:`vanishing_run`: [64, 30 × depth, 10], sigmoid outputs,
    init "scaled" (W ~ N(0, 1/n_in), b ~ N(0, 1)) with every weight × ``weight_scale``."""
    cfg = _config(overrides)
    depth = check_int(depth, "depth", low=1)
    return Network(
        [64] + [cfg["width"]] * depth + [10],
        hidden=hidden,
        output="sigmoid",
        cost=cost,
        init="scaled",
        weight_scale=weight_scale,
        seed=cfg["seed"],
    )


@dataclass(frozen=True)
class VanishingRun:
    """One training run of :func:`vanishing_run`.

    ``grad_norms``: (epochs + 1, L) ‖∂C/∂b^l‖ over the training set for every weight layer
    (output last), row 0 before training, row e after epoch e (a diverged run stops after
    the epoch it diverged in, whose row is not finite); ``accuracy``: training accuracy
    after the last epoch (NaN if the run diverged); ``diverged_at``: (epoch, batch) or
    None; ``net``: the trained network.
    """

    grad_norms: np.ndarray
    accuracy: float
    diverged_at: tuple[int, int] | None
    net: Network

    @property
    def diverged(self) -> bool:
        """Whether the parameters stopped being finite."""
        return self.diverged_at is not None

    @property
    def epochs(self) -> int:
        """Epochs recorded after the start."""
        return self.grad_norms.shape[0] - 1


def vanishing_run(
    depth: int,
    hidden: str = "sigmoid",
    weight_scale: float = 1.0,
    cost: str = "binary_cross_entropy_with_logits",
    **overrides,
) -> VanishingRun:
    """Train :func:`vanishing_net` on 300 digits; return its :class:`VanishingRun`.

    Default run: 15 epochs of mini-batches of 20 at η = 0.2 (``Network.fit``), seed 0;
    ``overrides`` change any of width, n, epochs, batch_size, eta, seed. After every epoch
    :meth:`Network.gradient_norms <lessons_lib.network.Network.gradient_norms>` measures
    each layer's ‖∂C/∂b^l‖ on the whole training set. Cached: the same arguments return
    the same (read-only) run.
    """
    key = tuple(sorted(_config(overrides).items()))
    return _run(
        check_int(depth, "depth", low=1),
        check_choice(hidden, "hidden", HIDDEN),
        check_number(weight_scale, "weight_scale", low=0.0),
        check_choice(cost, "cost", tuple(LOSSES)),
        key,
    )


@lru_cache(maxsize=CACHE_SIZE)
def _run(depth, hidden, weight_scale, cost, key) -> VanishingRun:
    cfg = dict(key)
    X, y = digits_subset(cfg["n"])
    net = vanishing_net(depth, hidden, weight_scale, cost, **cfg)
    norms, accuracy = [], [float("nan")]

    def measure(epoch, history):  # after every epoch (and before the first)
        norms.append(net.gradient_norms(X, y)[0])
        if epoch == cfg["epochs"] and not history.diverged:
            # here, inside fit: one BLAS thread, which is faster for products this small
            accuracy[0] = net.accuracy(X, y)

    history = net.fit(
        X,
        y,
        epochs=cfg["epochs"],
        batch_size=cfg["batch_size"],
        eta=cfg["eta"],
        record=False,  # only what the lesson reads: the gradient norms, the end accuracy
        callback=measure,
    )
    grad_norms = np.array(norms)
    grad_norms.setflags(write=False)
    return VanishingRun(grad_norms, accuracy[0], history.diverged_at, net)


def initial_gradient_norms(
    depth: int,
    hidden: str = "sigmoid",
    weight_scale: float = 1.0,
    cost: str = "binary_cross_entropy_with_logits",
    **overrides,
) -> np.ndarray:
    """‖∂C/∂b^l‖ per layer of :func:`vanishing_run`'s network before training, (depth + 1,)."""
    cfg = _config(overrides)
    X, y = digits_subset(cfg["n"])
    return vanishing_net(depth, hidden, weight_scale, cost, **overrides).gradient_norms(X, y)[0]


def per_layer_factor(norms) -> float:
    """Average factor between neighbouring hidden layers: (‖g_1‖/‖g_(L−1)‖)^(1/(L−2)).

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


def first_last_ratio(norms) -> float:
    """‖∂C/∂b^1‖ / ‖∂C/∂b^(L−1)‖: first hidden layer over last hidden layer (NaN when no
    gradient reaches the last hidden layer). ``per_layer_factor`` is its (L−2)-th root."""
    g = np.asarray(norms, dtype=np.float64)[:-1]
    if g.size < 2:
        raise ValueError("norms: need at least two hidden layers")
    return float(g[0] / g[-1]) if g[-1] > 0 else float("nan")


@dataclass(frozen=True)
class LayerFactors:
    """What hidden layer l does to the error on its way back (BP2), l = 1 … L−1, with
    norms taken over all examples at once (first hidden layer first, each (L−1,)):

    ``matrix`` = ‖δ^(l+1) W^(l+1)‖ / ‖δ^(l+1)‖, the weights' part;
    ``slope`` = ‖δ^l‖ / ‖δ^(l+1) W^(l+1)‖, the activation's part: what ⊙ f′(z^l) leaves,
    an average of f′ weighted by where the error flows;
    ``mean_slope``: the plain mean of f′(z^l) over units and examples, for comparison;
    ``measured`` = ‖∂C/∂b^l‖ / ‖∂C/∂b^(l+1)‖, the factor the gradient norms show.
    ``matrix × slope`` is ‖δ^l‖ / ‖δ^(l+1)‖ exactly; ``measured`` differs from it only
    because ∂C/∂b^l averages δ^l over the examples.
    """

    matrix: np.ndarray
    slope: np.ndarray
    mean_slope: np.ndarray
    measured: np.ndarray


def layer_factors(net: Network, X, y) -> LayerFactors:
    """Split each hidden layer's factor into its matrix part and its slope part, from the
    textbook :meth:`Network.backprop <lessons_lib.network.Network.backprop>` on (X, y)."""
    bp = net.backprop(X, y)
    L = net.n_layers
    matrix, slope, mean_slope = np.empty(L - 1), np.empty(L - 1), np.empty(L - 1)
    for l in range(L - 1):
        back = bp.deltas[l + 1] @ net.weights[l + 1]  # BP2 before the ⊙ f′(z^l)
        matrix[l] = _ratio(np.linalg.norm(back), np.linalg.norm(bp.deltas[l + 1]))
        slope[l] = _ratio(np.linalg.norm(bp.deltas[l]), np.linalg.norm(back))
        mean_slope[l] = np.mean(net.f.prime(bp.zs[l], bp.activations[l + 1]))
    g = [np.linalg.norm(b) for b in bp.nabla_b]
    measured = np.array([_ratio(a, b) for a, b in itertools.pairwise(g)])
    return LayerFactors(matrix, slope, mean_slope, measured)


def _ratio(a: float, b: float) -> float:
    """a / b, NaN (without a warning) when no error reaches b."""
    return float(a / b) if b > 0 else float("nan")


def inactive_share(depth: int = 4, seed: int = 0, **overrides) -> np.ndarray:
    """Share of hidden ReLU outputs that are exactly 0 on the training set, per hidden
    layer of :func:`vanishing_net` (ReLU) before training, (depth,)."""
    cfg = _config({**overrides, "seed": seed})
    X, _ = digits_subset(cfg["n"])
    net = vanishing_net(depth, "relu", **{**overrides, "seed": seed})
    activations = net.feedforward(X)[1][1:-1]
    return np.array([np.mean(a == 0) for a in activations])


# -- over seeds ------------------------------------------------------------------------------


def initial_norms_over_seeds(
    depth: int,
    hidden: str = "sigmoid",
    weight_scale: float = 1.0,
    cost: str = "binary_cross_entropy_with_logits",
    seeds=SEEDS,
    **overrides,
) -> np.ndarray:
    """:func:`initial_gradient_norms` for every seed: (len(seeds), depth + 1)."""
    return np.array(
        [
            initial_gradient_norms(depth, hidden, weight_scale, cost, **overrides, seed=s)
            for s in seeds
        ]
    )


def runs_over_seeds(
    depth: int,
    hidden: str = "sigmoid",
    weight_scale: float = 1.0,
    cost: str = "binary_cross_entropy_with_logits",
    seeds=SEEDS,
    **overrides,
) -> list[VanishingRun]:
    """:func:`vanishing_run` for every seed (cached like it)."""
    return [vanishing_run(depth, hidden, weight_scale, cost, **overrides, seed=s) for s in seeds]
