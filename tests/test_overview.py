"""The overview at a glance, on the fixture and on the real data: the scoreboard at the deadline
and now in counts and percentages, quantified targets beside milestones, areas by verdict, headline
findings from the assessment, and one vocabulary for scoreboard, badges and text."""

from __future__ import annotations

import re

import pytest

from plantrack.assess import assess_targets
from plantrack.dataset import load_dataset
from plantrack.html import render
from plantrack.scoreboard import area_matrix, headline_findings, percent, quality_rows, scoreboard
from plantrack.verdicts import Group, Verdict

from conftest import FIXTURE, ROOT


@pytest.fixture(scope="module", params=["fixture", "real"])
def assessed(request):
    dataset = load_dataset(FIXTURE if request.param == "fixture" else ROOT / "data")
    return dataset, assess_targets(dataset, 2026)


def test_every_column_of_the_scoreboard_counts_every_target_once(assessed):
    dataset, assessments = assessed
    rows = scoreboard(assessments)
    milestones = sum(a.kind == "milestone" for a in assessments.values())
    for column, total in (("quantified", len(assessments) - milestones), ("milestones", milestones),
                          ("deadline", len(assessments)), ("now", len(assessments))):
        assert sum(r[column].n for r in rows) == total, column
        assert all(r[column].total == total for r in rows)
    met = rows[0]["deadline"]
    assert str(met) == f"{met.n} ({round(100 * met.n / len(assessments))}%)"


def test_percentages_are_whole_and_nothing_divides_by_zero():
    assert (percent(1, 3), percent(2, 3), percent(0, 0)) == ("33%", "67%", "–")


def test_the_area_matrix_holds_every_target(assessed):
    dataset, assessments = assessed
    rows = area_matrix(dataset.registry, assessments)
    assert sum(r["total"] for r in rows) == len(assessments)
    assert all(sum(c.n for c in r["cells"].values()) == r["total"] for r in rows)


def test_headline_findings_are_three_to_five_and_their_numbers_come_from_the_assessment(assessed):
    dataset, assessments = assessed
    findings = headline_findings(dataset.registry, assessments, 2026)
    assert 3 <= len(findings) <= 5
    met = sum(Verdict(a.verdict).is_met for a in assessments.values())
    assert f"{met} ({round(100 * met / len(assessments))}%) were met or achieved" in findings[0]
    assert all(not re.search(r"\b1 (queries|targets|milestones)\b", f) for f in findings)


def test_one_vocabulary_scoreboard_badges_and_text(assessed):
    dataset, assessments = assessed
    # every group is named by the badge words it counts, and every badge word is in one group
    assert sorted(w for g in Group for w in g.members) == sorted(Verdict)
    for group in Group:
        assert group.label.replace(" or ", ", ").split(", ") == [str(v) for v in group.members]
    html = render("scoreboard.html", rows=scoreboard(assessments), bars=[])
    assert [f">{g.label}<" in html for g in Group] == [True] * 4
    for finding in headline_findings(dataset.registry, assessments, 2026):
        for word in ("unknown", "not met", "partly"):
            assert word not in finding or any(word in g.label for g in Group)


def test_quality_grades_are_explained_and_counted(assessed):
    _, assessments = assessed
    rows = quality_rows(assessments)
    assert [r["grade"] for r in rows] == list("ABCD") and all(r["meaning"] for r in rows)
    assert sum(r["cell"].n for r in rows) == len(assessments)
