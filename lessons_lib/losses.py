"""Loss functions with their gradients, following ``torch.nn.functional``.

Every loss ``name(input, target, ..., reduction="mean")`` has a partner
``name_grad(same arguments)`` returning ∂(reduced loss)/∂input with the shape of ``input``
(for ``reduction="none"`` the gradient of the *sum* of the per-element losses).
Reductions: "mean" (PyTorch's mean: over all elements for elementwise losses, over the
batch for per-sample losses), "sum", "none".

Each formula is written once, as a pair of private functions (``_mse``/``_mse_grad``, …)
on checked arrays; the public functions check their arguments and call them, and so do
the trainers, through the :data:`LOSSES` registry. A registry entry (:class:`LossSpec`)
carries what a trainer needs: the formulas, the kind of input and target, and
:meth:`LossSpec.delta` — δ = ∂C/∂z of an output layer, Nielsen's ``Cost.delta``. So
``train_neuron``, ``Network`` and ``fit_linear`` take any loss by its name here.

Notebooks: 01 (quadratic cost), 02 (binary cross-entropy), 03 (cross_entropy, nll_loss),
08 (hinge losses), 10 (l1, mse, smooth L1, Huber); ``sigmoid_focal_loss`` (torchvision's)
shows how a new loss joins every trainer (notebooks/CONVENTIONS.md, "Adding a lesson").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._checks import (
    as_finite_array,
    as_index_array,
    check_choice,
    check_classes,
    check_number,
    check_probabilities,
    check_reduction,
    check_same_shape,
)
from .activations import ACTIVATIONS, _log_softmax, _sigmoid, _softmax

__all__ = [
    "LOSSES",
    "LossSpec",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "cross_entropy",
    "cross_entropy_grad",
    "huber_loss",
    "huber_loss_grad",
    "l1_loss",
    "l1_loss_grad",
    "mse_loss",
    "mse_loss_grad",
    "multi_margin_loss",
    "multi_margin_loss_grad",
    "multiclass_hinge_loss",
    "multiclass_hinge_loss_grad",
    "hinge_terms",
    "nll_loss",
    "nll_loss_grad",
    "quadratic_cost",
    "quadratic_cost_grad",
    "sigmoid_focal_loss",
    "sigmoid_focal_loss_grad",
    "smooth_l1_loss",
    "smooth_l1_loss_grad",
]

BCE_LOG_CLAMP = -100.0  # PyTorch clamps each log of binary_cross_entropy at −100


# ---------------------------------------------------------------------------------------
# shared plumbing


def _reduce(per: np.ndarray, reduction: str, n: int):
    """per-element (or per-sample) losses → "none" as they are, "sum", or "mean" (÷ n)."""
    if reduction == "none":
        return per
    total = np.sum(per)
    return total if reduction == "sum" else total / n


def _scale(grad_of_sum: np.ndarray, n: int, reduction: str) -> np.ndarray:
    return grad_of_sum / n if reduction == "mean" else grad_of_sum


def _pair(input, target, reduction, target_is_probability=False):
    """Validate an elementwise (input, target) pair; return float arrays."""
    reduction = check_reduction(reduction)
    x = as_finite_array(input, "input")
    y = as_finite_array(target, "target")
    check_same_shape(x, y, ("input", "target"))
    if x.size == 0:
        raise ValueError("input: is empty")
    if target_is_probability:
        check_probabilities(y, "target")
    return x, y, reduction


def _class_problem(input, target, name_input="input"):
    """Validate (scores (N, C) or (C,), indices (N,) or scalar) → (x2d, one-hot T, unbatched)."""
    x = as_finite_array(input, name_input)
    if x.ndim not in (1, 2):
        raise ValueError(f"{name_input}: expected shape (N, C) or (C,), got {x.shape}")
    if x.shape[-1] == 0 or x.size == 0:
        raise ValueError(f"{name_input}: is empty")
    unbatched = x.ndim == 1
    x2 = x[None, :] if unbatched else x
    t = as_index_array(target, "target")
    expected = () if unbatched else (x.shape[0],)
    if t.shape != expected:
        raise ValueError(
            f"target: expected class indices of shape {expected} for {name_input} of "
            f"shape {x.shape}, got shape {t.shape}"
        )
    t1 = t.reshape(-1)
    check_classes(t1, x.shape[-1])
    return x2, one_hot(t1, x.shape[-1]), unbatched


def _finish(per: np.ndarray, unbatched: bool, reduction: str):
    if unbatched and reduction == "none":
        return per.reshape(())
    return _reduce(per, reduction, per.shape[0])


def _unbatch(g: np.ndarray, unbatched: bool) -> np.ndarray:
    return g[0] if unbatched else g


def one_hot(t: np.ndarray, n_classes: int) -> np.ndarray:
    """Class indices (N,) → one-hot rows (N, n_classes) of floats."""
    out = np.zeros((t.size, n_classes))
    out[np.arange(t.size), t] = 1.0
    return out


# ---------------------------------------------------------------------------------------
# regression losses: elementwise, d = x − y


def _mse(x, y):
    return (x - y) ** 2


def _mse_grad(x, y):
    return 2.0 * (x - y)


def mse_loss(input: ArrayLike, target: ArrayLike, reduction: str = "mean"):
    """ℓ = (x − y)², elementwise; input and target of the same shape (notebook 10)."""
    x, y, reduction = _pair(input, target, reduction)
    return _reduce(_mse(x, y), reduction, x.size)


def mse_loss_grad(input: ArrayLike, target: ArrayLike, reduction: str = "mean") -> np.ndarray:
    """∂ℓ/∂x = 2(x − y) (÷ number of elements for "mean"); same shape as input."""
    x, y, reduction = _pair(input, target, reduction)
    return _scale(_mse_grad(x, y), x.size, reduction)


def _l1(x, y):
    return np.abs(x - y)


def _l1_grad(x, y):
    return np.sign(x - y)


def l1_loss(input: ArrayLike, target: ArrayLike, reduction: str = "mean"):
    """ℓ = |x − y|, elementwise (notebook 10)."""
    x, y, reduction = _pair(input, target, reduction)
    return _reduce(_l1(x, y), reduction, x.size)


def l1_loss_grad(input: ArrayLike, target: ArrayLike, reduction: str = "mean") -> np.ndarray:
    """∂ℓ/∂x = sign(x − y) (0 at the kink, as PyTorch)."""
    x, y, reduction = _pair(input, target, reduction)
    return _scale(_l1_grad(x, y), x.size, reduction)


def _smooth_l1(x, y, beta=1.0):
    d = x - y
    ad = np.abs(d)
    if beta == 0.0:
        return ad
    return np.where(ad < beta, 0.5 * d * d / beta, ad - 0.5 * beta)


def _smooth_l1_grad(x, y, beta=1.0):
    d = x - y
    if beta == 0.0:
        return np.sign(d)
    return np.where(np.abs(d) < beta, d / beta, np.sign(d))


def smooth_l1_loss(input: ArrayLike, target: ArrayLike, reduction: str = "mean", beta: float = 1.0):
    """ℓ = 0.5 d²/β if |d| < β else |d| − 0.5β, d = x − y (Fast R-CNN; notebook 10).

    β = 0 gives the L1 loss, as in PyTorch. The gradient never exceeds 1 in size.
    """
    beta = check_number(beta, "beta", low=0.0)
    x, y, reduction = _pair(input, target, reduction)
    return _reduce(_smooth_l1(x, y, beta), reduction, x.size)


def smooth_l1_loss_grad(
    input: ArrayLike, target: ArrayLike, reduction: str = "mean", beta: float = 1.0
) -> np.ndarray:
    """∂ℓ/∂x = d/β if |d| < β else sign(d), capped at ±1."""
    beta = check_number(beta, "beta", low=0.0)
    x, y, reduction = _pair(input, target, reduction)
    return _scale(_smooth_l1_grad(x, y, beta), x.size, reduction)


def _huber(x, y, delta=1.0):
    d = x - y
    ad = np.abs(d)
    return np.where(ad < delta, 0.5 * d * d, delta * (ad - 0.5 * delta))


def _huber_grad(x, y, delta=1.0):
    d = x - y
    return np.where(np.abs(d) < delta, d, delta * np.sign(d))


def huber_loss(input: ArrayLike, target: ArrayLike, reduction: str = "mean", delta: float = 1.0):
    """ℓ = 0.5 d² if |d| < δ else δ(|d| − 0.5δ), d = x − y (notebook 10).

    The same curve as δ·SmoothL1(β = δ): notebook 10 checks the identity.
    """
    delta = check_number(delta, "delta", low=0.0, low_open=True)
    x, y, reduction = _pair(input, target, reduction)
    return _reduce(_huber(x, y, delta), reduction, x.size)


def huber_loss_grad(
    input: ArrayLike, target: ArrayLike, reduction: str = "mean", delta: float = 1.0
) -> np.ndarray:
    """∂ℓ/∂x = d if |d| < δ else δ·sign(d)."""
    delta = check_number(delta, "delta", low=0.0, low_open=True)
    x, y, reduction = _pair(input, target, reduction)
    return _scale(_huber_grad(x, y, delta), x.size, reduction)


def _quadratic(a, y):
    sq = 0.5 * (a - y) ** 2
    return sq.reshape(sq.shape[0], -1).sum(axis=1) if a.ndim >= 2 else sq


def _quadratic_grad(a, y):
    return a - y


def _samples(a: np.ndarray) -> int:
    return a.shape[0] if a.ndim >= 1 else 1


def quadratic_cost(a: ArrayLike, y: ArrayLike, reduction: str = "mean"):
    """C = ½‖a − y‖² per sample, averaged over samples (Nielsen; notebook 01).

    a, y: (N, C) → sum over the last axis, then over N; (N,) → N one-output samples;
    a scalar is a single sample. ``reduction="none"`` returns the per-sample costs.
    """
    a, y, reduction = _pair(a, y, reduction)
    return _reduce(_quadratic(a, y), reduction, _samples(a))


def quadratic_cost_grad(a: ArrayLike, y: ArrayLike, reduction: str = "mean") -> np.ndarray:
    """∂C/∂a = (a − y) / N (N = number of samples for "mean"); same shape as a."""
    a, y, reduction = _pair(a, y, reduction)
    return _scale(_quadratic_grad(a, y), _samples(a), reduction)


# ---------------------------------------------------------------------------------------
# binary cross-entropy, and the focal loss built on it


def _bce_logs(x: np.ndarray):
    with np.errstate(divide="ignore"):
        log_x = np.log(x)
        log_1mx = np.log1p(-x)
    return log_x, log_1mx


def _bce(x, y):
    log_x, log_1mx = _bce_logs(x)
    return -(y * np.maximum(log_x, BCE_LOG_CLAMP) + (1.0 - y) * np.maximum(log_1mx, BCE_LOG_CLAMP))


def _bce_grad(x, y):
    log_x, log_1mx = _bce_logs(x)
    g = np.zeros_like(x)
    np.divide(-y, x, out=g, where=log_x > BCE_LOG_CLAMP)  # a clamped log contributes 0
    g2 = np.zeros_like(x)
    np.divide(1.0 - y, 1.0 - x, out=g2, where=log_1mx > BCE_LOG_CLAMP)
    return g + g2


def binary_cross_entropy(input: ArrayLike, target: ArrayLike, reduction: str = "mean"):
    """ℓ = −[y ln x + (1 − y) ln(1 − x)], x = probabilities in [0, 1] (notebook 02).

    As in PyTorch each log is clamped at −100, so x = 0 or 1 gives a finite loss.
    Prefer :func:`binary_cross_entropy_with_logits` when you have the logit.
    """
    x, y, reduction = _pair(input, target, reduction, target_is_probability=True)
    check_probabilities(x, "input")
    return _reduce(_bce(x, y), reduction, x.size)


def binary_cross_entropy_grad(
    input: ArrayLike, target: ArrayLike, reduction: str = "mean"
) -> np.ndarray:
    """∂ℓ/∂x = −y/x + (1 − y)/(1 − x) = (x − y)/(x(1 − x)); a clamped log contributes 0.

    This is the exact derivative of the clamped loss. (PyTorch's backward instead divides
    by max(x(1 − x), 1e-12); the two agree wherever neither log is clamped.)
    """
    x, y, reduction = _pair(input, target, reduction, target_is_probability=True)
    check_probabilities(x, "input")
    return _scale(_bce_grad(x, y), x.size, reduction)


def _bce_with_logits(z, y):
    # −[y ln σ(z) + (1 − y) ln(1 − σ(z))], rearranged so that nothing overflows
    return np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))


def _bce_with_logits_grad(z, y):
    return _sigmoid(z) - y  # σ′ cancels: the error alone sets the step


def binary_cross_entropy_with_logits(input: ArrayLike, target: ArrayLike, reduction: str = "mean"):
    """ℓ = −[y ln σ(z) + (1 − y) ln(1 − σ(z))] from logits z (notebook 02).

    Computed as max(z, 0) − z·y + ln(1 + e^(−|z|)): finite and warning-free for any z.
    """
    z, y, reduction = _pair(input, target, reduction, target_is_probability=True)
    return _reduce(_bce_with_logits(z, y), reduction, z.size)


def binary_cross_entropy_with_logits_grad(
    input: ArrayLike, target: ArrayLike, reduction: str = "mean"
) -> np.ndarray:
    """∂ℓ/∂z = σ(z) − y: σ′ cancels, the error alone sets the step (notebook 02)."""
    z, y, reduction = _pair(input, target, reduction, target_is_probability=True)
    return _scale(_bce_with_logits_grad(z, y), z.size, reduction)


def _focal_parts(z, t, alpha, gamma):
    """p = σ(z), 1 − p_t = p(1 − t) + (1 − p)t, the cross-entropy and α_t."""
    p, q = _sigmoid(z), _sigmoid(-z)  # q = 1 − p without cancellation
    miss = p * (1.0 - t) + q * t  # 1 − p_t: how far from the label
    weight = alpha * t + (1.0 - alpha) * (1.0 - t) if alpha >= 0 else 1.0
    return p, q, miss, _bce_with_logits(z, t), weight


def _focal(z, t, alpha=0.25, gamma=2.0):
    _, _, miss, ce, weight = _focal_parts(z, t, alpha, gamma)
    return weight * ce * miss**gamma


def _focal_grad(z, t, alpha=0.25, gamma=2.0):
    p, q, miss, ce, weight = _focal_parts(z, t, alpha, gamma)
    # d(1 − p_t)/dz = p q (1 − 2t); where 1 − p_t = 0 the second term is 0 (ce is 0 too)
    power = np.zeros_like(miss)
    np.power(miss, gamma - 1.0, out=power, where=miss > 0)
    return weight * ((p - t) * miss**gamma + ce * gamma * power * p * q * (1.0 - 2.0 * t))


def _focal_args(input, target, alpha, gamma, reduction):
    alpha = check_number(alpha, "alpha", high=1.0)
    gamma = check_number(gamma, "gamma", low=0.0)
    z, t, reduction = _pair(input, target, reduction, target_is_probability=True)
    return z, t, alpha, gamma, reduction


def sigmoid_focal_loss(
    input: ArrayLike,
    target: ArrayLike,
    alpha: float = 0.25,
    gamma: float = 2.0,
    reduction: str = "none",
):
    """ℓ = α_t·(1 − p_t)^γ·BCE(z, t), p = σ(z), p_t = p·t + (1 − p)(1 − t) (Lin et al. 2017).

    torchvision.ops.sigmoid_focal_loss: logits in, targets the labels 0/1 (any value in
    [0, 1] is accepted), α_t = α·t + (1 − α)(1 − t), or no weighting when α < 0;
    γ = 0 and α < 0 give binary_cross_entropy_with_logits. Note torchvision's default
    reduction, "none". Well-classified examples (p_t → 1) are down-weighted by (1 − p_t)^γ.
    """
    z, t, alpha, gamma, reduction = _focal_args(input, target, alpha, gamma, reduction)
    return _reduce(_focal(z, t, alpha, gamma), reduction, z.size)


def sigmoid_focal_loss_grad(
    input: ArrayLike,
    target: ArrayLike,
    alpha: float = 0.25,
    gamma: float = 2.0,
    reduction: str = "none",
) -> np.ndarray:
    """∂ℓ/∂z = α_t[(p − t)(1 − p_t)^γ + γ(1 − p_t)^(γ−1)·p(1 − p)(1 − 2t)·BCE(z, t)]."""
    z, t, alpha, gamma, reduction = _focal_args(input, target, alpha, gamma, reduction)
    return _scale(_focal_grad(z, t, alpha, gamma), z.size, reduction)


# ---------------------------------------------------------------------------------------
# multiclass: softmax cross-entropy and negative log-likelihood (rows are examples)


def _smoothed(T, label_smoothing):
    if label_smoothing > 0:
        return T * (1.0 - label_smoothing) + label_smoothing / T.shape[1]
    return T


def _cross_entropy(z, T, label_smoothing=0.0):
    return -np.sum(_smoothed(T, label_smoothing) * _log_softmax(z, axis=1), axis=1)


def _cross_entropy_grad(z, T, label_smoothing=0.0):
    T = _smoothed(T, label_smoothing)
    return _softmax(z, axis=1) * T.sum(axis=1, keepdims=True) - T  # a·Σy − y


def _ce_problem(input, target, label_smoothing, reduction):
    reduction = check_reduction(reduction)
    eps = check_number(label_smoothing, "label_smoothing", low=0.0, high=1.0)
    x = as_finite_array(input, "input")
    if x.ndim not in (1, 2):
        raise ValueError(f"input: expected logits of shape (N, C) or (C,), got {x.shape}")
    if x.size == 0:
        raise ValueError("input: is empty")
    tgt = np.asarray(target)
    if tgt.shape == x.shape:
        # probability targets (one-hot or soft labels); rows need not sum to 1 (nb 06)
        T = as_finite_array(tgt, "target")
        check_probabilities(T, "target")
        unbatched = x.ndim == 1
        x2 = x[None, :] if unbatched else x
        T = T[None, :] if unbatched else T
    else:
        x2, T, unbatched = _class_problem(x, target)
    return x2, T, eps, unbatched, reduction


def cross_entropy(
    input: ArrayLike, target: ArrayLike, reduction: str = "mean", label_smoothing: float = 0.0
):
    """ℓ = −Σ_c y_c ln softmax(z)_c from logits z: (N, C) or (C,) (notebooks 03, 06).

    target: class indices (N,) (or a scalar for one sample of shape (C,)), or
    probabilities with the same shape as input. "mean" divides by N, as PyTorch.
    Uses log-softmax, so any finite logits are safe. With probabilities y this is the
    cross-entropy H(y, softmax(z)) of notebook 05 (``information.cross_entropy``).
    """
    x2, T, eps, unbatched, reduction = _ce_problem(input, target, label_smoothing, reduction)
    return _finish(_cross_entropy(x2, T, eps), unbatched, reduction)


def cross_entropy_grad(
    input: ArrayLike, target: ArrayLike, reduction: str = "mean", label_smoothing: float = 0.0
) -> np.ndarray:
    """∂ℓ/∂z = softmax(z)·Σ_c y_c − y, which is a − y when Σ y = 1 (notebook 06)."""
    x2, T, eps, unbatched, reduction = _ce_problem(input, target, label_smoothing, reduction)
    g = _scale(_cross_entropy_grad(x2, T, eps), x2.shape[0], reduction)
    return _unbatch(g, unbatched)


def _nll(x, T):
    return -np.sum(T * x, axis=1)


def _nll_grad(x, T):
    return -T


def nll_loss(input: ArrayLike, target: ArrayLike, reduction: str = "mean"):
    """ℓ = −input[n, y_n]: input holds log-probabilities (N, C) or (C,) (notebook 03).

    nll_loss(log_softmax(z), y) equals cross_entropy(z, y).
    """
    reduction = check_reduction(reduction)
    x2, T, unbatched = _class_problem(input, target)
    return _finish(_nll(x2, T), unbatched, reduction)


def nll_loss_grad(input: ArrayLike, target: ArrayLike, reduction: str = "mean") -> np.ndarray:
    """∂ℓ/∂input = −one_hot(y) (÷ N for "mean")."""
    reduction = check_reduction(reduction)
    x2, T, unbatched = _class_problem(input, target)
    return _unbatch(_scale(_nll_grad(x2, T), x2.shape[0], reduction), unbatched)


# ---------------------------------------------------------------------------------------
# multiclass hinge (SVM) losses


def _hinge_terms(s, T, margin):
    """h[n, j] = Δ − s_y + s_j for j ≠ y, and 0 at j = y (T: one-hot rows); the mask of y."""
    true = T > 0
    h = margin - np.sum(s * T, axis=1, keepdims=True) + s
    h[true] = 0.0
    return h, true


def _hinge_sum_grad(h, true, power):
    """Gradient of Σ_{j≠y} max(0, h_j)^p with respect to the scores."""
    g = (h > 0).astype(np.float64) if power == 1 else np.where(h > 0, 2.0 * h, 0.0)
    g[true] = 0.0
    g[true] = 0.0 - g.sum(axis=1)  # 0.0 − 0.0 is +0.0 (a bare minus would give −0.0)
    return g


def _multi_margin(s, T, p=1, margin=1.0):
    h, _ = _hinge_terms(s, T, margin)
    return np.sum(np.maximum(h, 0.0) ** p, axis=1) / s.shape[1]


def _multi_margin_grad(s, T, p=1, margin=1.0):
    h, true = _hinge_terms(s, T, margin)
    return _hinge_sum_grad(h, true, p) / s.shape[1]


def _multiclass_hinge(s, T, margin=1.0, form="sum"):
    h, true = _hinge_terms(s, T, margin)
    if form == "sum":
        return np.sum(np.maximum(h, 0.0), axis=1)
    if s.shape[1] == 1:
        return np.zeros(s.shape[0])
    h[true] = -np.inf  # the true class is skipped, not counted as 0
    return np.maximum(np.max(h, axis=1), 0.0)


def _multiclass_hinge_grad(s, T, margin=1.0, form="sum"):
    h, true = _hinge_terms(s, T, margin)
    if form == "sum":
        return _hinge_sum_grad(h, true, 1)
    h[true] = -np.inf  # Crammer–Singer: +1 at the top violating j, −1 at y
    rows = np.arange(s.shape[0])
    top = np.argmax(h, axis=1)
    live = h[rows, top] > 0
    g = np.zeros_like(h)
    g[rows[live], top[live]] = 1.0
    g[true & live[:, None]] = -1.0
    return g


def hinge_terms(scores: ArrayLike, target, margin: float = 1.0) -> np.ndarray:
    """max(0, s_j − s_y + Δ) for every class j, 0 at j = y (notebook 08).

    scores: (C,) → (C,), or (N, C) with targets (N,) → (N, C). The Weston–Watkins loss is
    their sum, Crammer–Singer takes their maximum.
    """
    margin = check_number(margin, "margin")
    x2, T, unbatched = _class_problem(scores, target, name_input="scores")
    return _unbatch(np.maximum(_hinge_terms(x2, T, margin)[0], 0.0), unbatched)


def _check_p(p):
    if isinstance(p, bool) or p not in (1, 2):
        raise ValueError(f"p: expected 1 or 2, got {p!r}")
    return int(p)


def multi_margin_loss(
    input: ArrayLike,
    target: ArrayLike,
    p: int = 1,
    margin: float = 1.0,
    reduction: str = "mean",
):
    """ℓ = Σ_{j≠y} max(0, Δ − s_y + s_j)^p / C — PyTorch's multi-class hinge (notebook 08).

    input: scores (N, C) or (C,); target: indices (N,) or a scalar. Note the division by
    the number of classes C, which the textbook (Weston–Watkins) form does not have.
    """
    p, margin, reduction = _check_p(p), check_number(margin, "margin"), check_reduction(reduction)
    x2, T, unbatched = _class_problem(input, target)
    return _finish(_multi_margin(x2, T, p, margin), unbatched, reduction)


def multi_margin_loss_grad(
    input: ArrayLike,
    target: ArrayLike,
    p: int = 1,
    margin: float = 1.0,
    reduction: str = "mean",
) -> np.ndarray:
    """∂ℓ/∂s_j = p·h_j^(p−1)/C for each violated j ≠ y; ∂ℓ/∂s_y = −(their sum)."""
    p, margin, reduction = _check_p(p), check_number(margin, "margin"), check_reduction(reduction)
    x2, T, unbatched = _class_problem(input, target)
    g = _scale(_multi_margin_grad(x2, T, p, margin), x2.shape[0], reduction)
    return _unbatch(g, unbatched)


HINGE_FORMS = ("sum", "max")


def multiclass_hinge_loss(
    scores: ArrayLike,
    target: ArrayLike,
    margin: float = 1.0,
    reduction: str = "mean",
    *,
    form: str = "sum",
):
    """ℓ = Σ_{j≠y} max(0, s_j − s_y + Δ) — the multiclass SVM loss (cs231n; notebook 08).

    scores: (N, C) or (C,); target: indices (N,) or a scalar. ``form="sum"`` is the
    Weston–Watkins sum above; ``form="max"`` is Crammer–Singer, max_{j≠y} max(0, …).
    Scores [1, 2, 3] with target 0 and Δ = 1 give 5 (sum) and 3 (max).
    """
    form = check_choice(form, "form", HINGE_FORMS)
    margin, reduction = check_number(margin, "margin"), check_reduction(reduction)
    x2, T, unbatched = _class_problem(scores, target, name_input="scores")
    return _finish(_multiclass_hinge(x2, T, margin, form), unbatched, reduction)


def multiclass_hinge_loss_grad(
    scores: ArrayLike,
    target: ArrayLike,
    margin: float = 1.0,
    reduction: str = "mean",
    *,
    form: str = "sum",
) -> np.ndarray:
    """∂ℓ/∂s_j = 1 for each violated j ≠ y, ∂ℓ/∂s_y = −(number violated); "max": the top j."""
    form = check_choice(form, "form", HINGE_FORMS)
    margin, reduction = check_number(margin, "margin"), check_reduction(reduction)
    x2, T, unbatched = _class_problem(scores, target, name_input="scores")
    g = _scale(_multiclass_hinge_grad(x2, T, margin, form), x2.shape[0], reduction)
    return _unbatch(g, unbatched)


# ---------------------------------------------------------------------------------------
# registry


@dataclass(frozen=True)
class LossSpec:
    """One loss: its public function and gradient, its formulas, and what trainers need.

    ``value(input, target, **kw)`` and ``dvalue(input, target, **kw)`` are the formulas on
    checked float arrays (what ``fn``/``grad`` compute after their checks): the loss of
    each element (each example, for ``per_sample`` losses, whose arrays are (N, C)) and
    the gradient of their sum. Targets are arrays shaped like the input: class indices
    become one-hot rows (:func:`one_hot`). ``link`` names the activation a loss applies
    to its input itself ("sigmoid", "softmax"): such a loss takes logits z.
    """

    fn: Callable
    grad: Callable
    value: Callable
    dvalue: Callable
    input_kind: str  # "real", "probability", "logits", "log_probability", "scores"
    target_kind: str  # "real", "probability", "index"
    torch_name: str | None
    link: str | None = None
    per_sample: bool = False  # "mean" divides by the number of examples, not of elements

    def per_example(self, input: np.ndarray, target: np.ndarray, **kw) -> np.ndarray:
        """Each example's loss, summed over its outputs: input, target (N, C) → (N,)."""
        v = self.value(input, target, **kw)
        return v if self.per_sample else v.reshape(v.shape[0], -1).sum(axis=1)

    def cost(self, z: np.ndarray, a: np.ndarray, y: np.ndarray, **kw) -> np.ndarray:
        """C_x of an output layer with inputs z and activations a (N, C): each example's
        loss — of z for a loss with a ``link``, of a otherwise."""
        return self.per_example(z if self.link is not None else a, y, **kw)

    def reduced(
        self, input: np.ndarray, target: np.ndarray, reduction: str = "mean", **kw
    ) -> tuple[float, np.ndarray]:
        """(loss, ∂loss/∂input) with the reduction "mean" or "sum", on checked arrays."""
        n = (input.shape[0] if self.per_sample else input.size) if reduction == "mean" else 1
        value = np.sum(self.value(input, target, **kw))
        return float(value / n), self.dvalue(input, target, **kw) / n

    def check_output(self, output: str) -> None:
        """Raise ``ValueError`` unless an output layer ``output`` can feed this loss."""
        if self.link is not None:
            ok = output == self.link
        elif self.input_kind == "probability":
            ok = output in ("sigmoid", "softmax")
        elif self.input_kind == "scores":
            ok = output == "linear"
        else:
            ok = self.input_kind == "real" and output in ACTIVATIONS
        if not ok:
            raise ValueError(
                f"cost: a {output!r} output layer cannot feed this loss (it takes "
                f"{self.input_kind}{f' of a {self.link} layer' if self.link else ''})"
            )

    def delta(self, z: np.ndarray, a: np.ndarray, y: np.ndarray, output: str, **kw):
        """δ = ∂C/∂z of an output layer a = f(z) under this loss, per example: Nielsen's
        ``Cost.delta``, and the line where notebooks 01–03 live.

        A loss that takes z itself (``link``) is differentiated with respect to z: for
        binary cross-entropy with logits, or cross-entropy after a softmax, that is a − y
        — f′ cancels. Any other loss gives ∂C/∂a, which the chain rule multiplies by f′(z):
        for the quadratic cost after a sigmoid, (a − y)·σ′(z).
        """
        if self.link is not None:
            return self.dvalue(z, y, **kw)
        return ACTIVATIONS[output].vjp(z, a, self.dvalue(a, y, **kw))


def _spec(fn, grad, value, dvalue, input_kind, target_kind, torch=True, **extra) -> LossSpec:
    return LossSpec(
        fn, grad, value, dvalue, input_kind, target_kind, fn.__name__ if torch else None, **extra
    )


LOSSES: dict[str, LossSpec] = {
    spec.fn.__name__: spec
    for spec in (
        _spec(mse_loss, mse_loss_grad, _mse, _mse_grad, "real", "real"),
        _spec(l1_loss, l1_loss_grad, _l1, _l1_grad, "real", "real"),
        _spec(smooth_l1_loss, smooth_l1_loss_grad, _smooth_l1, _smooth_l1_grad, "real", "real"),
        _spec(huber_loss, huber_loss_grad, _huber, _huber_grad, "real", "real"),
        _spec(
            quadratic_cost,
            quadratic_cost_grad,
            _quadratic,
            _quadratic_grad,
            "real",
            "real",
            torch=False,
            per_sample=True,
        ),
        _spec(
            binary_cross_entropy,
            binary_cross_entropy_grad,
            _bce,
            _bce_grad,
            "probability",
            "probability",
        ),
        _spec(
            binary_cross_entropy_with_logits,
            binary_cross_entropy_with_logits_grad,
            _bce_with_logits,
            _bce_with_logits_grad,
            "logits",
            "probability",
            link="sigmoid",
        ),
        _spec(
            sigmoid_focal_loss,
            sigmoid_focal_loss_grad,
            _focal,
            _focal_grad,
            "logits",
            "probability",
            torch=False,  # torchvision.ops, not torch.nn.functional
            link="sigmoid",
        ),
        _spec(
            cross_entropy,
            cross_entropy_grad,
            _cross_entropy,
            _cross_entropy_grad,
            "logits",
            "index",
            link="softmax",
            per_sample=True,
        ),
        _spec(
            nll_loss, nll_loss_grad, _nll, _nll_grad, "log_probability", "index", per_sample=True
        ),
        _spec(
            multi_margin_loss,
            multi_margin_loss_grad,
            _multi_margin,
            _multi_margin_grad,
            "scores",
            "index",
            per_sample=True,
        ),
        _spec(
            multiclass_hinge_loss,
            multiclass_hinge_loss_grad,
            _multiclass_hinge,
            _multiclass_hinge_grad,
            "scores",
            "index",
            torch=False,
            per_sample=True,
        ),
    )
}
