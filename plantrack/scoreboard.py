"""The overview's answers at a glance, all computed from one assessment: the scoreboard at the
deadline and now, quantified targets beside milestones, areas by verdict group, the quality
grades and the headline findings. The words are those of verdicts.py, as on every badge."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from .assess import Assessment
from .registry import Registry
from .verdicts import Group, Verdict
from .words import plural

QUALITY_GRADES = {
    "A": "no caveat: official figures for the baseline and the deadline, the plan's own measure, sources agree",
    "B": "one caveat",
    "C": "two caveats",
    "D": "three caveats or more, or no figure and no counted evidence at all",
}
QUALITY_CAVEATS = ("a source other than official statistics or a government release", "a proxy indicator", "sources that disagree",
                   "no baseline figure", "no figure (or no evidence) for the deadline year")


def percent(n: int, total: int) -> str:
    """A share as readers read it: '47%'; '0%' of nothing is written as '–'."""
    return f"{round(100 * n / total)}%" if total else "–"


@dataclass
class Cell:
    n: int
    total: int

    @property
    def share(self) -> str:
        return percent(self.n, self.total)

    def __str__(self) -> str:
        return f"{self.n} ({self.share})"


def tally(assessments: Iterable[Assessment], now: bool = False) -> dict[Group, Cell]:
    """Targets by verdict group at the deadline (or now), every group listed, with its share."""
    items = list(assessments)
    groups = Counter(Verdict(a.status_now if now else a.verdict).group for a in items)
    return {g: Cell(groups.get(g, 0), len(items)) for g in Group}


def is_quantified(a: Assessment) -> bool:
    return a.kind != "milestone"


def scoreboard(assessments: dict[str, Assessment]) -> list[dict]:
    """One row per verdict group: quantified targets and milestones at their deadlines, all targets
    at their deadlines and now."""
    everything = list(assessments.values())
    quantified = [a for a in everything if is_quantified(a)]
    milestones = [a for a in everything if not is_quantified(a)]
    columns = {"quantified": tally(quantified), "milestones": tally(milestones), "deadline": tally(everything),
               "now": tally(everything, now=True)}
    return [{"group": g, **{name: column[g] for name, column in columns.items()}} for g in Group]


def area_matrix(registry: Registry, assessments: dict[str, Assessment]) -> list[dict]:
    """Areas by verdict group at the deadline, with each area's count of targets."""
    rows = []
    for area in registry.areas.values():
        ours = [assessments[t.id] for t in registry.targets_of(area.id)]
        if ours:
            rows.append({"area": area, "total": len(ours), "cells": tally(ours)})
    return rows


def quality_rows(assessments: dict[str, Assessment]) -> list[dict]:
    counts = Counter(a.quality for a in assessments.values())
    return [{"grade": g, "meaning": m, "cell": Cell(counts.get(g, 0), len(assessments))} for g, m in QUALITY_GRADES.items()]


def headline_findings(registry: Registry, assessments: dict[str, Assessment], as_of_year: int) -> list[str]:
    """Three to five sentences on what the assessment finds, every number from it."""
    everything = list(assessments.values())
    total = len(everything)
    deadline, now = tally(everything), tally(everything, now=True)
    quantified = [a for a in everything if is_quantified(a)]
    milestones = [a for a in everything if not is_quantified(a)]
    q, m = tally(quantified), tally(milestones)
    out = [
        f"Of the plan's {plural(total, 'target')}, {deadline[Group.MET]} were {Group.MET.label} by their deadlines, "
        f"{deadline[Group.PARTLY]} {Group.PARTLY.label}, and {deadline[Group.NOT_MET]} {Group.NOT_MET.label}.",
        f"Quantified targets fare {'better' if q[Group.MET].n * m[Group.MET].total > m[Group.MET].n * q[Group.MET].total else 'no better'} "
        f"than milestones: {q[Group.MET].n} of {plural(len(quantified), 'quantified target')} met ({q[Group.MET].share}), "
        f"{m[Group.MET].n} of {plural(len(milestones), 'milestone')} achieved ({m[Group.MET].share}).",
    ]
    gained = now[Group.MET].n - deadline[Group.MET].n
    out.append(f"Counting figures and evidence published up to {as_of_year}, {now[Group.MET]} stand {Group.MET.label} now"
               + (f", {gained} more than at the deadlines." if gained > 0 else "." if gained == 0 else f", {-gained} fewer than at the deadlines."))
    matrix = [r for r in area_matrix(registry, assessments) if r["total"] >= 2]
    if matrix:
        best = max(matrix, key=lambda r: (r["cells"][Group.MET].n / r["total"], r["total"]))
        gap = max(matrix, key=lambda r: (r["cells"][Group.UNKNOWN].n / r["total"], r["total"]))
        out.append(f"{best['area'].title_en} has the best record, {best['cells'][Group.MET].n} of {plural(best['total'], 'target')} "
                   f"{Group.MET.label}; {gap['area'].title_en} has the most gaps, {gap['cells'][Group.UNKNOWN].n} of {gap['total']} with no answer in the record.")
    if deadline[Group.UNKNOWN].n:
        out.append(f"For {deadline[Group.UNKNOWN]} the public record searched gives no answer ({Group.UNKNOWN.label}): "
                   "a gap in the record, not a failure of the plan.")
    return out
