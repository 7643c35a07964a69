"""HTML from Jinja2 templates (plantrack/templates/) with autoescaping: text from data/ is
escaped by the template engine, never by hand. Templates write in the page's language
(i18n.current()): fixed words through gettext, data text through `local`, and a lang attribute
only on text in another language than the page's (`lang_of`)."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import i18n, words

TEMPLATES = Path(__file__).resolve().parent / "templates"
_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}")


def lang_of(code, text=None) -> Markup:
    """' lang="…"' for text written in language `code` (a data code: zh, en, zh-hans …) when the
    page is written in another language; '' when the text is in the page's language. text: the
    text itself, where `code` is its source's language but the text may be our own rendering (an
    untitled page described in words): Chinese-language text without a Chinese character is not
    Chinese, English-language text with one is not English, and text that mixes Chinese with
    English words ('untitled page (…)') is not marked as either."""
    if not code:
        return Markup("")
    tag = words.html_lang(str(code))
    primary, _, script = tag.partition("-")
    if text is not None:
        chinese = bool(_CHINESE.search(str(text)))
        if chinese and _ENGLISH_WORDS.search(str(text)):
            return Markup("")
        if primary == "zh" and not chinese:
            tag, primary, script = "en", "en", ""
        elif primary == "en" and chinese:
            tag, primary, script = "zh", "zh", ""
    page = i18n.LANGUAGE[i18n.current()].html_lang.split("-")[0]
    same = primary.lower() == page.lower() and (not script or (page == "zh" and script.lower() == "hans"))
    return Markup("") if same else Markup(' lang="%s"') % tag


_ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                   undefined=StrictUndefined, extensions=["jinja2.ext.i18n"])
# newstyle: {{ _("%(n)s targets", n=n) }} formats after translating, and escapes the arguments
_ENV.install_gettext_callables(gettext=i18n.gettext, ngettext=i18n.ngettext, pgettext=i18n.pgettext, newstyle=True)
# the tables of words.py hold English; a template shows a value with _(), in the page's language
_ENV.globals.update(local=i18n.local, lang_of=lang_of, join_sentences=words.paragraph, search_summary=words.search_summary,
                    need_words=words.NEED_WORDS, outcome_words=words.OUTCOME_WORDS, language_words=words.LANGUAGE_WORDS)


def render(template: str, **context) -> Markup:
    """The template's HTML without blank lines: a blank line would end a raw HTML block in MyST."""
    text = _ENV.get_template(template).render(**context)
    return Markup("\n".join(line for line in text.splitlines() if line.strip()))


def macro(name: str):
    """A macro of parts.html (badge, link, table), for Python code that builds a cell."""
    return getattr(_ENV.get_template("parts.html").module, name)
