"""The speed engines behind :meth:`Network.fit` and :func:`train_neuron` (private).

What it does differently, and why. The textbook code in :mod:`lessons_lib.network` and
:mod:`lessons_lib.neuron` allocates new arrays at every step and makes a few dozen NumPy
calls per mini-batch; at mini-batch 10 each call costs more than its arithmetic, so the
textbook trains about 3× slower than it could. The engines run the *same equations* with
few calls on buffers made once: a network step is one matrix product per layer and
direction on a fused [W | b] block, δ is carried already scaled by η/m so that the
gradient is the step, all parameters live in one flat vector (one update and one
finiteness test per step), and a sigmoid layer keeps its weights negated so that
σ(z) = 1/(1 + e^(−z)) takes three in-place passes (``activations._sigmoid_of_negated``);
the neuron's loops update their arrays in place and drop the starts that have arrived.
Every formula comes from :mod:`lessons_lib.activations`, :mod:`lessons_lib.losses` and
:mod:`lessons_lib.training`; the arrangement is all that differs. Tests hold each engine
to its textbook to 1e-10 over whole runs (``engine="textbook"`` runs the textbook).
"""

from __future__ import annotations

import contextlib
import itertools
import math
from collections.abc import Callable

import numpy as np
from threadpoolctl import ThreadpoolController

from .activations import _sigmoid, _sigmoid_float, _sigmoid_of_negated, _softmax
from .training import clip_by_norm

_BLAS_CONTROLLER: list[ThreadpoolController] = []  # made on first use: it costs ~0.3 ms


def blas_threads_for(batch_size: int, sizes) -> contextlib.AbstractContextManager:
    """One BLAS thread for small mini-batch products: for matrices this size, starting
    threads costs more than they save (3× slower at mini-batch 100 on 2 cores).

    The controller that finds the BLAS libraries is made once and kept: a fresh
    ``threadpool_limits`` looks them up again on every call (~0.3 ms, as long as a short
    ``fit`` on the digits)."""
    if batch_size * max(sizes) ** 2 > 4_000_000:
        return contextlib.nullcontext()
    if not _BLAS_CONTROLLER:
        _BLAS_CONTROLLER.append(ThreadpoolController())
    return _BLAS_CONTROLLER[0].limit(limits=1, user_api="blas")


# -- the network --------------------------------------------------------------------------

# (output, cost) pairs whose δ^L has a short in-place form here; the others go through
# the cost's LossSpec.delta, with the same result
_SOFTMAX_CE, _SIGMOID_BCE, _LINEAR_QUADRATIC = range(3)
_FAST_DELTA = {
    ("softmax", "cross_entropy"): _SOFTMAX_CE,
    ("sigmoid", "binary_cross_entropy_with_logits"): _SIGMOID_BCE,
    ("linear", "quadratic_cost"): _LINEAR_QUADRATIC,
}


class SGD:
    """``SGD(net, X, Y, …)(perm)``: one epoch of :meth:`Network.update_mini_batch` over the
    examples in the order ``perm``; returns the 1-based index of the mini-batch after which
    the parameters stopped being finite, or None.

    Layout: an activation is (units, batch) (feature-major: softmax reduces along the
    outer axis, a hidden layer's buffer is contiguous); layer l's parameters are one block
    [W | b] of shape (n_out, n_in + 1), and every activation carries a last row of ones,
    so z = [W | b] [a; 1] and ∂C/∂[W | b] = δ [a; 1]ᵀ are one product each; all blocks
    are views of one flat vector P (gradients of one flat G). A sigmoid layer's block is
    kept negated, [−W | −b]: the product gives −z, and its δ is carried negated too (σ′
    enters as a(a − 1)), so the update is P −= G for every layer; negation is exact.

    Parameters are copied in from ``net.weights``/``net.biases`` before each epoch (a
    callback may change them) and written back, in place, after it.
    """

    def __init__(self, net, X, Y, is_index, *, batch_size, eta, l2, l1, clip_norm=None):
        sizes = net.sizes
        self.net = net
        self.L = L = len(sizes) - 1
        self.hidden = net.hidden
        self.kind = _FAST_DELTA.get((net.output, net.cost)) if not net.cost_kwargs else None
        hidden_sign = -1.0 if net.hidden == "sigmoid" else 1.0
        out_sign = -1.0 if self.kind == _SIGMOID_BCE else 1.0
        self.signs = [hidden_sign] * (L - 1) + [out_sign]
        shapes = [(n_out, n_in + 1) for n_in, n_out in itertools.pairwise(sizes)]
        ends = np.cumsum([0] + [a * b for a, b in shapes])
        self.P = np.empty(int(ends[-1]))
        self.G = np.empty(int(ends[-1]))
        self.S = [self.P[i:j].reshape(sh) for i, j, sh in zip(ends[:-1], ends[1:], shapes)]
        self.Gl = [self.G[i:j].reshape(sh) for i, j, sh in zip(ends[:-1], ends[1:], shapes)]
        # Wᵀ of each layer (without the bias column) for δ^(l−1) = Wᵀ δ^l
        self.SvT = [S[:, :-1].T for S in self.S]
        n, d = X.shape
        self.n = n
        self.X1 = np.empty((n, d + 1))
        self.X1[:, :d] = X
        self.X1[:, d] = 1.0
        self.Xs = np.empty_like(self.X1)
        self.YT = np.ascontiguousarray(Y.T)
        self.YsT = np.empty_like(self.YT)
        # δ^L = a·Σ_c y_c − y for cross-entropy: the factor is 1 for one-hot targets
        self.ysum = self.ysum_s = None
        if self.kind == _SOFTMAX_CE and not is_index:
            ysum = Y.sum(axis=1)
            if not np.all(ysum == 1.0):
                self.ysum = ysum
                self.ysum_s = np.empty_like(ysum)
        self.batch_size = batch_size
        self.eta, self.l2, self.l1, self.clip_norm = eta, l2, l1, clip_norm
        if l2 or l1:  # η·l2 and η·l1 on every weight, 0 on the biases, as one flat vector
            weights = np.ones_like(self.P)
            for i, j, (rows, cols) in zip(ends[:-1], ends[1:], shapes):
                weights[i:j].reshape(rows, cols)[:, -1] = 0.0
            self.l2_step, self.l1_step = (eta * l2) * weights, (eta * l1) * weights
            self.scratch = np.empty_like(self.P)
        self._steps: dict[int, Callable] = {}

    def load(self) -> None:
        """Copy the network's parameters into the working blocks (signs applied)."""
        for S, W, b, s in zip(self.S, self.net.weights, self.net.biases, self.signs):
            np.multiply(W, s, out=S[:, :-1])
            np.multiply(b, s, out=S[:, -1])

    def store(self) -> None:
        """Write the working blocks back into the network's arrays, in place."""
        for S, W, b, s in zip(self.S, self.net.weights, self.net.biases, self.signs):
            np.multiply(S[:, :-1], s, out=W)
            np.multiply(S[:, -1], s, out=b)

    def __call__(self, perm: np.ndarray) -> int | None:
        self.load()
        try:
            return self.epoch(perm)
        finally:
            self.store()

    def _output_delta(self, Z, yT, start, row):
        """Z (C, m) = z^L (−z^L for a negated sigmoid block) ← δ^L, in place; ``row`` a
        (1, m) buffer."""
        kind = self.kind
        if kind == _SOFTMAX_CE:
            _softmax(Z, 0, Z, row)
            if self.ysum is not None:
                np.multiply(Z, self.ysum_s[start : start + Z.shape[1]], out=Z)
            np.subtract(Z, yT, out=Z)
        elif kind == _SIGMOID_BCE:  # Z = −z; carried negated: −(a − y) = y − a
            _sigmoid_of_negated(Z)
            np.subtract(yT, Z, out=Z)
        elif kind == _LINEAR_QUADRATIC:
            np.subtract(Z, yT, out=Z)
        else:  # any other cost: its own delta (the textbook's BP1)
            net, z = self.net, Z.T
            a = net.f_out.fn(z)
            Z[...] = net.cost_spec.delta(z, a, yT.T, net.output, **net.cost_kwargs).T

    def _make_step(self, m: int) -> Callable[[np.ndarray, np.ndarray, int], None]:
        """step(xb, yT, start): one SGD step on the m examples xb (m, n_in + 1) with
        targets yT (C, m), starting at row ``start`` of the epoch's order. Buffers and
        every constant are bound here, once per batch size."""
        sizes, L = self.net.sizes, self.L
        acts = []  # hidden activations with their row of ones: (n_l + 1, m)
        for units in sizes[1:-1]:
            a = np.empty((units + 1, m))
            a[-1] = 1.0
            acts.append(a)
        views = [a[:-1] for a in acts]
        deltas = [np.empty((units, m)) for units in sizes[1:-1]]
        temps = [np.empty((units, m)) for units in sizes[1:-1]]
        Z = np.empty((sizes[-1], m))
        row = np.empty((1, m))  # softmax's max and sum over the classes
        S, Gl, SvT, P, G = self.S, self.Gl, self.SvT, self.P, self.G
        c = self.eta / m
        needs_more = self.l2 or self.l1 or self.clip_norm is not None
        regularise = self._regularise if needs_more else None
        output_delta = self._output_delta
        matmul, multiply, subtract = np.matmul, np.multiply, np.subtract
        # per hidden layer l: (W^l, buffer for z then a^l, [a^l; 1])
        fwd = [(S[l], views[l], acts[l]) for l in range(L - 1)]
        # per layer l ≥ 1, top down: (G^l, [a^(l−1); 1]ᵀ, Wᵀ, δ^(l−1), temp, a^(l−1))
        bwd = [
            (Gl[l], acts[l - 1].T, SvT[l], deltas[l - 1], temps[l - 1], views[l - 1])
            for l in range(L - 1, 0, -1)
        ]
        W_out, G_in = S[L - 1], Gl[0]
        sigmoid_hidden = self.hidden == "sigmoid"
        relu_hidden = self.hidden == "relu"

        def step(xb, yT, start):
            # forward: [x; 1] is a transposed view of the shuffled rows
            a = xb.T
            for W, h, a_next in fwd:
                matmul(W, a, h)  # z (relu, tanh) or −z (sigmoid)
                if sigmoid_hidden:
                    _sigmoid_of_negated(h)
                elif relu_hidden:
                    np.maximum(h, 0.0, out=h)
                else:
                    np.tanh(h, h)
                a = a_next
            matmul(W_out, a, Z)
            output_delta(Z, yT, start, row)  # Z ← δ^L (times the layer's sign) …
            multiply(Z, c, Z)  # … times η/m
            # backward: G^l = δ^l [a^(l−1); 1]ᵀ, δ^(l−1) = ±(Wᵀ δ^l) ⊙ f′
            D = Z
            for Gw, aT, WT, Dn, T, h in bwd:
                matmul(D, aT, Gw)
                matmul(WT, D, Dn)
                if sigmoid_hidden:  # a(a − 1) = −σ′: the negated δ of a negated layer
                    subtract(h, 1.0, T)
                    multiply(T, h, T)
                elif relu_hidden:
                    np.greater(h, 0.0, T)
                else:
                    multiply(h, h, T)
                    subtract(1.0, T, T)
                multiply(Dn, T, Dn)
                D = Dn
            matmul(D, xb, G_in)
            if regularise is not None:
                regularise()
            subtract(P, G, P)

        return step

    def epoch(self, perm: np.ndarray) -> int | None:
        """Train on the examples in the order ``perm`` (parameters already loaded)."""
        Xs, YsT = self.Xs, self.YsT
        # mode="clip": with the default mode="raise", take copies through a buffer
        np.take(self.X1, perm, axis=0, out=Xs, mode="clip")
        np.take(self.YT, perm, axis=1, out=YsT, mode="clip")
        if self.ysum is not None:
            np.take(self.ysum, perm, out=self.ysum_s, mode="clip")
        n, bs = self.n, self.batch_size
        steps = self._steps
        full = steps.get(bs) or steps.setdefault(bs, self._make_step(bs))
        isfinite = math.isfinite
        total = np.add.reduce
        P = self.P
        for j, start in enumerate(range(0, n, bs), start=1):
            stop = start + bs
            if stop <= n:
                full(Xs[start:stop], YsT[:, start:stop], start)
            else:
                m = n - start
                last = steps.get(m) or steps.setdefault(m, self._make_step(m))
                last(Xs[start:n], YsT[:, start:n], start)
            # a sum is non-finite as soon as one entry is: one cheap test per step
            if not isfinite(total(P, None)):
                return j
        return None

    def _regularise(self) -> None:
        """G ← G + η(l2·W + l1·sign W), then the whole gradient clipped to clip_norm.

        Signs need no care: a negated block has a negated G, l2·(−W) = −(l2·W) and
        sign(−W) = −sign W. G is η·g, so clipping it to η·clip_norm clips g to clip_norm."""
        G, P = self.G, self.P
        if self.l2:
            G += np.multiply(P, self.l2_step, out=self.scratch)
        if self.l1:
            G += np.multiply(np.sign(P, out=self.scratch), self.l1_step, out=self.scratch)
        if self.clip_norm is not None:
            G[...] = clip_by_norm(G, self.clip_norm * self.eta)


# -- the neuron ---------------------------------------------------------------------------

_NEURON_COSTS = ("quadratic_cost", "binary_cross_entropy_with_logits")


def neuron_supported(cost: str, cost_kwargs: dict) -> bool:
    """Whether the neuron engine has an in-place form of ``cost``'s δ (else: the textbook)."""
    return cost in _NEURON_COSTS and not cost_kwargs


def _neuron_step(w, b, x, y, eta, quadratic, z, a, dz, e):
    """z, a, dz ← w·x + b, σ(z), δ; then w, b step by −η·x·δ, −η·δ (all in place; e is
    scratch)."""
    np.multiply(w, x, out=z)
    z += b
    _sigmoid(z, out=a, scratch=e)
    np.subtract(a, y, out=dz)  # ∂C/∂a for the quadratic cost, δ for cross-entropy
    if quadratic:  # δ = (a − y)·σ′(z), σ′ = a(1 − a)
        np.subtract(1.0, a, out=e)
        e *= a
        dz *= e
    np.multiply(dz, eta * x, out=e)
    w -= e
    np.multiply(dz, eta, out=e)
    b -= e


def neuron_run(w, b, *, quadratic: bool, eta, epochs, x, y):
    """Rows (W, B, A, DZ), each (epochs + 1, starts): :func:`train_neuron`'s record."""
    W, B, A, DZ = (np.empty((epochs + 1, w.size)) for _ in range(4))
    if w.size == 1:  # one start (a slider): Python floats, the same formulas
        w, b = float(w.ravel()[0]), float(b.ravel()[0])
        for k in range(epochs + 1):
            a = _sigmoid_float(w * x + b)
            dz = (a - y) * (a * (1.0 - a)) if quadratic else a - y
            W[k, 0], B[k, 0], A[k, 0], DZ[k, 0] = w, b, a, dz
            w -= (eta * x) * dz
            b -= eta * dz
        return W, B, A, DZ
    w, b = w.ravel().copy(), b.ravel().copy()
    z, e = np.empty_like(w), np.empty_like(w)
    for k in range(epochs + 1):
        W[k], B[k] = w, b
        _neuron_step(w, b, x, y, eta, quadratic, z, A[k], DZ[k], e)
    return W, B, A, DZ


def neuron_epochs_to_target(w, b, *, quadratic: bool, eta, epochs, tol, x, y) -> np.ndarray:
    """:func:`epochs_to_target`: the first epoch with |a − y| ≤ tol per start, else −1.

    Arrived starts keep being stepped (harmlessly: their epoch is recorded) until enough
    of them have piled up to make dropping them from the arrays worth it."""
    reached = np.full(w.size, -1, dtype=np.int64)
    idx = np.arange(w.size)
    w, b = w.ravel().copy(), b.ravel().copy()
    z, a, dz, e = (np.empty_like(w) for _ in range(4))
    open_ = np.ones(w.size, dtype=bool)  # not yet arrived, aligned with idx
    for k in range(epochs + 1):
        _neuron_step(w, b, x, y, eta, quadratic, z, a, dz, e)  # a: before this step
        done = np.abs(a - y) <= tol
        done &= open_
        if done.any():
            reached[idx[done]] = k
            open_ &= ~done
            if not open_.any():
                break
            if open_.sum() < 0.75 * idx.size:  # compact
                idx, w, b, open_ = idx[open_], w[open_], b[open_], open_[open_]
                z, a, dz, e = (np.empty_like(w) for _ in range(4))
    return reached
