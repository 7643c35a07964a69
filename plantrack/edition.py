"""Edition names, in one place: the pattern they follow, today's default and their order.

Editions are named like versions (2026.11, 2026.11.2) so that the theme's switcher can order them.
"""

from __future__ import annotations

import datetime as dt
import re

PATTERN = re.compile(r"^20\d{2}\.\d{1,2}(\.\d{1,3})?$")
EXPECTED = "year.month, optionally .number (e.g. 2026.11 or 2026.11.2)"


def is_edition_name(name: object) -> bool:
    return isinstance(name, str) and bool(PATTERN.match(name))


def default_edition() -> str:
    return dt.date.today().strftime("%Y.%m")


def edition_order(name: str) -> list:
    """Sort key in natural order: 2026.9 before 2026.10, 2026.11 before 2026.11.2."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]
