"""Exercise checks for notebook 08 (multiclass SVM hinge loss vs cross-entropy)."""

from __future__ import annotations

import math

import numpy as np

from .. import losses
from ..experiments.hinge import DATA_CONFIG, FIT_CONFIG, kept_fit
from ..i18n import tr
from ._feedback import Feedback, as_number, call_learner, right, same, wrong

__all__ = [
    "check_hinge_loss",
    "check_hinge_gradient",
    "check_largest_zero_margin",
    "check_pushing_without_outliers",
    "check_equivalent_lambda",
]


def _cases():
    """(scores, target, margin): the worked examples, then seeded random ones."""
    yield np.array([3.0, 1.0, -3.0]), 0, 1.0
    yield np.array([3.0, 1.0, -3.0]), 1, 1.0
    yield np.array([1.0, 2.0, 3.0]), 0, 1.0
    rng = np.random.default_rng(8)
    for _ in range(6):
        c = int(rng.integers(3, 6))
        yield rng.normal(size=c) * 2, int(rng.integers(0, c)), float(rng.choice([0.5, 1.0, 5.0]))


def check_hinge_loss(fn) -> Feedback:
    """Exercise 08.1: ``fn(scores, target, margin)`` → Σ_{j≠y} max(0, s_j − s_y + Δ)."""
    for s, t, m in _cases():
        got, fail = call_learner(fn, s.copy(), t, m)
        if fail is not None:
            return fail
        want = float(losses.multiclass_hinge_loss(s, t, m))
        if got.shape != ():
            return wrong(
                tr("return one number for one example (got shape {shape}).", shape=got.shape)
            )
        if same(got, want):
            continue
        raw = s - s[t] + m
        if same(got, want + m):
            return wrong(tr("skip j = y: the true class would add max(0, Δ) = Δ to every loss."))
        if same(got, float(losses.multi_margin_loss(s, t, margin=m))):
            return wrong(
                tr("that is PyTorch's multi_margin_loss (the sum ÷ C); here keep the sum.")
            )
        if same(got, float(losses.multiclass_hinge_loss(s, t, m, form="max"))):
            return wrong(
                tr("that is the Crammer–Singer form (the largest term); add up all terms.")
            )
        if same(got, np.sum(np.delete(raw, t))):
            return wrong(
                tr("clip each term at 0 with max(0, ·): a class already past the margin adds 0.")
            )
        if same(got, np.sum(np.delete(np.maximum(0, s[t] - s + m), t))):
            return wrong(tr("the wrong class's score comes first: max(0, s_j − s_y + Δ)."))
        return wrong(
            tr(
                "scores {scores}, true class {t}, Δ = {m}: recheck one term.",
                scores=np.round(s, 2).tolist(),
                t=t,
                m=m,
            )
        )
    return right(tr("the Weston–Watkins sum: [3, 1, −3] gives 0 for cat and 3 for dog (Δ = 1)."))


def check_hinge_gradient(fn) -> Feedback:
    """Exercise 08.2: ``fn(scores, target, margin)`` → ∂L/∂s for the hinge sum, shape (C,)."""
    for s, t, m in _cases():
        got, fail = call_learner(fn, s.copy(), t, m)
        if fail is not None:
            return fail
        want = losses.multiclass_hinge_loss_grad(s, t, m)
        if same(got, want):
            continue
        if got.shape != want.shape:
            return wrong(
                tr(
                    "return one value per class: expected shape {want}, got {got}.",
                    want=want.shape,
                    got=got.shape,
                )
            )
        if same(got, -want):
            return wrong(tr("check the sign: raising a violating wrong score raises the loss."))
        no_true = want.copy()
        no_true[t] = 0.0
        if same(got, no_true):
            return wrong(
                tr("s_y appears in every violated term with a minus sign: ∂L/∂s_y = −(count).")
            )
        return wrong(tr("each violated j ≠ y contributes +1 to ∂L/∂s_j and −1 to ∂L/∂s_y."))
    return right(
        tr(
            "the gradient is a count of violated margins: once none are violated it is exactly "
            "0 and the example stops moving the weights."
        )
    )


WORKED_SCORES, WORKED_TARGET = (3.0, 1.0, -3.0), 0


def check_largest_zero_margin(margin) -> Feedback:
    """Exercise 08.3 (predict, then check with the HingePanel): the largest Δ for which
    [3, 1, −3] with true class cat has zero hinge loss."""
    value, fail = as_number(margin, tr("the margin Δ"))
    if fail is not None:
        return fail
    if not math.isfinite(value) or value < 0:
        return wrong(tr("Δ is a margin: a number ≥ 0."))
    s, t = np.array(WORKED_SCORES), WORKED_TARGET
    zero_here = float(losses.multiclass_hinge_loss(s, t, value)) == 0.0
    positive_after = float(losses.multiclass_hinge_loss(s, t, value + 1e-6)) > 0.0
    if zero_here and positive_after:
        return right(
            tr(
                "Δ = {m:g}: the gap between the cat's score and the best wrong score. Beyond it "
                "the dog term switches on; below it the loss does not care how large the gap is.",
                m=value,
            )
        )
    if zero_here:
        return wrong(
            tr("the loss is still 0 a little above that Δ: go higher (drag Δ in the panel).")
        )
    if math.isclose(value, s[t] - s[2]):  # the gap to the bird, not to the best wrong class
        return wrong(
            tr("that is the gap to the bird; the dog is closer to the cat and switches on first.")
        )
    return wrong(tr("at that Δ a wrong class is inside the margin: which term became positive?"))


def _pushing_answer() -> tuple[int, int, int]:
    """(hinge without the eight, hinge with them, number of clean examples) at the last
    epoch with Δ = 1: what the MarginPanel shows."""
    clean = kept_fit("hinge", 1.0, False)
    noisy = kept_fit("hinge", 1.0, True)
    return int(clean.n_active[-1]), int(noisy.n_active[-1]), DATA_CONFIG["n_samples"]


def check_pushing_without_outliers(count) -> Feedback:
    """Exercise 08.4 (predict, then check with the MarginPanel): how many of the 150 clean
    examples still push the hinge classifier's weights after the last epoch (Δ = 1) when
    it is trained without the eight mislabelled points."""
    value, fail = as_number(count, tr("the number of examples"))
    if fail is not None:
        return fail
    want, with_them, n = _pushing_answer()
    epochs = FIT_CONFIG["epochs"]
    if value == want:
        return right(
            tr(
                "without the mislabelled points every margin can be met, and an example whose "
                "margins are met has a zero hinge gradient: the weights stop changing. "
                "Cross-entropy still has all {n} pushing after {epochs} epochs.",
                n=n,
                epochs=epochs,
            )
        )
    if value in (n, n + 8):
        return wrong(
            tr(
                "that is cross-entropy's count: its gradient softmax(s) − one-hot(y) is never "
                "exactly zero. Which examples have a non-zero hinge gradient?"
            )
        )
    if value == with_them:
        return wrong(
            tr(
                "that is the count with the eight mislabelled points; set the toggle to "
                "'without them'. Can every margin be met then?"
            )
        )
    if value == 8:
        return wrong(tr("the eight mislabelled points are not in this training set at all."))
    if value < 0 or value != round(value):
        return wrong(tr("a count of examples is a whole number, not {value:g}.", value=value))
    return wrong(
        tr(
            "an example pushes only while one of its margins is violated. On three blobs "
            "that a line can separate, how many are left after {epochs} epochs? Check with "
            "the panel (epoch slider at the end).",
            epochs=epochs,
        )
    )


LAMBDA_GIVEN, MARGIN_ASKED = 0.09, 3.0


def check_equivalent_lambda(lam) -> Feedback:
    """Exercise 08.5: the λ that makes the SVM with Δ = 3 the same classifier as the one
    with Δ = 1 and λ = 0.09 (its weights 3 times as large)."""
    value, fail = as_number(lam, tr("λ"))
    if fail is not None:
        return fail
    c, want = MARGIN_ASKED, LAMBDA_GIVEN / MARGIN_ASKED

    def near(x: float) -> bool:
        return math.isclose(value, x, rel_tol=0.02)

    if near(want):
        return right(
            tr(
                "λ/3: with W three times as large the data term is 3 times as large and "
                "½‖W‖² 9 times, so J(3W; 3Δ, λ/3) = 3·J(W; Δ, λ) and the best W is the same, "
                "scaled by 3. Only the product λΔ matters, so fixing Δ = 1 loses nothing."
            )
        )
    if near(LAMBDA_GIVEN * c):
        return wrong(
            tr(
                "λ moves the other way: the weights must grow, so the penalty on them must "
                "get weaker. Write J(cW; cΔ, λ′) and compare it with J(W; Δ, λ)."
            )
        )
    if near(LAMBDA_GIVEN):
        return wrong(
            tr(
                "with the same λ a larger Δ gives a different classifier (notebook section "
                "6). Write J(cW; cΔ, λ′) and compare it with J(W; Δ, λ)."
            )
        )
    if near(LAMBDA_GIVEN / c**2) or near(LAMBDA_GIVEN * c**2):
        return wrong(
            tr(
                "½‖cW‖² = c²·½‖W‖², but the hinge terms grow only by c: the two must grow by "
                "the same factor for J to be a multiple of the old one."
            )
        )
    return wrong(
        tr(
            "scale W, b and Δ by c = 3: every hinge term grows by 3 and ½‖W‖² by 9. Which λ′ "
            "makes J(3W; 3Δ, λ′) = 3·J(W; Δ, λ)?"
        )
    )
