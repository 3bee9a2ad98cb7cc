"""Exercise checks for notebooks 01 (quadratic cost) and 02 (cross-entropy)."""

from __future__ import annotations

from functools import cache

import numpy as np

from ..activations import sigmoid, sigmoid_prime
from ..neuron import epochs_to_target
from ._feedback import Feedback, as_number, call_learner, right, same, wrong

__all__ = [
    "check_sigmoid_prime",
    "check_first_step_ratio",
    "check_smallest_eta",
    "check_ce_bias_gradient",
    "check_ce_weight_gradient",
    "check_ce_epochs",
]


def check_sigmoid_prime(fn) -> Feedback:
    """Exercise 01.1: ``fn(z)`` should return σ′(z) elementwise for an array z."""
    z = np.linspace(-6.0, 6.0, 41)
    got, fail = call_learner(fn, z.copy())
    if fail is not None:
        return fail
    want = sigmoid_prime(z)
    if same(got, want):
        return right("σ′(z) = σ(z)(1 − σ(z)) — largest at z = 0, where it is 1/4.")
    if got.shape != want.shape:
        return wrong(f"return one value per input: expected shape {want.shape}, got {got.shape}.")
    s = sigmoid(z)
    if same(got, s):
        return wrong("that is σ(z) itself; differentiate 1/(1 + e^(−z)) with the chain rule.")
    if same(got, s * (1 + s)) or same(got, -s * (1 - s)):
        return wrong("check the sign: d/dz (1 + e^(−z))^(−1) = e^(−z)/(1 + e^(−z))².")
    if same(got, s * s) or same(got, np.exp(-z)):
        return wrong("write e^(−z)/(1 + e^(−z))² as a product of σ(z) and 1 − σ(z).")
    return wrong("at z = 0 your function should give 0.25 and it should be symmetric in z.")


def _first_grad(w, b):
    a = sigmoid(w + b)
    return a * sigmoid_prime(w + b)


def check_first_step_ratio(ratio) -> Feedback:
    """Exercise 01.2: ∂C/∂w at (0.6, 0.9) divided by ∂C/∂w at (2, 2), quadratic cost."""
    value, fail = as_number(ratio, "the ratio of the two first-step gradients")
    if fail is not None:
        return fail
    want = float(_first_grad(0.6, 0.9) / _first_grad(2.0, 2.0))
    if abs(value - want) <= 0.02 * want:
        return right(
            f"the fast start's first step is about {want:.1f}× larger; "
            "almost all of it comes from σ′(z), not from a − y."
        )
    if abs(value - 1 / want) <= 0.02 / want:
        return wrong("you divided the other way round: fast start on top.")
    return wrong(
        "∂C/∂w = (a − y)·σ′(z)·x with x = 1, y = 0 and z = w + b; compute it at both starts."
    )


@cache
def smallest_eta(w0=2.0, b0=2.0, epochs=300, tol=1e-4) -> float:
    """Smallest η for which the quadratic neuron from (w0, b0) reaches a ≤ 0.1 in time."""

    def reaches(eta):
        return int(epochs_to_target(w0, b0, cost="quadratic_cost", eta=eta, epochs=epochs)) >= 0

    lo, hi = 0.01, 5.0
    while hi - lo > tol:
        mid = 0.5 * (lo + hi)
        lo, hi = (lo, mid) if reaches(mid) else (mid, hi)
    return hi


def check_smallest_eta(eta) -> Feedback:
    """Exercise 01.3: the smallest η (±10 %) that brings (2, 2) to a ≤ 0.1 within 300 epochs."""
    value, fail = as_number(eta, "the learning rate you found")
    if fail is not None:
        return fail
    if value <= 0:
        return wrong("a learning rate is positive.")
    best = smallest_eta()
    reached = int(epochs_to_target(2.0, 2.0, cost="quadratic_cost", eta=value, epochs=300))
    if reached < 0:
        return wrong(f"with η = {value:g} the output is still above 0.1 at epoch 300: go higher.")
    if value > 1.1 * best:
        return wrong(
            f"η = {value:g} works (a ≤ 0.1 at epoch {reached}), but a smaller one does too."
        )
    return right(
        f"η ≈ {best:.2f}: the saturated start needs a far larger step than the 0.15 "
        "that was plenty for (0.6, 0.9)."
    )


def check_ce_bias_gradient(fn) -> Feedback:
    """Exercise 02.1: ``fn(a, y)`` should return ∂C/∂b for one neuron, cross-entropy cost."""
    rng = np.random.default_rng(0)
    a = rng.uniform(0.02, 0.98, 50)
    y = rng.uniform(0.0, 1.0, 50)
    got, fail = call_learner(fn, a.copy(), y.copy())
    if fail is not None:
        return fail
    if same(got, a - y):
        return right("∂C/∂b = a − y: σ′(z) cancels, so the error alone sets the speed.")
    if same(got, y - a):
        return wrong("check the sign: when a > y the bias must go down, so ∂C/∂b > 0.")
    if same(got, (a - y) * a * (1 - a)):
        return wrong(
            "that is the quadratic cost's gradient; redo the chain rule for "
            "−[y ln a + (1 − y) ln(1 − a)]."
        )
    if same(got, (a - y) / (a * (1 - a))):
        return wrong("that is ∂C/∂a; multiply by ∂a/∂z = σ′(z) = a(1 − a), and ∂z/∂b = 1.")
    return wrong("∂C/∂b = ∂C/∂a · ∂a/∂z · ∂z/∂b; write ∂C/∂a over a common denominator.")


def check_ce_weight_gradient(fn) -> Feedback:
    """Exercise 02.2: ``fn(a_prev, a, y)`` → ∂C/∂w_jk for one example, sigmoid outputs + CE.

    a_prev: (K,) activations feeding the layer; a, y: (J,). Expected shape (J, K).
    """
    rng = np.random.default_rng(1)
    a_prev = rng.uniform(0, 1, 4)
    a = rng.uniform(0.05, 0.95, 3)
    y = rng.integers(0, 2, 3).astype(float)
    got, fail = call_learner(fn, a_prev.copy(), a.copy(), y.copy())
    if fail is not None:
        return fail
    want = np.outer(a - y, a_prev)
    if same(got, want):
        return right("∂C/∂w_jk = a_k^(L−1)(a_j − y_j): the input times the output error.")
    if same(got, want.T):
        return wrong("transposed: w_jk connects input k to output j, so the shape is (J, K).")
    if same(got, want * (a * (1 - a))[:, None]):
        return wrong("σ′ should cancel against the cross-entropy's ∂C/∂a.")
    return wrong("start from ∂C/∂z_j = a_j − y_j and use z_j = Σ_k w_jk a_k + b_j.")


def check_ce_epochs(epochs) -> Feedback:
    """Exercise 02.3: epochs cross-entropy needs from (2, 2) to reach a ≤ 0.1 at η = 0.15."""
    value, fail = as_number(epochs, "the number of epochs")
    if fail is not None:
        return fail
    want = int(
        epochs_to_target(2.0, 2.0, cost="binary_cross_entropy_with_logits", eta=0.15, epochs=300)
    )
    if abs(value - want) <= 1:
        return right(
            f"{want} epochs, where the quadratic cost needs more than 300 from the same start."
        )
    return wrong("set η = 0.15, press “saturated start (2, 2)” and read the cross-entropy readout.")
