"""The overview's answers at a glance, all computed from one assessment: the scoreboard at the
deadline and now, quantified targets beside milestones, areas by verdict group, the quality
grades and the headline findings. The words are those of verdicts.py, as on every badge."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from .assess import Assessment
from .i18n import N_, _, local
from .registry import Registry
from .verdicts import Group, Verdict
from .words import plural

QUALITY_GRADES = {
    "A": N_("no caveat: official figures for the baseline and the deadline, the plan's own measure, sources agree"),
    "B": N_("one caveat"),
    "C": N_("two caveats"),
    "D": N_("three caveats or more, or no figure and no counted evidence at all"),
}
QUALITY_CAVEATS = (N_("a source other than official statistics or a government release"), N_("a proxy indicator"), N_("sources that disagree"),
                   N_("no baseline figure"), N_("no figure (or no evidence) for the deadline year"))


def quality_caveats() -> list[str]:
    """The caveats that lower a target's data quality grade, in the page's language."""
    return [_(caveat) for caveat in QUALITY_CAVEATS]


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
        return _("{n} ({share})").format(n=self.n, share=self.share)


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
    return [{"grade": g, "meaning": _(m), "cell": Cell(counts.get(g, 0), len(assessments))} for g, m in QUALITY_GRADES.items()]


def headline_findings(registry: Registry, assessments: dict[str, Assessment], as_of_year: int) -> list[str]:
    """Three to five sentences on what the assessment finds, every number from it, in the page's
    language. A cell is written '2 (40%)'; the Chinese sentences write its number and share apart."""
    everything = list(assessments.values())
    total = len(everything)
    deadline, now = tally(everything), tally(everything, now=True)
    quantified = [a for a in everything if is_quantified(a)]
    milestones = [a for a in everything if not is_quantified(a)]
    q, m = tally(quantified), tally(milestones)
    met, partly, not_met, unknown = (g.label for g in (Group.MET, Group.PARTLY, Group.NOT_MET, Group.UNKNOWN))
    out = [_("Of the plan's {targets}, {met} were {met_label} by their deadlines, {partly} {partly_label}, and {not_met} {not_met_label}.").format(
        targets=plural(total, "target"), total=total, met=deadline[Group.MET], met_n=deadline[Group.MET].n, met_share=deadline[Group.MET].share,
        met_label=met, partly=deadline[Group.PARTLY], partly_n=deadline[Group.PARTLY].n, partly_share=deadline[Group.PARTLY].share,
        partly_label=partly, not_met=deadline[Group.NOT_MET], not_met_n=deadline[Group.NOT_MET].n,
        not_met_share=deadline[Group.NOT_MET].share, not_met_label=not_met)]
    better = q[Group.MET].n * m[Group.MET].total > m[Group.MET].n * q[Group.MET].total
    comparison = (_("Quantified targets fare better than milestones: {q_met} of {quantified} met ({q_share}), {m_met} of {milestones} achieved ({m_share}).")
                  if better else
                  _("Quantified targets fare no better than milestones: {q_met} of {quantified} met ({q_share}), {m_met} of {milestones} achieved ({m_share})."))
    out.append(comparison.format(
        q_met=q[Group.MET].n, quantified=plural(len(quantified), "quantified target"),
        q_total=len(quantified), q_share=q[Group.MET].share, m_met=m[Group.MET].n,
        milestones=plural(len(milestones), "milestone"), m_total=len(milestones),
        m_share=m[Group.MET].share))
    gained = now[Group.MET].n - deadline[Group.MET].n
    if gained > 0:
        now_sentence = _("Counting figures and evidence published up to {year}, {met} stand {met_label} now, {change} more than at the deadlines.")
    elif gained == 0:
        now_sentence = _("Counting figures and evidence published up to {year}, {met} stand {met_label} now.")
    else:
        now_sentence = _("Counting figures and evidence published up to {year}, {met} stand {met_label} now, {change} fewer than at the deadlines.")
    out.append(now_sentence.format(year=as_of_year, met=now[Group.MET], met_n=now[Group.MET].n, met_share=now[Group.MET].share,
                                   met_label=met, change=abs(gained)))
    matrix = [r for r in area_matrix(registry, assessments) if r["total"] >= 2]
    if matrix:
        best = max(matrix, key=lambda r: (r["cells"][Group.MET].n / r["total"], r["total"]))
        gap = max(matrix, key=lambda r: (r["cells"][Group.UNKNOWN].n / r["total"], r["total"]))
        out.append(_("{best} has the best record, {best_met} of {best_targets} {met_label}; {gap} has the most gaps, "
                     "{gap_unknown} of {gap_total} with no answer in the record.").format(
            best=local(best["area"], "title"), best_met=best["cells"][Group.MET].n, best_targets=plural(best["total"], "target"), best_total=best["total"],
            met_label=met, gap=local(gap["area"], "title"), gap_unknown=gap["cells"][Group.UNKNOWN].n, gap_total=gap["total"]))
    if deadline[Group.UNKNOWN].n:
        out.append(_("For {unknown} the public record searched gives no answer ({unknown_label}): a gap in the record, not a failure of the plan.").format(
            unknown=deadline[Group.UNKNOWN], unknown_n=deadline[Group.UNKNOWN].n, unknown_share=deadline[Group.UNKNOWN].share,
            unknown_label=unknown))
    return out
