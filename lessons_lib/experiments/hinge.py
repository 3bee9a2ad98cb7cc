"""The hinge-loss experiments of notebook 08: one example's scores under the three hinge
conventions and cross-entropy, and a linear classifier trained with each loss on three
Gaussian blobs with eight mislabelled points (where the two boundaries part ways).
Every loss value comes from :mod:`lessons_lib.losses`; nothing here draws.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .. import losses
from ..datasets import make_blobs
from ..i18n import N_
from ..linear import LinearFit, fit_linear
from ..losses import hinge_terms

__all__ = [
    "CLASS_NAMES",
    "HINGE_CONVENTIONS",
    "check_convention",
    "hinge_terms",
    "hinge_loss",
    "hinge_loss_grad",
    "compare_losses",
    "losses_vs_true_score",
    "DATA_CONFIG",
    "OUTLIER_CONFIG",
    "TEST_SIZE",
    "FIT_CONFIG",
    "FIT_LOSSES",
    "LOSS_NAMES",
    "SWEEP_SEEDS",
    "make_data",
    "blob_data",
    "test_data",
    "outlier_mask",
    "fit_blobs",
    "kept_fit",
    "active_examples",
    "accuracy",
    "svm_objective",
    "boundary_lines",
    "seed_sweep",
]

CLASS_NAMES = (N_("cat"), N_("dog"), N_("bird"))
HINGE_CONVENTIONS = {
    "sum": N_("Σ (Weston–Watkins)"),
    "pytorch": N_("Σ ÷ C (PyTorch)"),
    "max": N_("max (Crammer–Singer)"),
}


def check_convention(form: str) -> str:
    """``form`` if it names a hinge convention ("sum", "pytorch", "max"), else ValueError."""
    if form not in HINGE_CONVENTIONS:
        raise ValueError(f"form: expected one of {tuple(HINGE_CONVENTIONS)}, got {form!r}")
    return form


def hinge_loss(scores, target, margin: float = 1.0, form: str = "sum", reduction="mean"):
    """Hinge loss under a convention: "sum" (Weston–Watkins), "pytorch" (sum ÷ C) or "max"
    (Crammer–Singer). scores (C,) → float; (N, C) with targets (N,) → the ``reduction``."""
    if check_convention(form) == "pytorch":
        out = losses.multi_margin_loss(scores, target, margin=margin, reduction=reduction)
    else:
        out = losses.multiclass_hinge_loss(scores, target, margin, reduction, form=form)
    return float(out) if np.ndim(out) == 0 else out


def hinge_loss_grad(scores, target: int, margin: float = 1.0, form: str = "sum") -> np.ndarray:
    """∂(hinge loss)/∂s for one example under a convention; (C,) → (C,)."""
    if check_convention(form) == "pytorch":
        return losses.multi_margin_loss_grad(scores, target, margin=margin)
    return losses.multiclass_hinge_loss_grad(scores, target, margin, form=form)


def compare_losses(scores, target: int, margin: float = 1.0) -> dict[str, float]:
    """{"sum", "pytorch", "max", "cross_entropy"}: one example under every loss of notebook 08."""
    out = {form: hinge_loss(scores, target, margin, form) for form in HINGE_CONVENTIONS}
    out["cross_entropy"] = float(losses.cross_entropy(scores, target))
    return out


def losses_vs_true_score(scores, target: int, margin: float, form: str, grid) -> dict:
    """Each loss of one example as its true class's score s_y runs over ``grid`` (the other
    scores fixed): {"hinge": (n,), "cross_entropy": (n,), "met_at": max_{j≠y} s_j + Δ}.

    The hinge reaches exactly 0 at ``met_at`` (every margin met) and stays there;
    cross-entropy only approaches 0.
    """
    s = np.asarray(scores, dtype=np.float64)
    grid = np.asarray(grid, dtype=np.float64)
    S = np.repeat(s[None, :], grid.size, axis=0)
    S[:, target] = grid
    T = np.full(grid.size, target)
    return {
        "hinge": hinge_loss(S, T, margin, form, reduction="none"),
        "cross_entropy": losses.cross_entropy(S, T, reduction="none"),
        "met_at": float(np.max(np.delete(s, target)) + margin),
    }


# -- a linear classifier on three blobs with eight mislabelled points ----------------------

# the three Gaussian blobs of 50 points (centres on a circle of radius 3, as
# datasets.make_blobs places them), and eight points labelled class 0 that sit far out
# behind class 2: a labelling error no linear classifier can get right
DATA_CONFIG = {"n_samples": 150, "centers": 3, "std": 0.6, "seed": 1}
OUTLIER_CONFIG = {"n": 8, "center": (5.4, -3.6), "std": 0.3, "label": 0}
TEST_SIZE = 300  # fresh clean points from the same three blobs, per seed
FIT_CONFIG = {"eta": 0.1, "epochs": 300}
FIT_LOSSES = {"hinge": "multiclass_hinge_loss", "cross_entropy": "cross_entropy"}
LOSS_NAMES = {"hinge": N_("hinge"), "cross_entropy": N_("cross-entropy")}
SWEEP_SEEDS = (1, 2, 3, 4, 5)  # the notebook's data set, then four more


def make_data(seed: int, *, outliers: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Three blobs (150 points, std 0.6) from ``seed``; with ``outliers`` the eight
    mislabelled points follow them (rows 150–157). X (N, 2), y (N,)."""
    cfg, out = DATA_CONFIG, OUTLIER_CONFIG
    X, y = make_blobs(cfg["n_samples"], cfg["centers"], std=cfg["std"], seed=seed)
    if outliers:
        Xo, _ = make_blobs(out["n"], np.array([out["center"]]), std=out["std"], seed=seed + 1000)
        X = np.vstack([X, Xo])
        y = np.concatenate([y, np.full(out["n"], out["label"])])
    return X, y


def outlier_mask(n: int) -> np.ndarray:
    """(n,) bool: the mislabelled points among the first ``n`` rows of :func:`make_data`."""
    return np.arange(n) >= DATA_CONFIG["n_samples"]


@lru_cache(maxsize=32)
def _data(seed: int, outliers: bool, test: bool):
    if test:
        X, y = make_blobs(
            TEST_SIZE, DATA_CONFIG["centers"], std=DATA_CONFIG["std"], seed=seed + 100
        )
    else:
        X, y = make_data(seed, outliers=outliers)
    X.setflags(write=False)
    y.setflags(write=False)
    return X, y


def blob_data(outliers: bool = True, *, seed: int = DATA_CONFIG["seed"]):
    """The notebook's training set: X (158, 2), y (158,) with the mislabelled points, or
    (150, 2), (150,) without them (read-only)."""
    return _data(int(seed), bool(outliers), False)


def test_data(seed: int = DATA_CONFIG["seed"]):
    """Fresh clean points from the same blobs (300; read once, to compare the classifiers)."""
    return _data(int(seed), False, True)


def fit_blobs(
    loss: str,
    margin: float = 1.0,
    *,
    outliers: bool = True,
    seed: int = DATA_CONFIG["seed"],
    l2: float = 0.0,
    **overrides,
) -> LinearFit:
    """Train s = XW + b on :func:`blob_data` by full-batch gradient descent from W = 0.

    loss: "hinge" (Weston–Watkins sum with margin Δ) or "cross_entropy"; η = 0.1 for
    300 epochs (``overrides``: eta, epochs); ``l2`` = λ adds λ·½‖W‖² to the objective.
    Uses :func:`lessons_lib.linear.fit_linear`.
    """
    if loss not in FIT_LOSSES:
        raise ValueError(f"loss: expected one of {tuple(FIT_LOSSES)}, got {loss!r}")
    unknown = set(overrides) - set(FIT_CONFIG)
    if unknown:
        raise TypeError(f"fit_blobs: unexpected keyword(s) {sorted(unknown)}")
    cfg = {**FIT_CONFIG, **overrides}
    X, y = blob_data(outliers, seed=seed)
    kw = {"margin": float(margin)} if loss == "hinge" else {}
    return fit_linear(
        X, y, loss=FIT_LOSSES[loss], eta=cfg["eta"], epochs=cfg["epochs"], l2=l2, **kw
    )


@lru_cache(maxsize=64)
def kept_fit(loss: str, margin: float, outliers: bool = True) -> LinearFit:
    """:func:`fit_blobs` on the notebook's data, kept for the panels (which only read it;
    the runs are deterministic, so every panel shares them)."""
    return fit_blobs(loss, margin, outliers=outliers)


def active_examples(fit: LinearFit, X, y, epoch: int) -> np.ndarray:
    """(N,) bool: examples whose loss gradient is not zero after ``epoch`` steps."""
    s = fit.scores(X, epoch)
    g = losses.LOSSES[fit.loss_name].grad(s, y, **fit.loss_kwargs)
    return np.any(g != 0, axis=1)


def accuracy(fit: LinearFit, X, y, epoch: int = -1) -> float:
    """Share of the rows of X whose top score is their label, after ``epoch`` steps."""
    return float(np.mean(np.argmax(fit.scores(X, epoch), axis=1) == np.asarray(y)))


def svm_objective(W, b, X, y, margin: float, lam: float) -> float:
    """J = (1/N) Σ_i L_i + λ·½‖W‖², L_i the Weston–Watkins hinge loss of s = XW + b: the
    objective :func:`fit_blobs` descends with ``l2=lam`` (the linear multiclass SVM)."""
    W = np.asarray(W, dtype=np.float64)
    s = np.asarray(X, dtype=np.float64) @ W + np.asarray(b, dtype=np.float64)
    data = float(losses.multiclass_hinge_loss(s, y, margin))
    return data + 0.5 * lam * float(np.sum(W**2))


def boundary_lines(W, b, extent, n: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """The decision boundary of s = xW + b (W (2, K)) inside ``extent`` (x0, x1, y0, y1):
    for each pair of classes, the points of the line s_i = s_j where i and j are the top
    two; pieces are separated by NaN (one array pair for one Line2D)."""
    W, b = np.asarray(W, dtype=np.float64), np.asarray(b, dtype=np.float64)
    x0, x1, y0, y1 = extent
    K = W.shape[1]
    xs, ys = [], []
    for i in range(K):
        for j in range(i + 1, K):
            w, c = W[:, i] - W[:, j], b[i] - b[j]  # the line w·x + c = 0
            if abs(w[1]) >= abs(w[0]):  # closer to horizontal: parametrise by x
                if w[1] == 0:
                    continue
                px = np.linspace(x0, x1, n)
                py = -(c + w[0] * px) / w[1]
            else:
                py = np.linspace(y0, y1, n)
                px = -(c + w[1] * py) / w[0]
            P = np.column_stack([px, py])
            s = P @ W + b
            others = np.delete(s, [i, j], axis=1)
            top = s[:, i] if others.shape[1] == 0 else s[:, i] - others.max(axis=1)
            keep = (top >= 0) & (px >= x0) & (px <= x1) & (py >= y0) & (py <= y1)
            xs += [np.where(keep, px, np.nan), [np.nan]]
            ys += [np.where(keep, py, np.nan), [np.nan]]
    if not xs:
        return np.array([np.nan]), np.array([np.nan])
    return np.concatenate(xs), np.concatenate(ys)


@lru_cache(maxsize=4)
def seed_sweep(seeds: tuple[int, ...] = SWEEP_SEEDS) -> dict[str, np.ndarray]:
    """Both classifiers on the data sets of ``seeds``, trained as :func:`fit_blobs` does
    (Δ = 1), with and without the eight mislabelled points. Arrays over the seeds:

    - ``"test_hinge"``, ``"test_cross_entropy"``: accuracy on the clean test points
      (:func:`test_data`) of the runs with the mislabelled points;
    - ``"disagree"``: share of the test points the two classifiers label differently;
    - ``"moved_hinge"``, ``"moved_cross_entropy"``: share of the test points whose label
      changes when the eight mislabelled points are added to the training set;
    - ``"push_hinge"``, ``"push_cross_entropy"``: examples still pushing after the last
      epoch (of 158); ``"clean_push_hinge"``: the same for the hinge without the eight;
    - ``"clean_test_hinge"``, ``"clean_test_cross_entropy"``: test accuracy without them.
    """
    keys = (
        "test_hinge",
        "test_cross_entropy",
        "disagree",
        "moved_hinge",
        "moved_cross_entropy",
        "push_hinge",
        "push_cross_entropy",
        "clean_push_hinge",
        "clean_test_hinge",
        "clean_test_cross_entropy",
    )
    out = {k: [] for k in keys}
    for seed in seeds:
        Xt, yt = test_data(seed)
        labels = {}
        for name in FIT_LOSSES:
            noisy = fit_blobs(name, seed=seed)
            clean = fit_blobs(name, seed=seed, outliers=False)
            labels[name] = np.argmax(noisy.scores(Xt), axis=1)
            clean_labels = np.argmax(clean.scores(Xt), axis=1)
            out[f"test_{name}"].append(float(np.mean(labels[name] == yt)))
            out[f"clean_test_{name}"].append(float(np.mean(clean_labels == yt)))
            out[f"moved_{name}"].append(float(np.mean(labels[name] != clean_labels)))
            out[f"push_{name}"].append(int(noisy.n_active[-1]))
            if name == "hinge":
                out["clean_push_hinge"].append(int(clean.n_active[-1]))
        out["disagree"].append(float(np.mean(labels["hinge"] != labels["cross_entropy"])))
    result = {k: np.array(v) for k, v in out.items()}
    for v in result.values():
        v.setflags(write=False)
    return result
