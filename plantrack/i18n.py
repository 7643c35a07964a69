"""The book's two languages: which language is being written, and the translation catalogue.

Every edition is written in English and in simplified Chinese from one execution: a notebook
renders each display once per language (`bilingual`), and the build gives each language's book
the outputs of that language (`localize_notebook`). Fixed words and sentence templates are
gettext messages whose msgid is the English text; their Chinese lives in the .po files of
plantrack/locale/zh_CN/LC_MESSAGES/ (one file per domain: templates, sentences, pages), read
with Babel. Authored pages and the notebooks' markdown cells are translated block by block
(`translate_markdown`), a block being the msgid. `catalogue_gaps` lists every message a reader
would see without a Chinese entry; the tests fail on any.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

LANGUAGES = ("en", "zh")  # the first is the source language, in which msgids are written
SOURCE = LANGUAGES[0]


@dataclass(frozen=True)
class Language:
    code: str
    html_lang: str  # the pages' lang attribute
    sphinx: str  # Sphinx's `language`: its own labels and its search (zh: jieba)
    folder: str  # where the language's book sits inside an edition ('' = the edition's root)
    name: str  # the language's name in itself, for the language switch
    catalogue: str  # folder under locale/ ('' for the source language)
    english_name: str = ""  # its name in English, the msgid of its name in other languages


LANGUAGE = {
    "en": Language("en", "en", "en", "", "English", "", "English"),
    "zh": Language("zh", "zh-CN", "zh_CN", "zh", "中文", "zh_CN", "Chinese"),
}
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
OUTPUT_MIME = "application/vnd.plantrack.{code}+html"  # a display's rendering in a language other than the source

_current: ContextVar[str] = ContextVar("plantrack_language", default=SOURCE)


def current() -> str:
    return _current.get()


@contextmanager
def language(code: str) -> Iterator[None]:
    """Write in `code` inside the block (gettext, number formats, templates)."""
    if code not in LANGUAGE:
        raise ValueError(f"language {code!r}: expected one of {', '.join(LANGUAGES)}")
    token = _current.set(code)
    try:
        yield
    finally:
        _current.reset(token)


@lru_cache(maxsize=None)
def catalogue(code: str) -> dict:
    """msgid (or (msgctxt, msgid)) -> msgstr, from every .po file of the language; fuzzy and
    empty entries are not translations."""
    from babel.messages.pofile import read_po

    found: dict = {}
    folder = LOCALE_DIR / LANGUAGE[code].catalogue / "LC_MESSAGES"
    for path in sorted(folder.glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle):
                if not message.id or message.fuzzy:
                    continue
                text = message.string[0] if isinstance(message.string, (tuple, list)) else message.string
                if not text:
                    continue
                key_id = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
                found[(message.context, key_id) if message.context else key_id] = text
    return found


class MissingTranslation(KeyError):
    pass


def gettext(message: str) -> str:
    code = current()
    if code == SOURCE:
        return message
    try:
        return catalogue(code)[message]
    except KeyError:
        raise MissingTranslation(f"no {code} entry in {LOCALE_DIR / LANGUAGE[code].catalogue} for {message!r}") from None


def pgettext(context: str, message: str) -> str:
    code = current()
    if code == SOURCE:
        return message
    try:
        return catalogue(code)[(context, message)]
    except KeyError:
        raise MissingTranslation(f"no {code} entry (context {context!r}) for {message!r}") from None


def ngettext(singular: str, plural: str, n: int) -> str:
    """English chooses by n; Chinese has one form, the msgstr of the singular."""
    if current() == SOURCE:
        return singular if n == 1 else plural
    return gettext(singular)


_ = gettext


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined (a table of words); it is
    translated where it is shown, with _()."""
    return message


def local(item, field: str):
    """A data field in the page's language: `<field>_zh` in Chinese, `<field>_en` (or `<field>`)
    in English. item: a registry entry, a named tuple or a dict. A Chinese page never shows
    English data text in its place: MissingTranslation names the entry and the field."""
    def get(name):
        return item.get(name) if isinstance(item, dict) else getattr(item, name, None)

    english = get(f"{field}_{SOURCE}")
    if english is None:
        english = get(field)
    code = current()
    if code == SOURCE or english is None or (isinstance(english, str) and not english.strip()):
        return english
    value = get(f"{field}_{code}")
    if value is None or (isinstance(value, str) and not value.strip()) or value != value:  # NaN: an empty CSV cell
        entry = get("id") or get("record_id") or get("target_id") or get("source_id") or ""
        raise MissingTranslation(f"{type(item).__name__} {entry}: no {field}_{code} for {str(english)[:60]!r}")
    return value


def bilingual(render: Callable[[], object]) -> dict[str, str]:
    """What `render` writes in each language, as a display bundle: the source language under
    text/html, every other under its own MIME type (the build swaps it in for that book)."""
    bundle = {}
    for code in LANGUAGES:
        with language(code):
            html = str(render())
        bundle["text/html" if code == SOURCE else OUTPUT_MIME.format(code=code)] = html
    return bundle


# --------------------------------------------------------------------------- markdown blocks

_FENCE = re.compile(r"^(`{3,}|~{3,})")
_KEPT_LINE = re.compile(r"^(\{\{.*\}\}|\([\w.-]+\)=|<!--.*-->)$")  # a Jinja placeholder, a MyST label, a comment


def markdown_blocks(text: str) -> list[tuple[bool, str]]:
    """The text as (translatable, part) pairs; joined again they give back the text. A
    translatable part is a heading, a paragraph, a list item or a table; front matter, code,
    directive fences and their options, labels, placeholders and blank lines are kept as they
    are (a colon directive's body is prose, and is translated)."""
    lines = text.splitlines(keepends=True)
    out: list[tuple[bool, str]] = []
    i = 0
    if lines and lines[0].strip() == "---":
        end = next((k for k in range(1, len(lines)) if lines[k].strip() == "---"), None)
        if end is not None:
            out.append((False, "".join(lines[:end + 1])))
            i = end + 1
    while i < len(lines):
        stripped = lines[i].strip()
        fence = _FENCE.match(stripped)
        if not stripped or _KEPT_LINE.match(stripped):
            out.append((False, lines[i]))
            i += 1
        elif fence:  # code, or a directive written with backticks: kept whole
            close = next((k for k in range(i + 1, len(lines)) if lines[k].strip() == fence.group(1)), len(lines) - 1)
            out.append((False, "".join(lines[i:close + 1])))
            i = close + 1
        elif stripped.startswith(":::"):
            out.append((False, lines[i]))
            i += 1
            while i < len(lines) and re.match(r"^:\w[\w-]*:", lines[i].strip()):
                out.append((False, lines[i]))
                i += 1
        else:
            start, i = i, i + 1
            if not stripped.startswith("#"):
                while i < len(lines) and lines[i].strip() and not _opens_block(lines[i]):
                    i += 1
            block = "".join(lines[start:i])
            body = block.rstrip("\n")
            out.append((True, body))
            if block[len(body):]:
                out.append((False, block[len(body):]))
    return out


def _opens_block(line: str) -> bool:
    stripped = line.lstrip()
    return (stripped.startswith(("#", ":::")) or bool(_FENCE.match(stripped))
            or bool(re.match(r"^([-*+]|\d+\.)\s", stripped)) and not line.startswith((" ", "\t")))


def translate_markdown(text: str, code: str, where: str = "") -> str:
    """The markdown in language `code`, every block from the catalogue (MissingTranslation names
    the block and `where` it comes from when one has no entry)."""
    if code == SOURCE:
        return text
    table = catalogue(code)
    parts = []
    for translatable, block in markdown_blocks(text):
        if not translatable:
            parts.append(block)
            continue
        try:
            parts.append(table[block])
        except KeyError:
            raise MissingTranslation(f"{where}: no {code} entry for the block {block[:80]!r}") from None
    return "".join(parts)


def markdown_messages(text: str) -> list[str]:
    return [block for translatable, block in markdown_blocks(text) if translatable]


class Bilingual:
    """A display written in every language: Jupyter shows the source language (text/html) and
    keeps the others in the same output, under their own MIME types. `data` is the source
    language's HTML, as IPython's HTML object has it."""

    def __init__(self, render: Callable[[], object]):
        self.bundle = bilingual(render)

    @property
    def data(self) -> str:
        return self.bundle["text/html"]

    def in_language(self, code: str) -> str:
        return self.bundle["text/html" if code == SOURCE else OUTPUT_MIME.format(code=code)]

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.bundle
