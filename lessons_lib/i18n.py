"""The language of everything the suite prints and draws: English, or Chinese (zh_CN).

Every learner-facing string goes through :func:`tr` with its English text as the key (a
gettext ``msgid``) and named fields filled in by ``str.format``::

    print(tr("relative error of σ′: {err:.1e}", err=err))

In English that is the text itself; after ``set_language("zh_CN")`` it is the translation
found in a gettext catalog (``.po``): the library's own in ``lessons_lib/locale/zh_CN/``
(panels, exercise feedback, verdicts), a notebook's in the ``catalog`` file the Chinese
edition names (its printed sentences). Text on a figure goes through :func:`fig_text`,
which stays English unless matplotlib has a font with Chinese glyphs, so a figure never
shows empty boxes. A string without a translation falls back to English.
"""

from __future__ import annotations

import functools
from pathlib import Path

__all__ = [
    "LANGUAGES",
    "set_language",
    "get_language",
    "tr",
    "N_",
    "fig_text",
    "cjk_font",
    "read_catalog",
    "missing",
]

LANGUAGES = ("en", "zh_CN")
LOCALE_DIR = Path(__file__).resolve().with_name("locale")
# fonts with Chinese glyphs that matplotlib may find, best first
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
)

_state = {"language": "en", "messages": {}, "missing": set()}


def read_catalog(path) -> dict[str, str]:
    """{msgid: msgstr} of the translated, not fuzzy entries of a gettext catalog."""
    import polib

    return {
        e.msgid: e.msgstr
        for e in polib.pofile(str(path))
        if e.msgstr and not e.fuzzy and not e.obsolete
    }


def set_language(language: str, *, catalog=None) -> None:
    """Print and draw in ``language`` ("en" or "zh_CN") from now on.

    ``catalog``: a notebook's own ``.po`` file (or several), for the sentences its cells
    print; the library's catalogs are always read. The Chinese edition of each notebook
    calls this in its first cell.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language: expected one of {LANGUAGES}, got {language!r}")
    messages: dict[str, str] = {}
    if language != "en":
        for path in sorted((LOCALE_DIR / language).glob("*.po")):
            messages.update(read_catalog(path))
        extra = (
            [] if catalog is None else [catalog] if isinstance(catalog, (str, Path)) else catalog
        )
        for path in extra:
            path = Path(path)
            if not path.is_file():
                raise FileNotFoundError(f"catalog: no file {path} (from {Path.cwd()})")
            messages.update(read_catalog(path))
    _state.update(language=language, messages=messages, missing=set())
    _use_font_for(language)


def _use_font_for(language: str) -> None:
    """Every figure made from now on draws Chinese with a font that has its glyphs: the
    CJK font first (a label mixing Chinese and ``$maths$`` is drawn by mathtext, whose
    plain text uses the first family only), DejaVu Sans after it for the symbols it lacks.
    Back to English, matplotlib's family as it was before. Without a CJK font nothing
    changes (``fig_text`` keeps figure text English then)."""
    import matplotlib as mpl

    saved = _state.setdefault("font_family", list(mpl.rcParams["font.family"]))
    font = cjk_font() if language != "en" else None
    mpl.rcParams["font.family"] = [font, "DejaVu Sans"] if font else saved


def get_language() -> str:
    """The language set by :func:`set_language` ("en" until then)."""
    return _state["language"]


def tr(message: str, /, **values) -> str:
    """``message`` in the current language, with its {fields} filled from ``values``."""
    text = _state["messages"].get(message)
    if text is None:
        text = message
        if _state["language"] != "en":
            _state["missing"].add(message)  # see missing(): the tests list them
    return text.format(**values) if values else text


def N_(message: str) -> str:
    """Mark a string for translation where it is defined (a label in a table) without
    translating it there: the code passes it to :func:`tr` where it is shown."""
    return message


def missing() -> set[str]:
    """The messages :func:`tr` was asked for since the language was set, and had no
    translation for (a stale or incomplete catalog)."""
    return set(_state["missing"])


@functools.cache
def cjk_font() -> str | None:
    """The name of a font with Chinese glyphs that matplotlib can use, or None."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in names), None)


def fig_text(message: str, /, **values) -> str:
    """Like :func:`tr`, for text drawn on a figure: English when no font with Chinese
    glyphs is installed (matplotlib would draw boxes)."""
    if _state["language"] != "en" and cjk_font() is None:
        return message.format(**values) if values else message
    return tr(message, **values)
