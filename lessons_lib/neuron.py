"""One sigmoid neuron, one input, trained by plain gradient descent (notebooks 01–02).

z = w·x + b, a = σ(z), and a cost C(a, y) named in :data:`lessons_lib.losses.LOSSES`
("quadratic_cost", "binary_cross_entropy_with_logits", …). One step of gradient descent
(:func:`gradient_step`) is

    δ = ∂C/∂z = cost.delta(z, a, y)     quadratic_cost:                    (a − y)·σ′(z)
                                        binary_cross_entropy_with_logits:  a − y
    w ← w − η·x·δ,   b ← b − η·δ

and the two lines on the right are the whole lesson: :meth:`LossSpec.delta
<lessons_lib.losses.LossSpec.delta>` multiplies ∂C/∂a = a − y by σ′(z) for the quadratic
cost, while the cross-entropy, which takes z itself, has ∂C/∂z = σ(z) − y: σ′ cancels.
Everything is vectorised over array-valued starts (w, b), so a grid of 200 × 200 starts
trains at once, each start an independent neuron.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from . import _engine
from ._checks import as_finite_array, check_choice, check_int, check_number
from .activations import sigmoid
from .losses import LOSSES, LossSpec, binary_cross_entropy_with_logits

ENGINES = ("fast", "textbook")

__all__ = [
    "ENGINES",
    "NeuronRun",
    "gradient_step",
    "train_neuron",
    "epochs_to_target",
    "neuron_cost",
    "train_neuron_naive_demo",
]


@dataclass(frozen=True)
class NeuronRun:
    """The trajectory of :func:`train_neuron`; every array has shape (epochs + 1, *starts).

    Row e holds the state after e updates (row 0 is the start): weight ``w``, bias ``b``,
    output ``a``, cost ``cost`` and ``dz`` = δ = ∂C/∂z at that state. The gradients follow:
    ``db`` = ∂C/∂b = δ and ``dw`` = ∂C/∂w = x·δ (row 0 is the first step's gradient).
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


def _cost_spec(cost, cost_kwargs) -> LossSpec:
    """The registry entry of ``cost``, checked to fit a sigmoid output and its keywords."""
    spec = LOSSES[check_choice(cost, "cost", tuple(LOSSES))]
    spec.check_output("sigmoid")
    z = np.zeros((1, 1))
    spec.fn(
        z if spec.link else sigmoid(z), z, **cost_kwargs
    )  # TypeError/ValueError on a bad keyword
    return spec


def gradient_step(w, b, *, spec: LossSpec, eta: float, x: float, y, **cost_kwargs):
    """One step of gradient descent for the neurons (w, b), arrays of shape (starts, 1).

    Returns (a, δ, new w, new b): the output and δ = ∂C/∂z before the step, and the
    parameters after it. ``y`` is the target, shaped like w. (The checks are
    :func:`train_neuron`'s; this is its loop's body.)
    """
    z = w * x + b
    a = sigmoid(z)
    delta = spec.delta(z, a, y, "sigmoid", **cost_kwargs)  # ∂C/∂z: the lesson's line
    return a, delta, w - eta * x * delta, b - eta * delta


def _validate(w, b, eta, epochs, x, y):
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
    return w, b, eta, epochs, x, y


def neuron_cost(
    w: ArrayLike, b: ArrayLike, *, cost: str, x: float = 1.0, y: float = 0.0, **cost_kwargs
):
    """C(w, b) for one neuron under ``cost``; w and b broadcast (the loss surface, nb 02)."""
    w, b, _, _, x, y = _validate(w, b, 1.0, 0, x, y)
    spec = _cost_spec(cost, cost_kwargs)
    z = (w * x + b).reshape(-1, 1)
    return spec.cost(z, sigmoid(z), np.full_like(z, y), **cost_kwargs).reshape(w.shape)


def train_neuron(
    w: ArrayLike,
    b: ArrayLike,
    *,
    cost: str,
    eta: float,
    epochs: int,
    x: float = 1.0,
    y: float = 0.0,
    engine: str = "fast",
    **cost_kwargs,
) -> NeuronRun:
    """Gradient descent w ← w − η·x·δ, b ← b − η·δ from start(s) (w, b) (notebooks 01–02).

    w, b: scalars or arrays (broadcast together) of starts; cost: a name in
    ``losses.LOSSES`` whose input a sigmoid output can feed (e.g. "quadratic_cost",
    "binary_cross_entropy_with_logits", "sigmoid_focal_loss"), with its keywords in
    ``cost_kwargs``. Returns a :class:`NeuronRun` with arrays of shape (epochs + 1, *shape).
    ``engine="textbook"`` runs :func:`gradient_step` epoch by epoch; "fast" (the default)
    runs the same steps in place (:mod:`lessons_lib._engine`) for the quadratic and the
    cross-entropy cost, and the textbook for any other.
    """
    w, b, eta, epochs, x, y = _validate(w, b, eta, epochs, x, y)
    spec = _cost_spec(cost, cost_kwargs)
    shape = w.shape
    if check_choice(engine, "engine", ENGINES) == "fast" and _engine.neuron_supported(
        cost, cost_kwargs
    ):
        quadratic = cost == "quadratic_cost"
        W, B, A, D = _engine.neuron_run(w, b, quadratic=quadratic, eta=eta, epochs=epochs, x=x, y=y)
    else:
        W, B, A, D = (np.empty((epochs + 1, w.size)) for _ in range(4))
        w, b = w.reshape(-1, 1), b.reshape(-1, 1)  # one row per start: a neuron of its own
        Y = np.full_like(w, y)
        for k in range(epochs + 1):
            W[k], B[k] = w[:, 0], b[:, 0]
            a, delta, w, b = gradient_step(w, b, spec=spec, eta=eta, x=x, y=Y, **cost_kwargs)
            A[k], D[k] = a[:, 0], delta[:, 0]
    Z = (W * x + B).reshape(-1, 1)
    C = spec.cost(Z, A.reshape(-1, 1), np.full_like(Z, y), **cost_kwargs)
    rows = (v.reshape(epochs + 1, *shape) for v in (W, B, A, C, D))
    return NeuronRun(*rows, cost_name=cost, eta=eta, x=x, y=y)


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
    engine: str = "fast",
    **cost_kwargs,
) -> np.ndarray:
    """First epoch e ≤ ``epochs`` with |a(e) − y| ≤ tol for each start, else −1 (nb 02).

    The same steps as :func:`train_neuron`, keeping no history and stepping only the
    starts still on their way, so a 200 × 200 grid of starts × 300 epochs takes a fraction
    of a second. With y = 0 and tol = 0.1 this is "epochs until a ≤ 0.1". Returns an int
    array with the broadcast shape of w and b.
    """
    w, b, eta, epochs, x, y = _validate(w, b, eta, epochs, x, y)
    tol = check_number(tol, "tol", low=0.0, low_open=True)
    spec = _cost_spec(cost, cost_kwargs)
    if check_choice(engine, "engine", ENGINES) == "fast" and _engine.neuron_supported(
        cost, cost_kwargs
    ):
        quadratic = cost == "quadratic_cost"
        reached = _engine.neuron_epochs_to_target(
            w, b, quadratic=quadratic, eta=eta, epochs=epochs, tol=tol, x=x, y=y
        )
        return reached.reshape(w.shape)
    reached = np.full(w.size, -1, dtype=np.int64)
    idx = np.arange(w.size)  # the starts still on their way
    w_, b_ = w.reshape(-1, 1), b.reshape(-1, 1)
    for k in range(epochs + 1):
        a, _, w_next, b_next = gradient_step(
            w_, b_, spec=spec, eta=eta, x=x, y=np.full_like(w_, y), **cost_kwargs
        )
        done = np.abs(a[:, 0] - y) <= tol
        reached[idx[done]] = k
        idx, w_, b_ = idx[~done], w_next[~done], b_next[~done]
        if idx.size == 0:
            break
    return reached.reshape(w.shape)


def train_neuron_naive_demo(
    w: ArrayLike, b: ArrayLike, *, eta: float, epochs: int, x: float = 1.0
) -> NeuronRun:
    """w ← w − η·x/(1 − a), b ← b − η/(1 − a): a famous demo's cross-entropy step (nb 02).

    Kept only to reproduce that demo and show what is wrong with it: for y = 0 it steps
    with ∂C/∂a = 1/(1 − a) where the true gradient is ∂C/∂z = a (times x for w), so its
    tiny η = 0.005 hides a step up to 1/(a(1 − a)) times too large. Use
    :func:`train_neuron` for real work. ``dz`` in the record holds the step used.
    """
    w, b, eta, epochs, x, _ = _validate(w, b, eta, epochs, x, 0.0)
    W, B, A, C, D = (np.empty((epochs + 1, *w.shape)) for _ in range(5))
    for k in range(epochs + 1):
        z = w * x + b
        W[k], B[k], A[k] = w, b, sigmoid(z)
        C[k] = binary_cross_entropy_with_logits(z, np.zeros_like(z), reduction="none")
        D[k] = 1.0 + np.exp(np.minimum(z, 700.0))  # 1/(1 − a) = 1 + e^z, without overflow
        w = w - eta * x * D[k]
        b = b - eta * D[k]
    return NeuronRun(
        w=W,
        b=B,
        a=A,
        cost=C,
        dz=D,
        cost_name="binary_cross_entropy_with_logits",
        eta=eta,
        x=x,
        y=0.0,
    )
