"""Data sets for the notebooks: the 8 × 8 handwritten digits and seeded synthetic sets.

Nothing is downloaded: the digits ship inside the package (``data/digits.npz``, see
``data/README.md`` for their source and licence); the synthetic sets are generated from a
seed. Notebooks 03 and 09 use the digits, 07 the spirals, 08 the blobs, 04 the
multi-label set.
"""

from __future__ import annotations

from importlib import resources

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_finite_array, check_int, check_number
from .i18n import N_

__all__ = [
    "load_digits",
    "train_test_split",
    "make_spirals",
    "make_blobs",
    "make_multilabel",
    "MULTILABEL_NAMES",
    "MULTILABEL_DISCS",
    "MULTILABEL_RADIUS",
    "multilabel_scores",
]


def load_digits(*, scale: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """The 1,797 handwritten digits: X (1797, 64), y (1797,) in 0…9 (notebooks 03, 09).

    Each row is an 8 × 8 image flattened row by row; pixels are counts 0…16, divided by
    16 into [0, 1] when ``scale`` (the default). UCI "Optical Recognition of Handwritten
    Digits" (Alpaydin & Kaynak, CC BY 4.0), as bundled with scikit-learn.
    """
    with resources.files("lessons_lib").joinpath("data/digits.npz").open("rb") as fh:
        with np.load(fh) as data:
            images = data["images"]
            target = data["target"]
    X = images.reshape(len(images), 64).astype(np.float64)
    if scale:
        X /= 16.0
    return X, target.astype(np.int64)


def train_test_split(
    X: ArrayLike,
    y: ArrayLike,
    *,
    test_size: float = 0.2,
    seed: int = 0,
    stratify: bool = True,
):
    """Shuffle and split → X_train, X_test, y_train, y_test (scikit-learn's order).

    ``test_size``: fraction in (0, 1). With ``stratify`` and class-index labels (N,),
    every class keeps its proportion in both parts.
    """
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim == 0 or y.ndim == 0 or X.shape[0] != y.shape[0]:
        raise ValueError(
            f"y: needs the same number of rows as X, got {np.shape(y)} and {np.shape(X)}"
        )
    test_size = check_number(test_size, "test_size", low=0.0, low_open=True, high=1.0)
    if test_size >= 1.0:
        raise ValueError("test_size: must be < 1")
    seed = check_int(seed, "seed", low=0)
    n = X.shape[0]
    rng = np.random.default_rng(seed)
    if stratify and y.ndim == 1 and np.issubdtype(y.dtype, np.integer):
        test = []
        for c in np.unique(y):
            idx = rng.permutation(np.flatnonzero(y == c))
            test.append(idx[: round(test_size * idx.size)])
        test_idx = rng.permutation(np.concatenate(test))
    else:
        test_idx = rng.permutation(n)[: round(test_size * n)]
    mask = np.zeros(n, dtype=bool)
    mask[test_idx] = True
    train_idx = rng.permutation(np.flatnonzero(~mask))
    if train_idx.size == 0 or test_idx.size == 0:
        raise ValueError(f"test_size: {test_size} leaves one part empty for {n} examples")
    return X[train_idx], X[test_idx], y[train_idx], y[test_idx]


def make_spirals(
    n_per_class: int = 100, n_classes: int = 3, *, noise: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Interleaved spiral arms (cs231n): X (K·n, 2) in about [−1, 1]², y (K·n,) (nb 07).

    Arm k: radius r ∈ [0, 1], angle 4r + 2πk/K + noise·N(0, 1). Not linearly separable.
    """
    n = check_int(n_per_class, "n_per_class", low=1)
    K = check_int(n_classes, "n_classes", low=2)
    noise = check_number(noise, "noise", low=0.0)
    rng = np.random.default_rng(check_int(seed, "seed", low=0))
    X = np.zeros((n * K, 2))
    y = np.repeat(np.arange(K), n)
    for k in range(K):
        r = np.linspace(0.0, 1.0, n)
        t = 4.0 * r + 2.0 * np.pi * k / K + noise * rng.standard_normal(n)
        X[k * n : (k + 1) * n] = np.column_stack([r * np.sin(t), r * np.cos(t)])
    return X, y


def make_blobs(
    n_samples: int = 300,
    centers: int | ArrayLike = 3,
    *,
    std: float = 1.0,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian clouds around ``centers``: X (N, d), y (N,) (notebook 08).

    ``centers``: a number K of classes (centres evenly spaced on a circle of radius 3 in
    2-D) or an explicit (K, d) array. Classes get equal shares of ``n_samples``.
    """
    n_samples = check_int(n_samples, "n_samples", low=1)
    std = check_number(std, "std", low=0.0)
    rng = np.random.default_rng(check_int(seed, "seed", low=0))
    if isinstance(centers, (int, np.integer)) and not isinstance(centers, bool):
        K = check_int(centers, "centers", low=1)
        ang = 2 * np.pi * np.arange(K) / K + np.pi / 2
        C = 3.0 * np.column_stack([np.cos(ang), np.sin(ang)])
    else:
        C = as_finite_array(centers, "centers")
        if C.ndim != 2 or C.shape[0] < 1:
            raise ValueError(f"centers: expected a count or a (K, d) array, got {C.shape}")
    K = C.shape[0]
    y = np.arange(n_samples) % K
    y = y[rng.permutation(n_samples)]
    X = C[y] + std * rng.standard_normal((n_samples, C.shape[1]))
    return X, y


MULTILABEL_NAMES = (N_("left disc"), N_("right disc"), N_("top disc"))
MULTILABEL_DISCS = np.array([[-0.45, -0.25], [0.45, -0.25], [0.0, 0.45]])  # centres
MULTILABEL_RADIUS = 0.75


def make_multilabel(
    n_samples: int = 600, *, flip: float = 0.02, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Points in [−1.2, 1.2]² with three overlapping labels: X (N, 2), Y (N, 3) of 0/1.

    Label j is 1 when the point lies in disc j (three discs drawn like a Venn diagram,
    names in ``MULTILABEL_NAMES``); a point can carry 0, 1, 2 or 3 labels at once, which a
    softmax output cannot express (notebook 04). ``flip`` is the label-noise rate.
    """
    n_samples = check_int(n_samples, "n_samples", low=1)
    flip = check_number(flip, "flip", low=0.0, high=0.5)
    rng = np.random.default_rng(check_int(seed, "seed", low=0))
    X = rng.uniform(-1.2, 1.2, size=(n_samples, 2))
    d2 = ((X[:, None, :] - MULTILABEL_DISCS[None, :, :]) ** 2).sum(axis=2)
    Y = (d2 <= MULTILABEL_RADIUS**2).astype(np.int64)
    noise = rng.random(Y.shape) < flip
    Y[noise] = 1 - Y[noise]
    return X, Y


def multilabel_scores(Y_true: ArrayLike, Y_pred: ArrayLike) -> dict:
    """Per-label precision and recall, and exact matches by label count (notebook 04).

    Y_true, Y_pred: (N, K) of 0/1 (or bool). Returns {"precision": (K,), "recall": (K,),
    "exact": fraction of rows with every label right, "exact_by_count": {n: fraction of
    the rows carrying n true labels that are fully right}}. precision_j = TP_j/(TP_j + FP_j)
    is NaN for a label never predicted; recall_j = TP_j/(TP_j + FN_j) is NaN for a label
    that never occurs.
    """
    T = np.asarray(Y_true)
    P = np.asarray(Y_pred)
    for name, A in (("Y_true", T), ("Y_pred", P)):
        if A.ndim != 2 or not np.isin(A, (0, 1)).all():
            raise ValueError(f"{name}: expected an (N, K) array of 0/1 labels")
    if P.shape != T.shape:
        raise ValueError(f"Y_pred: shape {P.shape} does not match Y_true shape {T.shape}")
    T = T.astype(bool)
    P = P.astype(bool)
    tp = (P & T).sum(axis=0).astype(np.float64)
    predicted = P.sum(axis=0)
    actual = T.sum(axis=0)
    precision = np.divide(tp, predicted, out=np.full(tp.shape, np.nan), where=predicted > 0)
    recall = np.divide(tp, actual, out=np.full(tp.shape, np.nan), where=actual > 0)
    right = (P == T).all(axis=1)
    counts = T.sum(axis=1)
    by_count = {int(n): float(right[counts == n].mean()) for n in np.unique(counts)}
    return {
        "precision": precision,
        "recall": recall,
        "exact": float(right.mean()) if right.size else float("nan"),
        "exact_by_count": by_count,
    }
