"""The experiments of notebooks 03, 04 and 06 (lessons_lib.experiments.softmax): the data
splits, the backpropagation checks, the digits runs over seeds, the two labellings of the
multi-label data and what is measured on them — each checked against an independent
computation or a known property, so a broken helper cannot agree with itself."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons_lib.datasets import make_multilabel, multilabel_scores
from lessons_lib.experiments import softmax as E
from lessons_lib.network import Network

# -- notebook 03 ------------------------------------------------------------------------------


def test_digits_split_is_a_stratified_three_way_partition():
    X_train, X_val, X_test, y_train, y_val, y_test = E.digits_split()
    assert (len(X_train), len(X_val), len(X_test)) == (1151, 287, 359)
    assert X_train.shape[1] == 64 and not X_train.flags.writeable
    rows = {tuple(r) for r in np.vstack([X_train, X_val, X_test])}
    assert len(rows) >= 1790  # (a few digits images are duplicates in the data set itself)
    for y in (y_train, y_val, y_test):
        share = np.bincount(y, minlength=10) / len(y)
        np.testing.assert_allclose(share, 0.1, atol=0.02)  # every class in proportion


def test_digits_network_names_the_registry_costs():
    soft = E.digits_network("softmax + log-likelihood", seed=3)
    sig = E.digits_network("sigmoid + cross-entropy", seed=3)
    assert (soft.output, soft.cost) == ("softmax", "cross_entropy")
    assert (sig.output, sig.cost) == ("sigmoid", "binary_cross_entropy_with_logits")
    for a, b in zip(soft.weights, sig.weights):  # the same seed, the same start
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="name"):
        E.digits_network("softmax")


def test_backprop_by_hand_agrees_with_the_network_and_catches_a_wrong_delta():
    X_train, _, _, y_train, _, _ = E.digits_split()
    net = E.digits_network("softmax + log-likelihood", seed=0)
    diffs = E.backprop_differences(net, X_train[:20], y_train[:20])
    assert set(diffs) == {"BP1", "BP2", "BP3", "BP4"} and max(diffs.values()) < 1e-12
    # the by-hand equations are independent: a network with another cost disagrees at BP1
    quad = Network([64, 30, 10], output="softmax", cost="quadratic_cost", seed=0)
    assert E.backprop_differences(quad, X_train[:20], y_train[:20])["BP1"] > 1e-3
    with pytest.raises(ValueError, match="net"):
        E.backprop_by_hand(
            Network([64, 10], output="softmax", cost="cross_entropy"), X_train, y_train
        )


def test_gradient_check_is_small_for_backprop_and_restores_the_weights():
    X_train, _, _, y_train, _, _ = E.digits_split()
    net = E.digits_network("softmax + log-likelihood", seed=0)
    before = [w.copy() for w in net.weights + net.biases]
    errors = E.gradient_check(net, X_train[:10], y_train[:10])
    assert set(errors) == {"W2", "b2", "b1"} and max(errors.values()) < 1e-7
    for a, b in zip(before, net.weights + net.biases):
        np.testing.assert_array_equal(a, b)


def test_the_two_engines_give_the_same_parameters():
    assert E.engine_difference(epochs=1) < 1e-10
    assert E.engine_difference("sigmoid + cross-entropy", epochs=1) < 1e-10


def test_digits_runs_are_kept_and_read_the_test_set_once():
    run = E.digits_run("softmax + log-likelihood", seed=0)
    again = E.digits_run("softmax + log-likelihood", seed=0)
    assert run is not again and run.test_accuracy == again.test_accuracy  # a kept run, copied
    _, _, X_test, _, _, y_test = E.digits_split()
    assert run.test_accuracy == pytest.approx(np.mean(run.net.predict(X_test) == y_test))
    assert len(run.history.val_accuracy) == E.DIGITS_CONFIG["epochs"] + 1
    hit = np.asarray(run.history.val_accuracy) >= 0.9
    assert hit[run.epochs_to] and not hit[: run.epochs_to].any()


def test_digits_sweep_over_five_seeds():
    sweep = E.digits_sweep()
    assert set(sweep) == set(E.OUTPUT_LAYERS)
    for r in sweep.values():
        assert r["test_accuracy"].shape == (5,) and r["test_accuracy"].mean() > 0.94
        assert np.all(r["epochs_to_90"] >= 1)
    seed2 = E.digits_run("sigmoid + cross-entropy", seed=2).test_accuracy
    assert sweep["sigmoid + cross-entropy"]["test_accuracy"][2] == seed2


# -- notebook 04 ------------------------------------------------------------------------------


def test_either_or_labels_keep_one_of_the_labels():
    Y = np.array([[1, 1, 0], [1, 1, 1], [0, 1, 0], [0, 0, 0], [1, 0, 1]] * 40)
    Z = E.either_or_labels(Y, seed=0)
    assert np.all(Z.sum(axis=1) == np.minimum(Y.sum(axis=1), 1))  # one label, or none
    assert np.all(Z <= Y)  # a kept label is one of the point's own
    single = Y.sum(axis=1) <= 1
    np.testing.assert_array_equal(Z[single], Y[single])
    # uniform choice: each label of a two-label row is kept about half of the time
    first = Z[0::5, 0].mean()
    assert 0.3 < first < 0.7
    np.testing.assert_array_equal(Z, E.either_or_labels(Y, seed=0))  # seeded
    with pytest.raises(ValueError, match="Y"):
        E.either_or_labels(np.array([0.5, 1.0]))


def test_softmax_targets_share_the_labels_and_add_none():
    T = E.softmax_targets(np.array([[1, 1, 0], [0, 0, 0], [0, 1, 0], [1, 1, 1]]))
    np.testing.assert_allclose(
        T, [[0.5, 0.5, 0, 0], [0, 0, 0, 1], [0, 1, 0, 0], [1 / 3, 1 / 3, 1 / 3, 0]]
    )
    with pytest.raises(ValueError, match="Y"):
        E.softmax_targets(np.array([[2, 0]]))


def test_multilabel_data_labels_the_same_points_two_ways():
    d = E.multilabel_data()
    assert d["X_train"].shape == (900, 2) and d["X_test"].shape == (300, 2)
    X, Y = make_multilabel(1200, seed=0)
    label_of = {tuple(x): y for x, y in zip(X, Y)}
    for x, y in zip(d["X_test"], d["Y_test_and"]):  # the "and" labels are the data set's
        np.testing.assert_array_equal(label_of[tuple(x)], y)
    for part in ("train", "test"):
        A, O = d[f"Y_{part}_and"], d[f"Y_{part}_or"]
        assert np.all(O <= A) and np.all(O.sum(axis=1) <= 1)
        assert (A.sum(axis=1) >= 2).any()
    assert not d["X_train"].flags.writeable


def test_disc_membership_is_make_multilabel_without_noise():
    X, Y = make_multilabel(500, flip=0.0, seed=4)
    np.testing.assert_array_equal(E.disc_membership(X), Y)
    points, member = E.lens_points(61)
    assert np.all(member.sum(axis=1) == 2)
    np.testing.assert_array_equal(E.disc_membership(points).astype(bool), member)
    with pytest.raises(ValueError, match="X"):
        E.disc_membership(np.zeros(3))


def test_multilabel_runs_are_kept_and_checked():
    run = E.multilabel_run("or", "softmax", seed=1)
    assert run is E.multilabel_run("or", "softmax", seed=1)
    assert (run.world, run.output, run.net.output) == ("or", "softmax", "softmax")
    p = E.label_probabilities(run, np.zeros((4, 2)))
    assert p.shape == (4, 3) and np.all(p.sum(axis=1) <= 1 + 1e-12)
    sig = E.label_probabilities(E.multilabel_run("and", "sigmoids", seed=1), np.zeros((4, 2)))
    assert sig.shape == (4, 3)
    with pytest.raises(ValueError, match="world"):
        E.multilabel_run("xor", "softmax")
    with pytest.raises(ValueError, match="output"):
        E.multilabel_run("and", "relu")


def test_exact_by_count_agrees_with_multilabel_scores():
    d = E.multilabel_data()
    res = E.exact_by_count([0.5, 0.2], seeds=(0,))
    overall = E.exact_match([0.5, 0.2], seeds=(0,))
    for output in E.OUTPUTS:
        p = E.label_probabilities(E.multilabel_run("and", output, 0), d["X_test"])
        for j, t in enumerate((0.5, 0.2)):
            want = multilabel_scores(d["Y_test_and"], (p >= t).astype(int))
            got = res[output][0, j]
            for k, v in want["exact_by_count"].items():
                assert got[k] == pytest.approx(v)
            assert overall[output][0, j] == pytest.approx(want["exact"])
    with pytest.raises(ValueError, match="thresholds"):
        E.exact_by_count([1.5])


def test_pair_means_show_the_same_softmax_for_two_truths():
    means = E.pair_means(seeds=(0, 1))
    assert means[("truth", "and")][0] > 0.95 and abs(means[("truth", "or")][0] - 0.5) < 0.05
    soft = [means[(w, "softmax")].mean() for w in E.WORLDS]
    sig = [means[(w, "sigmoids")].mean() for w in E.WORLDS]
    assert abs(soft[0] - soft[1]) < 0.05 and sig[0] - sig[1] > 0.3
    # an independent computation of one entry: average over the lens points directly
    points, member = E.lens_points()
    p = E.multilabel_run("and", "sigmoids", 1).net.predict_proba(points)
    assert means[("and", "sigmoids")][1] == pytest.approx(np.mean(p[member]))


def test_both_on_sweep_counts_overlaps_with_both_labels_on():
    t = np.array([0.1, 0.3, 0.5, 0.7])
    res = E.both_on_sweep(t, seeds=(0,))
    for rows in res.values():
        assert rows.shape == (1, 4) and np.all((rows >= 0) & (rows <= 1))
        assert np.all(np.diff(rows[0]) <= 0)  # a higher threshold switches fewer labels on
    points, member = E.lens_points()
    p = E.multilabel_run("and", "sigmoids", 0).net.predict_proba(points)
    both = np.array([np.mean([np.all(row[m] >= tj) for row, m in zip(p, member)]) for tj in t])
    np.testing.assert_allclose(res[("and", "sigmoids")][0], both)
    assert res[("and", "softmax")][0, 2] == 0.0  # at 0.5 a softmax cannot switch on two …
    with pytest.raises(ValueError, match="thresholds"):
        E.both_on_sweep([0.0, 0.5])


def test_count_maps():
    run = E.multilabel_run("and", "sigmoids", 0)
    m = E.expected_count_map(run, n=21)
    g = np.linspace(-1.2, 1.2, 21)
    point = np.array([[g[5], g[7]]])  # row 7 (y), column 5 (x): row 0 at the bottom
    assert m[7, 5] == pytest.approx(run.net.predict_proba(point).sum())
    soft = E.expected_count_map(E.multilabel_run("or", "softmax", 0), n=21)
    assert soft.max() <= 1.0 + 1e-12
    truth_and, truth_or = E.true_count_map("and", 41), E.true_count_map("or", 41)
    assert truth_and.max() == 3 and truth_or.max() == 1
    np.testing.assert_array_equal(truth_or, np.minimum(truth_and, 1))


# -- notebook 06 ------------------------------------------------------------------------------


def test_saturation_table_against_formulas_written_out():
    table = E.saturation_table((0.0, 10.0), true_class=1)
    for k, top in enumerate((0.0, 10.0)):
        e = [math.exp(top), 1.0, 1.0, 1.0]
        a = [v / sum(e) for v in e]
        y = [0.0, 1.0, 0.0, 0.0]
        J = [[a[j] * ((i == j) - a[i]) for i in range(4)] for j in range(4)]
        g = [a[j] - y[j] for j in range(4)]
        quad = [sum(J[j][i] * g[j] for j in range(4)) for i in range(4)]  # Jᵀ g
        assert table["quadratic"][k] == pytest.approx(math.sqrt(sum(v * v for v in quad)))
        assert table["cross_entropy"][k] == pytest.approx(math.sqrt(sum(v * v for v in g)))
        assert table["J_max"][k] == pytest.approx(max(abs(v) for row in J for v in row))
    assert table["quadratic"][1] < 1e-3 < 1.4 < table["cross_entropy"][1]
    with pytest.raises(ValueError, match="true_class"):
        E.saturation_table(true_class=4)
