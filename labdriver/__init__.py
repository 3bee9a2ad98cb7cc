"""Drive the lesson notebooks in JupyterLab in Debian's headless Chromium, with Playwright.

Shared by the browser tests and the benchmarks (``benchmarks/run.py``);
not part of the installed ``lessons_lib`` package.

- :mod:`labdriver.server`: the JupyterLab server on copies of the notebooks, Chromium, the
  list of notebooks;
- :mod:`labdriver.page`: :class:`NotebookPage`, one notebook in one browser page;
- :mod:`labdriver.driver`: :class:`PanelDriver`, every control of one panel;
- :mod:`labdriver.latency`: key → repaint latency for the benchmarks;
- ``labdriver/js/``: the JavaScript run in the page, one function per file.

Playwright is imported only when a browser is used, so importing this package needs only the
standard library.
"""

from .driver import PanelDriver
from .page import NotebookPage
from .server import (
    REQUIRE_ENV,
    ROOT,
    VIEWPORT,
    JupyterLab,
    chromium,
    find_chromium,
    missing_browser,
    notebooks,
)

__all__ = [
    "REQUIRE_ENV",
    "ROOT",
    "VIEWPORT",
    "JupyterLab",
    "NotebookPage",
    "PanelDriver",
    "chromium",
    "find_chromium",
    "missing_browser",
    "notebooks",
]
