"""The build refuses pages whose statements contradict each other; planted contradictions show it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from plantrack.assess import assess_target
from plantrack.consistency import check_all, contradictions
from plantrack.dataset import load_dataset

from helpers import make_dataset

ROOT = Path(__file__).resolve().parent.parent
SALES = {"kind": "threshold", "comparator": ">", "value": 1.2, "unit": "万亿元", "indicator": "i"}
SERIES = [("2015", 8000, "exact"), ("2016", 10000, "exact"), ("2017", 13000, "exact")]


def test_a_consistent_assessment_has_no_contradiction():
    target, ds = make_dataset(SALES, "亿元", SERIES)
    assert contradictions(assess_target(target, ds), target, ds) == []


@pytest.mark.parametrize("planted, expected", [
    ({"verdict": "not met"}, "gives 'met'"),
    ({"projection_year": 2019.0}, "projection"),
    ({"progress_class": "insufficient progress"}, "insufficient progress"),
])
def test_planted_contradictions_in_a_quantified_target_are_found(planted, expected):
    target, ds = make_dataset(SALES, "亿元", SERIES)
    a = dataclasses.replace(assess_target(target, ds), **planted)
    found = contradictions(a, target, ds)
    assert len(found) >= 1 and any(expected in f for f in found)


def test_a_sentence_saying_no_figure_beside_a_deadline_figure_is_found():
    target, ds = make_dataset(SALES, "亿元", SERIES)
    a = assess_target(target, ds)
    found = contradictions(a, target, ds, page_sentences=["No published figure of sales for 2017 was found."])
    assert found == ["a sentence says no figure was found although the deadline year has one"]


def test_a_rank_carried_forward_is_found():
    spec = {"kind": "rank", "comparator": "<=", "value": 3, "unit": "位", "indicator": "i"}
    target, ds = make_dataset(spec, "位", [("2015", 2, "exact")])
    a = dataclasses.replace(assess_target(target, ds), status_now="met")
    assert any("carried forward" in f for f in contradictions(a, target, ds))


def test_an_achieved_milestone_without_a_counted_record_is_found():
    target, ds = make_dataset({"kind": "milestone"}, "家", [], evidence=[("2017", "local", "done", "exact")])
    a = assess_target(target, ds)
    assert contradictions(a, target, ds) == []
    planted = dataclasses.replace(a, verdict="achieved", status_now="achieved")
    assert len(contradictions(planted, target, ds)) == 2


def test_the_real_data_has_no_contradiction():
    dataset = load_dataset(ROOT / "data")
    assessments = {t: assess_target(target, dataset) for t, target in dataset.registry.targets.items()}
    assert check_all(dataset, assessments) == []
