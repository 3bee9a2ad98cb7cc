"""Exercise checks: each ``check_*`` judges a learner's answer and returns a
:class:`Feedback` that shows "✔ Correct." or "✘ Not yet. Hint: …" (never the solution).

By notebook: 01–02 :mod:`~lessons_lib.exercises.neuron`; 03, 04, 06
:mod:`~lessons_lib.exercises.softmax`; 05 :mod:`~lessons_lib.exercises.information`;
07 :mod:`~lessons_lib.exercises.regularization`; 08 :mod:`~lessons_lib.exercises.hinge`;
09 :mod:`~lessons_lib.exercises.gradients`; 10 :mod:`~lessons_lib.exercises.exploding` and
:mod:`~lessons_lib.exercises.robust`. ``tests/test_exercises_all.py`` runs every check
listed here through the same bad answers.
"""

from ._feedback import Feedback
from .exploding import (
    check_clip_by_norm,
    check_explosion_factor,
)
from .gradients import (
    check_he_scale,
    check_relu_factor,
    check_vanishing_depth,
)
from .hinge import (
    check_equivalent_lambda,
    check_hinge_gradient,
    check_hinge_loss,
    check_largest_zero_margin,
    check_pushing_without_outliers,
)
from .information import (
    check_entropy,
    check_kl_asymmetry,
    check_negative_log_likelihood,
)
from .neuron import (
    CE_PLATEAU_EXERCISE,
    PLATEAU_EXERCISE,
    SOFT_TARGET,
    check_ce_plateau_length,
    check_first_step_ratio,
    check_matched_eta,
    check_plateau_length,
    check_sigmoid_prime,
    check_smallest_eta,
    check_soft_target_minimum,
)
from .regularization import (
    check_clean_fit_accuracy,
    check_halving_steps,
    check_penalty_gradient,
    check_sparse_penalty,
)
from .robust import (
    check_frozen_shift,
    check_smooth_l1,
)
from .softmax import (
    OUTPUT_LAYER_SCENARIOS,
    PANEL_LOGITS,
    check_cat_logit,
    check_cold_cost,
    check_either_class_gradient,
    check_equal_scores_jacobian,
    check_jacobian_entry,
    check_log_softmax_jacobian,
    check_matching_logit,
    check_multilabel_gradient,
    check_output_layers,
    check_softmax,
    check_temperature_gradient,
)

__all__ = [
    "Feedback",
    # 01–02
    "check_sigmoid_prime",
    "check_first_step_ratio",
    "check_plateau_length",
    "check_smallest_eta",
    "check_ce_plateau_length",
    "check_matched_eta",
    "check_soft_target_minimum",
    "PLATEAU_EXERCISE",
    "CE_PLATEAU_EXERCISE",
    "SOFT_TARGET",
    # 03, 04, 06
    "check_cold_cost",
    "check_softmax",
    "check_cat_logit",
    "check_temperature_gradient",
    "check_output_layers",
    "check_multilabel_gradient",
    "check_matching_logit",
    "check_log_softmax_jacobian",
    "check_either_class_gradient",
    "check_jacobian_entry",
    "check_equal_scores_jacobian",
    "OUTPUT_LAYER_SCENARIOS",
    "PANEL_LOGITS",
    # 05
    "check_entropy",
    "check_kl_asymmetry",
    "check_negative_log_likelihood",
    # 07
    "check_penalty_gradient",
    "check_halving_steps",
    "check_clean_fit_accuracy",
    "check_sparse_penalty",
    # 08
    "check_hinge_loss",
    "check_hinge_gradient",
    "check_largest_zero_margin",
    "check_pushing_without_outliers",
    "check_equivalent_lambda",
    # 09
    "check_vanishing_depth",
    "check_relu_factor",
    "check_he_scale",
    # 10
    "check_explosion_factor",
    "check_clip_by_norm",
    # 10
    "check_smooth_l1",
    "check_frozen_shift",
]
