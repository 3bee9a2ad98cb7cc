"""Activations, information theory and gradient checking: values, derivatives, errors."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from lessons_lib import activations as A
from lessons_lib import information as I
from lessons_lib.gradcheck import check_gradient, numerical_gradient, numerical_jacobian, rel_error

Z = np.linspace(-6, 6, 25) + 0.013  # avoid ReLU's kink at 0


@pytest.mark.parametrize(
    ("f", "fprime"),
    [(A.sigmoid, A.sigmoid_prime), (A.relu, A.relu_prime), (A.tanh, A.tanh_prime)],
)
def test_derivatives_match_central_differences(f, fprime):
    for z in Z:
        assert rel_error(fprime(z), numerical_gradient(lambda v: f(v), np.array(z))) < 1e-7


def test_sigmoid_values_and_bound():
    assert A.sigmoid(0.0) == 0.5
    np.testing.assert_allclose(A.sigmoid(Z), 1 / (1 + np.exp(-Z)), rtol=1e-15)
    assert np.max(A.sigmoid_prime(np.linspace(-10, 10, 2001))) == pytest.approx(0.25)
    # the tail keeps relative accuracy where σ(1 − σ) would round to 0
    assert A.sigmoid_prime(-50.0) == pytest.approx(np.exp(-50.0), rel=1e-12)


def test_activations_do_not_warn_at_extremes():
    z = np.array([-1e4, -800.0, 0.0, 800.0, 1e4])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            for f in (A.sigmoid, A.sigmoid_prime, A.tanh, A.tanh_prime, A.relu):
                assert np.all(np.isfinite(f(z)))
            assert np.all(np.isfinite(A.softmax(z)))
            assert np.all(np.isfinite(A.log_softmax(z[1:-1])))
            assert np.isfinite(A.logsumexp(z))


def test_softmax_worked_example_and_naive_overflow():
    np.testing.assert_allclose(A.softmax([10.0, 9.0, 8.0]), [0.665, 0.245, 0.090], atol=5e-4)
    np.testing.assert_allclose(A.softmax([1000.0, 1001.0]), [0.2689414, 0.7310586], atol=1e-7)
    with np.errstate(over="ignore", invalid="ignore"):
        assert np.all(np.isnan(A.softmax_naive([1000.0, 1001.0])))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        A.softmax_naive([1000.0, 1001.0])
    assert any("overflow" in str(w.message) for w in caught)


def test_softmax_axis_and_logsumexp():
    z = np.arange(12.0).reshape(3, 4)
    np.testing.assert_allclose(A.softmax(z, axis=0).sum(axis=0), 1.0)
    np.testing.assert_allclose(A.logsumexp(z), np.log(np.exp(z).sum(axis=1)))
    np.testing.assert_allclose(A.log_softmax(z), np.log(A.softmax(z)))


def test_softmax_jacobian_against_finite_differences():
    z = np.array([2.5, -1.0, 3.2, 0.5])
    J = A.softmax_jacobian(z)
    assert rel_error(J, numerical_jacobian(A.softmax, z)) < 1e-7
    np.testing.assert_allclose(J.sum(axis=1), 0.0, atol=1e-15)
    batch = A.softmax_jacobian(np.stack([z, -z]))
    assert batch.shape == (2, 4, 4)
    np.testing.assert_allclose(batch[1], A.softmax_jacobian(-z))


@pytest.mark.parametrize(
    ("call", "exc", "word"),
    [
        (lambda: A.sigmoid("x"), TypeError, "z"),
        (lambda: A.softmax(np.zeros(3), axis=2), ValueError, "axis"),
        (lambda: A.softmax(1.0), ValueError, "z"),
        (lambda: A.relu([[1, 2], [3]]), TypeError, "z"),
    ],
)
def test_activation_bad_input(call, exc, word):
    with pytest.raises(exc, match=word):
        call()


# -- information ---------------------------------------------------------------------------


def test_worked_example_in_nats():
    p, q = [0.5, 0.3, 0.2], [0.4, 0.4, 0.2]
    assert f"{I.entropy(p):.4f}" == "1.0297"
    assert f"{I.cross_entropy(p, q):.4f}" == "1.0549"
    assert f"{I.kl_divergence(p, q):.4f}" == "0.0253"
    assert I.kl_divergence(p, q) != pytest.approx(I.kl_divergence(q, p))


def test_cat_dog_horse_loss_and_zero_conventions():
    assert I.cross_entropy([1, 0, 0], [0.67, 0.24, 0.09]) == pytest.approx(-np.log(0.67))
    assert f"{-np.log(0.67):.2f}" == "0.40"
    assert I.entropy([1.0, 0.0, 0.0]) == 0.0
    assert f"{I.entropy([1.0, 0.0]):.4f}" == "0.0000"  # +0, never printed as −0.0000
    assert f"{I.cross_entropy([0.0, 1.0], [0.0, 1.0]):.4f}" == "0.0000"
    assert I.entropy([0.5, 0.5], base=2) == pytest.approx(1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert I.cross_entropy([0.5, 0.5], [1.0, 0.0]) == np.inf
        assert I.kl_divergence([0.0, 1.0], [0.5, 0.5]) == pytest.approx(np.log(2))


@pytest.mark.parametrize(
    ("call", "word"),
    [
        (lambda: I.entropy([0.5, 0.6]), "p"),
        (lambda: I.entropy([-0.1, 1.1]), "p"),
        (lambda: I.kl_divergence([0.5, 0.5], [0.2, 0.2, 0.6]), "q"),
        (lambda: I.cross_entropy([0.5, 0.5], [0.9, 0.2]), "q"),
        (lambda: I.entropy([0.5, 0.5], base=1), "base"),
    ],
)
def test_information_bad_input(call, word):
    with pytest.raises(ValueError, match=word):
        call()


# -- gradcheck -------------------------------------------------------------------------------


def test_numerical_gradient_does_not_modify_x_and_is_accurate():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    before = x.copy()
    g = numerical_gradient(lambda v: np.sum(v**3), x)
    np.testing.assert_array_equal(x, before)
    assert rel_error(g, 3 * x**2) < 1e-9


def test_check_gradient_passes_right_and_fails_wrong():
    x = np.array([0.3, -1.2, 2.0])
    assert check_gradient(lambda v: np.sum(np.sin(v)), np.cos, x) < 1e-9
    with pytest.raises(AssertionError, match="relative error"):
        check_gradient(lambda v: np.sum(np.sin(v)), lambda v: np.cos(v) * 1.001, x)


def test_rel_error_definition():
    assert rel_error(np.array([1.0]), np.array([1.0])) == 0.0
    assert rel_error(np.array([1.0, 0.0]), np.array([3.0, 0.0])) == pytest.approx(0.5)
    assert rel_error(np.zeros(2), np.full(2, 1e-12)) == pytest.approx(1e-4)
    with pytest.raises(ValueError, match="b"):
        rel_error(np.zeros(2), np.zeros(3))
