"""Activation functions and their derivatives, all stable for large |z|.

Taught in notebooks 01 (sigmoid, σ′), 03 (softmax, log-softmax), 06 (softmax Jacobian)
and 09 (ReLU, tanh). Names follow Nielsen (``*_prime``) and ``torch.nn.functional``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_float_array, check_int

__all__ = [
    "sigmoid",
    "sigmoid_prime",
    "relu",
    "relu_prime",
    "tanh",
    "tanh_prime",
    "softmax",
    "softmax_naive",
    "log_softmax",
    "logsumexp",
    "softmax_jacobian",
]


def _axis(z: np.ndarray, axis: int) -> int:
    check_int(axis, "axis")
    if z.ndim == 0:
        raise ValueError("z: softmax needs at least one axis (got a scalar)")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis: {axis} is out of range for an array with {z.ndim} dimensions")
    return axis


def sigmoid(z: ArrayLike) -> np.ndarray:
    """σ(z) = 1 / (1 + e^(−z)), elementwise; any shape in, same shape out (notebook 01).

    Computed from e^(−|z|) so it neither overflows nor warns for any finite z.
    """
    z = as_float_array(z, "z")
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z: ArrayLike) -> np.ndarray:
    """σ′(z) = σ(z)(1 − σ(z)) ≤ 1/4, elementwise (notebook 01).

    Evaluated as e^(−|z|) / (1 + e^(−|z|))², which keeps full relative accuracy in the
    saturated tails where σ(z)(1 − σ(z)) would round to 0.
    """
    z = as_float_array(z, "z")
    e = np.exp(-np.abs(z))
    return e / (1.0 + e) ** 2


def relu(z: ArrayLike) -> np.ndarray:
    """ReLU(z) = max(0, z), elementwise (notebook 09)."""
    z = as_float_array(z, "z")
    return np.maximum(z, 0.0)


def relu_prime(z: ArrayLike) -> np.ndarray:
    """ReLU′(z) = 1 if z > 0 else 0 (0 at the kink, as PyTorch), elementwise (notebook 09)."""
    z = as_float_array(z, "z")
    return (z > 0).astype(np.float64)


def tanh(z: ArrayLike) -> np.ndarray:
    """tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)), elementwise (notebook 09)."""
    return np.tanh(as_float_array(z, "z"))


def tanh_prime(z: ArrayLike) -> np.ndarray:
    """tanh′(z) = 1 − tanh²(z) ≤ 1, elementwise (notebook 09)."""
    t = np.tanh(as_float_array(z, "z"))
    return 1.0 - t * t


def logsumexp(z: ArrayLike, axis: int = -1) -> np.ndarray:
    """logsumexp(z) = m + ln Σ_k e^(z_k − m), m = max_k z_k; (..., K) → (...) (notebook 03)."""
    z = as_float_array(z, "z")
    axis = _axis(z, axis)
    m = np.max(z, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    out = np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True)) + m
    return np.squeeze(out, axis=axis)


def softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    """a_j = e^(z_j) / Σ_k e^(z_k), along ``axis``; (..., K) → (..., K) (notebook 03).

    Stable: the maximum is subtracted first, so logits like [1000, 1001] are fine.
    """
    z = as_float_array(z, "z")
    axis = _axis(z, axis)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def softmax_naive(z: ArrayLike, axis: int = -1) -> np.ndarray:
    """a_j = e^(z_j) / Σ_k e^(z_k) computed literally — overflows for z ≳ 710 (notebook 03).

    Kept only to show the failure that :func:`softmax` avoids; it returns NaN and lets
    NumPy emit its overflow warning. Never use it for real work.
    """
    z = as_float_array(z, "z")
    axis = _axis(z, axis)
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    """ln a_j = z_j − logsumexp(z), along ``axis``; (..., K) → (..., K) (notebook 03)."""
    z = as_float_array(z, "z")
    axis = _axis(z, axis)
    m = np.max(z, axis=axis, keepdims=True)
    shifted = z - m
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def softmax_jacobian(z: ArrayLike) -> np.ndarray:
    """J = diag(a) − a aᵀ with a = softmax(z), J[..., j, i] = ∂a_j/∂z_i (notebook 06).

    z: (..., K) logits → (..., K, K). J is symmetric and each row sums to 0.
    """
    a = softmax(z, axis=-1)
    eye = np.eye(a.shape[-1])
    return a[..., :, None] * eye - a[..., :, None] * a[..., None, :]
