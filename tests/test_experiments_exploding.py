"""The exploding-gradient experiments of notebook 10: the network's growth at scale 2 from
its own structure, the step-by-step record against Network.fit, the remedies, and the
number formats the notebook and its panel print."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons_lib import losses
from lessons_lib.experiments import exploding as ex
from lessons_lib.experiments.seeds import Spread
from lessons_lib.network import Network


def test_fmt_number_writes_every_size_in_one_style():
    cases = {
        415.2: "415",
        7.891: "7.89",
        0.3441: "0.344",
        63734.8: "6.37·10⁴",
        1515.25: "1515",
        2.1e-5: "2.10·10⁻⁵",
        9.9996: "10.0",
        99996.0: "1.00·10⁵",
        5.19e280: "5.19·10²⁸⁰",
        -0.5: "−0.500",
        0.0: "0",
        math.inf: "∞",
    }
    for x, text in cases.items():
        assert ex.fmt_number(x) == text, x
    assert ex.fmt_number(1e-5, trim=True) == "1·10⁻⁵"
    assert ex.fmt_number(0.01, trim=True) == "0.01"
    assert ex.fmt_number(6.37e4, 2) == "6.4·10⁴"
    assert "nan" not in ex.fmt_number(math.nan).lower()
    with pytest.raises(TypeError, match="digits"):
        ex.fmt_number(1.0, 2.5)


def test_spread_rounds_the_mean_to_its_spread():
    s = Spread.of([0.408, 0.453, 0.449, 0.435, 0.431])
    assert s.mean == pytest.approx(0.4352) and s.sd == pytest.approx(np.std(s.values, ddof=1))
    assert str(s) == "0.435 ± 0.018" and f"{s:>15}" == "  0.435 ± 0.018"
    assert str(Spread.of([8077, 8353, 8693, 8024, 7944])) == "8220 ± 310"
    assert str(Spread.of([2.0, 2.0])) == "2.00"
    assert (s.lo, s.hi) == (0.408, 0.453)
    with pytest.raises(ValueError, match="values"):
        Spread.of([1.0, math.nan])
    with pytest.raises(ValueError, match="values"):
        Spread.of([])


def test_scale_two_makes_the_output_exactly_two_to_the_seventh():
    """ReLU is positively homogeneous and the biases start at 0: every one of the seven
    weight layers doubles the signal, exactly (a power of two scales without rounding)."""
    X, Y = ex.exploding_data()
    a1 = ex.exploding_net(1.0).predict_proba(X)
    a2 = ex.exploding_net(2.0).predict_proba(X)
    np.testing.assert_array_equal(a2, 2**7 * a1)
    net = ex.exploding_net(1.0)
    assert net.sizes == [64] + [30] * 6 + [10] and net.n_layers == 7
    assert all(np.all(b == 0) for b in net.biases)
    # Nielsen's quadratic cost is PyTorch's MSE up to a constant factor: ½ × 10 outputs
    assert net.loss(X, Y) == pytest.approx(5 * losses.mse_loss(a1, Y), rel=1e-12)


def test_initial_gradients_are_the_networks_own_and_grow_like_two_to_the_thirteen():
    X, Y = ex.exploding_data()
    net = Network(
        [64] + [30] * 6 + [10],
        hidden="relu",
        output="linear",
        cost="quadratic_cost",
        init="he",
        weight_scale=2.0,
        seed=3,
    )
    np.testing.assert_allclose(ex.initial_gradients(2.0, seed=3), net.gradient_norms(X, Y)[0])
    ratios = [
        ex.initial_gradients(2.0, seed=s)[0] / ex.initial_gradients(1.0, seed=s)[0]
        for s in ex.SEEDS
    ]
    assert abs(np.log2(np.mean(ratios)) - 13) < 0.05  # 2⁶ backward × 2⁷ forward
    g = ex.initial_gradients(2.0)
    assert ex.backward_factor(g) == pytest.approx((g[0] / g[-1]) ** (1 / 6))


def test_backward_factor_on_known_norms():
    assert ex.backward_factor([8.0, 4.0, 2.0, 1.0]) == pytest.approx(2.0)
    assert ex.backward_factor([1.0, 1.0]) == 1.0
    assert math.isnan(ex.backward_factor([np.inf, 1.0, 1.0]))
    assert math.isnan(ex.backward_factor([1.0, 0.0]))
    with pytest.raises(ValueError, match="norms"):
        ex.backward_factor([1.0])


def test_step_run_is_the_run_of_network_fit_step_by_step():
    for kw in ({"clip_norm": 10.0}, {}, {"l2": 0.01}):
        rec = ex.step_run(2.0, 0.01, **kw)
        h = ex.exploding_run(2.0, 0.01, **kw)
        assert rec.diverged_at == h.diverged_at
        if not rec.diverged:
            # after each epoch (step 15, 30, …) the same loss as fit's record
            at_epochs = rec.loss[np.isin(rec.steps, np.arange(0, 301, 15))]
            np.testing.assert_allclose(at_epochs, h.loss, rtol=1e-8)
    rec = ex.step_run(2.0, 0.01)
    assert rec.diverged_step == 4 and list(rec.steps) == [0, 1, 2, 3]
    assert rec.loss[1] > 1e20 * rec.loss[0] and rec.weight_norm[2] > 1e20 * rec.weight_norm[0]
    net = ex.exploding_net(2.0)
    start = np.sqrt(sum(np.sum(W**2) for W in net.weights))
    assert rec.weight_norm[0] == pytest.approx(start, rel=1e-12)
    assert rec.describe() == "diverged at step 4 (epoch 1, batch 4)"
    ok = ex.step_run(1.0, 0.01)
    assert not ok.diverged and ok.steps[-1] == 300 and len(ok.steps) == 16 + 19
    assert ok.describe().startswith("loss 6.24 → 0.344")
    assert ex.step_run(1.0, 0.01) is ok  # cached
    with pytest.raises(ValueError, match="eta"):
        ex.step_run(1.0, -0.1)
    with pytest.raises(TypeError, match="seed"):
        ex.step_run(1.0, 0.1, seed=1.5)


def test_weight_norm_of_huge_finite_weights_is_finite():
    W = [np.full((2, 2), 1e200), np.full((3,), 2e200)]
    want = math.sqrt(4 * 1.0 + 3 * 4.0) * 1e200
    assert ex._weight_norm(W) == pytest.approx(want, rel=1e-12)
    assert ex._weight_norm([np.zeros(3)]) == 0.0


def test_blew_up_counts_a_loss_that_only_grew():
    from lessons_lib.training import History

    assert ex.blew_up(History(loss=[1.0, 2.0]))
    assert not ex.blew_up(History(loss=[2.0, 1.0]))
    assert ex.blew_up(History(loss=[1.0], diverged=True, diverged_at=(1, 1)))
    seed3 = ex.exploding_run(2.0, 0.01, seed=3)  # 10²¹ without NaN
    assert not seed3.diverged and ex.blew_up(seed3)
    assert ex.describe_run(seed3).startswith("blew up: loss")


def test_remedies_each_change_one_thing():
    s = ex.remedy_settings(2.0, 0.01, 10.0)
    assert list(s) == list(ex.REMEDIES)
    assert s["as_set"] == {"weight_scale": 2.0, "eta": 0.01}
    assert s["smaller_eta"]["eta"] == pytest.approx(1e-5)
    assert s["clipping"]["clip_norm"] == 10.0 and s["clipping"]["eta"] == 0.01
    assert s["he_init"] == {"weight_scale": 1.0, "eta": 0.01}
    assert s["l2"]["l2"] == ex.REMEDY_L2
    assert ex.remedy_name("smaller_eta", 2.0, 0.01) == "smaller step, η = 1·10⁻⁵"
    assert ex.remedy_name("clipping", 2.0, 0.01, 1.0) == "clipping at ‖g‖ = 1"
    with pytest.raises(ValueError, match="key"):
        ex.remedy_name("dropout", 2.0, 0.01)
    with pytest.raises(ValueError, match="clip"):
        ex.remedy_settings(2.0, 0.01, 0.0)


def test_remedy_sweep_over_seeds_supports_the_notebooks_claims():
    sweep = ex.remedy_sweep(2.0, 0.01, clip=10.0)
    blown = {k: sum(ex.blew_up(h) for h in hs) for k, hs in sweep.items()}
    n = len(ex.SEEDS)
    assert blown == {"as_set": n, "smaller_eta": 0, "clipping": 0, "he_init": 0, "l2": n}
    final = {k: np.mean([h.loss[-1] for h in hs]) for k, hs in sweep.items() if not blown[k]}
    assert final["smaller_eta"] > 50 * max(final["clipping"], final["he_init"])
    assert final["clipping"] < 1 and final["he_init"] < 1


def test_smooth_l1_caps_the_error_but_not_the_product_of_layers():
    q2 = ex.initial_gradients(2.0)
    s1, s2 = (
        ex.initial_gradients(1.0, cost="smooth_l1_loss"),
        ex.initial_gradients(2.0, cost="smooth_l1_loss"),
    )
    assert f"{s2[0]:.0f}" == "415" and f"{q2[0]:.3g}" == "6.37e+04" and f"{s1[0]:.2g}" == "5.3"
    assert s2[-1] <= np.sqrt(10)  # ten outputs, each gradient capped at 1
    assert abs(ex.backward_factor(s2) / ex.backward_factor(q2) - 1) < 0.05
    assert s2[0] > 2**6 * s1[0]


def test_bad_arguments_name_themselves():
    with pytest.raises(TypeError, match="overrides"):
        ex.exploding_run(2.0, 0.01, depht=3)
    with pytest.raises(ValueError, match="weight_scale"):
        ex.exploding_net(0.0)
    with pytest.raises(ValueError, match="cost"):
        ex.exploding_net(1.0, cost="hinge")
    with pytest.raises(ValueError, match="n"):
        ex.exploding_data(0)
