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


def refresh_site_index(site: Path) -> None:
    names = editions(site)
    if not names:
        return
    latest = names[-1]
    switcher = [{"name": f"{n} (latest)" if n == latest else n, "version": n, "url": f"/{n}/", **({"preferred": True} if n == latest else {})}
                for n in reversed(names)]
    (site / "switcher.json").write_text(json.dumps(switcher, indent=2) + "\n", encoding="utf-8")
    (site / "latest").mkdir(exist_ok=True)
    (site / "latest" / "index.html").write_text(_redirect(f"../{latest}/"), encoding="utf-8")
    (site / "index.html").write_text(_redirect(f"{latest}/"), encoding="utf-8")
