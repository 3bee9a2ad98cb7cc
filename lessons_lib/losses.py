"""Loss functions with their gradients, following ``torch.nn.functional``.

Every loss ``name(input, target, ..., reduction="mean")`` has a partner
``name_grad(same arguments)`` returning ∂(reduced loss)/∂input with the shape of ``input``
(for ``reduction="none"`` the gradient of the *sum* of the per-element losses).
Reductions: "mean" (PyTorch's mean: over all elements for elementwise losses, over the
batch for per-sample losses), "sum", "none". The :data:`LOSSES` registry lists them all.

Notebooks: 01 (quadratic cost), 02 (binary cross-entropy), 03 (cross_entropy, nll_loss),
08 (hinge losses), 10 (l1, mse, smooth L1, Huber).
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
from .activations import log_softmax, sigmoid, softmax

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
    "nll_loss",
    "nll_loss_grad",
    "quadratic_cost",
    "quadratic_cost_grad",
    "smooth_l1_loss",
    "smooth_l1_loss_grad",
]

BCE_LOG_CLAMP = -100.0  # PyTorch clamps each log of binary_cross_entropy at −100


# ---------------------------------------------------------------------------------------
# shared plumbing


def _reduce(per: np.ndarray, reduction: str):
    if reduction == "none":
        return per
    if reduction == "sum":
        return np.sum(per)
    return np.mean(per)


def _scale(grad_of_sum: np.ndarray, n_terms: int, reduction: str) -> np.ndarray:
    return grad_of_sum / n_terms if reduction == "mean" else grad_of_sum


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
    """Validate (scores (N, C) or (C,), indices (N,) or scalar) → (x2d, t, unbatched)."""
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
    return x2, t1, unbatched


def _finish(per: np.ndarray, unbatched: bool, reduction: str):
    if unbatched and reduction == "none":
        return per.reshape(())
    return _reduce(per, reduction)


def _one_hot(t: np.ndarray, n_classes: int) -> np.ndarray:
    out = np.zeros((t.size, n_classes))
    out[np.arange(t.size), t] = 1.0
    return out


# ---------------------------------------------------------------------------------------
# regression losses


def mse_loss(input: ArrayLike, target: ArrayLike, reduction: str = "mean"):
    """ℓ = (x − y)², elementwise; input and target of the same shape (notebook 10)."""
    x, y, reduction = _pair(input, target, reduction)
    return _reduce((x - y) ** 2, reduction)


def mse_loss_grad(input: ArrayLike, target: ArrayLike, reduction: str = "mean") -> np.ndarray:
    """∂ℓ/∂x = 2(x − y) (÷ number of elements for "mean"); same shape as input."""
    x, y, reduction = _pair(input, target, reduction)
    return _scale(2.0 * (x - y), x.size, reduction)


def l1_loss(input: ArrayLike, target: ArrayLike, reduction: str = "mean"):
    """ℓ = |x − y|, elementwise (notebook 10)."""
    x, y, reduction = _pair(input, target, reduction)
    return _reduce(np.abs(x - y), reduction)


def l1_loss_grad(input: ArrayLike, target: ArrayLike, reduction: str = "mean") -> np.ndarray:
    """∂ℓ/∂x = sign(x − y) (0 at the kink, as PyTorch)."""
    x, y, reduction = _pair(input, target, reduction)
    return _scale(np.sign(x - y), x.size, reduction)


def _smooth_l1_parts(d: np.ndarray, beta: float):
    ad = np.abs(d)
    if beta == 0.0:
        return ad, np.sign(d)
    inside = ad < beta
    value = np.where(inside, 0.5 * d * d / beta, ad - 0.5 * beta)
    grad = np.where(inside, d / beta, np.sign(d))
    return value, grad


def smooth_l1_loss(input: ArrayLike, target: ArrayLike, reduction: str = "mean", beta: float = 1.0):
    """ℓ = 0.5 d²/β if |d| < β else |d| − 0.5β, d = x − y (Fast R-CNN; notebook 10).

    β = 0 gives the L1 loss, as in PyTorch. The gradient never exceeds 1 in size.
    """
    beta = check_number(beta, "beta", low=0.0)
    x, y, reduction = _pair(input, target, reduction)
    return _reduce(_smooth_l1_parts(x - y, beta)[0], reduction)


def smooth_l1_loss_grad(
    input: ArrayLike, target: ArrayLike, reduction: str = "mean", beta: float = 1.0
) -> np.ndarray:
    """∂ℓ/∂x = d/β if |d| < β else sign(d), capped at ±1."""
    beta = check_number(beta, "beta", low=0.0)
    x, y, reduction = _pair(input, target, reduction)
    return _scale(_smooth_l1_parts(x - y, beta)[1], x.size, reduction)


def huber_loss(input: ArrayLike, target: ArrayLike, reduction: str = "mean", delta: float = 1.0):
    """ℓ = 0.5 d² if |d| < δ else δ(|d| − 0.5δ), d = x − y; equals δ·SmoothL1(β=δ) (nb 10)."""
    delta = check_number(delta, "delta", low=0.0, low_open=True)
    x, y, reduction = _pair(input, target, reduction)
    return _reduce(delta * _smooth_l1_parts(x - y, delta)[0], reduction)


def huber_loss_grad(
    input: ArrayLike, target: ArrayLike, reduction: str = "mean", delta: float = 1.0
) -> np.ndarray:
    """∂ℓ/∂x = d if |d| < δ else δ·sign(d)."""
    delta = check_number(delta, "delta", low=0.0, low_open=True)
    x, y, reduction = _pair(input, target, reduction)
    return _scale(delta * _smooth_l1_parts(x - y, delta)[1], x.size, reduction)


def _quadratic_parts(a, y, reduction):
    a, y, reduction = _pair(a, y, reduction)
    n = a.shape[0] if a.ndim >= 1 else 1
    return a, y, reduction, n


def quadratic_cost(a: ArrayLike, y: ArrayLike, reduction: str = "mean"):
    """C = ½‖a − y‖² per sample, averaged over samples (Nielsen; notebook 01).

    a, y: (N, C) → sum over the last axis, then over N; (N,) → N one-output samples;
    a scalar is a single sample. ``reduction="none"`` returns the per-sample costs.
    """
    a, y, reduction, _ = _quadratic_parts(a, y, reduction)
    sq = 0.5 * (a - y) ** 2
    per = sq.reshape(sq.shape[0], -1).sum(axis=1) if a.ndim >= 2 else sq
    return _reduce(per, reduction)


def quadratic_cost_grad(a: ArrayLike, y: ArrayLike, reduction: str = "mean") -> np.ndarray:
    """∂C/∂a = (a − y) / N (N = number of samples for "mean"); same shape as a."""
    a, y, reduction, n = _quadratic_parts(a, y, reduction)
    return _scale(a - y, n, reduction)


# ---------------------------------------------------------------------------------------
# binary cross-entropy


def _bce_logs(x: np.ndarray):
    with np.errstate(divide="ignore"):
        log_x = np.log(x)
        log_1mx = np.log1p(-x)
    return np.maximum(log_x, BCE_LOG_CLAMP), np.maximum(log_1mx, BCE_LOG_CLAMP), log_x, log_1mx


def binary_cross_entropy(input: ArrayLike, target: ArrayLike, reduction: str = "mean"):
    """ℓ = −[y ln x + (1 − y) ln(1 − x)], x = probabilities in [0, 1] (notebook 02).

    As in PyTorch each log is clamped at −100, so x = 0 or 1 gives a finite loss.
    Prefer :func:`binary_cross_entropy_with_logits` when you have the logit.
    """
    x, y, reduction = _pair(input, target, reduction, target_is_probability=True)
    check_probabilities(x, "input")
    log_x, log_1mx, _, _ = _bce_logs(x)
    return _reduce(-(y * log_x + (1.0 - y) * log_1mx), reduction)


def binary_cross_entropy_grad(
    input: ArrayLike, target: ArrayLike, reduction: str = "mean"
) -> np.ndarray:
    """∂ℓ/∂x = −y/x + (1 − y)/(1 − x) = (x − y)/(x(1 − x)); a clamped log contributes 0.

    This is the exact derivative of the clamped loss. (PyTorch's backward instead divides
    by max(x(1 − x), 1e-12); the two agree wherever neither log is clamped.)
    """
    x, y, reduction = _pair(input, target, reduction, target_is_probability=True)
    check_probabilities(x, "input")
    _, _, log_x, log_1mx = _bce_logs(x)
    live_x = log_x > BCE_LOG_CLAMP
    live_1mx = log_1mx > BCE_LOG_CLAMP
    g = np.zeros_like(x)
    np.divide(-y, x, out=g, where=live_x)
    g2 = np.zeros_like(x)
    np.divide(1.0 - y, 1.0 - x, out=g2, where=live_1mx)
    return _scale(g + g2, x.size, reduction)


def binary_cross_entropy_with_logits(input: ArrayLike, target: ArrayLike, reduction: str = "mean"):
    """ℓ = −[y ln σ(z) + (1 − y) ln(1 − σ(z))] from logits z (notebook 02).

    Computed as max(z, 0) − z·y + ln(1 + e^(−|z|)): finite and warning-free for any z.
    """
    z, y, reduction = _pair(input, target, reduction, target_is_probability=True)
    per = np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))
    return _reduce(per, reduction)


def binary_cross_entropy_with_logits_grad(
    input: ArrayLike, target: ArrayLike, reduction: str = "mean"
) -> np.ndarray:
    """∂ℓ/∂z = σ(z) − y: σ′ cancels, the error alone sets the step (notebook 02)."""
    z, y, reduction = _pair(input, target, reduction, target_is_probability=True)
    return _scale(sigmoid(z) - y, z.size, reduction)


# ---------------------------------------------------------------------------------------
# multiclass: softmax cross-entropy and negative log-likelihood


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
        x2, t, unbatched = _class_problem(x, target)
        T = _one_hot(t, x.shape[-1])
    n_classes = x2.shape[1]
    if eps > 0:
        T = T * (1.0 - eps) + eps / n_classes
    return x2, T, unbatched, reduction


def cross_entropy(
    input: ArrayLike, target: ArrayLike, reduction: str = "mean", label_smoothing: float = 0.0
):
    """ℓ = −Σ_c y_c ln softmax(z)_c from logits z: (N, C) or (C,) (notebooks 03, 06).

    target: class indices (N,) (or a scalar for one sample of shape (C,)), or
    probabilities with the same shape as input. "mean" divides by N, as PyTorch.
    Uses log-softmax, so any finite logits are safe.
    """
    x2, T, unbatched, reduction = _ce_problem(input, target, label_smoothing, reduction)
    per = -np.sum(T * log_softmax(x2), axis=1)
    return _finish(per, unbatched, reduction)


def cross_entropy_grad(
    input: ArrayLike, target: ArrayLike, reduction: str = "mean", label_smoothing: float = 0.0
) -> np.ndarray:
    """∂ℓ/∂z = softmax(z)·Σ_c y_c − y, which is a − y when Σ y = 1 (notebook 06)."""
    x2, T, unbatched, reduction = _ce_problem(input, target, label_smoothing, reduction)
    g = softmax(x2) * T.sum(axis=1, keepdims=True) - T
    g = _scale(g, x2.shape[0], reduction)
    return g[0] if unbatched else g


def nll_loss(input: ArrayLike, target: ArrayLike, reduction: str = "mean"):
    """ℓ = −input[n, y_n]: input holds log-probabilities (N, C) or (C,) (notebook 03).

    nll_loss(log_softmax(z), y) equals cross_entropy(z, y).
    """
    reduction = check_reduction(reduction)
    x2, t, unbatched = _class_problem(input, target)
    per = -x2[np.arange(t.size), t]
    return _finish(per, unbatched, reduction)


def nll_loss_grad(input: ArrayLike, target: ArrayLike, reduction: str = "mean") -> np.ndarray:
    """∂ℓ/∂input = −one_hot(y) (÷ N for "mean")."""
    reduction = check_reduction(reduction)
    x2, t, unbatched = _class_problem(input, target)
    g = _scale(-_one_hot(t, x2.shape[1]), x2.shape[0], reduction)
    return g[0] if unbatched else g


# ---------------------------------------------------------------------------------------
# multiclass hinge (SVM) losses


def _hinge_terms(x2, t, margin):
    """Margins h[n, j] = Δ − s_y + s_j for j ≠ y (and 0 at j = y)."""
    rows = np.arange(t.size)
    h = margin - x2[rows, t][:, None] + x2
    h[rows, t] = 0.0
    return h


def _hinge_sum_grad(h, t, power):
    """Gradient of Σ_{j≠y} max(0, h_j)^p with respect to the scores."""
    active = h > 0
    if power == 1:
        g = active.astype(np.float64)
    else:
        g = np.where(active, 2.0 * h, 0.0)
    rows = np.arange(t.size)
    g[rows, t] = 0.0
    g[rows, t] = 0.0 - g.sum(axis=1)  # 0.0 − 0.0 is +0.0 (a bare minus would give −0.0)
    return g


def _hinge_max_per(h, t):
    """Crammer–Singer per example, max_{j≠y} max(0, h_j), from ``_hinge_terms``' h."""
    hp = np.maximum(h, 0.0)
    if h.shape[1] == 1:
        return np.zeros(t.size)
    hp[np.arange(t.size), t] = -np.inf  # the true class is skipped, not counted as 0
    return np.maximum(np.max(hp, axis=1), 0.0)


def _hinge_max_grad(h, t):
    """Gradient of the Crammer–Singer loss: +1 at the top violating j, −1 at y.
    Overwrites h at the true class."""
    rows = np.arange(t.size)
    h[rows, t] = -np.inf
    top = np.argmax(h, axis=1)
    g = np.zeros_like(h)
    live = h[rows, top] > 0
    g[rows[live], top[live]] = 1.0
    g[rows[live], t[live]] = -1.0
    return g


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
    p = _check_p(p)
    margin = check_number(margin, "margin")
    reduction = check_reduction(reduction)
    x2, t, unbatched = _class_problem(input, target)
    h = np.maximum(_hinge_terms(x2, t, margin), 0.0)
    per = np.sum(h**p, axis=1) / x2.shape[1]
    return _finish(per, unbatched, reduction)


def multi_margin_loss_grad(
    input: ArrayLike,
    target: ArrayLike,
    p: int = 1,
    margin: float = 1.0,
    reduction: str = "mean",
) -> np.ndarray:
    """∂ℓ/∂s_j = p·h_j^(p−1)/C for each violated j ≠ y; ∂ℓ/∂s_y = −(their sum)."""
    p = _check_p(p)
    margin = check_number(margin, "margin")
    reduction = check_reduction(reduction)
    x2, t, unbatched = _class_problem(input, target)
    g = _hinge_sum_grad(_hinge_terms(x2, t, margin), t, p) / x2.shape[1]
    g = _scale(g, x2.shape[0], reduction)
    return g[0] if unbatched else g


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
    margin = check_number(margin, "margin")
    reduction = check_reduction(reduction)
    x2, t, unbatched = _class_problem(scores, target, name_input="scores")
    h = _hinge_terms(x2, t, margin)
    if form == "max":
        per = _hinge_max_per(h, t)
    else:
        per = np.sum(np.maximum(h, 0.0), axis=1)
    return _finish(per, unbatched, reduction)


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
    margin = check_number(margin, "margin")
    reduction = check_reduction(reduction)
    x2, t, unbatched = _class_problem(scores, target, name_input="scores")
    h = _hinge_terms(x2, t, margin)
    g = _hinge_max_grad(h, t) if form == "max" else _hinge_sum_grad(h, t, 1)
    g = _scale(g, x2.shape[0], reduction)
    return g[0] if unbatched else g


# ---------------------------------------------------------------------------------------
# registry


@dataclass(frozen=True)
class LossSpec:
    """One loss: its function, its gradient, the kind of input and a PyTorch name."""

    fn: Callable
    grad: Callable
    input_kind: str  # "real", "probability", "logits", "log_probability"
    target_kind: str  # "real", "probability", "index"
    torch_name: str | None


LOSSES: dict[str, LossSpec] = {
    "mse_loss": LossSpec(mse_loss, mse_loss_grad, "real", "real", "mse_loss"),
    "l1_loss": LossSpec(l1_loss, l1_loss_grad, "real", "real", "l1_loss"),
    "smooth_l1_loss": LossSpec(
        smooth_l1_loss, smooth_l1_loss_grad, "real", "real", "smooth_l1_loss"
    ),
    "huber_loss": LossSpec(huber_loss, huber_loss_grad, "real", "real", "huber_loss"),
    "quadratic_cost": LossSpec(quadratic_cost, quadratic_cost_grad, "real", "real", None),
    "binary_cross_entropy": LossSpec(
        binary_cross_entropy,
        binary_cross_entropy_grad,
        "probability",
        "probability",
        "binary_cross_entropy",
    ),
    "binary_cross_entropy_with_logits": LossSpec(
        binary_cross_entropy_with_logits,
        binary_cross_entropy_with_logits_grad,
        "logits",
        "probability",
        "binary_cross_entropy_with_logits",
    ),
    "cross_entropy": LossSpec(
        cross_entropy, cross_entropy_grad, "logits", "index", "cross_entropy"
    ),
    "nll_loss": LossSpec(nll_loss, nll_loss_grad, "log_probability", "index", "nll_loss"),
    "multi_margin_loss": LossSpec(
        multi_margin_loss, multi_margin_loss_grad, "logits", "index", "multi_margin_loss"
    ),
    "multiclass_hinge_loss": LossSpec(
        multiclass_hinge_loss, multiclass_hinge_loss_grad, "logits", "index", None
    ),
}
