"""What every trainer shares: the per-epoch record of a run and gradient clipping.

Used by :mod:`lessons_lib.network` (and its engine) and taught in notebooks 09–10.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ._checks import check_number

__all__ = ["History", "clip_by_norm"]


@dataclass
class History:
    """Per-epoch record of :meth:`Network.fit <lessons_lib.network.Network.fit>`; entry 0
    is before training.

    ``loss``/``val_loss``: mean data cost (without the L1/L2 term); ``accuracy``: fraction
    of correct classes (argmax) for class-index targets, fraction of correct 0/1 labels at
    threshold 0.5 for target matrices with a sigmoid output, NaN for a linear output with
    real targets; ``grad_norms``: per layer ‖∂C/∂b^l‖ over the training set (Nielsen's
    "speed of learning" of a layer), ``weight_grad_norms``: ‖∂C/∂W^l‖. ``diverged`` is set
    (and training stops, without warnings) when the parameters stop being finite.
    """

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    grad_norms: list[np.ndarray] = field(default_factory=list)
    weight_grad_norms: list[np.ndarray] = field(default_factory=list)
    diverged: bool = False
    diverged_at: tuple[int, int] | None = None  # (epoch, mini-batch), both from 1

    @property
    def epochs(self) -> int:
        """Number of epochs recorded after the initial entry."""
        return max(len(self.loss) - 1, 0)


def clip_by_norm(grads, max_norm: float):
    """g · min(1, max_norm / ‖g‖): the same direction, at most ``max_norm`` long (nb 10).

    ``grads``: one array, or a list of arrays clipped *together* (‖g‖ over all of them,
    as ``Network.fit(clip_norm=…)`` and ``torch.nn.utils.clip_grad_norm_`` do). Returns
    the same structure, new arrays; a gradient already short enough is returned as is.
    """
    max_norm = check_number(max_norm, "max_norm", low=0.0, low_open=True)
    parts = grads if isinstance(grads, (list, tuple)) else [grads]
    norm = math.sqrt(sum(float(np.sum(np.square(g))) for g in parts))
    if not norm > max_norm:  # also leaves a NaN gradient alone: divergence is reported
        return grads
    scale = max_norm / norm
    scaled = [g * scale for g in parts]
    return scaled if isinstance(grads, (list, tuple)) else scaled[0]
