"""The single-neuron trainer reproduces the curriculum's reference runs (01, 02)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from lessons_lib.gradcheck import numerical_gradient, rel_error
from lessons_lib.neuron import epochs_to_target, neuron_cost, train_neuron


def test_reference_run_fast_start():
    r = train_neuron(0.6, 0.9, cost="quadratic_cost", eta=0.15, epochs=300)
    assert r.a.shape == (301,)
    assert f"{r.a[0]:.2f}" == "0.82"
    assert r.a[300] == pytest.approx(0.09, abs=0.005)
    assert f"{r.dw[0]:.3f}" == "0.122"


def test_reference_run_saturated_start():
    r = train_neuron(2.0, 2.0, cost="quadratic_cost", eta=0.15, epochs=300)
    assert f"{r.a[0]:.2f}" == "0.98"
    assert r.a[150] > 0.93
    assert r.a[300] == pytest.approx(0.20, abs=0.005)
    assert f"{r.dw[0]:.3f}" == "0.017"


def test_cross_entropy_notes_from_the_curriculum():
    slow = train_neuron(2.0, 2.0, cost="binary_cross_entropy_with_logits", eta=0.005, epochs=300)
    assert slow.a[300] == pytest.approx(0.78, abs=0.005)
    fast = train_neuron(2.0, 2.0, cost="binary_cross_entropy_with_logits", eta=0.15, epochs=300)
    assert fast.a[50] < 0.1
    # the first cross-entropy step is a − y = a itself, not (a − y)·σ′
    assert fast.dw[0] == pytest.approx(fast.a[0])


@pytest.mark.parametrize("cost", ["quadratic_cost", "binary_cross_entropy_with_logits"])
def test_gradients_match_central_differences(cost):
    r = train_neuron(
        np.array([0.6, 2.0, -1.5]),
        np.array([0.9, 2.0, 0.4]),
        cost=cost,
        eta=0.1,
        epochs=3,
        x=0.7,
        y=0.2,
    )
    for k in range(4):
        for i in range(3):
            wb = np.array([r.w[k, i], r.b[k, i]])

            def C(v):
                return neuron_cost(v[0], v[1], cost=cost, x=0.7, y=0.2)

            num = numerical_gradient(C, wb)
            assert rel_error(np.array([r.dw[k, i], r.db[k, i]]), num) < 1e-7
            assert r.cost[k, i] == pytest.approx(C(wb))


def test_vectorised_equals_scalar_runs():
    w = np.linspace(-2, 3, 7)[:, None]
    b = np.linspace(-1, 2, 5)[None, :]
    grid = train_neuron(w, b, cost="quadratic_cost", eta=0.2, epochs=40)
    assert grid.a.shape == (41, 7, 5)
    one = train_neuron(w[3, 0], b[0, 2], cost="quadratic_cost", eta=0.2, epochs=40)
    for field in ("w", "b", "a", "cost", "dz"):  # the scalar path agrees to rounding
        np.testing.assert_allclose(getattr(grid, field)[:, 3, 2], getattr(one, field), rtol=1e-13)


def test_epochs_to_target_agrees_with_train_neuron():
    w, b = np.meshgrid(np.linspace(-4, 4, 21), np.linspace(-4, 4, 21))
    for cost in ("quadratic_cost", "binary_cross_entropy_with_logits"):
        run = train_neuron(w, b, cost=cost, eta=0.15, epochs=300)
        hit = run.a <= 0.1
        expected = np.where(hit.any(axis=0), hit.argmax(axis=0), -1)
        got = epochs_to_target(w, b, cost=cost, eta=0.15, epochs=300)
        np.testing.assert_array_equal(got, expected)
    q = epochs_to_target(2.0, 2.0, cost="quadratic_cost", eta=0.15, epochs=300)
    c = epochs_to_target(2.0, 2.0, cost="binary_cross_entropy_with_logits", eta=0.15, epochs=300)
    assert q == -1 and 0 < c <= 50


def test_slider_extremes_are_finite_without_warnings():
    w, b = np.meshgrid(np.array([-10.0, 0.0, 10.0]), np.array([-10.0, 10.0]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            for cost in ("quadratic_cost", "binary_cross_entropy_with_logits"):
                for eta in (0.001, 5.0):
                    r = train_neuron(w, b, cost=cost, eta=eta, epochs=500)
                    for arr in (r.a, r.cost, r.w, r.b, r.dz):
                        assert np.all(np.isfinite(arr))


@pytest.mark.parametrize(
    ("kwargs", "exc", "word"),
    [
        ({"cost": "hinge"}, ValueError, "cost"),
        ({"eta": 0.0}, ValueError, "eta"),
        ({"eta": "fast"}, TypeError, "eta"),
        ({"epochs": -1}, ValueError, "epochs"),
        ({"epochs": 2.5}, TypeError, "epochs"),
        ({"y": 1.5}, ValueError, "y"),
        ({"w": np.zeros(3), "b": np.zeros(4)}, ValueError, "b"),
        ({"w": np.nan}, ValueError, "w"),
    ],
)
def test_bad_input(kwargs, exc, word):
    args = {"w": 0.6, "b": 0.9, "cost": "quadratic_cost", "eta": 0.15, "epochs": 10, **kwargs}
    w, b = args.pop("w"), args.pop("b")
    with pytest.raises(exc, match=word):
        train_neuron(w, b, **args)


def test_naive_demo_update_is_the_documented_wrong_step():
    from lessons_lib.neuron import train_neuron_naive_demo

    demo = train_neuron_naive_demo(2.0, 2.0, eta=0.005, epochs=300)
    a0 = demo.a[0]
    assert demo.dz[0] == pytest.approx(1 / (1 - a0))  # ∂C/∂a, not ∂C/∂z = a
    assert demo.w[1] == pytest.approx(2.0 - 0.005 / (1 - a0))
    true = train_neuron(2.0, 2.0, cost="binary_cross_entropy_with_logits", eta=0.005, epochs=300)
    assert (
        demo.a[300] < 0.1 < 0.7 < true.a[300]
    )  # the demo looks fast only because its step is wrong
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        far = train_neuron_naive_demo(400.0, 400.0, eta=0.005, epochs=3)
    assert np.all(np.isfinite(far.w))


@pytest.mark.parametrize("cost", ["quadratic_cost", "binary_cross_entropy_with_logits"])
@pytest.mark.parametrize("starts", ["one", "grid"])
def test_engine_equals_the_textbook_step(cost, starts):
    """train_neuron's in-place engine runs gradient_step's equations: the same record to
    1e-12, for one start (Python floats) and for a grid; epochs_to_target the same epochs."""
    if starts == "one":
        w, b = 2.0, 2.0
    else:
        w, b = np.meshgrid(np.linspace(-6, 6, 25), np.linspace(-6, 6, 19))
    fast = train_neuron(w, b, cost=cost, eta=0.3, epochs=200)
    book = train_neuron(w, b, cost=cost, eta=0.3, epochs=200, engine="textbook")
    for field in ("w", "b", "a", "cost", "dz"):
        np.testing.assert_allclose(getattr(fast, field), getattr(book, field), rtol=1e-12)
    np.testing.assert_array_equal(
        epochs_to_target(w, b, cost=cost, eta=0.3, epochs=200),
        epochs_to_target(w, b, cost=cost, eta=0.3, epochs=200, engine="textbook"),
    )


def test_the_lessons_line_is_the_costs_delta():
    """δ = (a − y)·σ′(z) for the quadratic cost and a − y for cross-entropy, from the
    formulas themselves (not from the library)."""
    r = {
        c: train_neuron(2.0, 2.0, cost=c, eta=0.15, epochs=0, engine="textbook")
        for c in ("quadratic_cost", "binary_cross_entropy_with_logits")
    }
    a = 1 / (1 + np.exp(-4.0))
    assert r["quadratic_cost"].dz[0] == pytest.approx(a * a * (1 - a), rel=1e-14)
    assert r["binary_cross_entropy_with_logits"].dz[0] == pytest.approx(a, rel=1e-14)
