"""The translation catalogue kept complete: every message a reader can see, found in the
package's code (_, N_, ngettext, pgettext), its templates, the authored pages and the notebook
templates' markdown, checked against the .po files of every language (`gaps`) and added to
them, untranslated, for translators (`update`, run by `make catalogue`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jupytext

from .i18n import LANGUAGE, LANGUAGES, LOCALE_DIR, SOURCE, catalogue, markdown_messages

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
DOMAINS = ("templates", "sentences", "views", "book", "pages")  # one .po file per domain in each language's folder
SENTENCE_MODULES = ("words", "verdicts", "assess", "units", "grading")
BOOK_MODULES = ("book_words", "site")  # the words of the book's scripts; the rest of the package: views


def python_domain(path: Path) -> str:
    return "sentences" if path.stem in SENTENCE_MODULES else "book" if path.stem in BOOK_MODULES else "views"


@dataclass(frozen=True)
class Message:
    id: str
    context: str | None
    domain: str
    where: str  # file:line of its first use

    @property
    def key(self):
        return (self.context, self.id) if self.context else self.id


def _python_messages() -> list[Message]:
    from babel.messages.extract import extract

    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in ("i18n.py", "catalogue.py"):
            continue
        with path.open("rb") as handle:
            for line, message, _comments, context in extract("python", handle, keywords=KEYWORDS):
                text = message[0] if isinstance(message, tuple) else message
                if text:
                    found.append(Message(text, context, python_domain(path), f"{path.relative_to(ROOT)}:{line}"))
    return found


def _template_messages() -> list[Message]:
    from babel.messages.extract import extract

    found = []
    for path in sorted((PACKAGE / "templates").glob("*.html")):
        with path.open("rb") as handle:
            for line, message, _comments, context in extract("jinja2.ext:babel_extract", handle, keywords=KEYWORDS,
                                                              options={"extensions": "jinja2.ext.i18n", "trim_blocks": "true",
                                                                       "lstrip_blocks": "true", "newstyle_gettext": "true"}):
                text = message[0] if isinstance(message, tuple) else message
                if text:
                    found.append(Message(text, context, "templates", f"{path.relative_to(ROOT)}:{line}"))
    return found


def authored_markdown() -> list[tuple[Path, str]]:
    """(file, markdown) of every page written by hand: book/*.md, pages/*.md, and the markdown
    cells of the notebook templates (the area template's first cell is replaced by the area's
    title and introduction from the data, so it is not a message)."""
    out = [(p, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "book").glob("*.md")) + sorted((ROOT / "pages").glob("*.md"))]
    for path in sorted((ROOT / "notebooks").glob("*.md")):
        cells = [c for c in jupytext.read(path).cells if c.cell_type == "markdown"]
        if path.stem == "area":
            cells = cells[1:]
        out += [(path, cell.source) for cell in cells]
    return out


def book_settings() -> list[tuple[str, str]]:
    """(file, text) of what the book's settings show readers: the title, the parts' captions."""
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [("_config.yml", config["title"])] + [("_toc.yml", part["caption"]) for part in toc["parts"]]


def _markdown_messages() -> list[Message]:
    return ([Message(block, None, "pages", str(path.relative_to(ROOT))) for path, text in authored_markdown()
             for block in markdown_messages(text)]
            + [Message(text, None, "pages", where) for where, text in book_settings()])


def messages() -> list[Message]:
    """Every message, once, in the order first found."""
    seen, out = set(), []
    for message in _python_messages() + _template_messages() + _markdown_messages():
        if message.key not in seen:
            seen.add(message.key)
            out.append(message)
    return out


def gaps(code: str) -> list[Message]:
    """The messages a reader would see without an entry in language `code`."""
    table = catalogue(code)
    return [m for m in messages() if m.key not in table]


def update() -> dict[str, int]:
    """Add every message without an entry to its domain's .po file, untranslated; keep what is
    there. Returns language -> number of messages added."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    added = {}
    for code in LANGUAGES:
        if code == SOURCE:
            continue
        folder = LOCALE_DIR / LANGUAGE[code].catalogue / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        count = 0
        for domain in DOMAINS:
            path = folder / f"{domain}.po"
            if path.exists():
                with path.open("rb") as handle:
                    po = read_po(handle, locale=LANGUAGE[code].catalogue)
            else:
                po = Catalog(locale=LANGUAGE[code].catalogue, domain=domain, project="plantrack", fuzzy=False,
                             creation_date=dt.datetime(2026, 11, 29, tzinfo=dt.timezone.utc))
            for message in messages():
                if message.domain == domain and po.get(message.id, message.context) is None:
                    po.add(message.id, "", locations=[(message.where.split(":")[0], int(message.where.split(":")[1]) if ":" in message.where else None)],
                           context=message.context)
                    count += 1
            with path.open("wb") as handle:
                write_po(handle, po, width=0, omit_header=False, include_previous=False)
        added[code] = count
        catalogue.cache_clear()
    return added


def main(argv: list[str]) -> int:
    """`update`: add the new messages to the .po files; `gaps [domain]`: list those without Chinese."""
    if argv[:1] == ["update"]:
        print(update())
        return 0
    if argv[:1] == ["gaps"]:
        missing = [m for m in gaps("zh") if len(argv) < 2 or m.domain == argv[1]]
        for m in missing:
            print(f"{m.domain}\t{m.where}\t{m.id[:100]!r}")
        print(f"{len(missing)} message(s) without a Chinese entry")
        return 1 if missing else 0
    print("usage: python -m plantrack.catalogue update | gaps [domain]")
    return 2


if __name__ == "__main__":
    import sys
    raise SystemExit(main(sys.argv[1:]))
