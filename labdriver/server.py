"""The JupyterLab server and the browser the tests and benchmarks drive.

- :class:`JupyterLab` starts a server on a free loopback port, with a random token, on
  *copies* of the notebooks (the committed files are never touched), talks to its REST API,
  and always stops it, its kernels included; its log is kept for failure reports.
- :func:`chromium` launches Debian's headless Chromium with the flags this machine needs;
  :func:`find_chromium` and :func:`missing_browser` say whether it (and playwright) is here.
- :func:`notebooks` lists the lesson notebooks.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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
# no autosave (the copies stay as they were opened), and every cell rendered at once
# (JupyterLab 4 otherwise attaches cells below the fold lazily, so a long notebook such
# as 02 could be inspected before its last panels existed in the page).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


# the Chinese edition's notebooks the browser suite also drives (the language cell, the
# translated readouts and figure text in a real page); the others differ only in prose
TRANSLATED_IN_BROWSER = ("zh_CN/01_*.ipynb", "zh_CN/05_*.ipynb")


def notebooks() -> list[Path]:
    """Every lesson notebook, in order (new ones are picked up automatically), then the
    Chinese ones of :data:`TRANSLATED_IN_BROWSER`; paths relative to ``notebooks/``."""
    english = sorted(NOTEBOOK_DIR.glob(NOTEBOOK_GLOB))
    chinese = sorted(p for pattern in TRANSLATED_IN_BROWSER for p in NOTEBOOK_DIR.glob(pattern))
    return [p.relative_to(NOTEBOOK_DIR) for p in english + chinese]


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
