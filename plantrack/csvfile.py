"""Reading a CSV file that an analyst edits in a spreadsheet, with precise error locations.

Accepted as harmless: a UTF-8 byte-order mark, Windows line endings, spaces around header names
and around values. Rejected with a message: another encoding, missing or unknown columns,
rows with too many or too few fields.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .issues import DataIssue, too_large


def read_rows(path: Path, columns: tuple[str, ...], optional: tuple[str, ...] = ()) -> tuple[list[tuple[str, dict]], list[DataIssue]]:
    """Return [(where, row)] with every value stripped, and the problems found."""
    name = path.name
    if not path.exists():
        return [], [DataIssue(name, "", "", str(path), "the file to exist")]
    if too_large(path):
        return [], [too_large(path)]
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [DataIssue(name, f"byte {exc.start}", "", repr(exc.object[exc.start:exc.start + 4]), "UTF-8 text (save the file as 'CSV UTF-8')")]
    if not text.strip():
        return [], [DataIssue(name, "", "", "empty file", f"a header line with the columns {', '.join(columns)}")]
    if "\x00" in text:
        return [], [DataIssue(name, "", "", "NUL byte", "plain text (is this a spreadsheet file renamed to .csv?)")]
    # lines end at \n, \r\n or \r only: str.splitlines would also end them at U+2028, U+0085 and
    # other characters that a quote or a note may hold
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        return [], [DataIssue(name, "line 1", "", str(exc), "a valid CSV header line")]
    issues = []
    missing = [c for c in columns if c not in header]
    unknown = [h for h in header if h not in columns and h not in optional]
    if missing:
        issues.append(DataIssue(name, "header", ", ".join(missing), ",".join(header), f"the columns {', '.join(columns)}"))
    if unknown:
        issues.append(DataIssue(name, "header", ", ".join(unknown), ",".join(header), f"only the columns {', '.join(columns + optional)}"))
    duplicated = sorted({h for h in header if header.count(h) > 1})
    if duplicated:
        issues.append(DataIssue(name, "header", ", ".join(duplicated), ",".join(header), "each column once"))
    if issues:
        return [], issues
    rows = []
    number = 0
    while True:
        line = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            issues.append(DataIssue(name, f"line {line}", "", str(exc), "well-formed CSV (check the quotes)"))
            break
        if not any(f.strip() for f in fields):
            continue
        number += 1
        where = f"row {number} (line {line})"
        if len(fields) != len(header):
            issues.append(DataIssue(name, where, "", f"{len(fields)} fields", f"{len(header)} fields, one per column (quote values that contain commas)"))
            continue
        row = {h: f.strip() for h, f in zip(header, fields)}
        for column in optional:
            row.setdefault(column, "")
        rows.append((where, row))
    return rows, issues
