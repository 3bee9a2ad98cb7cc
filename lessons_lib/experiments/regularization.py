"""The regularisation experiment of notebook 07: a ReLU network on noisy spirals.

The objective is the mean cross-entropy + (λ/2)·Σw² ("l2") or + λ·Σ|w| ("l1") — the
penalty of :meth:`lessons_lib.network.Network.fit` (biases are not penalised).

Overfitting is made real, and measured as cs231n's notes do it:

* **Data** (:func:`spiral_data`, one data set per seed): three spiral arms of 40 points
  (noise 0.2), split half/half into a training and a validation set; in each, a fifth of
  the labels are replaced by one of the other two classes (mislabelled examples, as real
  data sets have). A network that fits those wrong labels has learned noise. The **test
  set** is one large fresh sample (300 points per arm) with correct labels, the same for
  every seed: it measures how well a network learned the arms themselves.
* **Network** (:func:`fit_spirals`): [2, 200, 3], ReLU, softmax, He initialisation,
  1000 epochs of mini-batch SGD (batches of 10, η = 0.1). At this step size a run is
  not chaotic: moving its start by 1e-15 moves its final weights by about 1e-12 and
  changes no prediction, so its accuracies are the same on every machine.
* **Seeds** (:data:`SEEDS`): each seed draws its own data set, wrong labels and starting
  weights; :func:`sweep` trains every λ in :data:`LAMBDAS` for both penalties on every
  seed, and :class:`Sweep` chooses λ on the validation sets (the mean over seeds) before
  the test set is read.

The panel of notebook 07 shows seed 0, computed by the same functions (and shared with the
notebook's sweep through a cache). :func:`penalty_path` follows one weight under the
penalty alone, through ``Network.update_mini_batch`` itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import numpy as np

from .._checks import as_finite_array, check_choice, check_int, check_number
from ..datasets import make_spirals, train_test_split
from ..i18n import tr
from ..network import Network
from .seeds import Spread

__all__ = [
    "LAMBDAS",
    "PENALTIES",
    "SEEDS",
    "DATA_CONFIG",
    "NET_CONFIG",
    "SpiralData",
    "SpiralFit",
    "Sweep",
    "spiral_data",
    "fit_spirals",
    "trained_spirals",
    "sweep",
    "penalty_path",
]

LAMBDAS = (0.0, 3e-4, 1e-3, 3e-3, 1e-2)
PENALTIES = ("l2", "l1")
SEEDS = tuple(range(8))

DATA_CONFIG = {
    "n_per_class": 40,  # per arm, before the half/half split into training and validation
    "noise": 0.2,
    "wrong_labels": 0.2,  # the fraction of training and of validation labels made wrong
    "test_per_class": 300,
    "test_seed": 1000,
}
NET_CONFIG = {"hidden": 200, "epochs": 1000, "batch_size": 10, "eta": 0.1}


# -- data -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpiralData:
    """One seed's data set. X: (N, 2) points, y: (N,) labels in {0, 1, 2}.

    ``y_train``/``y_val`` are the labels the network is given (a fifth of them wrong);
    ``wrong`` (bool, (N_train,)) marks the training points whose label is wrong;
    ``y_train_true``/``y_val_true`` hold the points' arms. The test labels are correct.
    Read-only arrays.
    """

    seed: int
    X_train: np.ndarray
    y_train: np.ndarray
    y_train_true: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    y_val_true: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray

    @property
    def wrong(self) -> np.ndarray:
        """Training points whose label is not their arm: (N_train,) bool."""
        return self.y_train != self.y_train_true


def _mislabel(y: np.ndarray, fraction: float, rng: np.random.Generator) -> np.ndarray:
    """A copy of ``y`` with round(fraction·N) labels moved to one of the other classes."""
    y = y.copy()
    idx = rng.choice(y.size, size=round(fraction * y.size), replace=False)
    y[idx] = (y[idx] + rng.integers(1, 3, size=idx.size)) % 3
    return y


@lru_cache(maxsize=1)
def _test_set() -> tuple[np.ndarray, np.ndarray]:
    cfg = DATA_CONFIG
    return make_spirals(cfg["test_per_class"], 3, noise=cfg["noise"], seed=cfg["test_seed"])


@cache
def _spiral_data(seed: int) -> SpiralData:
    cfg = DATA_CONFIG
    X, y = make_spirals(cfg["n_per_class"], 3, noise=cfg["noise"], seed=seed)
    X_train, X_val, y_train_true, y_val_true = train_test_split(X, y, test_size=0.5, seed=seed)
    rng = np.random.default_rng([seed, 7])  # the wrong labels: their own stream
    y_train = _mislabel(y_train_true, cfg["wrong_labels"], rng)
    y_val = _mislabel(y_val_true, cfg["wrong_labels"], rng)
    X_test, y_test = _test_set()
    arrays = (X_train, y_train, y_train_true, X_val, y_val, y_val_true, X_test, y_test)
    for a in arrays:
        a.setflags(write=False)
    return SpiralData(seed, *arrays)


def spiral_data(seed: int = 0) -> SpiralData:
    """The data set of ``seed`` (see the module docstring): 60 training points (12 of them
    with a wrong label), 60 validation points (12 wrong), 900 test points (all correct).
    Made once per seed and shared (the arrays are read-only)."""
    return _spiral_data(check_int(seed, "seed", low=0))


# -- one run --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpiralFit:
    """One trained network of :func:`fit_spirals` with its accuracies.

    ``train_accuracy``/``val_accuracy`` are measured against the labels the network was
    given (a fifth wrong); ``test_accuracy`` against the correct labels of the test set.
    """

    lam: float
    kind: str
    seed: int
    net: Network
    train_accuracy: float
    val_accuracy: float
    test_accuracy: float
    fitted_wrong: int  # training points with a wrong label that the network predicts so

    @property
    def data(self) -> SpiralData:
        """The data set the network was trained on."""
        return spiral_data(self.seed)

    @property
    def eta(self) -> float:
        """The learning rate of the run."""
        return NET_CONFIG["eta"]

    @property
    def weights(self) -> np.ndarray:
        """Every weight of the network (not the biases) in one flat array."""
        return np.concatenate([W.ravel() for W in self.net.weights])

    @property
    def sum_squares(self) -> float:
        """Σw² over all weights (the L2 penalty is λ/2 times this)."""
        return float(np.sum(self.weights**2))

    @property
    def sum_abs(self) -> float:
        """Σ|w| over all weights (the L1 penalty is λ times this)."""
        return float(np.sum(np.abs(self.weights)))

    @property
    def threshold(self) -> float:
        """η·λ: the size of one L1 step. A weight the data do not need cannot settle at
        exactly 0 under L1 with a finite step; it hops across 0, within ±ηλ of it."""
        return self.eta * self.lam

    @property
    def switched_off(self) -> float:
        """Fraction of weights with |w| ≤ ηλ (:attr:`threshold`): switched off by L1
        (0 when λ = 0)."""
        return self.share_within(1.0)

    def share_within(self, k: float = 1.0) -> float:
        """Fraction of weights with |w| ≤ k·ηλ (0 when λ = 0)."""
        k = check_number(k, "k", low=0.0)
        if self.lam == 0:
            return 0.0
        return float(np.mean(np.abs(self.weights) <= k * self.threshold))


def _check_setting(lam, kind, seed) -> tuple[float, str, int]:
    lam = check_number(lam, "lam", low=0.0)
    kind = check_choice(kind, "kind", PENALTIES)
    return lam, kind, check_int(seed, "seed", low=0)


def fit_spirals(lam: float, kind: str = "l2", *, seed: int = 0) -> SpiralFit:
    """Train the spiral classifier of seed ``seed`` with penalty ``kind`` at strength ``lam``.

    kind: "l2" → + (λ/2)·Σw², "l1" → + λ·Σ|w|. [2, 200, 3] (ReLU, softmax, He), 1000
    epochs of batches of 10 at η = 0.1 (:data:`NET_CONFIG`). Each setting is trained once
    (about 0.2 s) and kept, so the notebook, the panel and the exercises share the runs;
    the returned network is the kept one: read it, do not train it further.
    """
    return trained_spirals(*_check_setting(lam, kind, seed))


@cache
def _trained(lam: float, kind: str, seed: int) -> SpiralFit:
    cfg, data = NET_CONFIG, spiral_data(seed)
    net = Network(
        [2, cfg["hidden"], 3],
        hidden="relu",
        output="softmax",
        cost="cross_entropy",
        init="he",
        seed=seed,
    )
    net.fit(
        data.X_train,
        data.y_train,
        epochs=cfg["epochs"],
        batch_size=cfg["batch_size"],
        eta=cfg["eta"],
        record=False,
        **{kind: lam},
    )
    predicted = net.predict(data.X_train)
    return SpiralFit(
        lam,
        kind,
        seed,
        net,
        train_accuracy=float(np.mean(predicted == data.y_train)),
        val_accuracy=net.accuracy(data.X_val, data.y_val),
        test_accuracy=net.accuracy(data.X_test, data.y_test),
        fitted_wrong=int(np.sum(data.wrong & (predicted == data.y_train))),
    )


def trained_spirals(lam: float, kind: str, seed: int = 0) -> SpiralFit:
    """The kept run of :func:`fit_spirals` (arguments already checked). λ = 0 is one run
    whichever penalty is named: it is trained once and reported under either name."""
    if lam == 0 and kind != "l2":
        return _unpenalised_as(kind, seed)
    return _trained(float(lam), kind, seed)


@cache
def _unpenalised_as(kind: str, seed: int) -> SpiralFit:
    return replace(_trained(0.0, "l2", seed), kind=kind)


# -- over seeds -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sweep:
    """Every (penalty, λ) of :data:`LAMBDAS` trained on every seed: ``fits[kind, lam]`` is
    the list of runs, one per seed. λ is chosen on the validation sets; the test set is read
    only through :meth:`test`."""

    seeds: tuple[int, ...]
    fits: dict

    def spread(self, kind: str, lam: float, what: str) -> Spread:
        """A :class:`Spread` of ``what`` over the seeds: "train_accuracy", "val_accuracy",
        "sum_squares", "sum_abs", "switched_off" or "fitted_wrong"."""
        what = check_choice(
            what,
            "what",
            (
                "train_accuracy",
                "val_accuracy",
                "sum_squares",
                "sum_abs",
                "switched_off",
                "fitted_wrong",
            ),
        )
        return Spread.of(getattr(f, what) for f in self._runs(kind, lam))

    def mean(self, kind: str, lam: float, what: str) -> float:
        """The mean over the seeds of ``what`` (as for :meth:`spread`)."""
        return self.spread(kind, lam, what).mean

    def best_lambda(self, kind: str) -> float:
        """The λ with the highest validation accuracy averaged over the seeds (the smaller
        λ on a tie) — chosen without looking at the test set."""
        kind = check_choice(kind, "kind", PENALTIES)
        means = [self.mean(kind, lam, "val_accuracy") for lam in LAMBDAS]
        return LAMBDAS[int(np.argmax(means))]

    def best_lambda_per_seed(self, kind: str) -> tuple[float, ...]:
        """The λ each seed's own validation accuracy would choose (the smaller on a tie)."""
        kind = check_choice(kind, "kind", PENALTIES)
        val = np.array([[f.val_accuracy for f in self._runs(kind, lam)] for lam in LAMBDAS])
        return tuple(LAMBDAS[i] for i in np.argmax(val, axis=0))

    def test(self, kind: str, lam: float) -> Spread:
        """Test accuracy over the seeds (read it once, for the chosen λ and the baseline)."""
        return Spread.of(f.test_accuracy for f in self._runs(kind, lam))

    def table(self) -> str:
        """The notebook's table: one row for λ = 0 (no penalty), then every λ > 0 of each
        penalty; accuracies and the wrong labels fitted are means over the seeds (validation
        ± sd), as are Σw², Σ|w| and the share of weights with |w| ≤ ηλ."""
        head = (
            f"{tr('penalty'):<9}{'λ':>8}{tr('training'):>10}{tr('validation'):>13}"
            f"{tr('wrong labels fitted'):>21}{'Σw²':>7}{'Σ|w|':>7}{'|w| ≤ ηλ':>10}"
        )
        lines = [head]
        rows = [("l2", 0.0)] + [(k, lam) for k in PENALTIES for lam in LAMBDAS if lam]
        n_wrong = round(DATA_CONFIG["wrong_labels"] * 3 * DATA_CONFIG["n_per_class"] / 2)
        for kind, lam in rows:

            def mean(what, kind=kind, lam=lam):
                return self.mean(kind, lam, what)

            name = tr("none") if lam == 0 else kind.upper()
            off = "—" if lam == 0 else f"{100 * mean('switched_off'):.0f} %"
            fitted = tr("{k:.1f} of {n}", k=mean("fitted_wrong"), n=n_wrong)
            lines.append(
                f"{name:<9}{_sci(lam):>8}{100 * mean('train_accuracy'):>8.0f} %"
                f"{self.spread(kind, lam, 'val_accuracy').percent():>13}{fitted:>21}"
                f"{mean('sum_squares'):>7.0f}{mean('sum_abs'):>7.0f}{off:>10}"
            )
        return "\n".join(lines)

    def _runs(self, kind: str, lam: float) -> list[SpiralFit]:
        kind = check_choice(kind, "kind", PENALTIES)
        key = (kind, float(lam))
        if key not in self.fits:
            raise ValueError(f"lam: expected one of {LAMBDAS}, got {lam!r}")
        return self.fits[key]


def sweep(seeds=SEEDS) -> Sweep:
    """:func:`fit_spirals` for every penalty, every λ of :data:`LAMBDAS` and every seed
    (9 runs per seed, λ = 0 being shared by both penalties: about 1.5 s per seed)."""
    seeds = tuple(check_int(s, "seeds", low=0) for s in seeds)
    if not seeds:
        raise ValueError("seeds: expected at least one seed")
    fits = {
        (kind, lam): [trained_spirals(lam, kind, s) for s in seeds]
        for kind in PENALTIES
        for lam in LAMBDAS
    }
    return Sweep(seeds, fits)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _sci(x: float) -> str:
    """0.003 → "3·10⁻³", 0.001 → "10⁻³", 0 → "0" (as the table and the panel write λ)."""
    if x == 0:
        return "0"
    e = math.floor(math.log10(abs(x)) + 1e-9)
    m = round(x / 10**e, 2)
    return ("" if m == 1 else f"{m:g}·") + "10" + str(e).translate(_SUPERSCRIPT)


# -- the penalty alone ----------------------------------------------------------------------


def penalty_path(kind: str, *, eta: float, lam: float, steps: int, w0=1.0) -> np.ndarray:
    """Weights under the penalty alone: w after 0, 1, …, ``steps`` SGD steps.

    ``w0``: one starting weight (→ shape (steps + 1,)) or a 1-D array of them (→ (steps + 1,
    n)). Runs :meth:`Network.update_mini_batch` itself on a network whose data gradient for
    these weights is exactly 0 (their input is 0), so each step is the penalty's step only:
    w ← (1 − ηλ)·w for "l2", w ← w − ηλ·sign(w) for "l1".
    """
    kind = check_choice(kind, "kind", PENALTIES)
    eta = check_number(eta, "eta", low=0.0, low_open=True)
    lam = check_number(lam, "lam", low=0.0)
    steps = check_int(steps, "steps", low=0)
    scalar = np.ndim(w0) == 0
    start = as_finite_array(np.atleast_1d(w0), "w0")
    if start.ndim != 1:
        raise ValueError(f"w0: expected a number or a 1-D array, got shape {np.shape(w0)}")
    # one input, len(start) + 1 softmax outputs: row j of W holds weight j (the last is spare)
    net = Network([1, start.size + 1], output="softmax", cost="cross_entropy", seed=0)
    net.weights[0][:-1, 0] = start
    X, y = np.zeros((1, 1)), np.zeros(1, dtype=np.int64)  # input 0: ∂C₀/∂w = δ·0 = 0
    path = [start.copy()]
    for _ in range(steps):
        net.update_mini_batch(X, y, eta, **{kind: lam})
        path.append(net.weights[0][:-1, 0].copy())
    path = np.array(path)
    return path[:, 0] if scalar else path
