"""The experiments of notebook 09 (lessons_lib.experiments.gradients): the runs record what
the textbook code computes, the gradient norms are true gradients (central differences),
the factor decomposition adds up, and the seed sweeps and their summaries are right."""

from __future__ import annotations

import numpy as np
import pytest

from lessons_lib.activations import sigmoid_prime
from lessons_lib.experiments.gradients import (
    SEEDS,
    VanishingRun,
    digits_subset,
    first_last_ratio,
    inactive_share,
    initial_gradient_norms,
    initial_norms_over_seeds,
    layer_factors,
    per_layer_factor,
    runs_over_seeds,
    vanishing_net,
    vanishing_run,
)
from lessons_lib.experiments.seeds import Spread
from lessons_lib.gradcheck import numerical_gradient, rel_error


def test_a_run_records_what_the_textbook_fit_records():
    """vanishing_run measures after every epoch (a callback, record=False); the textbook
    fit with its own record gives the same norms and the same end accuracy."""
    run = vanishing_run(3, "tanh", 1.5, epochs=4)
    X, y = digits_subset(300)
    h = vanishing_net(3, "tanh", 1.5).fit(X, y, epochs=4, batch_size=20, eta=0.2, engine="textbook")
    np.testing.assert_allclose(run.grad_norms, np.array(h.grad_norms), rtol=1e-8)
    assert run.accuracy == pytest.approx(h.accuracy[-1], abs=1e-12)
    assert run.epochs == 4 and not run.diverged and run.diverged_at is None
    assert isinstance(run.net.weights[0], np.ndarray)


def test_the_gradient_norms_are_true_gradients():
    """‖∂C/∂b^l‖ of every layer against central differences of the cost itself."""
    X, y = digits_subset(40)
    net = vanishing_net(2, n=40)
    norms = initial_gradient_norms(2, n=40)
    for l, b in enumerate(net.biases):

        def cost(v, l=l):
            old = net.biases[l].copy()
            net.biases[l][:] = v
            try:
                return net.loss(X, y)
            finally:
                net.biases[l][:] = old

        g = numerical_gradient(cost, b.copy())
        assert rel_error(np.linalg.norm(g), norms[l]) < 1e-7


def test_runs_are_cached_and_read_only():
    a = vanishing_run(2, "relu", 1.0)
    assert vanishing_run(2, "relu", 1) is a  # same setting, same run
    assert vanishing_run(2, "relu", 1.0, seed=1) is not a
    with pytest.raises(ValueError):
        a.grad_norms[0, 0] = 1.0
    np.testing.assert_array_equal(a.grad_norms[0], initial_gradient_norms(2, "relu"))


def test_bad_settings_name_the_argument():
    with pytest.raises(TypeError, match=r"overrides.*'epoch'"):
        vanishing_run(2, epoch=3)
    with pytest.raises(ValueError, match="depth"):
        vanishing_run(0)
    with pytest.raises(TypeError, match="depth"):
        vanishing_run(2.5)
    with pytest.raises(ValueError, match="hidden"):
        vanishing_run(2, "softplus")
    with pytest.raises(ValueError, match="cost"):
        vanishing_run(2, cost="hinge")
    with pytest.raises(ValueError, match="weight_scale"):
        vanishing_run(2, weight_scale=-1.0)


def test_a_diverged_run_stops_and_says_so(strict):
    run = vanishing_run(8, "relu", 10.0)
    assert run.diverged and run.diverged_at == (1, 3)
    assert run.grad_norms.shape[0] == 2  # the start and the epoch it diverged in
    assert np.all(np.isfinite(run.grad_norms[0])) and np.isnan(run.accuracy)


def test_factor_and_ratio_against_known_values():
    norms = [0.001, 0.01, 0.1, 1.0, 5.0]  # hidden layers ×10 apart, then the output
    assert per_layer_factor(norms) == pytest.approx(0.1)
    assert first_last_ratio(norms) == pytest.approx(0.001)
    assert first_last_ratio(norms) == pytest.approx(per_layer_factor(norms) ** 3)
    assert np.isnan(per_layer_factor([0.0, 0.0, 0.0])) and np.isnan(first_last_ratio([0, 0, 1]))
    for f in (per_layer_factor, first_last_ratio):
        with pytest.raises(ValueError, match="two hidden"):
            f([0.1, 1.0])


def test_layer_factors_split_each_layer_exactly():
    X, y = digits_subset(300)
    net = vanishing_net(4, seed=2)
    parts = layer_factors(net, X, y)
    zs, _ = net.feedforward(X)
    bp = net.backprop(X, y)
    delta = [np.linalg.norm(d) for d in bp.deltas]
    # matrix × slope is the factor of the per-example errors, ‖δ^l‖ / ‖δ^(l+1)‖
    np.testing.assert_allclose(parts.matrix * parts.slope, np.divide(delta[:-1], delta[1:]))
    # the mean slope from the sigmoid's derivative, written independently
    np.testing.assert_allclose(parts.mean_slope, [np.mean(sigmoid_prime(z)) for z in zs[:-1]])
    g = initial_gradient_norms(4, seed=2)
    np.testing.assert_allclose(parts.measured, g[:-1] / g[1:])
    assert parts.matrix.shape == parts.slope.shape == (4,)


def test_weights_of_variance_one_over_n_in_keep_the_matrix_part_near_one():
    """Section 2's claim, over the five seeds: matrix part ≈ 1, so factor ≈ mean σ′."""
    X, y = digits_subset(300)
    parts = [layer_factors(vanishing_net(8, seed=s), X, y) for s in SEEDS]
    matrix = Spread.of([p.matrix.mean() for p in parts])
    mean_slope = Spread.of([p.mean_slope.mean() for p in parts])
    factor = Spread.of([per_layer_factor(g) for g in initial_norms_over_seeds(8)])
    assert abs(matrix.mean - 1) < 0.05
    assert abs(factor.mean - mean_slope.mean) < 0.02 and factor.mean < 0.25


def test_inactive_share_counts_the_units_that_are_off():
    X, _ = digits_subset(300)
    zs, _ = vanishing_net(3, "relu", seed=1).feedforward(X)
    want = [np.mean(z <= 0) for z in zs[:-1]]  # ReLU(z) = 0 exactly where z ≤ 0
    np.testing.assert_allclose(inactive_share(3, seed=1), want)


def test_spread_summarises_the_seeds():
    s = Spread.of([0.3, 0.1, 0.2])
    assert (s.mean, s.lo, s.hi) == pytest.approx((0.2, 0.1, 0.3))
    assert format(s, ".2f") == "0.20 (0.10–0.30)"
    assert format(Spread.of([0.9, 0.95]), ".0%") == "92% (90%–95%)"
    with pytest.raises(ValueError, match="values"):
        Spread.of([[1, 2], [3, 4]])


def test_sweeps_cover_every_seed():
    G = initial_norms_over_seeds(3, "tanh")
    assert G.shape == (len(SEEDS), 4)
    for s, g in zip(SEEDS, G):
        np.testing.assert_array_equal(g, initial_gradient_norms(3, "tanh", seed=s))
    runs = runs_over_seeds(1, epochs=1)
    assert [isinstance(r, VanishingRun) for r in runs] == [True] * len(SEEDS)
    assert runs[2] is vanishing_run(1, epochs=1, seed=2)
