"""The Chinese edition is built from the English notebooks and gettext catalogs, and cannot
silently go stale: an English cell edited without its translation fails here (naming the
notebook and the cell), as does a built notebook that differs from what the build makes,
a code cell that differs between the editions, or a translation that changes a formula."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import warnings
from pathlib import Path

import nbformat
import numpy as np
import pytest

from lessons_lib import i18n

ROOT = Path(__file__).resolve().parents[1]


def _build_script():
    name = "build_translations"
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts/build_translations.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


B = _build_script()
ENGLISH = B.english_notebooks()
NAMES = [p.name for p in ENGLISH]


def _ids(name: str) -> str:
    return name.removesuffix(".ipynb")


def test_every_notebook_has_a_catalog_and_a_chinese_edition():
    assert len(ENGLISH) >= 10
    for path in ENGLISH:
        assert B.catalog_path(path).is_file(), f"no catalog for {path.name}"
        assert B.built_path(path).is_file(), f"no Chinese edition of {path.name}"
    assert sorted(p.name for p in B.ZH_DIR.glob("[0-9][0-9]_*.ipynb")) == NAMES


@pytest.mark.parametrize("name", NAMES, ids=_ids)
def test_every_cell_and_printed_sentence_is_translated_and_current(name):
    path = B.EN_DIR / name
    po = B.load_catalog(B.catalog_path(path))
    stale = B.stale_entries(po, B.notebook_messages(nbformat.read(path, as_version=4)))
    assert not stale, f"{name}: the Chinese edition is out of date:\n" + "\n".join(stale)


def test_every_library_string_is_translated_and_current():
    stale = []
    for catalog, messages in B.library_messages().items():
        po = B.load_catalog(B.LIBRARY_LOCALE / f"{catalog}.po")
        stale += [f"{catalog}.po: {line}" for line in B.stale_entries(po, messages)]
    assert not stale, "\n".join(stale)


@pytest.mark.parametrize("name", NAMES, ids=_ids)
def test_the_built_notebook_is_what_the_build_makes(name):
    english = B.EN_DIR / name
    built = nbformat.read(B.built_path(english), as_version=4)
    assert B.same_sources(B.build(english), built), (
        f"notebooks/zh_CN/{name} differs from what scripts/build_translations.py makes: "
        "run it (after --update and translating)"
    )
    assert all(c.get("execution_count") for c in built.cells if c.cell_type == "code"), (
        f"notebooks/zh_CN/{name} is not executed"
    )


@pytest.mark.parametrize("name", NAMES, ids=_ids)
def test_code_cells_are_the_same_in_both_editions(name):
    english = nbformat.read(B.EN_DIR / name, as_version=4)
    chinese = nbformat.read(B.ZH_DIR / name, as_version=4)
    zh_code = [c.source for c in chinese.cells if c.cell_type == "code"]
    en_code = [c.source for c in english.cells if c.cell_type == "code"]
    assert zh_code[0] == B.language_cell(B.EN_DIR / name).source  # the one cell the build adds
    assert zh_code[1:] == en_code


MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$", re.S)
CODE = re.compile(r"`[^`\n]+`")
LINK = re.compile(r"\]\(([^)\s]+)\)")
FIELD = re.compile(r"\{(\w+)[^{}]*\}")


def _translated_entries():
    for po_path in sorted(B.NOTEBOOK_LOCALE.glob("*.po")) + sorted(B.LIBRARY_LOCALE.glob("*.po")):
        for e in B.load_catalog(po_path):
            if e.msgstr and not e.obsolete:
                yield po_path.name, e


def test_translations_keep_formulas_code_links_and_fields():
    """Formulas, code, link targets and format fields are the same in both languages."""
    wrong = []
    for catalog, e in _translated_entries():
        where = f"{catalog} ({e.msgctxt or ' '.join(e.msgid.split())[:40]})"
        for what, pattern in (("formulas", MATH), ("code", CODE), ("links", LINK)):
            if sorted(pattern.findall(e.msgid)) != sorted(pattern.findall(e.msgstr)):
                missing = set(pattern.findall(e.msgid)) ^ set(pattern.findall(e.msgstr))
                wrong.append(f"{where}: {what} differ: {sorted(missing)[:3]}")
        if not e.msgctxt and set(FIELD.findall(e.msgid)) != set(FIELD.findall(e.msgstr)):
            wrong.append(f"{where}: fields differ")
    assert not wrong, "\n".join(wrong)


def test_a_changed_english_cell_is_reported_until_it_is_translated(tmp_path, monkeypatch):
    """The staleness check itself: edit a Markdown cell of a copy of notebook 01 and its
    catalog entry becomes fuzzy (keeping the old text for the translator), the check names
    the notebook's cell, and the build falls back to the English for that cell."""
    english = tmp_path / "notebooks"
    english.mkdir()
    shutil.copy(B.EN_DIR / NAMES[0], english / NAMES[0])
    locale = english / "locale" / "zh_CN"
    locale.mkdir(parents=True)
    shutil.copy(B.catalog_path(B.EN_DIR / NAMES[0]), locale / f"{Path(NAMES[0]).stem}.po")
    monkeypatch.setattr(B, "EN_DIR", english)
    monkeypatch.setattr(B, "NOTEBOOK_LOCALE", locale)
    path = english / NAMES[0]
    nb = nbformat.read(path, as_version=4)
    k = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and i > 0)
    nb.cells[k].source += "\n\nA sentence added in English."
    nbformat.write(nb, path)
    po = B.load_catalog(B.catalog_path(path))
    assert B.merge(po, B.notebook_messages(nb))["changed"] == 1
    entry = next(e for e in po if e.msgctxt == f"cell {nb.cells[k].id}")
    assert "fuzzy" in entry.flags and entry.previous_msgid and entry.msgstr
    stale = B.stale_entries(po, B.notebook_messages(nb))
    assert len(stale) == 1 and stale[0].startswith(f"Markdown cell {k}: marked fuzzy")
    built = {c.id: c.source for c in B.build(path).cells}
    assert built[nb.cells[k].id] == nb.cells[k].source  # English until translated


@pytest.fixture
def chinese():
    i18n.set_language("zh_CN")
    try:
        yield
    finally:
        i18n.set_language("en")


def test_panels_and_checks_show_only_translated_text(chinese):
    """Every string a panel or an exercise check shows in Chinese has a translation (what
    tr() is asked for at run time, including labels built from tables)."""
    from lessons_lib import exercises
    from lessons_lib.widgets import all_panels

    for cls in all_panels().values():
        panel = cls()
        panel.caption()
        panel.close()
    for name in exercises.__all__:
        if name.startswith("check_"):
            getattr(exercises, name)(...)
    assert not i18n.missing(), "no translation for:\n" + "\n".join(sorted(i18n.missing()))


def test_figures_speak_chinese_when_a_font_has_the_glyphs(chinese):
    if i18n.cjk_font() is None:
        pytest.skip("no font with Chinese glyphs here (apt install fonts-noto-cjk)")
    from lessons_lib.widgets import NeuronPanel

    assert i18n.fig_text("epoch") != "epoch"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" would fail here
        panel = NeuronPanel()
        panel.fig.canvas.draw()
    texts = " ".join(t.get_text() for ax in panel.fig.axes for t in (ax.xaxis.label, ax.title))
    assert re.search(r"[\u4e00-\u9fff]", texts)


def test_figures_stay_english_without_such_a_font(chinese, monkeypatch):
    monkeypatch.setattr(i18n, "cjk_font", lambda: None)
    from lessons_lib.widgets import NeuronPanel

    assert i18n.fig_text("epoch") == "epoch"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no glyph is missing: no boxes
        panel = NeuronPanel()
        panel.fig.canvas.draw()
    texts = " ".join(t.get_text() for ax in panel.fig.axes for t in (ax.xaxis.label, ax.title))
    assert not re.search(r"[\u4e00-\u9fff]", texts)
    assert re.search(r"[\u4e00-\u9fff]", panel.readout.value)  # the readout is HTML: Chinese
    assert np.isfinite(panel.run.a[-1])


def test_every_translated_figure_label_has_its_glyphs(chinese, caplog):
    """Chinese text mixed with $maths$ is drawn by mathtext, whose plain text uses the first
    font of the family only: plots.style puts the CJK font first in the Chinese edition, and
    every translated string with a formula must then draw without a missing glyph (boxes)."""
    if i18n.cjk_font() is None:
        pytest.skip("no font with Chinese glyphs here (apt install fonts-noto-cjk)")
    import logging

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from lessons_lib.plots.style import styled

    def fill(text):  # format fields → a digit, outside the formulas only
        parts = MATH.split(text)
        maths = [*MATH.findall(text), ""]
        return "".join(FIELD.sub("1", p) + m for p, m in zip(parts, maths, strict=True))

    texts = [
        fill(e.msgstr)
        for _, e in _translated_entries()
        if not e.msgctxt and "$" in e.msgstr and re.search(r"[\u4e00-\u9fff]", e.msgstr)
    ]
    assert texts
    caplog.set_level(logging.WARNING, logger="matplotlib")
    with styled(), warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = Figure(figsize=(8, 0.3 * len(texts)))
        for k, text in enumerate(texts):
            fig.text(0.01, 1 - (k + 0.5) / len(texts), text)
        FigureCanvasAgg(fig).draw()
    missing = [r.getMessage() for r in caplog.records if "glyph" in r.getMessage()]
    assert not missing, "\n".join(missing[:10])


@pytest.mark.parametrize("name", NAMES, ids=_ids)
def test_stored_outputs_carry_no_warning(name):
    """Neither edition stored anything on stderr: a figure whose text lacks glyphs (boxes)
    warns there, and so would any other problem a reader should not see."""
    for path in (B.EN_DIR / name, B.ZH_DIR / name):
        nb = nbformat.read(path, as_version=4)
        warned = [
            f"cell {i}: {''.join(o.text)[:200]}"
            for i, c in enumerate(nb.cells)
            for o in c.get("outputs", [])
            if o.output_type == "stream" and o.name == "stderr"
        ]
        assert not warned, f"{path.relative_to(ROOT)}:\n" + "\n".join(warned)


def test_the_language_sets_the_figure_font():
    """set_language("zh_CN") makes every new figure use the CJK font first (static figures
    are made outside plots.style.styled too); "en" restores matplotlib's family."""
    import matplotlib as mpl

    before = list(mpl.rcParams["font.family"])
    try:
        i18n.set_language("zh_CN")
        font = i18n.cjk_font()
        expected = [font, "DejaVu Sans"] if font else before
        assert list(mpl.rcParams["font.family"]) == expected
    finally:
        i18n.set_language("en")
    assert list(mpl.rcParams["font.family"]) == before
