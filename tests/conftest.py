import os

# Panels are tested on the backend the notebooks use (ipympl), without a browser.
os.environ.setdefault("MPLBACKEND", "module://ipympl.backend_nbagg")

import matplotlib.pyplot as plt
import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=30, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")
