"""Drawing for the notebooks: ``plot_*`` draws on a given Axes and returns its artists,
``update_*`` changes those artists in place (used by :mod:`lessons_lib.widgets`).

:mod:`~lessons_lib.plots.style` holds the suite's palette (one colour per concept) and
settings; :mod:`~lessons_lib.plots.common` the helpers every figure uses (``new_figure``,
``show`` at print resolution, axis fitting, decision regions). By notebook: 01–02
:mod:`~lessons_lib.plots.neuron` (re-exported here); 03, 04, 06
:mod:`~lessons_lib.plots.softmax`; 05 :mod:`~lessons_lib.plots.information`;
07 :mod:`~lessons_lib.plots.regularization`; 08 :mod:`~lessons_lib.plots.hinge`;
09–10 :mod:`~lessons_lib.plots.gradients`; 10 :mod:`~lessons_lib.plots.exploding` and
:mod:`~lessons_lib.plots.robust`.
"""

from . import (
    common,
    exploding,
    gradients,
    hinge,
    information,
    regularization,
    robust,
    softmax,
    style,
)
from .common import new_figure, show
from .neuron import (
    plot_loss_surface,
    plot_sigmoid_prime,
    plot_speed_map,
    plot_training,
    update_loss_path,
    update_sigmoid_prime,
    update_speed_map,
    update_training,
)
from .style import styled

__all__ = [
    "common",
    "style",
    "exploding",
    "gradients",
    "hinge",
    "information",
    "regularization",
    "robust",
    "softmax",
    "new_figure",
    "show",
    "styled",
    "plot_loss_surface",
    "plot_sigmoid_prime",
    "plot_speed_map",
    "plot_training",
    "update_loss_path",
    "update_sigmoid_prime",
    "update_speed_map",
    "update_training",
]
