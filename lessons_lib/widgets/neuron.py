"""Slider panels for the single-neuron lessons (notebooks 01–02).

- :class:`NeuronPanel` — one neuron learning (01): its cost during training with the
  plateau shaded, and an epoch scrubber that moves the neuron's operating point along
  σ(z), σ′(z) and the cost curve.
- :class:`CompareCostsPanel` — quadratic vs cross-entropy from the same start (02): the
  output and the step η·|∂C/∂w| each cost takes, under three ways of choosing η.
- :class:`LossSurfacePanel` — the loss surface seen along z (02): C(z) for both costs with
  each run's epochs as dots, and epochs until a ≤ 0.1 against z₀ = w₀ + b₀.
- :class:`SpeedMapPanel` — epochs until a ≤ 0.1 over a grid of starts (w₀, b₀) (02).

Every run comes from :func:`lessons_lib.neuron.train_neuron` (x = 1, y = 0) and every
count from :mod:`lessons_lib.experiments.neuron`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import ClassVar

import ipywidgets as w
import numpy as np

from .._checks import check_choice
from ..experiments.neuron import (
    COMPARISON_MODES,
    COSTS,
    CROSS_ENTROPY,
    QUADRATIC,
    REFERENCE_STARTS,
    comparison_etas,
    epochs_by_z0,
    plateau_end,
    speed_map_grid,
    target_epoch,
)
from ..i18n import N_, fig_text, tr
from ..neuron import NeuronRun, epochs_to_target, train_neuron
from ..plots.neuron import (
    COST_NAMES,
    cost_name,
    fit_z_axis,
    mark_z0,
    plot_cost_along_z,
    plot_cursor,
    plot_epochs_by_z0,
    plot_plateau,
    plot_reference_levels,
    plot_speed_map,
    plot_step_sizes,
    plot_training,
    plot_z_curve,
    update_cost_along_z,
    update_cursor,
    update_epochs_by_z0,
    update_plateau,
    update_speed_map,
    update_step_sizes,
    update_training,
    update_z0_marks,
    update_z_curve,
)
from ..plots.style import COLORS, MARKERS
from ._base import SEP, Panel, float_slider, int_slider, log_slider

__all__ = ["NeuronPanel", "CompareCostsPanel", "LossSurfacePanel", "SpeedMapPanel"]

W_RANGE = (-6.0, 6.0)
ETA_RANGE = (0.001, 5.0)
EPOCH_RANGE = (10, 1000)
RUN_CACHE = 256  # runs a panel keeps (a hand drags back and forth)
START_BUTTONS = {"start_a": N_("start A (0.6, 0.9)"), "start_b": N_("start B (2, 2)")}


def _cost_options():
    return [(tr(COST_NAMES[c]), c) for c in COSTS]


class _StartControls:
    """w₀, b₀, η, epochs sliders and the reference-start buttons (shared by the panels)."""

    def _make_start_controls(self, w0, b0, eta, epochs):
        self.w0 = float_slider(tr("initial w"), w0, *W_RANGE, 0.05)
        self.b0 = float_slider(tr("initial b"), b0, *W_RANGE, 0.05)
        self.eta = log_slider("η", eta, *ETA_RANGE)
        self.epochs = int_slider(tr("epochs"), epochs, *EPOCH_RANGE, step=10)
        self.buttons = []
        for name, (bw, bb) in REFERENCE_STARTS.items():
            button = w.Button(description=tr(START_BUTTONS[name]), layout=w.Layout(width="150px"))
            button.on_click(lambda _b, bw=bw, bb=bb: self.set_start(bw, bb))
            self.buttons.append(button)
        self._runs = lru_cache(maxsize=RUN_CACHE)(self._train_one)
        return [self.w0, self.b0], [self.eta, self.epochs], self.buttons

    def set_start(self, w0: float, b0: float) -> None:
        """Move both start sliders with one redraw (what the preset buttons do)."""
        with self.hold():
            self.w0.value = w0
            self.b0.value = b0

    @staticmethod
    def _train_one(w0: float, b0: float, cost: str, eta: float, epochs: int) -> NeuronRun:
        return train_neuron(w0, b0, cost=cost, eta=eta, epochs=epochs)

    def run_for(self, cost: str, eta: float | None = None) -> NeuronRun:
        """The run from the sliders' start under ``cost`` (kept: a scrub never retrains)."""
        eta = self.eta.value if eta is None else eta
        return self._runs(self.w0.value, self.b0.value, cost, eta, self.epochs.value)


def _plateau_text(run: NeuronRun) -> str:
    end = plateau_end(run)
    if end < 0:
        return tr("plateau (z > 1): the whole run")
    if end == 0:
        return tr("no plateau: z starts ≤ 1")
    return tr("plateau (z > 1): {n} epochs", n=end)


def _target_text(run: NeuronRun) -> str:
    e = target_epoch(run)
    if e < 0:
        return tr("a ≤ 0.1 not within {n} epochs", n=run.epochs)
    return tr("a ≤ 0.1 at epoch {e}", e=e)


class NeuronPanel(_StartControls, Panel):
    """One neuron learning under a chosen cost (notebook 01).

    Left: the cost during training, the plateau (z > 1) shaded and an epoch cursor;
    middle and right: σ(z) and σ′(z) with the run's z every few epochs (dots bunch up
    where it crawls), its start (hollow) and its state at the chosen epoch (filled). The
    epoch slider scrubs through the run without retraining it; it follows the epoch count
    when it sits at the end. Readout: the state at that epoch, the plateau's length, the
    first step's gradient and the final output.
    """

    figsize = (10.0, 3.0)
    TRAIL_DOTS = 30  # about this many dots along a run

    def __init__(
        self, *, cost=QUADRATIC, w0=2.0, b0=2.0, eta=0.15, epochs=300, epoch: int | None = None
    ):
        cost = check_choice(cost, "cost", COSTS)
        super().__init__()
        starts, training, buttons = self._make_start_controls(w0, b0, eta, epochs)
        self.cost = w.ToggleButtons(options=_cost_options(), value=cost, description=tr("cost"))
        self.epoch = int_slider(
            tr("epoch"), epochs if epoch is None else epoch, 0, epochs, width="420px"
        )
        ax_c, ax_s, ax_p = self.fig.subplots(1, 3)
        self.run = run = self.run_for(cost)
        self.lines = plot_training(run, ax_cost=ax_c)
        self.plateau = plot_plateau(ax_c, plateau_end(run), run.epochs, label=False)
        self.cursor = plot_cursor(ax_c)
        self.sigma = plot_z_curve("sigma", ax=ax_s)
        self.sigma_prime = plot_z_curve("sigma_prime", ax=ax_p)
        self.key = ax_s.legend(
            [self.sigma[k] for k in ("start", "trail", "point")],
            self._key_labels(run),
            loc="upper left",
            handletextpad=0.3,
            borderaxespad=0.2,
        )
        ax_c.set_title(fig_text("cost during training; grey: the plateau"))
        ax_s.set_title(fig_text("the output $a = \\sigma(z)$"))
        ax_p.set_title(fig_text("$\\sigma'(z)$: the factor in every step"))
        self._blit(
            self.plateau["span"],
            self.lines["cost"],
            self.cursor["line"],
            self.cursor["dot"],
            *(a[k] for a in (self.sigma, self.sigma_prime) for k in ("trail", "start", "point")),
        )
        self._finish([[*starts, self.cost], [*training, self.epoch], buttons])

    def _trail_step(self, run: NeuronRun) -> int:
        return max(1, round(run.epochs / self.TRAIL_DOTS))

    def _key_labels(self, run: NeuronRun) -> list[str]:
        return [
            fig_text("start"),
            fig_text("every {k} epochs", k=self._trail_step(run)),
            fig_text("chosen epoch"),
        ]

    def _static_state(self):
        # the key shows the cost's colour and the dots' spacing: a change redraws it all
        return (self.cost.value, tuple(t.get_text() for t in self.key.get_texts()))

    def _sync_epoch_slider(self) -> None:
        """The scrubber's range is the run's epochs; at the end it stays at the end."""
        n = self.epochs.value
        if self.epoch.max == n:
            return
        at_end = self.epoch.value >= self.epoch.max
        held, self._holding = self._holding, True  # no update per intermediate value
        try:
            if n > self.epoch.max:
                self.epoch.max = n
                if at_end:
                    self.epoch.value = n
            else:
                self.epoch.value = n if at_end else min(self.epoch.value, n)
                self.epoch.max = n
        finally:
            self._holding = held

    def _update(self) -> None:
        self._sync_epoch_slider()
        self.run = run = self.run_for(self.cost.value)
        cost = run.cost_name
        e = min(self.epoch.value, run.epochs)
        z = run.w * run.x + run.b
        update_training(self.lines, run)
        update_plateau(self.plateau, plateau_end(run), run.epochs)
        update_cursor(self.cursor, e, float(run.cost[e]), color=COLORS[cost], marker=MARKERS[cost])
        k = self._trail_step(run)
        for artists in (self.sigma, self.sigma_prime):
            fit_z_axis(artists["curve"].axes, z)
            update_z_curve(artists, z[: e + 1 : k], float(z[e]), float(z[0]), cost=cost)
        if hasattr(self, "key"):  # the key follows the cost's colour and marker
            keyed = [self.sigma[k] for k in ("start", "trail", "point")]
            for text, label in zip(self.key.get_texts(), self._key_labels(run)):
                text.set_text(label)
            for handle, artist in zip(self.key.legend_handles, keyed):
                handle.set_color(artist.get_color())
                handle.set_marker(artist.get_marker())
                handle.set_markerfacecolor(artist.get_markerfacecolor())
                handle.set_markeredgecolor(artist.get_markeredgecolor())
        sp = float(run.a[e] * (1.0 - run.a[e]))
        self.readout.value = SEP.join(
            [
                tr(
                    "epoch {e}: z = {z:.2f}, a = {a:.3f}, σ′(z) = {sp:.3g}, C = {c:.3g}",
                    e=e,
                    z=float(z[e]),
                    a=float(run.a[e]),
                    sp=sp,
                    c=float(run.cost[e]),
                ),
                _plateau_text(run),
                tr("first step: ∂C/∂w = {g:.3g}", g=float(run.dw[0])),
                tr("a(0) = {a0:.3f} → a({n}) = {a:.3f}", a0=run.a[0], n=run.epochs, a=run.a[-1]),
            ]
        )


class CompareCostsPanel(_StartControls, Panel):
    """Quadratic and cross-entropy from the same start on one figure (notebook 02).

    Left: the output a against epoch, with the levels where the plateau ends (z = 1) and
    where the target is reached (a = 0.1); right: the step each cost takes, η·|∂C/∂w|,
    on a log scale. The toggle chooses cross-entropy's η
    (:func:`~lessons_lib.experiments.neuron.comparison_etas`): the same η as the
    quadratic cost, η/4 (the steps agree at z = 0) or η·σ′(z₀) (the first steps agree).
    The legend shows the η of each curve.
    """

    figsize = (10.5, 3.3)
    MODES = COMPARISON_MODES
    MODE_LABELS: ClassVar[dict[str, str]] = {
        "same_eta": N_("same η"),
        "eta_over_4": N_("η/4: same step at z = 0"),
        "same_first_step": N_("same first step"),
    }

    def __init__(self, *, w0=2.0, b0=2.0, eta=0.15, epochs=300, mode="same_eta"):
        mode = check_choice(mode, "mode", self.MODES)
        super().__init__()
        starts, training, buttons = self._make_start_controls(w0, b0, eta, epochs)
        self.mode = w.ToggleButtons(
            options=[(tr(self.MODE_LABELS[m]), m) for m in self.MODES],
            value=mode,
            description=tr("η for cross-entropy"),
            style={"description_width": "initial", "button_width": "150px"},
        )
        ax_a, ax_g = self.fig.subplots(1, 2)
        self.runs = self._train()
        self.lines = {cost: plot_training(run, ax_output=ax_a) for cost, run in self.runs.items()}
        plot_reference_levels(ax_a)
        self.steps = plot_step_sizes(self.runs, ax=ax_g)
        ax_a.set_title(fig_text("output $a$ (target $y = 0$)"))
        ax_g.set_title(fig_text("the step each cost takes"))
        self.legend = self.fig.legend(
            [self.lines[c]["output"] for c in COSTS],
            [self.lines[c]["output"].get_label() for c in COSTS],
            loc="outside upper center",
            ncols=2,
        )
        # the legend shows each η, so it is redrawn with the curves (no full redraw per η)
        self._blit(*(d["output"] for d in self.lines.values()), *self.steps.values(), self.legend)
        self._finish([[*starts, self.mode], training, buttons])

    def etas(self) -> dict[str, float]:
        """The η used for each cost under the current toggle."""
        return comparison_etas(self.mode.value, self.eta.value, self.w0.value, self.b0.value)

    def _train(self) -> dict[str, NeuronRun]:
        return {cost: self.run_for(cost, eta) for cost, eta in self.etas().items()}

    def _update(self) -> None:
        self.runs = self._train()
        parts = []
        for cost, run in self.runs.items():
            update_training(self.lines[cost], run)
            parts.append(
                tr(
                    "{cost}, η = {eta:.3g}: {plateau}; {target}",
                    cost=tr(COST_NAMES[cost]),
                    eta=run.eta,
                    plateau=_plateau_text(run),
                    target=_target_text(run),
                )
            )
        update_step_sizes(self.steps, self.runs)
        for text, cost in zip(self.legend.get_texts(), COSTS):
            text.set_text(self.lines[cost]["output"].get_label())
        q, ce = self.runs[QUADRATIC], self.runs[CROSS_ENTROPY]
        parts.append(
            tr(
                "a({n}): quadratic {q:.3f}, cross-entropy {ce:.3f}",
                n=q.epochs,
                q=q.a[-1],
                ce=ce.a[-1],
            )
        )
        self.readout.value = SEP.join(parts)


class LossSurfacePanel(_StartControls, Panel):
    """The loss surface seen along z (notebook 02).

    With one input (x = 1), C(w, b) is constant along every line w + b = z: the surface
    is the profile C(z) drawn out along the diagonals, and a start (w₀, b₀) is nothing
    more than its z₀ = w₀ + b₀. Left: C(z) for both costs (log scale) with each run's z
    every 10 epochs until a ≤ 0.1 — the dots bunch up on the quadratic cost's plateau;
    right: epochs until a ≤ 0.1 against z₀ for both costs at the slider's η (the epochs
    slider is the budget), the reference starts A and B marked and the slider's start
    on both curves. A start move only moves dots and markers; η or the budget recompute
    the curves (kept for the values seen).
    """

    figsize = (10.5, 3.3)
    Z0 = np.linspace(-3.0, 12.0, 151)
    Z_LIM = (-4.0, 12.5)
    MARK_EVERY = 10

    def __init__(self, *, w0=2.0, b0=2.0, eta=0.15, epochs=500):
        super().__init__()
        starts, training, buttons = self._make_start_controls(w0, b0, eta, epochs)
        self.epochs.description = tr("epoch budget")
        self._curves = lru_cache(maxsize=64)(
            lambda eta, budget: epochs_by_z0(self.Z0, eta=eta, budget=budget)
        )
        ax_c, ax_e = self.fig.subplots(1, 2)
        self.along = plot_cost_along_z(ax=ax_c, z_lim=self.Z_LIM)
        budget = self.epochs.value
        self.curves = plot_epochs_by_z0(
            self.Z0, self._curves(self.eta.value, budget), ax=ax_e, budget=budget
        )
        mark_z0(ax_e, {name: sum(s) for name, s in REFERENCE_STARTS.items()})
        self.current = mark_z0(ax_e, {"current": w0 + b0}, labels=False)["current"]
        self.current["line"].set_color(COLORS["reference"])
        self.current["line"].set_linestyle("-")
        for cost, point in self.current["points"].items():
            point.set_marker(MARKERS[cost])
        ax_c.set_title(fig_text("the cost along $z$, a dot every 10 epochs"))
        ax_e.set_title(fig_text("epochs until $a \\leq 0.1$ from each $z_0$"))
        self._blit(
            *self.along["dots"].values(),
            *self.along["starts"].values(),
            *(self.curves[c] for c in COSTS),
            *self.curves["labels"].values(),
            self.current["line"],
            *self.current["points"].values(),
        )
        self._finish([starts, training, buttons])

    def _static_state(self):
        return self.epochs.value  # the budget sets the y axis

    def _update(self) -> None:
        eta, budget = self.eta.value, self.epochs.value
        self.runs = {cost: self.run_for(cost) for cost in COSTS}
        update_cost_along_z(self.along, self.runs, mark_every=self.MARK_EVERY)
        update_epochs_by_z0(self.curves, self.Z0, self._curves(eta, budget), budget=budget)
        z0 = self.w0.value + self.b0.value
        reached = {cost: target_epoch(run) for cost, run in self.runs.items()}
        update_z0_marks(self.current, z0, reached)
        parts = [tr("z₀ = w₀ + b₀ = {z0:.2f}", z0=z0)]
        for cost, e in reached.items():
            name = tr(COST_NAMES[cost])
            if e < 0:
                parts.append(tr("{cost}: a ≤ 0.1 not within {n} epochs", cost=name, n=budget))
            else:
                parts.append(tr("{cost}: a ≤ 0.1 after {e} epochs", cost=name, e=e))
        parts.append(tr("η = {eta:.3g}, epoch budget {n}", eta=eta, n=budget))
        self.readout.value = SEP.join(parts)


class SpeedMapPanel(_StartControls, Panel):
    """Epochs until a ≤ 0.1 from every start on a grid, both costs side by side (nb 02).

    The bands run along the diagonals w₀ + b₀ = z₀: only z₀ matters. Moving the start
    only moves the markers; η or the epoch budget recompute both maps (``n`` × ``n``
    starts, default 101 × 101). Light grey: not within the budget.
    """

    figsize = (10.0, 4.0)
    LIM = 6.0

    def __init__(self, *, w0=2.0, b0=2.0, eta=0.15, epochs=300, n=101):
        super().__init__()
        starts, training, buttons = self._make_start_controls(w0, b0, eta, epochs)
        self.epochs.description = tr("epoch budget")
        self.n = n
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
                title=cost_name(cost),
                colorbar=cost == CROSS_ENTROPY,
                marks=REFERENCE_STARTS,
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
        w_ = np.append(self.W.ravel(), self.w0.value)
        b_ = np.append(self.B.ravel(), self.b0.value)
        maps = {}
        for cost in COSTS:
            e = epochs_to_target(w_, b_, cost=cost, eta=eta, epochs=budget)
            maps[cost] = e[:-1].reshape(self.W.shape)
            self._start_epochs[cost, eta, budget, w_[-1], b_[-1]] = int(e[-1])
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
            share = float(np.mean(maps[cost] >= 0))
            name = tr(COST_NAMES[cost])
            if e >= 0:
                parts.append(
                    tr(
                        "{cost}: {e} epochs from here ({share:.0%} of the starts get there)",
                        cost=name,
                        e=e,
                        share=share,
                    )
                )
            else:
                parts.append(
                    tr(
                        "{cost}: not within {n} epochs from here ({share:.0%} of the starts "
                        "get there)",
                        cost=name,
                        n=self.epochs.value,
                        share=share,
                    )
                )
        parts.append(tr("η = {eta:.3g}, epoch budget {n}", eta=self.eta.value, n=self.epochs.value))
        self.readout.value = SEP.join(parts)
