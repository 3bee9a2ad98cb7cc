"""Vanishing and exploding gradients: the experiments and their panels (notebooks 09, 10).

Both train :class:`lessons_lib.network.Network` on a subset of the handwritten digits and
read the per-layer gradient norms ‖∂C/∂b^l‖ that :class:`~lessons_lib.network.History`
records (entry 0 is at initialisation).

- :func:`vanishing_run` and :class:`VanishingPanel` — depth, activation, weight scale and
  cost; the gradient of each layer at the start and during a short training run.
- :func:`exploding_run` and :class:`ExplodingPanel` — a deep ReLU regression net whose
  weights are scaled up: the loss jumps and the parameters become NaN, reported as a
  result ("diverged at epoch k, batch j"), never as a Python warning.
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as w
import numpy as np

from ..datasets import load_digits
from ..network import History, Network
from ..plots._style import rescale
from ..plots.gradients import (
    DIVERGED_COLOR,
    plot_layer_norms,
    plot_loss_history,
    plot_norm_history,
    update_layer_norms,
    update_loss_history,
    update_norm_history,
)
from ._base import Panel, float_slider, int_slider, log_slider

__all__ = [
    "digits_subset",
    "vanishing_run",
    "initial_gradient_norms",
    "per_layer_factor",
    "VanishingPanel",
    "exploding_run",
    "describe_run",
    "first_step_sizes",
    "ExplodingPanel",
]

HIDDEN_LABELS = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU"}
COST_LABELS = {"quadratic": "quadratic", "cross_entropy": "cross-entropy"}
VANISH_CONFIG = {"width": 30, "n": 300, "epochs": 15, "batch_size": 20, "eta": 0.2, "seed": 0}
EXPLODE_CONFIG = {
    "depth": 6,
    "width": 30,
    "n": 300,
    "epochs": 20,
    "batch_size": 20,
    "hidden": "relu",
    "init": "he",
    "seed": 0,
}
MAX_DEPTH = 8
CACHE_SIZE = 128  # runs a panel keeps, most recently used first


@lru_cache(maxsize=4)
def _digits(n: int):
    X, y = load_digits()
    X, y = X[:n].copy(), y[:n].copy()
    X.setflags(write=False)
    y.setflags(write=False)
    return X, y


def digits_subset(n: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """The first ``n`` handwritten digits: X (n, 64) in [0, 1], y (n,) (read-only, shared)."""
    return _digits(int(n))


def _vanishing_net(depth, hidden, weight_scale, cost, cfg) -> Network:
    return Network(
        [64] + [cfg["width"]] * int(depth) + [10],
        hidden=hidden,
        output="sigmoid",
        cost=cost,
        init="scaled",
        weight_scale=weight_scale,
        seed=cfg["seed"],
    )


def vanishing_run(
    depth: int,
    hidden: str = "sigmoid",
    weight_scale: float = 1.0,
    cost: str = "cross_entropy",
    **overrides,
) -> History:
    """Train [64, 30 × depth, 10] (sigmoid outputs) on 300 digits; return its History.

    ``history.grad_norms[0]`` holds ‖∂C/∂b^l‖ of every layer at initialisation (Nielsen's
    "speed of learning" of a layer), later entries after each epoch. Default run: 15
    epochs of mini-batches of 20 at η = 0.2, init "scaled" × ``weight_scale``, seed 0;
    ``overrides`` change any of width, n, epochs, batch_size, eta, seed.
    """
    cfg = {**VANISH_CONFIG, **overrides}
    X, y = digits_subset(cfg["n"])
    net = _vanishing_net(depth, hidden, weight_scale, cost, cfg)
    return net.fit(X, y, epochs=cfg["epochs"], batch_size=cfg["batch_size"], eta=cfg["eta"])


def initial_gradient_norms(
    depth: int,
    hidden: str = "sigmoid",
    weight_scale: float = 1.0,
    cost: str = "cross_entropy",
    **overrides,
) -> np.ndarray:
    """‖∂C/∂b^l‖ per layer of :func:`vanishing_run`'s network before training, (depth + 1,)."""
    cfg = {**VANISH_CONFIG, **overrides}
    X, y = digits_subset(cfg["n"])
    return _vanishing_net(depth, hidden, weight_scale, cost, cfg).gradient_norms(X, y)[0]


def per_layer_factor(norms) -> float:
    """Average factor between neighbouring hidden layers: (‖g_first‖/‖g_last‖)^(1/(L−1)).

    norms: per-layer gradient norms with the output layer last (as in ``grad_norms``);
    needs at least two hidden layers. Below 1 the gradient shrinks towards the input.
    NaN when no gradient reaches the last hidden layer (a completely saturated output).
    """
    g = np.asarray(norms, dtype=np.float64)[:-1]
    if g.size < 2:
        raise ValueError("norms: need at least two hidden layers")
    if not g[-1] > 0:
        return float("nan")
    return float((g[0] / g[-1]) ** (1.0 / (g.size - 1)))


class VanishingPanel(Panel):
    """Gradient norm of every layer at the start and during training (notebook 09).

    Sliders: depth (1–8 hidden layers of 30), hidden activation, a factor on the initial
    weights, and the cost of the sigmoid output layer. Left: ‖∂C/∂b^l‖ per layer at
    initialisation (log scale); right: the same norms after each epoch of a short run.
    The last 128 settings are kept, so going back to one is instant.
    """

    figsize = (10.5, 3.3)

    def __init__(self, *, depth=4, hidden="sigmoid", weight_scale=1.0, cost="cross_entropy"):
        super().__init__()
        self.depth = int_slider("hidden layers", depth, 1, MAX_DEPTH)
        self.hidden = w.ToggleButtons(
            options=[(v, k) for k, v in HIDDEN_LABELS.items()], value=hidden, description="hidden"
        )
        self.weight_scale = log_slider("weight scale", weight_scale, 0.1, 10.0)
        self.cost = w.ToggleButtons(
            options=[(v, k) for k, v in COST_LABELS.items()], value=cost, description="cost"
        )
        self._runs = lru_cache(maxsize=CACHE_SIZE)(vanishing_run)
        h = self.history
        ax_b, ax_t = self.fig.subplots(1, 2)
        self.bars = plot_layer_norms(h.grad_norms[0], ax=ax_b, max_layers=MAX_DEPTH + 1)
        ax_b.set_title("at initialisation")
        self.lines = plot_norm_history(np.array(h.grad_norms), ax=ax_t, max_layers=MAX_DEPTH + 1)
        ax_t.set_title(f"during training ({VANISH_CONFIG['epochs']} epochs)")
        self._blit(*self.bars["bars"], *self.bars["values"], *self.lines["lines"])
        self._finish([[self.depth, self.weight_scale], [self.hidden], [self.cost]])

    def _static_state(self):
        return self.depth.value  # the layer names under the bars

    def key(self) -> tuple:
        """(depth, hidden, weight scale, cost) as set now."""
        return (
            self.depth.value,
            self.hidden.value,
            round(self.weight_scale.value, 6),
            self.cost.value,
        )

    @property
    def history(self) -> History:
        """The run for the current setting (trained on first use, then kept)."""
        return self._runs(*self.key())

    def _update(self) -> None:
        h = self.history
        g0 = h.grad_norms[0]
        update_layer_norms(self.bars, g0)
        update_norm_history(self.lines, np.array(h.grad_norms))
        depth, hidden, scale, cost = self.key()
        parts = [f"{HIDDEN_LABELS[hidden]}, {depth} hidden, scale {scale:.3g}, {COST_LABELS[cost]}"]
        if depth >= 2 and g0[depth - 1] > 0:
            parts.append(
                f"first/last hidden layer at start: {g0[0] / g0[depth - 1]:.1e}"
                f" (× {per_layer_factor(g0):.2f} per layer)"
            )
        elif depth >= 2:
            parts.append("no gradient reaches the hidden layers: the output is saturated")
        parts.append(f"output layer: {g0[-1]:.3f}")
        if h.diverged:
            epoch, batch = h.diverged_at
            parts.append(f"training diverged at epoch {epoch}, batch {batch}")
        else:
            parts.append(f"training accuracy after {h.epochs} epochs: {h.accuracy[-1]:.0%}")
        self.readout.value = " &nbsp;·&nbsp; ".join(parts)


# -- exploding gradients --------------------------------------------------------------------


def exploding_run(
    weight_scale: float = 2.0,
    eta: float = 0.01,
    *,
    clip_norm: float | None = None,
    l2: float = 0.0,
    **overrides,
) -> History:
    """Train a deep regression net on 300 digits (one-hot targets, linear output, MSE).

    [64, 30 × 6, 10], ReLU, He initialisation × ``weight_scale``: scale 1 keeps the
    signal's size from layer to layer, scale 2 doubles it at every layer, so the gradient
    of the first layer grows like 2^(2·6). The cost is the quadratic ½‖a − y‖² averaged
    over examples. 20 epochs of mini-batches of 20 at ``eta``; ``clip_norm`` and ``l2``
    go to :meth:`Network.fit`; ``overrides`` change any of depth, width, n, epochs,
    batch_size, hidden, init, seed. Never warns: a run that overflows stops and reports
    ``history.diverged_at`` = (epoch, batch).
    """
    cfg = {**EXPLODE_CONFIG, **overrides}
    X, y = digits_subset(cfg["n"])
    net = Network(
        [64] + [cfg["width"]] * cfg["depth"] + [10],
        hidden=cfg["hidden"],
        output="linear",
        cost="quadratic",
        init=cfg["init"],
        weight_scale=weight_scale,
        seed=cfg["seed"],
    )
    return net.fit(
        X,
        np.eye(10)[y],
        epochs=cfg["epochs"],
        batch_size=cfg["batch_size"],
        eta=eta,
        clip_norm=clip_norm,
        l2=l2,
    )


def describe_run(history: History) -> str:
    """One line for a run: "diverged at epoch k, batch j", or how far the loss fell."""
    if history.diverged:
        epoch, batch = history.diverged_at
        return f"diverged at epoch {epoch}, batch {batch}"
    return f"loss {history.loss[0]:.3g} → {history.loss[-1]:.3g} in {history.epochs} epochs"


CLIP_OPTIONS = (("off", 0.0), ("‖g‖ ≤ 10", 10.0), ("‖g‖ ≤ 1", 1.0))


def first_step_sizes(history: History, eta: float, clip: float | None = None) -> np.ndarray:
    """η·‖∂C/∂b^l‖ per layer at the start: how far a step along the full training set's
    gradient would move each layer's biases, after clipping the whole gradient (weights
    and biases) to norm ``clip`` if given. Shape (L,), like ``history.grad_norms[0]``."""
    g = np.asarray(history.grad_norms[0], dtype=np.float64)
    if clip:
        gw = np.asarray(history.weight_grad_norms[0], dtype=np.float64)
        total = float(np.sqrt(np.sum(g**2) + np.sum(gw**2)))
        if np.isfinite(total) and total > clip:
            g = g * (clip / total)
    return eta * g


class ExplodingPanel(Panel):
    """A deep ReLU net whose initial weights are scaled up (notebook 10).

    Sliders: weight scale (1 = He's initialisation), η, and gradient clipping. Left: each
    layer's ‖∂C/∂b^l‖ at the start (log scale), and in red the step η·‖∂C/∂b^l‖ a layer
    would take (clipped if clipping is on) — η moves it even where every run diverges at
    once; middle: the training loss, with a red ✕ where the parameters became NaN; right:
    each layer's gradient norm after every epoch.
    """

    figsize = (10.5, 3.3)

    def __init__(self, *, weight_scale: float = 2.0, eta: float = 0.01, clip: float = 0.0):
        super().__init__()
        self.weight_scale = float_slider("weight scale", weight_scale, 0.5, 3.0, 0.05)
        self.eta = log_slider("η", eta, 1e-4, 0.3)
        self.clip = w.ToggleButtons(options=list(CLIP_OPTIONS), value=clip, description="clip")
        self._runs = lru_cache(maxsize=CACHE_SIZE)(
            lambda scale, eta, clip: exploding_run(scale, eta, clip_norm=clip or None)
        )
        h = self.history
        ax_b, ax_l, ax_g = self.fig.subplots(1, 3)
        depth = EXPLODE_CONFIG["depth"]
        self.bars = plot_layer_norms(h.grad_norms[0], ax=ax_b, max_layers=depth + 1)
        (self.steps,) = ax_b.plot([], [], "_", color=DIVERGED_COLOR, ms=16, mew=2.5)
        ax_b.set_title("gradient at the start; red: η × it")
        self.loss = plot_loss_history(
            h.loss, h.diverged_at, ax=ax_l, epochs=EXPLODE_CONFIG["epochs"]
        )
        ax_l.set_title("training loss ½‖a − y‖²")
        self.lines = plot_norm_history(
            np.array(h.grad_norms), ax=ax_g, max_layers=depth + 1, epochs=EXPLODE_CONFIG["epochs"]
        )
        ax_g.set_title("gradient during training")
        lo = self.loss
        self._blit(
            *self.bars["bars"],
            self.steps,
            *self.bars["values"],
            lo["loss"],
            lo["marker"],
            lo["note"],
            *self.lines["lines"],
        )
        self._finish([[self.weight_scale, self.eta], [self.clip]])

    def key(self) -> tuple:
        """(weight scale, η, clip norm or 0) as set now."""
        return (round(self.weight_scale.value, 6), round(self.eta.value, 8), self.clip.value)

    @property
    def history(self) -> History:
        """The run for the current setting (trained on first use, then kept)."""
        return self._runs(*self.key())

    def _update_bars(self, h: History, steps: np.ndarray) -> None:
        """Bars of the initial gradient and the step markers, on one log axis."""
        g = h.grad_norms[0]
        ax = self.bars["bars"][0].axes
        shown = np.concatenate([g, steps])
        shown = shown[np.isfinite(shown) & (shown > 0)]
        if shown.size:
            # what plot_layer_norms' own fit asks for (bars), extended down to the steps
            hi = 2.0 * float(shown.max())
            lo = min(float(shown.min()) / 2.0, hi / 100.0)
            rescale(ax, lo, hi)
        update_layer_norms(self.bars, g)
        if shown.size:
            bottom, top = ax.get_ylim()
            if not (bottom <= lo and hi <= top):  # the bars' fit shrank the axis: refit
                rescale(ax, lo, hi, force=True)
                update_layer_norms(self.bars, g)
        v = np.where(np.isfinite(steps) & (steps > 0), steps, np.nan)
        self.steps.set_data(np.arange(len(v)), v)

    def _update(self) -> None:
        h = self.history
        scale, eta, clip = self.key()
        self._update_bars(h, first_step_sizes(h, eta, clip))
        update_loss_history(self.loss, h.loss, h.diverged_at)
        update_norm_history(self.lines, np.array(h.grad_norms))
        self.readout.value = (
            f"scale {scale:.2f}, η = {eta:.3g}, clipping {'off' if not clip else f'at {clip:g}'}"
            f" &nbsp;·&nbsp; first-layer gradient at the start: {h.grad_norms[0][0]:.3g}"
            f" &nbsp;·&nbsp; <b>{describe_run(h)}</b>"
        )
