"""Data, pairs and scans of notebook 05 (entropy, KL divergence, cross-entropy): each helper
against an independent computation written here with ``math`` and loops, the lesson's
worked numbers, and the sign of every zero (a measure never prints as "−0.0000")."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons_lib.experiments.information import (
    CAT_DOG_HORSE,
    LOSS_CASES,
    MEASURES,
    OVERCONFIDENT,
    PHOTOS,
    WORKED_EXAMPLE,
    bce_scan,
    information_measures,
    likelihood,
    normalise_weights,
    path_measures,
    simplex_grid,
    two_outcomes,
)


def _h(p):
    return -sum(pi * math.log(pi) for pi in p if pi > 0)


def _ce(p, q):
    return -sum(pi * math.log(qi) for pi, qi in zip(p, q) if pi > 0)


def _kl(p, q):
    if any(pi > 0 and qi == 0 for pi, qi in zip(p, q)):
        return math.inf
    return sum(pi * math.log(pi / qi) for pi, qi in zip(p, q) if pi > 0)


def test_normalise_weights():
    np.testing.assert_allclose(normalise_weights([1, 3]), [0.25, 0.75])
    np.testing.assert_allclose(normalise_weights([0, 0, 0]), [1 / 3] * 3)
    assert normalise_weights([0.3, 0.0, 0.0])[0] == 1.0  # x / x is exactly 1
    for bad in ([1, -1], [], [[1, 2]], [1, np.nan], [np.inf, 1]):
        with pytest.raises(ValueError, match="weights"):
            normalise_weights(bad)


def test_measures_against_formulas_written_here():
    rng = np.random.default_rng(5)
    for _ in range(50):
        p = normalise_weights(rng.random(4) * (rng.random(4) > 0.3))
        q = normalise_weights(rng.random(4) + 0.01)
        m = information_measures(p, q)
        assert list(m) == list(MEASURES)
        assert m["H(p)"] == pytest.approx(_h(p), abs=1e-12)
        assert m["H(p, q)"] == pytest.approx(_ce(p, q), abs=1e-12)
        assert m["KL(p‖q)"] == pytest.approx(_kl(p, q), abs=1e-12)
        reverse = _kl(q, p)
        assert m["KL(q‖p)"] == (reverse if math.isinf(reverse) else pytest.approx(reverse))
        assert m["H(p, q)"] == pytest.approx(m["H(p)"] + m["KL(p‖q)"])


def test_no_measure_is_ever_minus_zero():
    """Zeros are +0.0 (0 − Σ… and max(·, 0)), so no value prints as "-0.0000"."""
    cases = [
        ([1.0, 0.0, 0.0], [1.0, 0.0, 0.0]),  # a certain outcome, predicted exactly
        ([0.5, 0.3, 0.2], [0.5, 0.3, 0.2]),  # q = p
        ([0.0, 1.0], [0.0, 1.0]),
        (normalise_weights([0.3, 0.0, 0.0]), normalise_weights([0.3, 0.0, 0.0])),
    ]
    rng = np.random.default_rng(0)
    for _ in range(200):
        w = rng.random(5) * (rng.random(5) > 0.5)
        cases.append((normalise_weights(w), normalise_weights(w)))
    for p, q in cases:
        for name, v in information_measures(p, q).items():
            assert v >= 0.0 and math.copysign(1.0, v) == 1.0, (name, p, v)
            assert not f"{v:.4f}".startswith("-")


def test_the_lesson_pairs():
    worked = information_measures(*WORKED_EXAMPLE)
    assert [f"{worked[k]:.4f}" for k in MEASURES] == ["1.0297", "1.0549", "0.0253", "0.0258"]
    far = information_measures(*OVERCONFIDENT)
    assert (f"{far['KL(p‖q)']:.4f}", f"{far['KL(q‖p)']:.4f}") == ("0.9468", "0.5260")
    assert far["KL(p‖q)"] - far["KL(q‖p)"] > 0.4  # visibly asymmetric, unlike the worked one
    cat = information_measures(*CAT_DOG_HORSE)
    assert f"{cat['H(p, q)']:.2f}" == "0.40" and cat["H(p)"] == 0.0
    assert cat["KL(q‖p)"] == math.inf
    assert [q for _, q in LOSS_CASES] == sorted((q for _, q in LOSS_CASES), reverse=True)


def test_path_passes_through_p():
    p = np.array([0.5, 0.3, 0.2])
    t = np.array([0.1, 0.5, 0.9])
    q, ce, kl = path_measures(p, t)
    np.testing.assert_allclose(q.sum(axis=1), 1.0)
    np.testing.assert_allclose(q[1], p)
    np.testing.assert_allclose(q[0], [0.1, 0.54, 0.36])  # [t, 0.6(1 − t), 0.4(1 − t)]
    np.testing.assert_allclose(ce - kl, _h(p))
    assert kl[1] == pytest.approx(0.0, abs=1e-15) and kl[0] == pytest.approx(_kl(p, q[0]))
    with pytest.raises(ValueError, match="p:"):
        path_measures([1.0, 0.0], t)
    with pytest.raises(ValueError, match="t:"):
        path_measures(p, [0.0, 0.5])


def test_simplex_grid():
    for step, k in ((0.05, 3), (0.25, 4), (0.5, 2), (0.01, 3)):
        g = simplex_grid(step, k)
        n = round(1 / step)
        assert g.shape == (math.comb(n + k - 1, k - 1), k)
        np.testing.assert_allclose(g.sum(axis=1), 1.0)
        np.testing.assert_allclose(g * n, np.round(g * n), atol=1e-9)
        assert len({tuple(r) for r in g}) == len(g)  # no distribution twice
    inner = simplex_grid(0.05, low=0.05)
    assert inner.shape == (math.comb(19, 2), 3) and inner.min() >= 0.05 - 1e-12
    assert any(np.array_equal(r, [0.5, 0.3, 0.2]) for r in simplex_grid(0.01))  # exact floats
    with pytest.raises(ValueError, match="step"):
        simplex_grid(0.3)
    with pytest.raises(ValueError, match="k:"):
        simplex_grid(0.5, 1)


def test_two_outcomes_and_the_bce_scan():
    np.testing.assert_allclose(two_outcomes([0.3, 1.0]), [[0.3, 0.7], [1.0, 0.0]])
    with pytest.raises(ValueError, match="x:"):
        two_outcomes(1.5)
    a = np.arange(1, 1000) / 1000
    s = bce_scan(0.3, a)
    written = [-(0.3 * math.log(ai) + 0.7 * math.log(1 - ai)) for ai in a]
    np.testing.assert_allclose(s["bce"], written, rtol=1e-12)
    np.testing.assert_allclose(s["two_outcomes"], written, rtol=1e-12)
    assert s["a_best"] == 0.3 and f"{s['bce_min']:.3f}" == "0.611"
    assert s["entropy"] == pytest.approx(_h([0.3, 0.7])) == pytest.approx(s["bce_min"])
    np.testing.assert_allclose(s["kl"], np.array(written) - s["entropy"], atol=1e-12)
    hard = bce_scan(1.0, a)
    assert hard["entropy"] == 0.0 and hard["a_best"] == 0.999  # a hard label: floor 0
    with pytest.raises(ValueError, match="y:"):
        bce_scan(1.2, a)
    with pytest.raises(ValueError, match="a:"):
        bce_scan(0.3, [0.0, 0.5])


def test_likelihood_is_a_product_and_its_minus_log_a_sum():
    run = likelihood(PHOTOS["logits"], PHOTOS["labels"])
    product, total = 1.0, 0.0
    for z, y in zip(PHOTOS["logits"].tolist(), PHOTOS["labels"].tolist()):
        a_y = math.exp(z[y]) / sum(math.exp(v) for v in z)
        product *= a_y
        total -= math.log(a_y)
    assert run.likelihood == pytest.approx(product, rel=1e-12)
    assert run.nll == pytest.approx(total, rel=1e-12) == pytest.approx(run.summed_cost)
    assert f"{run.summed_cost:.4f}" == "4.6205" and f"{run.true[0]:.3f}" == "0.665"
    assert len(PHOTOS["classes"]) == run.probabilities.shape[1] == 3
    many = likelihood(np.tile(PHOTOS["logits"], (300, 1)), np.tile(PHOTOS["labels"], 300))
    assert many.likelihood == 0.0 and many.nll == math.inf  # the product underflows ...
    assert many.summed_cost == pytest.approx(300 * total)  # ... the sum of logs does not
    sure = likelihood([[50.0, 0.0]], [0])
    assert sure.nll == 0.0 and math.copysign(1.0, sure.nll) == 1.0  # +0, not −0
    with pytest.raises(ValueError, match="logits"):
        likelihood([1.0, 2.0], [0])
    with pytest.raises(ValueError, match="labels"):
        likelihood(PHOTOS["logits"], [0, 1])
