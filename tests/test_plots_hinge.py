"""Plot helpers of notebook 08 (lessons_lib.plots.hinge): what they draw equals what they are
given, in the palette's colours with a second cue, on axes fitted to the data."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from lessons_lib import losses
from lessons_lib.experiments import hinge as H
from lessons_lib.plots import hinge as P
from lessons_lib.plots.style import COLORS


def blank_axes(ncols: int = 1):
    """Axes on a fresh Agg figure (no widgets imported: these are the plots' own tests)."""
    from matplotlib.figure import Figure

    return Figure().subplots(1, ncols)


NAMES = H.CLASS_NAMES


def _hex(c) -> str:
    return to_hex(c, keep_alpha=False)


def test_scores_show_each_term_as_the_overshoot_of_the_margin_line():
    ax = blank_axes()
    s, t, m = np.array([3.0, 1.0, -3.0]), 1, 1.0
    art = P.plot_scores(s, t, m, names=NAMES, ax=ax)
    terms = H.hinge_terms(s, t, m)
    for j, bar in enumerate(art["terms"]):
        assert bar.get_height() == pytest.approx(terms[j])
        assert bar.get_y() == pytest.approx(s[t] - m)  # from the line s_y − Δ …
        assert bar.get_visible() == (terms[j] > 0)  # … up to the score, only when positive
        assert bar.get_hatch() == P.HINGE_HATCH  # the second cue of the hinge
        assert _hex(bar.get_edgecolor()) == _hex(COLORS["violated"])
    colors = [_hex(tick.get_color()) for tick in art["ticks"]]
    assert colors == [_hex(COLORS["violated"]), _hex(COLORS["true_class"]), _hex(COLORS["met"])]
    texts = [x.get_text() for x in art["term_text"]]
    assert texts[0] == "term 3.0" and "no term" in texts[1] and texts[2] == "term 0"
    assert art["band"].get_y() == pytest.approx(0.0) and art["band"].get_height() == 1.0
    assert art["top"].get_ydata()[0] == 1.0 and art["line"].get_ydata()[0] == 0.0
    lo, hi = ax.get_ylim()
    assert lo <= -3 and hi >= 3 and hi - lo <= 3 * 6  # fitted to the scores
    # a new state moves everything
    P.update_scores(art, [0.5, -1.0, 2.0], 0, 2.0)
    terms = H.hinge_terms([0.5, -1.0, 2.0], 0, 2.0)
    np.testing.assert_allclose([b.get_height() for b in art["terms"]], terms)
    assert [b.get_visible() for b in art["terms"]] == [False, True, True]
    assert art["band"].get_y() == pytest.approx(-1.5) and art["band"].get_height() == 2.0


def test_loss_curves_mark_where_the_hinge_is_exactly_zero():
    ax = blank_axes()
    s, t, m = [3.0, 1.0, -3.0], 1, 1.0
    grid = np.linspace(-4, 8, 121)
    curves = H.losses_vs_true_score(s, t, m, "sum", grid)
    now = H.compare_losses(s, t, m)
    art = P.plot_loss_curves(
        grid, curves, 1.0, {"hinge": now["sum"], "cross_entropy": now["cross_entropy"]}, ax=ax
    )
    for name in ("hinge", "cross_entropy"):
        np.testing.assert_array_equal(art["curves"][name].get_ydata(), curves[name])
        assert _hex(art["curves"][name].get_color()) == _hex(COLORS[P.LOSS_KEYS[name]])
    assert art["curves"]["hinge"].get_linestyle() != art["curves"]["cross_entropy"].get_linestyle()
    assert art["dots"]["hinge"].get_ydata()[0] == 3.0
    assert art["met"].get_xdata()[0] == 4.0
    assert art["ends"]["hinge"].get_text() == "hinge = 0 exactly"
    ce_end = losses.cross_entropy(np.array([3.0, 8.0, -3.0]), 1)
    assert art["ends"]["cross_entropy"].get_text() == f"cross-entropy = {ce_end:.2g}"
    lo, hi = ax.get_ylim()
    top = max(curves["hinge"].max(), curves["cross_entropy"].max())
    assert lo < 0 < top <= hi <= 1.6 * top  # fitted, with room for the "0 exactly" label
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:2] == ["hinge", "cross-entropy"] and legend[2].startswith("all margins met")


def test_gradient_bars_write_every_value():
    ax = blank_axes()
    s, t = np.array([3.0, 1.0, -3.0]), 1
    gh, gc = losses.multiclass_hinge_loss_grad(s, t), losses.cross_entropy_grad(s, t)
    art = P.plot_gradient_bars(gh, gc, names=NAMES, ax=ax)
    np.testing.assert_array_equal([b.get_height() for b in art["hinge"]], gh)
    np.testing.assert_allclose([b.get_height() for b in art["cross_entropy"]], gc)
    hinge_text = [x.get_text() for x in art["values"]["hinge"]]
    ce_text = [x.get_text() for x in art["values"]["cross_entropy"]]
    assert hinge_text == ["1", "−1", "0"]  # exactly zero where the margin is met …
    assert ce_text[2] == "0.0022"  # … where cross-entropy still pushes
    assert all(b.get_hatch() == P.HINGE_HATCH for b in art["hinge"])
    assert all(b.get_hatch() is None for b in art["cross_entropy"])
    # the axis holds every gradient three classes can have: −(C − 1) = −2 … 1, with room
    assert ax.get_ylim() == (-2.6, 1.6)
    P.update_gradient_bars(art, [0, 0, 0], [0.1, -0.2, 0.1])
    assert [x.get_text() for x in art["values"]["hinge"]] == ["0", "0", "0"]
    assert ax.get_ylim() == (-2.6, 1.6)  # small gradients are drawn small, not zoomed in


def test_boundary_points_rings_and_history():
    ax1, ax2, ax3 = blank_axes(3)
    X, y = H.blob_data()
    fit = H.kept_fit("hinge", 1.0)
    x, yy = H.boundary_lines(fit.W, fit.b, (-4, 7, -5, 5))
    line = P.plot_boundary(x, yy, "cross_entropy", ax=ax1)
    assert _hex(line.get_color()) == _hex(COLORS["cross_entropy"]) and line.get_linestyle() == "--"
    np.testing.assert_array_equal(line.get_xdata(), x)
    active = H.active_examples(fit, X, y, -1)
    rings = P.plot_active_points(X, active, ax=ax1)
    np.testing.assert_array_equal(rings["rings"].get_xdata(), X[active, 0])
    Xc, _ = H.blob_data(False)
    P.update_active_points(rings, np.ones(150, bool), Xc)
    assert len(rings["rings"].get_xdata()) == 150
    fits = {"hinge": fit, "cross_entropy": H.kept_fit("cross_entropy", 1.0)}
    hist = P.plot_margin_history(fits, 40, ax_active=ax2, ax_norm=ax3)
    for name, f in fits.items():
        np.testing.assert_array_equal(hist["active"][name].get_ydata(), f.n_active)
        np.testing.assert_allclose(hist["norm"][name].get_ydata(), f.weight_norm)
    assert ax2.get_ylim()[1] == pytest.approx(1.08 * 158) and ax2.get_xlim() == (0, 300)
    assert hist["cursors"][1].get_xdata()[0] == 40
    counts = {name: t.get_text().strip() for name, t in hist["counts"].items()}
    assert counts == {name: str(f.n_active[40]) for name, f in fits.items()}
    assert ax3.get_ylim()[1] >= fits["cross_entropy"].weight_norm.max()
