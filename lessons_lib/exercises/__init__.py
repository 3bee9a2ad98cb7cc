"""Exercise checks: each ``check_*`` judges a learner's answer and returns a
:class:`Feedback` that shows "✔ Correct." or "✘ Not yet. Hint: …" (never the solution).

By notebook: 01–02 :mod:`~lessons_lib.exercises.neuron`; 03, 04, 06
:mod:`~lessons_lib.exercises.softmax`; 05 :mod:`~lessons_lib.exercises.information`;
07 :mod:`~lessons_lib.exercises.regularization`; 08 :mod:`~lessons_lib.exercises.hinge`;
09 :mod:`~lessons_lib.exercises.gradients`; 10 :mod:`~lessons_lib.exercises.exploding` and
:mod:`~lessons_lib.exercises.robust`.
"""

from ._feedback import Feedback
from .exploding import check_clip_by_norm, check_explosion_factor
from .gradients import check_he_scale, check_relu_prime, check_sigmoid_bound
from .hinge import check_hinge_gradient, check_hinge_loss, check_largest_zero_margin
from .information import check_entropy, check_reverse_kl, check_wrong_class_loss
from .neuron import (
    check_ce_bias_gradient,
    check_ce_epochs,
    check_ce_weight_gradient,
    check_first_step_ratio,
    check_sigmoid_prime,
    check_smallest_eta,
)
from .regularization import check_halving_steps, check_penalty_gradient, check_sparse_penalty
from .robust import check_smooth_l1
from .softmax import (
    check_cat_logit,
    check_either_class_gradient,
    check_jacobian_entry,
    check_log_softmax_jacobian,
    check_multilabel_gradient,
    check_output_layers,
    check_softmax,
    check_temperature_gradient,
    check_two_label_ceiling,
)

__all__ = [
    "Feedback",
    # 01–02
    "check_sigmoid_prime",
    "check_first_step_ratio",
    "check_smallest_eta",
    "check_ce_bias_gradient",
    "check_ce_weight_gradient",
    "check_ce_epochs",
    # 03, 04, 06
    "check_softmax",
    "check_cat_logit",
    "check_temperature_gradient",
    "check_output_layers",
    "check_multilabel_gradient",
    "check_two_label_ceiling",
    "check_log_softmax_jacobian",
    "check_either_class_gradient",
    "check_jacobian_entry",
    # 05
    "check_entropy",
    "check_reverse_kl",
    "check_wrong_class_loss",
    # 07
    "check_penalty_gradient",
    "check_halving_steps",
    "check_sparse_penalty",
    # 08
    "check_hinge_loss",
    "check_hinge_gradient",
    "check_largest_zero_margin",
    # 09–10
    "check_relu_prime",
    "check_sigmoid_bound",
    "check_he_scale",
    "check_explosion_factor",
    "check_clip_by_norm",
    "check_smooth_l1",
]
