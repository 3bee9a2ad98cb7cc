"""Interactive panels (ipywidgets + ipympl): sliders, figures and readouts only. Each panel
holds its controls and its figure; display it in a notebook with one line, or set
``panel.<slider>.value`` from Python. What a panel shows is computed by
:mod:`lessons_lib.experiments` and drawn by :mod:`lessons_lib.plots`.

By notebook: 01–02 :mod:`~lessons_lib.widgets.neuron`; 03, 04, 06
:mod:`~lessons_lib.widgets.softmax`; 05 :mod:`~lessons_lib.widgets.information`;
07 :mod:`~lessons_lib.widgets.regularization`; 08 :mod:`~lessons_lib.widgets.hinge`;
09 :mod:`~lessons_lib.widgets.gradients`; 10 :mod:`~lessons_lib.widgets.exploding` and
:mod:`~lessons_lib.widgets.robust`.
"""

import importlib
import inspect
import pkgutil

from ._base import Panel
from .exploding import ExplodingPanel
from .gradients import VanishingPanel
from .hinge import HingePanel, MarginPanel
from .information import InformationPanel
from .monitor import TrainingMonitor
from .neuron import CompareCostsPanel, LossSurfacePanel, NeuronPanel, SpeedMapPanel
from .regularization import RegularizationPanel
from .robust import RobustLossPanel
from .softmax import JacobianPanel, LogitsPanel, SoftmaxSigmoidPanel

__all__ = [
    "all_panels",
    "Panel",
    "NeuronPanel",
    "CompareCostsPanel",
    "LossSurfacePanel",
    "SpeedMapPanel",
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


def all_panels() -> dict[str, type[Panel]]:
    """Every slider panel of the suite: {"module.Class": class} for each :class:`Panel`
    subclass defined in a ``lessons_lib.widgets`` module that is built without arguments.

    Tests and benchmarks iterate over this, so a new lesson's panel is covered by the generic
    tests (every control to both ends, pixel-exact blits, no idle redraws …) and timed by the
    benchmarks as soon as its module exists.
    """
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, Panel)
                and obj.__module__ == module.__name__
                and not name.startswith("_")
                and not any(
                    p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
                    for p in inspect.signature(obj).parameters.values()
                )
            ):
                found[f"{info.name}.{name}"] = obj
    return found
