"""Interactive panels (ipywidgets + ipympl). Each panel holds its sliders and its figure;
display it in a notebook with one line, or set ``panel.<slider>.value`` from Python.

Notebooks 01–02: :mod:`lessons_lib.widgets.neuron`.
"""

from ._base import Panel
from .neuron import CompareCostsPanel, LossSurfacePanel, NeuronPanel, SpeedMapPanel, scaled_eta

__all__ = [
    "Panel",
    "NeuronPanel",
    "CompareCostsPanel",
    "LossSurfacePanel",
    "SpeedMapPanel",
    "scaled_eta",
]
