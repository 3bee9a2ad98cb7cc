"""How a figure looks to a colour-blind reader, and whether its colours stay apart.

:func:`simulate` applies Machado, Oliveira & Fernandes's (2009) model of dichromacy
(severity 1) to sRGB pixels; :func:`key_colors` finds the colours a figure uses for its
data (not the white, black and grey of paper and ink, not the blends antialiasing makes);
:func:`confusable_pairs` lists the pairs of them that differ in normal vision but merge for
a protanope or a deuteranope (about 1 in 12 men has one of the two). The figure tests run
it on every stored figure of every notebook; ``scripts/figure_gallery.py`` shows the
simulated views beside each figure.
"""

from __future__ import annotations

import itertools

import numpy as np

__all__ = [
    "MACHADO",
    "simulate",
    "delta_e",
    "key_colors",
    "confusable_pairs",
    "DISTINCT",
    "CONFUSED",
]

# Machado et al. (2009), severity 1.0, for linear RGB
MACHADO = {
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
}
DISTINCT = 12.0  # CIEDE2000 difference of two colours a reader tells apart at a glance
CONFUSED = 6.0  # below this, two large patches still look alike


def _linear(srgb: np.ndarray) -> np.ndarray:
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def _gamma(lin: np.ndarray) -> np.ndarray:
    lin = np.clip(lin, 0.0, 1.0)
    return np.where(lin <= 0.0031308, 12.92 * lin, 1.055 * lin ** (1 / 2.4) - 0.055)


def simulate(srgb, kind: str) -> np.ndarray:
    """sRGB values in [0, 1] (…, 3) as a ``kind`` ("protanopia", "deuteranopia") sees them."""
    return _gamma(_linear(np.asarray(srgb, dtype=np.float64)) @ MACHADO[kind].T)


def _lab(srgb: np.ndarray) -> np.ndarray:
    xyz = (
        _linear(srgb)
        @ np.array(
            [
                [0.4124564, 0.3575761, 0.1804375],
                [0.2126729, 0.7151522, 0.0721750],
                [0.0193339, 0.1191920, 0.9503041],
            ]
        ).T
    )
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack(
        [116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], -1
    )


def delta_e(srgb1, srgb2) -> np.ndarray:
    """CIEDE2000 colour difference of sRGB colours (…, 3) in [0, 1]."""
    L1, a1, b1 = np.moveaxis(_lab(np.asarray(srgb1, dtype=np.float64)), -1, 0)
    L2, a2, b2 = np.moveaxis(_lab(np.asarray(srgb2, dtype=np.float64)), -1, 0)
    Cb = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    G = 0.5 * (1 - np.sqrt(Cb**7 / (Cb**7 + 25.0**7)))
    a1, a2 = (1 + G) * a1, (1 + G) * a2
    C1, C2 = np.hypot(a1, b1), np.hypot(a2, b2)
    h1, h2 = np.degrees(np.arctan2(b1, a1)) % 360, np.degrees(np.arctan2(b2, a2)) % 360
    dh = h2 - h1
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(C1 * C2 == 0, 0.0, dh)
    dH = 2 * np.sqrt(C1 * C2) * np.sin(np.radians(dh / 2))
    Lm, Cm, hs = (L1 + L2) / 2, (C1 + C2) / 2, h1 + h2
    hm = np.where(
        C1 * C2 == 0,
        hs,
        np.where(
            np.abs(h1 - h2) <= 180, hs / 2, np.where(hs < 360, (hs + 360) / 2, (hs - 360) / 2)
        ),
    )
    T = (
        1
        - 0.17 * np.cos(np.radians(hm - 30))
        + 0.24 * np.cos(np.radians(2 * hm))
        + 0.32 * np.cos(np.radians(3 * hm + 6))
        - 0.20 * np.cos(np.radians(4 * hm - 63))
    )
    SL = 1 + 0.015 * (Lm - 50) ** 2 / np.sqrt(20 + (Lm - 50) ** 2)
    SC, SH = 1 + 0.045 * Cm, 1 + 0.015 * Cm * T
    RT = (
        -np.sin(np.radians(60 * np.exp(-(((hm - 275) / 25) ** 2))))
        * 2
        * np.sqrt(Cm**7 / (Cm**7 + 25.0**7))
    )
    dL, dC = L2 - L1, C2 - C1
    return np.sqrt((dL / SL) ** 2 + (dC / SC) ** 2 + (dH / SH) ** 2 + RT * (dC / SC) * (dH / SH))


def _chroma(srgb: np.ndarray) -> np.ndarray:
    lab = _lab(srgb)
    return np.hypot(lab[..., 1], lab[..., 2])


def _is_blend(c: np.ndarray, sources: list[np.ndarray], tol: float = 4.0) -> bool:
    """Whether c is (close to) a mix of two sources: what antialiasing draws at edges."""
    t = np.linspace(0.0, 1.0, 41)[:, None]
    for a, b in itertools.combinations(sources, 2):
        if np.min(delta_e(c, a * t + b * (1 - t))) < tol:
            return True
    return False


def key_colors(rgb: np.ndarray, *, min_share: float = 0.001, min_chroma: float = 8.0):
    """The colours a figure uses for data: [(sRGB (3,), share of pixels)], most used first.

    rgb: (H, W, 3) uint8 or floats in [0, 1]. Greys (chroma below ``min_chroma``) are
    paper and ink; colours covering less than ``min_share`` of the pixels are ignored;
    a colour that is a mix of two kept colours, of a kept colour and paper or ink, is an
    antialiased edge and is ignored too.
    """
    a = np.asarray(rgb)
    a = a.astype(np.float64) / 255.0 if a.dtype == np.uint8 else a.astype(np.float64)
    q = np.round(a.reshape(-1, 3) * 63).astype(np.int64)  # 6 bits per channel
    keys, counts = np.unique(q[:, 0] * 4096 + q[:, 1] * 64 + q[:, 2], return_counts=True)
    share = counts / q.shape[0]
    order = np.argsort(-share)
    cols = np.stack([keys // 4096, (keys // 64) % 64, keys % 64], -1)[order] / 63.0
    share = share[order]
    neutral = [np.ones(3), np.zeros(3)] + [np.full(3, g) for g in (0.25, 0.5, 0.75)]
    kept: list[tuple[np.ndarray, float]] = []
    for c, s in zip(cols, share):
        if s < min_share:
            break
        if _chroma(c) < min_chroma:
            continue
        near = [k for k, (kc, _) in enumerate(kept) if delta_e(c, kc) < 3.0]
        if near:  # the same colour, quantised apart
            kc, ks = kept[near[0]]
            kept[near[0]] = (kc, ks + s)
            continue
        if _is_blend(c, [kc for kc, _ in kept] + neutral):
            continue
        kept.append((c, s))
    return kept


def confusable_pairs(colors, kinds=("protanopia", "deuteranopia")):
    """[(kind, colour a, colour b, ΔE normal, ΔE simulated)] for the pairs of ``colors`` (sRGB)
    that differ in normal vision (ΔE ≥ :data:`DISTINCT`) but merge (ΔE < :data:`CONFUSED`)."""
    found = []
    for a, b in itertools.combinations([np.asarray(c, dtype=np.float64) for c in colors], 2):
        normal = float(delta_e(a, b))
        if normal < DISTINCT:
            continue
        for kind in kinds:
            seen = float(delta_e(simulate(a, kind), simulate(b, kind)))
            if seen < CONFUSED:
                found.append((kind, a, b, normal, seen))
    return found
