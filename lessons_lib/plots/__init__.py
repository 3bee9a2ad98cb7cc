"""Drawing for the notebooks: ``plot_*`` draws on a given Axes and returns its artists,
``update_*`` changes those artists in place (used by :mod:`lessons_lib.widgets`).

Notebooks 01–02: :mod:`lessons_lib.plots.neuron`.
"""

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
