"""linear.fit_linear: a linear model trained by full-batch gradient descent on any loss
of the registry (notebooks 08 and 10)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from lessons_lib import losses
from lessons_lib.datasets import make_blobs
from lessons_lib.linear import LinearFit, fit_linear


@pytest.fixture(scope="module")
def line():
    rng = np.random.default_rng(1)
    x = rng.uniform(-1, 1, 40)
    return x[:, None], 2.0 * x - 0.5 + 0.1 * rng.standard_normal(40)


@pytest.fixture(scope="module")
def blobs():
    return make_blobs(90, 3, std=0.6, seed=1)


def test_mse_reaches_least_squares(line):
    X, y = line
    fit = fit_linear(X, y, loss="mse_loss", eta=0.3, epochs=400)
    A = np.column_stack([X[:, 0], np.ones(len(y))])
    np.testing.assert_allclose([fit.W[0, 0], fit.b[0]], np.linalg.lstsq(A, y, rcond=None)[0])
    assert fit.regression and fit.scores(X).shape == (40,)
    assert fit.W_path.shape == (401, 1, 1) and fit.loss.shape == (401,)
    assert np.all(np.diff(fit.loss) <= 1e-15)  # a convex loss never rises at this step


@pytest.mark.parametrize(
    ("loss", "kwargs"),
    [
        ("cross_entropy", {}),
        ("multiclass_hinge_loss", {"margin": 1.0}),
        ("multiclass_hinge_loss", {"margin": 2.0, "form": "max"}),
        ("multi_margin_loss", {"margin": 1.0}),
    ],
)
def test_each_step_follows_the_loss_gradient(blobs, loss, kwargs):
    X, y = blobs
    fit = fit_linear(X, y, loss=loss, eta=0.1, epochs=5, l2=0.01, **kwargs)
    spec = losses.LOSSES[loss]
    for e in range(5):
        W, b = fit.W_path[e], fit.b_path[e]
        g = spec.grad(X @ W + b, y, **kwargs)
        np.testing.assert_allclose(fit.W_path[e + 1], W - 0.1 * (X.T @ g + 0.01 * W))
        np.testing.assert_allclose(fit.b_path[e + 1], b - 0.1 * g.sum(axis=0))
        assert fit.loss[e] == pytest.approx(spec.fn(X @ W + b, y, **kwargs))
        assert fit.n_active[e] == np.count_nonzero(np.any(g != 0, axis=1))
    assert fit.scores(X).shape == (90, 3)
    assert fit.loss_kwargs == kwargs


def test_hinge_stops_once_the_margins_are_met(blobs):
    X, y = blobs
    hinge = fit_linear(X, y, loss="multiclass_hinge_loss", eta=0.1, epochs=400)
    ce = fit_linear(X, y, loss="cross_entropy", eta=0.1, epochs=400)
    assert hinge.n_active[0] == 90 and hinge.n_active[-1] == 0
    done = int(np.argmax(hinge.n_active == 0))
    np.testing.assert_array_equal(
        hinge.W_path[done:], np.broadcast_to(hinge.W, hinge.W_path[done:].shape)
    )
    assert np.all(ce.n_active == 90) and np.all(np.diff(ce.weight_norm) > 0)


def test_l2_shrinks_the_weights(blobs):
    X, y = blobs
    plain = fit_linear(X, y, loss="cross_entropy", eta=0.1, epochs=200)
    decayed = fit_linear(X, y, loss="cross_entropy", eta=0.1, epochs=200, l2=0.1)
    assert decayed.weight_norm[-1] < 0.7 * plain.weight_norm[-1]


def test_huber_and_smooth_l1_find_the_same_line(line):
    X, y = line
    y = y.copy()
    y[:3] += 10.0
    smooth = fit_linear(X, y, loss="smooth_l1_loss", eta=0.3, epochs=3000, beta=0.5)
    huber = fit_linear(X, y, loss="huber_loss", eta=0.3 / 0.5, epochs=3000, delta=0.5)
    np.testing.assert_allclose(smooth.W_path, huber.W_path, atol=1e-12)  # δ·SmoothL1 = Huber


def test_divergence_stops_without_warnings(line):
    X, y = line
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            fit = fit_linear(X * 1e3, y, loss="mse_loss", eta=10.0, epochs=500)
    assert fit.diverged and 1 < fit.diverged_at <= 500
    assert fit.epochs == fit.diverged_at - 1
    assert np.all(np.isfinite(fit.W_path)) and np.all(np.isfinite(fit.b_path))
    assert not fit_linear(X, y, loss="mse_loss", eta=0.1, epochs=5).diverged


def test_multi_output_regression(line):
    X, y = line
    Y = np.column_stack([y, -y])
    fit = fit_linear(X, Y, loss="l1_loss", eta=0.05, epochs=10)
    assert not fit.regression and fit.scores(X).shape == (40, 2) and fit.W.shape == (1, 2)


@pytest.mark.parametrize(
    ("kwargs", "exc", "word"),
    [
        ({"loss": "hinge"}, ValueError, "loss"),
        ({"loss": "binary_cross_entropy"}, ValueError, "probability"),
        ({"loss": "mse_loss", "eta": 0.0}, ValueError, "eta"),
        ({"loss": "mse_loss", "epochs": -1}, ValueError, "epochs"),
        ({"loss": "cross_entropy", "y": np.array([0.5, 1.5])}, TypeError, "y"),
        ({"loss": "cross_entropy", "n_classes": 2, "y": np.array([0, 2])}, ValueError, "y"),
        ({"loss": "mse_loss", "y": np.zeros(3)}, ValueError, "y"),
        ({"loss": "mse_loss", "X": np.zeros(2)}, ValueError, "X"),
    ],
)
def test_bad_input_names_the_argument(kwargs, exc, word):
    args = {"X": np.zeros((2, 1)), "y": np.array([0, 1]), "eta": 0.1, "epochs": 1, **kwargs}
    if args["loss"] == "mse_loss" and "y" not in kwargs:
        args["y"] = np.zeros(2)
    with pytest.raises(exc, match=word):
        fit_linear(args.pop("X"), args.pop("y"), **args)


def test_scores_check_their_input(blobs):
    X, y = blobs
    fit = fit_linear(X, y, loss="cross_entropy", eta=0.1, epochs=1)
    assert isinstance(fit, LinearFit)
    np.testing.assert_array_equal(fit.scores(X, 0), np.zeros((90, 3)))
    with pytest.raises(ValueError, match="X"):
        fit.scores(X[:, :1])


def _plain_fit_linear(X, y, loss, eta, epochs, l2=0.0, **kw):
    """fit_linear written plainly through the public loss API on every step."""
    spec = losses.LOSSES[loss]
    n, d = X.shape
    regression = spec.target_kind != "index" and y.ndim == 1
    k = int(y.max()) + 1 if spec.target_kind == "index" else 1 if regression else y.shape[1]
    W, b = np.zeros((d, k)), np.zeros(k)
    Ws, bs, loss_values, active = [], [], [], []
    for _ in range(epochs + 1):
        s = X @ W + b
        s = s[:, 0] if regression else s
        if not np.all(np.isfinite(s)):
            break
        Ws.append(W)
        bs.append(b)
        loss_values.append(spec.fn(s, y, **kw))
        g = spec.grad(s, y, **kw).reshape(n, k)
        active.append(np.count_nonzero(np.any(g != 0, axis=1)))
        W, b = W - eta * (X.T @ g + l2 * W), b - eta * g.sum(axis=0)
    return np.array(Ws), np.array(bs), np.array(loss_values), np.array(active)


@pytest.fixture(scope="module")
def regression_sets():
    rng = np.random.default_rng(3)
    X = rng.uniform(-1, 1, (40, 2))
    y = X @ [1.5, -2.0] + 0.3 * rng.standard_normal(40)
    y[:3] += 6.0  # outliers
    return X, y, np.column_stack([y, -y, 0.5 * y]), rng.uniform(0, 1, (40, 3))


@pytest.mark.parametrize(
    ("loss", "data", "kwargs"),
    [
        ("mse_loss", "y", {}),
        ("mse_loss", "Y", {}),
        ("l1_loss", "y", {}),
        ("l1_loss", "Y", {}),
        ("smooth_l1_loss", "y", {"beta": 0.5}),
        ("smooth_l1_loss", "y", {"beta": 0.0}),
        ("smooth_l1_loss", "Y", {}),
        ("huber_loss", "y", {"delta": 0.5}),
        ("huber_loss", "Y", {}),
        ("quadratic_cost", "y", {}),
        ("quadratic_cost", "Y", {}),
        ("binary_cross_entropy_with_logits", "P", {}),
        ("cross_entropy", "blobs", {}),
        ("cross_entropy", "blobs", {"label_smoothing": 0.1}),
        ("multi_margin_loss", "blobs", {}),
        ("multi_margin_loss", "blobs", {"p": 2, "margin": 0.5}),
        ("multiclass_hinge_loss", "blobs", {}),
        ("multiclass_hinge_loss", "blobs", {"margin": 2.0, "form": "max"}),
        ("mse_loss", "y", {"reduction": "sum"}),  # no kernel: the public functions each step
        ("cross_entropy", "blobs", {"reduction": "sum"}),
    ],
)
@pytest.mark.parametrize("l2", [0.0, 0.05])
def test_matches_the_public_loss_api_step_by_step(regression_sets, blobs, loss, data, kwargs, l2):
    """After the first step fit_linear skips the loss API's input checks; it must still
    compute what the API computes (held to 1e-12; it is in fact the same arithmetic)."""
    X, y, Y, P = regression_sets
    X, y = {"y": (X, y), "Y": (X, Y), "P": (X, P), "blobs": blobs}[data]
    eta = 0.01 if kwargs.get("reduction") == "sum" else 0.2
    fit = fit_linear(X, y, loss=loss, eta=eta, epochs=80, l2=l2, **kwargs)
    W, b, loss_values, active = _plain_fit_linear(X, y, loss, eta, 80, l2, **kwargs)
    assert not fit.diverged
    np.testing.assert_allclose(fit.W_path, W, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(fit.b_path, b, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(fit.loss, loss_values, rtol=1e-12, atol=1e-14)
    np.testing.assert_array_equal(fit.n_active, active)


def test_divergence_step_matches_the_public_loss_api(line):
    X, y = line
    fit = fit_linear(X * 1e3, y, loss="mse_loss", eta=10.0, epochs=500)
    with np.errstate(over="ignore", invalid="ignore"):
        W, _, loss_values, _ = _plain_fit_linear(X * 1e3, y, "mse_loss", 10.0, 500)
    assert fit.epochs == len(loss_values) - 1
    np.testing.assert_array_equal(fit.W_path, W)
