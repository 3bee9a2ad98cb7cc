"""A small fully connected network trained by mini-batch SGD and backpropagation.

Notebooks 03 (softmax + log-likelihood on the digits), 04 (multi-label sigmoids),
07 (L1/L2), 09 (vanishing gradients) and 10 (exploding gradients). The four equations,
in matrix form over a mini-batch whose examples are the rows of A:

    δ^L = ∂C/∂z^L                    (a − y for sigmoid + cross-entropy and for
                                       softmax + log-likelihood: σ′ cancels)
    δ^l = (δ^{l+1} W^{l+1}) ⊙ f′(z^l)
    ∂C/∂b^l = Σ_x δ^l_x / N
    ∂C/∂W^l = (δ^l)ᵀ A^{l−1} / N

Weights follow Nielsen's layout: W^l has shape (n_l, n_{l−1}), so z^l = A^{l−1} W^lᵀ + b^l.

:func:`fit_linear` is the network without hidden layers, s = XW + b, trained by full-batch
gradient descent on any loss of :data:`lessons_lib.losses.LOSSES` through its ``*_grad``
(notebooks 08: hinge vs cross-entropy, 10: MSE, L1, Smooth L1 and Huber with outliers).
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike
from threadpoolctl import threadpool_limits

from ._checks import (
    as_finite_array,
    as_index_array,
    check_choice,
    check_classes,
    check_int,
    check_number,
    check_probabilities,
)

__all__ = [
    "Network",
    "History",
    "Backprop",
    "HIDDEN",
    "OUTPUTS",
    "COSTS",
    "VALID_PAIRS",
    "LinearFit",
    "fit_linear",
]

HIDDEN = ("sigmoid", "relu", "tanh")
OUTPUTS = ("sigmoid", "softmax", "linear")
COSTS = ("quadratic", "cross_entropy", "log_likelihood")
INITS = ("scaled", "large", "he")
# output layer → costs that make sense for it
VALID_PAIRS = {
    "sigmoid": ("quadratic", "cross_entropy"),
    "softmax": ("quadratic", "log_likelihood"),
    "linear": ("quadratic",),
}


# -- fast, unchecked elementwise helpers (inputs are validated once, at the API edge) ------


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def _sigmoid_prime_from(z, a):
    return a * (1.0 - a)


def _relu(z):
    return np.maximum(z, 0.0)


def _relu_prime_from(z, a):
    return (z > 0).astype(z.dtype)


def _tanh_prime_from(z, a):
    return 1.0 - a * a


_HIDDEN_FNS = {
    "sigmoid": (_sigmoid, _sigmoid_prime_from),
    "relu": (_relu, _relu_prime_from),
    "tanh": (np.tanh, _tanh_prime_from),
}


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _log_softmax(z):
    s = z - z.max(axis=1, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=1, keepdims=True))


_OUTPUT_FNS = {"sigmoid": _sigmoid, "softmax": _softmax, "linear": lambda z: z}


def _blas_threads_for(batch_size: int, sizes) -> contextlib.AbstractContextManager:
    """One BLAS thread for small mini-batch products: for matrices this size, starting
    threads costs more than they save (3× slower at mini-batch 100 on 2 cores)."""
    if batch_size * max(sizes) ** 2 > 4_000_000:
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


@dataclass
class Backprop:
    """Result of :meth:`Network.backprop` for one batch.

    ``nabla_w[l]``/``nabla_b[l]``: ∂C/∂W, ∂C/∂b of layer l (C = mean cost over the batch,
    plus regularisation if asked); ``deltas[l]``: δ of layer l for every example, shape
    (N, n_l), the per-example ∂C_x/∂z (not divided by N); ``zs`` and ``activations`` as in
    the forward pass (``activations[0]`` is the input).
    """

    nabla_w: list[np.ndarray]
    nabla_b: list[np.ndarray]
    deltas: list[np.ndarray]
    zs: list[np.ndarray]
    activations: list[np.ndarray]


@dataclass
class History:
    """Per-epoch record of :meth:`Network.fit`; entry 0 is before training.

    ``loss``/``val_loss``: mean data cost (without the L1/L2 term); ``accuracy``: fraction
    of correct classes (argmax) for class-index targets, fraction of correct 0/1 labels at
    threshold 0.5 for target matrices with a sigmoid output, NaN for a linear output;
    ``grad_norms``: per layer ‖∂C/∂b^l‖ over the training set (Nielsen's "speed of
    learning" of a layer), ``weight_grad_norms``: ‖∂C/∂W^l‖. ``diverged`` is set (and
    training stops, without warnings) when the parameters stop being finite.
    """

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    grad_norms: list[np.ndarray] = field(default_factory=list)
    weight_grad_norms: list[np.ndarray] = field(default_factory=list)
    diverged: bool = False
    diverged_at: tuple[int, int] | None = None  # (epoch, mini-batch), both from 1

    @property
    def epochs(self) -> int:
        """Number of epochs recorded after the initial entry."""
        return max(len(self.loss) - 1, 0)


class Network:
    """Network(sizes, *, hidden, output, cost, init, seed): e.g. Network([64, 30, 10]).

    hidden: "sigmoid" | "relu" | "tanh"; output: "sigmoid" | "softmax" | "linear";
    cost: "quadratic" | "cross_entropy" | "log_likelihood" (cross_entropy goes with a
    sigmoid output, log_likelihood with softmax, a linear output only with quadratic);
    init: "scaled" (W ~ N(0, 1/n_in), b ~ N(0, 1); Nielsen's default), "large"
    (W, b ~ N(0, 1)) or "he" (W ~ N(0, 2/n_in), b = 0); ``weight_scale`` multiplies every
    initial weight. Deterministic for a given ``seed``.
    """

    def __init__(
        self,
        sizes,
        *,
        hidden: str = "sigmoid",
        output: str = "sigmoid",
        cost: str = "cross_entropy",
        init: str = "scaled",
        weight_scale: float = 1.0,
        seed: int = 0,
    ) -> None:
        if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
            raise TypeError("sizes: expected a list of layer sizes such as [64, 30, 10]")
        sizes = [check_int(s, "sizes", low=1) for s in sizes]
        if len(sizes) < 2:
            raise ValueError("sizes: need at least an input and an output layer")
        self.hidden = check_choice(hidden, "hidden", HIDDEN)
        self.output = check_choice(output, "output", OUTPUTS)
        self.cost = check_choice(cost, "cost", COSTS)
        if self.cost not in VALID_PAIRS[self.output]:
            raise ValueError(
                f"cost: {cost!r} does not fit output={output!r}; use one of "
                f"{VALID_PAIRS[self.output]}"
            )
        if self.output == "softmax" and sizes[-1] < 2:
            raise ValueError("sizes: a softmax output needs at least 2 units")
        self.init = check_choice(init, "init", INITS)
        self.weight_scale = check_number(weight_scale, "weight_scale", low=0.0)
        self.seed = check_int(seed, "seed", low=0)
        self.sizes = sizes
        self.rng = np.random.default_rng(self.seed)
        self.weights: list[np.ndarray] = []
        self.biases: list[np.ndarray] = []
        for n_in, n_out in itertools.pairwise(sizes):
            std = {"scaled": 1 / np.sqrt(n_in), "large": 1.0, "he": np.sqrt(2 / n_in)}[init]
            self.weights.append(self.rng.standard_normal((n_out, n_in)) * std * weight_scale)
            b = self.rng.standard_normal(n_out) if init != "he" else np.zeros(n_out)
            self.biases.append(b)
        self._act, self._act_prime = _HIDDEN_FNS[self.hidden]
        self._out = _OUTPUT_FNS[self.output]

    def __repr__(self) -> str:
        return (
            f"Network({self.sizes}, hidden={self.hidden!r}, output={self.output!r}, "
            f"cost={self.cost!r}, init={self.init!r}, seed={self.seed})"
        )

    def _params(self):
        return zip(self.weights, self.biases)

    @property
    def n_layers(self) -> int:
        """Number of weight layers (hidden layers + the output layer)."""
        return len(self.weights)

    # -- input handling -------------------------------------------------------------------

    def _inputs(self, X, name="X") -> np.ndarray:
        X = as_finite_array(X, name)
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ValueError(f"{name}: expected shape (N, {self.sizes[0]}), got {X.shape}")
        return X

    def _targets(self, y, n: int, name="y") -> tuple[np.ndarray, bool]:
        """Return the target matrix (N, C) and whether y held class indices."""
        C = self.sizes[-1]
        arr = np.asarray(y)
        if arr.ndim == 1:
            t = as_index_array(arr, name)
            if t.shape[0] != n:
                raise ValueError(f"{name}: has {t.shape[0]} labels for {n} examples")
            if C == 1:  # one output unit: the labels are the 0/1 targets themselves
                check_classes(t, 2, name)
                return t[:, None].astype(np.float64), True
            check_classes(t, C, name)
            Y = np.zeros((n, C))
            Y[np.arange(n), t] = 1.0
            return Y, True
        Y = as_finite_array(arr, name)
        if Y.shape != (n, C):
            raise ValueError(
                f"{name}: expected class indices (N,) or a target matrix {(n, C)}, "
                f"got shape {Y.shape}"
            )
        if self.output != "linear":
            check_probabilities(Y, name)
        return Y, False

    # -- forward and backward -------------------------------------------------------------

    def _forward(self, X):
        zs, acts = [], [X]
        a = X
        last = self.n_layers - 1
        for l, (W, b) in enumerate(zip(self.weights, self.biases)):
            z = a @ W.T
            z += b
            a = self._out(z) if l == last else self._act(z)
            zs.append(z)
            acts.append(a)
        return zs, acts

    def _per_example_cost(self, z, a, Y) -> np.ndarray:
        if self.cost == "quadratic":
            return 0.5 * np.sum((a - Y) ** 2, axis=1)
        if self.cost == "cross_entropy":  # sigmoid output, from the logits
            return np.sum(np.maximum(z, 0.0) - z * Y + np.log1p(np.exp(-np.abs(z))), axis=1)
        return -np.sum(Y * _log_softmax(z), axis=1)  # log-likelihood, softmax output

    def _output_delta(self, z, a, Y) -> np.ndarray:
        """δ^L = ∂C_x/∂z^L for each example: the line where the lesson lives."""
        if self.cost == "log_likelihood":
            return a * Y.sum(axis=1, keepdims=True) - Y  # a − y for one-hot y
        if self.cost == "cross_entropy" or self.output == "linear":
            return a - Y  # σ′ cancels (cross-entropy) or is 1 (linear)
        g = a - Y  # quadratic: ∂C/∂a, then through the output activation
        if self.output == "sigmoid":
            return g * a * (1.0 - a)
        return a * (g - np.sum(a * g, axis=1, keepdims=True))  # softmax Jacobian

    def _backward(self, Y, zs, acts, l2=0.0, l1=0.0, keep_deltas=False):
        n = Y.shape[0]
        L = self.n_layers
        delta = self._output_delta(zs[-1], acts[-1], Y)
        nabla_w = [None] * L
        nabla_b = [None] * L
        deltas = [None] * L
        for l in range(L - 1, -1, -1):
            if l < L - 1:
                delta = (delta @ self.weights[l + 1]) * self._act_prime(zs[l], acts[l + 1])
            if keep_deltas:
                deltas[l] = delta
            nabla_b[l] = delta.sum(axis=0) / n
            gw = delta.T @ acts[l]
            gw /= n
            if l2:
                gw += l2 * self.weights[l]
            if l1:
                gw += l1 * np.sign(self.weights[l])
            nabla_w[l] = gw
        return nabla_w, nabla_b, deltas

    def backprop(self, X: ArrayLike, Y: ArrayLike, *, l2: float = 0.0, l1: float = 0.0):
        """The four equations on one batch: X (N, n_in), Y indices (N,) or targets (N, C).

        Returns a :class:`Backprop` with ∂C/∂W^l, ∂C/∂b^l of
        C = mean cost + (l2/2)·Σ‖W‖² + l1·Σ|W| and every layer's δ.
        """
        X = self._inputs(X)
        Yt, _ = self._targets(Y, X.shape[0], "Y")
        l2 = check_number(l2, "l2", low=0.0)
        l1 = check_number(l1, "l1", low=0.0)
        zs, acts = self._forward(X)
        nw, nb, deltas = self._backward(Yt, zs, acts, l2, l1, keep_deltas=True)
        return Backprop(nw, nb, deltas, zs, acts)

    # -- evaluation -----------------------------------------------------------------------

    def predict_proba(self, X: ArrayLike) -> np.ndarray:
        """Output activations a^L, shape (N, C): probabilities for sigmoid/softmax outputs."""
        return self._forward(self._inputs(X))[1][-1]

    def predict(self, X: ArrayLike) -> np.ndarray:
        """Predicted class indices (N,): argmax of the output, or a ≥ 0.5 for one unit.

        For multi-label targets use ``predict_proba(X) >= 0.5``.
        """
        a = self.predict_proba(X)
        if a.shape[1] == 1:
            return (a[:, 0] >= 0.5).astype(np.int64)
        return np.argmax(a, axis=1)

    def loss(self, X: ArrayLike, y: ArrayLike, *, l2: float = 0.0, l1: float = 0.0) -> float:
        """Mean cost over (X, y) plus (l2/2)·Σ‖W‖² + l1·Σ|W|."""
        X = self._inputs(X)
        Y, _ = self._targets(y, X.shape[0])
        l2 = check_number(l2, "l2", low=0.0)
        l1 = check_number(l1, "l1", low=0.0)
        return self._loss_acc(X, Y, True)[0] + self._penalty(l2, l1)

    def accuracy(self, X: ArrayLike, y: ArrayLike) -> float:
        """Accuracy as defined in :class:`History`."""
        X = self._inputs(X)
        Y, is_index = self._targets(y, X.shape[0])
        return self._loss_acc(X, Y, is_index)[1]

    def _penalty(self, l2, l1) -> float:
        out = 0.0
        if l2:
            out += 0.5 * l2 * sum(float(np.sum(W * W)) for W in self.weights)
        if l1:
            out += l1 * sum(float(np.sum(np.abs(W))) for W in self.weights)
        return out

    def _loss_acc(self, X, Y, is_index):
        zs, acts = self._forward(X)
        a = acts[-1]
        loss = float(np.mean(self._per_example_cost(zs[-1], a, Y)))
        if self.output == "linear":
            acc = float("nan")
        elif is_index and Y.shape[1] > 1:
            acc = float(np.mean(np.argmax(a, axis=1) == np.argmax(Y, axis=1)))
        else:
            acc = float(np.mean((a >= 0.5) == (Y >= 0.5)))
        return loss, acc, zs, acts

    def gradient_norms(self, X: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """(‖∂C/∂b^l‖, ‖∂C/∂W^l‖) for every layer l on (X, y): the vanishing-gradient view."""
        bp = self.backprop(X, y)
        return (
            np.array([np.linalg.norm(g) for g in bp.nabla_b]),
            np.array([np.linalg.norm(g) for g in bp.nabla_w]),
        )

    # -- training -------------------------------------------------------------------------

    def fit(
        self,
        X: ArrayLike,
        y: ArrayLike,
        *,
        epochs: int,
        batch_size: int,
        eta: float,
        l2: float = 0.0,
        l1: float = 0.0,
        X_val: ArrayLike | None = None,
        y_val: ArrayLike | None = None,
        clip_norm: float | None = None,
        track_gradients: bool = True,
        callback: Callable[[int, History], None] | None = None,
    ) -> History:
        """Mini-batch SGD: W ← W − η(∂C/∂W + l2·W + l1·sign W), b ← b − η ∂C/∂b.

        X: (N, n_in); y: class indices (N,) or a target matrix (N, C) (multi-label).
        Shuffles every epoch with the network's seeded generator. ``clip_norm`` rescales
        the whole gradient when its norm exceeds it (notebook 10). ``callback(epoch,
        history)`` runs after every epoch, e.g. to redraw a live plot.
        Note: l2 here equals Nielsen's λ/n (his λ is divided by the training-set size).
        """
        X = self._inputs(X)
        Y, is_index = self._targets(y, X.shape[0])
        epochs = check_int(epochs, "epochs", low=0)
        batch_size = check_int(batch_size, "batch_size", low=1)
        eta = check_number(eta, "eta", low=0.0, low_open=True)
        l2 = check_number(l2, "l2", low=0.0)
        l1 = check_number(l1, "l1", low=0.0)
        if clip_norm is not None:
            clip_norm = check_number(clip_norm, "clip_norm", low=0.0, low_open=True)
        if (X_val is None) != (y_val is None):
            raise ValueError("y_val: give X_val and y_val together")
        val = None
        if X_val is not None:
            Xv = self._inputs(X_val, "X_val")
            val = (Xv, *self._targets(y_val, Xv.shape[0], "y_val"))
        if callback is not None and not callable(callback):
            raise TypeError("callback: expected a callable(epoch, history)")

        history = History()
        n = X.shape[0]
        with (
            _blas_threads_for(batch_size, self.sizes),
            np.errstate(over="ignore", invalid="ignore", divide="ignore"),
        ):
            self._record(history, X, Y, is_index, val, track_gradients)
            if callback is not None:
                callback(0, history)
            for epoch in range(1, epochs + 1):
                perm = self.rng.permutation(n)
                Xs, Ys = X[perm], Y[perm]
                for j, start in enumerate(range(0, n, batch_size), start=1):
                    xb = Xs[start : start + batch_size]
                    yb = Ys[start : start + batch_size]
                    zs, acts = self._forward(xb)
                    nw, nb, _ = self._backward(yb, zs, acts, l2, l1)
                    if clip_norm is not None:
                        total = np.sqrt(sum(np.sum(g * g) for g in nw + nb))
                        if total > clip_norm:
                            scale = clip_norm / total
                            nw = [g * scale for g in nw]
                            nb = [g * scale for g in nb]
                    for W, b, gw, gb in zip(self.weights, self.biases, nw, nb):
                        W -= eta * gw
                        b -= eta * gb
                    # a sum is non-finite as soon as one entry is: one cheap test per layer
                    if not np.isfinite(sum(W.sum() + b.sum() for W, b in self._params())):
                        history.diverged = True
                        history.diverged_at = (epoch, j)
                        break
                self._record(history, X, Y, is_index, val, track_gradients)
                if callback is not None:
                    callback(epoch, history)
                if history.diverged:
                    break
        return history

    def _record(self, history, X, Y, is_index, val, track_gradients):
        loss, acc, zs, acts = self._loss_acc(X, Y, is_index)
        history.loss.append(loss)
        history.accuracy.append(acc)
        if val is not None:
            vloss, vacc, _, _ = self._loss_acc(*val)
            history.val_loss.append(vloss)
            history.val_accuracy.append(vacc)
        if track_gradients:
            nw, nb, _ = self._backward(Y, zs, acts)
            history.grad_norms.append(np.array([np.linalg.norm(g) for g in nb]))
            history.weight_grad_norms.append(np.array([np.linalg.norm(g) for g in nw]))


# -- a linear model trained on any registered loss (notebooks 08 and 10) -------------------


@dataclass(frozen=True)
class LinearFit:
    """Record of :func:`fit_linear`; row e of every array is the state after e steps.

    ``W_path`` (epochs + 1, d, k) and ``b_path`` (epochs + 1, k): the parameters of
    s = XW + b; ``loss`` (epochs + 1,): the mean data loss (without the L2 term);
    ``n_active`` (epochs + 1,): examples whose loss gradient is not zero — a hinge loss stops
    pushing an example once all its margins are met, cross-entropy never does.
    ``diverged_at`` is the step after which the parameters stopped being finite (None if
    they stayed finite); the record then ends at the last finite state.
    """

    W_path: np.ndarray
    b_path: np.ndarray
    loss: np.ndarray
    n_active: np.ndarray
    loss_name: str
    loss_kwargs: dict
    eta: float
    l2: float
    regression: bool  # a 1-D real target: scores are returned as (N,)
    diverged_at: int | None = None

    @property
    def epochs(self) -> int:
        """Number of gradient-descent steps recorded."""
        return self.loss.shape[0] - 1

    @property
    def diverged(self) -> bool:
        """Whether the parameters stopped being finite."""
        return self.diverged_at is not None

    @property
    def W(self) -> np.ndarray:
        """Final weights, shape (d, k)."""
        return self.W_path[-1]

    @property
    def b(self) -> np.ndarray:
        """Final biases, shape (k,)."""
        return self.b_path[-1]

    @property
    def weight_norm(self) -> np.ndarray:
        """‖W‖ (Frobenius) after every step, shape (epochs + 1,)."""
        return np.sqrt(np.sum(self.W_path**2, axis=(1, 2)))

    def scores(self, X: ArrayLike, epoch: int = -1) -> np.ndarray:
        """s = XW + b with the parameters after ``epoch`` steps: (N, k), or (N,) for regression."""
        X = as_finite_array(X, "X")
        W = self.W_path[epoch]
        if X.ndim != 2 or X.shape[1] != W.shape[0]:
            raise ValueError(f"X: expected shape (N, {W.shape[0]}), got {X.shape}")
        s = X @ W + self.b_path[epoch]
        return s[:, 0] if self.regression else s


_LINEAR_INPUTS = ("real", "logits")


def fit_linear(
    X: ArrayLike,
    y: ArrayLike,
    *,
    loss: str,
    eta: float,
    epochs: int,
    l2: float = 0.0,
    n_classes: int | None = None,
    **loss_kwargs,
) -> LinearFit:
    """Full-batch gradient descent on s = XW + b from W = 0, b = 0 (notebooks 08, 10).

    X: (N, d); loss: a name in ``losses.LOSSES`` whose input is scores or real values
    (e.g. "cross_entropy", "multiclass_hinge_loss", "mse_loss", "smooth_l1_loss"); y:
    class indices (N,) for class losses (k = ``n_classes``, default max(y) + 1), or real
    targets (N,) or (N, k). Each step: g = loss_grad(s, y) (mean reduction),
    W ← W − η(Xᵀg + l2·W), b ← b − η Σ_n g_n. ``loss_kwargs`` go to the loss (``margin``,
    ``beta``, ``delta``, ``form``, …). Stops without warnings if the parameters overflow.
    """
    from .losses import LOSSES

    name = check_choice(loss, "loss", tuple(LOSSES))
    spec = LOSSES[name]
    if spec.input_kind not in _LINEAR_INPUTS:
        raise ValueError(f"loss: {name!r} takes {spec.input_kind} inputs, not linear scores")
    X = as_finite_array(X, "X")
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError(f"X: expected a non-empty array of shape (N, d), got {X.shape}")
    n, d = X.shape
    eta = check_number(eta, "eta", low=0.0, low_open=True)
    epochs = check_int(epochs, "epochs", low=0)
    l2 = check_number(l2, "l2", low=0.0)
    regression = False
    if spec.target_kind == "index":
        t = as_index_array(y, "y")
        if t.shape != (n,):
            raise ValueError(f"y: expected {n} class indices, got shape {t.shape}")
        k = int(t.max()) + 1 if n_classes is None else check_int(n_classes, "n_classes", low=2)
        check_classes(t, k, "y")
    else:
        t = as_finite_array(y, "y")
        if t.shape[:1] != (n,) or t.ndim not in (1, 2):
            raise ValueError(f"y: expected targets of shape ({n},) or ({n}, k), got {t.shape}")
        regression = t.ndim == 1
        k = 1 if regression else t.shape[1]

    def as_input(s):
        return s[:, 0] if regression else s

    W_path = np.zeros((epochs + 1, d, k))
    b_path = np.zeros((epochs + 1, k))
    losses = np.zeros(epochs + 1)
    n_active = np.zeros(epochs + 1, dtype=np.int64)
    diverged_at = None
    last = epochs
    with np.errstate(over="ignore", invalid="ignore"):
        for e in range(epochs + 1):
            W, b = W_path[e], b_path[e]
            s = as_input(X @ W + b)
            if not np.all(np.isfinite(s)):
                diverged_at, last = e, e - 1
                break
            losses[e] = spec.fn(s, t, **loss_kwargs)
            g = spec.grad(s, t, **loss_kwargs).reshape(n, k)
            n_active[e] = np.count_nonzero(np.any(g != 0, axis=1))
            if e < epochs:
                W_path[e + 1] = W - eta * (X.T @ g + l2 * W)
                b_path[e + 1] = b - eta * g.sum(axis=0)
    keep = slice(0, last + 1)
    return LinearFit(
        W_path=W_path[keep],
        b_path=b_path[keep],
        loss=losses[keep],
        n_active=n_active[keep],
        loss_name=name,
        loss_kwargs=dict(loss_kwargs),
        eta=eta,
        l2=l2,
        regression=regression,
        diverged_at=diverged_at,
    )
