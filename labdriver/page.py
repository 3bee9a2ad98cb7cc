"""A notebook opened in JupyterLab in a browser page, with its own kernel.

:class:`NotebookPage` opens a notebook (waiting for its kernel to be idle), runs all its
cells, lists its problems (errors, stderr with a traceback or warning, cells not run,
widgets that failed to render), checks that the page stays quiet with nobody touching it,
looks at a stored notebook's static figures, finds its panels (each driven by a
:class:`~labdriver.driver.PanelDriver`) and saves evidence when something fails.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ._js import js
from .driver import MAX_CONTROL_FAILURES, PanelDriver, clean

if TYPE_CHECKING:
    from .server import JupyterLab

PANEL_SELECTOR = ".jp-Notebook .jp-OutputArea-output > .jupyter-widgets"
CONTROL_SELECTOR = (
    ".widget-slider, .widget-toggle-buttons, .widget-button, .widget-checkbox, "
    ".widget-dropdown, .widget-radio-box"
)
# what a broken widget, a missing extension or a missing widget model shows instead
WIDGET_ERROR_TEXTS = (
    "Error displaying widget",
    "Error rendering widget",
    "Failed to load model class",
    "model not found",
    "Could not render",
)

# stderr that is a problem: a traceback, an error or a warning (a message such as
# "Matplotlib is building the font cache" is not)
BAD_STDERR = re.compile(r"Traceback|Error|Exception|Warning")
# run in every page before JupyterLab's own scripts: the frame counter and window.__ll
INIT_SCRIPTS = ("count_draws", "helpers")


@dataclass
class Timings:
    """Seconds to open, run and drive one notebook, and how many control actions."""

    open_s: float = 0.0
    run_s: float = 0.0
    drive_s: float = 0.0
    actions: int = 0


class NotebookPage:
    """One notebook in one browser page, with its own kernel."""

    def __init__(self, page, lab: JupyterLab, artifact_prefix: Path | None = None) -> None:
        self.page = page
        self.lab = lab
        self.artifact_prefix = artifact_prefix
        self.path: str | None = None
        self.kernel_id: str | None = None
        self.console: list[str] = []
        self.timings = Timings()
        self.restless = False  # the kernel keeps talking to the page with nobody acting
        # a badly broken notebook would take CHANGE_TIMEOUT_S per control: stop early
        self.failure_budget = MAX_CONTROL_FAILURES
        for name in INIT_SCRIPTS:
            page.context.add_init_script(js(name))
        page.on("console", lambda m: self.console.append(f"[{m.type}] {m.text}"))
        page.on("pageerror", lambda e: self.console.append(f"[pageerror] {e}"))

    # -- opening and running ----------------------------------------------------------------

    def open(self, rel_path: str, timeout_s: float = 180) -> None:
        """Open the notebook and wait until its (new) kernel is idle, as the status bar
        says: a Run All sent earlier can be dropped."""
        t0 = time.monotonic()
        self.path = rel_path
        self.page.goto(self.lab.url(rel_path), timeout=timeout_s * 1000)
        self.page.wait_for_function(
            js("ready"), arg=rel_path, timeout=timeout_s * 1000, polling=250
        )
        self.kernel_id = self.page.evaluate(js("hook"))
        sessions = self.lab.api("GET", "/api/sessions")
        paths = [s["path"] for s in sessions]
        assert paths == [rel_path], f"expected one session, for {rel_path}; found {paths}"
        assert sessions[0]["kernel"]["id"] == self.kernel_id
        assert self.kernel_id not in self.lab.kernels_seen, "a kernel was reused"
        self.lab.kernels_seen.add(self.kernel_id)
        self.timings.open_s = time.monotonic() - t0

    def run_all(self, timeout_s: float = 600) -> None:
        """Clear the stored outputs, Run All, and wait until the kernel is done."""
        t0 = time.monotonic()
        self.page.evaluate(js("run_all"))
        self.page.wait_for_function(js("run_done"), timeout=timeout_s * 1000, polling=250)
        self.assert_kernel_alive()
        self.timings.run_s = time.monotonic() - t0

    def problems(self) -> tuple[list[str], list[str]]:
        """(problems, notes): error outputs, stderr with an error or warning, cells not
        run, widgets showing an error; notes are harmless stderr lines."""
        found = self.page.evaluate(js("output_problems"), list(WIDGET_ERROR_TEXTS))
        problems, notes = [], []
        for item in found["cells"]:
            where = f"cell {item['cell']}: {item['kind']}"
            text = clean(item["text"])
            if item["kind"].startswith("stderr") and not BAD_STDERR.search(text):
                notes.append(f"{where}: {text}")
            else:
                problems.append(f"{where}: {text}" if text else where)
        for item in found["iopub"]:
            text = clean(item["text"])
            if item["kind"] == "error" or BAD_STDERR.search(text):
                problems.append(f"kernel {item['kind']}: {text}")
        return problems, notes

    def assert_kernel_alive(self) -> None:
        """Fail, with the server log's lines about it, if the kernel restarted or died."""
        trouble = self.page.evaluate(js("kernel_trouble"))
        if trouble:
            log = [
                line
                for line in self.lab.log_tail(400).splitlines()
                if re.search(r"malloc|Segmentation|core dumped|Killed|restart|died|Error", line)
            ]
            raise AssertionError(
                f"the kernel died ({', '.join(trouble)}); server log:\n" + "\n".join(log[-15:])
            )

    def check_quiet(self, seconds: float = 3.0) -> list[str]:
        """Nobody touches the page for ``seconds``: the kernel must stay quiet and no
        figure may keep repainting itself (a redraw loop burns the learner's CPU)."""
        panels = self.page.locator(PANEL_SELECTOR)
        # nobody's pointer rests on a figure (ipympl answers pointer moves over a canvas)
        self.page.mouse.move(2, 2)
        # first let the last frames of the run arrive: no widget message for 1 s
        deadline, last, quiet_since = time.monotonic() + 20, -1, time.monotonic()
        while time.monotonic() < deadline and time.monotonic() - quiet_since < 1.0:
            n = self.page.evaluate(js("comm_count"))
            if n != last:
                last, quiet_since = n, time.monotonic()
            time.sleep(0.1)
        before = self.page.evaluate(js("comms_and_draws"), PANEL_SELECTOR)
        time.sleep(seconds)
        after = self.page.evaluate(js("comms_and_draws"), PANEL_SELECTOR)
        messages = after[0] - before[0]
        if messages <= 2:
            return []
        recent = self.page.evaluate(js("recent_messages"), min(messages, 20))
        self.restless = True
        label = js("panel_label")
        looping = [
            f"{panels.nth(i).evaluate(label)} repainted {b - a} times"
            for i, (a, b) in enumerate(zip(before[1], after[1]))
            if b - a > 1
        ]
        return [
            f"with nobody touching the page, the kernel sent {messages} widget messages in "
            f"{seconds:.0f} s (a figure that keeps redrawing itself?): "
            + ("; ".join(looping) or "no panel repainted")
            + "; the messages: "
            + "; ".join(recent)
        ]

    def panels(self) -> list[PanelDriver]:
        """A driver for every widget output that has a control, in page order."""
        loc = self.page.locator(PANEL_SELECTOR).filter(has=self.page.locator(CONTROL_SELECTOR))
        return [PanelDriver(self, loc.nth(i), i) for i in range(loc.count())]

    def static_view(self, timeout_s: float = 30) -> list[dict]:
        """For a notebook opened without running: every output holding a widget view,
        with whether its static PNG is shown (waits up to ``timeout_s`` for them)."""
        with contextlib.suppress(Exception):
            self.page.wait_for_function(
                js("static_view_ready"),
                arg=list(WIDGET_ERROR_TEXTS),
                timeout=timeout_s * 1000,
                polling=250,
            )
        time.sleep(1.0)  # anything that would replace the images does so right away
        return self.page.evaluate(js("static_view"), list(WIDGET_ERROR_TEXTS))

    # -- evidence ---------------------------------------------------------------------------

    def save_artifacts(self, prefix: Path) -> list[Path]:
        """A screenshot, the page's HTML, the notebook as the page has it, the browser
        console and the server log, as ``<prefix>.*``."""
        prefix.parent.mkdir(parents=True, exist_ok=True)
        saved = []

        def _save(suffix, write):
            path = prefix.with_name(prefix.name + suffix)
            with contextlib.suppress(Exception):
                write(path)
                saved.append(path)

        _save(".png", lambda p: self.page.screenshot(path=str(p)))
        _save(".html", lambda p: p.write_text(self.page.content()))
        _save(
            ".ipynb",
            lambda p: p.write_text(json.dumps(self.page.evaluate(js("notebook_json")), indent=1)),
        )
        _save(".console.log", lambda p: p.write_text("\n".join(self.console)))
        _save(".server.log", lambda p: p.write_text(self.lab.log_tail(400)))
        return saved
