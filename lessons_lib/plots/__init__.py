"""Drawing for the notebooks: ``plot_*`` draws on a given Axes and returns its artists,
``update_*`` changes those artists in place (used by :mod:`lessons_lib.widgets`).

By notebook: 01–02 :mod:`~lessons_lib.plots.neuron` (re-exported here); 03, 04, 06
:mod:`~lessons_lib.plots.softmax`; 05 :mod:`~lessons_lib.plots.information`;
07 :mod:`~lessons_lib.plots.regularization`; 08 :mod:`~lessons_lib.plots.hinge`;
09–10 :mod:`~lessons_lib.plots.gradients`; 10 :mod:`~lessons_lib.plots.robust`.
"""

from . import gradients, hinge, information, regularization, robust, softmax
from ._style import new_figure, show
from .neuron import (
    compute_speed_maps,
    plot_loss_surface,
    plot_sigmoid_prime,
    plot_speed_map,
    plot_training,
    speed_map_grid,
    update_loss_path,
    update_sigmoid_prime,
    update_speed_map,
    update_training,
)

__all__ = [
    "gradients",
    "hinge",
    "information",
    "regularization",
    "robust",
    "softmax",
    "new_figure",
    "show",
    "compute_speed_maps",
    "plot_loss_surface",
    "plot_sigmoid_prime",
    "plot_speed_map",
    "plot_training",
    "speed_map_grid",
    "update_loss_path",
    "update_sigmoid_prime",
    "update_speed_map",
    "update_training",
]
