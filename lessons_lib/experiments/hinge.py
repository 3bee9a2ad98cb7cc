"""The hinge-loss experiments of notebook 08: one example's scores under the three hinge
conventions and cross-entropy, and a linear classifier trained with each loss on three
Gaussian blobs (hinge stops pushing once the margins are met, cross-entropy never does).
Every loss value comes from :mod:`lessons_lib.losses`.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .. import losses
from ..datasets import make_blobs
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
    "BLOB_CONFIG",
    "FIT_CONFIG",
    "FIT_LOSSES",
    "blob_data",
    "fit_blobs",
    "kept_fit",
    "active_examples",
]

CLASS_NAMES = ("cat", "dog", "bird")
HINGE_CONVENTIONS = {
    "sum": "Σ (Weston–Watkins)",
    "pytorch": "Σ ÷ C (PyTorch)",
    "max": "max (Crammer–Singer)",
}
SHORT_LABELS = {"sum": "hinge\nΣ", "pytorch": "hinge\nΣ÷C", "max": "hinge\nmax"}


def check_convention(form: str) -> str:
    """``form`` if it names a hinge convention ("sum", "pytorch", "max"), else ValueError."""
    if form not in HINGE_CONVENTIONS:
        raise ValueError(f"form: expected one of {tuple(HINGE_CONVENTIONS)}, got {form!r}")
    return form


def hinge_loss(scores, target: int, margin: float = 1.0, form: str = "sum") -> float:
    """One example's hinge loss under a convention: "sum", "pytorch" (sum ÷ C) or "max"."""
    if check_convention(form) == "pytorch":
        return float(losses.multi_margin_loss(scores, target, margin=margin))
    return float(losses.multiclass_hinge_loss(scores, target, margin, form=form))


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


BLOB_CONFIG = {"n_samples": 150, "centers": 3, "std": 0.6, "seed": 1}
FIT_CONFIG = {"eta": 0.1, "epochs": 300}
FIT_LOSSES = {"hinge": "multiclass_hinge_loss", "cross_entropy": "cross_entropy"}
FIT_LABELS = {"hinge": "hinge (Σ)", "cross_entropy": "cross-entropy"}


@lru_cache(maxsize=1)
def _blobs():
    cfg = BLOB_CONFIG
    X, y = make_blobs(cfg["n_samples"], cfg["centers"], std=cfg["std"], seed=cfg["seed"])
    X.setflags(write=False)
    y.setflags(write=False)
    return X, y


def blob_data() -> tuple[np.ndarray, np.ndarray]:
    """The notebook's three Gaussian blobs: X (150, 2), y (150,) (std 0.6, seed 1; read-only)."""
    return _blobs()


def fit_blobs(loss: str, margin: float = 1.0, **overrides) -> LinearFit:
    """Train s = XW + b on :func:`blob_data` by full-batch gradient descent from W = 0.

    loss: "hinge" (Weston–Watkins sum with margin Δ) or "cross_entropy"; η = 0.1 for
    300 epochs (``overrides``: eta, epochs). Uses :func:`lessons_lib.network.fit_linear`.
    """
    if loss not in FIT_LOSSES:
        raise ValueError(f"loss: expected one of {tuple(FIT_LOSSES)}, got {loss!r}")
    cfg = {**FIT_CONFIG, **overrides}
    X, y = blob_data()
    kw = {"margin": float(margin)} if loss == "hinge" else {}
    return fit_linear(X, y, loss=FIT_LOSSES[loss], eta=cfg["eta"], epochs=cfg["epochs"], **kw)


@lru_cache(maxsize=64)
def kept_fit(loss: str, margin: float) -> LinearFit:
    """:func:`fit_blobs`, kept for the panels (which only read it; the runs are
    deterministic, so every panel shares them)."""
    return fit_blobs(loss, margin)


def active_examples(fit: LinearFit, X, y, epoch: int) -> np.ndarray:
    """(N,) bool: examples whose loss gradient is not zero after ``epoch`` steps."""
    s = fit.scores(X, epoch)
    g = losses.LOSSES[fit.loss_name].grad(s, y, **fit.loss_kwargs)
    return np.any(g != 0, axis=1)
