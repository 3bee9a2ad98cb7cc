"""Every figure a notebook stores — static figures and the panels' fallback images — is
readable: at print resolution, and with colours that stay apart for colour-blind readers
(protanopia and deuteranopia simulated with Machado et al. 2009)."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from lessons_lib.plots.cvd import confusable_pairs, key_colors, simulate
from lessons_lib.plots.style import OKABE_ITO

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(ROOT.glob("notebooks/[0-9][0-9]_*.ipynb")) + sorted(
    ROOT.glob("notebooks/*/[0-9][0-9]_*.ipynb")
)


def stored_figures():
    """(id, PNG bytes, width it is shown at or None) for every image output of every notebook."""
    import nbformat

    found = []
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            for k, out in enumerate(cell.get("outputs", [])):
                if "image/png" in out.get("data", {}):
                    width = out.get("metadata", {}).get("image/png", {}).get("width")
                    png = base64.b64decode(out["data"]["image/png"])
                    found.append((f"{path.relative_to(ROOT)}:cell{i}:{k}", png, width))
    return found


FIGURES = stored_figures()


def _hex(c) -> str:
    return "#" + "".join(f"{round(v * 255):02x}" for v in c)


def test_every_notebook_stores_figures():
    assert len({fid.split(":")[0] for fid, _, _ in FIGURES}) == len(NOTEBOOKS) >= 10


@pytest.mark.parametrize(("fid", "png", "width"), FIGURES, ids=[f[0] for f in FIGURES])
def test_stored_at_twice_the_resolution_it_is_shown_with(fid, png, width):
    image = Image.open(io.BytesIO(png))
    assert width is not None, "shown without a width: a plain PNG shows at 1 × (blurred)"
    assert image.width >= 2 * int(width) - 2, f"{image.width} px shown {width} px wide"
    assert 300 <= int(width) <= 1000, "shown narrower than 300 or wider than 1000 px"


@pytest.mark.parametrize(("fid", "png", "width"), FIGURES, ids=[f[0] for f in FIGURES])
def test_colours_stay_apart_for_colour_blind_readers(fid, png, width):
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    colors = [c for c, _ in key_colors(rgb)]
    bad = confusable_pairs(colors)
    assert not bad, "; ".join(
        f"{kind}: {_hex(a)} and {_hex(b)} (ΔE {normal:.0f} → {seen:.1f})"
        for kind, a, b, normal, seen in bad
    )


def _two_lines(c1, c2):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 2), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    x = np.linspace(0, 1, 50)
    ax.plot(x, x, color=c1, lw=4)
    ax.plot(x, 1 - x, color=c2, lw=4)
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3]


def test_the_check_catches_a_red_green_pair_and_passes_okabe_ito():
    """The test above can fail: matplotlib's default red and green merge for a deuteranope."""
    red_green = [c for c, _ in key_colors(_two_lines("#d62728", "#2ca02c"))]
    assert len(red_green) == 2
    assert any(kind == "deuteranopia" for kind, *_ in confusable_pairs(red_green))
    palette = [
        np.array([int(h[i : i + 2], 16) / 255 for i in (1, 3, 5)]) for h in OKABE_ITO.values()
    ]
    assert confusable_pairs(palette) == []
    blue = _two_lines("#0072B2", "#0072B2")
    assert len(key_colors(blue)) == 1 and np.allclose(simulate(np.zeros(3), "protanopia"), 0)
