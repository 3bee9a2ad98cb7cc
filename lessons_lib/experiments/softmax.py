"""The experiments of the softmax lessons: notebooks 03 (digits), 04 (multi-label) and 06.

Notebook 03 — softmax + log-likelihood against sigmoid + cross-entropy on the digits:
:func:`digits_split` (train / validation / test), :data:`OUTPUT_LAYERS` and
:data:`DIGITS_CONFIG` (the two networks and how they train), :func:`digits_run` (one
seeded run, kept), :func:`digits_sweep` (the same over seeds), the backpropagation checks
:func:`backprop_by_hand` / :func:`backprop_differences` (the four equations written out,
against :meth:`lessons_lib.network.Network.backprop`) and :func:`gradient_check` (against
central differences), and :func:`engine_difference` (the speed engine against the textbook
code).

Notebook 04 — what a softmax output cannot say: the three-disc data of
:func:`lessons_lib.datasets.make_multilabel` labelled two ways (:data:`WORLDS`): "and",
every disc a point lies in is a label; "or", one label per point, chosen at random where
discs overlap (:func:`either_or_labels`). :func:`multilabel_run` trains a sigmoid or a
softmax output layer on either; :func:`pair_means`, :func:`both_on_sweep`,
:func:`exact_by_count` and :func:`expected_count_map` measure them.

Notebook 06 — :func:`saturation_table`: a saturated softmax under the quadratic cost and
under cross-entropy.

Nothing here draws; every training run is deterministic and kept, so a notebook, a panel
and a test that ask for the same run share it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .._checks import check_int
from ..activations import sigmoid, sigmoid_prime, softmax, softmax_jacobian, softmax_vjp
from ..datasets import (
    MULTILABEL_DISCS,
    MULTILABEL_RADIUS,
    load_digits,
    make_multilabel,
    train_test_split,
)
from ..gradcheck import numerical_gradient, rel_error
from ..i18n import N_
from ..losses import one_hot
from ..network import Network
from ..training import History

__all__ = [
    "SEEDS",
    "OUTPUT_LAYERS",
    "DIGITS_CONFIG",
    "digits_split",
    "digits_network",
    "DigitsRun",
    "digits_run",
    "digits_sweep",
    "backprop_by_hand",
    "backprop_differences",
    "gradient_check",
    "engine_difference",
    "WORLDS",
    "OUTPUTS",
    "MULTILABEL_CONFIG",
    "MULTILABEL_NET",
    "EXTENT",
    "DISCS",
    "either_or_labels",
    "softmax_targets",
    "multilabel_data",
    "disc_membership",
    "lens_points",
    "multilabel_run",
    "label_probabilities",
    "pair_means",
    "both_on_sweep",
    "exact_by_count",
    "exact_match",
    "expected_count_map",
    "true_count_map",
    "saturation_table",
]

SEEDS = (0, 1, 2, 3, 4)  # every seed-dependent result is shown over these

# -- notebook 03: the digits ------------------------------------------------------------------

# name → (output layer, cost in losses.LOSSES): the two networks of notebook 03
OUTPUT_LAYERS = {
    N_("softmax + log-likelihood"): ("softmax", "cross_entropy"),
    N_("sigmoid + cross-entropy"): ("sigmoid", "binary_cross_entropy_with_logits"),
}
DIGITS_CONFIG = {"sizes": (64, 30, 10), "epochs": 30, "batch_size": 10, "eta": 0.5}


@lru_cache(maxsize=1)
def _digits_parts():
    X, y = load_digits()
    X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=0.2, seed=0)
    X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, test_size=0.2, seed=1)
    parts = (X_train, X_val, X_test, y_train, y_val, y_test)
    for a in parts:
        a.setflags(write=False)
    return parts


def digits_split():
    """The 1,797 digits split three ways, every class in proportion (notebook 03):
    X_train (1151, 64), X_val (287, 64), X_test (359, 64), y_train, y_val, y_test.

    Training fits the weights, the validation set is watched while training, and the test
    set is read once, at the end. The arrays are read-only (shared by every call).
    """
    return _digits_parts()


def digits_network(name: str, seed: int = 0) -> Network:
    """A fresh ``[64, 30, 10]`` network with the output layer and cost of ``name`` (a key
    of :data:`OUTPUT_LAYERS`); the same ``seed`` gives the same initial weights."""
    if name not in OUTPUT_LAYERS:
        raise ValueError(f"name: expected one of {tuple(OUTPUT_LAYERS)}, got {name!r}")
    output, cost = OUTPUT_LAYERS[name]
    return Network(list(DIGITS_CONFIG["sizes"]), output=output, cost=cost, seed=seed)


@dataclass(frozen=True)
class DigitsRun:
    """One training run of notebook 03: the network, its history (validation accuracy
    per epoch) and its test accuracy, read once after training."""

    name: str
    seed: int
    net: Network
    history: History
    test_accuracy: float

    @property
    def epochs_to(self) -> int:
        """The first epoch whose validation accuracy is ≥ 0.9 (−1 if none)."""
        hit = np.flatnonzero(np.asarray(self.history.val_accuracy) >= 0.9)
        return int(hit[0]) if hit.size else -1


def digits_run(name: str, seed: int = 0) -> DigitsRun:
    """Train :func:`digits_network` (``name``, ``seed``) as :data:`DIGITS_CONFIG` says,
    watching the validation set; deterministic, so each run is trained once and kept
    (a repeated call returns a copy, yours to change)."""
    return copy.deepcopy(_digits_run(name, check_int(seed, "seed", low=0)))


@lru_cache(maxsize=32)
def _digits_run(name: str, seed: int) -> DigitsRun:
    X_train, X_val, X_test, y_train, y_val, y_test = digits_split()
    net = digits_network(name, seed)
    cfg = DIGITS_CONFIG
    history = net.fit(
        X_train,
        y_train,
        epochs=cfg["epochs"],
        batch_size=cfg["batch_size"],
        eta=cfg["eta"],
        X_val=X_val,
        y_val=y_val,
        track_gradients=False,
    )
    return DigitsRun(name, seed, net, history, net.accuracy(X_test, y_test))


def digits_sweep(seeds=SEEDS) -> dict[str, dict[str, np.ndarray]]:
    """Both networks of notebook 03 over ``seeds``: {name: {"test_accuracy": (S,),
    "train_accuracy": (S,), "epochs_to_90": (S,)}} (each entry one seed, in order)."""
    out = {}
    for name in OUTPUT_LAYERS:
        runs = [_digits_run(name, check_int(s, "seeds", low=0)) for s in seeds]
        out[name] = {
            "test_accuracy": np.array([r.test_accuracy for r in runs]),
            "train_accuracy": np.array([r.history.accuracy[-1] for r in runs]),
            "epochs_to_90": np.array([r.epochs_to for r in runs]),
        }
    return out


def backprop_by_hand(net: Network, X, y) -> dict[str, np.ndarray]:
    """The four equations of backpropagation written out for a network with one sigmoid
    hidden layer and a softmax + log-likelihood output (notebook 03), independently of
    :meth:`Network.backprop`: X (N, n_in), y (N,) class indices.

    Returns {"delta2", "delta1", "b2", "b1", "W2", "W1"}: the per-example errors δ of both
    layers and the batch-mean gradients.
    """
    if net.hidden != "sigmoid" or net.output != "softmax" or net.n_layers != 2:
        raise ValueError("net: expected one sigmoid hidden layer and a softmax output")
    X = np.asarray(X, dtype=np.float64)
    W1, W2 = net.weights
    b1, b2 = net.biases
    z1 = X @ W1.T + b1  # the forward pass, as the formulas define it
    a1 = sigmoid(z1)
    a2 = softmax(a1 @ W2.T + b2)
    n = X.shape[0]
    delta2 = a2 - one_hot(np.asarray(y), a2.shape[1])  # BP1: a − y
    delta1 = (delta2 @ W2) * sigmoid_prime(z1)  # BP2
    return {
        "delta2": delta2,
        "delta1": delta1,
        "b2": delta2.mean(axis=0),  # BP3
        "b1": delta1.mean(axis=0),
        "W2": delta2.T @ a1 / n,  # BP4
        "W1": delta1.T @ X / n,
    }


def backprop_differences(net: Network, X, y) -> dict[str, float]:
    """Largest |difference| between :meth:`Network.backprop` and :func:`backprop_by_hand`,
    one entry per equation: {"BP1", "BP2", "BP3", "BP4"}."""
    bp = net.backprop(X, y)
    hand = backprop_by_hand(net, X, y)

    def diff(a, b):
        return float(np.max(np.abs(np.asarray(a) - np.asarray(b))))

    return {
        "BP1": diff(bp.deltas[1], hand["delta2"]),
        "BP2": diff(bp.deltas[0], hand["delta1"]),
        "BP3": max(diff(bp.nabla_b[1], hand["b2"]), diff(bp.nabla_b[0], hand["b1"])),
        "BP4": max(diff(bp.nabla_w[1], hand["W2"]), diff(bp.nabla_w[0], hand["W1"])),
    }


def gradient_check(net: Network, X, y) -> dict[str, float]:
    """Relative error (``gradcheck.rel_error``) of :meth:`Network.backprop`'s ∂C/∂W², ∂C/∂b²
    and ∂C/∂b¹ against central differences of ``net.loss(X, y)`` (notebook 03).

    ∂C/∂W¹ is left out: it holds gradients of pixels that are blank in almost every
    image, so small that central differences cannot resolve them to 1e-7 relative error
    (BP4 ties them to δ¹, which the check of ∂C/∂b¹ = mean δ¹ covers).
    """
    bp = net.backprop(X, y)
    out = {}
    for name, params, grads, layer in (
        ("W2", net.weights, bp.nabla_w, 1),
        ("b2", net.biases, bp.nabla_b, 1),
        ("b1", net.biases, bp.nabla_b, 0),
    ):
        original = params[layer].copy()

        def cost(p, params=params, layer=layer):
            params[layer][...] = p
            return net.loss(X, y)

        try:
            numeric = numerical_gradient(cost, original)
        finally:
            params[layer][...] = original
        out[name] = rel_error(grads[layer], numeric)
    return out


def engine_difference(name: str = "softmax + log-likelihood", *, seed: int = 0, epochs: int = 2):
    """Train two copies of :func:`digits_network` for ``epochs`` epochs, one with the speed
    engine (``fit``'s default) and one with ``fit(engine="textbook")`` (which runs
    :meth:`Network.update_mini_batch`); return the largest |difference| of any parameter."""
    X_train, _, _, y_train, _, _ = digits_split()
    cfg = DIGITS_CONFIG
    nets = {}
    for engine in ("fast", "textbook"):
        net = digits_network(name, seed)
        net.fit(
            X_train,
            y_train,
            epochs=check_int(epochs, "epochs", low=1),
            batch_size=cfg["batch_size"],
            eta=cfg["eta"],
            record=False,
            engine=engine,
        )
        nets[engine] = net
    fast, book = nets["fast"], nets["textbook"]
    return max(
        float(np.max(np.abs(p - q)))
        for p, q in zip(fast.weights + fast.biases, book.weights + book.biases)
    )


# -- notebook 04: one label or several -------------------------------------------------------

WORLDS = ("and", "or")  # the two labellings of the same points
OUTPUTS = ("sigmoids", "softmax")
MULTILABEL_CONFIG = {"n_samples": 1200, "seed": 0, "test_size": 0.25, "or_seed": 0}
MULTILABEL_NET = {"hidden": 30, "epochs": 80, "batch_size": 20, "eta": 1.0}
EXTENT = (-1.2, 1.2, -1.2, 1.2)  # the square make_multilabel draws from
# (centres (3, 2), radius) of make_multilabel's discs
DISCS = (MULTILABEL_DISCS, MULTILABEL_RADIUS)


def either_or_labels(Y, *, seed: int = 0) -> np.ndarray:
    """One label per point: every row of the 0/1 matrix Y (N, K) that carries two or more
    labels keeps one of them, chosen uniformly at random with ``seed`` (an annotator who
    may give only one label and cannot tell which is right). Other rows are unchanged."""
    Y = np.asarray(Y)
    if Y.ndim != 2 or not np.isin(Y, (0, 1)).all():
        raise ValueError("Y: expected an (N, K) array of 0/1 labels")
    rng = np.random.default_rng(check_int(seed, "seed", low=0))
    out = Y.astype(np.int64)
    for i in np.flatnonzero(out.sum(axis=1) >= 2):
        keep = rng.choice(np.flatnonzero(out[i]))
        out[i] = 0
        out[i, keep] = 1
    return out


def softmax_targets(Y) -> np.ndarray:
    """The target a softmax over K labels + "none" is trained on: the label vector plus a
    fourth entry for "no label", divided by its sum. Y (N, K) of 0/1 → (N, K + 1), rows
    summing to 1: a point in two discs gets [0.5, 0.5, 0, 0], a point in none [0, 0, 0, 1].
    """
    Y = np.asarray(Y)
    if Y.ndim != 2 or not np.isin(Y, (0, 1)).all():
        raise ValueError("Y: expected an (N, K) array of 0/1 labels")
    T = np.column_stack([Y, Y.sum(axis=1) == 0]).astype(np.float64)
    return T / T.sum(axis=1, keepdims=True)


@lru_cache(maxsize=1)
def _multilabel_parts():
    cfg = MULTILABEL_CONFIG
    X, Y = make_multilabel(cfg["n_samples"], seed=cfg["seed"])
    labels = {"and": Y, "or": either_or_labels(Y, seed=cfg["or_seed"])}
    idx = np.arange(len(X))
    train, test, _, _ = train_test_split(
        idx, idx, test_size=cfg["test_size"], seed=cfg["seed"], stratify=False
    )
    data = {"X_train": X[train], "X_test": X[test]}
    for world, L in labels.items():
        data[f"Y_train_{world}"] = L[train]
        data[f"Y_test_{world}"] = L[test]
    for a in data.values():
        a.setflags(write=False)
    return data


def multilabel_data() -> dict[str, np.ndarray]:
    """Notebook 04's data: 1,200 points of ``make_multilabel`` (seed 0), 900 to train and
    300 to test, labelled both ways: {"X_train", "X_test", "Y_train_and", "Y_test_and",
    "Y_train_or", "Y_test_or"} (read-only arrays; Y of shape (N, 3))."""
    return dict(_multilabel_parts())


def disc_membership(X) -> np.ndarray:
    """(N, 3) of 0/1: which of make_multilabel's three discs each point of X (N, 2) lies
    in — the labels without noise."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X: expected shape (N, 2), got {X.shape}")
    d2 = ((X[:, None, :] - MULTILABEL_DISCS[None, :, :]) ** 2).sum(axis=2)
    return (d2 <= MULTILABEL_RADIUS**2).astype(np.int64)


def _grid(n: int) -> np.ndarray:
    g = np.linspace(EXTENT[0], EXTENT[1], n)
    return np.stack(np.meshgrid(g, g), axis=-1).reshape(-1, 2)


@lru_cache(maxsize=4)
def _lens(n: int):
    grid = _grid(n)
    member = disc_membership(grid)
    keep = member.sum(axis=1) == 2
    points, member = grid[keep], member[keep].astype(bool)
    points.setflags(write=False)
    member.setflags(write=False)
    return points, member


def lens_points(n: int = 121):
    """The points of an n × n grid over the square that lie in exactly two discs (the
    lenses where two labels overlap), and which two: (points (M, 2), member (M, 3) bool)."""
    return _lens(check_int(n, "n", low=2))


@dataclass(frozen=True)
class MultilabelRun:
    """A trained network of notebook 04: its world ("and"/"or"), output ("sigmoids" or
    "softmax"), seed and the network."""

    world: str
    output: str
    seed: int
    net: Network


def _check_world_output(world, output):
    if world not in WORLDS:
        raise ValueError(f"world: expected one of {WORLDS}, got {world!r}")
    if output not in OUTPUTS:
        raise ValueError(f"output: expected one of {OUTPUTS}, got {output!r}")


def multilabel_run(world: str, output: str, seed: int = 0) -> MultilabelRun:
    """Train one output layer of notebook 04 on the labels of ``world``: "sigmoids" — three
    sigmoids with binary cross-entropy on the label vectors; "softmax" — four outputs
    (three labels + "none") with cross-entropy on :func:`softmax_targets`. One hidden layer
    of 30 tanh units, 80 epochs of batches of 20 at η = 1 (:data:`MULTILABEL_NET`).
    Deterministic; each run is trained once and kept (do not change it)."""
    _check_world_output(world, output)
    return _multilabel_run(world, output, check_int(seed, "seed", low=0))


@lru_cache(maxsize=64)
def _multilabel_run(world: str, output: str, seed: int) -> MultilabelRun:
    data = _multilabel_parts()
    X, Y = data["X_train"], data[f"Y_train_{world}"]
    h = MULTILABEL_NET["hidden"]
    if output == "sigmoids":
        net = Network(
            [2, h, 3],
            hidden="tanh",
            output="sigmoid",
            cost="binary_cross_entropy_with_logits",
            seed=seed,
        )
        target = Y
    else:
        net = Network([2, h, 4], hidden="tanh", output="softmax", cost="cross_entropy", seed=seed)
        target = softmax_targets(Y)
    cfg = MULTILABEL_NET
    net.fit(
        X,
        target,
        epochs=cfg["epochs"],
        batch_size=cfg["batch_size"],
        eta=cfg["eta"],
        record=False,
    )
    return MultilabelRun(world, output, seed, net)


def label_probabilities(run: MultilabelRun, X) -> np.ndarray:
    """The probability of each of the three labels at the points X (N, 2): the sigmoid
    outputs, or the softmax outputs without "none". Shape (N, 3)."""
    a = run.net.predict_proba(X)
    return a if run.output == "sigmoids" else a[:, :3]


def pair_means(seeds=SEEDS, *, n: int = 121) -> dict[tuple[str, str], np.ndarray]:
    """{(world, output): (S,)}: for each seed, the mean probability a network gives each
    of the two labels of a lens point (:func:`lens_points`), over all lens points.

    The truth is 1 in the "and" world (both labels hold) and 1/2 in the "or" world (one
    of the two, either equally likely). Also {("truth", world): (1,)}: those values as
    measured on the training labels of the lens points.
    """
    points, member = lens_points(n)
    out = {}
    for world in WORLDS:
        for output in OUTPUTS:
            out[(world, output)] = np.array(
                [
                    label_probabilities(multilabel_run(world, output, s), points)[member].mean()
                    for s in seeds
                ]
            )
    data = _multilabel_parts()
    train_member = disc_membership(data["X_train"])
    lens = train_member.sum(axis=1) == 2
    for world in WORLDS:
        labels = data[f"Y_train_{world}"][lens][train_member[lens].astype(bool)]
        out[("truth", world)] = np.array([labels.mean()])
    return out


def both_on_sweep(thresholds, seeds=SEEDS, *, n: int = 121) -> dict[tuple[str, str], np.ndarray]:
    """{(world, output): (S, T)}: the share of lens points (:func:`lens_points`) at which a
    network switches *both* of the point's labels on (probability ≥ t), for each seed and
    threshold t. Right is 1 in the "and" world and 0 in the "or" world."""
    t = np.asarray(thresholds, dtype=np.float64)
    if t.ndim != 1 or not np.all((t > 0) & (t < 1)):
        raise ValueError("thresholds: expected a 1-D array of values in (0, 1)")
    points, member = lens_points(n)
    out = {}
    for world in WORLDS:
        for output in OUTPUTS:
            rows = []
            for s in seeds:
                p = label_probabilities(multilabel_run(world, output, s), points)
                pair = p[member].reshape(-1, 2)  # the two labels of each lens point
                rows.append((pair.min(axis=1)[None, :] >= t[:, None]).mean(axis=1))
            out[(world, output)] = np.array(rows)
    return out


def exact_by_count(thresholds, seeds=SEEDS, *, world: str = "and") -> dict[str, np.ndarray]:
    """{output: (S, T, 4)}: on the test points of ``world``, the share of points carrying
    0, 1, 2 or 3 true labels whose labels are *all* right when a label counts as switched
    on at probability ≥ t, for each seed and threshold t."""
    _check_world_output(world, OUTPUTS[0])
    t = np.asarray(thresholds, dtype=np.float64)
    if t.ndim != 1 or not np.all((t > 0) & (t < 1)):
        raise ValueError("thresholds: expected a 1-D array of values in (0, 1)")
    data = _multilabel_parts()
    X, Y = data["X_test"], data[f"Y_test_{world}"].astype(bool)
    counts = Y.sum(axis=1)
    out = {}
    for output in OUTPUTS:
        res = np.full((len(seeds), t.size, 4), np.nan)
        for i, s in enumerate(seeds):
            p = label_probabilities(multilabel_run(world, output, s), X)
            for j, tj in enumerate(t):
                right = ((p >= tj) == Y).all(axis=1)
                for k in range(4):
                    if np.any(counts == k):
                        res[i, j, k] = right[counts == k].mean()
        out[output] = res
    return out


def exact_match(thresholds, seeds=SEEDS, *, world: str = "and") -> dict[str, np.ndarray]:
    """{output: (S, T)}: the share of all test points of ``world`` whose labels are all
    right at threshold t, for each seed and threshold."""
    _check_world_output(world, OUTPUTS[0])
    t = np.asarray(thresholds, dtype=np.float64)
    if t.ndim != 1 or not np.all((t > 0) & (t < 1)):
        raise ValueError("thresholds: expected a 1-D array of values in (0, 1)")
    data = _multilabel_parts()
    X, Y = data["X_test"], data[f"Y_test_{world}"].astype(bool)
    out = {}
    for output in OUTPUTS:
        rows = []
        for s in seeds:
            p = label_probabilities(multilabel_run(world, output, s), X)
            rows.append([((p >= tj) == Y).all(axis=1).mean() for tj in t])
        out[output] = np.array(rows)
    return out


def expected_count_map(run: MultilabelRun, n: int = 121) -> np.ndarray:
    """Σ_j p_j, the expected number of labels by the network's own probabilities, on an
    n × n grid over :data:`EXTENT` (row 0 at the bottom): shape (n, n)."""
    n = check_int(n, "n", low=2)
    return label_probabilities(run, _grid(n)).sum(axis=1).reshape(n, n)


def true_count_map(world: str, n: int = 121) -> np.ndarray:
    """The expected number of labels by the truth of ``world`` on the same grid: the
    number of discs a point lies in ("and"), or 1 inside any disc and 0 outside ("or")."""
    _check_world_output(world, OUTPUTS[0])
    n = check_int(n, "n", low=2)
    count = disc_membership(_grid(n)).sum(axis=1)
    if world == "or":
        count = np.minimum(count, 1)
    return count.reshape(n, n).astype(np.float64)


# -- notebook 06: a saturated softmax under two costs -----------------------------------------


def saturation_table(tops=(0.0, 2.0, 5.0, 10.0), *, K: int = 4, true_class: int = 1):
    """For z = [top, 0, …, 0] (K scores) and the label ``true_class``: the largest |entry| of
    the softmax Jacobian, and ‖∂C/∂z‖ for the quadratic cost C = ½‖a − y‖² (Jᵀ(a − y),
    computed as the vector–Jacobian product) and for cross-entropy (a − y).

    Returns {"top": (M,), "J_max": (M,), "quadratic": (M,), "cross_entropy": (M,)}.
    """
    K = check_int(K, "K", low=2)
    true_class = check_int(true_class, "true_class", low=0)
    if true_class >= K:
        raise ValueError(f"true_class: expected a class index below K = {K}, got {true_class}")
    y = np.eye(K)[true_class]
    rows = {"top": [], "J_max": [], "quadratic": [], "cross_entropy": []}
    for top in tops:
        z = np.zeros(K)
        z[0] = float(top)
        a = softmax(z)
        J = softmax_jacobian(z)
        rows["top"].append(float(top))
        rows["J_max"].append(float(np.abs(J).max()))
        rows["quadratic"].append(float(np.linalg.norm(softmax_vjp(z, a - y))))
        rows["cross_entropy"].append(float(np.linalg.norm(a - y)))
    return {k: np.array(v) for k, v in rows.items()}
