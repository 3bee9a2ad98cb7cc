"""Browser key → repaint latency, for ``benchmarks/run.py`` (section "browser").

The notebooks (by default 01 and 02) are opened in JupyterLab (headless Chromium) and run,
and for every slider of every panel an arrow key is pressed ``moves`` times; each time, the
clock runs from the key's ``keydown`` in the page to the first animation frame in which the
panel's canvas pixels differ. ``device_scale_factor`` sets the page's device-pixel ratio:
1 for an ordinary screen, 2 for a retina laptop, where ipympl draws every frame at twice the
width and height. Not a test: pytest does not collect this module.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from ._js import js
from .page import NotebookPage
from .server import VIEWPORT, JupyterLab, chromium, missing_browser, notebooks


def _percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def measure_key_to_repaint(
    moves: int = 5,
    timeout_s: float = 10.0,
    prefixes: tuple[str, ...] | None = ("01", "02"),
    device_scale_factor: float = 1,
) -> dict | None:
    """p50/p95 (ms) of key press → canvas repaint, per panel and over all panels, for the
    notebooks whose names start with one of ``prefixes`` (None: every notebook), in pages
    of device-pixel ratio ``device_scale_factor``. None when no browser is available."""
    reason = missing_browser()
    if reason:
        print(f"  skipped: {reason}")
        return None
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    per_panel, everything = {}, []
    with (
        tempfile.TemporaryDirectory() as tmp,
        JupyterLab(Path(tmp)) as lab,
        chromium() as browser,
    ):
        for path in notebooks():
            if path.parent != Path(".") or (
                prefixes is not None and not path.name.startswith(tuple(prefixes))
            ):
                continue  # the English notebooks only
            lab.shutdown_kernels()
            context = browser.new_context(
                viewport=VIEWPORT, device_scale_factor=device_scale_factor
            )
            try:
                nb = NotebookPage(context.new_page(), lab)
                nb.open(f"run/{path.as_posix()}")
                nb.run_all()
                problems, _ = nb.problems()
                if problems:  # say why its panels may be missing or not respond
                    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                    print(f"  {path.name}: after Run All: {problems[0][:200]}{more}", flush=True)
                for panel in nb.panels():
                    times = []
                    for slider in panel.sliders():
                        handle = slider.locator(".noUi-handle").first
                        handle.scroll_into_view_if_needed()
                        handle.evaluate(js("arm_keydown"))
                        for _ in range(moves):
                            before = panel.settle()
                            handle.press(panel.towards_middle(handle))
                            try:
                                nb.page.wait_for_function(
                                    js("repainted"),
                                    arg=[panel.loc.element_handle(), before["canvas"]],
                                    polling="raf",
                                    timeout=timeout_s * 1000,
                                )
                            except PlaywrightTimeout:
                                break  # this slider does not change the figure: next one
                            times.append(nb.page.evaluate(js("key_latency")))
                    if times:
                        name = f"{path.stem[:2]} {panel.label}"
                        per_panel[name] = {
                            "p50_ms": round(statistics.median(times), 1),
                            "p95_ms": round(_percentile(times, 0.95), 1),
                            "moves": len(times),
                        }
                        everything += times
                        row = per_panel[name]
                        print(
                            f"  {name[:70]:<70} p50 {row['p50_ms']:6.1f} ms, "
                            f"p95 {row['p95_ms']:6.1f} ms ({len(times)} moves)",
                            flush=True,
                        )
            finally:
                context.close()
    if not everything:
        return {"device_scale_factor": device_scale_factor, "panels": per_panel}
    return {
        "device_scale_factor": device_scale_factor,
        "p50_ms": round(statistics.median(everything), 1),
        "p95_ms": round(_percentile(everything, 0.95), 1),
        "moves": len(everything),
        "panels": per_panel,
    }
