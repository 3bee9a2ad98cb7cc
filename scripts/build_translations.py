"""Build the Chinese edition of the notebooks from the English ones and gettext catalogs.

    .venv/bin/python scripts/build_translations.py --update     # catalogs follow the English
    .venv/bin/python scripts/build_translations.py              # build and execute zh_CN/
    .venv/bin/python scripts/build_translations.py notebooks/01_*.ipynb
    .venv/bin/python scripts/build_translations.py --check      # stale entries, stale builds

One source: the English notebook. Its catalog ``notebooks/locale/zh_CN/NN_topic.po`` holds
one entry per Markdown cell (context "cell <id>", the cell's text as msgid) and one per
sentence a code cell prints through ``tr("…")``; the library's catalogs
``lessons_lib/locale/zh_CN/<family>.po`` hold every ``tr``/``fig_text``/``N_`` string of
``lessons_lib`` (panels, exercise feedback, verdicts). Edit them with any PO editor.

``--update`` re-reads the English: an entry whose cell changed keeps its translation but
is marked fuzzy, with the old English as ``#| msgid`` (a translator sees what changed); a
new cell or sentence gets an empty entry; an entry nothing uses any more becomes obsolete.
Building writes ``notebooks/zh_CN/NN_topic.ipynb``: the same cells, Markdown translated,
code identical, with one first code cell that sets the language
(``ll.set_language("zh_CN", catalog=…)``), then executes it in a fresh kernel like
``refresh_notebooks.py``. ``tests/test_translations.py`` fails when an entry is missing,
fuzzy or stale, or when a built notebook is not what this script would build.
"""

from __future__ import annotations

import argparse
import ast
import copy
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import polib

ROOT = Path(__file__).resolve().parents[1]
LANGUAGE = "zh_CN"
EN_DIR = ROOT / "notebooks"
ZH_DIR = EN_DIR / LANGUAGE
NOTEBOOK_LOCALE = EN_DIR / "locale" / LANGUAGE
LIBRARY = ROOT / "lessons_lib"
LIBRARY_LOCALE = LIBRARY / "locale" / LANGUAGE
# a lesson family is a module of lessons_lib/exercises (and its namesakes in experiments,
# plots and widgets): each family's strings get their own catalog, the rest go to "common"
FAMILIES = tuple(sorted(p.stem for p in (LIBRARY / "exercises").glob("[!_]*.py")))
LANGUAGE_CELL_ID = "set-language"
MARKERS = ("tr", "fig_text", "N_")
HEADER = {
    "Project-Id-Version": "Loss Lessons",
    "Language": LANGUAGE,
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}


def _refresh():
    spec = importlib.util.spec_from_file_location("refresh", ROOT / "scripts/refresh_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Message:
    """One string to translate: ``context`` is "cell <id>" for a Markdown cell, else None."""

    msgid: str
    context: str | None
    where: str


# -- reading the English --------------------------------------------------------------------


def english_notebooks() -> list[Path]:
    return sorted(EN_DIR.glob("[0-9][0-9]_*.ipynb"))


def catalog_path(notebook: Path) -> Path:
    return NOTEBOOK_LOCALE / f"{notebook.stem}.po"


def _code_tree(source: str) -> ast.AST | None:
    # IPython magics (%matplotlib widget) are not Python: blank them out
    text = "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()
    )
    try:
        return ast.parse(text)
    except SyntaxError:
        return None


def marked_strings(tree: ast.AST) -> list[tuple[str, int]]:
    """(text, line) of every tr/fig_text/N_ call whose first argument is a string literal."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            name = (
                node.func.id
                if isinstance(node.func, ast.Name)
                else getattr(node.func, "attr", None)
            )
            first = node.args[0]
            if name in MARKERS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append((first.value, node.lineno))
    return found


def notebook_messages(nb) -> list[Message]:
    """Every Markdown cell and every sentence a code cell prints through tr, in order."""
    out = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and cell.source.strip():
            out.append(Message(cell.source, f"cell {cell.id}", f"Markdown cell {i}"))
        elif cell.cell_type == "code":
            tree = _code_tree(cell.source)
            for text, _ in marked_strings(tree) if tree is not None else []:
                out.append(Message(text, None, f"code cell {i}"))
    return out


def library_catalog_name(path: Path) -> str:
    """The library catalog a module's strings go to: its family, or "common"."""
    rel = path.relative_to(LIBRARY)
    if len(rel.parts) == 2 and rel.stem in FAMILIES:
        return rel.stem
    if rel.parts[0] == "widgets" and rel.stem == "monitor":
        return "softmax"
    return "common"


def library_messages() -> dict[str, list[Message]]:
    """{catalog name: messages} for every marked string literal in lessons_lib."""
    out: dict[str, list[Message]] = {}
    for path in sorted(LIBRARY.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for text, line in marked_strings(tree):
            where = f"{path.relative_to(ROOT)}:{line}"
            out.setdefault(library_catalog_name(path), []).append(Message(text, None, where))
    return out


# -- catalogs -------------------------------------------------------------------------------


def load_catalog(path: Path) -> polib.POFile:
    if path.is_file():
        return polib.pofile(str(path), wrapwidth=0)
    po = polib.POFile(wrapwidth=0)
    po.metadata = dict(HEADER)
    return po


def merge(po: polib.POFile, messages: list[Message]) -> dict[str, int]:
    """Bring ``po`` in line with ``messages``; returns counts of what happened."""
    counts = {"new": 0, "changed": 0, "obsolete": 0, "kept": 0}
    by_context = {e.msgctxt: e for e in po if e.msgctxt and not e.obsolete}
    by_id = {e.msgid: e for e in po if not e.msgctxt and not e.obsolete}
    wanted = set()
    for m in messages:
        key = (m.context, None if m.context else m.msgid)
        if key in wanted:
            entry = by_context.get(m.context) if m.context else by_id.get(m.msgid)
            if entry is not None and m.where not in (entry.comment or ""):
                entry.comment = f"{entry.comment}; {m.where}" if entry.comment else m.where
            continue
        wanted.add(key)
        entry = by_context.get(m.context) if m.context else by_id.get(m.msgid)
        if entry is None:
            for old in po.obsolete_entries():  # a string that comes back keeps its translation
                if old.msgid == m.msgid and old.msgctxt == m.context:
                    old.obsolete, entry = False, old
                    break
        if entry is None:
            po.append(polib.POEntry(msgid=m.msgid, msgstr="", msgctxt=m.context, comment=m.where))
            counts["new"] += 1
            continue
        entry.comment = m.where
        if entry.msgid != m.msgid:  # the English changed: keep the old text for the translator
            entry.previous_msgid = entry.msgid
            entry.msgid = m.msgid
            if "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
            counts["changed"] += 1
        else:
            counts["kept"] += 1
    for e in po:
        key = (e.msgctxt, None if e.msgctxt else e.msgid)
        if not e.obsolete and key not in wanted:
            e.obsolete = True
            counts["obsolete"] += 1
    return counts


def _entry_text(e: polib.POEntry) -> str:
    return e.msgstr if e.msgstr and "fuzzy" not in e.flags else ""


def stale_entries(po: polib.POFile, messages: list[Message]) -> list[str]:
    """A line per message whose translation is missing, fuzzy or for other English."""
    problems = []
    by_context = {e.msgctxt: e for e in po if e.msgctxt and not e.obsolete}
    by_id = {e.msgid: e for e in po if not e.msgctxt and not e.obsolete}
    for m in messages:
        entry = by_context.get(m.context) if m.context else by_id.get(m.msgid)
        first = " ".join(m.msgid.split())[:60]
        if entry is None:
            problems.append(f"{m.where}: no entry for {first!r}")
        elif entry.msgid != m.msgid:
            problems.append(f"{m.where}: the English changed since it was translated ({first!r})")
        elif "fuzzy" in entry.flags:
            problems.append(f"{m.where}: marked fuzzy, the English changed ({first!r})")
        elif not entry.msgstr:
            problems.append(f"{m.where}: not translated yet ({first!r})")
    return problems


# -- building -------------------------------------------------------------------------------


def language_cell(notebook: Path):
    rel = f"../locale/{LANGUAGE}/{notebook.stem}.po"
    cell = nbformat.v4.new_code_cell(
        "import lessons_lib as ll\n\n"
        '# 本笔记本的中文版 · English: ll.set_language("en")\n'
        f'll.set_language("{LANGUAGE}", catalog="{rel}")'
    )
    cell.id = LANGUAGE_CELL_ID
    return cell


def build(notebook: Path) -> nbformat.NotebookNode:
    """The Chinese notebook for ``notebook``, not executed: Markdown from its catalog (the
    English where an entry is missing or stale), code identical, the language cell first."""
    nb = nbformat.read(notebook, as_version=4)
    po = load_catalog(catalog_path(notebook))
    translated = {
        e.msgctxt: e.msgstr for e in po if e.msgctxt and not e.obsolete and _entry_text(e)
    }
    source_of = {e.msgctxt: e.msgid for e in po if e.msgctxt and not e.obsolete}
    zh = copy.deepcopy(nb)
    for cell in zh.cells:
        key = f"cell {cell.id}"
        if cell.cell_type == "markdown" and key in translated and source_of[key] == cell.source:
            cell.source = translated[key]
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    first_code = next(i for i, c in enumerate(zh.cells) if c.cell_type == "code")
    zh.cells.insert(first_code, language_cell(notebook))
    zh.metadata["lessons_lib"] = {"language": LANGUAGE, "source": f"../{notebook.name}"}
    return zh


def built_path(notebook: Path) -> Path:
    return ZH_DIR / notebook.name


def same_sources(a, b) -> bool:
    """Whether two notebooks have the same cells (type, id, source), outputs aside."""
    cells = lambda nb: [(c.cell_type, c.get("id"), c.source) for c in nb.cells]  # noqa: E731
    return cells(a) == cells(b) and a.metadata.get("lessons_lib") == b.metadata.get("lessons_lib")


def update_catalogs() -> None:
    for notebook in english_notebooks():
        path = catalog_path(notebook)
        po = load_catalog(path)
        counts = merge(po, notebook_messages(nbformat.read(notebook, as_version=4)))
        path.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(path))
        print(f"{path.relative_to(ROOT)}: {counts}")
    for name, messages in library_messages().items():
        path = LIBRARY_LOCALE / f"{name}.po"
        po = load_catalog(path)
        counts = merge(po, messages)
        path.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(path))
        print(f"{path.relative_to(ROOT)}: {counts}")


def check() -> int:
    status = 0
    for notebook in english_notebooks():
        po = load_catalog(catalog_path(notebook))
        for line in stale_entries(po, notebook_messages(nbformat.read(notebook, as_version=4))):
            print(f"{notebook.name}: {line}")
            status = 1
        target = built_path(notebook)
        if not target.is_file() or not same_sources(build(notebook), nbformat.read(target, 4)):
            print(f"{target.relative_to(ROOT)}: not what the build makes (run this script)")
            status = 1
    for name, messages in library_messages().items():
        for line in stale_entries(load_catalog(LIBRARY_LOCALE / f"{name}.po"), messages):
            print(f"lessons_lib/locale/{LANGUAGE}/{name}.po: {line}")
            status = 1
    return status


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="English notebooks (default: all)")
    parser.add_argument("--update", action="store_true", help="merge the English into the catalogs")
    parser.add_argument("--check", action="store_true", help="report stale entries and builds")
    parser.add_argument("--no-execute", action="store_true", help="write without executing")
    args = parser.parse_args(argv)
    if args.update:
        update_catalogs()
        return 0
    if args.check:
        return check()
    refresh = _refresh()
    ZH_DIR.mkdir(parents=True, exist_ok=True)
    status = 0
    for notebook in args.paths or english_notebooks():
        notebook = notebook.resolve()
        target = built_path(notebook)
        nbformat.write(build(notebook), target)
        if args.no_execute:
            print(f"{target.relative_to(ROOT)}: written, not executed")
            continue
        seconds, found = refresh.refresh(target)
        print(f"{target.relative_to(ROOT)}: executed in {seconds:.1f} s")
        if found:
            status = 2
            for line in found:
                print(f"  WARNING: prints differently under other kernels: {line}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
