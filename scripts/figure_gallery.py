"""Every figure of the suite on one page, with how colour-blind readers see it.

    .venv/bin/python scripts/figure_gallery.py                  # → test-artifacts/gallery/
    .venv/bin/python scripts/figure_gallery.py --out /tmp/g --no-panels

Collects every image a notebook stores (static figures and the panels' fallback images,
both editions) and renders every panel's default view afresh (``widgets.all_panels()``),
then writes for each: the PNG, its protanopia and deuteranopia simulations
(``lessons_lib.plots.cvd``), and an ``index.html`` contact sheet that shows them side by
side with the image's size and the colours the figure test found, flagging a pair that
merges. ``contact_NN.png`` is the same sheet as one image per notebook (and
``contact_panels.png``), for a quick look without a browser.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MPLBACKEND", "module://ipympl.backend_nbagg")

from PIL import Image  # noqa: E402

from lessons_lib.plots.cvd import confusable_pairs, key_colors, simulate  # noqa: E402

KINDS = ("protanopia", "deuteranopia")


def notebook_figures():
    """(group, name, PNG bytes, shown width) for every image output of every notebook."""
    import nbformat

    paths = sorted(ROOT.glob("notebooks/[0-9][0-9]_*.ipynb"))
    paths += sorted(ROOT.glob("notebooks/*/[0-9][0-9]_*.ipynb"))
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        group = str(path.relative_to(ROOT / "notebooks").with_suffix(""))
        for i, cell in enumerate(nb.cells):
            for k, out in enumerate(cell.get("outputs", [])):
                if "image/png" in out.get("data", {}):
                    width = out.get("metadata", {}).get("image/png", {}).get("width")
                    yield (
                        group,
                        f"cell{i:02d}_{k}",
                        base64.b64decode(out["data"]["image/png"]),
                        width,
                    )


def panel_figures():
    """("panels", name, PNG bytes, shown width) for every panel's default view."""
    from lessons_lib.widgets import all_panels

    for name, cls in sorted(all_panels().items()):
        panel = cls()
        png, width = panel._png(caption=True)
        panel.close()
        yield "panels", name, png, width


def _hex(c) -> str:
    return "#" + "".join(f"{round(v * 255):02x}" for v in c)


def _simulated(rgb: np.ndarray, kind: str) -> Image.Image:
    out = simulate(rgb.astype(np.float64) / 255.0, kind)
    return Image.fromarray(np.round(out * 255).astype(np.uint8))


def _contact(items, path: Path, width: int = 1400) -> None:
    """One image: each figure (normal, then its two simulations) in a row, scaled down."""
    rows = []
    for _, images in items:
        third = width // 3
        scaled = [im.resize((third, max(1, round(im.height * third / im.width)))) for im in images]
        row = Image.new("RGB", (width, max(s.height for s in scaled) + 8), "white")
        for k, s in enumerate(scaled):
            row.paste(s, (k * third, 4))
        rows.append(row)
    sheet = Image.new("RGB", (width, sum(r.height for r in rows)), "white")
    y = 0
    for r in rows:
        sheet.paste(r, (0, y))
        y += r.height
    sheet.save(path)


def build(out: Path, panels: bool = True) -> int:
    out.mkdir(parents=True, exist_ok=True)
    sources = list(notebook_figures()) + (list(panel_figures()) if panels else [])
    sections: dict[str, list[str]] = {}
    sheets: dict[str, list] = {}
    flagged = 0
    for group, name, png, width in sources:
        folder = out / group
        folder.mkdir(parents=True, exist_ok=True)
        image = Image.open(io.BytesIO(png)).convert("RGB")
        rgb = np.asarray(image)
        files = [folder / f"{name}.png"]
        image.save(files[0])
        views = [image]
        for kind in KINDS:
            sim = _simulated(rgb, kind)
            files.append(folder / f"{name}.{kind}.png")
            sim.save(files[-1])
            views.append(sim)
        colors = [c for c, _ in key_colors(rgb)]
        bad = confusable_pairs(colors)
        flagged += bool(bad)
        swatches = "".join(
            f'<span class="sw" style="background:{_hex(c)}" title="{_hex(c)}"></span>'
            for c in colors
        )
        warning = "".join(
            f"<div class='bad'>{kind}: {_hex(a)} ≈ {_hex(b)} (ΔE {n:.0f} → {s:.1f})</div>"
            for kind, a, b, n, s in bad
        )
        cells = "".join(
            f'<figure><img src="{f.relative_to(out)}" width="{(width or image.width // 2)}">'
            f"<figcaption>{label}</figcaption></figure>"
            for f, label in zip(files, ("as printed", *KINDS))
        )
        sections.setdefault(group, []).append(
            f"<div class='item'><h3>{html.escape(group)} · {html.escape(name)}</h3>"
            f"<p>{image.width} × {image.height} px, shown {width} px wide · key colours "
            f"{swatches}</p>{warning}<div class='row'>{cells}</div></div>"
        )
        sheets.setdefault(group, []).append((name, views))
    style = (
        "body{font-family:sans-serif;margin:2em;color:#222}.row{display:flex;gap:1em;"
        "overflow-x:auto}figure{margin:0}figcaption{font-size:12px;color:#555}"
        ".sw{display:inline-block;width:14px;height:14px;margin:0 2px;border:1px solid #999;"
        "vertical-align:middle}.bad{color:#b00;font-weight:bold}.item{margin-bottom:2em;"
        "border-bottom:1px solid #ddd}"
    )
    body = "".join(f"<h2 id='{g}'>{g}</h2>" + "".join(items) for g, items in sections.items())
    toc = " · ".join(f"<a href='#{g}'>{g}</a>" for g in sections)
    (out / "index.html").write_text(
        f"<!doctype html><meta charset='utf-8'><title>Loss Lessons: every figure</title>"
        f"<style>{style}</style><h1>Every figure, as printed and as colour-blind readers see "
        f"it</h1><p>{len(sources)} figures, {flagged} with colours that merge · {toc}</p>{body}",
        encoding="utf-8",
    )
    for group, items in sheets.items():
        _contact(items, out / f"contact_{group.replace('/', '_')}.png")
    print(f"{len(sources)} figures ({flagged} flagged) → {out / 'index.html'}")
    return 1 if flagged else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts" / "gallery")
    parser.add_argument("--no-panels", action="store_true", help="only the stored images")
    args = parser.parse_args(argv)
    return build(args.out, panels=not args.no_panels)


if __name__ == "__main__":
    sys.exit(main())
