"""The JavaScript that runs in the page: one function per file in ``js/``, read once at import.

``js("snapshot")`` is the text of ``js/snapshot.js``, ready for Playwright's ``evaluate`` and
``wait_for_function`` (a function expression, called with the argument) or
``add_init_script`` (a script). Each file starts with a one-line ``//`` comment saying what
it does. A file may inline another with the marker ``/*js:name*/``: it is replaced by that
file's code (without its comment line).
"""

from __future__ import annotations

import re
from pathlib import Path

JS_DIR = Path(__file__).resolve().with_name("js")
_INCLUDE = re.compile(r"/\*js:(\w+)\*/")


def _load() -> dict[str, str]:
    raw = {path.stem: path.read_text(encoding="utf-8") for path in sorted(JS_DIR.glob("*.js"))}
    for name, text in raw.items():
        if not text.startswith("// "):
            raise ValueError(f"{JS_DIR / name}.js must start with a one-line // comment")

    def code(name: str) -> str:
        return raw[name].split("\n", 1)[1].strip()

    return {name: _INCLUDE.sub(lambda m: code(m.group(1)), text) for name, text in raw.items()}


_SOURCES = _load()


def js(name: str) -> str:
    """The source of ``js/<name>.js``."""
    try:
        return _SOURCES[name]
    except KeyError:
        raise KeyError(f"no {name}.js in {JS_DIR} (there are: {', '.join(_SOURCES)})") from None
