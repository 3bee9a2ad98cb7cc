"""Exercise checks for notebooks 03 (softmax, log-likelihood), 04 (softmax or sigmoids?)
and 06 (the softmax Jacobian)."""

from __future__ import annotations

import math

import numpy as np

from ..activations import log_softmax, logsumexp, sigmoid, softmax, softmax_jacobian
from ._feedback import Feedback, as_number, call_learner, right, same, wrong

__all__ = [
    "OUTPUT_LAYER_SCENARIOS",
    "check_softmax",
    "check_cat_logit",
    "check_temperature_gradient",
    "check_output_layers",
    "check_multilabel_gradient",
    "check_two_label_ceiling",
    "check_log_softmax_jacobian",
    "check_either_class_gradient",
    "check_jacobian_entry",
]

CAT_DOG_HORSE = np.array([10.0, 9.0, 8.0])


def _close(value: float, want: float, tol: float) -> bool:
    return abs(value - want) <= tol


def _finite(got) -> bool:
    return bool(np.all(np.isfinite(got)))


# -- notebook 03 --------------------------------------------------------------------------


def _softmax_cases() -> np.ndarray:
    rng = np.random.default_rng(3)
    small = rng.normal(size=(4, 4)) * 2
    large = np.array(
        [[1000.0, 1001.0, 999.0, 998.0], [-1000.0, -1001.0, -1002.0, -999.0]]
    )  # e^1000 overflows, e^-1000 underflows to 0
    return np.vstack([small, large])


def check_softmax(fn) -> Feedback:
    """Exercise 03.1: ``fn(Z)`` → softmax of each row of Z (N, K), stable for any logits."""
    Z = _softmax_cases()
    got, fail = call_learner(fn, Z.copy())
    if fail is not None:
        return fail
    want = softmax(Z, axis=1)
    if same(got, want):
        return right(
            "subtracting the row maximum changes nothing mathematically and keeps every "
            "exponent ≤ 0, so nothing can overflow."
        )
    if got.shape != want.shape:
        return wrong(
            f"return one probability per logit: expected shape {want.shape}, got {got.shape}."
        )
    if same(got, log_softmax(Z, axis=1)):
        return wrong("that is ln a (log-softmax); exponentiate it, or return the probabilities.")
    if same(got[:4], want[:4]) or not _finite(got):
        return wrong(
            "right for small logits, but rows like [1000, 1001, …] give inf/inf = NaN, and "
            "rows like [−1000, …] give 0/0. Softmax does not change if you subtract the same "
            "number from every logit of a row: which number keeps e^z finite and the sum ≥ 1?"
        )
    if same(got, softmax(Z, axis=0)):
        return wrong("you normalised each column; each row (one example) must sum to 1.")
    sums = got.sum(axis=1)
    if np.allclose(sums.sum(), 1.0) and not np.allclose(sums, 1.0):
        return wrong("the whole array sums to 1; divide each row by its own sum (keepdims=True).")
    return wrong("a_j = e^(z_j) / Σ_k e^(z_k) along each row; check that every row sums to 1.")


def cat_logit(p_cat: float = 0.9) -> float:
    """The cat logit that gives the cat probability ``p_cat`` when dog and horse stay 9, 8."""
    return math.log(p_cat / (1 - p_cat)) + float(logsumexp(CAT_DOG_HORSE[1:]))


def check_cat_logit(value) -> Feedback:
    """Exercise 03.2: the cat's logit (dog 9, horse 8 fixed) that gives the cat a = 0.9."""
    value, fail = as_number(value, "the cat's new logit")
    if fail is not None:
        return fail
    want = cat_logit(0.9)
    if _close(value, want, 0.01):
        check = float(softmax([value, 9.0, 8.0])[0])
        return right(
            f"with z_cat = {value:.2f} the cat gets a = {check:.3f}: a rise of only "
            f"{want - 10:.2f} takes it from 0.665 to 0.9 — softmax is exponential in z."
        )
    if _close(value, want - 10.0, 0.01):
        return wrong("that is how much the logit rises; give the new logit itself.")
    if 0 < value < 1:
        return wrong("the answer is a logit (a score), not a probability.")
    return wrong("write a_cat = e^z / (e^z + e^9 + e^8) = 0.9 and solve for e^z, then take ln.")


def _temperature_case():
    rng = np.random.default_rng(4)
    Z = rng.normal(size=(6, 4)) * 2
    y = rng.integers(0, 4, size=6)
    return Z, y, 2.5


def check_temperature_gradient(fn) -> Feedback:
    """Exercise 03.3: ``fn(Z, y, T)`` → ∂C_x/∂z for C_x = −ln softmax(z/T)_y, per example.

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
        return right("(a − y)/T with a = softmax(z/T): a hot softmax also learns more slowly.")
    if got.shape != want.shape:
        return wrong(
            f"expected shape {want.shape} (one value per score), got {got.shape}; "
            "y holds class indices: turn them into one-hot rows."
        )
    if same(got, a - Y):
        return wrong("z enters as z/T: the chain rule adds a factor ∂(z/T)/∂z.")
    if same(got, (a - Y) * T):
        return wrong("∂(z/T)/∂z = 1/T: divide, do not multiply.")
    a1 = softmax(Z, axis=1)
    if same(got, (a1 - Y) / T) or same(got, a1 - Y):
        return wrong("the probabilities are softmax(z/T), not softmax(z).")
    if same(got, -want):
        return wrong("check the sign: raising the true class's score must lower C.")
    return wrong("write C = −z_y/T + ln Σ_k e^(z_k/T) and differentiate with respect to each z_j.")


# -- notebook 04 --------------------------------------------------------------------------

OUTPUT_LAYER_SCENARIOS = {
    "digit": "which digit (0–9) a handwritten image shows",
    "film_genres": "the genres of a film (comedy, drama, action, romance)",
    "card_suit": "the suit of a playing card in a photo (♠ ♥ ♦ ♣)",
    "friends": "which of five friends appear in a holiday photo",
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
        return wrong('give a dict from each scenario key to "softmax" or "sigmoid".')
    missing = [k for k in OUTPUT_LAYER_SCENARIOS if k not in answers]
    if missing:
        return wrong(f"answer every scenario; missing: {', '.join(missing)}.")
    unset = [k for k in OUTPUT_LAYER_SCENARIOS if answers[k] is ... or answers[k] is None]
    if unset:
        return wrong(f'replace `...` with "softmax" or "sigmoid" for: {", ".join(unset)}.')
    bad = [k for k in OUTPUT_LAYER_SCENARIOS if _choice(answers[k]) is None]
    if bad:
        return wrong(f'each answer is "softmax" or "sigmoid" (check: {", ".join(bad)}).')
    n_wrong = sum(_choice(answers[k]) != v for k, v in _OUTPUT_LAYER_ANSWERS.items())
    if n_wrong == 0:
        return right(
            "one label per example → softmax; labels that can be true together → one "
            "sigmoid (and binary cross-entropy) per label."
        )
    return wrong(
        f"{n_wrong} of {len(_OUTPUT_LAYER_ANSWERS)} not yet right. For each scenario ask: "
        "can one example carry two of these labels at the same time?"
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
        return right("(σ(z) − y)/N for every label on its own: σ′ cancels label by label.")
    if got.shape != want.shape:
        return wrong(
            f"return one gradient per logit: expected shape {want.shape}, got {got.shape}."
        )
    if same(got, s - Y):
        return wrong("C is a mean over the N examples: divide by N.")
    if same(got, (softmax(Z, axis=1) - Y) / N):
        return wrong("each label has its own sigmoid here, not a softmax over the labels.")
    if same(got, -want):
        return wrong("check the sign: when σ(z) > y the logit must go down.")
    if same(got, (s - Y) * s * (1 - s) / N):
        return wrong("σ′ cancels against ∂C/∂a of binary cross-entropy, as in notebook 02.")
    return wrong("per label this is notebook 02's neuron: ∂C/∂z = σ(z) − y, then the mean over N.")


def check_two_label_ceiling(value) -> Feedback:
    """Exercise 04.3: with softmax over the labels, the largest probability that two labels
    can *both* get at once (the smaller of the two)."""
    value, fail = as_number(value, "the largest probability both labels can get")
    if fail is not None:
        return fail
    if _close(value, 0.5, 1e-6):
        return right(
            "a softmax output sums to 1, so two labels can both reach only 0.5 — it cannot say "
            "“both, with 95 % certainty”, which a pair of sigmoids can."
        )
    if value > 0.5:
        return wrong("what do all softmax outputs add up to? Then two of them cannot both exceed …")
    return wrong("make the two outputs equal and every other output 0: how large can they be?")


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
            "∂ ln a_j/∂z_i = δ_ij − a_i: J divided by a_j row by row — no tiny a_j left to "
            "divide by, which is why frameworks differentiate log-softmax, not softmax."
        )
    if got.shape != want.shape:
        return wrong(f"expected a K × K matrix, shape {want.shape}, got {got.shape}.")
    if same(got, softmax_jacobian(z)):
        return wrong(
            "that is the Jacobian of a itself; differentiate ln a_j = z_j − ln Σ_k e^(z_k)."
        )
    if same(got, want.T):
        return wrong("transposed: row j holds the derivatives of ln a_j, column i is z_i.")
    if same(got, -want):
        return wrong("check the sign: raising z_j raises ln a_j, so the diagonal is positive.")
    if same(got, np.diag(1 - a)):
        return wrong(
            "ln a_j depends on every z_i through ln Σ_k e^(z_k): the off-diagonal is not 0."
        )
    return wrong("ln a_j = z_j − ln Σ_k e^(z_k); the derivative of the second term is a_i.")


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
            "a − q, where q is a renormalised over the allowed classes: the loss pushes the "
            "pair up together but does not care how it is split between them."
        )
    if got.shape != want.shape:
        return wrong(f"expected one value per score, shape {want.shape}, got {got.shape}.")
    if same(got, a - in_pair / 2):
        return wrong(
            "that is the gradient of −½ ln a_i − ½ ln a_j (a soft label); here the log is "
            "taken of the sum a_i + a_j."
        )
    if same(got, 2 * a - in_pair):
        return wrong(
            "that is the gradient of −ln a_i − ln a_j; here the log is of the sum a_i + a_j."
        )
    if same(got, -want):
        return wrong("check the sign: raising z_i (an allowed class) must lower L.")
    if same(got, -in_pair / s):
        return wrong("that is ∂L/∂a; multiply by the softmax Jacobian: Jᵀ(∂L/∂a).")
    return wrong(
        "∂L/∂a_m = −1/(a_i + a_j) for m ∈ {i, j} and 0 otherwise; then ∂L/∂z = Jᵀ(∂L/∂a) "
        "with J = diag(a) − a aᵀ."
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
            "raising the cat's score takes probability from the dog: the entry is −a_dog·a_cat."
        )
    if _close(value, -want, 5e-4):
        return wrong("check the sign: raising z_cat makes the denominator larger for the dog.")
    if _close(value, float(a[1] * (1 - a[1])), 5e-4) or _close(
        value, float(a[0] * (1 - a[0])), 5e-4
    ):
        return wrong("that is a diagonal entry; cat and dog are different outputs (i ≠ j).")
    return wrong("compute a = softmax([10, 9, 8]) first, then use the i ≠ j case.")
