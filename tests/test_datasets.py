"""Data sets: the shipped digits are intact; splits and synthetic sets are seeded."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons_lib import datasets as D


def test_digits_are_the_known_set():
    X, y = D.load_digits()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.min() == 0.0 and X.max() == 1.0
    np.testing.assert_array_equal(
        np.bincount(y), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    )
    raw, _ = D.load_digits(scale=False)
    assert raw.max() == 16 and np.all(raw == np.round(raw))
    assert int(raw.sum()) == 561718


def test_split_is_stratified_disjoint_and_seeded():
    X, y = D.load_digits()
    Xtr, Xte, _ytr, yte = D.train_test_split(X, y, test_size=0.25, seed=3)
    assert len(Xtr) + len(Xte) == 1797
    assert abs(len(Xte) - 0.25 * 1797) <= 10
    frac = np.bincount(yte) / np.bincount(y)
    assert np.all(np.abs(frac - 0.25) < 0.01)
    rows = {r.tobytes() for r in Xtr}
    assert sum(r.tobytes() in rows for r in Xte) <= 2  # the digits hold a few duplicate images
    again = D.train_test_split(X, y, test_size=0.25, seed=3)
    np.testing.assert_array_equal(again[1], Xte)


@pytest.mark.parametrize("make", [D.make_spirals, D.make_blobs, D.make_multilabel])
def test_synthetic_sets_are_seeded(make):
    a, b, c = make(seed=1), make(seed=1), make(seed=2)
    np.testing.assert_array_equal(a[0], b[0])
    assert not np.array_equal(a[0], c[0])


def test_spirals_and_blobs_shapes():
    X, y = D.make_spirals(50, 3)
    assert X.shape == (150, 2) and np.array_equal(np.bincount(y), [50, 50, 50])
    X, y = D.make_blobs(90, centers=np.array([[0.0, 0.0], [5.0, 5.0], [-5.0, 5.0]]), std=0.5)
    assert X.shape == (90, 2) and np.array_equal(np.bincount(y), [30, 30, 30])


def test_multilabel_has_co_occurring_labels():
    _X, Y = D.make_multilabel(600, flip=0.0)
    counts = np.bincount(Y.sum(axis=1), minlength=4)
    assert counts[2] > 30 and counts[3] > 10  # softmax cannot produce these
    assert Y.shape == (600, 3) and len(D.MULTILABEL_NAMES) == 3


@pytest.mark.parametrize(
    ("call", "word"),
    [
        (lambda: D.train_test_split(np.zeros((5, 2)), np.zeros(4)), "y"),
        (lambda: D.train_test_split(np.zeros((5, 2)), np.zeros(5), test_size=1.0), "test_size"),
        (lambda: D.make_spirals(n_classes=1), "n_classes"),
        (lambda: D.make_multilabel(flip=0.9), "flip"),
    ],
)
def test_bad_input(call, word):
    with pytest.raises(ValueError, match=word):
        call()


# -- multilabel_scores (notebook 04) ---------------------------------------------------------


def test_multilabel_scores_by_hand():
    T = np.array([[1, 0, 1], [1, 1, 0], [0, 0, 0], [0, 1, 1]])
    P = np.array([[1, 0, 0], [1, 1, 0], [0, 0, 0], [1, 1, 1]])
    s = D.multilabel_scores(T, P)
    np.testing.assert_allclose(s["precision"], [2 / 3, 1.0, 1.0])
    np.testing.assert_allclose(s["recall"], [1.0, 1.0, 0.5])
    assert s["exact"] == 0.5
    assert s["exact_by_count"] == {0: 1.0, 2: 1 / 3}


def test_multilabel_scores_never_predicted_label_is_nan_without_warning():
    T = np.array([[1, 0], [0, 1]])
    P = np.array([[1, 0], [1, 0]])
    s = D.multilabel_scores(T.astype(bool), P)  # pytest turns RuntimeWarnings into errors
    assert s["precision"][0] == 0.5 and math.isnan(s["precision"][1])
    assert s["recall"][1] == 0.0


@pytest.mark.parametrize(
    ("T", "P", "word"),
    [
        (np.zeros((2, 2)), np.zeros((2, 3)), "Y_pred"),
        (np.zeros(3), np.zeros(3), "Y_true"),
        (np.zeros((2, 2)), np.full((2, 2), 0.5), "Y_pred"),
    ],
)
def test_multilabel_scores_bad_input(T, P, word):
    with pytest.raises(ValueError, match=word):
        D.multilabel_scores(T, P)
