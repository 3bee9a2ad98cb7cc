"""The set-up files agree: environment.yml installs what pyproject.toml declares, the
README's test command is what CI runs, and every public function is documented."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest
import tomllib
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _public_modules():
    import pkgutil

    import lessons_lib

    names = []
    for info in pkgutil.walk_packages(lessons_lib.__path__, "lessons_lib."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name.removeprefix("lessons_lib."))
    return names


MODULES = _public_modules()


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_environment_yml_pip_installs_this_package():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    deps = env["dependencies"]
    conda = [d for d in deps if isinstance(d, str)]
    pip = [d for d in deps if isinstance(d, dict)]
    # conda provides only Python and pip; everything else comes from pyproject.toml
    assert {re.split(r"[<>=]", d)[0] for d in conda} == {"python", "pip"}
    assert pip == [{"pip": ["-e ."]}]
    py = next(d for d in conda if d.startswith("python"))
    assert py.removeprefix("python") == _pyproject()["project"]["requires-python"]


def test_every_public_module_is_checked():
    assert {"losses", "network", "widgets.neuron", "widgets.softmax", "exercises.hinge"} <= set(
        MODULES
    )
    assert len(MODULES) >= 30


def test_runtime_dependencies_are_the_documented_ones():
    names = {re.split(r"[<>=\[ ]", d)[0] for d in _pyproject()["project"]["dependencies"]}
    assert names == {
        "numpy",
        "matplotlib",
        "ipywidgets",
        "ipympl",
        "jupyterlab",
        "threadpoolctl",
        "polib",
    }
    test_extra = {
        re.split(r"[<>=\[ ]", d)[0]
        for d in _pyproject()["project"]["optional-dependencies"]["test"]
    }
    assert {"pytest", "nbval", "hypothesis", "ruff"} <= test_extra
    assert "torch" not in names | test_extra


def readme_command(kind: str) -> str:
    """The command in the README block marked <!-- {kind}-command -->."""
    text = (ROOT / "README.md").read_text()
    m = re.search(rf"<!-- {kind}-command -->\s*```(?:bash|sh)?\n(.+?)\n```", text, re.S)
    assert m, f"README has no {kind}-command block"
    return m.group(1).strip()


def test_readme_has_the_two_setup_commands():
    setup, test = readme_command("setup"), readme_command("test")
    assert "jupyter lab notebooks" in setup and "pip install" in setup
    assert '".[test]"' in test and "pytest" in test
    assert "--nbval" in test and "--nbval-current-env" in test and "--nbval-sanitize-with" in test
    sanitize = re.search(r"--nbval-sanitize-with (\S+)", test).group(1)
    assert (ROOT / sanitize).is_file()


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "test-command" in ci  # .ci/run extracts the command from the README block
    assert "python3 -m venv" in readme_command("test") and "mktemp -d" in ci


@pytest.mark.parametrize("module", MODULES)
def test_every_public_function_is_documented(module):
    mod = importlib.import_module(f"lessons_lib.{module}")
    assert mod.__doc__ and ("otebook" in mod.__doc__ or "nb " in mod.__doc__)
    for name in getattr(mod, "__all__", []):
        obj = getattr(mod, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            doc = inspect.getdoc(obj)
            assert doc and len(doc.splitlines()[0]) > 10, f"{module}.{name} lacks a docstring"
            if inspect.isclass(obj):
                for meth_name, meth in inspect.getmembers(obj, inspect.isfunction):
                    if not meth_name.startswith("_"):
                        assert inspect.getdoc(meth), (
                            f"{module}.{name}.{meth_name} lacks a docstring"
                        )


def test_the_readme_example_prints_what_it_says():
    """The README's Python example runs and prints the numbers in its comment."""
    import contextlib
    import io

    text = (ROOT / "README.md").read_text()
    code = re.search(r"```python\n(.+?)\n```", text, re.S).group(1)
    expected = re.findall(r"#\s*(.+)$", code, re.M)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    assert out.getvalue().strip().splitlines() == [e.strip() for e in expected]


def test_the_chinese_readme_gives_the_same_commands():
    """README.zh-CN.md (linked from the top of README.md) shows the very same set-up and
    test commands, so that the two editions cannot drift apart."""
    zh = (ROOT / "README.zh-CN.md").read_text()
    assert "README.zh-CN.md" in (ROOT / "README.md").read_text().split("\n## ")[0]
    for kind in ("setup", "test"):
        assert readme_command(kind) in zh, f"README.zh-CN.md lacks the {kind} command"
