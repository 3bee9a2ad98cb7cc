"""Experiments of notebook 08 (lessons_lib.experiments.hinge): the data, the runs and the
claims the notebook makes about them, each checked against an independent computation."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons_lib.experiments import hinge as H


def _hinge_ref(s, t, m, form):
    """Σ / Σ÷C / max of max(0, s_j − s_y + Δ) over j ≠ y, written with loops and math."""
    terms = [max(0.0, s[j] - s[t] + m) for j in range(len(s)) if j != t]
    if form == "sum":
        return sum(terms)
    if form == "pytorch":
        return sum(terms) / len(s)
    return max(terms)


def _ce_ref(s, t):
    return math.log(sum(math.exp(v) for v in s)) - s[t]


# -- one example -----------------------------------------------------------------------


@pytest.mark.parametrize("form", ["sum", "pytorch", "max"])
def test_losses_vs_true_score_against_the_formulas(form):
    s, t, m = [3.0, 1.0, -3.0], 1, 1.0
    grid = np.linspace(-4.0, 8.0, 25)
    curves = H.losses_vs_true_score(s, t, m, form, grid)
    for k, v in enumerate(grid):
        row = list(s)
        row[t] = v
        assert curves["hinge"][k] == pytest.approx(_hinge_ref(row, t, m, form), abs=1e-12)
        assert curves["cross_entropy"][k] == pytest.approx(_ce_ref(row, t), rel=1e-12)
    assert curves["met_at"] == 4.0  # max(3, −3) + 1
    assert np.all(curves["hinge"][grid >= 4.0] == 0.0)  # exactly 0 once every margin is met
    assert np.all(curves["hinge"][grid < 4.0] > 0.0)
    assert np.all(curves["cross_entropy"] > 0.0)  # cross-entropy never reaches 0


def test_conventions_and_their_errors():
    assert H.compare_losses([1.0, 2.0, 3.0], 0) == pytest.approx(
        {"sum": 5.0, "pytorch": 5.0 / 3.0, "max": 3.0, "cross_entropy": _ce_ref([1, 2, 3], 0)}
    )
    with pytest.raises(ValueError, match="form"):
        H.hinge_loss([1.0, 2.0], 0, form="squared")
    with pytest.raises(ValueError, match="form"):
        H.check_convention("min")


# -- the data ---------------------------------------------------------------------------


def test_the_data_set_and_its_mislabelled_points():
    X, y = H.blob_data()
    Xc, yc = H.blob_data(outliers=False)
    assert X.shape == (158, 2) and y.shape == (158,) and Xc.shape == (150, 2)
    np.testing.assert_array_equal(X[:150], Xc)  # the same blobs, the eight appended
    bad = H.outlier_mask(len(y))
    assert bad.sum() == 8 and np.all(y[bad] == 0) and not H.outlier_mask(150).any()
    # the eight sit far out behind class 2, not near class 0
    centre = {k: Xc[yc == k].mean(axis=0) for k in range(3)}
    for p in X[bad]:
        assert np.linalg.norm(p - centre[2]) < np.linalg.norm(p - centre[0]) - 4
    assert not X.flags.writeable and not y.flags.writeable
    Xt, yt = H.test_data()
    assert Xt.shape == (300, 2) and np.bincount(yt).tolist() == [100, 100, 100]
    assert not np.any(np.isin(Xt[:, 0], Xc[:, 0]))  # fresh points, not the training set


def test_fit_blobs_checks_its_arguments():
    with pytest.raises(ValueError, match="loss"):
        H.fit_blobs("squared")
    with pytest.raises(TypeError, match="epoch"):
        H.fit_blobs("hinge", epoch=3)


def test_accuracy_and_active_examples():
    X, y = H.blob_data()
    fit = H.kept_fit("hinge", 1.0)
    pred = np.argmax(X @ fit.W + fit.b, axis=1)
    assert H.accuracy(fit, X, y) == np.mean(pred == y)
    s = X @ fit.W + fit.b
    margins_violated = np.zeros(len(y), dtype=bool)
    for i in range(len(y)):
        margins_violated[i] = any(s[i, j] - s[i, y[i]] + 1.0 > 0 for j in range(3) if j != y[i])
    np.testing.assert_array_equal(H.active_examples(fit, X, y, -1), margins_violated)
    assert margins_violated.sum() == fit.n_active[-1]


# -- the notebook's claims ----------------------------------------------------------------


def test_hinge_listens_to_few_examples_and_cross_entropy_to_all():
    hinge, ce = H.fit_blobs("hinge"), H.fit_blobs("cross_entropy")
    n = 158
    assert hinge.n_active[0] == ce.n_active[0] == n
    assert np.all(hinge.n_active[10:] < n / 4) and np.all(ce.n_active == n)
    assert np.all(np.diff(ce.weight_norm) > 0)
    X, y = H.blob_data()
    bad = H.outlier_mask(n)
    for fit in (hinge, ce):
        assert not np.any(np.argmax(fit.scores(X), axis=1)[bad] == y[bad])


def test_without_the_mislabelled_points_the_hinge_stops():
    clean = H.kept_fit("hinge", 1.0, False)
    done = int(np.argmax(clean.n_active == 0))
    assert 0 < done < 300 and np.all(clean.n_active[done:] == 0)
    np.testing.assert_array_equal(clean.W_path[done], clean.W_path[-1])  # frozen from then on
    assert np.all(H.kept_fit("cross_entropy", 1.0, False).n_active == 150)


def test_the_seed_sweep_claims():
    sweep = H.seed_sweep()
    assert all(len(v) == len(H.SWEEP_SEEDS) == 5 for v in sweep.values())
    assert sweep["test_hinge"].mean() > sweep["test_cross_entropy"].mean()
    assert sweep["moved_cross_entropy"].mean() > 5 * sweep["moved_hinge"].mean()
    assert np.all(sweep["moved_cross_entropy"] > 0)  # on every data set
    assert np.all(sweep["push_cross_entropy"] == 158) and sweep["push_hinge"].mean() < 40
    assert np.all(sweep["clean_push_hinge"] == 0)
    assert np.all(sweep["clean_test_hinge"] == 1) and np.all(sweep["clean_test_cross_entropy"] == 1)
    assert sweep["disagree"].mean() > 0.01
    # the first data set is the notebook's
    Xt, yt = H.test_data()
    assert sweep["test_hinge"][0] == H.accuracy(H.fit_blobs("hinge"), Xt, yt)


# -- Δ and λ ------------------------------------------------------------------------------


def test_svm_objective_against_loops():
    X, y = H.blob_data()
    rng = np.random.default_rng(3)
    W, b = rng.normal(size=(2, 3)), rng.normal(size=3)
    s = X @ W + b
    data = sum(_hinge_ref(list(s[i]), int(y[i]), 1.5, "sum") for i in range(len(y))) / len(y)
    want = data + 0.5 * 0.2 * float(np.sum(W * W))
    assert H.svm_objective(W, b, X, y, 1.5, 0.2) == pytest.approx(want, rel=1e-12)
    # J(cW, cb; cΔ, λ/c) = c·J(W, b; Δ, λ)
    for c in (2.0, 3.0, 0.5):
        scaled = H.svm_objective(c * W, c * b, X, y, c * 1.5, 0.2 / c)
        assert scaled == pytest.approx(c * want, rel=1e-12)


def test_only_the_product_of_margin_and_lambda_matters():
    lam, eta = 0.01, H.FIT_CONFIG["eta"]
    one = H.fit_blobs("hinge", 1.0, l2=lam)
    two = H.fit_blobs("hinge", 2.0, l2=lam / 2, eta=2 * eta)
    np.testing.assert_allclose(two.W_path, 2 * one.W_path, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(two.b_path, 2 * one.b_path, rtol=1e-12, atol=1e-15)
    half = H.fit_blobs("hinge", 1.0, l2=2 * lam, eta=eta / 2)  # Δ = 2, λ is Δ = 1, 2λ scaled
    same_lam = H.fit_blobs("hinge", 2.0, l2=lam)
    np.testing.assert_allclose(same_lam.W_path, 2 * half.W_path, rtol=1e-12, atol=1e-15)
    assert abs(same_lam.weight_norm[-1] / one.weight_norm[-1] - 2) > 0.1


def test_without_a_penalty_the_margin_sets_the_scale():
    Xt, _ = H.test_data()
    ref = np.argmax(H.fit_blobs("hinge", 1.0).scores(Xt), axis=1)
    norms = []
    for m in (0.5, 1.0, 2.0, 4.0):
        fit = H.fit_blobs("hinge", m)
        norms.append(fit.weight_norm[-1])
        assert np.mean(np.argmax(fit.scores(Xt), axis=1) == ref) >= 0.98
    assert np.all(np.diff(norms) > 0)


# -- the boundary -------------------------------------------------------------------------


def test_boundary_lines_lie_where_two_classes_tie_for_the_top():
    rng = np.random.default_rng(5)
    extent = (-4.0, 4.0, -3.0, 5.0)
    for _ in range(5):
        W, b = rng.normal(size=(2, 3)), rng.normal(size=3)
        x, y = H.boundary_lines(W, b, extent, n=300)
        ok = np.isfinite(x)
        assert ok.sum() > 50
        P = np.column_stack([x[ok], y[ok]])
        s = np.sort(P @ W + b, axis=1)
        np.testing.assert_allclose(s[:, -1], s[:, -2], atol=1e-9)  # a tie for the top
        assert np.all((P[:, 0] >= -4) & (P[:, 0] <= 4) & (P[:, 1] >= -3) & (P[:, 1] <= 5))
        # and every grid cell where the predicted class changes has a boundary point near it
        gx, gy = np.meshgrid(np.linspace(-4, 4, 60), np.linspace(-3, 5, 60))
        G = np.column_stack([gx.ravel(), gy.ravel()])
        lab = np.argmax(G @ W + b, axis=1).reshape(60, 60)
        edge = np.argwhere(lab[:, 1:] != lab[:, :-1])
        for r, c in edge[:: max(1, len(edge) // 20)]:
            q = np.array([gx[r, c], gy[r, c]])
            assert np.min(np.linalg.norm(P - q, axis=1)) < 0.3
    x, y = H.boundary_lines(np.zeros((2, 3)), np.zeros(3), extent)  # no boundary at all
    assert not np.any(np.isfinite(x))
