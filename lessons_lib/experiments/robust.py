"""A line fitted through outliers under each regression loss (notebook 10).

- :func:`outlier_data` — 30 points on y = 0.5x + 1 with noise, the three right-most
  pushed up by ``shift``.
- :func:`fit_line` — fit y ≈ wx + b under one regression loss by plain gradient descent
  (:func:`lessons_lib.linear.fit_linear`).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..linear import LinearFit, fit_linear

__all__ = ["TRUE_LINE", "FIT_CONFIG", "outlier_data", "fit_line", "kept_fit"]

TRUE_LINE = (0.5, 1.0)  # slope, intercept of the clean data
N_POINTS, N_OUTLIERS, NOISE = 30, 3, 0.15
FIT_CONFIG = {"eta": 0.3, "epochs": 400}


def outlier_data(shift: float = 8.0, *, seed: int = 0):
    """x (30,) evenly spread on [−1, 1], y = 0.5x + 1 + 0.15·noise, and a (30,) bool mask.

    The three points with the largest x are outliers: ``shift`` is added to their y.
    Returns (x, y, outliers).
    """
    rng = np.random.default_rng(seed)
    x = np.linspace(-1.0, 1.0, N_POINTS)
    y = TRUE_LINE[0] * x + TRUE_LINE[1] + NOISE * rng.standard_normal(N_POINTS)
    outliers = np.zeros(N_POINTS, dtype=bool)
    outliers[-N_OUTLIERS:] = True
    y[outliers] += shift
    return x, y, outliers


def fit_line(x, y, loss: str, *, beta: float = 1.0, **overrides) -> LinearFit:
    """Fit y ≈ w·x + b under ``loss`` ("mse_loss", "l1_loss", "smooth_l1_loss",
    "huber_loss") by full-batch gradient descent from w = b = 0.

    β is Smooth L1's β or Huber's δ. η = 0.3 for 400 steps (``overrides``: eta, epochs).
    The slope is ``fit.W[0, 0]``, the intercept ``fit.b[0]``.
    """
    cfg = {**FIT_CONFIG, **overrides}
    kw = {"smooth_l1_loss": {"beta": beta}, "huber_loss": {"delta": beta}}.get(loss, {})
    x = np.asarray(x, dtype=np.float64)
    return fit_linear(x[:, None], y, loss=loss, eta=cfg["eta"], epochs=cfg["epochs"], **kw)


@lru_cache(maxsize=512)
def kept_fit(name: str, shift: float, beta: float) -> LinearFit:
    """:func:`fit_line` on ``outlier_data(shift)``, kept for the panels (which only read it;
    the fits are deterministic, so every panel shares them)."""
    x, y, _ = outlier_data(shift)
    return fit_line(x, y, name, beta=beta)
