"""What changed between two editions, computed from their data, never written by hand."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

KEY = ["indicator_id", "period", "source_id"]


@dataclass
class Changes:
    added: pd.DataFrame
    removed: pd.DataFrame
    revised: pd.DataFrame
    verdicts: pd.DataFrame
    new_sources: pd.DataFrame
    new_targets: list[str]
    dropped_targets: list[str]


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def compare_editions(previous: Path, current_observations: pd.DataFrame, current_sources: pd.DataFrame,
                     current_assessment: pd.DataFrame) -> Changes:
    """previous: the data folder of the previous edition (its data package)."""
    old = _read(previous, "observations.csv")
    new = current_observations[old.columns.tolist()].astype(str)
    merged = old.merge(new, on=KEY, how="outer", suffixes=("_old", "_new"), indicator=True)
    added = merged[merged["_merge"] == "right_only"]
    removed = merged[merged["_merge"] == "left_only"]
    both = merged[merged["_merge"] == "both"]
    changed = (both["value_old"] != both["value_new"]) | (both["unit_old"] != both["unit_new"]) | (both["qualifier_old"] != both["qualifier_new"])
    revised = both[changed]
    columns = KEY + ["value", "unit", "qualifier", "quote"]
    added = added.rename(columns=lambda c: c.removesuffix("_new"))[columns].reset_index(drop=True)
    removed = removed.rename(columns=lambda c: c.removesuffix("_old"))[columns].reset_index(drop=True)
    revised = revised[KEY + ["value_old", "unit_old", "value_new", "unit_new", "qualifier_old", "qualifier_new"]].reset_index(drop=True)

    old_assessment = _read(previous, "assessment.csv")[["target_id", "verdict", "status_now"]]
    now = current_assessment[["target_id", "verdict", "status_now"]].astype(str)
    both_verdicts = old_assessment.merge(now, on="target_id", suffixes=("_old", "_new"))
    verdicts = both_verdicts[(both_verdicts["verdict_old"] != both_verdicts["verdict_new"]) |
                             (both_verdicts["status_now_old"] != both_verdicts["status_now_new"])].reset_index(drop=True)
    old_sources = set(_read(previous, "sources.csv")["source_id"])
    new_sources = current_sources[~current_sources["source_id"].isin(old_sources)].reset_index(drop=True)
    old_targets, new_targets = set(old_assessment["target_id"]), set(now["target_id"])
    return Changes(added, removed, revised, verdicts, new_sources, sorted(new_targets - old_targets), sorted(old_targets - new_targets))
