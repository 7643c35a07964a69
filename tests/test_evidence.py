"""Sources, observations and milestone evidence: conversion, and every rejection the analyst may meet."""

import datetime as dt

import pytest

from plantrack.dataset import load_dataset
from plantrack.evidence import value_in_quote
from plantrack.units import UnitError, convert

from helpers import append_csv, edit_csv, only_issue


def test_values_are_converted_into_the_indicator_unit_by_code(data_dir):
    obs = load_dataset(data_dir).observations
    row = obs[(obs.indicator_id == "sales") & (obs.period == "2017")].iloc[0]
    assert (row.value, row.unit, row.value_std, row.unit_std) == ("1.3", "万亿元", 13000.0, "亿元")


@pytest.mark.parametrize("value, unit, to, expected", [
    ("1.2", "万亿元", "亿元", 12000.0),
    ("500", "亿美元", "billion US dollars", 50.0),
    ("1.5", "万个", "个", 15000.0),
    ("215000", "元/人", "万元/人", 21.5),
])
def test_unit_conversion(value, unit, to, expected):
    assert convert(value, unit, to) == pytest.approx(expected)


def test_conversion_between_dimensions_is_refused():
    with pytest.raises(UnitError):
        convert("1", "亿美元", "亿元")


@pytest.mark.parametrize("value, quote, found", [
    ("1.2", "网络零售额突破1.2万亿元", True),
    ("22000", "达22,000亿元", True),
    ("2", "达12亿元", False),
    ("12", "达12.5亿元", False),
    ("93.50", "覆盖率93.5%", True),
])
def test_value_must_stand_in_its_quote(value, quote, found):
    assert value_in_quote(value, quote) is found


def test_unknown_indicator_is_rejected(data_dir):
    edit_csv(data_dir / "observations.csv", 0, indicator_id="gdp")
    issue = only_issue(data_dir)
    assert (issue.file, issue.row, issue.field, issue.value) == ("observations.csv", "row 1 (line 2)", "indicator_id", "gdp")


def test_unknown_source_is_rejected(data_dir):
    edit_csv(data_dir / "observations.csv", 2, source_id="nowhere")
    issue = only_issue(data_dir)
    assert (issue.row, issue.field, issue.value) == ("row 3 (line 4)", "source_id", "nowhere")


def test_duplicate_indicator_period_source_is_rejected(data_dir):
    append_csv(data_dir / "observations.csv", indicator_id="sales", period="2015", value="7611", unit="亿元",
               qualifier="exact", source_id="fx-bulletin-2015", quote="网络零售额7611亿元")
    issue = only_issue(data_dir)
    assert issue.row.startswith("row 11") and "also at row 1" in issue.expected


def test_non_numeric_value_is_rejected(data_dir):
    edit_csv(data_dir / "observations.csv", 0, value="7611亿")
    issue = only_issue(data_dir)
    assert issue.field == "value" and "plain number" in issue.expected


def test_missing_quote_is_rejected(data_dir):
    edit_csv(data_dir / "observations.csv", 0, quote="")
    issue = only_issue(data_dir)
    assert issue.field == "quote"


def test_missing_url_is_rejected(data_dir):
    edit_csv(data_dir / "sources.csv", 0, url="")
    issue = only_issue(data_dir)
    assert (issue.file, issue.field) == ("sources.csv", "url")


def test_value_absent_from_its_quote_is_rejected(data_dir):
    edit_csv(data_dir / "observations.csv", 0, value="7612")
    issue = only_issue(data_dir)
    assert "quote to contain the value 7612" in issue.expected


@pytest.mark.parametrize("period", ["2009", str(dt.date.today().year + 1), "2017-13", "17", "2017/11"])
def test_period_outside_range_or_malformed_is_rejected(data_dir, period):
    edit_csv(data_dir / "observations.csv", 0, period=period)
    issue = only_issue(data_dir)
    assert (issue.field, issue.value) == ("period", period)


def test_unit_not_convertible_to_the_indicator_is_rejected(data_dir):
    edit_csv(data_dir / "observations.csv", 0, unit="亿美元")
    issue = only_issue(data_dir)
    assert issue.field == "unit" and "亿元" in issue.expected


def test_unknown_unit_is_rejected(data_dir):
    edit_csv(data_dir / "observations.csv", 0, unit="bushels")
    issue = only_issue(data_dir)
    assert (issue.field, issue.value) == ("unit", "bushels")


def test_unknown_qualifier_is_rejected(data_dir):
    edit_csv(data_dir / "observations.csv", 0, qualifier="roughly")
    issue = only_issue(data_dir)
    assert (issue.field, issue.value) == ("qualifier", "roughly")


def test_repost_must_name_the_original_publisher(data_dir):
    edit_csv(data_dir / "sources.csv", 2, original_publisher="")
    issue = only_issue(data_dir)
    assert (issue.file, issue.field) == ("sources.csv", "original_publisher") and "repost" in issue.expected


def test_evidence_for_unknown_target_is_rejected(data_dir):
    edit_csv(data_dir / "evidence.csv", 0, target_id="gov-moon")
    issue = only_issue(data_dir)
    assert (issue.file, issue.field, issue.value) == ("evidence.csv", "target_id", "gov-moon")


def test_unknown_grade_is_rejected(data_dir):
    edit_csv(data_dir / "evidence.csv", 0, state="finished")
    issue = only_issue(data_dir)
    assert (issue.file, issue.field, issue.value) == ("evidence.csv", "state", "finished")


def test_record_without_a_second_reading_is_rejected(data_dir):
    path = data_dir / "evidence_readings.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if ",second," not in line) + "\n", encoding="utf-8")
    issue = only_issue(data_dir)
    assert (issue.file, issue.field, issue.value) == ("evidence.csv", "record_id", "ev-001") and "second reading" in issue.expected


def test_readings_that_differ_must_say_how_they_were_resolved(data_dir):
    edit_csv(data_dir / "evidence_readings.csv", 1, scope="local")
    issue = only_issue(data_dir)
    assert (issue.file, issue.field) == ("evidence.csv", "review") and "scope" in issue.expected

