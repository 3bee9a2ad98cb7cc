"""Exercise checks for notebooks 03 (softmax, log-likelihood), 04 (softmax or sigmoids?)
and 06 (the softmax Jacobian).

Each notebook has a *predict, then check* exercise: the learner writes a number down
before touching the panel, then checks it with the panel and with the ``check_*`` call —
:func:`check_cold_cost` (03, LogitsPanel), :func:`check_matching_logit` (04,
SoftmaxSigmoidPanel), :func:`check_equal_scores_jacobian` (06, JacobianPanel)."""

from __future__ import annotations

import math

import numpy as np

from ..activations import log_softmax, logsumexp, sigmoid, softmax, softmax_jacobian
from ..i18n import N_, tr
from ._feedback import Feedback, as_number, call_learner, right, same, wrong

__all__ = [
    "OUTPUT_LAYER_SCENARIOS",
    "PANEL_LOGITS",
    "check_cold_cost",
    "check_softmax",
    "check_cat_logit",
    "check_temperature_gradient",
    "check_output_layers",
    "check_multilabel_gradient",
    "check_matching_logit",
    "check_log_softmax_jacobian",
    "check_either_class_gradient",
    "check_jacobian_entry",
    "check_equal_scores_jacobian",
]

CAT_DOG_HORSE = np.array([10.0, 9.0, 8.0])
PANEL_LOGITS = np.array([2.5, -1.0, 3.2, 0.5])  # the panels' start (notebooks 03 and 06)
COLDEST_T = 0.1


def _close(value: float, want: float, tol: float) -> bool:
    return abs(value - want) <= tol


def _finite(got) -> bool:
    return bool(np.all(np.isfinite(got)))


# -- notebook 03 --------------------------------------------------------------------------


def cold_cost() -> float:
    """C = −ln a_0 at T = 0.1 for the panel's start logits [2.5, −1, 3.2, 0.5]."""
    return float(-log_softmax(PANEL_LOGITS / COLDEST_T)[0])


def check_cold_cost(value) -> Feedback:
    """Exercise 03.1 (predict, then check with LogitsPanel): the log-likelihood cost
    C = −ln a_y of the panel's start logits [2.5, −1, 3.2, 0.5] when the true class is
    y = 0 and the temperature is at its coldest, T = 0.1."""
    value, fail = as_number(value, tr("your predicted cost C"))
    if fail is not None:
        return fail
    want = cold_cost()
    z = PANEL_LOGITS
    if _close(value, want, 0.05):
        return right(
            tr(
                "at T = 0.1 the gap of {gap:.1f} between z₂ and z₀ becomes {big:.0f}, so "
                "a₀ ≈ e^−{big:.0f} and C ≈ {big:.0f}: the cost is about (z_max − z_y)/T "
                "once one class dominates. A cold softmax punishes a runner-up hard.",
                gap=z[2] - z[0],
                big=(z[2] - z[0]) / COLDEST_T,
            )
        )
    if value < 0:
        return wrong(tr("a cost −ln a is never negative: a probability is at most 1."))
    if _close(value, z[2] - z[0], 0.02):
        return wrong(
            tr(
                "that is the gap between the logits at T = 1; the temperature divides "
                "every logit before the softmax."
            )
        )
    if _close(value, (z[2] - z[0]) * COLDEST_T, 0.01):
        return wrong(tr("z enters as z/T: divide by T = 0.1, do not multiply."))
    if _close(value, float(-log_softmax(z)[0]), 0.01):
        return wrong(tr("that is the cost at T = 1; move the temperature to 0.1 first."))
    if _close(value, float(-log_softmax(z / COLDEST_T)[2]), 0.01) or _close(
        value, float(-log_softmax(z)[2]), 0.01
    ):
        return wrong(tr("that is the cost of class 2, the largest logit; here y = 0."))
    if 0 < value < 1:
        return wrong(
            tr(
                "class 0 is not the largest logit, so a cold softmax gives it almost "
                "nothing: its cost is large, not below 1."
            )
        )
    return wrong(
        tr(
            "C = ln Σ_k e^(z_k/T) − z₀/T. At T = 0.1 one term of the sum dominates, and "
            "ln Σ is then close to its exponent."
        )
    )


def _softmax_cases() -> np.ndarray:
    rng = np.random.default_rng(3)
    small = rng.normal(size=(4, 4)) * 2
    large = np.array(
        [[1000.0, 1001.0, 999.0, 998.0], [-1000.0, -1001.0, -1002.0, -999.0]]
    )  # e^1000 overflows, e^-1000 underflows to 0
    return np.vstack([small, large])


def check_softmax(fn) -> Feedback:
    """Exercise 03.2: ``fn(Z)`` → softmax of each row of Z (N, K), stable for any logits."""
    Z = _softmax_cases()
    got, fail = call_learner(fn, Z.copy())
    if fail is not None:
        return fail
    want = softmax(Z, axis=1)
    if same(got, want):
        return right(
            tr(
                "subtracting the row maximum changes nothing mathematically and keeps every "
                "exponent ≤ 0, so nothing can overflow."
            )
        )
    if got.shape != want.shape:
        return wrong(
            tr(
                "return one probability per logit: expected shape {want}, got {got}.",
                want=want.shape,
                got=got.shape,
            )
        )
    if same(got, log_softmax(Z, axis=1)):
        return wrong(
            tr("that is ln a (log-softmax); exponentiate it, or return the probabilities.")
        )
    if same(got[:4], want[:4]) or not _finite(got):
        return wrong(
            tr(
                "right for small logits, but rows like [1000, 1001, …] give inf/inf = NaN, "
                "and rows like [−1000, …] give 0/0. Softmax does not change if you subtract "
                "the same number from every logit of a row: which number keeps e^z finite "
                "and the sum ≥ 1?"
            )
        )
    if same(got, softmax(Z, axis=0)):
        return wrong(tr("you normalised each column; each row (one example) must sum to 1."))
    sums = got.sum(axis=1)
    if np.allclose(sums.sum(), 1.0) and not np.allclose(sums, 1.0):
        return wrong(
            tr("the whole array sums to 1; divide each row by its own sum (keepdims=True).")
        )
    return wrong(tr("a_j = e^(z_j) / Σ_k e^(z_k) along each row; check that every row sums to 1."))


def cat_logit(p_cat: float = 0.9) -> float:
    """The cat logit that gives the cat probability ``p_cat`` when dog and horse stay 9, 8."""
    return math.log(p_cat / (1 - p_cat)) + float(logsumexp(CAT_DOG_HORSE[1:]))


def check_cat_logit(value) -> Feedback:
    """Exercise 03.3: the cat's logit (dog 9, horse 8 fixed) that gives the cat a = 0.9."""
    value, fail = as_number(value, tr("the cat's new logit"))
    if fail is not None:
        return fail
    want = cat_logit(0.9)
    if _close(value, want, 0.01):
        check = float(softmax([value, 9.0, 8.0])[0])
        return right(
            tr(
                "with z_cat = {value:.2f} the cat gets a = {check:.3f}: a rise of only "
                "{rise:.2f} takes it from 0.665 to 0.9 — softmax is exponential in z.",
                value=value,
                check=check,
                rise=want - 10,
            )
        )
    if _close(value, want - 10.0, 0.01):
        return wrong(tr("that is how much the logit rises; give the new logit itself."))
    if 0 < value < 1:
        return wrong(tr("the answer is a logit (a score), not a probability."))
    return wrong(tr("write a_cat = e^z / (e^z + e^9 + e^8) = 0.9 and solve for e^z, then take ln."))


def _temperature_case():
    rng = np.random.default_rng(4)
    Z = rng.normal(size=(6, 4)) * 2
    y = rng.integers(0, 4, size=6)
    return Z, y, 2.5


def check_temperature_gradient(fn) -> Feedback:
    """Exercise 03.4: ``fn(Z, y, T)`` → ∂C_x/∂z for C_x = −ln softmax(z/T)_y, per example.

    Z: (N, K) scores, y: (N,) class indices, T > 0 the temperature. Expected (N, K).
    """
    Z, y, T = _temperature_case()
    got, fail = call_learner(fn, Z.copy(), y.copy(), T)
    if fail is not None:
        return fail
    Y = np.eye(Z.shape[1])[y]
    a = softmax(Z / T, axis=1)
    want = (a - Y) / T
    if same(got, want):
        return right(tr("(a − y)/T with a = softmax(z/T): a hot softmax also learns more slowly."))
    if got.shape != want.shape:
        return wrong(
            tr(
                "expected shape {want} (one value per score), got {got}; y holds class "
                "indices: turn them into one-hot rows.",
                want=want.shape,
                got=got.shape,
            )
        )
    if same(got, a - Y):
        return wrong(tr("z enters as z/T: the chain rule adds a factor ∂(z/T)/∂z."))
    if same(got, (a - Y) * T):
        return wrong(tr("∂(z/T)/∂z = 1/T: divide, do not multiply."))
    a1 = softmax(Z, axis=1)
    if same(got, (a1 - Y) / T) or same(got, a1 - Y):
        return wrong(tr("the probabilities are softmax(z/T), not softmax(z)."))
    if same(got, -want):
        return wrong(tr("check the sign: raising the true class's score must lower C."))
    return wrong(
        tr("write C = −z_y/T + ln Σ_k e^(z_k/T) and differentiate with respect to each z_j.")
    )


# -- notebook 04 --------------------------------------------------------------------------

OUTPUT_LAYER_SCENARIOS = {
    "digit": N_("which digit (0–9) a handwritten image shows"),
    "film_genres": N_("the genres of a film (comedy, drama, action, romance)"),
    "card_suit": N_("the suit of a playing card in a photo (♠ ♥ ♦ ♣)"),
    "friends": N_("which of five friends appear in a holiday photo"),
}
_OUTPUT_LAYER_ANSWERS = {
    "digit": "softmax",
    "film_genres": "sigmoid",
    "card_suit": "softmax",
    "friends": "sigmoid",
}


def _choice(v):
    if not isinstance(v, str):
        return None
    v = v.strip().lower()
    if v.startswith("softmax"):
        return "softmax"
    if v.startswith("sigmoid"):
        return "sigmoid"
    return None


def check_output_layers(answers) -> Feedback:
    """Exercise 04.1: ``answers[key]`` = "softmax" or "sigmoid" for each key of
    :data:`OUTPUT_LAYER_SCENARIOS`."""
    if not isinstance(answers, dict):
        return wrong(tr('give a dict from each scenario key to "softmax" or "sigmoid".'))
    missing = [k for k in OUTPUT_LAYER_SCENARIOS if k not in answers]
    if missing:
        return wrong(tr("answer every scenario; missing: {keys}.", keys=", ".join(missing)))
    unset = [k for k in OUTPUT_LAYER_SCENARIOS if answers[k] is ... or answers[k] is None]
    if unset:
        return wrong(
            tr('replace `...` with "softmax" or "sigmoid" for: {keys}.', keys=", ".join(unset))
        )
    bad = [k for k in OUTPUT_LAYER_SCENARIOS if _choice(answers[k]) is None]
    if bad:
        return wrong(
            tr('each answer is "softmax" or "sigmoid" (check: {keys}).', keys=", ".join(bad))
        )
    n_wrong = sum(_choice(answers[k]) != v for k, v in _OUTPUT_LAYER_ANSWERS.items())
    if n_wrong == 0:
        return right(
            tr(
                "one label per example → softmax; labels that can be true together → one "
                "sigmoid (and binary cross-entropy) per label."
            )
        )
    return wrong(
        tr(
            "{n} of {total} not yet right. For each scenario ask: can one example carry two "
            "of these labels at the same time?",
            n=n_wrong,
            total=len(_OUTPUT_LAYER_ANSWERS),
        )
    )


def _multilabel_case():
    rng = np.random.default_rng(5)
    Z = rng.normal(size=(5, 3)) * 2
    Y = rng.integers(0, 2, size=(5, 3)).astype(np.float64)
    return Z, Y


def check_multilabel_gradient(fn) -> Feedback:
    """Exercise 04.2: ``fn(Z, Y)`` → ∂C/∂Z for C = (1/N) Σ_n Σ_j BCE(σ(z_nj), y_nj).

    Z: (N, K) logits of K independent sigmoid outputs, Y: (N, K) of 0/1 labels.
    """
    Z, Y = _multilabel_case()
    got, fail = call_learner(fn, Z.copy(), Y.copy())
    if fail is not None:
        return fail
    N = Z.shape[0]
    s = sigmoid(Z)
    want = (s - Y) / N
    if same(got, want):
        return right(tr("(σ(z) − y)/N for every label on its own: σ′ cancels label by label."))
    if got.shape != want.shape:
        return wrong(
            tr(
                "return one gradient per logit: expected shape {want}, got {got}.",
                want=want.shape,
                got=got.shape,
            )
        )
    if same(got, s - Y):
        return wrong(tr("C is a mean over the N examples: divide by N."))
    if same(got, (softmax(Z, axis=1) - Y) / N):
        return wrong(tr("each label has its own sigmoid here, not a softmax over the labels."))
    if same(got, -want):
        return wrong(tr("check the sign: when σ(z) > y the logit must go down."))
    if same(got, (s - Y) * s * (1 - s) / N):
        return wrong(tr("σ′ cancels against ∂C/∂a of binary cross-entropy, as in notebook 02."))
    return wrong(
        tr("per label this is notebook 02's neuron: ∂C/∂z = σ(z) − y, then the mean over N.")
    )


def check_matching_logit(value) -> Feedback:
    """Exercise 04.3 (predict, then check with SoftmaxSigmoidPanel): the value z that all
    four logits must share for the four sigmoids to show exactly the softmax's outputs."""
    value, fail = as_number(value, tr("your predicted logit z"))
    if fail is not None:
        return fail
    want = -math.log(3.0)  # σ(z) = 1/4 ⇔ e^(−z) = 3
    if _close(value, want, 0.05):
        return right(
            tr(
                "four equal logits give softmax 1/4 each, whatever their value; a sigmoid "
                "gives 1/4 only at z = −ln 3 ≈ {z:.2f}. There the two output layers show the "
                "same bars (with K labels at z = −ln(K − 1)); anywhere else Σ σ ≠ 1.",
                z=want,
            )
        )
    if _close(abs(value), 0.25, 1e-3):
        return wrong(
            tr("0.25 is the probability each output should show; the answer is a logit z.")
        )
    if _close(value, -want, 0.05):
        return wrong(tr("check the sign: σ(z) = 1/4 is below 1/2, so z must be negative."))
    if _close(value, -math.log(4.0), 0.05):
        return wrong(tr("σ(z) = 1/(1 + e^(−z)) = 1/4 means 1 + e^(−z) = 4: solve for e^(−z)."))
    if _close(value, -math.log10(3.0), 0.02):
        return wrong(tr("use the natural logarithm: σ is built from e^z."))
    if _close(value, 0.0, 0.05):
        return wrong(
            tr("at z = 0 each sigmoid gives 1/2, so the four add up to 2, not 1 like softmax.")
        )
    return wrong(
        tr(
            "first: what does softmax give four equal logits (does their value matter)? Then "
            "solve σ(z) = 1/(1 + e^(−z)) for that probability."
        )
    )


# -- notebook 06 --------------------------------------------------------------------------


def check_log_softmax_jacobian(fn) -> Feedback:
    """Exercise 06.1: ``fn(z)`` → (K, K) matrix M[j, i] = ∂(ln a_j)/∂z_i, a = softmax(z)."""
    z = np.array([0.5, -1.2, 2.0, 0.3, -0.4])
    got, fail = call_learner(fn, z.copy())
    if fail is not None:
        return fail
    a = softmax(z)
    K = z.size
    want = np.eye(K) - a[None, :]  # row j: e_j − a
    if same(got, want):
        return right(
            tr(
                "∂ ln a_j/∂z_i = δ_ij − a_i: J divided by a_j row by row — no tiny a_j left to "
                "divide by, which is why frameworks differentiate log-softmax, not softmax."
            )
        )
    if got.shape != want.shape:
        return wrong(
            tr(
                "expected a K × K matrix, shape {want}, got {got}.",
                want=want.shape,
                got=got.shape,
            )
        )
    if same(got, softmax_jacobian(z)):
        return wrong(
            tr("that is the Jacobian of a itself; differentiate ln a_j = z_j − ln Σ_k e^(z_k).")
        )
    if same(got, want.T):
        return wrong(tr("transposed: row j holds the derivatives of ln a_j, column i is z_i."))
    if same(got, -want):
        return wrong(tr("check the sign: raising z_j raises ln a_j, so the diagonal is positive."))
    if same(got, np.diag(1 - a)):
        return wrong(
            tr("ln a_j depends on every z_i through ln Σ_k e^(z_k): the off-diagonal is not 0.")
        )
    return wrong(tr("ln a_j = z_j − ln Σ_k e^(z_k); the derivative of the second term is a_i."))


def _either_case():
    return np.array([1.0, -0.5, 2.0, 0.3]), (0, 2)


def check_either_class_gradient(fn) -> Feedback:
    """Exercise 06.2: ``fn(z, (i, j))`` → ∂L/∂z for L = −ln(a_i + a_j) (“class i or j”)."""
    z, pair = _either_case()
    got, fail = call_learner(fn, z.copy(), pair)
    if fail is not None:
        return fail
    a = softmax(z)
    K = z.size
    in_pair = np.zeros(K)
    in_pair[list(pair)] = 1.0
    s = float(a @ in_pair)
    want = a - a * in_pair / s
    if same(got, want):
        return right(
            tr(
                "a − q, where q is a renormalised over the allowed classes: the loss pushes the "
                "pair up together but does not care how it is split between them."
            )
        )
    if got.shape != want.shape:
        return wrong(
            tr(
                "expected one value per score, shape {want}, got {got}.",
                want=want.shape,
                got=got.shape,
            )
        )
    if same(got, a - in_pair / 2):
        return wrong(
            tr(
                "that is the gradient of −½ ln a_i − ½ ln a_j (a soft label); here the log is "
                "taken of the sum a_i + a_j."
            )
        )
    if same(got, 2 * a - in_pair):
        return wrong(
            tr("that is the gradient of −ln a_i − ln a_j; here the log is of the sum a_i + a_j.")
        )
    if same(got, -want):
        return wrong(tr("check the sign: raising z_i (an allowed class) must lower L."))
    if same(got, -in_pair / s):
        return wrong(tr("that is ∂L/∂a; multiply by the softmax Jacobian: Jᵀ(∂L/∂a)."))
    return wrong(
        tr(
            "∂L/∂a_m = −1/(a_i + a_j) for m ∈ {i, j} and 0 otherwise; then ∂L/∂z = Jᵀ(∂L/∂a) "
            "with J = diag(a) − a aᵀ."
        )
    )


def check_jacobian_entry(value) -> Feedback:
    """Exercise 06.3: ∂a_dog/∂z_cat for the scores [10, 9, 8] (cat, dog, horse)."""
    value, fail = as_number(value, "∂a_dog/∂z_cat")
    if fail is not None:
        return fail
    a = softmax(CAT_DOG_HORSE)
    want = float(softmax_jacobian(CAT_DOG_HORSE)[1, 0])
    if _close(value, want, 5e-4):
        return right(
            tr("raising the cat's score takes probability from the dog: the entry is −a_dog·a_cat.")
        )
    if _close(value, -want, 5e-4):
        return wrong(tr("check the sign: raising z_cat makes the denominator larger for the dog."))
    if _close(value, float(a[1] * (1 - a[1])), 5e-4) or _close(
        value, float(a[0] * (1 - a[0])), 5e-4
    ):
        return wrong(tr("that is a diagonal entry; cat and dog are different outputs (i ≠ j)."))
    return wrong(tr("compute a = softmax([10, 9, 8]) first, then use the i ≠ j case."))


def _as_pair(value, what: str):
    """(diagonal, off-diagonal) as two floats, or (None, Feedback)."""
    if value is None or value is ...:
        return None, wrong(tr("replace `...` with {what}.", what=what))
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__len__"):
        return None, wrong(tr("give {what} as two numbers, e.g. (0.1, -0.2).", what=what))
    if len(value) != 2 or any(isinstance(v, bool) or v is ... for v in value):
        return None, wrong(tr("give {what} as two numbers, e.g. (0.1, -0.2).", what=what))
    try:
        return (float(value[0]), float(value[1])), None
    except (TypeError, ValueError):
        return None, wrong(tr("give {what} as two numbers, e.g. (0.1, -0.2).", what=what))


def check_equal_scores_jacobian(answer) -> Feedback:
    """Exercise 06.4 (predict, then check with JacobianPanel): (a diagonal entry, an
    off-diagonal entry) of the softmax Jacobian when all four scores are equal."""
    pair, fail = _as_pair(answer, tr("(diagonal, off-diagonal)"))
    if fail is not None:
        return fail
    diag, off = pair
    a = 0.25  # four equal scores, whatever their value
    want_d, want_o = a * (1 - a), -a * a
    tol = 5e-4
    if _close(diag, want_d, tol) and _close(off, want_o, tol):
        return right(
            tr(
                "equal scores give a = 1/4 whatever their common value (only differences of "
                "scores matter): diagonal ¼·¾ = 3/16, off-diagonal −¼·¼ = −1/16, and each row "
                "sums to 3/16 − 3/16 = 0."
            )
        )
    if _close(diag, want_o, tol) and _close(off, want_d, tol):
        return wrong(tr("the diagonal comes first, then an off-diagonal entry."))
    hints = []
    if not _close(diag, want_d, tol):
        if _close(diag, a, tol):
            hints.append(tr("the diagonal is a_i(1 − a_i), not a_i."))
        elif _close(diag, a * a, tol):
            hints.append(tr("the diagonal is a_i(1 − a_i), not a_i²."))
        else:
            hints.append(tr("with K = 4 equal scores, what is each a_i? Then use a_i(1 − a_i)."))
    if not _close(off, want_o, tol):
        if _close(off, -want_o, tol):
            hints.append(tr("check the sign: raising one score takes probability from the others."))
        elif _close(off, -a, tol):
            hints.append(tr("an off-diagonal entry is −a_i·a_j, a product of two probabilities."))
        else:
            hints.append(tr("an off-diagonal entry is −a_i·a_j; every row of J must sum to 0."))
    return wrong(" ".join(hints))
