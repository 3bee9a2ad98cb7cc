"""Exercise checks: each ``check_*`` judges a learner's answer and returns a
:class:`Feedback` that shows "✔ Correct." or "✘ Not yet. Hint: …" (never the solution).

Notebooks 01–02: :mod:`lessons_lib.exercises.neuron`.
"""

from ._feedback import Feedback
from .neuron import (
    check_ce_bias_gradient,
    check_ce_epochs,
    check_ce_weight_gradient,
    check_first_step_ratio,
    check_sigmoid_prime,
    check_smallest_eta,
)

__all__ = [
    "Feedback",
    "check_sigmoid_prime",
    "check_first_step_ratio",
    "check_smallest_eta",
    "check_ce_bias_gradient",
    "check_ce_weight_gradient",
    "check_ce_epochs",
]
