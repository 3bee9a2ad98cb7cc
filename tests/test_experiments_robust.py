"""The outlier experiments of notebook 10: the data, the fits under each loss, their
behaviour over seeds, and the shift from which the Smooth L1 line stops moving."""

from __future__ import annotations

import numpy as np
import pytest

from lessons_lib.experiments import robust as rb
from lessons_lib.linear import fit_linear


def test_outlier_data_moves_only_the_three_outliers():
    x0, y0, out = rb.outlier_data(0.0, seed=2)
    x8, y8, _ = rb.outlier_data(8.0, seed=2)
    np.testing.assert_array_equal(x0, x8)
    np.testing.assert_allclose(y8 - y0, np.where(out, 8.0, 0.0))
    assert out.sum() == 3 and np.all(x0[out] > 0.8)
    assert abs(np.polyfit(x0, y0, 1)[0] - rb.TRUE_LINE[0]) < 0.2


def test_fit_line_is_fit_linear_with_the_loss():
    x, y, _ = rb.outlier_data(4.0)
    a = rb.fit_line(x, y, "smooth_l1_loss", beta=0.5)
    b = fit_linear(x[:, None], y, loss="smooth_l1_loss", beta=0.5, eta=0.3, epochs=400)
    np.testing.assert_array_equal(a.W_path, b.W_path)
    h = rb.fit_line(x, y, "huber_loss", beta=0.5)
    c = fit_linear(x[:, None], y, loss="huber_loss", delta=0.5, eta=0.3, epochs=400)
    np.testing.assert_array_equal(h.W_path, c.W_path)


def test_outliers_pull_mse_but_not_smooth_l1_over_seeds():
    for seed in rb.SEEDS:
        x, y8, _ = rb.outlier_data(8.0, seed=seed)
        A = np.column_stack([x, np.ones_like(x)])
        mse = rb.fit_line(x, y8, "mse_loss")
        np.testing.assert_allclose([mse.W[0, 0], mse.b[0]], np.linalg.lstsq(A, y8, rcond=None)[0])
    s = {
        sh: {n: rb.slopes_over_seeds(n, sh) for n in ("mse_loss", "smooth_l1_loss", "l1_loss")}
        for sh in (8.0, 15.0)
    }
    assert s[15.0]["mse_loss"].mean > s[8.0]["mse_loss"].mean + 1.5
    np.testing.assert_allclose(
        s[15.0]["smooth_l1_loss"].values, s[8.0]["smooth_l1_loss"].values, atol=1e-9
    )
    assert abs(s[8.0]["l1_loss"].mean - 0.5) < 0.1
    assert len(s[8.0]["l1_loss"].values) == len(rb.SEEDS) == 5


def test_huber_and_smooth_l1_with_the_same_beta_find_the_same_line():
    x, y, _ = rb.outlier_data(8.0)
    for beta in (1.0, 2.0):
        h, s = (
            rb.fit_line(x, y, "huber_loss", beta=beta),
            rb.fit_line(x, y, "smooth_l1_loss", beta=beta),
        )
        assert h.W[0, 0] == pytest.approx(s.W[0, 0], abs=1e-3)
    assert f"{rb.fit_line(x, y, 'huber_loss', beta=2.0).W[0, 0]:.2f}" == "1.30"


def test_frozen_shift_is_where_the_smooth_l1_line_stops_moving():
    s = rb.frozen_shift(1.0)
    assert 1.5 < s < 2.0  # the panel's steps: still moving at 1.5, frozen at 2.0
    far = rb.kept_fit("smooth_l1_loss", 15.0, 1.0)

    def slope(shift):
        x, y, _ = rb.outlier_data(shift)
        return rb.fit_line(x, y, "smooth_l1_loss", beta=1.0).W[0, 0]

    assert slope(s + 0.01) == pytest.approx(far.W[0, 0], abs=1e-9)
    assert abs(slope(s - 0.05) - far.W[0, 0]) > 1e-4
    # β + (line − clean y) of the binding outlier, by hand
    x, y0, out = rb.outlier_data(0.0)
    line = far.W[0, 0] * x + far.b[0]
    assert s == pytest.approx(1.0 + max(line[out] - y0[out]))
    assert rb.frozen_shift(0.5) < s


def test_bad_arguments_name_themselves():
    x, y, _ = rb.outlier_data(1.0)
    with pytest.raises(ValueError, match="loss"):
        rb.fit_line(x, y, "cross_entropy")
    with pytest.raises(TypeError, match="overrides"):
        rb.fit_line(x, y, "mse_loss", epoch=3)
    with pytest.raises(TypeError, match="shift"):
        rb.outlier_data("8")
    with pytest.raises(ValueError, match="beta"):
        rb.frozen_shift(0.0)
