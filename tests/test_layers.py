"""The package's layers: each module imports only from its own layer or the ones below.

maths → trainers → experiments → plots → widgets, with exercises beside them (maths,
trainers and experiments, never plots or widgets: an exercise is judged without
ipywidgets), and nothing imports the tests, the benchmarks or the scripts.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lessons_lib"

LAYERS = {
    "base": 0,  # _checks, i18n
    "maths": 1,  # activations, information, gradcheck, datasets, losses
    "trainers": 2,  # training, _engine, neuron, network, linear
    "experiments": 3,
    "plots": 4,
    "widgets": 5,
    "exercises": 3,  # beside experiments: below plots and widgets
    "package": 6,  # lessons_lib/__init__.py
}
MODULE_LAYER = {
    "_checks": "base",
    "i18n": "base",
    "activations": "maths",
    "information": "maths",
    "gradcheck": "maths",
    "datasets": "maths",
    "losses": "maths",
    "training": "trainers",
    "_engine": "trainers",
    "neuron": "trainers",
    "network": "trainers",
    "linear": "trainers",
}


def layer_of(rel: Path) -> str:
    """The layer of a module given by its path inside lessons_lib."""
    if rel.parts[0] in ("experiments", "plots", "widgets", "exercises"):
        return rel.parts[0]
    if rel.name == "__init__.py":
        return "package"
    return MODULE_LAYER[rel.stem]


def imported(path: Path) -> list[tuple[str, int]]:
    """(dotted lessons_lib module, line) of every import of ``path``, relative or absolute."""
    rel = path.relative_to(PACKAGE)
    package = ["lessons_lib", *rel.parts[:-1]]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
                names = [name] if node.module else [f"{name}.{a.name}" for a in node.names]
            else:
                names = [node.module or ""]
            out += [(n, node.lineno) for n in names]
        elif isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
    return out


def target_layer(dotted: str) -> str | None:
    parts = dotted.split(".")
    if parts[0] != "lessons_lib" or len(parts) == 1:
        return None
    if parts[1] in ("experiments", "plots", "widgets", "exercises"):
        return parts[1]
    return MODULE_LAYER.get(parts[1])


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_down_the_layers(path):
    rel = path.relative_to(PACKAGE)
    mine = layer_of(rel)
    wrong = []
    for name, line in imported(path):
        top = name.split(".")[0]
        if top in ("tests", "benchmarks", "scripts", "labdriver"):
            wrong.append(f"line {line}: imports {name}")
        theirs = target_layer(name)
        if theirs is None:
            continue
        if mine == "exercises" and theirs in ("plots", "widgets"):
            wrong.append(f"line {line}: an exercise imports {name}")
        elif LAYERS[theirs] > LAYERS[mine]:
            wrong.append(f"line {line}: {mine} imports {name} ({theirs}, a higher layer)")
    assert not wrong, f"lessons_lib/{rel}:\n" + "\n".join(wrong)


def test_every_module_has_a_layer():
    for path in MODULES:
        layer_of(path.relative_to(PACKAGE))  # KeyError names a module with no layer
