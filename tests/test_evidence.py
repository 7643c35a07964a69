"""Sources, observations and milestone evidence: conversion, and every rejection the analyst may meet."""

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from plantrack.dataset import load_dataset
from plantrack.evidence import AGREED_ZH, EVIDENCE_COLUMNS, TRANSLATED, value_in_quote
from plantrack.i18n import language, local
from plantrack.units import UnitError, convert

from helpers import append_csv, edit_csv, only_issue, read_csv


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



# --------------------------------------------------------------------------- Chinese beside the English

REAL_DATA = Path(__file__).resolve().parent.parent / "data"
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("column", TRANSLATED["evidence.csv"])
def test_a_missing_chinese_cell_is_refused_naming_file_row_and_column(data_dir, column):
    english = read_csv(data_dir / "evidence.csv")[0][column]
    edit_csv(data_dir / "evidence.csv", 0, **{f"{column}_zh": ""})
    issue = only_issue(data_dir)
    assert (issue.file, issue.row, issue.field) == ("evidence.csv", "row 1 (line 2)", f"{column}_zh")
    assert str(issue).startswith(f"evidence.csv, row 1 (line 2), field '{column}_zh'")
    assert english[:40] in issue.expected


def test_english_pasted_into_the_chinese_column_is_refused(data_dir):
    row = read_csv(data_dir / "evidence.csv")[0]
    edit_csv(data_dir / "evidence.csv", 0, summary_zh=row["summary"])
    issue = only_issue(data_dir)
    assert (issue.field, issue.value) == ("summary_zh", row["summary"]) and "Chinese text" in issue.expected


def test_review_zh_says_the_readings_agree_exactly_where_review_does(data_dir):
    edit_csv(data_dir / "evidence.csv", 0, review_zh="第二次判读的范围不同（province与local）；定为local。")
    issue = only_issue(data_dir)
    assert issue.field == "review_zh" and AGREED_ZH in issue.expected


def test_review_zh_does_not_say_agree_where_review_resolves_a_difference(data_dir):
    edit_csv(data_dir / "evidence_readings.csv", 1, scope="local")
    edit_csv(data_dir / "evidence.csv", 0, review="Second reading differed on scope (province vs local); resolved to province.",
             review_zh=AGREED_ZH)
    issue = only_issue(data_dir)
    assert (issue.field, issue.value) == ("review_zh", AGREED_ZH) and "resolved" in issue.expected


def test_each_chinese_column_sits_right_after_its_english_one():
    for column in TRANSLATED["evidence.csv"]:
        assert EVIDENCE_COLUMNS.index(f"{column}_zh") == EVIDENCE_COLUMNS.index(column) + 1
    with (REAL_DATA / "evidence.csv").open(encoding="utf-8", newline="") as f:
        assert tuple(next(csv.reader(f))) == EVIDENCE_COLUMNS


@pytest.fixture(scope="module")
def real_evidence():
    return load_dataset(REAL_DATA).evidence.evidence  # raises on any data problem, a missing translation included


def test_the_real_data_has_chinese_for_every_english_prose_cell(real_evidence):
    """What a Chinese page shows for each record: Chinese text, never the English in its place."""
    assert len(real_evidence) > 100
    for row in real_evidence.itertuples():
        for column in TRANSLATED["evidence.csv"]:
            english = getattr(row, column)
            with language("zh"):
                shown = local(row, column)
            assert english.strip() and CHINESE.search(shown) and shown != english, (row.record_id, column)


# a figure as written in either language: 36.7bn, 258,000, $30m, 367亿, 25.8万, 800多亿
FIGURE = re.compile(r"(?<![0-9A-Za-z.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*-?(trillion|billion|bn|million|m)\b|[多余]?(万亿|亿|万))?")
SCALE = {"trillion": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "m": 1e6, "万亿": 1e12, "亿": 1e8, "万": 1e4}
NUMERALS = dict(zip("一二三四五六七八九", range(1, 10)))
# where the Chinese uses the quote's own word for an English figure
QUOTE_WORDS = {("ev-067", "70"): "七成", ("ev-102", "1,000"): "千吨级", ("ev-139", "10,000"): "每万人"}


def _figures(text: str) -> list[tuple[str, float]]:
    return [(m.group(1) + (m.group(2) or ""), float(m.group(1).replace(",", "") + (m.group(2) or "")) * SCALE.get(m.group(3) or m.group(4), 1))
            for m in FIGURE.finditer(text)]


def _numeral(run: str):
    tens, ten, units = run.partition("十")
    if not ten:
        return NUMERALS.get(run) if len(run) == 1 else None
    if len(tens) > 1 or len(units) > 1:
        return None
    return (NUMERALS[tens] if tens else 1) * 10 + (NUMERALS[units] if units else 0)


def test_every_figure_of_the_english_stands_in_the_chinese(real_evidence):
    """A figure is copied, never changed: 36.7bn yuan is 367亿元, 258,000 is 25.8万, 2nd is 第二."""
    wrong = []
    for row in real_evidence.itertuples():
        for column in TRANSLATED["evidence.csv"]:
            chinese = getattr(row, f"{column}_zh")
            values = [v for _, v in _figures(chinese)]
            for run in re.findall(r"[一二三四五六七八九十]+", chinese):
                values += [_numeral(run[i:j]) or 0 for i in range(len(run)) for j in range(i + 1, min(len(run), i + 3) + 1)]
            for shown, value in _figures(getattr(row, column)):
                word = QUOTE_WORDS.get((row.record_id, shown))
                if not (word and word in chinese) and not any(abs(value - v) <= 1e-9 * max(value, 1) for v in values):
                    wrong.append((row.record_id, column, shown))
    assert not wrong, wrong


def test_the_real_chinese_uses_full_width_punctuation(real_evidence):
    """Between Chinese characters ,:;() are full width, except inside a quotation, which is verbatim."""
    half = re.compile(r"[\u4e00-\u9fff][,:;()?!]|[,:;(?!][\u4e00-\u9fff]")
    wrong = []
    for row in real_evidence.itertuples():
        for column in TRANSLATED["evidence.csv"]:
            prose = re.sub(r"“[^”]*”|‘[^’]*’|《[^》]*》", "“”", getattr(row, f"{column}_zh"))
            if half.search(prose):
                wrong.append((row.record_id, column, half.findall(prose)))
    assert not wrong, wrong
