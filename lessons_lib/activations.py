"""Activation functions and their derivatives, all stable for large |z|.

Taught in notebooks 01 (sigmoid, σ′), 03 (softmax, log-softmax), 06 (softmax Jacobian and
its vector–Jacobian product) and 09 (ReLU, tanh). Names follow Nielsen (``*_prime``) and
``torch.nn.functional``.

This module is the one home of these formulas. The public functions check their input;
the private kernels below them (``_sigmoid``, ``_softmax``, …) are the same formulas
without the checks, for the trainers' inner loops. :data:`ACTIVATIONS` gives each layer
type what backpropagation needs: the function, its derivative in terms of z and a, and
the vector–Jacobian product that carries ∂C/∂a back to ∂C/∂z.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

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
    "softmax_vjp",
    "Activation",
    "ACTIVATIONS",
]


def _axis(z: np.ndarray, axis: int) -> int:
    check_int(axis, "axis")
    if z.ndim == 0:
        raise ValueError("z: softmax needs at least one axis (got a scalar)")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis: {axis} is out of range for an array with {z.ndim} dimensions")
    return axis


# -- the sigmoid ---------------------------------------------------------------------------


# the ufuncs the in-place kernels call, bound once (the engines call them per mini-batch)
_exp, _add, _subtract, _divide, _reciprocal = np.exp, np.add, np.subtract, np.divide, np.reciprocal
_max_reduce, _sum_reduce = np.maximum.reduce, np.add.reduce


def _sigmoid(z: np.ndarray, out=None, scratch=None) -> np.ndarray:
    """σ(z) from e = e^(−|z|): 1/(1 + e) for z ≥ 0, e/(1 + e) below; never overflows.
    ``out`` and ``scratch``: arrays shaped like z to work in (the engines' buffers)."""
    e = np.abs(z, out=np.empty_like(z) if scratch is None else scratch)
    np.negative(e, out=e)
    np.exp(e, out=e)
    a = np.empty_like(e) if out is None else out
    np.copyto(a, e)
    np.copyto(a, 1.0, where=z >= 0)
    np.add(e, 1.0, out=e)
    return np.divide(a, e, out=a)


def _sigmoid_float(z: float) -> float:
    """σ(z) for one Python float, the same formula as :func:`_sigmoid` (the neuron engine's
    single start: float arithmetic is ten times faster than NumPy's on one number)."""
    e = math.exp(-abs(z))
    return (1.0 if z >= 0 else e) / (1.0 + e)


def _sigmoid_of_negated(h: np.ndarray) -> np.ndarray:
    """h ← σ(−h) = 1/(1 + e^h), in place, in three passes (the training engine's form: it
    keeps −z). e^h overflows to inf for h > 709, which gives σ = 0 exactly; call it under
    ``np.errstate(over="ignore")``."""
    _exp(h, h)
    _add(h, 1.0, h)
    return _reciprocal(h, h)


def sigmoid(z: ArrayLike) -> np.ndarray:
    """σ(z) = 1 / (1 + e^(−z)), elementwise; any shape in, same shape out (notebook 01).

    Computed from e^(−|z|) so it neither overflows nor warns for any finite z.
    """
    return _sigmoid(as_float_array(z, "z"))


def sigmoid_prime(z: ArrayLike) -> np.ndarray:
    """σ′(z) = σ(z)(1 − σ(z)) ≤ 1/4, elementwise (notebook 01).

    Evaluated as e^(−|z|) / (1 + e^(−|z|))², which keeps full relative accuracy in the
    saturated tails where σ(z)(1 − σ(z)) would round to 0.
    """
    z = as_float_array(z, "z")
    e = np.exp(-np.abs(z))
    return e / (1.0 + e) ** 2


# -- ReLU and tanh -------------------------------------------------------------------------


def relu(z: ArrayLike) -> np.ndarray:
    """ReLU(z) = max(0, z), elementwise (notebook 09)."""
    return np.maximum(as_float_array(z, "z"), 0.0)


def relu_prime(z: ArrayLike) -> np.ndarray:
    """ReLU′(z) = 1 if z > 0 else 0 (0 at the kink, as PyTorch), elementwise (notebook 09)."""
    return (as_float_array(z, "z") > 0).astype(np.float64)


def tanh(z: ArrayLike) -> np.ndarray:
    """tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)), elementwise (notebook 09)."""
    return np.tanh(as_float_array(z, "z"))


def tanh_prime(z: ArrayLike) -> np.ndarray:
    """tanh′(z) = 1 − tanh²(z) ≤ 1, elementwise (notebook 09)."""
    t = np.tanh(as_float_array(z, "z"))
    return 1.0 - t * t


# -- softmax -------------------------------------------------------------------------------


def _softmax(z: np.ndarray, axis: int = -1, out=None, scratch=None) -> np.ndarray:
    """e^(z − max z) / Σ e^(z − max z) along ``axis``; ``out`` may be z itself, ``scratch``
    a buffer for the reduced axis (keepdims shape)."""
    # positional arguments (reduce(a, axis, dtype, out, keepdims), ufunc(x, y, out)): the
    # training engine calls this once per mini-batch, where keywords cost 10 % of a step
    m = _max_reduce(z, axis, None, scratch, True)
    e = _subtract(z, m, out)
    _exp(e, e)
    total = _sum_reduce(e, axis, None, scratch, True)
    return _divide(e, total, e)


def _log_softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """z − max z − ln Σ e^(z − max z) along ``axis``."""
    shifted = z - np.maximum.reduce(z, axis=axis, keepdims=True)
    return shifted - np.log(np.add.reduce(np.exp(shifted), axis=axis, keepdims=True))


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
    return _softmax(z, _axis(z, axis))


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
    return _log_softmax(z, _axis(z, axis))


def softmax_jacobian(z: ArrayLike) -> np.ndarray:
    """J = diag(a) − a aᵀ with a = softmax(z), J[..., j, i] = ∂a_j/∂z_i (notebook 06).

    z: (..., K) logits → (..., K, K). J is symmetric and each row sums to 0.
    """
    a = softmax(z, axis=-1)
    eye = np.eye(a.shape[-1])
    return a[..., :, None] * eye - a[..., :, None] * a[..., None, :]


def _softmax_vjp(a: np.ndarray, g: np.ndarray, axis: int = -1) -> np.ndarray:
    return a * (g - np.sum(a * g, axis=axis, keepdims=True))


def softmax_vjp(z: ArrayLike, g: ArrayLike) -> np.ndarray:
    """Jᵀg = a ⊙ (g − a·g), a = softmax(z): ∂C/∂z from g = ∂C/∂a without forming J (nb 06).

    z, g: (..., K). This is what automatic differentiation computes for a softmax layer:
    O(K) work per example, where J itself has K² entries. (J is symmetric, so Jᵀg = Jg.)
    """
    z = as_float_array(z, "z")
    g = as_float_array(g, "g")
    if g.shape != z.shape:
        raise ValueError(f"g: shape {g.shape} does not match z shape {z.shape}")
    return _softmax_vjp(_softmax(z, _axis(z, -1)), g)


# -- what backpropagation needs of each layer type -----------------------------------------


@dataclass(frozen=True)
class Activation:
    """A layer's activation a = f(z) as backpropagation uses it (no input checks).

    ``fn(z)`` → a; ``prime(z, a)`` → f′(z) elementwise, from z and the a already computed
    (None for softmax, whose derivative is a matrix); ``vjp(z, a, g)`` → ∂C/∂z given
    g = ∂C/∂a: g ⊙ f′(z) for the elementwise ones, a ⊙ (g − a·g) for softmax.
    Rows are examples, the last axis holds the units.
    """

    name: str
    fn: Callable[[np.ndarray], np.ndarray]
    prime: Callable[[np.ndarray, np.ndarray], np.ndarray] | None

    def vjp(self, z: np.ndarray, a: np.ndarray, g: np.ndarray) -> np.ndarray:
        """∂C/∂z = ∂C/∂a ⊙ f′(z) (softmax: Jᵀ ∂C/∂a)."""
        if self.prime is None:
            return _softmax_vjp(a, g)
        return g * self.prime(z, a)


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", _sigmoid, lambda z, a: a * (1.0 - a)),  # σ′ = σ(1 − σ)
    "relu": Activation("relu", lambda z: np.maximum(z, 0.0), lambda z, a: (z > 0).astype(z.dtype)),
    "tanh": Activation("tanh", np.tanh, lambda z, a: 1.0 - a * a),  # tanh′ = 1 − tanh²
    "softmax": Activation("softmax", _softmax, None),
    "linear": Activation("linear", lambda z: z, lambda z, a: np.ones_like(z)),
}
