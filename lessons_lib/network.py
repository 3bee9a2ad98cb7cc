"""A small fully connected network trained by mini-batch SGD and backpropagation.

Notebooks 03 (softmax + cross-entropy on the digits), 04 (multi-label sigmoids), 07
(L1/L2), 09 (vanishing gradients) and 10 (exploding gradients). The four equations of
backpropagation (Nielsen's BP1–BP4), in matrix form over a mini-batch whose examples are
the rows of A:

    BP1  δ^L = ∂C_x/∂z^L                   the cost's delta (losses.LossSpec.delta): a − y
                                           for cross-entropy after a sigmoid or a softmax
    BP2  δ^l = (δ^(l+1) W^(l+1)) ⊙ f′(z^l)
    BP3  ∂C/∂b^l = Σ_x δ^l_x / N
    BP4  ∂C/∂W^l = (δ^l)ᵀ A^(l−1) / N

Weights follow Nielsen's layout: W^l has shape (n_l, n_(l−1)), so z^l = A^(l−1) W^lᵀ + b^l.
This file is the textbook: :meth:`Network.feedforward`, :meth:`Network.backprop`,
:meth:`Network.update_mini_batch` and :meth:`Network.fit` read top to bottom, and
``fit(engine="textbook")`` runs exactly them. By default ``fit`` hands the mini-batch
steps to :mod:`lessons_lib._engine`, the same equations arranged for speed; tests hold the
two equal to 1e-10 over whole runs, for every layer type, cost, penalty and clipping.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from . import _engine
from ._checks import (
    as_finite_array,
    as_index_array,
    check_choice,
    check_classes,
    check_int,
    check_number,
    check_probabilities,
)
from .activations import ACTIVATIONS
from .losses import LOSSES, one_hot
from .training import History, clip_by_norm

__all__ = ["Network", "Backprop", "HIDDEN", "OUTPUTS", "INITS", "ENGINES"]

HIDDEN = ("sigmoid", "relu", "tanh")
OUTPUTS = ("sigmoid", "softmax", "linear")
INITS = ("scaled", "large", "he")
ENGINES = ("fast", "textbook")


@dataclass
class Backprop:
    """Result of :meth:`Network.backprop` for one batch.

    ``nabla_w[l]``/``nabla_b[l]``: ∂C/∂W, ∂C/∂b of layer l (C = mean cost over the batch,
    plus regularisation if asked); ``deltas[l]``: δ of layer l for every example, shape
    (N, n_l), the per-example ∂C_x/∂z (not divided by N); ``zs`` and ``activations`` as in
    :meth:`Network.feedforward` (``activations[0]`` is the input).
    """

    nabla_w: list[np.ndarray]
    nabla_b: list[np.ndarray]
    deltas: list[np.ndarray]
    zs: list[np.ndarray]
    activations: list[np.ndarray]


class Network:
    """Network(sizes, *, hidden, output, cost, init, seed): e.g. Network([64, 30, 10]).

    hidden: "sigmoid" | "relu" | "tanh"; output: "sigmoid" | "softmax" | "linear"; cost: a
    name in ``losses.LOSSES`` that the output layer can feed — "cross_entropy" after a
    softmax, "binary_cross_entropy_with_logits" after sigmoids, "quadratic_cost" after
    any (its keywords in ``cost_kwargs``). C is the mean over examples of each example's
    loss summed over the output units. init: "scaled" (W ~ N(0, 1/n_in), b ~ N(0, 1);
    Nielsen's default), "large" (W, b ~ N(0, 1)) or "he" (W ~ N(0, 2/n_in), b = 0);
    ``weight_scale`` multiplies every initial weight. Deterministic for a given ``seed``.
    """

    def __init__(
        self,
        sizes,
        *,
        hidden: str = "sigmoid",
        output: str = "sigmoid",
        cost: str = "binary_cross_entropy_with_logits",
        init: str = "scaled",
        weight_scale: float = 1.0,
        seed: int = 0,
        cost_kwargs: dict | None = None,
    ) -> None:
        if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
            raise TypeError("sizes: expected a list of layer sizes such as [64, 30, 10]")
        self.sizes = [check_int(s, "sizes", low=1) for s in sizes]
        if len(self.sizes) < 2:
            raise ValueError("sizes: need at least an input and an output layer")
        self.hidden = check_choice(hidden, "hidden", HIDDEN)
        self.output = check_choice(output, "output", OUTPUTS)
        if self.output == "softmax" and self.sizes[-1] < 2:
            raise ValueError("sizes: a softmax output needs at least 2 units")
        self.cost = check_choice(cost, "cost", tuple(LOSSES))
        self.cost_spec = LOSSES[self.cost]
        self.cost_spec.check_output(self.output)
        self.cost_kwargs = dict(cost_kwargs or {})
        label = np.zeros(1, dtype=np.int64)  # a bad keyword fails here, not mid-fit
        probe = label if self.cost_spec.target_kind == "index" else one_hot(label, self.sizes[-1])
        self.cost_spec.fn(np.full((1, self.sizes[-1]), 0.5), probe, **self.cost_kwargs)
        self.init = check_choice(init, "init", INITS)
        self.weight_scale = check_number(weight_scale, "weight_scale", low=0.0)
        self.seed = check_int(seed, "seed", low=0)
        self.f, self.f_out = ACTIVATIONS[self.hidden], ACTIVATIONS[self.output]
        self.rng = np.random.default_rng(self.seed)
        self.weights: list[np.ndarray] = []
        self.biases: list[np.ndarray] = []
        for n_in, n_out in itertools.pairwise(self.sizes):
            std = {"scaled": 1 / np.sqrt(n_in), "large": 1.0, "he": np.sqrt(2 / n_in)}[init]
            self.weights.append(self.rng.standard_normal((n_out, n_in)) * std * weight_scale)
            b = self.rng.standard_normal(n_out) if init != "he" else np.zeros(n_out)
            self.biases.append(b)

    def __repr__(self) -> str:
        return (
            f"Network({self.sizes}, hidden={self.hidden!r}, output={self.output!r}, "
            f"cost={self.cost!r}, init={self.init!r}, seed={self.seed})"
        )

    @property
    def n_layers(self) -> int:
        """Number of weight layers (hidden layers + the output layer)."""
        return len(self.weights)

    # -- the textbook -----------------------------------------------------------------------

    def feedforward(self, X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """z^l and a^l of every layer for the examples X (N, n_in): (zs, activations)."""
        zs, activations = [], [X]
        for l, (W, b) in enumerate(zip(self.weights, self.biases)):
            z = activations[-1] @ W.T + b
            f = self.f_out if l == self.n_layers - 1 else self.f
            zs.append(z)
            activations.append(f.fn(z))
        return zs, activations

    def backprop(self, X: ArrayLike, Y: ArrayLike, *, l2: float = 0.0, l1: float = 0.0):
        """The four equations on one batch: X (N, n_in), Y indices (N,) or targets (N, C).

        Returns a :class:`Backprop` with ∂C/∂W^l, ∂C/∂b^l of
        C = mean cost + (l2/2)·Σ‖W‖² + l1·Σ|W| and every layer's δ.
        """
        X = self._inputs(X)
        Y, _ = self._targets(Y, X.shape[0], "Y")
        l2, l1 = check_number(l2, "l2", low=0.0), check_number(l1, "l1", low=0.0)
        zs, acts = self.feedforward(X)
        n, L = X.shape[0], self.n_layers
        deltas = [None] * L
        deltas[-1] = self.cost_spec.delta(
            zs[-1], acts[-1], Y, self.output, **self.cost_kwargs
        )  # BP1
        for l in range(L - 2, -1, -1):  # BP2
            deltas[l] = (deltas[l + 1] @ self.weights[l + 1]) * self.f.prime(zs[l], acts[l + 1])
        nabla_b = [d.sum(axis=0) / n for d in deltas]  # BP3
        nabla_w = [d.T @ a / n for d, a in zip(deltas, acts[:-1])]  # BP4
        for l, W in enumerate(self.weights):  # the penalties' gradients (notebook 07)
            if l2:
                nabla_w[l] += l2 * W
            if l1:
                nabla_w[l] += l1 * np.sign(W)
        return Backprop(nabla_w, nabla_b, deltas, zs, acts)

    def update_mini_batch(self, X, Y, eta: float, *, l2=0.0, l1=0.0, clip_norm=None) -> None:
        """One step of SGD on the mini-batch (X, Y): every parameter p ← p − η·∂C/∂p,
        the whole gradient first clipped to norm ``clip_norm`` if given (notebook 10)."""
        bp = self.backprop(X, Y, l2=l2, l1=l1)
        grads = bp.nabla_w + bp.nabla_b
        if clip_norm is not None:
            grads = clip_by_norm(grads, clip_norm)
        for p, g in zip(self.weights + self.biases, grads):
            p -= eta * g

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
        engine: str = "fast",
    ) -> History:
        """Mini-batch SGD: each epoch shuffles (X, y) with the network's seeded generator
        and calls :meth:`update_mini_batch` on each run of ``batch_size`` examples.

        X: (N, n_in); y: class indices (N,) or a target matrix (N, C) (multi-label).
        ``callback(epoch, history)`` runs after every epoch (e.g. a live plot).
        ``record=False`` skips the evaluation before training and after every epoch (loss
        and accuracy on the training and validation sets, gradient norms); only
        ``diverged``/``diverged_at`` are set then. ``engine="textbook"`` runs the steps
        written above; "fast" (the default) runs :mod:`lessons_lib._engine`, equal to it.
        Note: l2 here equals Nielsen's λ/n (his λ is divided by the training-set size).
        """
        X = self._inputs(X)
        Y, is_index = self._targets(y, X.shape[0])
        epochs = check_int(epochs, "epochs", low=0)
        batch_size = check_int(batch_size, "batch_size", low=1)
        eta = check_number(eta, "eta", low=0.0, low_open=True)
        rule = {"l2": check_number(l2, "l2", low=0.0), "l1": check_number(l1, "l1", low=0.0)}
        if clip_norm is not None:
            rule["clip_norm"] = check_number(clip_norm, "clip_norm", low=0.0, low_open=True)
        val = self._validation(X_val, y_val, record)
        if not isinstance(record, (bool, np.bool_)):
            raise TypeError(f"record: expected True or False, got {type(record).__name__}")
        if callback is not None and not callable(callback):
            raise TypeError("callback: expected a callable(epoch, history)")
        if check_choice(engine, "engine", ENGINES) == "fast":
            epoch_steps = _engine.SGD(self, X, Y, is_index, batch_size=batch_size, eta=eta, **rule)
        else:

            def epoch_steps(perm):  # the textbook: one mini-batch after the other
                for j, start in enumerate(range(0, X.shape[0], batch_size), start=1):
                    idx = perm[start : start + batch_size]
                    self.update_mini_batch(X[idx], Y[idx], eta, **rule)
                    if not all(np.all(np.isfinite(p)) for p in self.weights + self.biases):
                        return j  # the parameters stopped being finite
                return None

        history = History()
        with _engine.blas_threads_for(batch_size, self.sizes), np.errstate(all="ignore"):
            for epoch in range(epochs + 1):
                if epoch:
                    j = epoch_steps(self.rng.permutation(X.shape[0]))
                    if j is not None:
                        history.diverged, history.diverged_at = True, (epoch, j)
                if record:
                    self._record(history, X, Y, is_index, val, track_gradients)
                if callback is not None:
                    callback(epoch, history)
                if history.diverged:
                    break
        return history

    # -- evaluation -------------------------------------------------------------------------

    def predict_proba(self, X: ArrayLike) -> np.ndarray:
        """Output activations a^L, shape (N, C): probabilities for sigmoid/softmax outputs."""
        return self.feedforward(self._inputs(X))[1][-1]

    def predict(self, X: ArrayLike) -> np.ndarray:
        """Predicted class indices (N,): argmax of the output, or a ≥ 0.5 for one unit.

        For multi-label targets use ``predict_proba(X) >= 0.5``.
        """
        a = self.predict_proba(X)
        return (a[:, 0] >= 0.5).astype(np.int64) if a.shape[1] == 1 else np.argmax(a, axis=1)

    def loss(self, X: ArrayLike, y: ArrayLike, *, l2: float = 0.0, l1: float = 0.0) -> float:
        """Mean cost over (X, y) plus (l2/2)·Σ‖W‖² + l1·Σ|W|."""
        X = self._inputs(X)
        Y, _ = self._targets(y, X.shape[0])
        l2, l1 = check_number(l2, "l2", low=0.0), check_number(l1, "l1", low=0.0)
        penalty = sum(0.5 * l2 * np.sum(W * W) + l1 * np.sum(np.abs(W)) for W in self.weights)
        return self._mean_cost(*self.feedforward(X), Y) + float(penalty)

    def accuracy(self, X: ArrayLike, y: ArrayLike) -> float:
        """Accuracy as defined in :class:`~lessons_lib.training.History`."""
        X = self._inputs(X)
        Y, is_index = self._targets(y, X.shape[0])
        return self._accuracy(self.feedforward(X)[1][-1], Y, is_index)

    def gradient_norms(self, X: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """(‖∂C/∂b^l‖, ‖∂C/∂W^l‖) for every layer l on (X, y): the vanishing-gradient view."""
        bp = self.backprop(X, y)
        return _norms(bp.nabla_b), _norms(bp.nabla_w)

    def _mean_cost(self, zs, acts, Y) -> float:
        return float(np.mean(self.cost_spec.cost(zs[-1], acts[-1], Y, **self.cost_kwargs)))

    def _accuracy(self, a, Y, is_index) -> float:
        if is_index and Y.shape[1] > 1:
            return float(np.mean(np.argmax(a, axis=1) == np.argmax(Y, axis=1)))
        if self.output == "linear":
            return float("nan")
        return float(np.mean((a >= 0.5) == (Y >= 0.5)))

    def _record(self, history, X, Y, is_index, val, track_gradients) -> None:
        if track_gradients:
            bp = self.backprop(X, Y)
            zs, acts = bp.zs, bp.activations
            history.grad_norms.append(_norms(bp.nabla_b))
            history.weight_grad_norms.append(_norms(bp.nabla_w))
        else:
            zs, acts = self.feedforward(X)
        history.loss.append(self._mean_cost(zs, acts, Y))
        history.accuracy.append(self._accuracy(acts[-1], Y, is_index))
        if val is not None:
            Xv, Yv, v_index = val
            zs, acts = self.feedforward(Xv)
            history.val_loss.append(self._mean_cost(zs, acts, Yv))
            history.val_accuracy.append(self._accuracy(acts[-1], Yv, v_index))

    # -- input checks -----------------------------------------------------------------------

    def _inputs(self, X, name="X") -> np.ndarray:
        X = as_finite_array(X, name)
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ValueError(f"{name}: expected shape (N, {self.sizes[0]}), got {X.shape}")
        return X

    def _targets(self, y, n: int, name="y") -> tuple[np.ndarray, bool]:
        """The target matrix (N, C) and whether y held class indices (→ one-hot rows)."""
        C, arr = self.sizes[-1], np.asarray(y)
        if arr.ndim == 1:
            t = as_index_array(arr, name)
            if t.shape[0] != n:
                raise ValueError(f"{name}: has {t.shape[0]} labels for {n} examples")
            check_classes(t, 2 if C == 1 else C, name)
            return (t[:, None].astype(np.float64) if C == 1 else one_hot(t, C)), True
        Y = as_finite_array(arr, name)
        if Y.shape != (n, C):
            raise ValueError(
                f"{name}: expected class indices (N,) or a target matrix {(n, C)}, "
                f"got shape {Y.shape}"
            )
        if self.output != "linear":
            check_probabilities(Y, name)
        return Y, False

    def _validation(self, X_val, y_val, record):
        if (X_val is None) != (y_val is None):
            raise ValueError("y_val: give X_val and y_val together")
        if X_val is None:
            return None
        if not record:
            raise ValueError("X_val: validation data is only evaluated with record=True")
        Xv = self._inputs(X_val, "X_val")
        return (Xv, *self._targets(y_val, Xv.shape[0], "y_val"))


def _norms(grads) -> np.ndarray:
    return np.array([np.linalg.norm(g) for g in grads])
