"""Statements that must agree: a build stops when a target's verdict, status now, progress class,
projection, first year met or "no figure" sentence contradict each other.

Every statement on a page is generated from one Assessment; the checks here look for pairs that
no reader could believe together, so that a rule change that breaks one statement cannot ship.
"""

from __future__ import annotations

import math
from typing import Optional

from .assess import ABOUT_TOLERANCE, Assessment, compare, threshold_in_indicator_unit
from .dataset import Dataset
from .registry import Target
from .words import sentences

LEVEL_VERDICTS = ("met", "not met", "borderline")
ACHIEVED = ("met", "achieved")
# Gaps are not failures: a verdict is one of these when no figure or record decides it.
GAP_VERDICTS = ("not measurable", "no evidence")


def contradictions(a: Assessment, target: Target, dataset: Dataset, page_sentences: Optional[list[str]] = None) -> list[str]:
    """Every contradiction among the statements on the target's section (empty when none)."""
    found = []
    indicator = dataset.registry.indicators.get(target.indicator) if target.indicator else None
    if page_sentences is None:
        page_sentences = sentences(a, target, indicator)
    text = " ".join(page_sentences)

    if a.projection_year is not None and a.status_now in ACHIEVED:
        found.append(f"a projection of when the target will be reached ({a.projection_year:.0f}) beside 'now: {a.status_now}'")
    if a.verdict in ACHIEVED and a.progress_class in ("insufficient progress", "moving away"):
        found.append(f"verdict '{a.verdict}' beside '{a.progress_class}'")
    if a.verdict == "not met" and a.progress_ratio is not None and a.progress_ratio >= 1 and a.deadline_qualifier == "exact":
        found.append(f"verdict 'not met' beside a progress ratio of {a.progress_ratio:.2f} (at least the growth required)")
    if a.first_met_year is not None and a.first_met_year <= a.deadline and target.kind not in ("rank",) \
            and not a.evidence_based and a.verdict not in ACHIEVED and a.verdict != "borderline" and a.deadline_value is None:
        found.append(f"met in {a.first_met_year}, before the {a.deadline} deadline, yet the verdict is '{a.verdict}'")
    if a.evidence_based:
        if a.verdict == "achieved" and (a.first_met_year is None or a.first_met_year > a.deadline):
            found.append("verdict 'achieved' without a counted record of achievement dated by the deadline")
        if a.status_now == "achieved" and a.first_met_year is None:
            found.append("'now: achieved' without a counted record of achievement")
    elif indicator is not None and a.deadline_value is not None and a.verdict in LEVEL_VERDICTS:
        threshold, _ = threshold_in_indicator_unit(target, indicator)
        value = min(a.deadline_value, 100.0) if target.kind == "share" else a.deadline_value
        expected = compare(value, a.deadline_qualifier or "exact", target.comparator, threshold, target.tolerance or ABOUT_TOLERANCE)
        if expected != a.verdict:
            found.append(f"verdict '{a.verdict}' but the deadline figure {a.deadline_value} gives '{expected}'")
    if a.latest_value is not None and not (isinstance(a.latest_value, float) and math.isnan(a.latest_value)):
        if "No published figure" in text and a.deadline_value is not None:
            found.append("a sentence says no figure was found although the deadline year has one")
    if target.kind == "rank" and a.status_now in ACHIEVED and (a.latest_year or 0) < a.deadline:
        found.append(f"a rank from {a.latest_year} carried forward as 'now: {a.status_now}'")
    if a.verdict in GAP_VERDICTS and "was already met" in text:
        found.append(f"verdict '{a.verdict}' beside a sentence saying the target was met")
    return found


def check_all(dataset: Dataset, assessments: dict[str, Assessment]) -> list[str]:
    """Every contradiction of every target, each prefixed with its target id."""
    out = []
    for target_id, a in assessments.items():
        target = dataset.registry.targets[target_id]
        out += [f"{target_id}: {c}" for c in contradictions(a, target, dataset)]
    return out
