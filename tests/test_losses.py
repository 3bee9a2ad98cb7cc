"""Every loss: value against its formula, gradient against central differences, and
PyTorch's values when torch is installed — one parametrised test over the registry."""

from __future__ import annotations

import warnings
import zlib

import numpy as np
import pytest

from lessons_lib import losses as L
from lessons_lib.activations import log_softmax, softmax
from lessons_lib.gradcheck import numerical_gradient, rel_error

from ._cases import CASES, case_id

REDUCTIONS = ("mean", "sum", "none")


def test_every_registered_loss_has_a_case():
    assert {c.name for c in CASES} == set(L.LOSSES)
    for name, spec in L.LOSSES.items():
        assert spec.fn is getattr(L, name)
        assert spec.grad is getattr(L, name + "_grad")


def _draw(case, reduction):
    """Draw a case's data; redraw (deterministically) while some gradient entry is tiny but
    not 0: central differences cannot resolve 1e-7 relative error on a 1e-6 entry."""
    rng = np.random.default_rng(zlib.crc32(case_id(case).encode()))
    spec = L.LOSSES[case.name]
    for _ in range(100):
        x, t = case.make(rng)
        g = np.abs(spec.grad(x, t, reduction=reduction, **case.kwargs))
        if np.all((g == 0) | (g > 1e-4)):
            return x, t
    raise AssertionError(f"no well-conditioned draw for {case_id(case)}")


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_value_and_gradient(case, reduction):
    spec = L.LOSSES[case.name]
    x, t = _draw(case, reduction)
    ref_none = case.ref(x, t, **case.kwargs)
    expected = {"none": ref_none, "sum": ref_none.sum(), "mean": ref_none.mean()}[reduction]
    value = spec.fn(x, t, reduction=reduction, **case.kwargs)
    assert np.shape(value) == np.shape(expected)
    np.testing.assert_allclose(value, expected, rtol=1e-12, atol=1e-12)

    def f(v):
        return np.sum(spec.fn(v, t, reduction=reduction, **case.kwargs))

    grad = spec.grad(x, t, reduction=reduction, **case.kwargs)
    assert grad.shape == x.shape
    assert rel_error(grad, numerical_gradient(f, x)) < 1e-7


CLASS_CASES = [c for c in CASES if L.LOSSES[c.name].target_kind == "index" and c.id != "soft"]


@pytest.mark.parametrize("case", CLASS_CASES, ids=case_id)
def test_unbatched_class_input_matches_batch_of_one(case):
    x, t = case.make(np.random.default_rng(1))
    spec = L.LOSSES[case.name]
    one = spec.fn(x[0], t[0], **case.kwargs)
    batch = spec.fn(x[:1], t[:1], **case.kwargs)
    assert np.isclose(one, batch)
    assert spec.fn(x[0], t[0], reduction="none", **case.kwargs).shape == ()
    np.testing.assert_allclose(
        spec.grad(x[0], t[0], **case.kwargs), spec.grad(x[:1], t[:1], **case.kwargs)[0]
    )


# -- PyTorch -------------------------------------------------------------------------------

TORCH_CASES = [c for c in CASES if L.LOSSES[c.name].torch_name]


@pytest.mark.torch
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("case", TORCH_CASES, ids=case_id)
def test_against_pytorch(case, reduction):
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    rng = np.random.default_rng(7)
    x, t = case.make(rng)
    spec = L.LOSSES[case.name]
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    tt = torch.tensor(t, dtype=torch.int64 if t.dtype.kind == "i" else torch.float64)
    out = getattr(F, spec.torch_name)(xt, tt, reduction=reduction, **case.kwargs)
    out.sum().backward()
    np.testing.assert_allclose(
        spec.fn(x, t, reduction=reduction, **case.kwargs),
        out.detach().numpy(),
        rtol=1e-10,
        atol=1e-12,
    )
    np.testing.assert_allclose(
        spec.grad(x, t, reduction=reduction, **case.kwargs), xt.grad.numpy(), rtol=1e-9, atol=1e-12
    )


@pytest.mark.torch
def test_binary_cross_entropy_clamps_like_pytorch():
    torch = pytest.importorskip("torch")
    x = np.array([0.0, 1.0, 1e-60, 1.0 - 1e-16, 0.5])
    y = np.array([1.0, 0.0, 1.0, 0.0, 0.3])
    expected = torch.nn.functional.binary_cross_entropy(
        torch.tensor(x), torch.tensor(y), reduction="none"
    ).numpy()
    np.testing.assert_allclose(L.binary_cross_entropy(x, y, reduction="none"), expected)
    assert L.binary_cross_entropy(x[:2], y[:2], reduction="sum") == pytest.approx(200.0)


@pytest.mark.torch
def test_logits_losses_match_pytorch_at_extreme_logits():
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    z = np.array([[-1e4, 0.0, 1e4], [800.0, -800.0, 3.0]])
    y = np.array([[1.0, 0.5, 0.0], [0.0, 1.0, 0.2]])
    np.testing.assert_allclose(
        L.binary_cross_entropy_with_logits(z, y, reduction="none"),
        F.binary_cross_entropy_with_logits(torch.tensor(z), torch.tensor(y), reduction="none"),
    )
    t = np.array([0, 1])
    np.testing.assert_allclose(
        L.cross_entropy(z, t, reduction="none"),
        F.cross_entropy(torch.tensor(z), torch.tensor(t), reduction="none"),
    )


# -- worked numbers from the curriculum ------------------------------------------------------


def test_hinge_conventions_on_one_two_three():
    s, t = np.array([1.0, 2.0, 3.0]), 0
    assert L.multiclass_hinge_loss(s, t) == pytest.approx(5.0)
    assert L.multi_margin_loss(s, t) == pytest.approx(5.0 / 3.0)
    assert L.multiclass_hinge_loss(s, t, form="max") == pytest.approx(3.0)


def test_hinge_worked_examples():
    s = np.array([3.0, 1.0, -3.0])  # cat, dog, bird
    assert L.multiclass_hinge_loss(s, 0) == 0.0
    assert L.multiclass_hinge_loss(s, 1) == pytest.approx(3.0)
    for scores in ([3.0, -10.0, -10.0], [3.0, -2.0, -2.0]):
        assert L.multiclass_hinge_loss(np.array(scores), 0, margin=5.0) == 0.0
    assert L.cross_entropy(np.array([3.0, -10.0, -10.0]), 0) == pytest.approx(4.52e-6, rel=1e-2)
    assert f"{L.cross_entropy(np.array([3.0, -2.0, -2.0]), 0):.4f}" == "0.0134"


def test_cross_entropy_equals_nll_of_log_softmax():
    rng = np.random.default_rng(3)
    z, t = rng.normal(size=(8, 5)), rng.integers(0, 5, 8)
    assert L.cross_entropy(z, t) == pytest.approx(L.nll_loss(log_softmax(z), t))


def test_cross_entropy_general_gradient_with_unnormalised_target():
    z = np.array([0.5, -1.0, 2.0])
    y = np.array([1.0, 0.5, 0.0])  # sums to 1.5
    np.testing.assert_allclose(L.cross_entropy_grad(z, y), softmax(z) * 1.5 - y)


def test_huber_is_delta_times_smooth_l1():
    rng = np.random.default_rng(4)
    x, y = rng.normal(size=50) * 3, rng.normal(size=50)
    for delta in (0.3, 1.0, 2.5):
        np.testing.assert_allclose(
            L.huber_loss(x, y, delta=delta, reduction="none"),
            delta * L.smooth_l1_loss(x, y, beta=delta, reduction="none"),
        )


def test_focal_loss_reduces_to_binary_cross_entropy():
    """γ = 0 and no α weighting: torchvision's focal loss is BCE with logits."""
    rng = np.random.default_rng(5)
    z, t = rng.normal(size=(6, 2)) * 3, rng.integers(0, 2, size=(6, 2)).astype(float)
    for fn in ("sigmoid_focal_loss", "sigmoid_focal_loss_grad"):
        bce = getattr(L, fn.replace("sigmoid_focal_loss", "binary_cross_entropy_with_logits"))
        np.testing.assert_allclose(
            getattr(L, fn)(z, t, alpha=-1.0, gamma=0.0), bce(z, t, reduction="none"), rtol=1e-14
        )


def test_focal_loss_defaults_are_torchvisions():
    z, t = np.array([2.0, -1.0, 0.3]), np.array([1.0, 1.0, 0.0])
    assert L.sigmoid_focal_loss(z, t).shape == (3,)  # reduction "none" by default
    np.testing.assert_allclose(L.sigmoid_focal_loss(z, t), L.sigmoid_focal_loss(z, t, 0.25, 2.0))
    # a confident right answer counts (1 − p_t)² less than plain cross-entropy does
    easy = L.sigmoid_focal_loss(np.array([4.0]), np.array([1.0]), alpha=-1.0)[0]
    bce = L.binary_cross_entropy_with_logits(np.array([4.0]), np.array([1.0]))
    assert easy == pytest.approx(bce * (1 - 1 / (1 + np.exp(-4.0))) ** 2)


def test_cross_entropy_has_one_meaning():
    """losses.cross_entropy(z, p) is information.cross_entropy(p, softmax(z)) = H(p, q)."""
    from lessons_lib import information

    rng = np.random.default_rng(6)
    z = rng.normal(size=(5, 4))
    p = rng.uniform(size=(5, 4))
    p /= p.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(
        L.cross_entropy(z, p, reduction="none"), information.cross_entropy(p, softmax(z))
    )


def test_smooth_l1_with_beta_zero_is_l1():
    x, y = np.array([-2.0, 0.3, 4.0]), np.zeros(3)
    assert L.smooth_l1_loss(x, y, beta=0.0) == pytest.approx(L.l1_loss(x, y))
    np.testing.assert_allclose(L.smooth_l1_loss_grad(x, y, beta=0.0), L.l1_loss_grad(x, y))


def test_smooth_l1_gradient_is_capped_but_mse_is_not():
    d = np.array([-1e3, -2.0, 0.5, 7.0, 1e3])
    g = L.smooth_l1_loss_grad(d, np.zeros(5), reduction="sum")
    assert np.all(np.abs(g) <= 1.0)
    assert np.max(np.abs(L.mse_loss_grad(d, np.zeros(5), reduction="sum"))) == pytest.approx(2e3)


def test_quadratic_cost_shapes():
    assert L.quadratic_cost(0.82, 0.0) == pytest.approx(0.5 * 0.82**2)
    a, y = np.array([[1.0, 2.0], [0.0, 0.0]]), np.zeros((2, 2))
    assert L.quadratic_cost(a, y) == pytest.approx((2.5 + 0.0) / 2)
    np.testing.assert_allclose(L.quadratic_cost(a, y, reduction="none"), [2.5, 0.0])


# -- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "exc", "word"),
    [
        (lambda: L.mse_loss(np.zeros(3), np.zeros(4)), ValueError, "target"),
        (lambda: L.mse_loss(np.zeros((3, 1)), np.zeros(3)), ValueError, "target"),
        (lambda: L.mse_loss(np.zeros(3), np.zeros(3), reduction="avg"), ValueError, "reduction"),
        (lambda: L.mse_loss("abc", np.zeros(3)), TypeError, "input"),
        (lambda: L.mse_loss(np.array([np.nan]), np.zeros(1)), ValueError, "input"),
        (lambda: L.cross_entropy(np.zeros((2, 3)), np.array([0, 3])), ValueError, "target"),
        (lambda: L.cross_entropy(np.zeros((2, 3)), np.array([0, -1])), ValueError, "target"),
        (lambda: L.cross_entropy(np.zeros((2, 3)), np.array([0.0, 1.0])), TypeError, "target"),
        (lambda: L.cross_entropy(np.zeros((2, 3)), np.array([0, 1, 2])), ValueError, "target"),
        (
            lambda: L.cross_entropy(np.zeros(3), 0, label_smoothing=1.5),
            ValueError,
            "label_smoothing",
        ),
        (lambda: L.cross_entropy(np.zeros((2, 3)), -np.ones((2, 3))), ValueError, "target"),
        (lambda: L.nll_loss(np.zeros((2, 3, 4)), np.array([0, 1])), ValueError, "input"),
        (lambda: L.binary_cross_entropy(np.array([1.2]), np.array([1.0])), ValueError, "input"),
        (lambda: L.binary_cross_entropy(np.array([-0.1]), np.array([1.0])), ValueError, "input"),
        (lambda: L.binary_cross_entropy(np.array([0.5]), np.array([2.0])), ValueError, "target"),
        (
            lambda: L.binary_cross_entropy_with_logits(np.array([0.5]), np.array([-1.0])),
            ValueError,
            "target",
        ),
        (lambda: L.smooth_l1_loss(np.zeros(2), np.zeros(2), beta=-1.0), ValueError, "beta"),
        (lambda: L.huber_loss(np.zeros(2), np.zeros(2), delta=0.0), ValueError, "delta"),
        (lambda: L.multi_margin_loss(np.zeros((2, 3)), np.array([0, 1]), p=3), ValueError, "p"),
        (lambda: L.multiclass_hinge_loss(np.zeros(3), 0, form="min"), ValueError, "form"),
        (lambda: L.multiclass_hinge_loss(np.zeros(3), 5), ValueError, "target"),
        (lambda: L.multiclass_hinge_loss(np.zeros(3), 0, margin="1"), TypeError, "margin"),
        (lambda: L.sigmoid_focal_loss(np.zeros(2), np.zeros(2), gamma=-1.0), ValueError, "gamma"),
        (lambda: L.sigmoid_focal_loss(np.zeros(2), np.zeros(2), alpha=1.5), ValueError, "alpha"),
        (lambda: L.sigmoid_focal_loss(np.zeros(2), np.full(2, 2.0)), ValueError, "target"),
    ],
)
def test_bad_input_names_the_argument(call, exc, word):
    with pytest.raises(exc, match=word):
        call()


UNBOUNDED = sorted(n for n, s in L.LOSSES.items() if s.input_kind in ("logits", "real", "scores"))


@pytest.mark.parametrize("name", UNBOUNDED)
def test_losses_from_logits_are_finite_at_extremes(name):
    spec = L.LOSSES[name]
    z = np.array([[-1e4, 0.0, 1e4], [1e4, -1e4, 5.0]])
    t = (
        np.array([2, 0])
        if spec.target_kind == "index"
        else np.array([[0.0, 1.0, 0.5], [1.0, 0.0, 0.0]])
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            assert np.all(np.isfinite(spec.fn(z, t, reduction="none")))
            assert np.all(np.isfinite(spec.grad(z, t)))
