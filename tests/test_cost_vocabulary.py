"""One cost vocabulary: every trainer takes its cost by a name in losses.LOSSES. The proof is
sigmoid_focal_loss, which was added to the registry and nowhere else: it trains in
train_neuron, Network and fit_linear, checked against torchvision's documented formula
(tests/_cases.ref_focal, written with loops and math, sharing nothing with lessons_lib)."""

from __future__ import annotations

import numpy as np
import pytest

from lessons_lib.gradcheck import numerical_gradient, rel_error
from lessons_lib.linear import fit_linear
from lessons_lib.losses import LOSSES
from lessons_lib.network import Network
from lessons_lib.neuron import train_neuron

from ._cases import ref_focal

KW = {"alpha": 0.25, "gamma": 2.0}


def test_train_neuron_takes_the_focal_loss_by_name():
    w, b, x, y = 1.3, -0.4, 0.8, 1.0
    run = train_neuron(w, b, cost="sigmoid_focal_loss", eta=0.5, epochs=3, x=x, y=y)

    def cost(p):
        z = np.array([[p[0] * x + p[1]]])
        return ref_focal(z, np.array([[y]]), **KW)[0, 0]

    for k in range(4):
        p = np.array([run.w[k], run.b[k]])
        assert run.cost[k] == pytest.approx(cost(p), rel=1e-12)
        assert rel_error(np.array([run.dw[k], run.db[k]]), numerical_gradient(cost, p)) < 1e-7
    assert run.w[1] == pytest.approx(w - 0.5 * run.dw[0])


def test_network_takes_the_focal_loss_by_name():
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(6, 3)), rng.integers(0, 2, size=(6, 2)).astype(float)
    net = Network([3, 4, 2], hidden="tanh", output="sigmoid", cost="sigmoid_focal_loss", seed=1)
    bp = net.backprop(X, Y)

    def cost(W0):
        net.weights[0][...] = W0.reshape(4, 3)
        z = net.feedforward(X)[0][-1]
        return ref_focal(z, Y, **KW).sum(axis=1).mean()  # each example's sum, averaged

    W0 = net.weights[0].copy()
    assert net.loss(X, Y) == pytest.approx(cost(W0.ravel()), rel=1e-12)
    numeric = numerical_gradient(cost, W0.ravel()).reshape(4, 3)
    net.weights[0][...] = W0
    assert rel_error(bp.nabla_w[0], numeric) < 1e-7
    h = net.fit(X, Y, epochs=5, batch_size=3, eta=0.5)
    assert h.loss[-1] < h.loss[0]


def test_fit_linear_takes_the_focal_loss_by_name():
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(20, 2)), rng.integers(0, 2, size=20).astype(float)
    fit = fit_linear(X, y, loss="sigmoid_focal_loss", eta=1.0, epochs=1)

    def mean_loss(p):
        return ref_focal(X @ p[:2] + p[2], y, **KW).mean()

    g = numerical_gradient(mean_loss, np.zeros(3))  # the first step starts from W = 0, b = 0
    np.testing.assert_allclose(fit.W[:, 0], -1.0 * g[:2], rtol=1e-7)
    assert fit.b[0] == pytest.approx(-g[2], rel=1e-7)
    assert fit.loss[0] == pytest.approx(mean_loss(np.zeros(3)), rel=1e-12)


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_every_loss_says_which_output_layer_can_feed_it(name):
    spec = LOSSES[name]
    fits = []
    for output in ("sigmoid", "softmax", "linear"):
        try:
            spec.check_output(output)
            fits.append(output)
        except ValueError as exc:
            assert "cost" in str(exc)
    assert fits or spec.input_kind == "log_probability"  # nll_loss: use cross_entropy
