"""Plot helpers of notebook 07 (lessons_lib.plots.regularization): what they draw equals
the data they are given, nothing is clipped silently, and updates work in place."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from lessons_lib.experiments.regularization import LAMBDAS, PENALTIES, Sweep
from lessons_lib.plots.regularization import (
    HIST_LOW,
    PENALTY_COLORS,
    histogram_edges,
    lambda_label,
    plot_accuracy_vs_lambda,
    plot_seed_tuning,
    plot_test_pairs,
    plot_weight_histogram,
    sci,
    update_accuracy_vs_lambda,
    update_weight_histogram,
    weight_counts,
)
from lessons_lib.plots.style import COLORS

from ._panels import blank_axes


def test_edges_cover_the_weights_in_quarter_decades():
    e = histogram_edges(3.7)
    assert e[0] == 0 and e[1] == HIST_LOW and e[-1] == pytest.approx(10.0)
    np.testing.assert_allclose(np.diff(np.log10(e[1:])), 0.25)
    assert histogram_edges(10.0)[-1] == pytest.approx(10.0)
    with pytest.raises(ValueError, match="high"):
        histogram_edges(0.0)


def test_counts_keep_every_weight_and_refuse_to_clip():
    e = histogram_edges(2.0)
    w = np.array([0.0, -3e-7, 5e-7, 1e-3, -1e-3, 0.5, -2.0])
    c = weight_counts(w, e)
    assert c.sum() == w.size and c[0] == 3  # |w| < 10⁻⁶: the first, labelled bin
    assert c[np.searchsorted(e, 1e-3, side="right") - 1] == 2
    with pytest.raises(ValueError, match="weights"):
        weight_counts(np.array([0.1, 25.0]), e)


def test_histogram_draws_the_counts_and_the_band():
    ax = blank_axes(1)
    rng = np.random.default_rng(0)
    w = np.concatenate([rng.uniform(-1e-3, 1e-3, 300), rng.normal(0, 0.5, 200)])
    art = plot_weight_histogram(w, ax=ax, threshold=1e-3, color=PENALTY_COLORS["l1"])
    np.testing.assert_array_equal(
        [b.get_height() for b in art["bars"]], weight_counts(w, art["edges"])
    )
    assert art["line"].get_visible() and art["line"].get_xdata()[0] == 1e-3
    share = round(100 * np.mean(np.abs(w) <= 1e-3))
    assert (
        f"{share} % of the weights" in art["share"].get_text() and "10⁻³" in art["share"].get_text()
    )
    assert ax.get_xscale() == "log" and ax.get_xlabel() and ax.get_ylabel()
    assert ax.get_xticklabels()[0].get_text().startswith("$<")  # the first bin says what it holds
    # in place: new weights, no band for λ = 0, a new colour
    n = len(ax.get_children())
    update_weight_histogram(art, w[:100], threshold=0.0, color=PENALTY_COLORS["l2"])
    assert len(ax.get_children()) == n and not art["line"].get_visible()
    assert sum(b.get_height() for b in art["bars"]) == 100
    assert art["bars"][5].get_facecolor()[:3] == pytest.approx(
        tuple(int(PENALTY_COLORS["l2"][i : i + 2], 16) / 255 for i in (1, 3, 5))
    )


def test_accuracy_against_lambda_marks_the_current_and_the_best():
    ax = blank_axes(1)
    train, val = np.array([0.9, 0.88, 0.85, 0.8, 0.7]), np.array([0.6, 0.65, 0.7, 0.7, 0.6])
    art = plot_accuracy_vs_lambda(LAMBDAS, train, val, ax=ax, current=1, best=[2, 3])
    np.testing.assert_array_equal(art["val"].get_ydata(), val)
    np.testing.assert_array_equal(art["best"].get_xdata(), [2, 3])
    assert art["train"].get_color() == COLORS["train"]
    assert art["val"].get_color() == COLORS["validation"]
    assert art["train"].get_linestyle() != art["val"].get_linestyle()  # a second cue
    update_accuracy_vs_lambda(art, val, train, current=4, best=[0])
    assert art["now_line"].get_xdata()[0] == 4 and art["now_val"].get_ydata()[0] == train[4]
    assert ax.get_xticklabels()[0].get_text() == "0"


def test_lambda_labels():
    assert [sci(v) for v in LAMBDAS] == ["0", "3·10⁻⁴", "10⁻³", "3·10⁻³", "10⁻²"]
    assert lambda_label(3e-4) == "$3{\\cdot}10^{-4}$" and lambda_label(1e-2) == "$10^{-2}$"


def _fake_sweep():
    """A Sweep of stand-in runs (no training): accuracies chosen so that λ = 10⁻³ wins."""
    rng = np.random.default_rng(1)
    fits = {}
    for kind in PENALTIES:
        for i, lam in enumerate(LAMBDAS):
            peak = 0.1 if i == 2 else 0.0
            fits[kind, lam] = [
                SimpleNamespace(
                    train_accuracy=0.9 - 0.05 * i,
                    val_accuracy=0.6 + peak + 0.01 * s,
                    test_accuracy=0.8 + peak + rng.uniform(0, 0.02),
                    sum_squares=100.0 / (i + 1),
                    sum_abs=50.0,
                    switched_off=0.1 * i,
                    fitted_wrong=8 - i,
                )
                for s in range(3)
            ]
    return Sweep((0, 1, 2), fits)


def test_seed_figures_draw_the_sweep():
    runs = _fake_sweep()
    ax1, ax2 = blank_axes(2)
    lines = plot_seed_tuning(runs, ax=ax1)
    np.testing.assert_allclose(
        lines["l1", "val"].get_ydata(),
        [runs.spread("l1", lam, "val_accuracy").mean for lam in LAMBDAS],
    )
    assert lines["l2", "val"].get_color() == PENALTY_COLORS["l2"]
    assert lines["l2", "val"].get_marker() != lines["l1", "val"].get_marker()
    assert runs.best_lambda("l2") == 1e-3
    means = plot_test_pairs(runs, ax=ax2)["means"]
    assert means[1].lines[0].get_ydata()[0] == pytest.approx(runs.test("l2", 1e-3).mean)
    assert means[0].lines[0].get_ydata()[0] == pytest.approx(runs.test("l2", 0.0).mean)
    lo, hi = ax2.get_ylim()
    values = runs.test("l2", 0.0).values + sum(
        (runs.test(k, runs.best_lambda(k)).values for k in PENALTIES), ()
    )
    assert lo < min(values) and max(values) < hi < max(values) + 0.05  # fitted to the data
