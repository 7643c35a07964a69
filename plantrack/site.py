"""The site that holds every published edition: one edition switcher list per language, latest/
in each language, and the root page where a first-time reader chooses a language."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from .edition import edition_order
from .i18n import LANGUAGE, LANGUAGES, SOURCE, _, language


def editions(site: Path) -> list[str]:
    """Published editions, oldest first (natural order of their names: 2026.9 before 2026.11)."""
    names = [p.name for p in site.iterdir() if p.is_dir() and not p.name.startswith(".") and p.name != "latest"
             and (p / "manifest.json").exists()]
    return sorted(names, key=edition_order)


def languages_of(edition: Path) -> list[str]:
    """The languages the edition in this folder is published in (editions built before the
    Chinese book existed have English only)."""
    return [code for code in LANGUAGES if (edition / LANGUAGE[code].folder / "index.html").is_file()]


def _redirect(url: str, code: str = SOURCE) -> str:
    href = escape(url, quote=True)
    with language(code):
        text = _("The latest edition is at {address}.").format(address=f'<a href="{href}">{href}</a>')
    return (f'<!DOCTYPE html><html lang="{LANGUAGE[code].html_lang}"><head><meta charset="utf-8"><title>{escape(_redirect_title(code))}</title>'
            f'<meta http-equiv="refresh" content="0; url={href}"><link rel="canonical" href="{href}"></head>'
            f'<body><p>{text}</p></body></html>\n')


def _redirect_title(code: str) -> str:
    with language(code):
        return _("Redirecting")


def _chooser(latest: str, codes: list[str]) -> str:
    """The site's root: the report's title and the latest edition in each language, each in its
    own language, so that a reader who reads only one finds it."""
    items, titles, choose = [], [], []
    for code in codes:
        lang = LANGUAGE[code]
        with language(code):
            title, read = _("Zhejiang \"Internet+\" Action Plan tracker"), _("Read the latest edition ({edition}) in {language}")
            choose.append(_("Choose a language"))
        titles.append(title)
        href = escape(f"latest/{lang.folder + '/' if lang.folder else ''}", quote=True)
        items.append(f'<li lang="{lang.html_lang}"><a href="{href}" hreflang="{lang.html_lang}"><strong>{escape(title)}</strong><br>'
                     f'{escape(read.format(edition=latest, language=lang.name))}</a></li>')
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(" · ".join(titles))}</title>'
            '<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}'
            'ul{list-style:none;padding:0}li{margin:1rem 0}a{display:block;padding:1rem;border:1px solid #888;border-radius:.5rem;'
            'color:inherit;text-decoration:none}a:hover,a:focus{background:#eef}</style></head>'
            f'<body><main><h1>{escape(" · ".join(choose))}</h1><ul>{"".join(items)}</ul></main></body></html>\n')


def site_index(names: list[str], languages: dict[str, list[str]] | None = None) -> dict[str, str]:
    """The site's own files for these published editions (oldest first): path in the site -> text.
    languages: edition -> the languages it is published in (default: every language)."""
    languages = languages or {}
    latest = names[-1]
    latest_codes = languages.get(latest, list(LANGUAGES))
    files = {"index.html": _chooser(latest, latest_codes)}
    for code in LANGUAGES:
        folder = LANGUAGE[code].folder
        published = [n for n in names if code in languages.get(n, LANGUAGES)]
        if not published:
            continue
        newest = published[-1]
        suffix = f"{folder}/" if folder else ""
        with language(code):
            latest_name = _("{edition} (latest)").format(edition=newest)
        switcher = [{"name": latest_name if n == newest else n, "version": n, "url": f"/{n}/{suffix}",
                     **({"preferred": True} if n == newest else {})} for n in reversed(published)]
        files["switcher.json" if code == SOURCE else f"switcher.{code}.json"] = json.dumps(switcher, indent=2, ensure_ascii=False) + "\n"
        files[f"latest/{suffix}index.html"] = _redirect(f"{'../' * (2 if folder else 1)}{newest}/{suffix}", code)
    return files


def refresh_site_index(site: Path) -> None:
    """Write the site index for the editions published now, each file replaced in one rename."""
    names = editions(site)
    if not names:
        return
    for name, text in site_index(names, {n: languages_of(site / n) for n in names}).items():
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.incoming")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
