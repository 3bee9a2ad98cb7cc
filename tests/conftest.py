import os

# Panels are tested on the backend the notebooks use (ipympl), without a browser.
os.environ.setdefault("MPLBACKEND", "module://ipympl.backend_nbagg")

import warnings

import matplotlib.pyplot as plt
import numpy as np
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


@pytest.fixture
def strict():
    """Turn every warning, and NumPy's overflow/invalid/divide, into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            yield
