"""How the lessons report a result that depends on the random seed, and how they write numbers.

A claim that rests on a trained network's outcome is shown over several seeds
(:data:`SEEDS`) as a :class:`Spread`: the mean, with the standard deviation or the range,
rounded as far as the spread allows (notebooks 03, 04, 07, 08, 09, 10).
:func:`fmt_number` writes any size in one style (415, 7.89, 6.37·10⁴, 2.1·10⁻⁵).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from .._checks import check_int
from ..i18n import tr

__all__ = ["SEEDS", "Spread", "fmt_number"]

SEEDS = (0, 1, 2, 3, 4)  # the default seeds of a seed sweep: five runs, as the standard asks

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_NUMBER_SPEC = re.compile(r".*[efgEFG%]$")


def fmt_number(x: float, digits: int = 3, *, trim: bool = False) -> str:
    """A size in one style for tables and readouts: 415, 7.89, 0.344, 6.37·10⁴, 2.1·10⁻⁵.

    ``digits`` significant figures (more for 1000–9999, which are written out); numbers
    from 10⁴ up and below 10⁻³ get a power of ten; ``trim`` drops trailing zeros (a
    setting such as η = 0.01 or 1·10⁻⁵). Non-finite values are "∞" / "−∞" / "not a
    number", so that no readout shows "nan". A true minus sign throughout.
    """
    x = float(x)
    digits = check_int(digits, "digits", low=1)
    if math.isnan(x):
        return tr("not a number")
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x == 0:
        return "0"
    e = math.floor(math.log10(abs(x)))
    mantissa = round(x / 10**e, digits - 1)
    if abs(mantissa) >= 10:  # 9.996 rounds up to the next power
        e, mantissa = e + 1, mantissa / 10
    if -3 <= e < 4:
        text = f"{x:.{max(digits - 1 - e, 0)}f}"
        if trim and "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace("-", "−")
    head = f"{mantissa:.{digits - 1}f}"
    if trim and "." in head:
        head = head.rstrip("0").rstrip(".")
    return f"{head}·10{str(e).translate(_SUPERSCRIPT)}".replace("-", "−", 1)


@dataclass(frozen=True)
class Spread:
    """A result over several seeds: ``values`` (one per seed), their mean, standard
    deviation (``sd``, ddof = 1), smallest and largest.

    ``str(s)`` → "0.435 ± 0.017" (the mean rounded to the sd's second significant figure);
    ``format(s, ".2f")`` → "0.19 (0.18–0.20)" (the mean and the range, in that number
    format); ``format(s, ">16")`` aligns ``str(s)``; :meth:`percent` → "83 ± 5 %";
    :meth:`range_text` → "0.41 to 0.45".
    """

    values: tuple[float, ...]

    @classmethod
    def of(cls, values) -> Spread:
        """The spread of finite ``values`` (one result per seed, at least one)."""
        v = np.asarray(values if isinstance(values, np.ndarray) else list(values), dtype=float)
        if v.ndim != 1 or v.size < 1 or not np.all(np.isfinite(v)):
            raise ValueError(f"values: expected finite numbers, one per seed, got {v.tolist()}")
        return cls(tuple(float(x) for x in v))

    @property
    def mean(self) -> float:
        """Mean over the seeds."""
        return float(np.mean(self.values))

    @property
    def sd(self) -> float:
        """Standard deviation over the seeds (0 for one seed)."""
        return float(np.std(self.values, ddof=1)) if len(self.values) > 1 else 0.0

    @property
    def lo(self) -> float:
        """Smallest value."""
        return min(self.values)

    @property
    def hi(self) -> float:
        """Largest value."""
        return max(self.values)

    def range_text(self, digits: int = 2) -> str:
        """ "0.41 to 0.45": the smallest and largest value, for results whose last digits
        depend on the CPU (a chaotic run moves its mean, rarely its extremes)."""
        return tr("{lo} to {hi}", lo=fmt_number(self.lo, digits), hi=fmt_number(self.hi, digits))

    def percent(self) -> str:
        """ "83 ± 5 %": mean ± sd of fractions, in whole percent (the spread over the seeds
        is a few percent, so further digits would be noise)."""
        return f"{100 * self.mean:.0f} ± {100 * self.sd:.0f} %"

    def __format__(self, spec: str) -> str:
        if _NUMBER_SPEC.match(spec):
            return f"{self.mean:{spec}} ({self.lo:{spec}}–{self.hi:{spec}})".replace("-", "−")
        return format(str(self), spec)

    def __str__(self) -> str:
        if self.sd == 0:
            return fmt_number(self.mean)
        e = math.floor(math.log10(self.sd)) - 1  # the sd's second significant digit
        if e < 0 and abs(self.mean) < 1e4:
            return f"{self.mean:.{-e}f} ± {self.sd:.{-e}f}".replace("-", "−")
        mean = round(self.mean, -e)
        digits = max(math.floor(math.log10(abs(mean))) - e + 1, 1) if mean else 1
        return f"{fmt_number(mean, digits)} ± {fmt_number(round(self.sd, -e), 2)}"
