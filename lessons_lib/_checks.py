"""Input checks shared by every module: clear errors that name the offending argument."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

REDUCTIONS = ("mean", "sum", "none")


def as_float_array(x, name: str) -> np.ndarray:
    """Return ``x`` as a float64 array, or raise ``TypeError`` naming ``name``."""
    if isinstance(x, (str, bytes)):
        raise TypeError(f"{name}: expected numbers, got {type(x).__name__}")
    try:
        arr = np.asarray(x)
    except Exception as exc:  # ragged nested lists, exotic objects
        raise TypeError(f"{name}: cannot be read as a numeric array ({exc})") from None
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise TypeError(f"{name}: expected a numeric array, got dtype {arr.dtype}")
    if np.iscomplexobj(arr):
        raise TypeError(f"{name}: complex values are not supported")
    return arr.astype(np.float64, copy=False)


def as_finite_array(x, name: str) -> np.ndarray:
    """Like :func:`as_float_array`, but NaN or ±inf raise ``ValueError``."""
    arr = as_float_array(x, name)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name}: contains NaN or infinite values")
    return arr


def as_index_array(x, name: str) -> np.ndarray:
    """Return class indices as an int64 array; ``TypeError`` if they are not integers."""
    if isinstance(x, (str, bytes)):
        raise TypeError(f"{name}: expected integer class indices, got {type(x).__name__}")
    arr = np.asarray(x)
    if arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.integer):
        raise TypeError(
            f"{name}: class indices must be integers, got dtype {arr.dtype}"
            " (pass probabilities with the same shape as the input instead)"
        )
    return arr.astype(np.int64, copy=False)


def check_classes(target: np.ndarray, n_classes: int, name: str = "target") -> None:
    """Raise ``ValueError`` if any class index lies outside ``[0, n_classes)``."""
    if target.size and (target.min() < 0 or target.max() >= n_classes):
        bad = target[(target < 0) | (target >= n_classes)].ravel()[0]
        raise ValueError(f"{name}: class index {int(bad)} is out of range for {n_classes} classes")


def check_same_shape(a: np.ndarray, b: np.ndarray, names: tuple[str, str]) -> None:
    """Raise ``ValueError`` unless the two arrays have identical shapes (no broadcasting)."""
    if a.shape != b.shape:
        raise ValueError(f"{names[1]}: shape {b.shape} does not match {names[0]} shape {a.shape}")


def check_probabilities(p: np.ndarray, name: str, *, open_interval: bool = False) -> None:
    """Raise ``ValueError`` unless every entry lies in [0, 1] (or (0, 1))."""
    if np.any(np.isnan(p)):
        raise ValueError(f"{name}: contains NaN")
    if open_interval:
        if np.any(p <= 0) or np.any(p >= 1):
            raise ValueError(f"{name}: probabilities must lie strictly between 0 and 1")
    elif np.any(p < 0) or np.any(p > 1):
        raise ValueError(
            f"{name}: probabilities must lie in [0, 1]; got values from "
            f"{float(np.min(p)):.4g} to {float(np.max(p)):.4g}"
        )


def check_distribution(p: np.ndarray, name: str, atol: float = 1e-6) -> None:
    """Raise ``ValueError`` unless ``p`` is a probability vector along the last axis."""
    check_probabilities(p, name)
    if p.ndim == 0:
        raise ValueError(f"{name}: expected a distribution over at least one outcome")
    sums = p.sum(axis=-1)
    if not np.allclose(sums, 1.0, rtol=0, atol=atol):
        worst = float(np.ravel(sums)[np.argmax(np.abs(np.ravel(sums) - 1))])
        raise ValueError(
            f"{name}: probabilities must sum to 1 along the last axis (got {worst:.6g})"
        )


def check_choice(value, name: str, choices: Iterable[str]) -> str:
    """Raise ``ValueError`` unless ``value`` is one of ``choices``."""
    choices = tuple(choices)
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name}: expected one of {choices}, got {value!r}")
    return value


def check_reduction(reduction) -> str:
    """Validate a PyTorch-style reduction name."""
    return check_choice(reduction, "reduction", REDUCTIONS)


def check_number(value, name: str, *, low=None, high=None, low_open=False) -> float:
    """Return ``value`` as a float, checking type, finiteness and an optional range."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name}: expected a number, got {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name}: must be finite, got {value}")
    if low is not None and (value < low or (low_open and value == low)):
        op = ">" if low_open else "≥"
        raise ValueError(f"{name}: must be {op} {low}, got {value}")
    if high is not None and value > high:
        raise ValueError(f"{name}: must be ≤ {high}, got {value}")
    return value


def check_int(value, name: str, *, low: int | None = None) -> int:
    """Return ``value`` as an int, checking type and a lower bound."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name}: expected an integer, got {type(value).__name__}")
    value = int(value)
    if low is not None and value < low:
        raise ValueError(f"{name}: must be ≥ {low}, got {value}")
    return value


def with_overrides(defaults: dict, overrides: dict) -> dict:
    """``defaults`` with ``overrides`` applied; a key ``defaults`` does not have is a
    ``TypeError`` naming it (an experiment's configuration taken as keyword arguments)."""
    unknown = set(overrides) - set(defaults)
    if unknown:
        raise TypeError(
            f"overrides: unknown setting {sorted(unknown)[0]!r}; "
            f"expected some of {sorted(defaults)}"
        )
    return {**defaults, **overrides}
