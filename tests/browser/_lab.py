"""Drive JupyterLab in Debian's Chromium with Playwright.

- :class:`JupyterLab` starts a server on a free loopback port, with a random token, on
  *copies* of the notebooks (the committed files are never touched), and always stops it,
  its kernels included.
- :func:`chromium` launches headless Chromium with the flags this machine needs.
- :class:`NotebookPage` opens a notebook, runs it, lists its errors, and finds its panels;
  :class:`PanelDriver` moves every control of a panel (keyboard and mouse) and checks that
  the figure repainted and the readout changed.

Used by the pytest fixtures in ``conftest.py`` and by ``latency.py`` (benchmarks).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
REQUIRE_ENV = "LOSS_LESSONS_REQUIRE_BROWSER"

# Known to work here (DESIGN.md, "Real browser"). Playwright adds --headless and a fresh,
# temporary --user-data-dir for every launch by itself (it refuses one in ``args``).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1400, "height": 1000}

# JupyterLab user settings for the test server: no news / update prompts over the page,
# no autosave (the copies stay as they were opened).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def notebooks() -> list[Path]:
    """Every lesson notebook, in order (new ones are picked up automatically)."""
    return sorted(NOTEBOOK_DIR.glob(NOTEBOOK_GLOB))


def find_chromium() -> str | None:
    for candidate in (shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return (
            "the Python package playwright is not installed "
            '(it is in the test extra: pip install -e ".[test]"; alone: ".[browser]")'
        )
    if find_chromium() is None:
        return (
            "Chromium not found (looked for `chromium` on PATH and /usr/bin/chromium); "
            "on Debian/Ubuntu: sudo apt-get install chromium"
        )
    return None


@contextlib.contextmanager
def chromium():
    """Headless Debian Chromium under Playwright; closed on exit, also after an error.

    Never ``playwright install``: it downloads a browser of its own.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JupyterLab:
    """A JupyterLab server on 127.0.0.1 serving two copies of ``notebooks/``:

    ``run/`` for notebooks that are executed and driven, ``stored/`` for notebooks opened
    as committed (never run). Use as a context manager, or call start() / stop().
    """

    def __init__(self, workdir: Path, notebook_dir: Path = NOTEBOOK_DIR) -> None:
        self.workdir = Path(workdir)
        self.notebook_dir = Path(notebook_dir)
        self.root = self.workdir / "root"
        self.runtime_dir = self.workdir / "runtime"
        self.log_path = self.workdir / "jupyterlab.log"
        self.token = secrets.token_hex(24)
        self.port: int | None = None
        self.proc: subprocess.Popen | None = None
        self.kernels_seen: set[str] = set()

    # -- lifecycle ------------------------------------------------------------------------

    def __enter__(self) -> JupyterLab:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _prepare(self) -> dict:
        ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
        for sub in ("run", "stored"):
            shutil.copytree(self.notebook_dir, self.root / sub, ignore=ignore, dirs_exist_ok=True)
        settings = self.workdir / "settings"
        for rel, value in LAB_SETTINGS.items():
            path = settings / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        env = dict(os.environ)
        # the kernel must choose its backend as a learner's does (%matplotlib widget);
        # tests/conftest.py sets MPLBACKEND for the in-process widget tests
        env.pop("MPLBACKEND", None)
        # keep the user's Jupyter/IPython config, kernels and runtime files out of it
        for var, sub in (
            ("JUPYTER_CONFIG_DIR", "config"),
            ("JUPYTER_DATA_DIR", "data"),
            ("JUPYTER_RUNTIME_DIR", "runtime"),
            ("IPYTHONDIR", "ipython"),
        ):
            (self.workdir / sub).mkdir(parents=True, exist_ok=True)
            env[var] = str(self.workdir / sub)
        env["JUPYTER_PLATFORM_DIRS"] = "1"
        return env

    def _command(self) -> list[str]:
        settings = self.workdir / "settings"
        return [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            "--LabApp.expose_app_in_browser=True",
            f"--LabServerApp.user_settings_dir={settings}",
            f"--LabServerApp.workspaces_dir={self.workdir / 'workspaces'}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]

    def start(self, timeout: float = 120.0) -> None:
        env = self._prepare()
        for _attempt in range(3):  # a port taken between choosing and binding: try another
            self.port = _free_port()
            with open(self.log_path, "ab") as log:
                log.write(f"\n== starting on port {self.port}\n".encode())
                log.flush()
                self.proc = subprocess.Popen(
                    self._command(),
                    cwd=self.workdir,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # its own process group: stop() kills all of it
                )
            if self._wait_ready(timeout):
                return
            self.stop()
        raise RuntimeError(f"JupyterLab did not start; its log:\n{self.log_tail()}")

    def _wait_ready(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            with contextlib.suppress(OSError, ValueError):
                self.api("GET", "/api/status", timeout=2)
                return True
            time.sleep(0.25)
        raise RuntimeError(
            f"JupyterLab did not answer within {timeout:.0f} s; its log:\n{self.log_tail()}"
        )

    def stop(self) -> None:
        """Shut the kernels down, then the server (its whole process group)."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            with contextlib.suppress(Exception):
                self.shutdown_kernels(timeout=10)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        self._kill_stray_kernels()

    def _kill_stray_kernels(self) -> None:
        """Kernels run in process groups of their own; any still alive after the server
        is gone is found by its connection file, which lies in our private runtime dir."""
        marker = str(self.runtime_dir).encode()
        for entry in Path("/proc").glob("[0-9]*"):
            with contextlib.suppress(OSError):
                if marker in (entry / "cmdline").read_bytes():
                    os.kill(int(entry.name), signal.SIGKILL)

    def log_tail(self, n: int = 60) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        return "(no log)"

    # -- REST -----------------------------------------------------------------------------

    def api(self, method: str, path: str, timeout: float = 10):
        req = urllib.request.Request(
            self.base_url + path,
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(req, timeout=timeout) as r:
            body = r.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self, timeout: float = 30) -> None:
        """Delete every session and kernel, and wait until none is left."""
        for s in self.api("GET", "/api/sessions"):
            with contextlib.suppress(urllib.error.HTTPError):
                self.api("DELETE", f"/api/sessions/{s['id']}", timeout=timeout)
        for k in self.api("GET", "/api/kernels"):
            with contextlib.suppress(urllib.error.HTTPError):
                self.api("DELETE", f"/api/kernels/{k['id']}", timeout=timeout)
        deadline = time.monotonic() + timeout
        while self.api("GET", "/api/kernels"):
            if time.monotonic() > deadline:
                raise RuntimeError("kernels still running after shutdown")
            time.sleep(0.2)

    def url(self, rel_path: str) -> str:
        query = urllib.parse.urlencode({"token": self.token, "reset": ""})
        return f"{self.base_url}/lab/tree/{urllib.parse.quote(rel_path)}?{query}"


# -- in the page --------------------------------------------------------------------------

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

HELPERS_JS = r"""
// count the frames drawn into each canvas (ipympl draws every frame with drawImage)
(() => {
  const draw = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (...args) {
    this.canvas.__llDraws = (this.canvas.__llDraws || 0) + 1;
    return draw.apply(this, args);
  };
})();
window.__ll = {
  nb: null,
  iopub: [],
  nComm: 0,  // widget messages from the kernel
  recent: [],  // the last of them, summarised
  kernelTrouble: [],  // 'restarting', 'autorestarting', 'dead': the kernel died
  nBad: 0,  // kernel errors, and stderr with a traceback, an error or a warning
  isBad(kind, text) { return kind === 'error' || /Traceback|Error|Exception|Warning/.test(text); },
  hash(s) {  // FNV-1a: a short fingerprint of a canvas' pixels
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    return (h >>> 0).toString(16) + '/' + s.length;
  },
  figures(panel) {
    return [...panel.querySelectorAll('.jupyter-matplotlib canvas, .widget-image')];
  },
  snapshot(panel) {
    const figs = this.figures(panel).map(el => el.tagName === 'CANVAS'
      ? el.width + 'x' + el.height + ':' + this.hash(el.toDataURL()) : this.hash(el.src));
    const readouts = [...panel.querySelectorAll('.widget-html-content, .widget-htmlmath-content')]
      .filter(el => !el.closest('.jupyter-matplotlib'));
    return {
      canvas: figs.join('|'),
      readout: readouts.map(el => el.textContent).join('\n'),
      nCanvas: figs.length,
      nReadout: readouts.length,
      nBad: this.nBad,
    };
  },
  painted(panel) {
    const c = panel.querySelector('.jupyter-matplotlib canvas');
    if (!c) return true;
    if (!c.width || !c.height) return false;
    const blank = document.createElement('canvas');
    blank.width = c.width;
    blank.height = c.height;
    return c.toDataURL() !== blank.toDataURL();
  },
  draws(panel) {
    return [...panel.querySelectorAll('.jupyter-matplotlib canvas')]
      .reduce((n, c) => n + (c.__llDraws || 0), 0);
  },
  kernelIdle() {
    const k = this.nb && this.nb.sessionContext.session && this.nb.sessionContext.session.kernel;
    return !!k && k.status === 'idle';
  },
};
"""

READY_JS = """(path) => {
  const app = window.jupyterapp;
  const nb = app && app.shell.currentWidget;
  if (!nb || !nb.content || !nb.context || nb.context.path !== path) return false;
  if (!nb.context.isReady || !nb.sessionContext.isReady) return false;
  const k = nb.sessionContext.session && nb.sessionContext.session.kernel;
  const bar = document.querySelector('#jp-main-statusbar');
  return !!k && k.status === 'idle' && !!bar && bar.innerText.includes('Idle');
}"""

HOOK_JS = """() => {
  const nb = window.jupyterapp.shell.currentWidget;
  window.__ll.nb = nb;
  window.__ll.iopub = [];
  window.__ll.nBad = 0;
  window.__ll.nComm = 0;
  window.__ll.recent = [];
  window.__ll.kernelTrouble = [];
  nb.sessionContext.statusChanged.connect((_, status) => {
    if (['restarting', 'autorestarting', 'dead'].includes(status)) {
      window.__ll.kernelTrouble.push(status);
    }
  });
  const kernel = nb.sessionContext.session.kernel;
  kernel.anyMessage.connect((_, a) => {
    if (a.direction === 'recv' && a.msg.header.msg_type === 'comm_msg') {
      window.__ll.nComm += 1;
      // the last few, summarised, so that a failure can say what they were
      const d = (a.msg.content && a.msg.content.data) || {};
      const what = d.method === 'update' ? 'update ' + Object.keys(d.state || {}).join(',')
        : d.method === 'custom' ? 'custom ' + JSON.stringify(d.content || {}).slice(0, 80)
        : String(d.method);
      window.__ll.recent.push(what);
      if (window.__ll.recent.length > 20) window.__ll.recent.shift();
    }
  });
  // every error and stderr output of the kernel, also from widget callbacks (which
  // JupyterLab shows only in its log console)
  nb.sessionContext.session.kernel.iopubMessage.connect((_, msg) => {
    const t = msg.header.msg_type;
    let item = null;
    if (t === 'error') {
      item = {kind: 'error', text: msg.content.ename + ': ' + msg.content.evalue + '\\n'
                                   + msg.content.traceback.join('\\n')};
    } else if (t === 'stream' && msg.content.name === 'stderr') {
      item = {kind: 'stderr', text: msg.content.text};
    }
    if (item) {
      window.__ll.iopub.push(item);
      if (window.__ll.isBad(item.kind, item.text)) window.__ll.nBad += 1;
    }
  });
  return nb.sessionContext.session.kernel.id;
}"""

RUN_DONE_JS = """() => {
  const nb = window.__ll.nb;
  if (!window.__ll.kernelIdle()) return false;
  const cells = nb.content.widgets.filter(c => c.model.type === 'code');
  if (cells.some(c => c.model.executionState === 'running')) return false;
  const errored = cells.some(c => c.model.outputs.toJSON().some(o => o.output_type === 'error'));
  return errored || cells.every(c => c.model.executionCount !== null);
}"""

OUTPUT_PROBLEMS_JS = """(errorTexts) => {
  const nb = window.__ll.nb;
  const found = [];
  nb.content.widgets.forEach((cell, i) => {
    if (cell.model.type !== 'code') return;
    if (cell.model.executionCount === null) found.push({kind: 'not run', cell: i, text: ''});
    for (const o of cell.model.outputs.toJSON()) {
      if (o.output_type === 'error') {
        found.push({kind: 'error', cell: i, text: o.ename + ': ' + o.evalue});
      } else if (o.output_type === 'stream' && o.name === 'stderr') {
        found.push({kind: 'stderr', cell: i,
                    text: Array.isArray(o.text) ? o.text.join('') : o.text});
      }
    }
    const area = cell.node.querySelector('.jp-OutputArea');
    if (!area) return;
    for (const el of area.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')) {
      found.push({kind: 'stderr (shown)', cell: i, text: el.textContent});
    }
    const text = area.textContent;
    for (const bad of errorTexts) {
      if (text.includes(bad)) found.push({kind: 'widget error', cell: i, text: bad});
    }
  });
  return {cells: found, iopub: window.__ll.iopub};
}"""

PANEL_LABEL_JS = """(panel) => {
  const nb = window.__ll.nb;
  const cellNode = panel.closest('.jp-Cell');
  const i = nb.content.widgets.findIndex(c => c.node === cellNode);
  const src = i >= 0 ? nb.content.widgets[i].model.sharedModel.getSource() : '';
  const line = src.split('\\n').find(l => l.trim()) || '';
  return 'cell ' + i + ' `' + line.trim().slice(0, 70) + '`';
}"""

STATIC_VIEW_JS = """(errorTexts) => {
  const nb = window.jupyterapp.shell.currentWidget;
  const WIDGET = 'application/vnd.jupyter.widget-view+json';
  const rows = [];
  nb.content.widgets.forEach((cell, i) => {
    if (cell.model.type !== 'code') return;
    const outs = cell.model.outputs.toJSON().filter(o => o.data && o.data[WIDGET]);
    if (!outs.length) return;
    const area = cell.node.querySelector('.jp-OutputArea');
    const imgs = [...area.querySelectorAll('.jp-OutputArea-output img')];
    const text = area.textContent;
    rows.push({
      cell: i,
      widgetOutputs: outs.length,
      withPng: outs.filter(o => o.data['image/png']).length,
      images: imgs.filter(im => im.complete && im.naturalWidth > 0 && im.offsetWidth > 0).length,
      errors: errorTexts.filter(t => text.includes(t)),
      text: text.trim().slice(0, 200),
    });
  });
  return rows;
}"""

MAX_CONTROL_FAILURES = 8  # per notebook; then its remaining controls are not tried


class TooManyFailures(Exception):
    pass


ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# stderr that is a problem: a traceback, an error or a warning (a message such as
# "Matplotlib is building the font cache" is not)
BAD_STDERR = re.compile(r"Traceback|Error|Exception|Warning")


def _clean(text: str, limit: int = 1500) -> str:
    text = ANSI.sub("", text).strip()
    return text if len(text) <= limit else text[:limit] + " …"


@dataclass
class Timings:
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
        page.context.add_init_script(HELPERS_JS)
        page.on("console", lambda m: self.console.append(f"[{m.type}] {m.text}"))
        page.on("pageerror", lambda e: self.console.append(f"[pageerror] {e}"))

    # -- opening and running ----------------------------------------------------------------

    def open(self, rel_path: str, timeout_s: float = 180) -> None:
        """Open the notebook and wait until its (new) kernel is idle, as the status bar
        says: a Run All sent earlier can be dropped."""
        t0 = time.monotonic()
        self.path = rel_path
        self.page.goto(self.lab.url(rel_path), timeout=timeout_s * 1000)
        self.page.wait_for_function(READY_JS, arg=rel_path, timeout=timeout_s * 1000, polling=250)
        self.kernel_id = self.page.evaluate(HOOK_JS)
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
        self.page.evaluate(
            """async () => {
                const app = window.jupyterapp;
                await app.commands.execute('notebook:clear-all-cell-outputs');
                void app.commands.execute('notebook:run-all-cells');
            }"""
        )
        self.page.wait_for_function(RUN_DONE_JS, timeout=timeout_s * 1000, polling=250)
        self.assert_kernel_alive()
        self.timings.run_s = time.monotonic() - t0

    def problems(self) -> tuple[list[str], list[str]]:
        """(problems, notes): error outputs, stderr with an error or warning, cells not
        run, widgets showing an error; notes are harmless stderr lines."""
        found = self.page.evaluate(OUTPUT_PROBLEMS_JS, list(WIDGET_ERROR_TEXTS))
        problems, notes = [], []
        for item in found["cells"]:
            where = f"cell {item['cell']}: {item['kind']}"
            text = _clean(item["text"])
            if item["kind"].startswith("stderr") and not BAD_STDERR.search(text):
                notes.append(f"{where}: {text}")
            else:
                problems.append(f"{where}: {text}" if text else where)
        for item in found["iopub"]:
            text = _clean(item["text"])
            if item["kind"] == "error" or BAD_STDERR.search(text):
                problems.append(f"kernel {item['kind']}: {text}")
        return problems, notes

    def assert_kernel_alive(self) -> None:
        trouble = self.page.evaluate("() => window.__ll.kernelTrouble")
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
            n = self.page.evaluate("() => window.__ll.nComm")
            if n != last:
                last, quiet_since = n, time.monotonic()
            time.sleep(0.1)
        count = self.page.evaluate
        before = count(
            "(sel) => [window.__ll.nComm, [...document.querySelectorAll(sel)]"
            ".map(p => window.__ll.draws(p))]",
            PANEL_SELECTOR,
        )
        time.sleep(seconds)
        after = count(
            "(sel) => [window.__ll.nComm, [...document.querySelectorAll(sel)]"
            ".map(p => window.__ll.draws(p))]",
            PANEL_SELECTOR,
        )
        messages = after[0] - before[0]
        if messages <= 2:
            return []
        recent = self.page.evaluate("(n) => window.__ll.recent.slice(-n)", min(messages, 20))
        self.restless = True
        looping = [
            f"{panels.nth(i).evaluate(PANEL_LABEL_JS)} repainted {b - a} times"
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
        loc = self.page.locator(PANEL_SELECTOR).filter(has=self.page.locator(CONTROL_SELECTOR))
        return [PanelDriver(self, loc.nth(i), i) for i in range(loc.count())]

    def static_view(self, timeout_s: float = 30) -> list[dict]:
        """For a notebook opened without running: every output holding a widget view,
        with whether its static PNG is shown (waits up to ``timeout_s`` for them)."""
        js = f"""(t) => ({STATIC_VIEW_JS})(t).every(r => r.images >= r.withPng && r.withPng > 0
                                                      && r.errors.length === 0)"""
        with contextlib.suppress(Exception):
            self.page.wait_for_function(
                js, arg=list(WIDGET_ERROR_TEXTS), timeout=timeout_s * 1000, polling=250
            )
        time.sleep(1.0)  # anything that would replace the images does so right away
        return self.page.evaluate(STATIC_VIEW_JS, list(WIDGET_ERROR_TEXTS))

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
            lambda p: p.write_text(
                json.dumps(
                    self.page.evaluate(
                        "() => window.jupyterapp.shell.currentWidget.context.model.toJSON()"
                    ),
                    indent=1,
                )
            ),
        )
        _save(".console.log", lambda p: p.write_text("\n".join(self.console)))
        _save(".server.log", lambda p: p.write_text(self.lab.log_tail(400)))
        return saved


class PanelDriver:
    """Moves every control of one panel and records what did not respond.

    Each action must change both the figure (canvas pixels) and the readout text, with
    no kernel error. Every slider is tried from the panel's initial state: after its
    keyboard and mouse moves it is typed back to its initial value (in its readout box),
    since a control can have no visible effect in some states (an epoch budget once both
    costs have converged, say).
    """

    CHANGE_TIMEOUT_S = 10.0  # a slider move → new frame and readout (SpeedMap: a new map)
    SETTLE_TIMEOUT_S = 120.0
    STEP_TIMEOUT_S = 3.0  # one key step: it may legitimately not show
    MAX_PAGE_PRESSES = 3  # then Page keys (5 steps each)

    def __init__(self, notebook: NotebookPage, locator, index: int) -> None:
        self.nb = notebook
        self.page = notebook.page
        self.loc = locator
        self.index = index
        self.failures: list[str] = []
        self.actions: list[str] = []
        self.label = self.loc.evaluate(PANEL_LABEL_JS)

    # -- observing ----------------------------------------------------------------------

    def snapshot(self) -> dict:
        return self.loc.evaluate("(p) => window.__ll.snapshot(p)")

    def settle(self) -> dict:
        """Wait until the kernel is idle and the figure and readout stop changing."""
        deadline = time.monotonic() + self.SETTLE_TIMEOUT_S
        previous, stable = None, 0
        while time.monotonic() < deadline:
            self.nb.assert_kernel_alive()
            state = self.loc.evaluate(
                """(p) => ({snap: window.__ll.snapshot(p), idle: window.__ll.kernelIdle(),
                            painted: window.__ll.painted(p)})"""
            )
            snap = state["snap"]
            if (state["idle"] or self.nb.restless) and state["painted"] and snap == previous:
                stable += 1
                if stable >= (4 if self.nb.restless else 2):
                    return snap
            else:
                stable = 0
            previous = snap
            time.sleep(0.15)
        raise AssertionError(f"{self.label}: did not settle in {self.SETTLE_TIMEOUT_S:.0f} s")

    def _wait_changed(self, before: dict, timeout_s: float, need_both: bool = True) -> dict:
        """Wait until the figure and the readout differ from ``before`` (or a kernel error
        arrives); return the last snapshot."""
        js = """([p, b, both]) => {
            const s = window.__ll.snapshot(p);
            const fig = b.nCanvas === 0 || s.canvas !== b.canvas;
            const txt = b.nReadout === 0 || s.readout !== b.readout;
            return s.nBad > b.nBad || (both ? fig && txt : s.canvas !== b.canvas
                                                             || s.readout !== b.readout);
        }"""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        handle = self.loc.element_handle()
        with contextlib.suppress(PlaywrightTimeout):
            self.page.wait_for_function(
                js, arg=[handle, before, need_both], timeout=timeout_s * 1000, polling=100
            )
        return self.snapshot()

    def _missing(self, before: dict, after: dict) -> list[str]:
        missing = []
        if before["nCanvas"] and after["canvas"] == before["canvas"]:
            missing.append("the figure did not repaint")
        if before["nReadout"] and after["readout"] == before["readout"]:
            missing.append(f"the readout text did not change ({_clean(after['readout'], 160)!r})")
        if not before["nCanvas"] and not before["nReadout"]:
            missing.append("the panel has neither a figure nor a readout to check")
        if after["nBad"] > before["nBad"]:
            bad = self.page.evaluate(
                "() => window.__ll.iopub.filter(e => window.__ll.isBad(e.kind, e.text))"
            )
            missing.append("the kernel reported: " + _clean(bad[-1]["text"], 600))
        return missing

    def _fail(self, msg: str) -> None:
        """Keep a failure message, with a screenshot of the panel when possible."""
        msg = f"{self.label} — {msg}"
        if self.nb.artifact_prefix is not None:
            prefix = self.nb.artifact_prefix
            shot = prefix.with_name(f"{prefix.name}-panel{self.index}-{len(self.failures)}.png")
            shot.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(Exception):
                self.loc.screenshot(path=str(shot))
                msg += f" (screenshot: {shot})"
        self.failures.append(msg)
        self.nb.failure_budget -= 1
        if self.nb.failure_budget <= 0:
            self.failures.append(
                f"{self.label} — stopped after {MAX_CONTROL_FAILURES} failures in this "
                "notebook; the remaining controls were not tried"
            )
            raise TooManyFailures

    def attempt(self, what: str, act) -> bool:
        """Run ``act``, which returns (detail, before, after) or a failure string."""
        self.actions.append(what)
        result = act()
        if isinstance(result, str):
            self._fail(f"{what}: {result}")
            return False
        detail, before, after = result
        missing = self._missing(before, after)
        if missing:
            self._fail(f"{what} ({detail}): " + "; ".join(missing))
        return not missing

    # -- sliders ------------------------------------------------------------------------

    def sliders(self):
        loc = self.loc.locator(".widget-slider")
        return [loc.nth(i) for i in range(loc.count())]

    @staticmethod
    def _name(control, fallback: str) -> str:
        label = control.locator(".widget-label")
        text = label.first.text_content() if label.count() else ""
        return (text or "").strip() or fallback

    @staticmethod
    def _value(slider) -> str:
        """What the slider shows: its readout and its handles' ARIA values (aria-valuenow
        alone is rounded to one decimal)."""
        return slider.evaluate(
            """(s) => [...s.querySelectorAll('.widget-readout, .noUi-handle')].map(
                   e => e.classList.contains('noUi-handle')
                        ? e.getAttribute('aria-valuetext') + '~' + e.getAttribute('aria-valuenow')
                        : e.textContent).join(' | ')"""
        )

    @staticmethod
    def _towards_middle(handle) -> str:
        now, lo, hi = (
            float(handle.get_attribute(a) or 0)
            for a in ("aria-valuenow", "aria-valuemin", "aria-valuemax")
        )
        return "ArrowRight" if now - lo <= hi - now else "ArrowLeft"

    def keyboard_move(self, slider, handle):
        """Arrow key once; if the figure and readout do not both show it (axis limits
        and rounded readouts may absorb one step), Page keys follow, up to
        ``MAX_PAGE_PRESSES`` times. The slider's own value must move at once."""
        handle.scroll_into_view_if_needed()
        before = self.settle()
        value = self._value(slider)
        key = self._towards_middle(handle)
        handle.press(key)  # focuses the .noUi-handle, then the key
        if self._value(slider) == value:
            return f"{key}: the handle did not move"
        # the first change shows within STEP_TIMEOUT_S; once the kernel is idle again,
        # the readout is final
        self._wait_changed(before, self.STEP_TIMEOUT_S, need_both=False)
        after = self.settle()
        keys = [key]
        page_key = "PageUp" if key == "ArrowRight" else "PageDown"
        while (
            len(keys) <= self.MAX_PAGE_PRESSES
            and after["nBad"] == before["nBad"]
            and self._missing(before, after)
        ):
            previous = after
            handle.press(page_key)
            keys.append(page_key)
            self._wait_changed(previous, self.STEP_TIMEOUT_S, need_both=False)
            after = self.settle()
        return ", ".join(keys), before, after

    def mouse_drag(self, slider, handle):
        """Drag the handle 30 % of the track towards the middle."""
        handle.scroll_into_view_if_needed()
        before = self.settle()
        value = self._value(slider)
        box = handle.bounding_box()
        track = slider.locator(".noUi-target").first.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        dx = (1 if x < track["x"] + track["width"] / 2 else -1) * 0.3 * track["width"]
        mouse = self.page.mouse
        mouse.move(x, y)
        mouse.down()
        mouse.move(x + dx, y, steps=12)
        mouse.up()
        if self._value(slider) == value:
            width = track["width"]
            why = f" (its track is {width:.0f} px wide: the description takes the room)"
            return "the handle did not move under the mouse" + (why if width < 40 else "")
        after = self._wait_changed(before, self.CHANGE_TIMEOUT_S)
        return f"{'right' if dx > 0 else 'left'} {abs(dx):.0f} px", before, after

    def type_value(self, slider, text: str) -> None:
        """Type ``text`` into the slider's readout box and press Enter."""
        readout = slider.locator(".widget-readout")
        readout.scroll_into_view_if_needed()
        readout.click()
        self.page.keyboard.press("Control+a")
        self.page.keyboard.type(text.replace("\u2212", "-"))  # ipywidgets shows U+2212
        self.page.keyboard.press("Enter")

    def nudge_all_sliders(self) -> None:
        """Move every slider one step (so that a preset button has something to undo)."""
        for slider in self.sliders():
            handles = slider.locator(".noUi-handle")
            for h in range(handles.count()):
                handles.nth(h).press(self._towards_middle(handles.nth(h)))
                self.settle()

    # -- clickables ---------------------------------------------------------------------

    def _click(self, target, act=None):
        target.scroll_into_view_if_needed()
        before = self.settle()
        (act or target.click)()
        return "click", before, self._wait_changed(before, self.CHANGE_TIMEOUT_S)

    def drive_toggle_buttons(self) -> None:
        groups = self.loc.locator(".widget-toggle-buttons")
        for g in range(groups.count()):
            group = groups.nth(g)
            name = self._name(group, f"toggle group {g}")
            options = group.locator(".widget-toggle-button")
            n = options.count()
            active = [
                i for i in range(n) if "mod-active" in (options.nth(i).get_attribute("class") or "")
            ]
            for i in [i for i in range(n) if i not in active] + active[:1]:
                option = options.nth(i)
                text = (option.text_content() or "").strip()
                self.attempt(f"{name}: toggle '{text}'", lambda o=option: self._click(o))

    def drive_dropdowns(self) -> None:
        drops = self.loc.locator(".widget-dropdown")
        for d in range(drops.count()):
            select = drops.nth(d).locator("select")
            name = self._name(drops.nth(d), f"dropdown {d}")
            n = select.locator("option").count()
            current = select.evaluate("(s) => s.selectedIndex")
            for i in [i for i in range(n) if i != current] + [current]:
                self.attempt(
                    f"{name}: option {i}",
                    lambda i=i, s=select: self._click(s, lambda: s.select_option(index=i)),
                )

    def drive_radio_buttons(self) -> None:
        boxes = self.loc.locator(".widget-radio-box")
        for r in range(boxes.count()):
            radios = boxes.nth(r).locator("input[type=radio]")
            n = radios.count()
            current = [i for i in range(n) if radios.nth(i).is_checked()]
            for i in [i for i in range(n) if i not in current] + current[:1]:
                radio = radios.nth(i)
                self.attempt(f"radio group {r}: option {i}", lambda x=radio: self._click(x))

    def drive_checkboxes(self) -> None:
        boxes = self.loc.locator(".widget-checkbox")
        for c in range(boxes.count()):
            name = self._name(boxes.nth(c), f"checkbox {c}")
            box = boxes.nth(c).locator("input[type=checkbox]")
            for turn in ("switch", "switch back"):
                self.attempt(f"checkbox '{name}': {turn}", lambda b=box: self._click(b))

    def _press_button(self, button):
        button.scroll_into_view_if_needed()
        before = self.settle()
        button.click()
        after = self._wait_changed(before, 3.0, need_both=False)
        if after == before:
            # a preset equal to the current values changes nothing: move the sliders
            # off it first, then the click must show
            self.nudge_all_sliders()
            _, before, after = self._click(button)
            return "click after moving every slider one step", before, after
        return "click", before, self._wait_changed(before, self.CHANGE_TIMEOUT_S)

    def drive_buttons(self) -> None:
        buttons = self.loc.locator(".widget-button")
        for b in range(buttons.count()):
            button = buttons.nth(b)
            what = f"button '{(button.text_content() or '').strip()}'"
            self.attempt(what, lambda x=button: self._press_button(x))

    # -- everything ---------------------------------------------------------------------

    def drive(self) -> list[str]:
        """Every slider (keyboard and mouse), toggle, option, checkbox and button."""
        if self.nb.failure_budget <= 0:
            return []
        with contextlib.suppress(TooManyFailures):
            self._drive()
        return self.failures

    def _drive(self) -> None:
        self.loc.scroll_into_view_if_needed()
        self.settle()
        for s, slider in enumerate(self.sliders()):
            name = self._name(slider, f"slider {s}")
            readouts = slider.locator(".widget-readout")
            handles = slider.locator(".noUi-handle")
            single = readouts.count() == 1 and handles.count() == 1
            initial = readouts.text_content() if single else None
            for h in range(handles.count()):
                label = name if handles.count() == 1 else f"{name} handle {h}"
                handle = handles.nth(h)
                self.attempt(
                    f"slider '{label}': keyboard",
                    lambda sl=slider, hd=handle: self.keyboard_move(sl, hd),
                )
                self.attempt(
                    f"slider '{label}': mouse drag",
                    lambda sl=slider, hd=handle: self.mouse_drag(sl, hd),
                )
            if initial is not None:
                self.settle()
                self.type_value(slider, initial)
                self.settle()
                if slider.locator(".widget-readout").text_content() != initial:
                    self._fail(f"slider '{name}': could not type back its value {initial!r}")
        self.drive_toggle_buttons()
        self.drive_dropdowns()
        self.drive_radio_buttons()
        self.drive_checkboxes()
        self.drive_buttons()
        self.settle()
