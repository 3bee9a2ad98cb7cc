"""Property tests (hypothesis) for the identities the notebooks teach."""

from __future__ import annotations

import warnings

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from lessons_lib import activations as A
from lessons_lib import information as I
from lessons_lib import losses as L

finite = st.floats(-50, 50, allow_nan=False)
logits = st.integers(2, 6).flatmap(lambda k: arrays(np.float64, (k,), elements=finite))
big_logits = st.integers(2, 6).flatmap(
    lambda k: arrays(np.float64, (k,), elements=st.floats(-1e4, 1e4, allow_nan=False))
)


def distributions(k):
    w = arrays(np.float64, (k,), elements=st.floats(0, 1, allow_nan=False))
    return w.filter(lambda v: v.sum() > 1e-3).map(lambda v: v / v.sum())


pairs = st.integers(2, 6).flatmap(lambda k: st.tuples(distributions(k), distributions(k)))


@given(logits, finite)
def test_softmax_sums_to_one_and_is_shift_invariant(z, c):
    a = A.softmax(z)
    assert np.all(a >= 0)
    assert abs(a.sum() - 1) < 1e-12
    np.testing.assert_allclose(A.softmax(z + c), a, rtol=1e-9, atol=1e-15)


@given(logits)
def test_softmax_is_monotone_in_each_logit(z):
    bumped = z.copy()
    bumped[0] += 1.0
    assert A.softmax(bumped)[0] > A.softmax(z)[0] or A.softmax(z)[0] == 1.0


@given(logits)
def test_jacobian_rows_sum_to_zero_and_is_symmetric(z):
    J = A.softmax_jacobian(z)
    np.testing.assert_allclose(J.sum(axis=1), 0.0, atol=1e-15)
    np.testing.assert_allclose(J, J.T)


@given(pairs)
def test_kl_nonnegative_and_zero_on_itself(pq):
    p, q = pq
    assert I.kl_divergence(p, q) >= 0
    assert I.kl_divergence(p, p) == 0.0


@given(pairs)
def test_cross_entropy_is_entropy_plus_kl(pq):
    p, q = pq
    assume(np.all(q[p > 0] > 1e-12))
    h = I.cross_entropy(p, q)
    np.testing.assert_allclose(h, I.entropy(p) + I.kl_divergence(p, q), rtol=1e-9, atol=1e-12)


@given(st.floats(0.01, 10), st.sampled_from([-1.0, 1.0]))
def test_smooth_l1_continuous_at_beta(beta, sign):
    eps = 1e-9 * beta
    inside = L.smooth_l1_loss(np.array([sign * (beta - eps)]), np.zeros(1), beta=beta)
    outside = L.smooth_l1_loss(np.array([sign * (beta + eps)]), np.zeros(1), beta=beta)
    assert abs(inside - outside) < 1e-8 * max(beta, 1)
    assert (
        abs(L.smooth_l1_loss(np.array([sign * beta]), np.zeros(1), beta=beta) - 0.5 * beta) < 1e-12
    )
    # the gradient is continuous there too (it reaches ±1 from both sides)
    g_in = L.smooth_l1_loss_grad(np.array([sign * (beta - eps)]), np.zeros(1), beta=beta)
    assert abs(abs(g_in[0]) - 1) < 1e-6


@given(big_logits, st.data())
def test_every_loss_from_logits_is_finite_without_warnings(z, data):
    k = z.size
    t = data.draw(st.integers(0, k - 1))
    y = data.draw(arrays(np.float64, (k,), elements=st.floats(0, 1)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            for fn in (L.cross_entropy, L.multi_margin_loss, L.multiclass_hinge_loss):
                assert np.isfinite(fn(z, t))
                assert np.all(np.isfinite(L.LOSSES[fn.__name__].grad(z, t)))
            assert np.isfinite(L.binary_cross_entropy_with_logits(z, y))
            assert np.all(np.isfinite(L.binary_cross_entropy_with_logits_grad(z, y)))
            assert np.all(np.isfinite(L.nll_loss(A.log_softmax(z), t)))
            assert np.all(np.isfinite(A.sigmoid(z))) and np.all(np.isfinite(A.sigmoid_prime(z)))


@given(
    arrays(np.float64, (5,), elements=st.floats(0, 1)),
    arrays(np.float64, (5,), elements=st.floats(0, 1)),
)
def test_binary_cross_entropy_finite_on_closed_interval(x, y):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isfinite(L.binary_cross_entropy(x, y))
        assert np.all(np.isfinite(L.binary_cross_entropy_grad(x, y)))
