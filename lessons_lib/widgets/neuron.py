"""Slider panels for the single-neuron lessons (notebooks 01–02).

- :class:`NeuronPanel` — one neuron learning: cost and output vs epoch, σ′(z) with z marked.
- :class:`CompareCostsPanel` — quadratic vs cross-entropy from the same start.
- :class:`LossSurfacePanel` — C(w, b) contours for both costs with the descent path.
- :class:`SpeedMapPanel` — epochs until a ≤ 0.1 over a grid of starts, for both costs.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from ..experiments.neuron import COSTS, REFERENCE_STARTS, scaled_eta, speed_map_grid
from ..neuron import epochs_to_target, train_neuron
from ..plots.common import rescale
from ..plots.neuron import (
    plot_loss_surface,
    plot_sigmoid_prime,
    plot_speed_map,
    plot_training,
    update_loss_path,
    update_sigmoid_prime,
    update_speed_map,
    update_training,
)
from ..plots.style import COLORS, LABELS
from ._base import SEP, Panel, float_slider, int_slider, log_slider

__all__ = ["NeuronPanel", "CompareCostsPanel", "LossSurfacePanel", "SpeedMapPanel"]

W_RANGE = (-6.0, 6.0)
ETA_RANGE = (0.001, 5.0)
EPOCH_RANGE = (10, 1000)


class _StartControls:
    """w₀, b₀, η, epochs sliders and the reference-start buttons (shared by the panels)."""

    def _make_start_controls(self, w0, b0, eta, epochs, *, eta_label="η"):
        self.w0 = float_slider("initial w", w0, *W_RANGE, 0.05)
        self.b0 = float_slider("initial b", b0, *W_RANGE, 0.05)
        self.eta = log_slider(eta_label, eta, *ETA_RANGE)
        self.epochs = int_slider("epochs", epochs, *EPOCH_RANGE, step=10)
        self.buttons = []
        for label, (bw, bb) in REFERENCE_STARTS.items():
            button = w.Button(description=label, layout=w.Layout(width="190px"))
            button.on_click(lambda _b, bw=bw, bb=bb: self.set_start(bw, bb))
            self.buttons.append(button)
        return [self.w0, self.b0], [self.eta, self.epochs], self.buttons

    def set_start(self, w0: float, b0: float) -> None:
        """Move both start sliders with one redraw (what the preset buttons do)."""
        with self.hold():
            self.w0.value = w0
            self.b0.value = b0


class NeuronPanel(_StartControls, Panel):
    """One neuron learning under a chosen cost: cost and a vs epoch, σ′(z) with z marked.

    Readouts: a(0), a(end) and the first step's gradient ∂C/∂w. Notebook 01.
    """

    figsize = (10.0, 3.0)

    def __init__(self, *, cost="quadratic_cost", w0=0.6, b0=0.9, eta=0.15, epochs=300):
        super().__init__()
        starts, training, buttons = self._make_start_controls(w0, b0, eta, epochs)
        self.cost = w.ToggleButtons(
            options=[(LABELS[c], c) for c in COSTS], value=cost, description="cost"
        )
        ax_c, ax_a, ax_s = self.fig.subplots(1, 3)
        self.run = self._train()
        self.lines = plot_training(self.run, ax_cost=ax_c, ax_output=ax_a)
        self.marks = plot_sigmoid_prime(self.run.w[0] + self.run.b[0], ax=ax_s)
        ax_s.legend(loc="upper right", fontsize=8)
        ax_c.set_title("cost")
        ax_a.set_title("output a (target y = 0)")
        ax_s.set_title("σ′(z): the factor in the step")
        self._blit(*self.lines.values(), self.marks["start"], self.marks["end"])
        self._finish([starts, training, [self.cost, *buttons]])

    def _train(self):
        return train_neuron(
            self.w0.value,
            self.b0.value,
            cost=self.cost.value,
            eta=self.eta.value,
            epochs=self.epochs.value,
        )

    def _update(self) -> None:
        self.run = run = self._train()
        update_training(self.lines, run)
        color = COLORS[run.cost_name]
        for line in self.lines.values():
            line.set_color(color)
        update_sigmoid_prime(self.marks, run.w[0] * run.x + run.b[0], run.w[-1] * run.x + run.b[-1])
        self.readout.value = (
            f"a(0) = {run.a[0]:.3f}{SEP}a({run.epochs}) = {run.a[-1]:.3f}"
            f"{SEP}first-step gradient ∂C/∂w = {run.dw[0]:.4f}"
            f"{SEP}{LABELS[run.cost_name]}, η = {run.eta:.3g}"
        )


class CompareCostsPanel(_StartControls, Panel):
    """Quadratic and cross-entropy from the same start on one figure (notebook 02).

    Left: output a vs epoch; right: |∂C/∂w| vs epoch (log scale) — the cause. The toggle
    chooses "same η" for both costs or "η scaled" (cross-entropy gets η/4, see
    :func:`scaled_eta`). The legend shows the η of each curve.
    """

    figsize = (10.0, 3.2)
    MODES = ("same η", "η scaled")

    def __init__(self, *, w0=2.0, b0=2.0, eta=0.15, epochs=300, mode="same η"):
        super().__init__()
        starts, training, buttons = self._make_start_controls(w0, b0, eta, epochs)
        self.mode = w.ToggleButtons(options=list(self.MODES), value=mode, description="η for CE")
        ax_a, ax_g = self.fig.subplots(1, 2)
        self.runs = self._train()
        self.lines = {}
        self.grad_lines = {}
        for cost, run in self.runs.items():
            self.lines[cost] = plot_training(run, ax_output=ax_a)
            (self.grad_lines[cost],) = ax_g.semilogy(
                np.arange(run.epochs + 1), np.abs(run.dw), color=COLORS[cost]
            )
            rescale(ax_g, 0.0, float(run.epochs), axis="x", force=True)
        ax_a.set_title("output a")
        ax_g.set_title("gradient size |∂C/∂w|")
        ax_g.set_xlabel("epoch")
        self.legend = ax_a.legend(loc="upper right", fontsize=8)
        self._blit(*(d["output"] for d in self.lines.values()), *self.grad_lines.values())
        self._finish([starts, training, [self.mode, *buttons]])

    def _static_state(self):
        # the legend shows each η: a new η redraws the figure once
        return tuple(t.get_text() for t in self.legend.get_texts())

    def etas(self) -> dict[str, float]:
        """The η used for each cost under the current toggle."""
        eta = self.eta.value
        ce = eta if self.mode.value == "same η" else scaled_eta(eta)
        return {"quadratic_cost": eta, "binary_cross_entropy_with_logits": ce}

    def _train(self):
        return {
            cost: train_neuron(
                self.w0.value, self.b0.value, cost=cost, eta=eta, epochs=self.epochs.value
            )
            for cost, eta in self.etas().items()
        }

    def _update(self) -> None:
        self.runs = self._train()
        parts = []
        for cost, run in self.runs.items():
            update_training(self.lines[cost], run)
            g = self.grad_lines[cost]
            g.set_data(np.arange(run.epochs + 1), np.maximum(np.abs(run.dw), 1e-300))
            reached = np.flatnonzero(run.a <= 0.1)
            when = f"epoch {reached[0]}" if reached.size else f"not within {run.epochs}"
            parts.append(f"{LABELS[cost]} (η = {run.eta:.3g}): a ≤ 0.1 at {when}")
        ax_g = self.grad_lines["quadratic_cost"].axes
        rescale(ax_g, 0.0, float(self.epochs.value), axis="x")
        sizes = np.concatenate([np.abs(r.dw) for r in self.runs.values()])
        sizes = sizes[sizes > 0]
        if sizes.size:
            rescale(ax_g, float(sizes.min()), float(sizes.max()))
        for text, cost in zip(self.legend.get_texts(), self.runs):
            text.set_text(self.lines[cost]["output"].get_label())
        self.readout.value = SEP.join(parts)


class LossSurfacePanel(_StartControls, Panel):
    """C(w, b) for both costs as filled contours with the gradient-descent path (nb 02).

    The surfaces are computed once; a slider move only redraws the two paths. Dots mark
    every 10th epoch: where they bunch up, learning is slow.
    """

    figsize = (10.0, 4.2)
    LIM = 6.0

    def __init__(self, *, w0=2.0, b0=2.0, eta=0.15, epochs=300):
        super().__init__()
        starts, training, buttons = self._make_start_controls(w0, b0, eta, epochs)
        axes = self.fig.subplots(1, 2)
        self.surfaces = {}
        for ax, cost in zip(axes, COSTS):
            self.surfaces[cost] = plot_loss_surface(cost, ax=ax, lim=self.LIM)
            ax.set_aspect("equal")
        self.fig.colorbar(self.surfaces["quadratic_cost"]["contour"], ax=axes[0], shrink=0.8)
        self.fig.colorbar(
            self.surfaces["binary_cross_entropy_with_logits"]["contour"], ax=axes[1], shrink=0.8
        )
        self._blit(*(a[k] for a in self.surfaces.values() for k in ("path", "dots", "start")))
        self._finish([starts, training, buttons])

    def _update(self) -> None:
        self.runs = {}
        parts = []
        for cost in COSTS:
            run = train_neuron(
                self.w0.value,
                self.b0.value,
                cost=cost,
                eta=self.eta.value,
                epochs=self.epochs.value,
            )
            self.runs[cost] = run
            update_loss_path(self.surfaces[cost], run)
            parts.append(f"{LABELS[cost]}: C {run.cost[0]:.3f} → {run.cost[-1]:.3f}")
        self.readout.value = SEP.join(parts) + f" &nbsp;(η = {self.eta.value:.3g})"


class SpeedMapPanel(_StartControls, Panel):
    """Epochs until a ≤ 0.1 from every start on a grid, both costs side by side (nb 02).

    Moving the start only moves the markers; η or the epoch budget recompute both maps
    (``n`` × ``n`` starts, default 101 × 101). Grey: not within the budget.
    """

    figsize = (10.0, 4.0)
    LIM = 6.0

    def __init__(self, *, w0=2.0, b0=2.0, eta=0.15, epochs=300, n=101):
        super().__init__()
        starts, training, buttons = self._make_start_controls(w0, b0, eta, epochs)
        self.epochs.description = "epoch budget"
        self.W, self.B = speed_map_grid(self.LIM, n)
        self._maps_key = None
        self._drawn_key = None
        self._cache = {}
        self._start_epochs = {}
        self.maps = self._compute()
        axes = self.fig.subplots(1, 2)
        self.images = {}
        for ax, cost in zip(axes, COSTS):
            self.images[cost] = plot_speed_map(
                self.maps[cost],
                budget=self.epochs.value,
                lim=self.LIM,
                ax=ax,
                title=LABELS[cost],
                colorbar=cost == "binary_cross_entropy_with_logits",
            )
        self._blit(*(a[k] for a in self.images.values() for k in ("image", "start")))
        self._finish([starts, training, buttons])

    def _static_state(self):
        return self.epochs.value  # the budget sets the colour bar

    def _compute(self):
        key = (self.eta.value, self.epochs.value)
        if key != self._maps_key:
            self._maps_key = key
            if key not in self._cache:  # a hand drags back and forth: keep recent maps
                if len(self._cache) >= 64:
                    self._cache.pop(next(iter(self._cache)))
                self._cache[key] = self._maps_with_start(*key)
            self.maps = self._cache[key]
        return self.maps

    def _maps_with_start(self, eta, budget):
        """compute_speed_maps on the grid, with the current start run in the same pass
        (one more element of the vectorised run instead of a run of its own)."""
        w = np.append(self.W.ravel(), self.w0.value)
        b = np.append(self.B.ravel(), self.b0.value)
        maps = {}
        for cost in COSTS:
            e = epochs_to_target(w, b, cost=cost, eta=eta, epochs=budget)
            maps[cost] = e[:-1].reshape(self.W.shape)
            self._start_epochs[cost, eta, budget, w[-1], b[-1]] = int(e[-1])
        return maps

    def _start_epoch(self, cost: str) -> int:
        """Epochs until a ≤ 0.1 from the current start (−1: not within the budget)."""
        key = (cost, self.eta.value, self.epochs.value, self.w0.value, self.b0.value)
        if key not in self._start_epochs:
            if len(self._start_epochs) >= 1024:
                self._start_epochs.clear()
            self._start_epochs[key] = int(
                epochs_to_target(
                    key[3], key[4], cost=cost, eta=self.eta.value, epochs=self.epochs.value
                )
            )
        return self._start_epochs[key]

    def _update(self) -> None:
        maps = self._compute()
        start = (self.w0.value, self.b0.value)
        parts = []
        new_maps = self._drawn_key != self._maps_key
        self._drawn_key = self._maps_key
        for cost in COSTS:
            if new_maps:
                update_speed_map(self.images[cost], maps[cost], budget=self.epochs.value)
            update_speed_map(self.images[cost], start=start)
            e = self._start_epoch(cost)
            when = f"{e} epochs" if e >= 0 else f"not within {self.epochs.value}"
            share = float(np.mean(maps[cost] >= 0))
            parts.append(f"{LABELS[cost]}: {when} ({share:.0%} of starts reach it)")
        self.readout.value = SEP.join(parts) + f" &nbsp;(η = {self.eta.value:.3g})"
