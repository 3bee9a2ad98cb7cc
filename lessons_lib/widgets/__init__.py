"""Interactive panels (ipywidgets + ipympl). Each panel holds its sliders and its figure;
display it in a notebook with one line, or set ``panel.<slider>.value`` from Python.

By notebook: 01–02 :mod:`~lessons_lib.widgets.neuron`; 03, 04, 06
:mod:`~lessons_lib.widgets.softmax`; 05 :mod:`~lessons_lib.widgets.information`;
07 :mod:`~lessons_lib.widgets.regularization`; 08 :mod:`~lessons_lib.widgets.hinge`;
09–10 :mod:`~lessons_lib.widgets.gradients`; 10 :mod:`~lessons_lib.widgets.robust`.
"""

from ._base import Panel
from .gradients import ExplodingPanel, VanishingPanel
from .hinge import HingePanel, MarginPanel
from .information import InformationPanel
from .neuron import CompareCostsPanel, LossSurfacePanel, NeuronPanel, SpeedMapPanel, scaled_eta
from .regularization import RegularizationPanel
from .robust import RobustLossPanel
from .softmax import JacobianPanel, LogitsPanel, SoftmaxSigmoidPanel, TrainingMonitor

__all__ = [
    "Panel",
    "NeuronPanel",
    "CompareCostsPanel",
    "LossSurfacePanel",
    "SpeedMapPanel",
    "scaled_eta",
    "LogitsPanel",
    "TrainingMonitor",
    "SoftmaxSigmoidPanel",
    "JacobianPanel",
    "InformationPanel",
    "RegularizationPanel",
    "HingePanel",
    "MarginPanel",
    "VanishingPanel",
    "ExplodingPanel",
    "RobustLossPanel",
]
