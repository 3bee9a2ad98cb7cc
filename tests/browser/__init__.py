"""Real-browser tests: every notebook opened in JupyterLab (headless Chromium, driven by
Playwright), run, and every control of every panel moved.

They skip when Chromium or the ``playwright`` package is missing, unless the environment
sets ``LOSS_LESSONS_REQUIRE_BROWSER=1`` (CI does), which turns the skip into a failure.
"""
