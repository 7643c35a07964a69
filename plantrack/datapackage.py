"""A Frictionless data package (datapackage.json) describing an edition's downloadable data."""

from __future__ import annotations

import json
from pathlib import Path

from .evidence import EVIDENCE_COLUMNS, OBSERVATION_COLUMNS, READING_COLUMNS, SEARCH_COLUMNS, SOURCE_COLUMNS

DESCRIPTIONS = {
    "sources": "One row per source document: publisher, title, address, dates, kind, language.",
    "observations": "One row per published figure: value and unit exactly as published, with the verbatim quote.",
    "evidence": "Graded evidence records for milestone targets (scope, state, match, date of the state), with the verbatim quote and what the second reading changed.",
    "evidence_readings": "The two independent readings of every evidence record, grade by grade.",
    "searches": "Every search made for a figure or evidence, including those that found nothing.",
    "observations_imported": "Zhejiang's figures imported from the snapshots of official tables (snapshots/), each quoting its row of the table as written.",
    "assessment": "The computed assessment of every target in this edition.",
}
KEYS = {
    "sources": ["source_id"],
    "observations": ["indicator_id", "period", "source_id"],
}
NUMBER_FIELDS = {"target_value", "baseline_value", "deadline_value", "latest_value", "shortfall", "shortfall_pct",
                 "cagr_actual", "cagr_required", "progress_ratio", "projection_year", "projection_low", "projection_high"}


def _fields(columns) -> list[dict]:
    return [{"name": c, "type": "number" if c in NUMBER_FIELDS else "string"} for c in columns]


def write_datapackage(folder: Path) -> None:
    import csv

    columns = {"sources": SOURCE_COLUMNS, "observations": OBSERVATION_COLUMNS, "evidence": EVIDENCE_COLUMNS,
               "evidence_readings": READING_COLUMNS, "searches": SEARCH_COLUMNS}
    if (folder / "observations_imported.csv").exists():
        columns["observations_imported"] = OBSERVATION_COLUMNS
    with (folder / "assessment.csv").open(encoding="utf-8") as f:
        columns["assessment"] = tuple(next(csv.reader(f)))
    resources = []
    for name, cols in columns.items():
        schema = {"fields": _fields(cols)}
        if name in KEYS:
            schema["primaryKey"] = KEYS[name]
        if name == "observations":
            schema["foreignKeys"] = [{"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}]
        resources.append({"name": name, "path": f"{name}.csv", "format": "csv", "encoding": "utf-8",
                          "description": DESCRIPTIONS[name], "schema": schema})
    for name in ("areas", "indicators", "targets"):
        resources.append({"name": name, "path": f"{name}.yaml", "format": "yaml", "description": f"The registry's {name}; fields in README.md."})
    package = {
        "name": "zhejiang-internet-plus-tracker",
        "title": "Zhejiang \"Internet+\" Action Plan tracker: targets, figures, sources and assessment",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "resources": resources,
    }
    (folder / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
