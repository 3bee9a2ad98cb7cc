"""The network: backprop gradient-checked for every valid (hidden, output, cost), the
digits reference, determinism, divergence without warnings, bad input."""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest

from lessons_lib.datasets import load_digits, make_multilabel, train_test_split
from lessons_lib.gradcheck import numerical_gradient, rel_error
from lessons_lib.losses import LOSSES
from lessons_lib.network import HIDDEN, OUTPUTS, Network

# every loss that makes sense as a network's cost, after every output layer it can follow
NETWORK_COSTS = (
    "quadratic_cost",
    "mse_loss",
    "huber_loss",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "sigmoid_focal_loss",
    "cross_entropy",
    "multiclass_hinge_loss",
)


def _fits(output, cost):
    try:
        LOSSES[cost].check_output(output)
    except ValueError:
        return False
    return True


COMBOS = [
    (h, o, c) for h, o in itertools.product(HIDDEN, OUTPUTS) for c in NETWORK_COSTS if _fits(o, c)
]


def _tiny_problem(output, cost, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(5, 3)) * 1.5
    if output == "linear" and LOSSES[cost].target_kind == "real":
        return X, rng.normal(size=(5, 2))
    return X, rng.integers(0, 2, size=5)


def _well_conditioned(hidden, output, cost, l2, l1):
    """Of 200 seeded tiny nets and batches, the one whose smallest gradient entry is
    largest (central differences cannot resolve 1e-7 relative error on a 1e-6 entry),
    with no ReLU input near its kink."""
    best, best_min = None, -1.0
    for seed in range(200):
        net = Network([3, 4, 3, 2], hidden=hidden, output=output, cost=cost, seed=seed)
        X, y = _tiny_problem(output, cost, seed)
        bp = net.backprop(X, y, l2=l2, l1=l1)
        smallest = min(np.min(np.abs(g)) for g in bp.nabla_w + bp.nabla_b)
        if hidden == "relu" and min(np.min(np.abs(z)) for z in bp.zs[:-1]) < 1e-3:
            continue
        if smallest > best_min:
            best, best_min = (net, X, y, bp), smallest
    assert best_min > 2e-4
    return best


@pytest.mark.parametrize(("hidden", "output", "cost"), COMBOS)
@pytest.mark.parametrize("reg", [(0.0, 0.0), (0.3, 0.1)], ids=["plain", "l2+l1"])
def test_backprop_matches_central_differences(hidden, output, cost, reg):
    l2, l1 = reg
    net, X, y, bp = _well_conditioned(hidden, output, cost, l2, l1)
    for l in range(net.n_layers):
        for params, grad in ((net.weights, bp.nabla_w), (net.biases, bp.nabla_b)):
            original = params[l].copy()

            def loss(p, params=params, l=l):
                params[l][...] = p
                return net.loss(X, y, l2=l2, l1=l1)

            num = numerical_gradient(loss, original)
            params[l][...] = original
            assert rel_error(grad[l], num) < 1e-7, (l, hidden, output, cost)


def test_deltas_are_per_example_and_give_bias_gradients():
    net = Network([3, 5, 4], output="softmax", cost="cross_entropy", seed=2)
    X, y = np.random.default_rng(0).normal(size=(6, 3)), np.array([0, 1, 2, 3, 0, 1])
    bp = net.backprop(X, y)
    assert [d.shape for d in bp.deltas] == [(6, 5), (6, 4)]
    onehot = np.eye(4)[y]
    np.testing.assert_allclose(bp.deltas[-1], bp.activations[-1] - onehot)  # δ^L = a − y
    for d, nb, a_prev, nw in zip(bp.deltas, bp.nabla_b, bp.activations[:-1], bp.nabla_w):
        np.testing.assert_allclose(nb, d.mean(axis=0))
        np.testing.assert_allclose(nw, d.T @ a_prev / 6)


def test_invalid_pairs_are_refused():
    for output, cost in [
        ("linear", "binary_cross_entropy_with_logits"),  # a sigmoid's logits
        ("softmax", "binary_cross_entropy_with_logits"),
        ("sigmoid", "cross_entropy"),  # a softmax's logits
        ("linear", "cross_entropy"),
        ("softmax", "nll_loss"),  # log-probabilities: use cross_entropy
        ("sigmoid", "multiclass_hinge_loss"),  # scores: a linear output
        ("linear", "binary_cross_entropy"),  # probabilities
    ]:
        with pytest.raises(ValueError, match="cost"):
            Network([2, 3], output=output, cost=cost)
    with pytest.raises(TypeError):
        Network([2, 3], output="linear", cost="huber_loss", cost_kwargs={"beta": 1.0})


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits()
    return train_test_split(X, y, test_size=0.2, seed=0)


def test_digits_reference_softmax_log_likelihood(digits):
    Xtr, Xte, ytr, yte = digits
    net = Network([64, 30, 10], output="softmax", cost="cross_entropy", seed=0)
    h = net.fit(Xtr, ytr, epochs=30, batch_size=10, eta=0.5, X_val=Xte, y_val=yte)
    assert len(h.loss) == 31 and h.epochs == 30
    assert h.val_accuracy[-1] >= 0.95
    assert net.accuracy(Xte, yte) == h.val_accuracy[-1]
    assert np.mean(net.predict(Xte) == yte) == h.val_accuracy[-1]
    assert h.loss[-1] < h.loss[0] / 10
    assert not h.diverged


def test_training_is_deterministic(digits):
    Xtr, _, ytr, _ = digits
    runs = []
    for _ in range(2):
        net = Network([64, 10, 10], output="softmax", cost="cross_entropy", seed=5)
        runs.append(net.fit(Xtr[:300], ytr[:300], epochs=3, batch_size=20, eta=0.3).loss)
    assert runs[0] == runs[1]
    other = Network([64, 10, 10], output="softmax", cost="cross_entropy", seed=6)
    assert other.fit(Xtr[:300], ytr[:300], epochs=3, batch_size=20, eta=0.3).loss != runs[0]


def test_history_gradient_norms_show_vanishing_in_deep_sigmoid_net(digits):
    Xtr, _, ytr, _ = digits
    net = Network([64, 30, 30, 30, 30, 10], output="softmax", cost="cross_entropy", seed=0)
    h = net.fit(Xtr[:500], ytr[:500], epochs=1, batch_size=10, eta=0.1)
    g0 = h.grad_norms[0]
    assert g0.shape == (5,)
    assert np.all(np.diff(np.log10(g0[:-1])) > 0)  # earlier hidden layers learn slower
    assert g0[0] < g0[-2] / 10


def test_multilabel_targets_with_sigmoid_outputs():
    X, Y = make_multilabel(400, seed=1)
    net = Network(
        [2, 20, 3], hidden="tanh", output="sigmoid", cost="binary_cross_entropy_with_logits", seed=0
    )
    h = net.fit(X, Y, epochs=60, batch_size=10, eta=0.5)
    assert h.accuracy[-1] > 0.9  # fraction of the 3 × N labels right
    assert net.predict_proba(X).shape == (400, 3)


def test_divergence_is_reported_without_warnings():
    X, y = load_digits()
    net = Network(
        [64, 30, 30, 10],
        hidden="relu",
        output="linear",
        cost="quadratic_cost",
        init="large",
        weight_scale=30.0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h = net.fit(X[:200], np.eye(10)[y[:200]], epochs=5, batch_size=10, eta=5.0)
    assert h.diverged and h.diverged_at[0] == 1
    assert not np.isfinite(h.loss[-1])


def test_clipping_keeps_training_finite():
    X, y = load_digits()
    kw = {"hidden": "relu", "output": "linear", "cost": "quadratic_cost", "init": "he", "seed": 0}
    Y = np.eye(10)[y[:300]]
    wild = Network([64, 30, 30, 10], **kw).fit(X[:300], Y, epochs=3, batch_size=10, eta=1.5)
    tame = Network([64, 30, 30, 10], **kw).fit(
        X[:300], Y, epochs=3, batch_size=10, eta=1.5, clip_norm=1.0
    )
    assert wild.diverged
    assert not tame.diverged and np.isfinite(tame.loss[-1])


def test_l2_shrinks_weights_and_l1_makes_zeros_small():
    X, y = load_digits()
    norms = {}
    for name, kw in {"none": {}, "l2": {"l2": 0.01}, "l1": {"l1": 0.002}}.items():
        net = Network([64, 20, 10], output="softmax", cost="cross_entropy", seed=0)
        net.fit(X[:500], y[:500], epochs=10, batch_size=10, eta=0.3, **kw)
        W = net.weights[0]
        norms[name] = (np.sum(W * W), np.mean(np.abs(W) < 1e-2))
    assert norms["l2"][0] < norms["none"][0]
    assert norms["l1"][1] > norms["none"][1]


def test_callback_sees_each_epoch():
    X, y = load_digits()
    seen = []
    net = Network([64, 10, 10], output="softmax", cost="cross_entropy")
    net.fit(
        X[:100],
        y[:100],
        epochs=3,
        batch_size=10,
        eta=0.1,
        callback=lambda e, h: seen.append((e, len(h.loss))),
    )
    assert seen == [(0, 1), (1, 2), (2, 3), (3, 4)]


@pytest.mark.parametrize(
    ("call", "exc", "word"),
    [
        (
            lambda n: n.fit(
                np.zeros((4, 3)), np.array([0, 1, 0, 1]), epochs=1, batch_size=2, eta=0.1
            ),
            ValueError,
            "X",
        ),
        (
            lambda n: n.fit(np.zeros((4, 2)), np.array([0, 1, 0]), epochs=1, batch_size=2, eta=0.1),
            ValueError,
            "y",
        ),
        (
            lambda n: n.fit(np.zeros((2, 2)), np.array([0, 3]), epochs=1, batch_size=2, eta=0.1),
            ValueError,
            "y",
        ),
        (
            lambda n: n.fit(
                np.zeros((2, 2)), np.array([0.0, 1.0]), epochs=1, batch_size=2, eta=0.1
            ),
            TypeError,
            "y",
        ),
        (
            lambda n: n.fit(np.zeros((2, 2)), np.array([0, 1]), epochs=1, batch_size=0, eta=0.1),
            ValueError,
            "batch_size",
        ),
        (
            lambda n: n.fit(np.zeros((2, 2)), np.array([0, 1]), epochs=1, batch_size=1, eta=-1.0),
            ValueError,
            "eta",
        ),
        (
            lambda n: n.fit(
                np.zeros((2, 2)),
                np.array([0, 1]),
                epochs=1,
                batch_size=1,
                eta=0.1,
                X_val=np.zeros((1, 2)),
            ),
            ValueError,
            "y_val",
        ),
        (lambda n: n.backprop(np.zeros((2, 2)), np.full((2, 3), 2.0)), ValueError, "Y"),
    ],
)
def test_fit_bad_input(call, exc, word):
    net = Network([2, 3, 3], output="softmax", cost="cross_entropy")
    with pytest.raises(exc, match=word):
        call(net)


@pytest.mark.parametrize(
    ("kwargs", "word"),
    [
        ({"hidden": "gelu"}, "hidden"),
        ({"output": "tanh"}, "output"),
        ({"cost": "hinge"}, "cost"),
        ({"init": "xavier"}, "init"),
    ],
)
def test_constructor_bad_choice(kwargs, word):
    with pytest.raises(ValueError, match=word):
        Network([2, 3, 2], **kwargs)


# -- fit's training loop against a plain one ----------------------------------------------


def _reference_fit(
    net, X, y, *, epochs, batch_size, eta, l2=0.0, l1=0.0, clip_norm=None, hook=None
):
    """What fit does, written plainly: the same shuffles, public backprop on every
    mini-batch, W ← W − η ∂C/∂W. Returns diverged_at (or None)."""
    n = len(X)
    for epoch in range(1, epochs + 1):
        perm = net.rng.permutation(n)
        for j, start in enumerate(range(0, n, batch_size), start=1):
            idx = perm[start : start + batch_size]
            bp = net.backprop(X[idx], y[idx], l2=l2, l1=l1)
            grads = bp.nabla_w + bp.nabla_b
            if clip_norm is not None:
                total = np.sqrt(sum(np.sum(g * g) for g in grads))
                if total > clip_norm:
                    grads = [g * (clip_norm / total) for g in grads]
            for p, g in zip(net.weights + net.biases, grads):
                p -= eta * g
            if not all(np.all(np.isfinite(p)) for p in net.weights + net.biases):
                return (epoch, j)
        if hook is not None:
            hook(epoch)
    return None


def _targets_for(output, cost, n, rng, kind):
    if LOSSES[cost].target_kind == "index":
        return rng.integers(0, 3, size=n)
    if output == "linear":
        return rng.normal(size=(n, 3))
    if kind == "matrix" and output == "sigmoid":  # multi-label
        return rng.integers(0, 2, size=(n, 3)).astype(float)
    if kind == "matrix":  # soft labels whose rows do not all sum to 1
        return rng.uniform(0, 1, size=(n, 3)) * rng.uniform(0.3, 1, size=(n, 1))
    return rng.integers(0, 3, size=n)


def _assert_same_params(a, b, rtol=1e-10):
    for p, q in zip(a.weights + a.biases, b.weights + b.biases):
        np.testing.assert_allclose(p, q, rtol=rtol, atol=rtol * np.max(np.abs(p)))


@pytest.mark.parametrize(("hidden", "output", "cost"), COMBOS)
@pytest.mark.parametrize(
    "fit_kw",
    [{}, {"l2": 0.02, "l1": 0.01}, {"clip_norm": 0.3}],
    ids=["plain", "l2+l1", "clip"],
)
def test_fit_matches_a_plain_loop(hidden, output, cost, fit_kw):
    """fit's engine (buffered, fused-bias steps) and its textbook path
    (update_mini_batch) both give the plain loop's parameters to 1e-10, for
    every layer type and cost, with and without penalties and clipping, for mini-batches
    of 1, of 7 (a short last batch) and the whole set, and for 0 to 3 hidden layers."""
    rng = np.random.default_rng(1)
    X = rng.normal(size=(23, 4))
    for sizes, bs, kind in [
        ([4, 6, 3], 1, "index"),
        ([4, 6, 5, 3], 7, "index"),
        ([4, 5, 6, 4, 3], 7, "matrix"),
        ([4, 3], 23, "matrix"),
        ([4, 6, 3], 30, "index"),
    ]:
        y = _targets_for(output, cost, len(X), rng, kind)
        nets = [Network(sizes, hidden=hidden, output=output, cost=cost, seed=4) for _ in range(3)]
        h = nets[0].fit(X, y, epochs=3, batch_size=bs, eta=0.05, record=False, **fit_kw)
        diverged_at = _reference_fit(nets[1], X, y, epochs=3, batch_size=bs, eta=0.05, **fit_kw)
        book = nets[2].fit(X, y, epochs=3, batch_size=bs, eta=0.05, engine="textbook", **fit_kw)
        assert h.diverged_at == diverged_at == book.diverged_at is None
        _assert_same_params(nets[0], nets[1])
        _assert_same_params(nets[2], nets[1])


def test_fit_history_matches_a_plain_loop_on_the_digits(digits):
    """Ten epochs of the digits network: parameters and every recorded loss to 1e-10."""
    Xtr, _, ytr, _ = digits
    X, y = Xtr[:400], ytr[:400]
    a = Network([64, 30, 10], output="softmax", cost="cross_entropy", seed=0)
    b = Network([64, 30, 10], output="softmax", cost="cross_entropy", seed=0)
    losses = [b.loss(X, y)]
    h = a.fit(X, y, epochs=10, batch_size=10, eta=0.5)
    _reference_fit(
        b, X, y, epochs=10, batch_size=10, eta=0.5, hook=lambda e: losses.append(b.loss(X, y))
    )
    _assert_same_params(a, b)
    np.testing.assert_allclose(h.loss, losses, rtol=1e-10)


def test_recorded_history_equals_the_public_evaluation(digits):
    """The per-epoch evaluation (on buffers made once per fit) computes exactly what
    loss, accuracy and gradient_norms compute."""
    Xtr, Xte, ytr, yte = digits
    net = Network([64, 20, 10], output="softmax", cost="cross_entropy", seed=3)
    h = net.fit(Xtr[:300], ytr[:300], epochs=2, batch_size=25, eta=0.3, X_val=Xte, y_val=yte)
    assert type(h.loss[-1]) is float and type(h.accuracy[-1]) is float  # not np.float64
    assert h.loss[-1] == net.loss(Xtr[:300], ytr[:300])
    assert h.accuracy[-1] == net.accuracy(Xtr[:300], ytr[:300])
    assert h.val_loss[-1] == net.loss(Xte, yte) and h.val_accuracy[-1] == net.accuracy(Xte, yte)
    nb, nw = net.gradient_norms(Xtr[:300], ytr[:300])
    np.testing.assert_array_equal(h.grad_norms[-1], nb)
    np.testing.assert_array_equal(h.weight_grad_norms[-1], nw)


def test_record_false_trains_the_same_and_records_nothing():
    X, y = load_digits()
    X, y = X[:200], y[:200]
    kw = {"output": "softmax", "cost": "cross_entropy", "seed": 2}
    a, b = Network([64, 12, 10], **kw), Network([64, 12, 10], **kw)
    ha = a.fit(X, y, epochs=3, batch_size=16, eta=0.2)
    seen = []
    hb = b.fit(
        X, y, epochs=3, batch_size=16, eta=0.2, record=False,
        callback=lambda e, h: seen.append((e, len(h.loss))),
    )  # fmt: skip
    for p, q in zip(a.weights + a.biases, b.weights + b.biases):
        np.testing.assert_array_equal(p, q)
    assert len(ha.loss) == 4 and hb.loss == hb.accuracy == hb.grad_norms == []
    assert hb.epochs == 0 and not hb.diverged
    assert seen == [(0, 0), (1, 0), (2, 0), (3, 0)]
    with pytest.raises(ValueError, match="X_val"):
        b.fit(X, y, epochs=1, batch_size=10, eta=0.1, X_val=X, y_val=y, record=False)
    with pytest.raises(TypeError, match="record"):
        b.fit(X, y, epochs=1, batch_size=10, eta=0.1, record="no")


def test_divergence_is_found_at_the_same_batch_as_a_plain_loop():
    X, y = load_digits()
    kw = {"hidden": "relu", "output": "linear", "cost": "quadratic_cost", "init": "he", "seed": 0}
    Y = np.eye(10)[y[:300]]
    a, b = Network([64, 30, 30, 10], **kw), Network([64, 30, 30, 10], **kw)
    h = a.fit(X[:300], Y, epochs=3, batch_size=10, eta=1.5, record=False)
    with np.errstate(all="ignore"):
        expected = _reference_fit(b, X[:300], Y, epochs=3, batch_size=10, eta=1.5)
    assert h.diverged and h.diverged_at == expected is not None


def test_saturated_sigmoids_train_without_warnings():
    """|z| in the thousands: e^(−z) overflows inside fit's sigmoid (σ = 0 exactly, as the
    plain loop's), silently; the result matches the plain loop."""
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(40, 5)) * 30, rng.integers(0, 2, size=40)
    kw = {"hidden": "sigmoid", "output": "sigmoid", "cost": "binary_cross_entropy_with_logits"}
    a = Network([5, 8, 1], init="large", weight_scale=100.0, seed=1, **kw)
    b = Network([5, 8, 1], init="large", weight_scale=100.0, seed=1, **kw)
    assert np.max(np.abs(a.backprop(X, y).zs[0])) > 1000
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h = a.fit(X, y, epochs=3, batch_size=8, eta=0.5)
    assert not h.diverged and np.all(np.isfinite(h.loss))
    _reference_fit(b, X, y, epochs=3, batch_size=8, eta=0.5)
    _assert_same_params(a, b)


def test_a_callback_may_change_the_parameters_between_epochs():
    X, y = load_digits()
    X, y = X[:150], y[:150]
    kw = {"output": "softmax", "cost": "cross_entropy", "seed": 7}
    a, b = Network([64, 10, 10], **kw), Network([64, 10, 10], **kw)

    def shrink(net):
        net.weights[0][...] *= 0.5
        net.biases[1] = net.biases[1] + 1.0  # a new array, not in place

    a.fit(X, y, epochs=3, batch_size=10, eta=0.2, callback=lambda e, h: e == 1 and shrink(a))
    _reference_fit(b, X, y, epochs=3, batch_size=10, eta=0.2, hook=lambda e: e == 1 and shrink(b))
    _assert_same_params(a, b)
