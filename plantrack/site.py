"""The site that holds every published edition: switcher.json, latest/ and the root page."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from .edition import edition_order


def editions(site: Path) -> list[str]:
    """Published editions, oldest first (natural order of their names: 2026.9 before 2026.11)."""
    names = [p.name for p in site.iterdir() if p.is_dir() and not p.name.startswith(".") and p.name != "latest"
             and (p / "manifest.json").exists()]
    return sorted(names, key=edition_order)


def _redirect(url: str) -> str:
    href = escape(url, quote=True)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Redirecting</title>'
            f'<meta http-equiv="refresh" content="0; url={href}"><link rel="canonical" href="{href}"></head>'
            f'<body><p>The latest edition is at <a href="{href}">{href}</a>.</p></body></html>\n')


def site_index(names: list[str]) -> dict[str, str]:
    """The site's own files for these published editions (oldest first): path in the site -> text."""
    latest = names[-1]
    switcher = [{"name": f"{n} (latest)" if n == latest else n, "version": n, "url": f"/{n}/", **({"preferred": True} if n == latest else {})}
                for n in reversed(names)]
    return {"switcher.json": json.dumps(switcher, indent=2) + "\n",
            "latest/index.html": _redirect(f"../{latest}/"),
            "index.html": _redirect(f"{latest}/")}


def refresh_site_index(site: Path) -> None:
    """Write the site index for the editions published now, each file replaced in one rename."""
    names = editions(site)
    if not names:
        return
    for name, text in site_index(names).items():
        target = site / name
        target.parent.mkdir(exist_ok=True)
        temporary = target.with_name(f".{target.name}.incoming")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
