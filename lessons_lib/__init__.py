"""lessons_lib — the maths behind the Loss Lessons notebooks.

Layers, each importing only the ones before it:

- maths: :mod:`~lessons_lib.activations`, :mod:`~lessons_lib.losses` (the registry every
  trainer takes its cost from), :mod:`~lessons_lib.information`, :mod:`~lessons_lib.gradcheck`;
- trainers: :mod:`~lessons_lib.neuron`, :mod:`~lessons_lib.network` (the textbook code a
  notebook points to; its speed engine is the private ``_engine``),
  :mod:`~lessons_lib.linear`, :mod:`~lessons_lib.training`; data: :mod:`~lessons_lib.datasets`;
- :mod:`~lessons_lib.experiments`: each lesson's data, configurations and cached runs;
- :mod:`~lessons_lib.plots` (drawing) and :mod:`~lessons_lib.widgets` (slider panels),
  loaded only when used; :mod:`~lessons_lib.exercises` (answer checks) beside them,
  importing no widgets.
"""

from . import (
    activations,
    datasets,
    gradcheck,
    information,
    linear,
    losses,
    network,
    neuron,
    training,
)
from .activations import (
    log_softmax,
    logsumexp,
    relu,
    relu_prime,
    sigmoid,
    sigmoid_prime,
    softmax,
    softmax_jacobian,
    tanh,
    tanh_prime,
)
from .gradcheck import check_gradient, numerical_gradient, rel_error, verdict
from .i18n import set_language, tr
from .linear import fit_linear
from .network import Network
from .neuron import epochs_to_target, train_neuron
from .training import History, clip_by_norm

__version__ = "0.1.0"

__all__ = [
    "activations",
    "datasets",
    "gradcheck",
    "information",
    "losses",
    "linear",
    "network",
    "neuron",
    "training",
    "Network",
    "History",
    "fit_linear",
    "clip_by_norm",
    "train_neuron",
    "epochs_to_target",
    "check_gradient",
    "numerical_gradient",
    "rel_error",
    "verdict",
    "set_language",
    "tr",
    "sigmoid",
    "sigmoid_prime",
    "relu",
    "relu_prime",
    "tanh",
    "tanh_prime",
    "softmax",
    "log_softmax",
    "logsumexp",
    "softmax_jacobian",
]
