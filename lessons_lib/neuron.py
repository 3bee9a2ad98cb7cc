"""One sigmoid neuron, one input, trained by plain gradient descent (notebooks 01–02).

z = w·x + b, a = σ(z). Under the quadratic cost C = (a − y)²/2 the step carries σ′(z);
under the cross-entropy cost C = −[y ln a + (1 − y) ln(1 − a)] it does not:

    quadratic:      ∂C/∂z = (a − y)·σ′(z)
    cross-entropy:  ∂C/∂z = (a − y)

and ∂C/∂w = x·∂C/∂z, ∂C/∂b = ∂C/∂z. That one-line difference is the whole lesson.
Everything is vectorised over array-valued starts (w, b), so a grid of 200 × 200 starts
trains at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_finite_array, check_choice, check_int, check_number

__all__ = [
    "COSTS",
    "NeuronRun",
    "train_neuron",
    "epochs_to_target",
    "neuron_cost",
    "train_neuron_naive_demo",
]

COSTS = ("quadratic", "cross_entropy")


@dataclass(frozen=True)
class NeuronRun:
    """The trajectory of :func:`train_neuron`; every array has shape (epochs + 1, *starts).

    Row e holds the state after e updates (row 0 is the start): weight ``w``, bias ``b``,
    output ``a``, cost ``cost`` and ``dz`` = ∂C/∂z at that state. The gradients follow:
    ``db`` = ∂C/∂b = dz and ``dw`` = ∂C/∂w = x·dz (row 0 is the first step's gradient).
    """

    w: np.ndarray
    b: np.ndarray
    a: np.ndarray
    cost: np.ndarray
    dz: np.ndarray
    cost_name: str
    eta: float
    x: float
    y: float

    @property
    def epochs(self) -> int:
        """Number of gradient-descent updates made."""
        return self.a.shape[0] - 1

    @property
    def db(self) -> np.ndarray:
        """∂C/∂b at every row (equal to ∂C/∂z)."""
        return self.dz

    @property
    def dw(self) -> np.ndarray:
        """∂C/∂w = x·∂C/∂z at every row."""
        return self.x * self.dz


def _sigmoid_parts(z: np.ndarray):
    """σ(z) and σ′(z) from e = e^(−|z|): no overflow, accurate tails."""
    e = np.exp(-np.abs(z))
    inv = 1.0 / (1.0 + e)
    a = np.where(z >= 0, inv, e * inv)
    return a, e * inv * inv


def _sigmoid_into(w, b, x, z, e, inv, a) -> None:
    """In place, without temporaries: z = w·x + b, e = e^(−|z|), inv = 1/(1 + e) and
    a = σ(z) (= inv for z ≥ 0, e·inv otherwise); then σ′(z) = e·inv²."""
    np.multiply(w, x, out=z)
    z += b
    np.abs(z, out=e)
    np.negative(e, out=e)
    np.exp(e, out=e)
    np.add(e, 1.0, out=inv)
    np.reciprocal(inv, out=inv)
    np.multiply(e, inv, out=a)
    np.copyto(a, inv, where=z >= 0)


def _cost_from_logit(z: np.ndarray, a: np.ndarray, y: float, cost: str) -> np.ndarray:
    if cost == "quadratic":
        return 0.5 * (a - y) ** 2
    # −[y ln σ(z) + (1 − y) ln(1 − σ(z))] = max(z, 0) − z·y + ln(1 + e^(−|z|))
    return np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))


def _dz(a: np.ndarray, sp: np.ndarray, y: float, cost: str) -> np.ndarray:
    return (a - y) * sp if cost == "quadratic" else a - y


def _validate(w, b, cost, eta, epochs, x, y):
    cost = check_choice(cost, "cost", COSTS)
    eta = check_number(eta, "eta", low=0.0, low_open=True)
    epochs = check_int(epochs, "epochs", low=0)
    x = check_number(x, "x")
    y = check_number(y, "y", low=0.0, high=1.0)
    w = as_finite_array(w, "w")
    b = as_finite_array(b, "b")
    try:
        w, b = np.broadcast_arrays(w, b)
    except ValueError:
        raise ValueError(f"b: shape {b.shape} does not broadcast with w shape {w.shape}") from None
    return w.copy(), b.copy(), cost, eta, epochs, x, y


def neuron_cost(w: ArrayLike, b: ArrayLike, *, cost: str, x: float = 1.0, y: float = 0.0):
    """C(w, b) for one neuron under ``cost``; w and b broadcast (the loss surface, nb 02)."""
    w, b, cost, _, _, x, y = _validate(w, b, cost, 1.0, 0, x, y)
    z = w * x + b
    a, _ = _sigmoid_parts(z)
    return _cost_from_logit(z, a, y, cost)


def train_neuron(
    w: ArrayLike,
    b: ArrayLike,
    *,
    cost: str,
    eta: float,
    epochs: int,
    x: float = 1.0,
    y: float = 0.0,
) -> NeuronRun:
    """Gradient descent w ← w − η·x·∂C/∂z, b ← b − η·∂C/∂z from start(s) (w, b) (nb 01–02).

    w, b: scalars or arrays (broadcast together) of starts; cost: "quadratic" or
    "cross_entropy"; returns a :class:`NeuronRun` with arrays of shape (epochs + 1, *shape).
    """
    w, b, cost, eta, epochs, x, y = _validate(w, b, cost, eta, epochs, x, y)
    if w.ndim == 0:  # one start (a slider): plain floats beat 0-d array calls tenfold
        return _train_one(float(w), float(b), cost, eta, epochs, x, y)
    shape = (epochs + 1, *w.shape)
    W, B, A, C, DZ = (np.empty(shape) for _ in range(5))
    W[0], B[0] = w, b
    z, e, inv = (np.empty(w.shape) for _ in range(3))
    for k in range(epochs + 1):
        # [k, ...] keeps 0-d views for scalar starts, so out= writes land in the record
        a, dz, c = A[k, ...], DZ[k, ...], C[k, ...]
        _sigmoid_into(W[k], B[k], x, z, e, inv, a)
        np.subtract(a, y, out=dz)
        if cost == "quadratic":
            np.multiply(dz, dz, out=c)
            c *= 0.5
            dz *= e
            dz *= inv
            dz *= inv
        else:
            np.maximum(z, 0.0, out=c)
            c -= z * y
            np.log1p(e, out=e)
            c += e
        if k < epochs:
            np.multiply(dz, -eta * x, out=W[k + 1, ...])
            W[k + 1] += W[k]
            np.multiply(dz, -eta, out=B[k + 1, ...])
            B[k + 1] += B[k]
    return NeuronRun(w=W, b=B, a=A, cost=C, dz=DZ, cost_name=cost, eta=eta, x=x, y=y)


def _train_one(w, b, cost, eta, epochs, x, y) -> NeuronRun:
    """:func:`train_neuron` for a single start, with Python floats (same formulas)."""
    quadratic = cost == "quadratic"
    rows = np.empty((5, epochs + 1))
    W, B, A, C, DZ = rows
    exp, log1p = math.exp, math.log1p
    for k in range(epochs + 1):
        z = w * x + b
        e = exp(-abs(z))
        inv = 1.0 / (1.0 + e)
        a = inv if z >= 0 else e * inv
        if quadratic:
            C[k] = 0.5 * (a - y) ** 2
            dz = (a - y) * e * inv * inv
        else:
            C[k] = max(z, 0.0) - z * y + log1p(e)
            dz = a - y
        W[k], B[k], A[k], DZ[k] = w, b, a, dz
        w -= eta * x * dz
        b -= eta * dz
    return NeuronRun(w=W, b=B, a=A, cost=C, dz=DZ, cost_name=cost, eta=eta, x=x, y=y)


def epochs_to_target(
    w: ArrayLike,
    b: ArrayLike,
    *,
    cost: str,
    eta: float,
    epochs: int,
    tol: float = 0.1,
    x: float = 1.0,
    y: float = 0.0,
) -> np.ndarray:
    """First epoch e ≤ ``epochs`` with |a(e) − y| ≤ tol for each start, else −1 (nb 02).

    Same dynamics as :func:`train_neuron` but keeps no history, so a 200 × 200 grid of
    starts × 300 epochs takes a fraction of a second. With y = 0 and tol = 0.1 this is
    "epochs until a ≤ 0.1". Returns an int array with the broadcast shape of w and b.
    """
    w, b, cost, eta, epochs, x, y = _validate(w, b, cost, eta, epochs, x, y)
    tol = check_number(tol, "tol", low=0.0, low_open=True)
    shape = w.shape
    reached = np.full(w.size, -1, dtype=np.int64)
    # Work only on the starts still on their way. Arrived starts keep being stepped
    # (harmlessly: their epoch is already recorded) until enough of them have piled up
    # to make compacting the arrays worth it.
    idx = np.arange(w.size)
    w, b = w.ravel().copy(), b.ravel().copy()
    z, e, inv, a = (np.empty_like(w) for _ in range(4))
    open_ = np.ones(w.size, dtype=bool)  # not yet arrived, aligned with idx
    n_open = w.size
    for k in range(epochs + 1):
        _sigmoid_into(w, b, x, z, e, inv, a)
        a -= y  # from here on `a` holds a − y
        done = np.abs(a) <= tol
        done &= open_
        if done.any():
            reached[idx[done]] = k
            open_ &= ~done
            n_open -= int(done.sum())
            if n_open == 0:
                break
            if n_open < 0.75 * idx.size:  # compact
                keep = open_
                idx, w, b, a, e, inv = idx[keep], w[keep], b[keep], a[keep], e[keep], inv[keep]
                z = np.empty_like(w)
                open_ = np.ones(idx.size, dtype=bool)
        if k == epochs:
            break
        if cost == "quadratic":  # ∂C/∂z = (a − y)·σ′(z), σ′ = e/(1 + e)²
            a *= e
            a *= inv
            a *= inv
        a *= eta
        b -= a
        a *= x
        w -= a
    return reached.reshape(shape)


def train_neuron_naive_demo(
    w: ArrayLike, b: ArrayLike, *, eta: float, epochs: int, x: float = 1.0
) -> NeuronRun:
    """w ← w − η·x/(1 − a), b ← b − η/(1 − a): a famous demo's cross-entropy step (nb 02).

    Kept only to reproduce that demo and show what is wrong with it: for y = 0 it steps
    with ∂C/∂a = 1/(1 − a) where the true gradient is ∂C/∂z = a (times x for w), so its
    tiny η = 0.005 hides a step up to 1/(a(1 − a)) times too large. Use
    :func:`train_neuron` for real work. ``dz`` in the record holds the step used.
    """
    w, b, _, eta, epochs, x, _ = _validate(w, b, "cross_entropy", eta, epochs, x, 0.0)
    shape = (epochs + 1, *w.shape)
    W, B, A, C, DZ = (np.empty(shape) for _ in range(5))
    for k in range(epochs + 1):
        z = w * x + b
        a, _ = _sigmoid_parts(z)
        W[k], B[k], A[k] = w, b, a
        C[k] = _cost_from_logit(z, a, 0.0, "cross_entropy")
        DZ[k] = 1.0 + np.exp(np.minimum(z, 700.0))  # 1/(1 − a) = 1 + e^z, without overflow
        w = w - eta * x * DZ[k]
        b = b - eta * DZ[k]
    return NeuronRun(w=W, b=B, a=A, cost=C, dz=DZ, cost_name="cross_entropy", eta=eta, x=x, y=0.0)
