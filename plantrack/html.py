"""HTML from Jinja2 templates (plantrack/templates/) with autoescaping: text from data/ is
escaped by the template engine, never by hand."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import i18n, words

TEMPLATES = Path(__file__).resolve().parent / "templates"
_ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                   undefined=StrictUndefined, extensions=["jinja2.ext.i18n"])
# newstyle: {{ _("%(n)s targets", n=n) }} formats after translating, and escapes the arguments
_ENV.install_gettext_callables(gettext=i18n.gettext, ngettext=i18n.ngettext, pgettext=i18n.pgettext, newstyle=True)
_ENV.globals.update(local=i18n.local, search_summary=words.search_summary, html_lang=words.html_lang, need_words=words.NEED_WORDS,
                    outcome_words=words.OUTCOME_WORDS, language_words=words.LANGUAGE_WORDS)


def render(template: str, **context) -> Markup:
    """The template's HTML without blank lines: a blank line would end a raw HTML block in MyST."""
    text = _ENV.get_template(template).render(**context)
    return Markup("\n".join(line for line in text.splitlines() if line.strip()))


def macro(name: str):
    """A macro of parts.html (badge, link, table), for Python code that builds a cell."""
    return getattr(_ENV.get_template("parts.html").module, name)
