"""The regularisation experiment of notebook 07 (lessons_lib.experiments.regularization):
the data with their wrong labels, one run and what it reports, the penalty's own steps,
and the sweep over seeds that chooses λ on validation."""

from __future__ import annotations

import numpy as np
import pytest

from lessons_lib.datasets import make_spirals
from lessons_lib.experiments.regularization import (
    DATA_CONFIG,
    LAMBDAS,
    NET_CONFIG,
    PENALTIES,
    fit_spirals,
    penalty_path,
    spiral_data,
    sweep,
)
from lessons_lib.experiments.seeds import Spread
from lessons_lib.network import Network


def test_spiral_data_has_a_fifth_wrong_labels_and_a_clean_shared_test_set():
    d = spiral_data(0)
    assert d.X_train.shape == (60, 2) and d.X_val.shape == (60, 2)
    assert d.wrong.sum() == 12 and np.sum(d.y_val != d.y_val_true) == 12
    # a wrong label is another class; the others are untouched
    assert np.all(d.y_train[d.wrong] != d.y_train_true[d.wrong])
    assert set(np.unique(d.y_train)) == {0, 1, 2}
    # the true labels are the arms make_spirals drew: every training point is one of its points
    X, y = make_spirals(DATA_CONFIG["n_per_class"], 3, noise=DATA_CONFIG["noise"], seed=0)
    for x, label in zip(d.X_train, d.y_train_true):
        if not x.any():
            continue  # r = 0: every arm starts at the origin
        i = int(np.argmin(np.sum((X - x) ** 2, axis=1)))
        assert np.allclose(X[i], x) and y[i] == label
    # the test set: 900 fresh points with correct labels, the same for every seed
    Xt, yt = make_spirals(300, 3, noise=DATA_CONFIG["noise"], seed=DATA_CONFIG["test_seed"])
    np.testing.assert_array_equal(d.X_test, Xt)
    np.testing.assert_array_equal(d.y_test, yt)
    assert spiral_data(1).X_test is d.X_test
    # made once, read-only; seeds differ
    assert spiral_data(0) is d and not d.X_train.flags.writeable and not d.y_train.flags.writeable
    assert not np.array_equal(spiral_data(1).y_train, d.y_train)


def test_a_run_reports_what_its_network_computes():
    f = fit_spirals(3e-3, "l1", seed=0)
    d = f.data
    pred = f.net.predict(d.X_train)
    assert f.train_accuracy == np.mean(pred == d.y_train)
    assert f.val_accuracy == np.mean(f.net.predict(d.X_val) == d.y_val)
    assert f.test_accuracy == np.mean(f.net.predict(d.X_test) == d.y_test)
    assert f.fitted_wrong == int(np.sum(pred[d.wrong] == d.y_train[d.wrong]))
    w = np.concatenate([f.net.weights[0].ravel(), f.net.weights[1].ravel()])
    assert f.weights.size == 2 * 200 + 200 * 3
    np.testing.assert_array_equal(f.weights, w)
    assert f.sum_squares == pytest.approx(float(w @ w))
    assert f.sum_abs == pytest.approx(float(np.abs(w).sum()))
    assert f.threshold == pytest.approx(NET_CONFIG["eta"] * 3e-3)
    assert f.switched_off == np.mean(np.abs(w) <= 0.1 * 3e-3)
    assert f.share_within(2) == np.mean(np.abs(w) <= 2 * 0.1 * 3e-3)


def test_a_run_is_the_network_fit_trains():
    """fit_spirals is Network.fit with the documented configuration, nothing more."""
    d = spiral_data(2)
    net = Network(
        [2, 200, 3], hidden="relu", output="softmax", cost="cross_entropy", init="he", seed=2
    )
    net.fit(d.X_train, d.y_train, epochs=1000, batch_size=10, eta=0.1, record=False, l2=1e-3)
    f = fit_spirals(1e-3, "l2", seed=2)
    for a, b in zip(net.weights + net.biases, f.net.weights + f.net.biases):
        np.testing.assert_array_equal(a, b)


def test_runs_are_kept_and_lambda_zero_is_one_run():
    assert fit_spirals(1e-3, "l2") is fit_spirals(1e-3, "l2")
    none_l2, none_l1 = fit_spirals(0.0, "l2"), fit_spirals(0.0, "l1")
    assert none_l1.kind == "l1" and none_l2.kind == "l2" and none_l1.net is none_l2.net
    assert none_l1.switched_off == 0.0 and none_l1.threshold == 0.0


def test_bad_settings_raise_naming_the_argument():
    with pytest.raises(ValueError, match="kind"):
        fit_spirals(0.1, "l3")
    with pytest.raises(ValueError, match="lam"):
        fit_spirals(-1e-3)
    with pytest.raises(TypeError, match="seed"):
        fit_spirals(1e-3, seed=0.5)
    with pytest.raises(ValueError, match="seeds"):
        sweep(seeds=())
    with pytest.raises(ValueError, match="w0"):
        penalty_path("l1", eta=0.1, lam=0.1, steps=3, w0=np.ones((2, 2)))


def test_penalty_path_follows_the_closed_forms():
    """Network.update_mini_batch on a weight with no data gradient: L2 multiplies by
    1 − ηλ, L1 subtracts ηλ until it reaches 0, then hops across it within ±ηλ."""
    eta, lam, n = 0.5, 0.03, np.arange(101)
    l2 = penalty_path("l2", eta=eta, lam=lam, steps=100)
    l1 = penalty_path("l1", eta=eta, lam=lam, steps=100)
    np.testing.assert_allclose(l2, (1 - eta * lam) ** n, rtol=1e-12)
    np.testing.assert_allclose(l1[:67], 1 - eta * lam * n[:67], atol=1e-12)
    assert np.all(np.abs(l1[67:]) <= eta * lam) and np.all(np.sign(l1[67:-1]) != np.sign(l1[68:]))
    starts = np.linspace(-1, 1, 41)
    many = penalty_path("l1", eta=eta, lam=lam, steps=200, w0=starts)
    assert many.shape == (201, 41)
    np.testing.assert_allclose(
        many[:, 30], penalty_path("l1", eta=eta, lam=lam, steps=200, w0=starts[30])
    )
    assert np.all(np.abs(many[-1]) <= eta * lam)


def test_spread():
    s = Spread.of([0.8, 0.9, 0.85])
    assert s.mean == pytest.approx(0.85) and s.sd == pytest.approx(0.05)
    assert (s.lo, s.hi) == (0.8, 0.9) and s.percent() == "85 ± 5 %"
    with pytest.raises(ValueError, match="values"):
        Spread.of([0.5, float("nan")])


@pytest.fixture(scope="module")
def runs():
    return sweep()


def test_sweep_chooses_lambda_on_validation_and_a_little_regularisation_helps(runs):
    """The notebook's claims, over its 8 seeds: overfitting without a penalty, λ chosen by
    the mean validation accuracy, a test gain beyond the spread, underfitting at the top."""
    assert runs.seeds == tuple(range(8))
    assert set(runs.fits) == {(k, lam) for k in PENALTIES for lam in LAMBDAS}
    none = (
        runs.spread("l2", 0.0, "train_accuracy").mean - runs.spread("l2", 0.0, "val_accuracy").mean
    )
    assert none > 0.2 and runs.spread("l2", 0.0, "fitted_wrong").mean > 6
    for kind in PENALTIES:
        val = [runs.spread(kind, lam, "val_accuracy").mean for lam in LAMBDAS]
        best = runs.best_lambda(kind)
        assert best == LAMBDAS[int(np.argmax(val))] == 3e-3
        gain = np.subtract(runs.test(kind, best).values, runs.test(kind, 0.0).values)
        assert gain.mean() > 2 * gain.std(ddof=1) / np.sqrt(gain.size) and gain.mean() > 0.02
        assert runs.spread(kind, LAMBDAS[-1], "train_accuracy").mean < 0.75  # underfits
        per_seed = runs.best_lambda_per_seed(kind)
        for i, lam in enumerate(per_seed):
            own = [runs.fits[kind, v][i].val_accuracy for v in LAMBDAS]
            assert own[LAMBDAS.index(lam)] == max(own)
    off = [runs.spread("l1", lam, "switched_off").mean for lam in LAMBDAS]
    assert np.all(np.diff(off) > 0)
    table = runs.table()
    assert table.count("\n") == 1 + 2 * (len(LAMBDAS) - 1)
    assert "8.2 of 12" in table.splitlines()[1]  # λ = 0: the mean of fitted wrong labels
    with pytest.raises(ValueError, match="lam"):
        runs.test("l2", 0.5)
    with pytest.raises(ValueError, match="what"):
        runs.spread("l2", 0.0, "test_accuracy")  # the test set is read through test() only
