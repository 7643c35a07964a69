"""A catalogue of bad inputs: each is rejected with a message naming the file (and row, field)
and stops the build before anything is published. Harmless spreadsheet habits are accepted."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from plantrack.cli import validate
from plantrack.dataset import load_dataset
from plantrack.build import BuildError, Layout, build_edition
from plantrack.issues import DataError

from conftest import ROOT, tree_digest
from helpers import append_csv, append_yaml, edit_csv, edit_yaml, read_csv, write_csv

NEXT_YEAR = str(dt.date.today().year + 1)


def replace_text(name, old, new):
    def apply(d: Path):
        path = d / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def write_bytes(name, data: bytes):
    return lambda d: (d / name).write_bytes(data)


BILLION_LAUGHS = b"""- &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
- &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
- &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
- &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
- &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
- &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
- &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
- &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
- &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""
NEW_AREA = {"id": "cooking", "title_zh": "烹饪", "title_en": "Cooking", "clause": "二", "agencies": [], "description": "A new area.",
            "description_zh": "一个新的任务领域。"}


CATALOGUE = {
    "malformed CSV quote": (replace_text("observations.csv", '"网络零售额16,719亿元"', '"网络零售额16,719亿元'), "observations.csv, line 5"),
    "wrong encoding (GBK)": (write_bytes("sources.csv", "source_id,publisher\nx,浙江省统计局\n".encode("gbk")), "sources.csv, byte 22"),
    "NUL bytes (a spreadsheet file renamed)": (write_bytes("evidence.csv", b"PK\x03\x04\x00\x00binary"), "evidence.csv: got 'NUL byte'"),
    "empty CSV file": (write_bytes("observations.csv", b""), "observations.csv: got 'empty file'"),
    "missing CSV file": (lambda d: (d / "sources.csv").unlink(), "sources.csv: got"),
    "missing YAML file": (lambda d: (d / "indicators.yaml").unlink(), "indicators.yaml: got"),
    "renamed column": (replace_text("observations.csv", ",quote,", ",quotation,"), "observations.csv, header, field 'quote'"),
    "too many fields in a row": (replace_text("observations.csv", "sales,2015,7611,亿元,exact,", "sales,2015,7611,亿元,exact,extra,"), "observations.csv, row 1 (line 2): got '9 fields'"),
    "duplicate target id": (replace_text("targets.yaml", "- id: com-villages", "- id: com-sales"), "targets.yaml, entry 2 (line 16), field 'id'"),
    "duplicate source id": (replace_text("sources.csv", "fx-news,", "fx-bulletin-2015,"), "sources.csv, row 3 (line 4), field 'source_id'"),
    "duplicate key in one YAML entry": (replace_text("targets.yaml", "  deadline: 2017\n  indicator: sales", "  deadline: 2017\n  deadline: 2018\n  indicator: sales"), "targets.yaml, line 12, field 'deadline'"),
    "YAML tag constructing an object": (replace_text("areas.yaml", "title_en: Commerce (fixture)", "title_en: !!python/object/apply:os.system ['id']"), "areas.yaml, line 4, column 13"),
    "malformed YAML": (replace_text("indicators.yaml", "unit: 亿元", "unit: [亿元"), "indicators.yaml, line 6, column 13"),
    "empty YAML file": (write_bytes("targets.yaml", b""), "targets.yaml: got 'empty file'"),
    "YAML mapping instead of a list": (write_bytes("areas.yaml", b"id: commerce\n"), "areas.yaml, line 1"),
    "unknown field (typo) in YAML": (replace_text("targets.yaml", "  deadline: 2020", "  deadlin: 2020"), "targets.yaml, entry 5 (line 45)"),
    "huge number": (lambda d: edit_csv(d / "observations.csv", 0, value="7611000000000000", quote="7611000000000000"), "observations.csv, row 1 (line 2), field 'value'"),
    "negative number": (lambda d: edit_csv(d / "observations.csv", 0, value="-7611", quote="-7611亿元"), "observations.csv, row 1 (line 2), field 'value'"),
    "not a number": (lambda d: edit_csv(d / "observations.csv", 0, value="about 7611"), "observations.csv, row 1 (line 2), field 'value'"),
    "period in the future": (lambda d: edit_csv(d / "observations.csv", 0, period=NEXT_YEAR), "observations.csv, row 1 (line 2), field 'period'"),
    "period malformed": (lambda d: edit_csv(d / "observations.csv", 0, period="2017/11"), "observations.csv, row 1 (line 2), field 'period'"),
    "source published in the future": (lambda d: edit_csv(d / "sources.csv", 0, published=f"{NEXT_YEAR}-01-01"), "sources.csv, row 1 (line 2), field 'published'"),
    "evidence dated in the future": (lambda d: edit_csv(d / "evidence.csv", 0, date=f"{NEXT_YEAR}-06"), "evidence.csv, row 1 (line 2), field 'date'"),
    "unknown unit": (lambda d: edit_csv(d / "observations.csv", 0, unit="亿磅"), "observations.csv, row 1 (line 2), field 'unit'"),
    "unit of another dimension": (lambda d: edit_csv(d / "observations.csv", 0, unit="万户"), "observations.csv, row 1 (line 2), field 'unit'"),
    "value not in its quote": (lambda d: edit_csv(d / "observations.csv", 0, quote="全年网络零售额"), "observations.csv, row 1 (line 2), field 'quote'"),
    "unknown qualifier": (lambda d: edit_csv(d / "observations.csv", 0, qualifier="约"), "observations.csv, row 1 (line 2), field 'qualifier'"),
    "address that is not a web address": (lambda d: edit_csv(d / "sources.csv", 0, url="javascript:alert(1)"), "sources.csv, row 1 (line 2), field 'url'"),
    "unknown source kind": (lambda d: edit_csv(d / "sources.csv", 0, kind="blog"), "sources.csv, row 1 (line 2), field 'kind'"),
    "unknown evidence grade": (lambda d: edit_csv(d / "evidence.csv", 0, state="finished"), "evidence.csv, row 1 (line 2), field 'state'"),
    "unknown indicator of a target": (lambda d: edit_yaml(d / "targets.yaml", 0, indicator="gdp"), "targets.yaml, entry 1 (line 1), field 'indicator'"),
    "deadline before baseline": (lambda d: edit_yaml(d / "targets.yaml", 1, deadline=2016, baseline_year=2019), "targets.yaml, entry 2 (line 16)"),
    # Cases below name the row (a part of it) and the field the message must give.
    # target values: finite, and in range for their kind
    "target value .nan": (replace_text("targets.yaml", "  value: 1.2\n", "  value: .nan\n"), "targets.yaml", "entry 1 ", "value"),
    "target value .inf": (replace_text("targets.yaml", "  value: 1.2\n", "  value: .inf\n"), "targets.yaml", "entry 1 ", "value"),
    "target value -.inf": (replace_text("targets.yaml", "  value: 1.2\n", "  value: -.inf\n"), "targets.yaml", "entry 1 ", "value"),
    "negative threshold": (replace_text("targets.yaml", "  value: 1.2\n", "  value: -5\n"), "targets.yaml", "entry 1 ", "value"),
    "zero count": (lambda d: edit_yaml(d / "targets.yaml", 0, kind="count", value=0), "targets.yaml", "entry 1 ", "value"),
    "share above 100": (replace_text("targets.yaml", "  value: 95\n", "  value: 120\n"), "targets.yaml", "entry 2 ", "value"),
    "rank not a whole number": (replace_text("targets.yaml", "  value: 3\n", "  value: 2.5\n"), "targets.yaml", "entry 3 ", "value"),
    "rank zero": (replace_text("targets.yaml", "  value: 3\n", "  value: 0\n"), "targets.yaml", "entry 3 ", "value"),
    "range whose top is not above its bottom": (lambda d: edit_yaml(d / "targets.yaml", 0, kind="range", comparator="between", value=2, value_high=2),
                                                "targets.yaml", "entry 1 ", "value_high"),
    "value_high on a threshold": (lambda d: edit_yaml(d / "targets.yaml", 0, value_high=2), "targets.yaml", "entry 1 ", "value_high"),
    "deadline not a whole year": (lambda d: edit_yaml(d / "targets.yaml", 0, deadline=2017.5), "targets.yaml", "entry 1 ", "deadline"),
    "deadline far in the future": (lambda d: edit_yaml(d / "targets.yaml", 0, deadline=2999), "targets.yaml", "entry 1 ", "deadline"),
    "baseline year implausible": (lambda d: edit_yaml(d / "targets.yaml", 0, baseline_year=1900), "targets.yaml", "entry 1 ", "baseline_year"),
    "deadline true": (replace_text("targets.yaml", "  deadline: 2017\n  indicator: sales", "  deadline: true\n  indicator: sales"), "targets.yaml", "entry 1 ", "deadline"),
    "target value as quoted text": (replace_text("targets.yaml", "  value: 1.2\n", "  value: '1.2'\n"), "targets.yaml", "entry 1 ", "value"),
    "target value in full-width digits": (replace_text("targets.yaml", "  value: 95\n", "  value: ９５\n"), "targets.yaml", "entry 2 ", "value"),
    # YAML 1.1 surprises, aliases, size and depth
    "octal-looking 012": (replace_text("targets.yaml", "  value: 95\n", "  value: 012\n"), "targets.yaml", "entry 2 ", "value"),
    "sexagesimal 1:20": (replace_text("targets.yaml", "  value: 1.2\n", "  value: 1:20\n"), "targets.yaml", "entry 1 ", "value"),
    "underscore in a number": (replace_text("targets.yaml", "  value: 95\n", "  value: 9_5\n"), "targets.yaml", "entry 2 ", "value"),
    "integer of thousands of digits": (replace_text("targets.yaml", "  value: 95\n", "  value: " + "9" * 5000 + "\n"), "targets.yaml", "entry 2 ", "value"),
    "billion laughs (aliases)": (write_bytes("targets.yaml", BILLION_LAUGHS), "targets.yaml", "line 1", ""),
    "anchor on an entry": (replace_text("areas.yaml", "- id: governance", "- &gov\n  id: governance"), "areas.yaml", "line 11", ""),
    "nesting thousands of levels deep": (write_bytes("indicators.yaml", b"[" * 5000 + b"]" * 5000), "indicators.yaml", "line 1", ""),
    "YAML file of 20 MB": (write_bytes("indicators.yaml", b"# padding\n" * 2_000_000), "indicators.yaml", "", ""),
    "CSV file of 20 MB": (lambda d: (d / "searches.csv").write_bytes((d / "searches.csv").read_bytes() + b"\n" * 20_000_000), "searches.csv", "", ""),
    # ids: upper case and full-width letters are refused everywhere, with the id meant
    "upper-case target id": (replace_text("targets.yaml", "- id: com-sales", "- id: Com-Sales"), "targets.yaml", "entry 1 ", "id"),
    "full-width letters in an area id": (replace_text("areas.yaml", "- id: governance", "- id: ｇｏｖｅｒｎａｎｃｅ"), "areas.yaml", "entry 2 ", "id"),
    "upper-case source id": (lambda d: edit_csv(d / "sources.csv", 2, source_id="FX-news"), "sources.csv", "row 3 ", "source_id"),
    "upper-case indicator reference": (lambda d: edit_csv(d / "observations.csv", 0, indicator_id="Sales"), "observations.csv", "row 1 ", "indicator_id"),
    "full-width percent sign": (lambda d: edit_csv(d / "observations.csv", 4, unit="％"), "observations.csv", "row 5 ", "unit"),
    "no-break space inside a reference": (lambda d: edit_csv(d / "observations.csv", 0, source_id="fx-bulletin\u00a02015"), "observations.csv", "row 1 ", "source_id"),
    # observation values and periods: finite, ASCII digits
    "observation value NaN": (lambda d: edit_csv(d / "observations.csv", 0, value="NaN", quote="NaN亿元"), "observations.csv", "row 1 ", "value"),
    "observation value Infinity": (lambda d: edit_csv(d / "observations.csv", 0, value="Infinity", quote="Infinity亿元"), "observations.csv", "row 1 ", "value"),
    "observation value in full-width digits": (lambda d: edit_csv(d / "observations.csv", 0, value="７６１１"), "observations.csv", "row 1 ", "value"),
    "observation value with a no-break space": (lambda d: edit_csv(d / "observations.csv", 0, value="7\u00a0611"), "observations.csv", "row 1 ", "value"),
    "observation value with an underscore": (lambda d: edit_csv(d / "observations.csv", 0, value="7_611"), "observations.csv", "row 1 ", "value"),
    "period in full-width digits": (lambda d: edit_csv(d / "observations.csv", 0, period="２０１５"), "observations.csv", "row 1 ", "period"),
    # dates against each other
    "figure for a period after its source was published": (lambda d: edit_csv(d / "observations.csv", 0, period="2017"), "observations.csv", "row 1 ", "period"),
    "as-of date after its source's publication day": (lambda d: edit_csv(d / "observations.csv", 0, period="2016-03-31"), "observations.csv", "row 1 ", "period"),
    "source published after it was accessed": (lambda d: edit_csv(d / "sources.csv", 0, accessed="2016-01-15"), "sources.csv", "row 1 ", "published"),
    "evidence dated a year after its source": (lambda d: edit_csv(d / "evidence.csv", 0, date="2020-03", source_id="fx-news"), "evidence.csv", "row 1 ", "date"),
    # every area has its chapter
    "area without targets": (lambda d: append_yaml(d / "areas.yaml", NEW_AREA), "areas.yaml", "entry 13 ", "id"),
    # English prose a page shows has its Chinese (`<field>_zh`), and Chinese prose its English
    "English proxy without its Chinese": (lambda d: edit_yaml(d / "targets.yaml", 0, proxy_zh=None), "targets.yaml", "entry 1 ", "proxy_zh"),
    "empty Chinese definition": (replace_text("indicators.yaml", "  definition_zh: 测试用的指标。\n", '  definition_zh: ""\n'),
                                 "indicators.yaml", "entry 1 ", "definition_zh"),
    "Chinese agencies note without its English": (lambda d: edit_yaml(d / "areas.yaml", 1, agencies_note_zh="计划未列明责任单位。"),
                                                  "areas.yaml", "entry 2 ", "agencies_note_zh"),
    "evidence summary without its Chinese": (lambda d: edit_csv(d / "evidence.csv", 0, summary_zh=""), "evidence.csv", "row 1 ", "summary_zh"),
    "evidence file without the summary_zh column": (lambda d: write_csv(d / "evidence.csv", [{k: v for k, v in r.items() if k != "summary_zh"} for r in read_csv(d / "evidence.csv")]),
                                                    "evidence.csv, header, field 'summary_zh'"),
    "English pasted into review_zh": (lambda d: edit_csv(d / "evidence.csv", 0, review_zh="both readings agree"), "evidence.csv", "row 1 ", "review_zh"),
}


def rejection(data_dir: Path) -> list:
    """The issues that loading the data, as the build does, reports."""
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    return caught.value.issues


@pytest.mark.parametrize("case", list(CATALOGUE))
def test_bad_input_is_rejected_with_a_clear_message(data_dir, case):
    damage, *where = CATALOGUE[case]
    damage(data_dir)
    issues = rejection(data_dir)
    shown = [str(i) for i in issues]
    assert all(text.startswith(issue.file) and "\n" not in text for issue, text in zip(issues, shown))
    if len(where) == 1:  # the message's start: file, row or line, field
        assert any(text.startswith(where[0]) for text in shown), shown
        return
    file, row, field = where
    named = [i for i in issues if i.file == file and row in f"{i.row} " and i.field == field]
    assert named, shown
    assert all(row.strip() in str(i) and (not field or f"field '{field}'" in str(i)) for i in named)


@pytest.mark.parametrize("case", [c for c in CATALOGUE if len(CATALOGUE[c]) == 4])
def test_make_validate_shows_the_message_never_a_traceback(data_dir, capsys, case):
    damage, file, row, field = CATALOGUE[case]
    damage(data_dir)
    assert validate(["--data", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert any(line.startswith(f"  - {file}") and row.strip() in line for line in err.splitlines()), err


@pytest.mark.parametrize("case, meant", [
    ("upper-case target id", "(write 'com-sales')"), ("upper-case source id", "(write 'fx-news')"),
    ("upper-case indicator reference", "(write 'sales')"), ("full-width percent sign", "(write '%')"),
    ("full-width letters in an area id", "(write 'governance')"), ("target value in full-width digits", "write 95 "),
    ("observation value in full-width digits", "(write 7611)"), ("period in full-width digits", "(write 2015)"),
    ("octal-looking 012", "(12;"), ("underscore in a number", "(95)"),
])
def test_a_character_variant_is_refused_with_the_value_meant(data_dir, case, meant):
    damage, file, row, field = CATALOGUE[case]
    damage(data_dir)
    assert any(meant in issue.expected for issue in rejection(data_dir) if (issue.file, issue.field) == (file, field))


@pytest.fixture
def published_site(tmp_path):
    """A site holding one published edition (fake pages), to check that nothing touches it."""
    site = tmp_path / "_build" / "site" / "2026.1"
    site.mkdir(parents=True)
    (site / "overview.html").write_text("<p>published</p>", encoding="utf-8")
    (site / "manifest.json").write_text(json.dumps({"edition": "2026.1"}), encoding="utf-8")
    return tmp_path / "_build"


@pytest.mark.parametrize("case", list(CATALOGUE))
def test_bad_input_stops_the_build_and_publishes_nothing(data_dir, published_site, case):
    damage, *where = CATALOGUE[case]
    damage(data_dir)
    before = tree_digest(published_site, skip=("build.lock",))
    with pytest.raises(BuildError) as caught:
        build_edition("2026.2", Layout(root=ROOT, data_dir=data_dir, build_dir=published_site, cache=published_site / "cache"),
                      as_of_year=2026)
    file = where[0] if len(where) == 3 else where[0].split(",")[0].split(":")[0]
    assert file in str(caught.value)
    assert tree_digest(published_site, skip=("build.lock",)) == before


@pytest.mark.parametrize("habit", ["bom", "crlf", "header spaces", "value spaces", "trailing blank lines", "no-break spaces around a value",
                                   "line separator in a note", "full-width digits in a quote"])
def test_spreadsheet_habits_are_accepted(data_dir, habit):
    path = data_dir / "observations.csv"
    text = path.read_text(encoding="utf-8")
    if habit == "bom":
        path.write_bytes("\ufeff".encode() + text.encode())
    elif habit == "crlf":
        path.write_bytes(text.replace("\n", "\r\n").encode())
    elif habit == "header spaces":
        header, rest = text.split("\n", 1)
        path.write_text(" , ".join(header.split(",")) + " \n" + rest, encoding="utf-8")
    elif habit == "value spaces":
        rows = read_csv(path)
        rows[0]["value"] = " 7611 "
        write_csv(path, rows)
    elif habit == "no-break spaces around a value":
        edit_csv(path, 0, value="\u00a07611\u3000")
    elif habit == "line separator in a note":  # str.splitlines would cut the row in two here
        edit_csv(path, 0, note="first\u2028second\u0085third")
    elif habit == "full-width digits in a quote":  # quotes are verbatim; the value is found in them
        edit_csv(path, 0, quote="全年网络零售额７６１１亿元")
    else:
        path.write_text(text + "\n\n", encoding="utf-8")
    observations = load_dataset(data_dir).observations
    assert len(observations) == 10 and observations.iloc[0]["value"] == "7611"
    if habit == "line separator in a note":
        assert observations.iloc[0]["note"] == "first\u2028second\u0085third"


def test_billion_laughs_ends_make_validate_at_once(tmp_path):
    """The issue's twelve lines of nested aliases spun past two minutes; now one line, at once."""
    import shutil
    import subprocess
    import sys

    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "data", data)
    (data / "targets.yaml").write_bytes(BILLION_LAUGHS)
    # the timeout only guards against the old endless expansion; bench measures, tests check
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--data", str(data)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "targets.yaml, line 1: got '&a'; expected no anchors" in result.stderr
