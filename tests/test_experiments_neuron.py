"""The single-neuron experiments of notebooks 01–02 (lessons_lib.experiments.neuron): the
plateau and its law, the ways of choosing η for a comparison, the η-free ratio, and the
fact that only z₀ = w₀ + b₀ matters — each against an independent reference (a loop
written here from the formulas, closed forms, or the trainer run another way)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons_lib.experiments.neuron import (
    COMPARISON_MODES,
    CROSS_ENTROPY,
    PLATEAU_END_A,
    QUADRATIC,
    START_A,
    START_B,
    comparison_etas,
    cost_along_z,
    epochs_by_z0,
    epochs_ratio,
    matched_first_step_eta,
    plateau_end,
    plateau_epochs,
    plateau_law,
    scaled_eta,
    speed_map_grid,
    target_epoch,
)
from lessons_lib.neuron import epochs_to_target, neuron_cost, train_neuron


def _sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def _reference_count(z0: float, eta: float, cost: str, a_stop: float) -> int:
    """Epochs until a ≤ a_stop, written from the update rule z ← z − 2η·δ (x = 1, y = 0)."""
    z = z0
    for k in range(200_000):
        a = _sig(z)
        if a <= a_stop:
            return k
        delta = a * a * (1.0 - a) if cost == QUADRATIC else a
        z -= 2.0 * eta * delta
    return -1


def test_plateau_end_is_sigma_of_one():
    assert PLATEAU_END_A == pytest.approx(1 / (1 + math.exp(-1)))


@pytest.mark.parametrize("cost", [QUADRATIC, CROSS_ENTROPY])
@pytest.mark.parametrize(("z0", "eta"), [(4.0, 0.15), (6.0, 1.5), (2.5, 0.5), (0.5, 0.3)])
def test_plateau_epochs_counts_the_trainers_epochs(cost, z0, eta):
    want = _reference_count(z0, eta, cost, PLATEAU_END_A)
    assert plateau_epochs(z0 / 2, z0 / 2, cost=cost, eta=eta) == want
    run = train_neuron(z0 / 2, z0 / 2, cost=cost, eta=eta, epochs=max(want, 0) + 5)
    assert plateau_end(run) == want
    assert target_epoch(run, tol=PLATEAU_END_A) == want


def test_plateau_epochs_of_the_notebook():
    assert plateau_epochs(*START_B, cost=QUADRATIC, eta=0.15) == 208
    assert plateau_epochs(*START_B, cost=CROSS_ENTROPY, eta=0.15) == 12
    assert plateau_epochs(0.0, 0.0, cost=QUADRATIC, eta=0.15) == 0  # not on a plateau
    assert plateau_epochs(6.0, 6.0, cost=QUADRATIC, eta=0.001, budget=50) == -1


def test_plateau_law_closed_forms():
    assert plateau_law(4.0, 0.15) == pytest.approx((math.exp(4) - math.e) / 0.3)
    assert plateau_law(8.0, 0.15, CROSS_ENTROPY) == pytest.approx(7 / 0.3)
    np.testing.assert_allclose(
        plateau_law(np.array([4.0, 6.0]), 1.0), (np.exp([4.0, 6.0]) - math.e) / 2
    )


@pytest.mark.parametrize("eta", [0.15, 0.5, 1.5])
def test_the_law_is_a_little_short_and_closer_the_deeper(eta):
    """Notebook 01's table: trainer/law is 1.0–1.3 and falls towards 1 as z₀ grows."""
    ratios = [
        plateau_epochs(z0 / 2, z0 / 2, cost=QUADRATIC, eta=eta) / plateau_law(z0, eta)
        for z0 in (4.0, 6.0, 8.0)
    ]
    assert all(1.0 < r < 1.3 for r in ratios)
    assert ratios[0] > ratios[1] > ratios[2] and ratios[2] < 1.02


def test_law_rejects_bad_input():
    with pytest.raises(ValueError, match="eta"):
        plateau_law(4.0, 0.0)
    with pytest.raises(ValueError, match="cost"):
        plateau_law(4.0, 0.1, "hinge")


@pytest.mark.parametrize(("w0", "b0"), [START_A, START_B, (-1.0, 3.0), (0.3, -0.2)])
def test_matched_first_step_eta_makes_the_first_steps_equal(w0, b0):
    eta_ce = matched_first_step_eta(0.15, w0, b0)
    q = train_neuron(w0, b0, cost=QUADRATIC, eta=0.15, epochs=0)
    ce = train_neuron(w0, b0, cost=CROSS_ENTROPY, eta=eta_ce, epochs=0)
    assert eta_ce * ce.dw[0] == pytest.approx(0.15 * q.dw[0], rel=1e-12)
    z0 = w0 + b0
    assert eta_ce == pytest.approx(0.15 * _sig(z0) * (1 - _sig(z0)), rel=1e-12)


def test_comparison_etas_modes():
    assert COMPARISON_MODES == ("same_eta", "eta_over_4", "same_first_step")
    assert comparison_etas("same_eta", 0.15, 2.0, 2.0) == {QUADRATIC: 0.15, CROSS_ENTROPY: 0.15}
    assert comparison_etas("eta_over_4", 0.15, 2.0, 2.0)[CROSS_ENTROPY] == scaled_eta(0.15)
    assert scaled_eta(0.15) == pytest.approx(0.0375)
    matched = comparison_etas("same_first_step", 0.15, 2.0, 2.0)[CROSS_ENTROPY]
    assert matched == pytest.approx(0.0026494, rel=1e-4)
    with pytest.raises(ValueError, match="mode"):
        comparison_etas("fair", 0.15, 2.0, 2.0)


def test_matched_first_step_run_is_slower_than_the_quadratic():
    """Notebook 02: with the first steps matched, cross-entropy's a(300) = 0.92 vs 0.20."""
    eta_ce = matched_first_step_eta(0.15, *START_B)
    ce = train_neuron(*START_B, cost=CROSS_ENTROPY, eta=eta_ce, epochs=300)
    q = train_neuron(*START_B, cost=QUADRATIC, eta=0.15, epochs=300)
    assert round(ce.a[300], 2) == 0.92 and round(q.a[300], 2) == 0.20


@pytest.mark.parametrize("eta", [0.05, 0.15, 0.5, 1.5])
def test_the_headline_ratio_hardly_depends_on_eta(eta):
    eA, eB, r = epochs_ratio(QUADRATIC, eta)
    assert r == eB / eA and 1.70 < r < 1.75
    assert eA == int(epochs_to_target(*START_A, cost=QUADRATIC, eta=eta, epochs=10_000))
    _, _, r_ce = epochs_ratio(CROSS_ENTROPY, eta)
    assert 1.2 < r_ce < 1.34


def test_epochs_ratio_needs_a_big_enough_budget():
    with pytest.raises(ValueError, match="budget"):
        epochs_ratio(QUADRATIC, 0.15, budget=300)


def test_only_z0_matters():
    z0 = np.linspace(-3.0, 7.0, 41)
    sweep = epochs_by_z0(z0, eta=0.15, budget=3000)
    for cost, e in sweep.items():
        other = epochs_to_target(z0 - 1.0, np.ones_like(z0), cost=cost, eta=0.15, epochs=3000)
        np.testing.assert_array_equal(e, other)
        np.testing.assert_allclose(
            cost_along_z(z0, cost), neuron_cost(z0 + 2.0, -2.0 * np.ones_like(z0), cost=cost)
        )


def test_speed_map_grid_default_is_the_panels():
    W, B = speed_map_grid()
    assert W.shape == (101, 101) and W.min() == -6.0 and B.max() == 6.0
