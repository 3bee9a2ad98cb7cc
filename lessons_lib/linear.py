"""A linear model s = XW + b trained by full-batch gradient descent on any registered loss.

The network without hidden layers (notebooks 08: hinge vs cross-entropy, 10: MSE, L1,
Smooth L1 and Huber with outliers). Each step takes the loss's gradient with respect to
the scores, g = ∂L/∂s (``LOSSES[loss]``, mean reduction), and moves
W ← W − η(Xᵀg + l2·W), b ← b − η Σ_n g_n.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._checks import (
    as_finite_array,
    as_index_array,
    check_choice,
    check_classes,
    check_int,
    check_number,
)
from .losses import LOSSES, one_hot

__all__ = ["LinearFit", "fit_linear"]

_LINEAR_INPUTS = ("real", "logits", "scores")


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

    X: (N, d); loss: a name in ``losses.LOSSES`` whose input is scores, logits or real
    values (e.g. "cross_entropy", "multiclass_hinge_loss", "mse_loss", "smooth_l1_loss");
    y: class indices (N,) for class losses (k = ``n_classes``, default max(y) + 1), or
    real targets (N,) or (N, k). Each step: g = ∂L/∂s (mean reduction),
    W ← W − η(Xᵀg + l2·W), b ← b − η Σ_n g_n. ``loss_kwargs`` go to the loss (``margin``,
    ``beta``, ``delta``, ``form``, …; ``reduction="sum"`` steps along the summed loss).
    Stops without warnings if the parameters overflow.
    """
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
    reduction = check_choice(loss_kwargs.pop("reduction", "mean"), "reduction", ("mean", "sum"))
    regression = False
    if spec.target_kind == "index":
        t = as_index_array(y, "y")
        if t.shape != (n,):
            raise ValueError(f"y: expected {n} class indices, got shape {t.shape}")
        k = int(t.max()) + 1 if n_classes is None else check_int(n_classes, "n_classes", low=2)
        check_classes(t, k, "y")
        target = one_hot(t, k)
    else:
        target = as_finite_array(y, "y")
        if target.shape[:1] != (n,) or target.ndim not in (1, 2):
            raise ValueError(f"y: expected targets of shape ({n},) or ({n}, k), got {target.shape}")
        regression = target.ndim == 1
        k = 1 if regression else target.shape[1]
        t = target
    # the public function checks the targets and the keywords once, on the first scores
    spec.fn(np.zeros((n, k))[:, 0] if regression else np.zeros((n, k)), t, **loss_kwargs)

    W_path = np.zeros((epochs + 1, d, k))
    b_path = np.zeros((epochs + 1, k))
    losses = np.zeros(epochs + 1)
    n_active = np.zeros(epochs + 1, dtype=np.int64)
    diverged_at, last = None, epochs
    with np.errstate(over="ignore", invalid="ignore"):
        for e in range(epochs + 1):
            W, b = W_path[e], b_path[e]
            s = X @ W + b
            # a finite sum means finite entries; else look at the entries themselves
            if not math.isfinite(np.add.reduce(s, axis=None)) and not np.all(np.isfinite(s)):
                diverged_at, last = e, e - 1
                break
            losses[e], g = spec.reduced(
                s[:, 0] if regression else s, target, reduction, **loss_kwargs
            )
            g = g.reshape(n, k)
            n_active[e] = np.count_nonzero(np.any(g, axis=1))
            if e < epochs:
                grad_W = X.T @ g
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
        loss_kwargs=dict(loss_kwargs) | ({"reduction": reduction} if reduction != "mean" else {}),
        eta=eta,
        l2=l2,
        regression=regression,
        diverged_at=diverged_at,
    )
