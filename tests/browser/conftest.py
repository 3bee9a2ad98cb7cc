"""Fixtures of the browser tests: one JupyterLab server and one headless Chromium for the
whole package, a fresh page (and kernel) per test, evidence saved when a test fails. The
harness they use (server, page, panel driver) is the package ``labdriver`` at the root of the
repository, shared with ``benchmarks/run.py``.

Environment:
  LOSS_LESSONS_REQUIRE_BROWSER=1   fail instead of skipping when Chromium or playwright is
                                   missing (CI sets it: there the tests must run)
  LOSS_LESSONS_ARTIFACTS=<dir>     where failures leave screenshots, HTML and logs
                                   (default: test-artifacts/browser/ in the repository)
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from labdriver import (
    REQUIRE_ENV,
    ROOT,
    VIEWPORT,
    JupyterLab,
    NotebookPage,
    chromium,
    missing_browser,
)

ARTIFACTS = Path(os.environ.get("LOSS_LESSONS_ARTIFACTS") or ROOT / "test-artifacts" / "browser")


def _unavailable(reason: str):
    if os.environ.get(REQUIRE_ENV, "") not in ("", "0"):
        pytest.fail(f"browser tests cannot run: {reason} ({REQUIRE_ENV} is set)", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"_browser_report_{report.when}", report)
    return report


def _failed(node) -> bool:
    return any(
        getattr(getattr(node, f"_browser_report_{when}", None), "failed", False)
        for when in ("setup", "call")
    )


def artifact_prefix(node) -> Path:
    return ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", node.name).strip("_")


@pytest.fixture(scope="package")
def browser():
    reason = missing_browser()
    if reason:
        _unavailable(reason)
    with chromium() as b:
        yield b


@pytest.fixture(scope="package")
def lab(browser, tmp_path_factory):
    """JupyterLab on a free loopback port with a token, serving copies of notebooks/."""
    with JupyterLab(tmp_path_factory.mktemp("jupyterlab")) as server:
        yield server


@pytest.fixture
def notebook_page(browser, lab, request):
    """A new browser context and page; every kernel is shut down before and after."""
    lab.shutdown_kernels()
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(60_000)
    prefix = artifact_prefix(request.node)
    nb = NotebookPage(context.new_page(), lab, artifact_prefix=prefix)
    try:
        yield nb
    finally:
        try:
            if _failed(request.node):
                saved = nb.save_artifacts(prefix)
                print("browser test evidence:", *map(str, saved), sep="\n  ")
        finally:
            context.close()
            lab.shutdown_kernels()
