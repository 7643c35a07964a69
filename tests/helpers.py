"""Small tools for tests that break a copy of the fixture data."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from plantrack.dataset import load_dataset
from plantrack.issues import DataError


def edit_yaml(path: Path, index: int, **changes) -> None:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            entries[index].pop(key, None)
        else:
            entries[index][key] = value
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")


def append_yaml(path: Path, entry: dict) -> None:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries.append(entry)
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path: Path, rows: list[dict], columns: list[str] | None = None) -> None:
    columns = columns or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit_csv(path: Path, index: int, **changes) -> None:
    rows = read_csv(path)
    rows[index].update(changes)
    write_csv(path, rows)


def append_csv(path: Path, **row) -> None:
    rows = read_csv(path)
    rows.append({column: row.get(column, "") for column in rows[0]})
    write_csv(path, rows)


def rejection(data_dir: Path) -> list:
    """Load the data, expecting failure; return the issues reported."""
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    return caught.value.issues


def only_issue(data_dir: Path):
    issues = rejection(data_dir)
    assert len(issues) == 1, "\n".join(map(str, issues))
    return issues[0]
