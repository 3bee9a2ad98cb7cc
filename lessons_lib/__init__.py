"""lessons_lib — the maths behind the Loss Lessons notebooks.

Modules by concept: :mod:`~lessons_lib.activations`, :mod:`~lessons_lib.losses`,
:mod:`~lessons_lib.information`, :mod:`~lessons_lib.gradcheck`,
:mod:`~lessons_lib.neuron`, :mod:`~lessons_lib.network`, :mod:`~lessons_lib.datasets`.
Plots and slider panels (``plots``, ``widgets``) import matplotlib and ipywidgets and are
loaded only when used.
"""

from . import activations, datasets, gradcheck, information, losses, network, neuron
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
from .network import History, Network
from .neuron import epochs_to_target, train_neuron

__version__ = "0.1.0"

__all__ = [
    "activations",
    "datasets",
    "gradcheck",
    "information",
    "losses",
    "network",
    "neuron",
    "Network",
    "History",
    "train_neuron",
    "epochs_to_target",
    "check_gradient",
    "numerical_gradient",
    "rel_error",
    "verdict",
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
