"""The single-neuron experiments of notebooks 01–02: the reference starts, the costs
compared, the "η scaled" rule and the learning-speed map over a grid of starts."""

from __future__ import annotations

import numpy as np

from ..neuron import epochs_to_target

__all__ = [
    "QUADRATIC",
    "CROSS_ENTROPY",
    "COSTS",
    "REFERENCE_STARTS",
    "SIGMOID_PRIME_MAX",
    "scaled_eta",
    "speed_map_grid",
    "compute_speed_maps",
]

QUADRATIC = "quadratic_cost"  # C = (a − y)²/2
CROSS_ENTROPY = "binary_cross_entropy_with_logits"  # C = −[y ln a + (1 − y) ln(1 − a)]
COSTS = (QUADRATIC, CROSS_ENTROPY)
REFERENCE_STARTS = {"fast start (0.6, 0.9)": (0.6, 0.9), "saturated start (2, 2)": (2.0, 2.0)}
SIGMOID_PRIME_MAX = 0.25  # σ′(0), the largest σ′ can be


def scaled_eta(eta: float) -> float:
    """η for cross-entropy in the "η scaled" comparison: η·max σ′ = η/4.

    With it both costs take exactly the same step where the sigmoid is steepest (z = 0);
    anywhere else the quadratic step is smaller by σ′(z)/¼ — the saturation effect alone.
    """
    return eta * SIGMOID_PRIME_MAX


def speed_map_grid(lim: float = 6.0, n: int = 121) -> tuple[np.ndarray, np.ndarray]:
    """The (w₀, b₀) grid of starts used by the learning-speed map: n × n on [−lim, lim]²."""
    g = np.linspace(-lim, lim, n)
    return np.meshgrid(g, g)


def compute_speed_maps(W, B, *, eta: float, budget: int, x: float = 1.0, y: float = 0.0):
    """{cost: map} of epochs until |a − y| ≤ 0.1 from each start (−1: not within budget)."""
    return {
        cost: epochs_to_target(W, B, cost=cost, eta=eta, epochs=budget, x=x, y=y) for cost in COSTS
    }
