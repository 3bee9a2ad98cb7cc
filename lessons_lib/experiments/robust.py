"""A line fitted through outliers under each regression loss (notebook 10).

- :func:`outlier_data` — 30 points on y = 0.5x + 1 with noise, the three right-most
  pushed up by ``shift``.
- :func:`fit_line` — fit y ≈ wx + b under one regression loss by plain gradient descent
  (:func:`lessons_lib.linear.fit_linear`); :func:`kept_fit` keeps the fits the panel shows.
- :func:`slopes_over_seeds` — the fitted slope over :data:`SEEDS` (other noise, the same
  outliers), as a :class:`~lessons_lib.experiments.seeds.Spread`.
- :func:`frozen_shift` — the outlier shift from which the Smooth L1 line stops moving:
  beyond it every outlier's residual is at least β, and each pulls with the same force 1.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .._checks import check_choice, check_int, check_number, with_overrides
from ..linear import LinearFit, fit_linear
from .seeds import Spread

__all__ = [
    "TRUE_LINE",
    "FIT_CONFIG",
    "SEEDS",
    "LINE_LOSSES",
    "outlier_data",
    "fit_line",
    "kept_fit",
    "slopes_over_seeds",
    "frozen_shift",
]

TRUE_LINE = (0.5, 1.0)  # slope, intercept of the clean data
N_POINTS, N_OUTLIERS, NOISE = 30, 3, 0.15
FIT_CONFIG = {"eta": 0.3, "epochs": 400}
SEEDS = (0, 1, 2, 3, 4)  # the noise of the inliers; the outliers are always the last three
LINE_LOSSES = ("mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss")


def outlier_data(shift: float = 8.0, *, seed: int = 0):
    """x (30,) evenly spread on [−1, 1], y = 0.5x + 1 + 0.15·noise, and a (30,) bool mask.

    The three points with the largest x are outliers: ``shift`` is added to their y.
    Returns (x, y, outliers).
    """
    shift = check_number(shift, "shift")
    rng = np.random.default_rng(check_int(seed, "seed", low=0))
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
    check_choice(loss, "loss", LINE_LOSSES)
    cfg = with_overrides(FIT_CONFIG, overrides)
    kw = {"smooth_l1_loss": {"beta": beta}, "huber_loss": {"delta": beta}}.get(loss, {})
    x = np.asarray(x, dtype=np.float64)
    return fit_linear(x[:, None], y, loss=loss, eta=cfg["eta"], epochs=cfg["epochs"], **kw)


@lru_cache(maxsize=512)
def kept_fit(name: str, shift: float, beta: float) -> LinearFit:
    """:func:`fit_line` on ``outlier_data(shift)``, kept for the panels (which only read it;
    the fits are deterministic, so every panel shares them)."""
    x, y, _ = outlier_data(shift)
    return fit_line(x, y, name, beta=beta)


def slopes_over_seeds(loss: str, shift: float, *, beta: float = 1.0, seeds=SEEDS) -> Spread:
    """The slope :func:`fit_line` finds on ``outlier_data(shift, seed=s)`` for each seed."""
    slopes = []
    for seed in seeds:
        x, y, _ = outlier_data(shift, seed=seed)
        slopes.append(fit_line(x, y, loss, beta=beta).W[0, 0])
    return Spread.of(slopes)


def frozen_shift(beta: float = 1.0, *, seed: int = 0) -> float:
    """The smallest outlier shift from which the Smooth L1(β) line no longer moves.

    Beyond it every outlier lies at least β above the line, where Smooth L1's gradient is
    1 however far off it is; so the line is the one fitted with the outliers far away
    (shift 15), and the answer is β + max over the outliers of (line − clean y).
    """
    beta = check_number(beta, "beta", low=0.0, low_open=True)
    x, y_clean, outliers = outlier_data(0.0, seed=seed)
    far = fit_line(*outlier_data(15.0, seed=seed)[:2], "smooth_l1_loss", beta=beta)
    line = far.W[0, 0] * x + far.b[0]
    return float(beta + np.max(line[outliers] - y_clean[outliers]))
