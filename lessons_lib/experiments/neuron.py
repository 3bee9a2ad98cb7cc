"""The single-neuron experiments of notebooks 01–02: the reference starts, the plateau and
its law, the ways of choosing η when two costs are compared, and the sweeps over starts.

Everything here is one sigmoid neuron with input x = 1 and target y = 0, trained by
:func:`lessons_lib.neuron.train_neuron` (plain gradient descent, the true gradients). With
x = 1 both parameters take the same step, so the state that matters is z = w + b:

    z ← z − 2η·δ,   δ = ∂C/∂z = a·σ′(z) (quadratic cost),  a (cross-entropy)

and a start (w₀, b₀) is, for either cost, nothing more than its z₀ = w₀ + b₀.

**The plateau.** A saturated neuron (z₀ ≫ 1, a ≈ 1) has σ′(z) ≈ e^(−z), so under the
quadratic cost e^z falls by about 2η per epoch and the plateau — the epochs until z has
come down to 1 (a = σ(1) ≈ 0.73) — lasts about (e^z₀ − e)/(2η) epochs
(:func:`plateau_law`); under cross-entropy z itself falls by about 2η per epoch. The
trainer's count is :func:`plateau_epochs` (or :func:`plateau_end` of a recorded run).
"""

from __future__ import annotations

import math

import numpy as np

from .._checks import check_choice, check_int, check_number
from ..activations import sigmoid, sigmoid_prime
from ..neuron import NeuronRun, epochs_to_target, neuron_cost

__all__ = [
    "QUADRATIC",
    "CROSS_ENTROPY",
    "COSTS",
    "START_A",
    "START_B",
    "START_C",
    "REFERENCE_STARTS",
    "REFERENCE_ETA",
    "TARGET_A",
    "PLATEAU_END_Z",
    "PLATEAU_END_A",
    "SIGMOID_PRIME_MAX",
    "COMPARISON_MODES",
    "scaled_eta",
    "matched_first_step_eta",
    "comparison_etas",
    "plateau_law",
    "plateau_epochs",
    "plateau_end",
    "target_epoch",
    "cost_along_z",
    "epochs_by_z0",
    "epochs_ratio",
    "speed_map_grid",
    "compute_speed_maps",
]

QUADRATIC = "quadratic_cost"  # C = (a − y)²/2
CROSS_ENTROPY = "binary_cross_entropy_with_logits"  # C = −[y ln a + (1 − y) ln(1 − a)]
COSTS = (QUADRATIC, CROSS_ENTROPY)

START_A = (0.6, 0.9)  # z₀ = 1.5, a₀ = 0.82: learns at once
START_B = (2.0, 2.0)  # z₀ = 4, a₀ = 0.98: more wrong, and stuck on a plateau
START_C = (4.0, 4.0)  # z₀ = 8: deeper in saturation
REFERENCE_STARTS = {"start_a": START_A, "start_b": START_B}  # keys: plots.style.COLORS
REFERENCE_ETA = 0.15
TARGET_A = 0.1  # "learned": a ≤ 0.1 (the target is y = 0)
PLATEAU_END_Z = 1.0  # the plateau ends when z has come down to 1 …
PLATEAU_END_A = float(sigmoid(PLATEAU_END_Z))  # … that is, when a ≤ σ(1) ≈ 0.731
SIGMOID_PRIME_MAX = 0.25  # σ′(0), the largest σ′ can be

# how cross-entropy's η is chosen when it is compared with the quadratic cost's η
COMPARISON_MODES = ("same_eta", "eta_over_4", "same_first_step")


def scaled_eta(eta: float) -> float:
    """η/4 = η·max σ′: with it cross-entropy takes the quadratic cost's step where the
    sigmoid is steepest (z = 0) — and only there."""
    return eta * SIGMOID_PRIME_MAX


def matched_first_step_eta(eta: float, w0: float, b0: float, *, x: float = 1.0) -> float:
    """η for cross-entropy whose *first* step from (w₀, b₀) equals the quadratic cost's at η.

    The two δ differ by the factor σ′(z₀) (quadratic: (a − y)·σ′(z₀), cross-entropy:
    a − y), so the answer is η·σ′(z₀) — for any target.
    """
    eta = check_number(eta, "eta", low=0.0, low_open=True)
    z0 = check_number(w0, "w0") * check_number(x, "x") + check_number(b0, "b0")
    return eta * float(sigmoid_prime(z0))


def comparison_etas(mode: str, eta: float, w0: float, b0: float) -> dict[str, float]:
    """{cost: η} for the two costs compared under ``mode`` (one of :data:`COMPARISON_MODES`):
    the quadratic cost always gets ``eta``; cross-entropy gets ``eta`` ("same_eta"), η/4
    ("eta_over_4", :func:`scaled_eta`) or η·σ′(z₀) ("same_first_step")."""
    mode = check_choice(mode, "mode", COMPARISON_MODES)
    if mode == "same_eta":
        ce = eta
    elif mode == "eta_over_4":
        ce = scaled_eta(eta)
    else:
        ce = matched_first_step_eta(eta, w0, b0)
    return {QUADRATIC: eta, CROSS_ENTROPY: ce}


def plateau_law(z0, eta: float, cost: str = QUADRATIC):
    """The plateau's length predicted from z₀ (x = 1, y = 0, z₀ > 1), in epochs.

    On the plateau a ≈ 1 and σ′(z) ≈ e^(−z), and every epoch moves z by −2η·δ. Quadratic
    cost: δ ≈ e^(−z), so e^z falls by 2η per epoch → (e^z₀ − e)/(2η). Cross-entropy: δ = a ≈ 1,
    so z falls by 2η per epoch → (z₀ − 1)/(2η). (The trainer takes a little longer: a < 1.)
    """
    cost = check_choice(cost, "cost", COSTS)
    eta = check_number(eta, "eta", low=0.0, low_open=True)
    z0 = np.asarray(z0, dtype=np.float64)
    if cost == QUADRATIC:
        t = (np.exp(z0) - math.e) / (2.0 * eta)
    else:
        t = (z0 - PLATEAU_END_Z) / (2.0 * eta)
    return float(t) if t.ndim == 0 else t


def plateau_epochs(w0, b0, *, cost: str, eta: float, budget: int = 100_000):
    """Epochs until the neuron leaves the plateau (z ≤ 1, i.e. a ≤ σ(1)), from the trainer
    (:func:`~lessons_lib.neuron.epochs_to_target`); −1 if not within ``budget``. 0 for a
    start that is not on a plateau. Vectorised over starts."""
    out = epochs_to_target(w0, b0, cost=cost, eta=eta, epochs=budget, tol=PLATEAU_END_A)
    return int(out) if out.ndim == 0 else out


def _first(mask: np.ndarray) -> int:
    hit = np.flatnonzero(mask)
    return int(hit[0]) if hit.size else -1


def plateau_end(run: NeuronRun) -> int:
    """The first epoch of a recorded one-start run with a ≤ σ(1) (z ≤ 1), −1 if none: the
    same count as :func:`plateau_epochs` (target y = 0)."""
    return _first(np.abs(np.ravel(run.a) - run.y) <= PLATEAU_END_A)


def target_epoch(run: NeuronRun, tol: float = TARGET_A) -> int:
    """The first epoch of a recorded one-start run with |a − y| ≤ ``tol``, −1 if none: the
    same count as :func:`~lessons_lib.neuron.epochs_to_target`."""
    return _first(np.abs(np.ravel(run.a) - run.y) <= tol)


def cost_along_z(z, cost: str) -> np.ndarray:
    """C(z) of the neuron (y = 0): the loss surface C(w, b) is this profile, constant
    along every line w + b = z (x = 1)."""
    z = np.asarray(z, dtype=np.float64)
    return neuron_cost(np.zeros_like(z), z, cost=cost)


def epochs_by_z0(z0, *, eta: float, budget: int) -> dict[str, np.ndarray]:
    """{cost: epochs until a ≤ 0.1 from each z₀} (−1: not within ``budget``), each start
    split as w₀ = b₀ = z₀/2 (any split gives the same run)."""
    z0 = np.asarray(z0, dtype=np.float64)
    return {
        cost: epochs_to_target(z0 / 2, z0 / 2, cost=cost, eta=eta, epochs=budget) for cost in COSTS
    }


def epochs_ratio(cost: str, eta: float, *, budget: int = 100_000) -> tuple[int, int, float]:
    """(epochs from A, epochs from B, B ÷ A) until a ≤ 0.1: how much the saturated start
    costs each cost, a number that hardly depends on η (notebook 02's headline)."""
    budget = check_int(budget, "budget", low=1)
    a, b = (
        int(epochs_to_target(*start, cost=cost, eta=eta, epochs=budget))
        for start in (START_A, START_B)
    )
    if a <= 0 or b < 0:
        raise ValueError(f"budget: {budget} epochs are not enough at eta={eta:g}")
    return a, b, b / a


def speed_map_grid(lim: float = 6.0, n: int = 101) -> tuple[np.ndarray, np.ndarray]:
    """The (w₀, b₀) grid of starts of the learning-speed map: n × n on [−lim, lim]²."""
    g = np.linspace(-lim, lim, n)
    return np.meshgrid(g, g)


def compute_speed_maps(W, B, *, eta: float, budget: int, x: float = 1.0, y: float = 0.0):
    """{cost: map} of epochs until |a − y| ≤ 0.1 from each start (−1: not within budget)."""
    return {
        cost: epochs_to_target(W, B, cost=cost, eta=eta, epochs=budget, x=x, y=y) for cost in COSTS
    }
