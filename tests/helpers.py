"""Small tools for tests that break a copy of the fixture data."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
import yaml

from plantrack.dataset import Dataset, load_dataset
from plantrack.evidence import (EvidenceRecord, EvidenceTables, OBSERVATION_COLUMNS, READING_COLUMNS, SEARCH_COLUMNS,
                                SOURCE_COLUMNS, evidence_frame)
from plantrack.issues import DataError
from plantrack.registry import Area, Indicator, Registry, Target


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


def make_dataset(target: dict, unit: str, points: list[tuple], evidence: list[tuple] = (), source_kind="official_statistics",
                 measure: str = "stock") -> tuple[Target, Dataset]:
    """points: (period, value_std, qualifier). evidence: (date, scope, state, match)."""
    t = Target.model_validate({"id": "t", "area": "a", "clause": "一(三)", "wording_zh": "x", "wording_en": "x",
                               "deadline": 2017, **target})
    indicator = Indicator(id="i", name_zh="x", name_en="x", unit=unit, definition="x", publisher="x", measure=measure)
    registry = Registry(areas={"a": Area(id="a", title_zh="x", title_en="x", clause="x", agencies=[], description="x")},
                        indicators={"i": indicator}, targets={"t": t})
    obs = pd.DataFrame([{"indicator_id": "i", "period": p, "value": str(v), "unit": unit, "qualifier": q,
                         "source_id": "s", "quote": str(v), "note": "", "year": int(p[:4]), "as_of": p,
                         "value_std": float(v), "unit_std": unit} for p, v, q in points],
                       columns=list(OBSERVATION_COLUMNS) + ["year", "as_of", "value_std", "unit_std"])
    sources = pd.DataFrame([{"source_id": "s", "publisher": "p", "original_publisher": "", "title": "t", "url": "http://x",
                             "published": "", "accessed": "2026-11-28", "kind": source_kind, "language": "zh"}], columns=SOURCE_COLUMNS)
    ev = evidence_frame([EvidenceRecord(record_id=f"ev-{n:03d}", target_id="t", date=d, scope=scope, state=state, match=match,
                                        quote_check="verbatim", summary="s", source_id="s", quote="q", review="both readings agree")
                         for n, (d, scope, state, match) in enumerate(evidence)])
    tables = EvidenceTables(sources=sources, observations=obs, evidence=ev, searches=pd.DataFrame(columns=SEARCH_COLUMNS),
                            readings=pd.DataFrame(columns=READING_COLUMNS))
    return t, Dataset(data_dir=Path("."), registry=registry, evidence=tables)
