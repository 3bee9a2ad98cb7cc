"""The exploding-gradient experiments of notebook 10: a deep ReLU regression net whose
initial weights are scaled up, and the remedies.

The network is [64, 30 × 6, 10] — six hidden ReLU layers, a linear output, seven weight
layers — trained on 300 handwritten digits against one-hot targets with the quadratic
cost ½‖a − y‖² (Nielsen's; PyTorch's MSE up to a constant factor). Its initial weights are
He's times ``weight_scale``, and its biases start at 0, so the forward pass is exactly
``weight_scale``⁷ times that of scale 1 (ReLU is positively homogeneous), while on the way
back each of the six hidden layers multiplies the gradient by about ``weight_scale`` more:
at scale 2 the first layer's gradient is about 2⁶ (backward) × 2⁷ (the larger output
error) = 2¹³ times that of scale 1.

- :func:`exploding_net`, :func:`initial_gradients`, :func:`backward_factor` — the network
  before training and how its gradient grows from the output back to the first layer.
- :func:`exploding_run` — a whole run (:meth:`Network.fit <lessons_lib.network.Network.fit>`,
  per epoch); a run whose parameters overflow stops and reports ``diverged_at`` =
  (epoch, batch), never a warning. :func:`blew_up` also counts a loss that only grew.
- :func:`step_run` — the same run recorded after every mini-batch step of its first epoch
  (the loss jumps, the weights blow up) and after every later epoch.
- :data:`REMEDIES`, :func:`remedy_settings`, :func:`remedy_name`, :func:`remedy_sweep` — the
  unremedied run and each remedy alone (a 1000× smaller η, clipping, He's scale, L2) from
  the same setting, over :data:`SEEDS`; :class:`Spread` summarises a result over seeds,
  :func:`fmt_number` writes sizes from 10⁻⁵ to 10²⁸⁰ in one style.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from threadpoolctl import threadpool_limits

from .._checks import check_choice, check_int, check_number, with_overrides
from ..i18n import tr
from ..losses import LOSSES
from ..network import Network
from ..training import History
from .gradients import digits_subset
from .seeds import SEEDS, fmt_number

__all__ = [
    "EXPLODE_CONFIG",
    "SEEDS",
    "CACHE_SIZE",
    "REMEDIES",
    "SMALLER_ETA",
    "REMEDY_L2",
    "exploding_data",
    "exploding_net",
    "initial_gradients",
    "backward_factor",
    "exploding_run",
    "blew_up",
    "describe_run",
    "StepRecord",
    "step_run",
    "remedy_settings",
    "remedy_name",
    "remedy_sweep",
]

EXPLODE_CONFIG = {
    "depth": 6,
    "width": 30,
    "n": 300,
    "epochs": 20,
    "batch_size": 20,
    "hidden": "relu",
    "init": "he",
    "seed": 0,
}
CACHE_SIZE = 256  # step runs kept (the panel, the notebook and the checks share them)

# The unremedied run and the remedies, in the order they are drawn; each key is also the
# concept whose colour (plots.style.COLORS) the run is drawn in ("as_set" → "diverged").
REMEDIES = ("as_set", "smaller_eta", "clipping", "he_init", "l2")
SMALLER_ETA = 1e-3  # the "smaller step" remedy multiplies η by this
REMEDY_L2 = 0.01  # the L2 remedy's λ (Network.fit's l2)


def _config(overrides: dict) -> dict:
    return with_overrides(EXPLODE_CONFIG, overrides)


@lru_cache(maxsize=4)
def _data(n: int) -> tuple[np.ndarray, np.ndarray]:
    X, y = digits_subset(n)
    Y = np.eye(10)[y]
    Y.setflags(write=False)
    return X, Y


def exploding_data(n: int = EXPLODE_CONFIG["n"]) -> tuple[np.ndarray, np.ndarray]:
    """The first ``n`` digits, X (n, 64) in [0, 1], and their one-hot targets Y (n, 10)
    (read-only, shared)."""
    return _data(check_int(n, "n", low=1))


def exploding_net(
    weight_scale: float = 2.0, *, cost: str = "quadratic_cost", **overrides
) -> Network:
    """The network before training: [64, 30 × 6, 10], ReLU, linear output, He × ``weight_scale``.

    ``cost``: a loss in ``losses.LOSSES`` that takes real values ("quadratic_cost",
    "mse_loss", "smooth_l1_loss", "huber_loss", …); ``overrides`` change any of depth,
    width, hidden, init, seed.
    """
    cfg = _config(overrides)
    check_choice(cost, "cost", tuple(LOSSES))
    return Network(
        [64] + [cfg["width"]] * cfg["depth"] + [10],
        hidden=cfg["hidden"],
        output="linear",
        cost=cost,
        init=cfg["init"],
        weight_scale=check_number(weight_scale, "weight_scale", low=0.0, low_open=True),
        seed=cfg["seed"],
    )


def initial_gradients(
    weight_scale: float = 2.0, *, cost: str = "quadratic_cost", **overrides
) -> np.ndarray:
    """‖∂C/∂b^l‖ of every layer before training, over the 300 digits: shape (7,), the
    first hidden layer first and the output layer last (cached, read-only)."""
    _config(overrides)
    weight_scale = check_number(weight_scale, "weight_scale", low=0.0, low_open=True)
    return _initial_gradients(weight_scale, cost, tuple(sorted(overrides.items())))


@lru_cache(maxsize=CACHE_SIZE)
def _initial_gradients(weight_scale: float, cost: str, overrides: tuple) -> np.ndarray:
    cfg = _config(dict(overrides))
    X, Y = exploding_data(cfg["n"])
    net = exploding_net(weight_scale, cost=cost, **dict(overrides))
    with np.errstate(all="ignore"):
        norms = net.gradient_norms(X, Y)[0]
    norms.setflags(write=False)
    return norms


def backward_factor(norms) -> float:
    """(‖g¹‖ / ‖g^L‖)^(1/(L − 1)): the average factor by which one step of backpropagation
    (BP2) multiplies the gradient, from the output layer back to the first.

    norms: per-layer gradient norms with the output layer last (``initial_gradients``).
    NaN when a norm is not finite and positive.
    """
    g = np.asarray(norms, dtype=np.float64)
    if g.ndim != 1 or g.size < 2:
        raise ValueError(f"norms: expected one norm per layer (at least 2), got shape {g.shape}")
    if not (np.isfinite(g[0]) and np.isfinite(g[-1]) and g[0] > 0 and g[-1] > 0):
        return float("nan")
    return float((g[0] / g[-1]) ** (1.0 / (g.size - 1)))


def exploding_run(
    weight_scale: float = 2.0,
    eta: float = 0.01,
    *,
    clip_norm: float | None = None,
    l2: float = 0.0,
    cost: str = "quadratic_cost",
    **overrides,
) -> History:
    """Train :func:`exploding_net` on 300 digits: 20 epochs of mini-batches of 20 at ``eta``.

    ``clip_norm`` and ``l2`` go to :meth:`Network.fit`; ``overrides`` change any of
    depth, width, n, epochs, batch_size, hidden, init, seed. Never warns: a run whose
    parameters overflow stops and reports ``history.diverged_at`` = (epoch, batch).
    """
    cfg = _config(overrides)
    X, Y = exploding_data(cfg["n"])
    net = exploding_net(weight_scale, cost=cost, **overrides)
    return net.fit(
        X,
        Y,
        epochs=cfg["epochs"],
        batch_size=cfg["batch_size"],
        eta=eta,
        clip_norm=clip_norm,
        l2=l2,
    )


def blew_up(history: History) -> bool:
    """Whether a run exploded: its parameters overflowed (``diverged``), or its loss ended
    above where it started (a run can blow up to 10²¹ without reaching NaN)."""
    loss = np.asarray(history.loss, dtype=np.float64)
    return bool(history.diverged or not np.isfinite(loss[-1]) or loss[-1] > loss[0])


def describe_run(history: History) -> str:
    """One line for a run: where it diverged, or how far the loss went."""
    if history.diverged:
        epoch, batch = history.diverged_at
        return tr("diverged at epoch {epoch}, batch {batch}", epoch=epoch, batch=batch)
    start, end = fmt_number(history.loss[0]), fmt_number(history.loss[-1])
    if blew_up(history):
        return tr(
            "blew up: loss {start} → {end} in {epochs} epochs",
            start=start,
            end=end,
            epochs=history.epochs,
        )
    return tr(
        "loss {start} → {end} in {epochs} epochs", start=start, end=end, epochs=history.epochs
    )


# -- every mini-batch step ----------------------------------------------------------------


def _weight_norm(weights) -> float:
    """‖W‖ over all layers (Frobenius), computed so that huge but finite weights give a
    finite norm (the squares of 10²⁰⁰ would overflow)."""
    top = max(float(np.max(np.abs(W))) for W in weights)
    if not math.isfinite(top) or top == 0:
        return top
    return top * math.sqrt(sum(float(np.sum(np.square(W / top))) for W in weights))


def _finite(net: Network) -> bool:
    return all(np.all(np.isfinite(p)) for p in net.weights + net.biases)


@dataclass(frozen=True)
class StepRecord:
    """One run of :func:`exploding_run`'s network, recorded after every mini-batch step of
    its first epoch and after every later epoch (step 0 is before training).

    ``steps`` (k,): mini-batch steps taken; ``loss`` (k,): the training loss over the 300
    digits after them (∞ or NaN where it overflowed while the weights were still finite);
    ``weight_norm`` (k,): ‖W‖ over all layers. ``diverged_at`` = (epoch, batch) when the
    parameters stopped being finite (the record ends before), as in ``History``.
    """

    steps: np.ndarray
    loss: np.ndarray
    weight_norm: np.ndarray
    diverged_at: tuple[int, int] | None
    batches: int  # mini-batch steps per epoch
    epochs: int

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None

    @property
    def diverged_step(self) -> int | None:
        """The mini-batch step after which the parameters were no longer finite."""
        if self.diverged_at is None:
            return None
        epoch, batch = self.diverged_at
        return (epoch - 1) * self.batches + batch

    @property
    def blew_up(self) -> bool:
        """Diverged, or the loss ended above where it started."""
        last = self.loss[-1]
        return bool(self.diverged or not np.isfinite(last) or last > self.loss[0])

    def describe(self) -> str:
        """ "diverged at step 4 (epoch 1, batch 4)", or "loss 9.13·10⁴ → 0.408"."""
        if self.diverged:
            epoch, batch = self.diverged_at
            return tr(
                "diverged at step {step} (epoch {epoch}, batch {batch})",
                step=self.diverged_step,
                epoch=epoch,
                batch=batch,
            )
        start, end = fmt_number(self.loss[0]), fmt_number(self.loss[-1])
        if self.blew_up:
            return tr("blew up: loss {start} → {end}", start=start, end=end)
        return tr("loss {start} → {end}", start=start, end=end)


@lru_cache(maxsize=CACHE_SIZE)
def _step_run(weight_scale, eta, clip_norm, l2, seed) -> StepRecord:
    cfg = _config({"seed": seed})
    X, Y = exploding_data(cfg["n"])
    net = exploding_net(weight_scale, seed=seed)
    n, m = X.shape[0], cfg["batch_size"]
    batches = math.ceil(n / m)
    steps, loss, wnorm = [0], [net.loss(X, Y)], [_weight_norm(net.weights)]
    diverged_at = None
    with np.errstate(all="ignore"):
        # The first epoch, one textbook step at a time (what Network.fit does, with the
        # same shuffle from the network's generator) ...
        with threadpool_limits(limits=1, user_api="blas"):  # tiny products: one thread
            perm = net.rng.permutation(n)
            for j, start in enumerate(range(0, n, m), start=1):
                idx = perm[start : start + m]
                net.update_mini_batch(X[idx], Y[idx], eta, l2=l2, clip_norm=clip_norm)
                if not _finite(net):
                    diverged_at = (1, j)
                    break
                steps.append(j)
                loss.append(net.loss(X, Y))
                wnorm.append(_weight_norm(net.weights))
        # ... and the other epochs by Network.fit itself, which goes on with the same
        # generator: together, exactly the run exploding_run makes
        if diverged_at is None and cfg["epochs"] > 1:

            def after_epoch(epoch: int, history: History) -> None:
                if epoch and not history.diverged:
                    steps.append((epoch + 1) * batches)
                    wnorm.append(_weight_norm(net.weights))

            h = net.fit(
                X,
                Y,
                epochs=cfg["epochs"] - 1,
                batch_size=m,
                eta=eta,
                clip_norm=clip_norm,
                l2=l2,
                track_gradients=False,
                callback=after_epoch,
            )
            loss += h.loss[1 : len(steps) - len(loss) + 1]
            if h.diverged:
                diverged_at = (h.diverged_at[0] + 1, h.diverged_at[1])
    arrays = [np.array(v, dtype=np.float64) for v in (steps, loss, wnorm)]
    for a in arrays:
        a.setflags(write=False)
    return StepRecord(*arrays, diverged_at=diverged_at, batches=batches, epochs=cfg["epochs"])


def step_run(
    weight_scale: float = 2.0,
    eta: float = 0.01,
    *,
    clip_norm: float | None = None,
    l2: float = 0.0,
    seed: int = 0,
) -> StepRecord:
    """:func:`exploding_run` recorded step by step in its first epoch (see :class:`StepRecord`).

    The same run: the first epoch calls :meth:`Network.update_mini_batch` batch by batch
    in the order ``fit`` would, the rest is ``fit``. Cached (read-only arrays).
    """
    weight_scale = check_number(weight_scale, "weight_scale", low=0.0, low_open=True)
    eta = check_number(eta, "eta", low=0.0, low_open=True)
    if clip_norm is not None:
        clip_norm = check_number(clip_norm, "clip_norm", low=0.0, low_open=True)
    l2 = check_number(l2, "l2", low=0.0)
    seed = check_int(seed, "seed", low=0)
    return _step_run(weight_scale, eta, clip_norm, l2, seed)


def remedy_settings(weight_scale: float, eta: float, clip: float = 10.0) -> dict[str, dict]:
    """{remedy: keywords of :func:`exploding_run` / :func:`step_run`} for the run as set
    ("as_set": ``weight_scale``, ``eta``) and each remedy applied to it alone: η × 1/1000,
    clipping the whole gradient at ``clip``, He's scale 1, L2 with λ = 0.01."""
    s = check_number(weight_scale, "weight_scale", low=0.0, low_open=True)
    eta = check_number(eta, "eta", low=0.0, low_open=True)
    clip = check_number(clip, "clip", low=0.0, low_open=True)
    return {
        "as_set": {"weight_scale": s, "eta": eta},
        "smaller_eta": {"weight_scale": s, "eta": eta * SMALLER_ETA},
        "clipping": {"weight_scale": s, "eta": eta, "clip_norm": clip},
        "he_init": {"weight_scale": 1.0, "eta": eta},
        "l2": {"weight_scale": s, "eta": eta, "l2": REMEDY_L2},
    }


def remedy_name(key: str, weight_scale: float, eta: float, clip: float = 10.0) -> str:
    """How one run of :func:`remedy_settings` is named in a table or a readout, with its
    numbers: "smaller step, η = 1·10⁻⁵", "clipping at ‖g‖ = 10", …"""
    settings = remedy_settings(weight_scale, eta, clip)
    key = check_choice(key, "key", REMEDIES)
    if key == "as_set":
        return tr(
            "no remedy (scale {scale}, η = {eta})",
            scale=f"{weight_scale:g}",
            eta=fmt_number(eta, trim=True),
        )
    if key == "smaller_eta":
        return tr("smaller step, η = {eta}", eta=fmt_number(settings[key]["eta"], trim=True))
    if key == "clipping":
        return tr("clipping at ‖g‖ = {clip}", clip=f"{clip:g}")
    if key == "he_init":
        return tr("He initialisation (scale 1)")
    return tr("L2, λ = {lam}", lam=f"{REMEDY_L2:g}")


def remedy_sweep(
    weight_scale: float = 2.0, eta: float = 0.01, clip: float = 10.0, seeds=SEEDS
) -> dict[str, list[History]]:
    """{remedy: [History of :func:`exploding_run` for each seed]} for the settings of
    :func:`remedy_settings` (25 short runs for 5 seeds)."""
    settings = remedy_settings(weight_scale, eta, clip)
    return {
        key: [exploding_run(**kw, seed=check_int(s, "seeds", low=0)) for s in seeds]
        for key, kw in settings.items()
    }
