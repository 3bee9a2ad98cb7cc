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
:meth:`Network.backprop` computes exactly these lines; :meth:`Network.fit` steps through
the same equations rearranged for speed (:class:`_SGD`: bias fused into W, one flat
parameter vector, buffers made once), equal to the plain loop to rounding (tested).

:func:`fit_linear` is the network without hidden layers, s = XW + b, trained by full-batch
gradient descent on any loss of :data:`lessons_lib.losses.LOSSES` through its ``*_grad``
(notebooks 08: hinge vs cross-entropy, 10: MSE, L1, Smooth L1 and Huber with outliers).
"""

from __future__ import annotations

import contextlib
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike
from threadpoolctl import ThreadpoolController

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


# Activations take optional ``out`` and ``scratch`` arrays of z's shape: the per-epoch
# evaluation of Network.fit passes buffers made once, since a fresh array the size of the
# training set costs more in page faults than its arithmetic. The arithmetic is the same
# with or without them.


def _sigmoid(z, out=None, scratch=None):
    e = np.abs(z, out=scratch)
    np.negative(e, out=e)
    np.exp(e, out=e)  # e^(−|z|): never overflows
    if out is None:
        a = np.where(z >= 0, 1.0, e)
    else:
        a = out
        np.copyto(a, e)
        np.copyto(a, 1.0, where=z >= 0)
    np.add(e, 1.0, out=e)
    np.divide(a, e, out=a)  # 1 / (1 + e^(−z)) for z ≥ 0, e^z / (1 + e^z) below
    return a


def _sigmoid_prime_from(z, a):
    return a * (1.0 - a)


def _relu(z, out=None, scratch=None):
    return np.maximum(z, 0.0, out=out)


def _relu_prime_from(z, a):
    return (z > 0).astype(z.dtype)


def _tanh(z, out=None, scratch=None):
    return np.tanh(z, out=out)


def _tanh_prime_from(z, a):
    return 1.0 - a * a


_HIDDEN_FNS = {
    "sigmoid": (_sigmoid, _sigmoid_prime_from),
    "relu": (_relu, _relu_prime_from),
    "tanh": (_tanh, _tanh_prime_from),
}


# (np.maximum.reduce and np.add.reduce are what z.max and z.sum call, without the
# Python-level wrappers that cost more than the arithmetic on a small batch)


def _softmax(z, out=None, scratch=None):
    e = np.subtract(z, np.maximum.reduce(z, axis=1, keepdims=True), out=out)
    np.exp(e, out=e)
    np.divide(e, np.add.reduce(e, axis=1, keepdims=True), out=e)
    return e


def _log_softmax(z):
    s = z - np.maximum.reduce(z, axis=1, keepdims=True)
    e = np.exp(s)
    np.subtract(s, np.log(np.add.reduce(e, axis=1, keepdims=True)), out=s)
    return s


def _mean(x: np.ndarray) -> float:
    """np.mean(x) over all entries: the same sum, divided by the same count."""
    return np.add.reduce(x, axis=None) / x.size


def _identity(z, out=None, scratch=None):
    return z


_OUTPUT_FNS = {"sigmoid": _sigmoid, "softmax": _softmax, "linear": _identity}


_BLAS_CONTROLLER: list[ThreadpoolController] = []  # made on first use: it costs ~0.3 ms


def _blas_threads_for(batch_size: int, sizes) -> contextlib.AbstractContextManager:
    """One BLAS thread for small mini-batch products: for matrices this size, starting
    threads costs more than they save (3× slower at mini-batch 100 on 2 cores).

    The controller that finds the BLAS libraries is made once and kept: a fresh
    ``threadpool_limits`` looks them up again on every call (~0.3 ms, as long as a short
    ``fit`` on the digits)."""
    if batch_size * max(sizes) ** 2 > 4_000_000:
        return contextlib.nullcontext()
    if not _BLAS_CONTROLLER:
        _BLAS_CONTROLLER.append(ThreadpoolController())
    return _BLAS_CONTROLLER[0].limit(limits=1, user_api="blas")


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

    def _forward(self, X, buffers=None):
        """zs and activations of every layer; ``buffers``: per layer (z, a, scratch) arrays
        to compute into (see :meth:`_eval_buffers`), else new arrays."""
        zs, acts = [], [X]
        a = X
        last = self.n_layers - 1
        for l, (W, b) in enumerate(zip(self.weights, self.biases)):
            z_buf, a_buf, scratch = (None, None, None) if buffers is None else buffers[l]
            z = np.matmul(a, W.T, out=z_buf)
            z += b
            a = (self._out if l == last else self._act)(z, a_buf, scratch)
            zs.append(z)
            acts.append(a)
        return zs, acts

    def _eval_buffers(self, n: int) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """(z, a, scratch) arrays for a forward pass over n examples."""
        return [(np.empty((n, k)), np.empty((n, k)), np.empty((n, k))) for k in self.sizes[1:]]

    def _per_example_cost(self, z, a, Y) -> np.ndarray:
        total = np.add.reduce  # np.sum
        if self.cost == "quadratic":
            return 0.5 * total((a - Y) ** 2, axis=1)
        if self.cost == "cross_entropy":  # sigmoid output, from the logits
            return total(np.maximum(z, 0.0) - z * Y + np.log1p(np.exp(-np.abs(z))), axis=1)
        ls = _log_softmax(z)  # log-likelihood, softmax output
        np.multiply(Y, ls, out=ls)
        return -total(ls, axis=1)

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

    def _loss_acc(self, X, Y, is_index, buffers=None):
        zs, acts = self._forward(X, buffers)
        a = acts[-1]
        loss = float(_mean(self._per_example_cost(zs[-1], a, Y)))
        if self.output == "linear":
            return loss, float("nan"), zs, acts
        if is_index and Y.shape[1] > 1:
            right = np.argmax(a, axis=1) == np.argmax(Y, axis=1)
        else:
            right = (a >= 0.5) == (Y >= 0.5)
        return loss, float(np.count_nonzero(right) / right.size), zs, acts  # = np.mean(right)

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
        record: bool = True,
    ) -> History:
        """Mini-batch SGD: W ← W − η(∂C/∂W + l2·W + l1·sign W), b ← b − η ∂C/∂b.

        X: (N, n_in); y: class indices (N,) or a target matrix (N, C) (multi-label).
        Shuffles every epoch with the network's seeded generator. ``clip_norm`` rescales
        the whole gradient when its norm exceeds it (notebook 10). ``callback(epoch,
        history)`` runs after every epoch, e.g. to redraw a live plot.
        ``record=False`` skips the evaluation before training and after every epoch
        (loss and accuracy on the whole training set, the validation set, gradient
        norms): the History's lists then stay empty and only ``diverged``/``diverged_at``
        are set. Training itself is the same; use it when only the trained network
        matters, or to time training alone.
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
        if not isinstance(record, (bool, np.bool_)):
            raise TypeError(f"record: expected True or False, got {type(record).__name__}")
        if X_val is not None and not record:
            raise ValueError("X_val: validation data is only evaluated with record=True")
        val = None
        if X_val is not None:
            Xv = self._inputs(X_val, "X_val")
            val = (Xv, *self._targets(y_val, Xv.shape[0], "y_val"))
        if callback is not None and not callable(callback):
            raise TypeError("callback: expected a callable(epoch, history)")

        history = History()
        n = X.shape[0]
        sgd = _SGD(
            self, X, Y, is_index, batch_size=batch_size, eta=eta, l2=l2, l1=l1, clip_norm=clip_norm
        )
        with (
            _blas_threads_for(batch_size, self.sizes),
            np.errstate(over="ignore", invalid="ignore", divide="ignore"),
        ):
            if record:  # buffers for the evaluations, made once
                val_bufs = None if val is None else self._eval_buffers(val[0].shape[0])
                bufs = (self._eval_buffers(n), val_bufs)
                self._record(history, X, Y, is_index, val, track_gradients, bufs)
            if callback is not None:
                callback(0, history)
            for epoch in range(1, epochs + 1):
                perm = self.rng.permutation(n)
                sgd.load()
                j = sgd.epoch(perm)
                sgd.store()
                if j is not None:
                    history.diverged = True
                    history.diverged_at = (epoch, j)
                if record:
                    self._record(history, X, Y, is_index, val, track_gradients, bufs)
                if callback is not None:
                    callback(epoch, history)
                if history.diverged:
                    break
        return history

    def _record(self, history, X, Y, is_index, val, track_gradients, buffers):
        loss, acc, zs, acts = self._loss_acc(X, Y, is_index, buffers[0])
        history.loss.append(loss)
        history.accuracy.append(acc)
        if val is not None:
            vloss, vacc, _, _ = self._loss_acc(*val, buffers[1])
            history.val_loss.append(vloss)
            history.val_accuracy.append(vacc)
        if track_gradients:
            nw, nb, _ = self._backward(Y, zs, acts)
            history.grad_norms.append(np.array([np.linalg.norm(g) for g in nb]))
            history.weight_grad_norms.append(np.array([np.linalg.norm(g) for g in nw]))


# -- the training loop of Network.fit --------------------------------------------------------

# (output, cost) pairs whose δ^L has a short in-place form in _SGD; the others go through
# Network._output_delta, with the same result
_SOFTMAX_LL, _SIGMOID_CE, _LINEAR_QUADRATIC = range(3)
_FAST_DELTA = {
    ("softmax", "log_likelihood"): _SOFTMAX_LL,
    ("sigmoid", "cross_entropy"): _SIGMOID_CE,
    ("linear", "quadratic"): _LINEAR_QUADRATIC,
}


class _SGD:
    """The mini-batch steps of :meth:`Network.fit`, on buffers made once per fit.

    The same equations as :meth:`Network._forward` and :meth:`Network._backward` (the
    tests hold the two to 1e-10 over whole runs), arranged so that a step makes few NumPy
    calls, since at mini-batch 10 each call costs more than its arithmetic:

    - feature-major: an activation is (units, batch), so softmax reduces along the outer
      axis and a hidden layer's buffer is contiguous;
    - fused bias: layer l's parameters are one block [W | b] of shape (n_out, n_in + 1)
      and every activation carries a last row of ones, so z = [W | b] [a; 1] is one
      product and ∂C/∂[W | b] = δ [a; 1]ᵀ is one product;
    - all blocks are views of one flat vector P (and all gradients of one flat G): one
      update P −= G and one finiteness test per step, whatever the depth;
    - δ is carried multiplied by η/m, so G is already the step;
    - a sigmoid layer keeps its block negated, [−W | −b]: the product gives −z and
      σ(z) = 1 / (1 + e^(−z)) takes three in-place passes (e^(−z) overflows to inf for
      z < −709, giving σ = 0 exactly; fit runs under errstate(over="ignore")). Its δ is
      carried negated too (σ′ enters as a(a − 1)), so the update is P −= G for every
      layer. Negation is exact, so this changes no digit.

    Parameters are copied in from ``net.weights``/``net.biases`` before each epoch (a
    callback may change them) and written back, in place, after it.
    """

    def __init__(self, net: Network, X, Y, is_index, *, batch_size, eta, l2, l1, clip_norm):
        sizes = net.sizes
        self.net = net
        self.L = L = len(sizes) - 1
        self.hidden = net.hidden
        self.pair = (net.output, net.cost)
        hidden_sign = -1.0 if net.hidden == "sigmoid" else 1.0
        out_sign = -1.0 if self.pair == ("sigmoid", "cross_entropy") else 1.0
        self.signs = [hidden_sign] * (L - 1) + [out_sign]
        shapes = [(n_out, n_in + 1) for n_in, n_out in itertools.pairwise(sizes)]
        ends = np.cumsum([0] + [a * b for a, b in shapes])
        self.P = np.empty(int(ends[-1]))
        self.G = np.empty(int(ends[-1]))
        self.S = [self.P[i:j].reshape(sh) for i, j, sh in zip(ends[:-1], ends[1:], shapes)]
        self.Gl = [self.G[i:j].reshape(sh) for i, j, sh in zip(ends[:-1], ends[1:], shapes)]
        # Wᵀ of each layer (without the bias column) for δ^(l−1) = Wᵀ δ^l
        self.SvT = [S[:, :-1].T for S in self.S]
        n, d = X.shape
        self.n = n
        self.X1 = np.empty((n, d + 1))
        self.X1[:, :d] = X
        self.X1[:, d] = 1.0
        self.Xs = np.empty_like(self.X1)
        self.YT = np.ascontiguousarray(Y.T)
        self.YsT = np.empty_like(self.YT)
        # δ^L = a·Σ_c y_c − y for log-likelihood: the factor is 1 for one-hot targets
        self.ysum = self.ysum_s = None
        if self.pair == ("softmax", "log_likelihood") and not is_index:
            ysum = Y.sum(axis=1)
            if not np.all(ysum == 1.0):
                self.ysum = ysum
                self.ysum_s = np.empty_like(ysum)
        self.batch_size = batch_size
        self.eta, self.l2, self.l1, self.clip_norm = eta, l2, l1, clip_norm
        if l2 or l1:  # η·l2 and η·l1 on every weight, 0 on the biases, as one flat vector
            weights = np.ones_like(self.P)
            for i, j, (rows, cols) in zip(ends[:-1], ends[1:], shapes):
                weights[i:j].reshape(rows, cols)[:, -1] = 0.0
            self.l2_step, self.l1_step = (eta * l2) * weights, (eta * l1) * weights
            self.scratch = np.empty_like(self.P)
        self._steps: dict[int, Callable] = {}

    # -- parameters in and out ---------------------------------------------------------------

    def load(self) -> None:
        """Copy the network's parameters into the working blocks (signs applied)."""
        for S, W, b, s in zip(self.S, self.net.weights, self.net.biases, self.signs):
            np.multiply(W, s, out=S[:, :-1])
            np.multiply(b, s, out=S[:, -1])

    def store(self) -> None:
        """Write the working blocks back into the network's arrays, in place."""
        for S, W, b, s in zip(self.S, self.net.weights, self.net.biases, self.signs):
            np.multiply(S[:, :-1], s, out=W)
            np.multiply(S[:, -1], s, out=b)

    # -- one epoch ---------------------------------------------------------------------------

    def _make_step(self, m: int) -> Callable[[np.ndarray, np.ndarray, int], None]:
        """step(xb, yT, start): one SGD step on the m examples xb (m, n_in + 1) with
        targets yT (C, m), starting at row ``start`` of the epoch's order. Buffers and
        every constant are bound here, once per batch size."""
        sizes, L = self.net.sizes, self.L
        acts = []  # hidden activations with their row of ones: (n_l + 1, m)
        for units in sizes[1:-1]:
            a = np.empty((units + 1, m))
            a[-1] = 1.0
            acts.append(a)
        views = [a[:-1] for a in acts]
        deltas = [np.empty((units, m)) for units in sizes[1:-1]]
        temps = [np.empty((units, m)) for units in sizes[1:-1]]
        Z = np.empty((sizes[-1], m))
        row = np.empty((1, m))
        S, Gl, SvT, P, G = self.S, self.Gl, self.SvT, self.P, self.G
        c = self.eta / m
        hidden, ysum, ysum_s = self.hidden, self.ysum, self.ysum_s
        out_kind = _FAST_DELTA.get(self.pair)  # None: through Network._output_delta
        needs_more = self.l2 or self.l1 or self.clip_norm is not None
        regularise = self._regularise if needs_more else None
        net = self.net
        matmul, multiply, subtract = np.matmul, np.multiply, np.subtract
        add, exp, reciprocal = np.add, np.exp, np.reciprocal
        max_reduce, sum_reduce = np.maximum.reduce, np.add.reduce
        # per hidden layer l: (W^l, buffer for z then a^l, [a^l; 1])
        fwd = [(S[l], views[l], acts[l]) for l in range(L - 1)]
        # per layer l ≥ 1, top down: (G^l, [a^(l−1); 1]ᵀ, Wᵀ, δ^(l−1), temp, a^(l−1))
        bwd = [
            (Gl[l], acts[l - 1].T, SvT[l], deltas[l - 1], temps[l - 1], views[l - 1])
            for l in range(L - 1, 0, -1)
        ]
        W_out, G_in = S[L - 1], Gl[0]
        sigmoid_hidden = hidden == "sigmoid"
        relu_hidden = hidden == "relu"

        def step(xb, yT, start):
            # forward: [x; 1] is a transposed view of the shuffled rows
            a = xb.T
            for W, h, a_next in fwd:
                matmul(W, a, h)  # z (relu, tanh) or −z (sigmoid)
                if sigmoid_hidden:
                    exp(h, h)
                    add(h, 1.0, h)
                    reciprocal(h, h)
                elif relu_hidden:
                    np.maximum(h, 0.0, out=h)
                else:
                    np.tanh(h, h)
                a = a_next
            matmul(W_out, a, Z)
            # output: Z ← (η/m)·δ^L (times the layer's sign)
            if out_kind == _SOFTMAX_LL:
                max_reduce(Z, 0, None, row, True)
                subtract(Z, row, Z)
                exp(Z, Z)
                sum_reduce(Z, 0, None, row, True)
                np.divide(Z, row, Z)
                if ysum is not None:
                    multiply(Z, ysum_s[start : start + m], Z)
                subtract(Z, yT, Z)
            elif out_kind == _SIGMOID_CE:  # Z = −z; carried: −(a − y) = y − a
                exp(Z, Z)
                add(Z, 1.0, Z)
                reciprocal(Z, Z)
                subtract(yT, Z, Z)
            elif out_kind == _LINEAR_QUADRATIC:
                subtract(Z, yT, Z)
            else:
                z = Z.T
                Z[...] = net._output_delta(z, net._out(z), yT.T).T
            multiply(Z, c, Z)
            # backward: G^l = δ^l [a^(l−1); 1]ᵀ, δ^(l−1) = ±(Wᵀ δ^l) ⊙ f′
            D = Z
            for Gw, aT, WT, Dn, T, h in bwd:
                matmul(D, aT, Gw)
                matmul(WT, D, Dn)
                if sigmoid_hidden:  # a(a − 1) = −σ′: the negated δ of a negated layer
                    subtract(h, 1.0, T)
                    multiply(T, h, T)
                elif relu_hidden:
                    np.greater(h, 0.0, T)
                else:
                    multiply(h, h, T)
                    subtract(1.0, T, T)
                multiply(Dn, T, Dn)
                D = Dn
            matmul(D, xb, G_in)
            if regularise is not None:
                regularise()
            subtract(P, G, P)

        return step

    def epoch(self, perm: np.ndarray) -> int | None:
        """Train on the examples in the order ``perm``; return the 1-based index of the
        mini-batch after which the parameters stopped being finite, or None."""
        Xs, YsT = self.Xs, self.YsT
        # mode="clip": with the default mode="raise", take copies through a buffer
        np.take(self.X1, perm, axis=0, out=Xs, mode="clip")
        np.take(self.YT, perm, axis=1, out=YsT, mode="clip")
        if self.ysum is not None:
            np.take(self.ysum, perm, out=self.ysum_s, mode="clip")
        n, bs = self.n, self.batch_size
        steps = self._steps
        full = steps.get(bs) or steps.setdefault(bs, self._make_step(bs))
        isfinite = math.isfinite
        total = np.add.reduce
        P = self.P
        for j, start in enumerate(range(0, n, bs), start=1):
            stop = start + bs
            if stop <= n:
                full(Xs[start:stop], YsT[:, start:stop], start)
            else:
                m = n - start
                last = steps.get(m) or steps.setdefault(m, self._make_step(m))
                last(Xs[start:n], YsT[:, start:n], start)
            # a sum is non-finite as soon as one entry is: one cheap test per step
            if not isfinite(total(P, None)):
                return j
        return None

    def _regularise(self) -> None:
        """G ← G + η(l2·W + l1·sign W), then the whole gradient clipped to clip_norm.

        Signs need no care: a negated block has a negated G, l2·(−W) = −(l2·W) and
        sign(−W) = −sign W."""
        G, P = self.G, self.P
        if self.l2:
            G += np.multiply(P, self.l2_step, out=self.scratch)
        if self.l1:
            G += np.multiply(np.sign(P, out=self.scratch), self.l1_step, out=self.scratch)
        if self.clip_norm is not None:
            total = math.sqrt(float(np.dot(G, G))) / self.eta
            if total > self.clip_norm:
                G *= self.clip_norm / total


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


def _linear_kernel(name: str, t: np.ndarray, n_classes: int, kwargs: dict):
    """kernel(s) → (loss, ∂loss/∂s) for ``fit_linear``'s steps after the first.

    The same arithmetic as ``LOSSES[name].fn`` and ``.grad`` with the mean reduction
    (``np.add.reduce`` is what ``np.sum`` and ``np.mean`` call), sharing what the two have
    in common and skipping the input checks, which the first step made through the public
    functions (``s`` stays finite: fit_linear stops first).
    None when a keyword is not one handled here (e.g. ``reduction``): fit_linear then
    calls the public functions on every step.
    """
    from .losses import (
        _hinge_max_grad,
        _hinge_max_per,
        _hinge_sum_grad,
        _hinge_terms,
        _one_hot,
        _smooth_l1_parts,
    )

    allowed = {
        "mse_loss": set(),
        "l1_loss": set(),
        "smooth_l1_loss": {"beta"},
        "huber_loss": {"delta"},
        "quadratic_cost": set(),
        "binary_cross_entropy_with_logits": set(),
        "cross_entropy": {"label_smoothing"},
        "multi_margin_loss": {"p", "margin"},
        "multiclass_hinge_loss": {"margin", "form"},
    }.get(name)
    if allowed is None or not set(kwargs) <= allowed:
        return None

    if name == "mse_loss":

        def kernel(s):
            d = s - t
            return _mean(d**2), 2.0 * d / d.size

    elif name == "l1_loss":

        def kernel(s):
            d = s - t
            return _mean(np.abs(d)), np.sign(d) / d.size

    elif name in ("smooth_l1_loss", "huber_loss"):
        key = "beta" if name == "smooth_l1_loss" else "delta"
        width = float(kwargs.get(key, 1.0))
        huber = name == "huber_loss"

        def kernel(s):
            value, grad = _smooth_l1_parts(s - t, width)
            if huber:
                value, grad = width * value, width * grad
            return _mean(value), grad / s.size

    elif name == "quadratic_cost":

        def kernel(s):
            d = s - t
            sq = 0.5 * d**2
            per = sq.reshape(sq.shape[0], -1).sum(axis=1) if s.ndim >= 2 else sq
            return _mean(per), d / s.shape[0]

    elif name == "binary_cross_entropy_with_logits":

        def kernel(s):
            e = np.exp(-np.abs(s))
            per = np.maximum(s, 0.0) - s * t + np.log1p(e)
            a = np.where(s >= 0, 1.0 / (1.0 + e), e / (1.0 + e))  # activations.sigmoid
            return _mean(per), (a - t) / s.size

    elif name == "cross_entropy":
        eps = float(kwargs.get("label_smoothing", 0.0))
        T = _one_hot(t, n_classes)
        if eps > 0:
            T = T * (1.0 - eps) + eps / n_classes
        T_sum = T.sum(axis=1, keepdims=True)

        def kernel(s):
            shifted = s - np.maximum.reduce(s, axis=1, keepdims=True)
            e = np.exp(shifted)
            total = np.add.reduce(e, axis=1, keepdims=True)
            per = -np.add.reduce(T * (shifted - np.log(total)), axis=1)  # log-softmax
            g = (e / total) * T_sum - T  # softmax·Σy − y
            return _mean(per), g / s.shape[0]

    else:  # the hinge losses
        margin = float(kwargs.get("margin", 1.0))
        n = t.size
        if name == "multi_margin_loss":
            p = int(kwargs.get("p", 1))

            def kernel(s):
                h = _hinge_terms(s, t, margin)
                per = np.add.reduce(np.maximum(h, 0.0) ** p, axis=1) / n_classes
                g = _hinge_sum_grad(h, t, p) / n_classes
                return _mean(per), g / n

        elif kwargs.get("form", "sum") == "sum":

            def kernel(s):
                h = _hinge_terms(s, t, margin)
                per = np.add.reduce(np.maximum(h, 0.0), axis=1)
                return _mean(per), _hinge_sum_grad(h, t, 1) / n

        else:  # "max": Crammer–Singer

            def kernel(s):
                h = _hinge_terms(s, t, margin)
                per = _hinge_max_per(h, t)
                return _mean(per), _hinge_max_grad(h, t) / n

    return kernel


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
    # step 0 goes through the public loss functions (they check the keywords); later
    # steps through the same arithmetic without the checks, when there is a kernel
    kernel = _linear_kernel(name, t, k, loss_kwargs)
    XT = X.T
    with np.errstate(over="ignore", invalid="ignore"):
        for e in range(epochs + 1):
            W, b = W_path[e], b_path[e]
            s = as_input(X @ W + b)
            # a finite sum means finite entries; else look at the entries themselves
            if not math.isfinite(np.add.reduce(s, axis=None)) and not np.all(np.isfinite(s)):
                diverged_at, last = e, e - 1
                break
            if e and kernel is not None:
                losses[e], g = kernel(s)
            else:
                losses[e] = spec.fn(s, t, **loss_kwargs)
                g = spec.grad(s, t, **loss_kwargs)
            g = g.reshape(n, k)
            n_active[e] = np.count_nonzero(g if k == 1 else np.any(g, axis=1))
            if e < epochs:
                grad_W = XT @ g
                if l2:  # adding l2·W = 0 would change no entry
                    grad_W += l2 * W
                np.subtract(W, eta * grad_W, out=W_path[e + 1])
                np.subtract(b, eta * g.sum(axis=0), out=b_path[e + 1])
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
